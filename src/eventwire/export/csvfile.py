"""``csv`` export: one row per stored event, in the columns of
:class:`~eventwire.store.query.EventRow`.

Actor lists (codes, names, countries, sectors of each side) are joined with ``;``, position
by position, an unknown value left empty, so the *i*-th code and the *i*-th name describe
the same actor.
"""

from __future__ import annotations

import csv
from typing import TextIO

import duckdb

from ..store.query import EVENT_COLUMNS, iter_events


def write_csv(con: duckdb.DuckDBPyConnection, out: TextIO, *, chunk_size: int = 1000) -> int:
    """Write a header and every event, oldest first; returns the number of events."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EVENT_COLUMNS)
    written = 0
    for row in iter_events(con, chunk_size=chunk_size):
        writer.writerow([cell(getattr(row, name)) for name in EVENT_COLUMNS])
        written += 1
    return written


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(cell(v) for v in value)
    return str(value)
