"""The PLOVER GSR scorer on a three-record gold file written for this test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from eval_kit import FakeCoder, actor, event, record

from eventwire.errors import InputError
from eventwire.eval import plover_gsr

S1 = "Arnorian and Gondorian envoys agreed to share the river."
S2 = "Mordor demanded that Rohan pay tribute."
S3 = "Rohan soldiers fought orcs near Isengard."

GOLD: list[dict[str, Any]] = [
    {"id": "DOC-1", "event": "DOCUMENT", "eventText": "file notes"},
    {"id": "R1", "event": "AGREE", "text": S1, "target": None,
     "source": [{"actorText": "Arnorian", "code": "ARN", "sector": "GOV"},
                {"actorText": "Gondorian", "code": "GON", "sector": "GOV"}],
     "textInfo": {"markup": "(SRC/TAR: Arnorian) and (SRC/TAR: Gondorian) envoys "
                            "(EVT: agreed) to share the river."}},
    {"id": "R2", "event": "DEMAND", "text": S2,
     "source": [{"actorText": "Mordor", "code": "MOR"}],
     "target": [{"actorText": "Rohan", "code": "ROH", "sector": "GOV"}],
     "textInfo": {"markup": "(SRC: Mordor) (EVT: demanded) that (TAR: Rohan) pay tribute."}},
    {"id": "R3", "event": "FIGHT", "text": S3,
     "source": [{"actorText": "Rohan soldiers", "code": "ROH", "sector": "MIL"}],
     "target": [{"actorText": "orcs", "code": "MOR", "sector": "REBorc"}],
     "textInfo": {"markup": "(SRC: Rohan soldiers) (EVT: fought) (TAR: orcs) near Isengard."}},
]


def ours() -> dict[str, dict[str, Any]]:
    return {
        # Reciprocal gold: our direction is the reverse of the gold order and still counts.
        S1: record(S1, actors=[actor(S1, "A1", "Gondorian", "GON", "GOV"),
                               actor(S1, "A2", "Arnorian", "ARN")],
                   events=[event(S1, "AGREE", "agreed", source=["A1"], target=["A2"])]),
        # Wrong type; the negated REQUEST is ignored even though it is more confident.
        S2: record(S2, actors=[actor(S2, "A1", "Mordor", "MOR"),
                               actor(S2, "A2", "Rohan", "ROH", "GOV")],
                   events=[event(S2, "ACCUSE", "demanded", source=["A1"], target=["A2"]),
                           event(S2, "REQUEST", "demanded", n=2, source=["A1"], target=["A2"],
                                 negated=True, confidence=0.99)]),
        S3: record(S3, actors=[actor(S3, "A1", "Rohan soldiers", "ROH", "MIL")]),
    }


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    return path


def test_reader_maps_2016_names_and_skips_documentation(gold_file: Path) -> None:
    gold = plover_gsr.read_gold(gold_file)
    assert [(g.id, g.type, g.mode, g.reciprocal) for g in gold] == [
        ("R1", "AGREE", None, True), ("R2", "REQUEST", None, False),
        ("R3", "ASSAULT", None, False)]
    assert gold[2].targets[0].sector == "REB"
    assert plover_gsr.gold_triples(gold[0]) == {("ARN", "AGREE", "GON")}


def test_known_scores(gold_file: Path) -> None:
    report = plover_gsr.run(gold_file, FakeCoder(ours()), None)
    m = report.metrics
    assert report.n == 3
    assert m["event_type_accuracy"] == pytest.approx(1 / 3)
    # AGREE F1 1; REQUEST, ASSAULT and our ACCUSE F1 0 -> 1/4
    assert m["event_type_macro_f1"] == pytest.approx(0.25)
    # tp 1 (R1), fp 1 (our ACCUSE), fn 2 (R2, R3)
    assert m["triple_precision"] == pytest.approx(0.5)
    assert m["triple_recall"] == pytest.approx(1 / 3)
    assert m["triple_f1"] == pytest.approx(0.4)
    # countries: all but "orcs" (no actor of ours there) -> 5/6
    assert m["actor_country_accuracy"] == pytest.approx(5 / 6)
    # sectors: Arnorian GOV (ours none) and orcs REB wrong -> 3/5
    assert m["actor_sector_accuracy"] == pytest.approx(0.6)
    assert [miss.item for miss in report.misses] == ["R2", "R3"]
    assert report.misses[0].gold == "REQUEST: MOR REQUEST ROH"
    assert report.misses[1].ours == "no event: -"


def test_no_output_scores_zero_and_says_why(gold_file: Path) -> None:
    report = plover_gsr.run(gold_file, FakeCoder(), None)
    assert set(report.metrics.values()) == {0.0}
    assert any("no coded record has any events" in note for note in report.notes)


def test_directional_triples_keep_direction() -> None:
    gold = plover_gsr.GoldRecord("X", S2, "REQUEST", None, False,
                                 (plover_gsr.GoldActor("Mordor", "MOR", None),),
                                 (plover_gsr.GoldActor("Rohan", "ROH", None),))
    reverse = record(S2, actors=[actor(S2, "A1", "Mordor", "MOR"), actor(S2, "A2", "Rohan", "ROH")],
                     events=[event(S2, "REQUEST", "demanded", source=["A2"], target=["A1"])])
    assert plover_gsr.score([gold], [reverse]).metrics["triple_f1"] == 0.0


def test_unknown_event_type_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([{"id": "B", "event": "PARTY", "text": "x"}]), encoding="utf-8")
    with pytest.raises(InputError, match="unknown event type"):
        plover_gsr.read_gold(path)


def test_reciprocal_sources_without_target_pair_up() -> None:
    """The GSR codes a reciprocal pair as several sources and no target; ours alike."""
    gold = plover_gsr.GoldRecord("Y", S1, "AGREE", None, True,
                                 (plover_gsr.GoldActor("Arnorian", "ARN", None),
                                  plover_gsr.GoldActor("Gondorian", "GON", None)), ())
    both = record(S1, actors=[actor(S1, "A1", "Gondorian", "GON"),
                              actor(S1, "A2", "Arnorian", "ARN")],
                  events=[event(S1, "AGREE", "agreed", source=["A1", "A2"])])
    assert plover_gsr.our_triples(both, True) == {("ARN", "AGREE", "GON")}
    assert plover_gsr.score([gold], [both]).metrics["triple_f1"] == 1.0
    # a directional record keeps one triple per source
    assert plover_gsr.our_triples(both, False) == {("GON", "AGREE", None),
                                                   ("ARN", "AGREE", None)}
