"""Every query in ``eventwire.store.query`` over a store of the hand-built documents."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from store_kit import FULL_ID, PLAIN_ID, UNDATED_ID, all_docs, full_doc

from eventwire.errors import InputError
from eventwire.output import to_record
from eventwire.store import Store
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
    snippet,
)


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    path: Path = tmp_path_factory.mktemp("query") / "s.duckdb"
    with Store.open(path) as store:
        store.ingest(all_docs())
    with Store.open(path, read_only=True) as store:
        yield store.con


def _ids(f: EventFilter, con: duckdb.DuckDBPyConnection) -> list[str]:
    return [f"{r.article_id[0]}/{r.event_id}" for r in list_events(con, f).items]


def test_list_events_newest_first_with_article_metadata(con: duckdb.DuckDBPyConnection) -> None:
    page = list_events(con, EventFilter())
    assert page.total == 5 and (page.limit, page.offset) == (50, 0)
    assert [f"{r.article_id[0]}/{r.event_id}" for r in page.items] == [
        "a/E3", "a/E1", "a/E2", "a/E4", "c/E1"]
    e1 = page.items[1]
    assert e1.title == "Turkey and Syria agree border ceasefire" and e1.published == "2019-04-02"
    assert e1.source_names == ["Selin Kaya", "Omar Haddad"] and e1.day == "2019-04-01"
    assert e1.location_name == "Ankara" and e1.url == "https://example.org/full"


@pytest.mark.parametrize(("f", "expected"), [
    (EventFilter(actor="TURGOV"), ["a/E3", "a/E1"]),
    (EventFilter(actor="person:selin_kaya"), ["a/E3", "a/E1"]),
    (EventFilter(actor="haddad"), ["a/E1"]),
    (EventFilter(country="syr"), ["a/E1", "a/E2", "a/E4"]),
    (EventFilter(type="assault"), ["a/E4"]),
    (EventFilter(quad_class=1), ["a/E1", "a/E2"]),
    (EventFilter(date_from="2019-04"), ["a/E3", "a/E1", "a/E2"]),
    (EventFilter(date_to="2019-03"), ["a/E4"]),
    (EventFilter(date_from="2019-04-02", date_to="2019"), ["a/E3"]),
    (EventFilter(place="aleppo"), ["a/E4"]),
    (EventFilter(place="TUR"), ["a/E1"]),
    (EventFilter(q="checkpoint"), ["c/E1"]),
    (EventFilter(country="TUR", quad_class=3), ["a/E3"]),
])
def test_event_filters(con: duckdb.DuckDBPyConnection, f: EventFilter, expected: list[str]) -> None:
    assert _ids(f, con) == expected


def test_event_pages(con: duckdb.DuckDBPyConnection) -> None:
    page = list_events(con, EventFilter(limit=2, offset=2))
    assert page.total == 5 and [r.event_id for r in page.items] == ["E2", "E4"]


@pytest.mark.parametrize("f", [EventFilter(date_from="April"), EventFilter(date_to="2019-13"),
                               EventFilter(limit=-1), EventFilter(offset=-3)])
def test_bad_filters_are_input_errors(con: duckdb.DuckDBPyConnection, f: EventFilter) -> None:
    with pytest.raises(InputError):
        list_events(con, f)


def test_filter_values_are_never_sql(con: duckdb.DuckDBPyConnection) -> None:
    assert list_events(con, EventFilter(actor="x' OR '1'='1")).total == 0
    assert list_events(con, EventFilter(place="%")).total == 0


def test_iter_events_streams_everything_oldest_first(con: duckdb.DuckDBPyConnection) -> None:
    rows = list(iter_events(con, chunk_size=2))
    assert [f"{r.article_id[0]}/{r.event_id}" for r in rows] == [
        "a/E4", "a/E1", "a/E2", "a/E3", "c/E1"]
    assert [r.event_id for r in iter_events(con, EventFilter(country="TUR", limit=1))] == [
        "E1", "E2", "E3"]


def test_list_articles(con: duckdb.DuckDBPyConnection) -> None:
    page = list_articles(con)
    assert page.total == 3
    assert [a.id for a in page.items] == [FULL_ID, PLAIN_ID, UNDATED_ID]
    full = page.items[0]
    assert (full.events, full.actors, full.quotes) == (4, 5, 1)
    assert page.items[1].events == 0 and page.items[1].published is None
    assert [a.id for a in list_articles(con, q="dam talks").items] == [PLAIN_ID]
    assert list_articles(con, limit=1, offset=1).items[0].id == PLAIN_ID


def test_get_article_returns_the_stored_record(con: duckdb.DuckDBPyConnection) -> None:
    assert get_article(con, FULL_ID) == to_record(full_doc())
    assert get_article(con, "0" * 64) is None


def test_iter_records(con: duckdb.DuckDBPyConnection) -> None:
    assert [r["id"] for r in iter_records(con, chunk_size=1)] == [FULL_ID, PLAIN_ID, UNDATED_ID]


def test_dyads_both_directions_by_period(con: duckdb.DuckDBPyConnection) -> None:
    months = dyads(con, "SYR", "TUR")
    assert [(d.period, d.events, d.cooperation, d.conflict) for d in months] == [
        ("2019-04", 1, 1, 0)]  # Turkey -> Syria; E1 has no target, E4 none either
    assert months[0].mean_goldstein == 4.0
    assert dyads(con, "tur", "syr", by="day")[0].period == "2019-04-01"
    assert dyads(con, "TUR", "SYR", by="week")[0].period == "2019-04-01"
    assert dyads(con, "TUR", "SYR", by="year")[0].period == "2019"
    with pytest.raises(InputError):
        dyads(con, "TUR", "SYR", by="decade")


def test_list_actors(con: duckdb.DuckDBPyConnection) -> None:
    page = list_actors(con)
    assert page.total == 6
    top = page.items[0]
    assert (top.code, top.name, top.kb_id, top.articles, top.events) == (
        "TURGOV", "Selin Kaya", "person:selin_kaya", 1, 2)
    assert [a.name for a in list_actors(con, q="troops").items] == ["Syrian troops"]
    assert [a.code for a in list_actors(con, q="country:SYR").items] == ["SYR"]
    assert list_actors(con, q="Foreign Minister").items[0].name == "Selin Kaya"


def test_list_quotes(con: duckdb.DuckDBPyConnection) -> None:
    page = list_quotes(con)
    assert page.total == 1
    quote = page.items[0]
    assert quote.text == "We will not tolerate another attack"
    assert quote.speaker_name == "Selin Kaya"
    assert quote.speaker_code == "TURGOV" and quote.cue == "told"
    for speaker in ("kaya", "TURGOV", "person:selin_kaya"):
        assert list_quotes(con, speaker=speaker).total == 1
    assert list_quotes(con, speaker="Haddad").total == 0
    assert list_quotes(con, q="TOLERATE").total == 1
    assert list_quotes(con, q="peace").total == 0


def test_search_finds_a_word_with_a_snippet(con: duckdb.DuckDBPyConnection) -> None:
    hits = search(con, "ceasefire")
    assert [h.article_id for h in hits] == [FULL_ID]
    assert hits[0].score > 0 and "ceasefire" in hits[0].snippet
    assert search(con, "checkpoints")[0].article_id == UNDATED_ID  # stemmed
    assert search(con, "volcano") == [] and search(con, "  ") == []


def test_snippet_windows_around_the_word() -> None:
    text = "word " * 100 + "target here " + "tail " * 100
    piece = snippet(text, "target", width=60)
    assert piece.startswith("…") and piece.endswith("…") and "target here" in piece
    assert snippet("Short text.", "absent") == "Short text."


def test_network_edges(con: duckdb.DuckDBPyConnection) -> None:
    edges = network(con)
    assert [(e.source, e.target, e.events, e.mean_goldstein) for e in edges] == [
        ("TUR", "SYR", 1, 4.0)]
    assert network(con, f=EventFilter(quad_class=4)) == []


def test_map_points(con: duckdb.DuckDBPyConnection) -> None:
    points = map_points(con, EventFilter())
    assert {(p.name, p.country, p.events) for p in points} == {("Ankara", "TUR", 1),
                                                              ("Aleppo", "SYR", 1)}
    assert [p.name for p in map_points(con, EventFilter(type="ASSAULT"))] == ["Aleppo"]
