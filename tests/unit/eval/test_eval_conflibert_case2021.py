"""The sentence-label scorers (ConfliBERT quad classes, CASE 2021 types) on small files."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval_kit import FakeCoder, event, record

from eventwire.errors import InputError
from eventwire.eval import case2021, conflibert

Q1 = "Gondor praised Arnor."
Q2 = "Mordor shelled Osgiliath and threatened Gondor."
Q3 = "The market opened late."
Q4 = "Rohan pledged grain to Gondor and sent wagons."


def test_strongest_event_rule() -> None:
    rec = record(Q2, events=[
        event(Q2, "THREATEN", "threatened", quad_class=3, goldstein=-4.4, confidence=0.9),
        event(Q2, "ASSAULT", "shelled", n=2, quad_class=4, goldstein=-10.0, confidence=0.4)])
    assert conflibert.strongest_quad_class(rec) == 4
    coop = record(Q4, events=[
        event(Q4, "AGREE", "pledged", quad_class=1, goldstein=4.5, confidence=0.9),
        event(Q4, "AID", "sent", n=2, quad_class=2, goldstein=7.4, confidence=0.3),
        event(Q4, "ASSAULT", "sent", n=3, quad_class=4, goldstein=-10.0, negated=True)])
    assert conflibert.strongest_quad_class(coop) == 2
    assert conflibert.strongest_quad_class(record(Q3)) == 0
    assert conflibert.strongest_quad_class(None) == 0


def test_conflibert_known_scores(tmp_path: Path) -> None:
    path = tmp_path / "quad.tsv"
    path.write_text(f"{Q1}\t1\n{Q2}\t4\n{Q3}\t0\n{Q4}\t2\n", encoding="utf-8")
    coder = FakeCoder({
        Q1: record(Q1, events=[event(Q1, "SUPPORT", "praised", quad_class=1, goldstein=3.4)]),
        Q2: record(Q2, events=[event(Q2, "ASSAULT", "shelled", quad_class=4, goldstein=-10.0)]),
        Q3: record(Q3, events=[event(Q3, "CONSULT", "opened", quad_class=1, goldstein=1.0)]),
        Q4: record(Q4, events=[event(Q4, "AID", "sent", quad_class=2, goldstein=7.4)]),
    })
    report = conflibert.run(path, coder, None)
    assert report.n == 4
    assert report.metrics["quad_class_accuracy"] == 0.75
    # F1 per class: 0 -> 0, 1 -> 2/3, 2 -> 1, 3 -> 0 (absent), 4 -> 1
    assert report.metrics["quad_class_macro_f1"] == pytest.approx((2 / 3 + 1 + 1) / 5)
    assert [(m.gold, m.ours) for m in report.misses] == [("0", "1")]


def test_conflibert_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("A sentence without a class\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.tsv:1"):
        conflibert.read_gold(path)


C1 = "Soldiers exchanged fire with rebels near the border."
C2 = "Thousands marched peacefully through the capital."
C3 = "A flood destroyed the bridge."
C5 = "Police detained three journalists."
SNIPPETS = "\n".join([
    f"1\t{C1}\tARMED_CLASH", f"2\t{C2}\tPEACE_PROTEST", f"3\t{C3}\tNATURAL_DISASTER",
    "4\tThe minister condemned the closure.\tDIPLO", f"5\t{C5}\tARREST",
    "6\tSomething else happened.\tMYSTERY",
]) + "\n"


def test_case2021_known_scores(tmp_path: Path) -> None:
    path = tmp_path / "snippets.tsv"
    path.write_text(SNIPPETS, encoding="utf-8")
    coder = FakeCoder({
        C1: record(C1, events=[event(C1, "ASSAULT", "exchanged fire", mode="firearms")]),
        C2: record(C2, events=[event(C2, "PROTEST", "marched", mode="riot")]),
        C3: record(C3, events=[event(C3, "ASSAULT", "destroyed")]),
    })
    report = case2021.run(path, coder, None)
    m = report.metrics
    assert report.n == 4  # DIPLO is skipped, MYSTERY is not in the table
    assert m["event_type_accuracy"] == 0.5
    # tp: C1, C2; fp: our ASSAULT on the flood; fn: the missed arrest
    assert m["event_type_precision"] == pytest.approx(2 / 3)
    assert m["event_type_recall"] == pytest.approx(2 / 3)
    # ASSAULT 2/3, PROTEST 1, COERCE 0
    assert m["event_type_macro_f1"] == pytest.approx((2 / 3 + 1) / 3)
    # modes: firearms right, demo vs riot wrong, arrest missed
    assert m["event_mode_accuracy"] == pytest.approx(1 / 3)
    assert any("DIPLO 1" in n and "MYSTERY (not in the table) 1" in n for n in report.notes)
