"""Cross-article event merging on hand-built ``eventwire.article/1`` records."""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import check_record
from eventwire.eval import ecbplus
from eventwire.eval.metrics import b_cubed, ceaf_e, conll_f1, muc
from eventwire.model import Actor, Article, Document, Entity, Event, Place, Span
from eventwire.output import to_record
from eventwire.store.merge import MergeRule, merge_events, merged_id

REPO = Path(__file__).resolve().parents[3]

KYIV = Place("Kyiv", "UKR", "Kyiv City", 50.45, 30.52, 703448, "city")
BROVARY = Place("Brovary", "UKR", "Kyiv Oblast", 50.51, 30.79, 711660, "city")
KHARKIV = Place("Kharkiv", "UKR", "Kharkiv Oblast", 49.99, 36.23, 706483, "city")
UKRAINE = Place("Ukraine", "UKR", None, 49.0, 32.0, 690791, "country")

KB = {"russia": ("Russia", "RUS", "RUS", None), "ukraine": ("Ukraine", "UKR", "UKR", None),
      "usa": ("United States", "USA", "USA", None), "china": ("China", "CHN", "CHN", None),
      "putin": ("Vladimir Putin", "RUS", "RUSGOV", "leader:putin"),
      "kremlin": ("the Kremlin leader", "RUS", "RUSGOV", "leader:putin"),
      "lavrov": ("Sergei Lavrov", "RUS", "RUSGOV", None),
      "ministry": ("Russian foreign ministry", "RUS", "RUSGOV", None),
      "heller": ("Heller", None, None, None), "mark": ("Mark Jay Heller", None, None, None),
      "police": ("Police", None, "COP", None), "officers": ("officers", None, "COP", None),
      "man": ("man", None, "UNK", None), "troops": ("Russian troops", "RUS", "RUSMIL", None),
      "army": ("Ukrainian army", "UKR", "UKRMIL", None)}
PEOPLE = {"putin", "lavrov", "heller", "mark"}


@dataclass(frozen=True)
class Ev:
    """One event of a hand-built article: type, actors by KB key, date, place."""

    type: str
    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    date: str | None = "2024-03-01"
    place: Place | None = None
    negated: bool = False
    trigger: str = "happened"


def article(name: str, *events: Ev, publisher: str | None = None,
            published: str | None = None) -> dict[str, Any]:
    """A valid record whose text names each actor once and has one sentence per event."""
    keys = sorted({k for e in events for k in (*e.source, *e.target)})
    text, actors, entities = "", [], []
    for n, key in enumerate(keys, start=1):
        label, country, code, kb_id = KB[key]
        start = len(text)
        text += label + ". "
        actors.append(Actor(f"A{n}", label, country, None, code, kb_id,
                            mentions=[(start, start + len(label))]))
        if key in PEOPLE:
            entities.append(Entity(start, start + len(label), label, "PERSON", f"A{n}"))
    ids = {k: f"A{n}" for n, k in enumerate(keys, start=1)}
    evs = []
    for n, e in enumerate(events, start=1):
        start = len(text)
        text += f"Event {n} of {name}: {e.trigger}. "
        at = text.index(e.trigger, start)
        evs.append(Event(f"E{n}", e.type, Span(at, at + len(e.trigger), e.trigger),
                         Span(start, len(text) - 1, text[start:len(text) - 1]),
                         source=[ids[k] for k in e.source], target=[ids[k] for k in e.target],
                         date=e.date, location=e.place, negated=e.negated))
    doc = Document(hashlib.sha256(name.encode()).hexdigest(),
                   Article(text=text.strip(), publisher=publisher, published=published),
                   entities=entities, actors=actors, events=evs)
    rec = to_record(doc)
    check_record(rec)
    return rec


def grouped(records: list[dict[str, Any]]) -> list[list[tuple[int, int]]]:
    """The merge result with record ids replaced by the records' positions."""
    where = {r["id"]: i for i, r in enumerate(records)}
    return sorted(sorted((where[rid], int(eid[1:])) for rid, eid in cluster)
                  for cluster in merge_events(records))


ATTACK = Ev("ASSAULT", ("russia",), ("ukraine",), place=KYIV)


def test_the_same_event_from_three_articles_is_one_cluster() -> None:
    records = [article("a", ATTACK, publisher="Reuters"),
               article("b", replace(ATTACK, type="COERCE"), publisher="BBC"),
               article("c", replace(ATTACK, place=BROVARY, date="2024-03-02"),
                       publisher="AP")]
    assert grouped(records) == [[(0, 1), (1, 1), (2, 1)]]


def test_every_event_is_in_one_cluster_and_ids_are_stable() -> None:
    records = [article("a", ATTACK, Ev("PROTEST", ("ukraine",))), article("b", ATTACK)]
    clusters = merge_events(records)
    refs = [ref for c in clusters for ref in c]
    assert sorted(refs) == sorted((r["id"], e["id"]) for r in records for e in r["events"])
    assert len(refs) == len(set(refs))
    assert merged_id(refs[0]) == merged_id(refs[0]) != merged_id(refs[1])
    assert merged_id(refs[0]).startswith("M")


def test_dates_out_of_the_window_are_separate_events() -> None:
    records = [article("a", ATTACK), article("b", replace(ATTACK, date="2024-03-04"))]
    assert grouped(records) == [[(0, 1)], [(1, 1)]]


def test_the_window_holds_between_every_pair_of_members() -> None:
    records = [article(n, replace(ATTACK, date=d))
               for n, d in (("a", "2024-03-01"), ("b", "2024-03-02"), ("c", "2024-03-03"))]
    clusters = grouped(records)
    assert len(clusters) == 2
    assert [(0, 1), (2, 1)] not in clusters


def test_a_different_dyad_is_a_different_event() -> None:
    records = [article("a", ATTACK), article("b", replace(ATTACK, source=("usa",)))]
    assert grouped(records) == [[(0, 1)], [(1, 1)]]


def test_reciprocal_types_ignore_direction_and_directed_ones_do_not() -> None:
    talks = Ev("CONSULT", ("russia",), ("china",))
    records = [article("a", talks), article("b", replace(talks, source=("china",),
                                                         target=("russia",)))]
    assert grouped(records) == [[(0, 1), (1, 1)]]
    back = replace(ATTACK, source=("ukraine",), target=("russia",))
    assert grouped([article("c", ATTACK), article("d", back)]) == [[(0, 1)], [(1, 1)]]


def test_places_far_apart_are_separate_and_near_or_unknown_ones_merge() -> None:
    records = [article("a", ATTACK), article("b", replace(ATTACK, place=KHARKIV))]
    assert grouped(records) == [[(0, 1)], [(1, 1)]]
    for other in (BROVARY, UKRAINE, None):
        assert len(grouped([article("a", ATTACK), article("b", replace(ATTACK, place=other))])
                   ) == 1, other


def test_type_families_come_from_the_data_file() -> None:
    protest = replace(ATTACK, type="PROTEST")
    assert len(grouped([article("a", ATTACK), article("b", protest)])) == 2
    talks, deal = Ev("CONSULT", ("russia",), ("china",)), Ev("AGREE", ("russia",), ("china",))
    assert len(grouped([article("a", talks), article("b", deal)])) == 2


def test_one_actor_known_by_kb_id_under_two_names_is_one_actor() -> None:
    said = Ev("ACCUSE", ("putin",), ("usa",))
    records = [article("a", said), article("b", replace(said, type="THREATEN",
                                                        source=("kremlin",)))]
    assert grouped(records) == [[(0, 1), (1, 1)]]


def test_mentions_with_nothing_in_common_are_not_merged() -> None:
    bare = Ev("ASSAULT")
    assert grouped([article("a", bare), article("b", bare)]) == [[(0, 1)], [(1, 1)]]


def test_negated_mentions_are_kept_apart_from_asserted_ones() -> None:
    records = [article("a", ATTACK), article("b", replace(ATTACK, negated=True)),
               article("c", replace(ATTACK, negated=True))]
    assert grouped(records) == [[(0, 1)], [(1, 1), (2, 1)]]


def test_undated_mentions_merge_only_with_undated_ones() -> None:
    records = [article("a", replace(ATTACK, date=None)), article("b", replace(ATTACK, date=None)),
               article("c", ATTACK)]
    assert grouped(records) == [[(0, 1), (1, 1)], [(2, 1)]]


def test_events_of_one_article_can_be_one_event() -> None:
    records = [article("a", ATTACK, replace(ATTACK, type="COERCE")), article("b", ATTACK)]
    assert grouped(records) == [[(0, 1), (0, 2), (1, 1)]]


MIXED = [article("a", ATTACK, Ev("CONSULT", ("russia",), ("china",))),
         article("b", replace(ATTACK, date="2024-03-02"),
                 Ev("CONSULT", ("china",), ("russia",))),
         article("c", replace(ATTACK, date="2024-03-03", place=BROVARY)),
         article("d", replace(ATTACK, source=("usa",)), replace(ATTACK, place=KHARKIV)),
         article("e", Ev("ACCUSE", ("putin",), ("usa",)), replace(ATTACK, date="2024-03-02"))]


@settings(max_examples=60, deadline=None)
@given(st.permutations(range(len(MIXED))))
def test_the_result_does_not_depend_on_input_order(order: list[int]) -> None:
    expected = merge_events(MIXED)
    assert merge_events([MIXED[i] for i in order]) == expected


def test_reversed_event_order_inside_records_gives_the_same_clusters() -> None:
    flipped = [{**r, "events": list(reversed(r["events"]))} for r in MIXED]
    assert merge_events(flipped) == merge_events(MIXED)


def test_the_rule_covers_every_plover_type() -> None:
    rule = MergeRule.load()
    plover = REPO / "src" / "eventwire" / "data" / "events" / "plover.tsv"
    types = {cells[2] for line in plover.read_text(encoding="utf-8").splitlines()
             if not line.startswith("#") and (cells := line.split("\t"))[0] == "type"}
    assert len(types) == 16
    assert set(rule.types) == types
    assert {rule.types[t].family for t in ("ASSAULT", "COERCE")} == {"force"}
    assert rule.types["CONSULT"].reciprocal and not rule.types["ASSAULT"].reciprocal
    assert rule.date_window_days == 1 and rule.threshold > 0


@pytest.mark.parametrize("window", [0, 2])
def test_the_window_is_configurable(window: int) -> None:
    rule = replace(MergeRule.load(), date_window_days=window)
    records = [article(n, replace(ATTACK, date=d))
               for n, d in (("a", "2024-03-01"), ("b", "2024-03-02"), ("c", "2024-03-03"))]
    clusters = merge_events(records, rule)
    assert len(clusters) == (3 if window == 0 else 1)


def test_many_articles_merge_quickly() -> None:
    days = [f"2024-03-{d:02d}" for d in range(1, 29)]
    records = [article(f"n{i}", replace(ATTACK, date=days[i % 28]),
                       Ev("CONSULT", ("russia",), ("china",), date=days[i % 28]))
               for i in range(400)]
    clusters = merge_events(records)
    assert sum(len(c) for c in clusters) == 800
    # Each day's attack and talks are one event each; the window joins at most two days.
    assert len(clusters) <= 2 * 28
    assert all(len({rid for rid, _ in c}) >= 2 for c in clusters)
    assert not any(set(a) & set(b) for a, b in itertools.combinations(clusters, 2))


def test_two_people_are_two_actors_whatever_office_they_share() -> None:
    said = Ev("ACCUSE", ("putin",), ("usa",))
    other = replace(said, source=("lavrov",))
    assert len(grouped([article("a", said), article("b", other)])) == 2
    # The ministry is no person: its code is compatible with the minister's.
    office = replace(said, source=("ministry",))
    assert len(grouped([article("a", other), article("b", office)])) == 1


def test_a_partial_name_is_the_same_person() -> None:
    agreed = Ev("AGREE", ("heller",), ("usa",))
    records = [article("a", agreed), article("b", replace(agreed, source=("mark",)))]
    assert grouped(records) == [[(0, 1), (1, 1)]]


def test_sector_only_agents_are_weak_evidence() -> None:
    arrest = Ev("COERCE", ("police",), ("man",), date=None, trigger="arrested")
    undated = [article("a", arrest), article("b", arrest)]
    assert len(grouped(undated)) == 2  # "police" and "man" single nobody out
    dated = [article("a", replace(arrest, date="2024-03-01", place=KYIV)),
             article("b", replace(arrest, date="2024-03-01", source=("officers",),
                                  place=BROVARY))]
    assert len(grouped(dated)) == 1  # same day, same trigger, a place 20 km away


def test_undated_mentions_need_more_evidence() -> None:
    rule = MergeRule.load()
    assert rule.undated_threshold > rule.threshold
    # Both sides share only their country: enough on one day, not with no date at all.
    one = Ev("ASSAULT", ("russia",), ("ukraine",), trigger="struck")
    other = replace(one, source=("troops",), target=("army",), trigger="hit")
    assert len(grouped([article("a", one), article("b", other)])) == 1
    one, other = replace(one, date=None), replace(other, date=None)
    assert len(grouped([article("a", one), article("b", other)])) == 2
    assert len(grouped([article("a", one), article("b", replace(other, trigger="struck"))])
               ) == 1


def test_the_publication_date_stands_in_for_a_missing_event_date() -> None:
    records = [article("a", replace(ATTACK, date=None), published="2024-03-01T08:00:00Z"),
               article("b", ATTACK), article("c", replace(ATTACK, date=None))]
    assert grouped(records) == [[(0, 1), (1, 1)], [(2, 1)]]


def _partition(items: list[tuple[str, str]], cuts: list[int]) -> list[frozenset[tuple[str, str]]]:
    bounds = sorted({c % (len(items) + 1) for c in cuts} | {0, len(items)})
    return [frozenset(items[a:b]) for a, b in itertools.pairwise(bounds) if b > a]


@dataclass(frozen=True)
class Corefs:
    """A key and a response clustering drawn by hypothesis."""

    key: list[frozenset[tuple[str, str]]]
    response: list[frozenset[tuple[str, str]]]


@st.composite
def corefs(draw: st.DrawFn) -> Corefs:
    n = draw(st.integers(1, 25))
    mentions = [("doc", str(i)) for i in range(n)]
    key = _partition(draw(st.permutations(mentions)), draw(st.lists(st.integers(0, 100))))
    found = draw(st.lists(st.sampled_from(mentions), unique=True))
    ours = found + [("ours", f"x{i}") for i in range(draw(st.integers(0, 4)))]
    return Corefs(key, _partition(ours, draw(st.lists(st.integers(0, 100)))) if ours else [])


@settings(max_examples=80, deadline=None)
@given(corefs())
def test_ecbplus_scores_by_component_equal_the_metrics_on_the_whole(c: Corefs) -> None:
    """The measurement splits the corpus into independent parts; the totals must not move."""
    got = ecbplus.scores(c.key, c.response)
    assert got["muc_f1"] == pytest.approx(muc(c.key, c.response).f1)
    assert got["b3_f1"] == pytest.approx(b_cubed(c.key, c.response).f1)
    assert got["ceafe_f1"] == pytest.approx(ceaf_e(c.key, c.response).f1)
    assert got["conll_f1"] == pytest.approx(conll_f1(c.key, c.response))
