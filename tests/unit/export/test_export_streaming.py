"""Every export, read in small chunks from a store of a few thousand events, is complete.

The chunk size (7) divides none of the row counts, so a lost last chunk, a chunk read twice
or a cursor cut short by a query issued meanwhile shows up as a wrong or repeated row.
Peak memory against store size is measured by ``benchmarks/export_memory.py``, not here.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from eventwire.export import write_csv, write_gdelt, write_jsonl, write_parquet, write_plover
from eventwire.model import Actor, Article, Document, Event, Span
from eventwire.store import Store

ARTICLES, EVENTS_EACH, CHUNK = 701, 4, 7
COUNTRIES = ("TUR", "SYR", "FRA", "EGY", "IND")
KINDS = (("ASSAULT", "190", 4), ("CONSULT", "040", 1), ("PROTEST", "140", 3),
         ("AGREE", "030", 1))


def _document(n: int) -> Document:
    sentences = [f"Sentence {i} of story {n} says event {i} happened." for i in range(EVENTS_EACH)]
    text = " ".join(sentences)
    doc = Document(id=f"{n:064x}", article=Article(
        text=text, input_name=f"story-{n}.txt", title=f"Story {n}",
        published=f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}", source=f"Wire {n % 5}"))
    one, two = COUNTRIES[n % 5], COUNTRIES[(n + 1) % 5]
    doc.actors = [Actor("A1", one, one, None, one, None, None, [(0, 8)]),
                  Actor("A2", two, two, None, two, None, None, [(9, 10)])]
    start = 0
    for i, sentence in enumerate(sentences):
        kind, cameo, quad = KINDS[(n + i) % len(KINDS)]
        at = start + sentence.index("event")
        doc.events.append(Event(
            f"E{i + 1}", kind, Span(at, at + 5, "event"),
            Span(start, start + len(sentence), sentence), cameo=cameo, quad_class=quad,
            goldstein=0.0, source=["A1"], target=["A2"] if i % 2 else [], confidence=0.5))
        start += len(sentence) + 1
    return doc


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store.open(tmp_path_factory.mktemp("streaming") / "s.duckdb") as filled:
        filled.ingest((_document(n) for n in range(ARTICLES)), batch_size=250)
        yield filled


def _count(store: Store, sql: str) -> int:
    row = store.con.execute(sql).fetchone()
    return int(row[0]) if row else 0


def test_csv_holds_every_event_once(store: Store) -> None:
    out = io.StringIO()
    assert write_csv(store.con, out, chunk_size=CHUNK) == ARTICLES * EVENTS_EACH
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    keys = {(r["article_id"], r["event_id"]) for r in rows}
    assert len(rows) == len(keys) == ARTICLES * EVENTS_EACH
    assert {r["article_id"] for r in rows} == {f"{n:064x}" for n in range(ARTICLES)}


def test_parquet_holds_every_event_once(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert write_parquet(store.con, path, chunk_size=CHUNK) == ARTICLES * EVENTS_EACH
    table = pq.read_table(path, columns=["article_id", "event_id"])
    keys = set(zip(table["article_id"].to_pylist(), table["event_id"].to_pylist(), strict=True))
    assert table.num_rows == len(keys) == ARTICLES * EVENTS_EACH


def test_jsonl_holds_every_article_once(store: Store) -> None:
    out = io.StringIO()
    assert write_jsonl(store.con, out, chunk_size=CHUNK) == ARTICLES
    ids = [json.loads(line)["id"] for line in out.getvalue().splitlines()]
    assert sorted(ids) == sorted(f"{n:064x}" for n in range(ARTICLES))


def test_plover_holds_every_event_once(store: Store) -> None:
    out = io.StringIO()
    assert write_plover(store.con, out, chunk_size=CHUNK) == ARTICLES * EVENTS_EACH
    ids = [json.loads(line)["id"] for line in out.getvalue().splitlines()]
    assert len(ids) == len(set(ids)) == ARTICLES * EVENTS_EACH


def test_gdelt_holds_every_merged_event_and_unmerged_dyad_once(store: Store) -> None:
    merged = _count(store, "SELECT count(*) FROM merged_events")
    # An unmerged event is one row per source x target pair (one when a side is empty).
    unmerged = _count(store, "SELECT coalesce(sum(greatest(len(source_ids), 1)"
                             " * greatest(len(target_ids), 1)), 0) FROM events"
                             " WHERE merged_id IS NULL")
    out = io.StringIO()
    written = write_gdelt(store.con, out, chunk_size=CHUNK)
    ids = [line.split("\t", 1)[0] for line in out.getvalue().splitlines()]
    assert written == len(ids) == len(set(ids)) == merged + unmerged
    assert merged > 0
