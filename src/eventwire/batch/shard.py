"""Coding one shard on a worker: read its parts, code them, write Parquet, mark it done.

This runs inside a Dask worker process (or in-process in tests): everything it needs comes
in its arguments, and the pipeline is built once per process and settings.
"""

from __future__ import annotations

import io
import json
import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..config import Settings
from ..errors import InputError
from ..model import Article, Document, Failure
from ..output import to_record
from ..pipeline import Pipeline
from ..sources import meta, read_inputs
from ..sources.jsonl import read_json_lines
from ..sources.streams import open_stream
from .layout import (
    Layout,
    ShardResult,
    published_month,
    remove_stale_temps,
    replace_durably,
    temp_name,
    write_atomic,
)
from .plan import Shard, ShardPart

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

# ``published_month`` is not stored in the files: the Hive layout puts it in the directory
# name, and Parquet readers (pyarrow, DuckDB, Spark) refuse or mistype a column found in both.
ROW_SCHEMA = pa.schema([
    ("id", pa.string()),
    ("input", pa.string()),
    ("record", pa.string()),  # the eventwire.article/1 record as compact JSON
])
_ROW_GROUP = 256


@dataclass(frozen=True)
class _Loaded:
    pipeline: Pipeline
    # Workers started with several threads would otherwise share one spaCy pipeline at once.
    lock: threading.Lock = field(default_factory=threading.Lock)


@lru_cache(maxsize=2)
def _worker_pipeline(settings: Settings) -> _Loaded:
    # spaCy cannot fork more processes from a (daemonic) Dask worker; the worker is the unit.
    return _Loaded(Pipeline(settings.with_(workers=1)))


def worker_pipeline(settings: Settings) -> Pipeline:
    """This process's pipeline for ``settings`` (single-process parsing), built on first use."""
    return _worker_pipeline(settings).pipeline


def load_worker_pipeline(settings: Settings) -> None:
    """Build this process's pipeline now (``client.run`` it to warm every worker at once)."""
    _worker_pipeline(settings)


def pipeline_loads() -> int:
    """Pipelines built in this process so far (one per settings: the cache works)."""
    return _worker_pipeline.cache_info().misses


def code_shard(shard: Shard, out_dir: str, settings: Settings, fmt: str | None = None, *,
               pipeline: Pipeline | None = None) -> ShardResult:
    """Code ``shard`` into ``out_dir``; a shard already marked done is returned as skipped.

    ``pipeline`` codes in-process with one the caller built; by default the worker's own.
    """
    layout = Layout(Path(out_dir))
    done = layout.read_done(shard.id)
    if done is not None:
        return replace(done, skipped=True)
    started = time.perf_counter()
    remove_stale_temps(layout, shard.id)
    loaded = _worker_pipeline(settings) if pipeline is None else _Loaded(pipeline)
    with loaded.lock:
        try:
            outcome = _write_shard(layout, shard.id,
                                   loaded.pipeline.stream(read_shard(shard, settings, fmt)))
        except Exception:
            # An unforeseen error on one article would fail the shard on every retry; coding
            # one article at a time confines it to that article, reported as a failure.
            outcome = _write_shard(layout, shard.id,
                                   _one_at_a_time(loaded.pipeline,
                                                  read_shard(shard, settings, fmt)))
    result = ShardResult(
        shard_id=shard.id, coded=outcome.coded, failed=len(outcome.failures),
        months=tuple(sorted(outcome.months)), seconds=round(time.perf_counter() - started, 3),
        worker_pid=os.getpid(), pipeline_loads=pipeline_loads(), peak_rss_mib=peak_rss_mib(),
    )
    write_atomic(layout.done(shard.id), result.to_json())  # last: the shard now counts as done
    return result


def peak_rss_mib() -> float:
    """Peak resident memory of this process, in MiB (0 where the OS does not say)."""
    try:
        import resource
    except ImportError:  # Windows
        return 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux counts kibibytes, macOS bytes.
    return round(peak / (1 << 20 if sys.platform == "darwin" else 1 << 10), 1)


def read_shard(shard: Shard, settings: Settings, fmt: str | None) -> Iterator[Article | Failure]:
    """The shard's articles in order, named as ``read_inputs`` names them from the whole input."""
    for part in shard.parts:
        if part.whole:
            items: Iterable[Article | Failure] = read_inputs([part.path], settings=settings,
                                                             fmt=fmt)
            read_as = part.path
        else:
            items = _read_lines(part, settings)
            read_as = part.input
        for item in items:
            yield _renamed(item, _name(item, part, read_as))


def _read_lines(part: ShardPart, settings: Settings) -> Iterator[Article | Failure]:
    with Path(part.path).open("rb") as raw:
        raw.seek(part.byte_start)
        window = io.BufferedReader(_Window(raw, (part.byte_stop or 0) - part.byte_start))
        opened = open_stream(window, settings)
        yield from read_json_lines(opened, part.input, settings,
                                   partial(meta.finish, settings=settings))


class _Window(io.RawIOBase):
    """At most ``size`` bytes of ``raw`` from where it stands: one slice of a JSON Lines file."""

    def __init__(self, raw: io.BufferedReader, size: int) -> None:
        self._raw = raw
        self._left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        data = self._raw.read(min(len(view), self._left))
        self._left -= len(data)
        view[: len(data)] = data
        return len(data)


def _name(item: Article | Failure, part: ShardPart, read_as: str) -> str:
    """The user's name for the input, and a slice's line numbers counted from the file's top."""
    name = item.input_name if isinstance(item, Article) else item.input
    rest = name[len(read_as):] if name.startswith(read_as) else name
    if part.start and rest.startswith(":") and rest[1:].isdigit():
        rest = f":{int(rest[1:]) + part.start}"
    return part.input + rest


def _renamed(item: Article | Failure, name: str) -> Article | Failure:
    if isinstance(item, Failure):
        return Failure(name, item.reason)
    item.input_name = name
    return item


def _one_at_a_time(pipeline: Pipeline, items: Iterable[Article | Failure]
                   ) -> Iterator[Document | Failure]:
    for item in items:
        if isinstance(item, Failure):
            yield item
            continue
        try:
            yield pipeline.code(item)
        except InputError as err:
            yield Failure(item.input_name, err.reason)
        except Exception as err:
            # Reported, not raised: the rest of the shard still gets coded.
            first_line = (str(err).splitlines() or [""])[0]
            yield Failure(item.input_name,
                          f"internal error while coding: {type(err).__name__}: {first_line}")


@dataclass(slots=True)
class _Outcome:
    coded: int = 0
    failures: list[Failure] = field(default_factory=list)
    months: set[str] = field(default_factory=set)


def _write_shard(layout: Layout, shard_id: str, items: Iterable[Document | Failure]
                 ) -> _Outcome:
    """Rows to hidden files per month, renamed into place only once the shard is coded."""
    writers = _MonthWriters(layout, shard_id)
    outcome = _Outcome()
    try:
        for item in items:
            if isinstance(item, Failure):
                outcome.failures.append(item)
            else:
                writers.add(item)
                outcome.coded += 1
        outcome.months = writers.commit()
    finally:
        writers.discard()
    lines = "".join(json.dumps({"input": f.input, "reason": f.reason}, ensure_ascii=False) + "\n"
                    for f in outcome.failures)
    write_atomic(layout.failures(shard_id), lines)
    return outcome


class _MonthWriters:
    """One Parquet writer per publication month, appending a row group every few hundred rows."""

    def __init__(self, layout: Layout, shard_id: str) -> None:
        self._layout = layout
        self._shard_id = shard_id
        self._rows: dict[str, list[dict[str, str]]] = {}
        self._writers: dict[str, Any] = {}
        self._temps: dict[str, Path] = {}

    def add(self, doc: Document) -> None:
        month = published_month(doc.article.published)
        rows = self._rows.setdefault(month, [])
        rows.append({"id": doc.id, "input": doc.article.input_name,
                     "record": json.dumps(to_record(doc), ensure_ascii=False)})
        if len(rows) >= _ROW_GROUP:
            self._flush(month)

    def _flush(self, month: str) -> None:
        if month not in self._writers:
            final = self._layout.parquet(self._shard_id, month)
            final.parent.mkdir(parents=True, exist_ok=True)
            self._temps[month] = temp_name(final)
            self._writers[month] = pq.ParquetWriter(self._temps[month], ROW_SCHEMA,
                                                    compression="zstd")
        self._writers[month].write_table(pa.Table.from_pylist(self._rows[month], ROW_SCHEMA))
        self._rows[month] = []

    def commit(self) -> set[str]:
        """Rename every month file into place and drop months an earlier attempt left."""
        for month, rows in self._rows.items():
            if rows:
                self._flush(month)
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()
        for month, temp in self._temps.items():
            replace_durably(temp, self._layout.parquet(self._shard_id, month))
        months = set(self._temps)
        for path in self._layout.shard_parquets(self._shard_id):
            if path.parent.name.removeprefix("published_month=") not in months:
                path.unlink(missing_ok=True)
        self._temps.clear()
        return months

    def discard(self) -> None:
        """Remove what an attempt that failed part-way wrote (nothing after a commit)."""
        for writer in self._writers.values():
            writer.close()
        for temp in self._temps.values():
            temp.unlink(missing_ok=True)
        self._writers.clear()
        self._temps.clear()
