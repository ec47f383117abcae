"""What the user named on the command line: files, directories, globs and ``-`` for stdin."""

from __future__ import annotations

import glob
import re
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from ..model import Failure

STDIN_NAME = "<stdin>"
_GLOB_CHARS = re.compile(r"[*?\[]")


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input to read; ``path`` is None for standard input."""

    name: str
    path: Path | None


def expand(inputs: Sequence[str]) -> Iterator[InputFile | Failure]:
    """Every file the inputs name, in order: directories recursively and sorted, globs sorted.

    Hidden files and directories (``.git``, ``.DS_Store``) inside a directory are skipped.
    """
    for spec in inputs:
        if spec == "-":
            yield InputFile(STDIN_NAME, None)
            continue
        path = Path(spec)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists():
            yield InputFile(spec, path)
        elif _GLOB_CHARS.search(spec):
            yield from _glob(spec)
        else:
            yield Failure(spec, "no such file or directory")


def _walk(directory: Path) -> Iterator[InputFile]:
    found = [p for p in directory.rglob("*")
             if p.is_file() and not any(part.startswith(".")
                                        for part in p.relative_to(directory).parts)]
    for path in sorted(found):
        yield InputFile(str(path), path)


def _glob(pattern: str) -> Iterator[InputFile | Failure]:
    matches = sorted(glob.glob(pattern, recursive=True))  # noqa: PTH207  # Path.glob refuses absolute patterns
    if not matches:
        yield Failure(pattern, "no files match this pattern")
    for match in matches:
        path = Path(match)
        if path.is_dir():
            yield from _walk(path)
        else:
            yield InputFile(match, path)


@contextmanager
def open_binary(item: InputFile) -> Iterator[IO[bytes]]:
    """The input's bytes; standard input is left open for the caller's process."""
    if item.path is None:
        yield sys.stdin.buffer
        return
    with item.path.open("rb") as handle:
        yield handle
