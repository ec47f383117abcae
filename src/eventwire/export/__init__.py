"""Exports of the store: one module per format, each streaming rows in chunks.

``csv``, ``jsonl``, ``plover`` and ``gdelt`` are text and may go to stdout; ``parquet`` needs
a file. Every writer returns the number of rows (events, or articles for ``jsonl``) written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import duckdb

from ..errors import InputError
from .csvfile import write_csv
from .gdelt import write_gdelt
from .jsonl import write_jsonl
from .parquetfile import write_parquet
from .plover import write_plover

__all__ = ["FORMATS", "TEXT_FORMATS", "export", "write_csv", "write_gdelt", "write_jsonl",
           "write_parquet", "write_plover"]

TextWriter = Callable[[duckdb.DuckDBPyConnection, TextIO], int]

TEXT_FORMATS: dict[str, TextWriter] = {
    "csv": write_csv, "jsonl": write_jsonl, "plover": write_plover, "gdelt": write_gdelt,
}
FORMATS = (*TEXT_FORMATS, "parquet")


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: Path | None, stdout: TextIO) -> int:
    """Write the store in ``fmt`` to the file ``out``, or to ``stdout`` for a text format."""
    if fmt == "parquet":
        if out is None:
            raise InputError("--out", "the parquet format is binary: give a file to write")
        return write_parquet(con, out)
    writer = TEXT_FORMATS.get(fmt)
    if writer is None:
        raise InputError(fmt, f"unknown export format; known: {', '.join(FORMATS)}")
    if out is None:
        return writer(con, stdout)
    with out.open("w", encoding="utf-8", newline="") as handle:
        return writer(con, handle)
