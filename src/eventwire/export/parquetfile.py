"""``parquet`` export: the csv export's columns with their own types (lists stay lists,
``day`` is a date), written a record batch at a time."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from ..store.query import EVENT_FROM, EVENT_ORDER_ASC, EVENT_SELECT


def write_parquet(con: duckdb.DuckDBPyConnection, path: Path, *, chunk_size: int = 10_000) -> int:
    """Write every event to a Parquet file at ``path``; returns the number of events."""
    cur = con.cursor()
    written = 0
    try:
        reader = cur.execute(
            f"SELECT {EVENT_SELECT} FROM {EVENT_FROM} ORDER BY {EVENT_ORDER_ASC}"
        ).to_arrow_reader(chunk_size)
        with pq.ParquetWriter(path, reader.schema) as writer:
            for batch in reader:
                writer.write_batch(batch)
                written += batch.num_rows
    finally:
        cur.close()
    return written
