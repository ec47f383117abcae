"""Reading ``eventwire.article/1`` records back from the Parquet files ``eventwire batch`` writes.

Each file has a column ``record`` holding one record's JSON per row. Files are read a row
group at a time, so a large file never sits in memory whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import InputError
from ..model import Failure

RECORD_COLUMN = "record"


def parquet_files(location: Path) -> list[Path]:
    """``location`` itself when it is a file, else every ``*.parquet`` under it, sorted."""
    if location.is_file():
        return [location]
    if not location.is_dir():
        raise InputError(str(location), "no such file or directory")
    return sorted(p for p in location.rglob("*.parquet") if p.is_file())


def read_parquet_records(location: Path, *, chunk_rows: int = 1000) -> Iterator[dict[str, Any]
                                                                                  | Failure]:
    """Each record in the Parquet files at ``location``; a Failure for each bad file or row."""
    files = parquet_files(location)
    if not files:
        yield Failure(str(location), "no .parquet files in it")
    for path in files:
        yield from _read_file(path, chunk_rows)


def _read_file(path: Path, chunk_rows: int) -> Iterator[dict[str, Any] | Failure]:
    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as err:
        yield Failure(str(path), f"not a readable Parquet file: {_line(err)}")
        return
    if RECORD_COLUMN not in parquet.schema_arrow.names:
        yield Failure(str(path), f"has no {RECORD_COLUMN!r} column (columns: "
                                 f"{', '.join(parquet.schema_arrow.names)})")
        return
    row = 0
    try:
        for batch in parquet.iter_batches(batch_size=chunk_rows, columns=[RECORD_COLUMN]):
            for value in batch.column(0).to_pylist():
                row += 1
                yield _parse(value, f"{path}#{row}")
    except (pa.ArrowException, OSError) as err:
        yield Failure(f"{path}#{row + 1}", f"unreadable from here on: {_line(err)}")


def _parse(value: object, name: str) -> dict[str, Any] | Failure:
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if not isinstance(value, str):
        kind = type(value).__name__
        return Failure(name, f"the {RECORD_COLUMN!r} value is {kind}, not JSON text")
    try:
        record = json.loads(value)
    except json.JSONDecodeError as err:
        return Failure(name, f"the record is not JSON: {err.msg} at character {err.pos}")
    if not isinstance(record, dict):
        return Failure(name, "the record is not a JSON object")
    return record


def _line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__
