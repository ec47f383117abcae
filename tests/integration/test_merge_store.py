"""Merged events in a real DuckDB store: the ingest hook, GDELT counts, later batches."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import check_record
from eventwire.model import Actor, Article, Document, Entity, Event, Place, Span
from eventwire.output import to_record
from eventwire.store import Store
from eventwire.store.merge import merge_events

KYIV = Place("Kyiv", "UKR", "Kyiv City", 50.45, 30.52, 703448, "city")
ODESA = Place("Odesa", "UKR", "Odesa Oblast", 46.48, 30.73, 698740, "city")
ACTORS = {"RUS": ("Russia", "RUS", "RUS"), "UKR": ("Ukraine", "UKR", "UKR"),
          "CHN": ("China", "CHN", "CHN"), "PUTIN": ("Putin", "RUS", "RUSGOV"),
          "LAVROV": ("Lavrov", "RUS", "RUSGOV"), "MINISTRY": ("Ministry", "RUS", "RUSGOV")}
PEOPLE = {"PUTIN", "LAVROV"}


@dataclass(frozen=True)
class Said:
    """One sentence of a hand-built article and the event it reports."""

    sentence: str
    type: str
    source: str
    target: str
    date: str | None = "2024-03-01"
    place: Place | None = None


def article(url: str, publisher: str, *said: Said, published: str | None = "2024-03-01",
            ) -> dict[str, Any]:
    text = " ".join(s.sentence for s in said)
    codes = sorted({c for s in said for c in (s.source, s.target)})
    actors: list[Actor] = []
    entities: list[Entity] = []
    for n, c in enumerate(codes, start=1):
        name, country, code = ACTORS[c]
        spans = [(m, m + len(name)) for m in _all(text, name)]
        actors.append(Actor(f"A{n}", name, country, None, code, mentions=spans))
        if c in PEOPLE:
            entities.extend(Entity(s, e, name, "PERSON", f"A{n}") for s, e in spans)
    ids = {c: f"A{n}" for n, c in enumerate(codes, start=1)}
    events, at = [], 0
    for n, s in enumerate(said, start=1):
        start = text.index(s.sentence, at)
        at = start + len(s.sentence)
        verb = s.sentence.split()[1]
        v = text.index(verb, start)
        events.append(Event(f"E{n}", s.type, Span(v, v + len(verb), verb),
                            Span(start, at, s.sentence), source=[ids[s.source]],
                            target=[ids[s.target]], date=s.date, location=s.place,
                            confidence=0.5 + n / 100))
    doc = Document(hashlib.sha256(url.encode()).hexdigest(),
                   Article(text=text, url=url, publisher=publisher, published=published),
                   entities=sorted(entities, key=lambda e: e.start), actors=actors,
                   events=events)
    record = to_record(doc)
    check_record(record)
    return record


def _all(text: str, name: str) -> list[int]:
    out, at = [], text.find(name)
    while at >= 0:
        out.append(at)
        at = text.find(name, at + 1)
    return out


STRIKE = Said("Russia struck Ukraine overnight in Kyiv.", "ASSAULT", "RUS", "UKR", place=KYIV)
RAID = Said("Russia raided Ukraine's capital Kyiv.", "COERCE", "RUS", "UKR", place=KYIV)
TALKS = Said("Russia met China in Beijing.", "CONSULT", "RUS", "CHN")
TALKS_BACK = Said("China hosted Russia for talks.", "CONSULT", "CHN", "RUS")
PORT = Said("Russia shelled Ukraine's port of Odesa.", "ASSAULT", "RUS", "UKR", place=ODESA)

A = article("https://reuters.com/a", "Reuters", STRIKE, RAID, TALKS)
B = article("https://bbc.co.uk/b", "BBC", STRIKE, TALKS_BACK, PORT)


def merged(store: Store) -> dict[frozenset[tuple[str, str]], tuple[int, int, int]]:
    """Each merged event's members and its (NumMentions, NumSources, NumArticles)."""
    rows = store.con.execute(
        "SELECT m.merged_id, m.num_mentions, m.num_sources, m.num_articles,"
        " list(e.article_id || '/' || e.event_id ORDER BY e.article_id, e.event_id)"
        " FROM merged_events m JOIN events e USING (merged_id)"
        " GROUP BY ALL").fetchall()
    return {frozenset(tuple(ref.split("/")) for ref in refs): (n_m, n_s, n_a)
            for _, n_m, n_s, n_a, refs in rows}


def ref(record: dict[str, Any], event_id: str) -> tuple[str, str]:
    return (record["id"], event_id)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "merge.duckdb")


def test_two_overlapping_articles_give_gdelt_counts(store: Store) -> None:
    with store:
        store.ingest_records([A, B])
        got = merged(store)
        assert got == {
            frozenset({ref(A, "E1"), ref(A, "E2"), ref(B, "E1")}): (3, 2, 2),
            frozenset({ref(A, "E3"), ref(B, "E2")}): (2, 2, 2),
            frozenset({ref(B, "E3")}): (1, 1, 1),
        }
        assert set(got) == {frozenset(c) for c in merge_events([A, B])}
        unassigned = store.con.execute(
            "SELECT count(*) FROM events WHERE merged_id IS NULL").fetchone()
        assert unassigned == (0,)
        mentions = store.con.execute(
            "SELECT count(*), count(DISTINCT merged_id) FROM event_mentions").fetchone()
        assert mentions == (6, 3)
        row = store.con.execute(
            "SELECT m.type, m.source_code, m.target_code, m.date, m.location_name,"
            " mn.action_offset, mn.actor1_offset IS NOT NULL"
            " FROM merged_events m JOIN event_mentions mn USING (merged_id)"
            " WHERE mn.article_id = ? AND mn.event_id = 'E2'", [A["id"]]).fetchone()
        assert row == ("COERCE", "RUS", "UKR", "2024-03-01", "Kyiv",
                       A["events"][1]["trigger"]["start"], True)


def test_later_batches_join_stored_events_and_stay_idempotent(store: Store) -> None:
    later = article("https://apnews.com/c", "Associated Press",
                    Said("Russia attacked Ukraine in Kyiv.", "ASSAULT", "RUS", "UKR",
                         date="2024-03-02", place=KYIV))
    same_outlet = article("https://bbc.co.uk/d", "BBC", STRIKE)
    with store:
        store.ingest_records([A, B])
        before = merged(store)
        store.ingest_records([A, B])
        assert merged(store) == before
        store.ingest_records([later])
        store.ingest_records([same_outlet])
        got = merged(store)
        attack = frozenset({ref(A, "E1"), ref(A, "E2"), ref(B, "E1"), ref(later, "E1"),
                            ref(same_outlet, "E1")})
        assert got[attack] == (5, 3, 4)
        ids = store.con.execute(
            "SELECT count(DISTINCT merged_id) FROM events"
            " WHERE article_id IN (?, ?) AND event_id = 'E1'",
            [A["id"], later["id"]]).fetchone()
        assert ids == (1,)


def test_a_replaced_article_leaves_no_stale_merged_event(store: Store) -> None:
    moved = article("https://bbc.co.uk/b", "BBC",
                    Said("Russia struck Ukraine overnight in Odesa.", "ASSAULT", "RUS", "UKR",
                         date="2024-03-05", place=ODESA))
    with store:
        store.ingest_records([A, B])
        store.ingest_records([moved])
        got = merged(store)
        assert got[frozenset({ref(A, "E1"), ref(A, "E2")})] == (2, 1, 1)
        assert got[frozenset({ref(A, "E3")})] == (1, 1, 1)
        assert got[frozenset({ref(moved, "E1")})] == (1, 1, 1)
        assert len(got) == 3
        total = store.con.execute("SELECT count(*) FROM merged_events").fetchone()
        assert total == (3,)


def test_one_batch_in_the_store_is_the_pure_merge(store: Store) -> None:
    """The store reads back from its tables what merge_events reads from the records."""
    putin = Said("Putin accused Ukraine of shelling.", "ACCUSE", "PUTIN", "UKR", date=None)
    records = [
        A, B,
        article("https://tass.ru/e", "TASS", putin,
                Said("Lavrov accused Ukraine of lying.", "ACCUSE", "LAVROV", "UKR", date=None),
                published=None),
        article("https://ria.ru/f", "RIA", putin,
                Said("Ministry accused Ukraine of provocations.", "ACCUSE", "MINISTRY", "UKR",
                     date=None), published=None),
        article("https://kyivindependent.com/g", "Kyiv Independent",
                Said("Russia attacked Ukraine near Kyiv.", "ASSAULT", "RUS", "UKR",
                     date="2024-03-02", place=KYIV), published="2024-03-02"),
    ]
    pure = {frozenset(c) for c in merge_events(records)}
    with store:
        store.ingest_records(records)
        assert set(merged(store)) == pure
    putins = frozenset({ref(records[2], "E1"), ref(records[3], "E1")})
    assert any(putins <= c for c in pure)
    assert not any({ref(records[2], "E1"), ref(records[2], "E2")} <= c for c in pure)
