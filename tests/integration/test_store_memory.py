"""Sorted reads of a real store file a slice at a time, and export memory against store size.

The exports sort the whole store (articles by publication date, events by day). Read in one
ORDER BY, DuckDB sorts every selected column of every row before returning the first, so
memory grows with the store and, once the store outgrows ``--memory-limit``, the export
fails (DuckDB 1.5 does not spill sorts of long strings). ``eventwire.store.slices`` reads
them a run of dates at a time; these tests check that it returns exactly what one query
would, and that an export's peak memory stays within bounds when the store grows eightfold.
"""

from __future__ import annotations

import random
import string
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from eventwire.model import Actor, Article, Document, Event, Span
from eventwire.store import Store
from eventwire.store.connect import fts_stale
from eventwire.store.filters import Where, event_where
from eventwire.store.query import ARTICLE_SCAN, EVENT_SCAN, EventFilter, iter_events
from eventwire.store.slices import (
    SortedScan,
    arrow_schema,
    iter_sorted,
    iter_sorted_arrow,
    slice_size,
    slices,
)

COUNTRIES = ("TUR", "SYR", "FRA", "USA", "RUS", "EGY")
# Runs `eventwire export` in a fresh process and prints that process's peak resident memory
# (VmHWM, KiB). Not ru_maxrss: Linux carries it over from the parent through fork and exec.
_EXPORT = """
import sys
from eventwire.cli.export import export_command
try:
    export_command.main(sys.argv[1:], standalone_mode=False)
finally:
    with open("/proc/self/status") as status:
        print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
"""


@dataclass(frozen=True)
class Shape:
    """How the synthetic articles look: ``words`` per paragraph (three paragraphs, one event
    each) of ``letters`` letters each, published over ``days`` days, every ``undated``-th
    without a date."""

    words: int = 30
    letters: int = 4
    days: int = 12
    undated: int = 7


def documents(count: int, shape: Shape, *, seed: int = 3) -> Iterator[Document]:
    """Articles of invented words; several share each day, so days need cutting by id."""
    rng = random.Random(seed)
    # Random letters: DuckDB's string compression gets little out of them.
    vocab = ["".join(rng.choices(string.ascii_lowercase, k=shape.letters)) for _ in range(5000)]
    for n in range(count):
        parts = [" ".join(rng.choices(vocab, k=shape.words)) + "." for _ in range(3)]
        text = "\n\n".join(parts)
        day = None if n % shape.undated == 0 else date(2024, 1, 1) + timedelta(n % shape.days)
        doc = Document(id=f"{rng.getrandbits(256):064x}", article=Article(
            text=text, input_name=f"synthetic-{n}.txt", title=f"Story {n}",
            published=day.isoformat() if day else None, source=f"Wire {n % 5}"))
        a, b = rng.sample(COUNTRIES, 2)
        doc.actors = [Actor("A1", a, a, None, a, f"country:{a}", None, [(0, 2)]),
                      Actor("A2", b, b, None, b, f"country:{b}", None, [(3, 5)])]
        start = 0
        for i, part in enumerate(parts, start=1):
            # Every third event has no date of its own: its day is the article's, or none.
            when = None if i == 3 else (date(2023, 6, 1) + timedelta(rng.randrange(9)))
            doc.events.append(Event(
                f"E{i}", "CONSULT", Span(start, start + 2, text[start:start + 2]),
                Span(start, start + len(part), part), cameo="040", quad_class=1,
                goldstein=1.0, source=["A1"], target=["A2"],
                date=when.isoformat() if when else None, confidence=0.5))
            start += len(part) + 2
        yield doc


def build(path: Path, count: int, shape: Shape) -> Path:
    with Store.open(path) as store:
        store.ingest(documents(count, shape), batch_size=250, reindex=True)
    return path


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    path = build(tmp_path_factory.mktemp("slices") / "s.duckdb", 150, Shape())
    with Store.open(path, read_only=True) as store:
        yield store.con


def one_query(con: duckdb.DuckDBPyConnection, scan: SortedScan) -> list[tuple[Any, ...]]:
    sql = (f"SELECT {scan.columns} FROM {scan.source} WHERE {scan.where.sql}"
           f" ORDER BY {scan.order}")
    return con.execute(sql, scan.where.params).fetchall()


def sliced(con: duckdb.DuckDBPyConnection, scan: SortedScan, size: int) -> list[tuple[Any, ...]]:
    return [row for chunk in iter_sorted(con, scan, chunk_size=4, slice_bytes=size)
            for row in chunk]


# An event's sort key is not unique (an article's events may share a start): compare with a
# unique key appended, as a slice never splits an article's events of one day.
EVENT_KEYS = EVENT_SCAN.select("e.day, e.article_id, e.event_id")
ARTICLE_KEYS = ARTICLE_SCAN.select("a.published, a.id")


# A stored record of these articles is about 3 kB, an event row about 1 kB.
@pytest.mark.parametrize("size", [1, 10_000, 100_000, 1 << 30])
@pytest.mark.parametrize("scan", [ARTICLE_KEYS, EVENT_KEYS], ids=["articles", "events"])
def test_slices_return_what_one_sorted_query_returns(
    con: duckdb.DuckDBPyConnection, scan: SortedScan, size: int
) -> None:
    expected = one_query(con, scan)
    assert len(expected) == (150 if scan is ARTICLE_KEYS else 450)
    assert any(row[0] is None for row in expected)  # undated rows sort last: they are cut too
    assert sliced(con, scan, size) == expected


def rows_of(con: duckdb.DuckDBPyConnection, part: Where) -> int:
    return int(con.execute(f"SELECT count(*) FROM articles a WHERE {part.sql}", part.params)
               .fetchall()[0][0])


def test_slices_hold_about_slice_bytes(con: duckdb.DuckDBPyConnection) -> None:
    # A guess of 3 kB a row and 15 kB a slice: five articles. Dates hold about eleven, so
    # each is cut in three; the ids are random, so the ranges hold uneven numbers.
    counts = [rows_of(con, part)
              for part in slices(con, replace(ARTICLE_SCAN, row_bytes=3000), 15_000)]
    assert sum(counts) == 150 and len(counts) >= 30 and max(counts) <= 10


def test_slices_learn_the_size_of_a_row(con: duckdb.DuckDBPyConnection) -> None:
    # Guessed at 100 bytes a row, the first slice takes 150 rows' worth of dates; told that
    # the rows read were 3 kB each, the next slices hold five or so.
    cut = slices(con, replace(ARTICLE_SCAN, row_bytes=100), 15_000)
    counts = []
    for part in cut:
        counts.append(rows_of(con, part))
        cut.took(counts[-1], 3000 * counts[-1])
    assert sum(counts) == 150 and counts[0] >= 100 and max(counts[1:]) <= 10


def test_a_filter_is_applied_to_every_slice(con: duckdb.DuckDBPyConnection) -> None:
    f = EventFilter(country="TUR", date_from="2024-01-05")
    scan = EVENT_KEYS.matching(event_where(f, fts=False))
    expected = one_query(con, scan)
    assert 0 < len(expected) < 450
    assert sliced(con, scan, 5_000) == expected
    rows = list(iter_events(con, f))
    assert [(r.article_id, r.event_id) for r in rows] == [(r[1], r[2]) for r in expected]
    assert all("TUR" in r.source_countries + r.target_countries for r in rows)


def test_arrow_slices_match_one_query(con: duckdb.DuckDBPyConnection) -> None:
    schema = arrow_schema(con, EVENT_SCAN)
    batches = list(iter_sorted_arrow(con, EVENT_SCAN, chunk_size=7, slice_bytes=20_000))
    assert len(batches) > 450 // 20
    assert all(batch.schema.equals(schema) for batch in batches)
    got = [(r["article_id"], r["event_id"]) for b in batches for r in b.to_pylist()]
    expected = [(r[1], r[2]) for r in one_query(con, EVENT_KEYS)]
    assert got == expected


def test_no_slice_size_below_one(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ValueError, match="slice_bytes"):
        slices(con, ARTICLE_SCAN, 0)


@pytest.mark.parametrize(("limit", "mib"), [("64MB", 3), ("1GB", 59), ("8MB", 1), ("8GB", 256)])
def test_slice_size_follows_the_memory_limit(limit: str, mib: int) -> None:
    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{limit}'")
    assert slice_size(con) >> 20 == mib


def test_a_reader_may_leave_a_stale_index_stale(tmp_path: Path) -> None:
    # Ingesting marks the index stale; an export opens without the rebuild, which reads
    # every article; a reader that searches (the default) gets it rebuilt first.
    path = tmp_path / "stale.duckdb"
    with Store.open(path) as store:
        store.ingest(documents(5, Shape()))
    with Store.open(path, read_only=True, refresh_index=False) as store:
        assert fts_stale(store.con)
        assert sum(map(len, iter_sorted(store.con, ARTICLE_KEYS, chunk_size=2))) == 5
    with Store.open(path, read_only=True) as store:
        assert not fts_stale(store.con)


# Memory: articles of about 13 kB of text in long words (a stored record of some 30 kB; few
# words keep the full-text index cheap to build) and DuckDB's memory limit at 64MB. The
# stores: 400 articles (about 12 MB of records) and 3,200 (about 100 MB). Sorted in one query,
# jsonl's records and csv's event rows (each carries its paragraph) are all held at once:
# the export of the larger store failed outright, the sort having outgrown the limit. Read a
# slice at a time, the difference is what DuckDB caches of the file (bounded by the limit)
# and allocator slack: 45-60 MiB measured on a 2-core Linux machine.
BIG = Shape(words=110, letters=40, days=60, undated=50)
SMALL_N, LARGE_N = 400, 3200
LIMIT = "64MB"
GROWTH_MIB = 90
# Parquet also holds pyarrow's buffers (its allocator keeps freed blocks for reuse), which
# DuckDB's limit does not cover: +60 to +85 MiB measured alone, +112 under a parallel test
# run on 2 cores. It still fails outright, as every format did, if the whole-store sort
# comes back; it is the one format whose memory grows slowly with the store.
GROWTH_MIB_PARQUET = 160


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("memory")
    return (build(folder / "small.duckdb", SMALL_N, BIG),
            build(folder / "large.duckdb", LARGE_N, BIG))


def export_peak_mib(db: Path, fmt: str, out: Path) -> float:
    done = subprocess.run(
        [sys.executable, "-c", _EXPORT, "--db", str(db), "--format", fmt, "--out", str(out),
         "--memory-limit", LIMIT], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return int(done.stdout.strip().splitlines()[-1]) / 1024


@pytest.mark.skipif(not Path("/proc/self/status").is_file(),
                    reason="peak memory is read from /proc/self/status (Linux only)")
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "plover", "parquet", "gdelt"])
def test_export_memory_does_not_grow_with_the_store(
    stores: tuple[Path, Path], tmp_path: Path, fmt: str
) -> None:
    small, large = (export_peak_mib(db, fmt, tmp_path / f"{db.stem}.{fmt}") for db in stores)
    if fmt in ("jsonl", "csv"):  # every record, or every event row and a header
        with (tmp_path / f"large.{fmt}").open(encoding="utf-8") as written:
            lines = sum(1 for _ in written)
        assert lines == (LARGE_N if fmt == "jsonl" else 3 * LARGE_N + 1)
    bound = GROWTH_MIB_PARQUET if fmt == "parquet" else GROWTH_MIB
    assert large - small < bound, f"{fmt}: {small:.0f} MiB -> {large:.0f} MiB"
