"""The store with the real pipeline over the project's sample articles (examples/articles)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from eventwire.output import validation_errors
from eventwire.pipeline import Pipeline
from eventwire.store import Store, ingest_inputs
from eventwire.store.query import (
    EventFilter,
    dyads,
    get_article,
    iter_events,
    iter_records,
    list_actors,
    list_articles,
    list_events,
    list_quotes,
    map_points,
    network,
    search,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
TABLES = ("articles", "entities", "actors", "events", "event_mentions", "quotes", "times",
          "merged_events")


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    found = {}
    for table in TABLES:
        row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
        found[table] = int(row[0]) if row else 0
    return found


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample articles that tests may edit."""
    folder = tmp_path_factory.mktemp("articles") / "articles"
    shutil.copytree(EXAMPLES, folder)
    return folder


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    path = tmp_path_factory.mktemp("store") / "examples.duckdb"
    report = ingest_inputs([str(EXAMPLES)], path, pipeline=pipeline)
    assert (report.coded, report.failed) == (20, [])
    return path


@pytest.fixture
def con(db: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with Store.open(db, read_only=True) as store:
        yield store.con


def test_ingesting_the_same_folder_twice_changes_no_table(
    tmp_path: Path, pipeline: Pipeline
) -> None:
    path = tmp_path / "twice.duckdb"
    first = ingest_inputs([str(EXAMPLES)], path, pipeline=pipeline, batch_size=7)
    with Store.open(path, read_only=True) as store:
        before = counts(store.con)
    second = ingest_inputs([str(EXAMPLES)], path, pipeline=pipeline, batch_size=7)
    with Store.open(path, read_only=True) as store:
        after = counts(store.con)
    assert (first.coded, second.coded, second.unchanged, second.replaced) == (20, 0, 20, 0)
    assert after == before and before["articles"] == 20 and before["actors"] > 0


def test_a_changed_article_is_replaced(examples: Path, tmp_path: Path, pipeline: Pipeline) -> None:
    path = tmp_path / "changed.duckdb"
    ingest_inputs([str(examples)], path, pipeline=pipeline)
    story = examples / "02-berlin-wall-opens.md"
    story.write_text(story.read_text(encoding="utf-8") +
                     "\nThe border guards stood aside as the crowds sang.\n", encoding="utf-8")
    report = ingest_inputs([str(examples)], path, pipeline=pipeline)
    assert (report.coded, report.unchanged, report.replaced) == (0, 19, 1)
    with Store.open(path, read_only=True) as store:
        assert counts(store.con)["articles"] == 20
        texts = [r["article"]["text"] for r in iter_records(store.con)]
    assert sum("crowds sang" in t for t in texts) == 1


def test_an_interrupted_ingest_keeps_committed_batches(tmp_path: Path, pipeline: Pipeline) -> None:
    path = tmp_path / "interrupted.duckdb"

    def stop(done: int) -> None:
        if done == 5:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest_inputs([str(EXAMPLES)], path, pipeline=pipeline, batch_size=2, progress=stop)
    with Store.open(path, read_only=True) as store:
        assert counts(store.con)["articles"] == 4  # two batches of two; the fifth was in flight
    report = ingest_inputs([str(EXAMPLES)], path, pipeline=pipeline)
    assert (report.coded, report.unchanged) == (16, 4)


def test_full_text_search_finds_a_word_from_an_article(con: duckdb.DuckDBPyConnection) -> None:
    hits = search(con, "Taliban")
    assert hits and "Taliban" in (hits[0].title or "") + hits[0].snippet
    assert list_articles(con, q="Taliban").items[0].id == hits[0].article_id


def test_articles_and_records(con: duckdb.DuckDBPyConnection) -> None:
    page = list_articles(con, limit=5)
    assert page.total == 20 and len(page.items) == 5
    dates = [a.published or "" for a in page.items]
    assert all(dates) and dates == sorted(dates, reverse=True)
    record = get_article(con, page.items[0].id)
    assert record is not None and validation_errors(record) == []
    assert sum(1 for _ in iter_records(con, chunk_size=3)) == 20


def test_actors_from_the_sample_articles(con: duckdb.DuckDBPyConnection) -> None:
    page = list_actors(con, limit=10)
    assert page.total > 20 and all(a.articles >= 1 for a in page.items)
    assert [a.events for a in page.items] == sorted((a.events for a in page.items), reverse=True)
    assert any(a.country == "RUS" for a in list_actors(con, q="Russia").items)


def test_event_queries_agree_with_the_events_table(con: duckdb.DuckDBPyConnection) -> None:
    row = con.execute("SELECT count(*) FROM events").fetchone()
    total = int(row[0]) if row else 0
    assert list_events(con, EventFilter(limit=3)).total == total
    assert sum(1 for _ in iter_events(con, chunk_size=7)) == total
    russian = list_events(con, EventFilter(country="RUS", limit=500))
    assert all("RUS" in r.source_countries + r.target_countries for r in russian.items)
    points = map_points(con, EventFilter())
    assert sum(p.events for p in points) <= total
    edges = network(con, limit=5)
    assert all(e.source != e.target and e.events >= 1 for e in edges)
    periods = dyads(con, "RUS", "UKR", by="year")
    assert all(p.cooperation + p.conflict <= p.events for p in periods)
    quotes = con.execute("SELECT count(*) FROM quotes").fetchone()
    assert (list_quotes(con, limit=5).total,) == quotes
