"""Sorted reads of the whole store in slices, so that no query sorts more than a slice.

DuckDB sorts the whole input of an ORDER BY, every selected column included, before it
returns the first row: an export sorted in one query holds the whole store in memory (and
DuckDB 1.5 runs out of memory rather than spill sorts of long strings such as the stored
records). Exports sort by a date, NULLs last, then by an id; so a :class:`SortedScan` is read
as a series of queries, each over a run of consecutive dates holding about ``slice_bytes``,
in order. A single date holding more is cut further by ranges of the id.

Each slice query filters on the date and reads the other columns only where it matches; in
a store not ingested in date order every slice still reads every block of those columns,
so slices are as large as the memory limit allows (:func:`slice_size`). Slices are planned
from a count of rows per date taken first: a store written to while it is read (possible
only through a writable connection of the same process) may be read inconsistently.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from .filters import Where, join_all

# Python-side chunks are small, but DuckDB's buffer between a streaming query and its reader
# counts a string as its 16-byte header only: at the default (976 KiB) it holds some 60,000
# stored records. 64 KiB keeps it to about one vector (2,048 rows).
STREAM_BUFFER = "64KiB"
# Bytes of rows per slice: a sixteenth of DuckDB's memory limit, within these bounds. Sorting
# long strings takes DuckDB a few times their size (slices of 20 MiB of records ran out of
# memory under a 48MB limit, of 4 MiB did not); larger slices mean fewer scans of the store.
SLICE_SHARE = 16
MIN_SLICE_BYTES = 1 << 20
MAX_SLICE_BYTES = 256 << 20
_UNITS = {"bytes": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40,
          "PiB": 1 << 50}


@dataclass(frozen=True)
class SortedScan:
    """``SELECT columns FROM source WHERE where ORDER BY order``, where ``order`` starts with
    ``day NULLS LAST, key``: ``day`` a DATE expression, ``key`` a VARCHAR one. ``row_bytes``
    guesses a row's size until rows have been read.

    The SQL fragments are the query modules' fixed text, never input; values go in
    ``where.params``.
    """

    columns: str
    source: str
    day: str
    key: str
    order: str
    row_bytes: int
    where: Where = field(default_factory=Where)

    def select(self, columns: str) -> SortedScan:
        return replace(self, columns=columns)

    def matching(self, where: Where) -> SortedScan:
        return replace(self, where=join_all([self.where, where]))

    def query(self, part: Where) -> Where:
        """The sorted query over the rows of one slice."""
        both = join_all([self.where, part])
        return Where(f"SELECT {self.columns} FROM {self.source} WHERE {both.sql}"
                     f" ORDER BY {self.order}", both.params)


@dataclass(frozen=True)
class _Day:
    day: date | None
    rows: int


class Slices:
    """The conditions that cut a scan's rows into slices of about ``slice_bytes``, in order.

    Only the rows per date are counted beforehand: a row's size is learnt from the rows read
    (:meth:`took`), as measuring it in SQL would read every wide value, a whole vector of
    them at a time. Consecutive dates are grouped while their rows fit in a slice; a date
    with more (and the rows without a date, which sort last) is cut by ranges of ``key``.
    Iterate once, reporting each slice's rows before asking for the next.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, scan: SortedScan,
                 slice_bytes: int | None = None) -> None:
        self.con = con
        self.scan = scan
        self.slice_bytes = slice_size(con) if slice_bytes is None else slice_bytes
        if self.slice_bytes < 1:
            raise ValueError(f"slice_bytes must be at least 1, not {self.slice_bytes}")
        self.rows_read = 0
        self.bytes_read = 0

    def took(self, rows: int, nbytes: int) -> None:
        """Count ``rows`` read, of ``nbytes`` bytes in all."""
        self.rows_read += rows
        self.bytes_read += nbytes

    def budget(self) -> int:
        """Rows per slice: ``slice_bytes`` over the mean row read so far (or the guess)."""
        row = self.bytes_read / self.rows_read if self.rows_read else self.scan.row_bytes
        return max(1, int(self.slice_bytes // max(row, 1)))

    def __iter__(self) -> Iterator[Where]:
        scan = self.scan
        run: list[date] = []
        held = 0
        for day in _days(self.con, scan):
            if day.day is not None and held + day.rows <= self.budget():
                run.append(day.day)
                held += day.rows
                continue
            yield from _dates(scan, run)
            run, held = [], 0
            if day.day is not None and day.rows <= self.budget():
                run, held = [day.day], day.rows
            else:
                yield from _cut(self.con, scan, day, math.ceil(day.rows / self.budget()))
        yield from _dates(scan, run)


def slices(con: duckdb.DuckDBPyConnection, scan: SortedScan,
           slice_bytes: int | None = None) -> Slices:
    """:class:`Slices` of ``scan``, by default of :func:`slice_size` bytes."""
    return Slices(con, scan, slice_bytes)


def iter_sorted(con: duckdb.DuckDBPyConnection, scan: SortedScan, *, chunk_size: int,
                slice_bytes: int | None = None) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of ``scan`` in its order, in lists of at most ``chunk_size``."""
    cut = slices(con, scan, slice_bytes)
    for part in cut:
        for chunk in stream(con, scan.query(part), chunk_size):
            cut.took(len(chunk), sum(map(row_size, chunk)))
            yield chunk


def iter_sorted_arrow(con: duckdb.DuckDBPyConnection, scan: SortedScan, *, chunk_size: int,
                      slice_bytes: int | None = None) -> Iterator[pa.RecordBatch]:
    """The rows of ``scan`` in its order, as Arrow record batches of at most ``chunk_size``."""
    cut = slices(con, scan, slice_bytes)
    for part in cut:
        query = scan.query(part)
        cur = con.cursor()
        try:
            cur.execute(f"SET streaming_buffer_size = '{STREAM_BUFFER}'")
            for batch in cur.execute(query.sql, query.params).to_arrow_reader(chunk_size):
                cut.took(batch.num_rows, batch.nbytes)
                yield batch
        finally:
            cur.close()


def row_size(row: tuple[Any, ...]) -> int:
    """A row's bytes, roughly: its strings (and strings in lists) plus 16 a value."""
    size = 16 * len(row)
    for value in row:
        if isinstance(value, str):
            size += len(value)
        elif isinstance(value, list):
            size += sum(len(v) for v in value if isinstance(v, str))
    return size


def slice_size(con: duckdb.DuckDBPyConnection) -> int:
    """Bytes per slice under the connection's memory limit (``SET memory_limit``)."""
    rows = _all(con, Where("SELECT current_setting('memory_limit')"))
    found = re.fullmatch(r"([\d.]+) (\w+)", str(rows[0][0]) if rows else "")
    if found is None or found.group(2) not in _UNITS:
        return MIN_SLICE_BYTES
    limit = float(found.group(1)) * _UNITS[found.group(2)]
    return max(MIN_SLICE_BYTES, min(MAX_SLICE_BYTES, int(limit) // SLICE_SHARE))


def arrow_schema(con: duckdb.DuckDBPyConnection, scan: SortedScan) -> pa.Schema:
    """The Arrow schema of ``scan``'s rows (a Parquet file needs it before any row)."""
    cur = con.cursor()
    try:
        empty = Where(f"SELECT {scan.columns} FROM {scan.source} LIMIT 0")
        return cur.execute(empty.sql).to_arrow_table().schema
    finally:
        cur.close()


def stream(
    con: duckdb.DuckDBPyConnection, query: Where, chunk_size: int
) -> Iterator[list[tuple[Any, ...]]]:
    """Rows in lists of ``chunk_size``, read through a cursor so the caller may query meanwhile."""
    cur = con.cursor()
    try:
        cur.execute(f"SET streaming_buffer_size = '{STREAM_BUFFER}'")
        cur.execute(query.sql, query.params)
        while chunk := cur.fetchmany(chunk_size):
            yield chunk
    finally:
        cur.close()


def _days(con: duckdb.DuckDBPyConnection, scan: SortedScan) -> list[_Day]:
    """Rows per date, in order, the undated last: one short row per distinct date."""
    rows = _all(con, Where(
        f"SELECT {scan.day} AS d, count(*) FROM {scan.source} WHERE {scan.where.sql}"
        " GROUP BY d ORDER BY d NULLS LAST", scan.where.params))
    return [_Day(row[0], int(row[1])) for row in rows]


def _dates(scan: SortedScan, run: list[date]) -> Iterator[Where]:
    if run:
        yield Where(f"{scan.day} BETWEEN ? AND ?", [run[0], run[-1]])


def _cut(con: duckdb.DuckDBPyConnection, scan: SortedScan, day: _Day,
         parts: int) -> Iterator[Where]:
    """The rows of one date (or the undated ones) in ``parts`` ranges of ``key``, as even in
    rows as the keys allow."""
    same = (Where(f"{scan.day} IS NULL") if day.day is None
            else Where(f"{scan.day} = ?", [day.day]))
    parts = min(parts, day.rows)
    bounds: list[str] = []
    if parts > 1:
        where = join_all([scan.where, same])
        row = _all(con, Where(
            f"SELECT quantile_disc({scan.key}, ?::DOUBLE[]) FROM {scan.source}"
            f" WHERE {where.sql}", [[n / parts for n in range(1, parts)], *where.params]))[0]
        bounds = sorted({str(b) for b in row[0] or [] if b is not None})
    low: str | None = None
    for high in [*bounds, None]:
        parts_sql, params = [same.sql], list(same.params)
        if low is not None:
            # NULL keys sort last: they belong to the last range.
            parts_sql.append(f"({scan.key} >= ? OR {scan.key} IS NULL)")
            params.append(low)
        if high is not None:
            parts_sql.append(f"{scan.key} < ?")
            params.append(high)
        yield Where(" AND ".join(parts_sql), params)
        low = high


def _all(con: duckdb.DuckDBPyConnection, query: Where) -> list[tuple[Any, ...]]:
    cur = con.cursor()
    try:
        return cur.execute(query.sql, query.params).fetchall()
    finally:
        cur.close()
