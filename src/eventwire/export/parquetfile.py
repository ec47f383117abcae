"""``parquet`` export: the csv export's columns with their own types (lists stay lists,
``day`` is a date), written a record batch at a time."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from ..store.query import EVENT_SCAN
from ..store.slices import arrow_schema, iter_sorted_arrow


def write_parquet(con: duckdb.DuckDBPyConnection, path: Path, *, chunk_size: int = 10_000) -> int:
    """Write every event to a Parquet file at ``path``; returns the number of events."""
    written = 0
    with pq.ParquetWriter(path, arrow_schema(con, EVENT_SCAN)) as writer:
        for batch in iter_sorted_arrow(con, EVENT_SCAN, chunk_size=chunk_size):
            writer.write_batch(batch)
            written += batch.num_rows
    return written
