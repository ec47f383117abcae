"""``jsonl`` export: every stored ``eventwire.article/1`` record, one per line, as stored
(the same text ``eventwire code --jsonl`` prints)."""

from __future__ import annotations

from typing import TextIO

import duckdb

from ..store.query import iter_record_texts


def write_jsonl(con: duckdb.DuckDBPyConnection, out: TextIO, *, chunk_size: int = 500) -> int:
    written = 0
    for text in iter_record_texts(con, chunk_size=chunk_size):
        out.write(text + "\n")
        written += 1
    return written
