"""Listing the inputs and cutting them into shards, the same way on every run.

The inputs are read as one stream of records cut every ``shard_size`` records. A file that
holds one article counts one record; an uncompressed JSON Lines file counts one per line and
may be cut between any two lines (a part then names its first line and byte offset, so a
worker seeks straight to it); a container whose records cannot be counted without reading it
(WARC, feeds, JSON arrays, gzip JSON Lines) is a shard of its own.

A shard's id hashes the absolute paths and line ranges of its parts, so the same inputs and
shard size give the same shards on every run and a rerun can skip the finished ones.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..config import Settings
from ..model import Failure
from ..sources.detect import detect_format
from ..sources.paths import InputFile, expand
from ..sources.streams import open_stream

Kind = Literal["single", "lines", "container"]
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class ShardPart:
    """Records of one input file: all of them, or lines ``[start, stop)`` of a JSON Lines file.

    ``input`` is the name the user gave (it names records in the output); ``path`` is the
    absolute path a worker reads, which may run in another directory or on another host.
    """

    input: str
    path: str
    start: int = 0
    stop: int | None = None
    byte_start: int = 0
    byte_stop: int | None = None

    @property
    def whole(self) -> bool:
        return self.stop is None


@dataclass(frozen=True, slots=True)
class Shard:
    id: str
    parts: tuple[ShardPart, ...]
    records: int  # planned; a container counts as a full shard whatever it holds


@dataclass(frozen=True, slots=True)
class Plan:
    shards: tuple[Shard, ...]
    failures: tuple[Failure, ...]  # inputs that could not be listed (missing, unreadable)

    @property
    def records(self) -> int:
        return sum(s.records for s in self.shards)


def shard_id(parts: Sequence[ShardPart]) -> str:
    key = json.dumps([[p.path, p.start, p.stop] for p in parts])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class _Packer:
    shard_size: int
    shards: list[Shard] = field(default_factory=list)
    parts: list[ShardPart] = field(default_factory=list)
    size: int = 0

    @property
    def room(self) -> int:
        return self.shard_size - self.size

    def add(self, part: ShardPart, records: int) -> None:
        self.parts.append(part)
        self.size += records
        if self.size >= self.shard_size:
            self.flush()

    def flush(self) -> None:
        if self.parts:
            self.shards.append(Shard(shard_id(self.parts), tuple(self.parts), self.size))
        self.parts, self.size = [], 0


def plan_shards(
    inputs: Sequence[str], *, settings: Settings, shard_size: int, fmt: str | None = None
) -> Plan:
    """Every input listed once, in order, and packed into shards of ``shard_size`` records."""
    if shard_size < 1:
        raise ValueError(f"shard_size must be at least 1, not {shard_size}")
    packer = _Packer(shard_size)
    failures: list[Failure] = []
    for item in expand(inputs):
        if isinstance(item, Failure):
            failures.append(item)
        elif item.path is None:
            failures.append(Failure(item.name, "a batch cannot share standard input out to "
                                               "workers; save it to a file first"))
        else:
            try:
                _add_file(packer, item, item.path, settings, fmt)
            except OSError as err:
                failures.append(Failure(item.name, f"cannot read: {err.strerror or err}"))
    packer.flush()
    return Plan(tuple(packer.shards), tuple(failures))


def _add_file(
    packer: _Packer, item: InputFile, path: Path, settings: Settings, fmt: str | None
) -> None:
    whole = ShardPart(item.name, str(path.resolve()))
    kind = classify(path, settings, fmt)
    if kind == "single":
        packer.add(whole, 1)
    elif kind == "container":
        packer.flush()
        packer.add(whole, packer.shard_size)
    else:
        for part, lines in _line_parts(whole, packer):
            packer.add(part, lines)


def classify(path: Path, settings: Settings, fmt: str | None) -> Kind:
    """How a file splits, judged from its (decompressed) head like the readers judge it."""
    with path.open("rb") as raw:
        opened = open_stream(raw, settings)
        compressed = opened.guard is not None
        head = opened.head
    found = fmt or detect_format(head)
    if found == "jsonl":
        return "container" if compressed else "lines"
    if found in ("warc", "feed"):
        return "container"
    if found == "json" and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        return "container"
    return "single"


def _line_parts(whole: ShardPart, packer: _Packer) -> Iterator[tuple[ShardPart, int]]:
    """Slices of a JSON Lines file that fill the packer's current shard, then whole shards.

    Lines are counted the way the reader counts them (``\\n`` ends a line, blank lines
    count), so a slice's first line number names its records as the whole-file read would.
    """
    start = byte_start = line = offset = 0
    # The caller adds each slice before this resumes, so ``room`` is already the next shard's.
    for end in _line_ends(Path(whole.path)):
        line, offset = line + 1, end
        if line - start == packer.room:
            yield ShardPart(whole.input, whole.path, start, line, byte_start, offset), line - start
            start, byte_start = line, offset
    if line > start:
        yield ShardPart(whole.input, whole.path, start, line, byte_start, offset), line - start


def _line_ends(path: Path) -> Iterator[int]:
    """Byte offset just past each line, the last one included when it has no newline."""
    position = 0
    pending = False
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            index = chunk.find(b"\n")
            while index >= 0:
                yield position + index + 1
                index = chunk.find(b"\n", index + 1)
            pending = not chunk.endswith(b"\n")
            position += len(chunk)
    if pending:
        yield position

