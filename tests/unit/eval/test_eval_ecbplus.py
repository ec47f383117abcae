"""The ECB+ reader and cross-document scorer with a merge function passed in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from eval_kit import FakeCoder, event, record

from eventwire.eval import ecbplus

DOC_A = [["Rebels", "attacked", "the", "fort", "."], ["The", "attack", "killed", "two", "."]]
DOC_B = [["The", "fort", "was", "attacked", "on", "Monday", "."]]
TEXT_A = "Rebels attacked the fort.\nThe attack killed two."
TEXT_B = "The fort was attacked on Monday."


def _doc(name: str, sentences: list[list[str]], markables: str, relations: str) -> str:
    tokens, t_id = [], 0
    for s, words in enumerate(sentences):
        for n, w in enumerate(words):
            t_id += 1
            tokens.append(f'<token t_id="{t_id}" sentence="{s}" number="{n}">{w}</token>')
    return (f'<Document doc_name="{name}" doc_id="x">{"".join(tokens)}'
            f"<Markables>{markables}</Markables><Relations>{relations}</Relations></Document>")


def _m(tag: str, m_id: int, *ids: int) -> str:
    return f'<{tag} m_id="{m_id}">' + "".join(f'<token_anchor t_id="{i}"/>' for i in ids) \
        + f"</{tag}>"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    topic = tmp_path / "1"
    topic.mkdir()
    (topic / "1_1ecb.xml").write_text(_doc(
        "1_1ecb.xml", DOC_A,
        _m("HUMAN_PART_PER", 4, 1) + _m("ACTION_OCCURRENCE", 1, 2)
        + _m("ACTION_OCCURRENCE", 2, 7) + _m("ACTION_OCCURRENCE", 3, 8)
        + '<ACTION_OCCURRENCE m_id="10" instance_id="ACT1" TAG_DESCRIPTOR="fort attack"/>',
        '<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1"/><source m_id="2"/>'
        '<target m_id="10"/></CROSS_DOC_COREF>'
        '<CROSS_DOC_COREF r_id="2" note="HUM9"><source m_id="4"/><target m_id="11"/>'
        "</CROSS_DOC_COREF>"), encoding="utf-8")
    (topic / "1_2ecbplus.xml").write_text(_doc(
        "1_2ecbplus.xml", DOC_B, _m("NEG_ACTION_OCCURRENCE", 1, 4),
        '<CROSS_DOC_COREF r_id="3" note="ACT1"><source m_id="1"/><target m_id="5"/>'
        "</CROSS_DOC_COREF>"), encoding="utf-8")
    return tmp_path


def test_reader_and_gold_clusters(corpus: Path) -> None:
    docs = ecbplus.read_corpus(corpus)
    assert [d.text for d in docs] == [TEXT_A, TEXT_B]
    assert [(m.m_id, docs[0].text[m.start:m.end]) for m in docs[0].mentions] == [
        ("1", "attacked"), ("2", "attack"), ("3", "killed")]
    clusters = ecbplus.gold_clusters(docs)
    assert sorted(sorted(c) for c in clusters) == [
        [("1_1ecb", "1"), ("1_1ecb", "2"), ("1_2ecbplus", "1")], [("1_1ecb", "3")]]


def merge_by_trigger(records: Sequence[Mapping[str, Any]]) -> list[list[tuple[str, str]]]:
    """A merge that joins events whose triggers share their first five letters."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for rec in records:
        for ev in rec["events"]:
            groups.setdefault(ev["trigger"]["text"][:5], []).append((rec["id"], ev["id"]))
    return list(groups.values())


def test_known_scores(corpus: Path) -> None:
    coder = FakeCoder({
        TEXT_A: record(TEXT_A, events=[event(TEXT_A, "ASSAULT", "attacked"),
                                       event(TEXT_A, "ASSAULT", "killed", n=2)]),
        TEXT_B: record(TEXT_B, events=[event(TEXT_B, "ASSAULT", "attacked")]),
    })
    report = ecbplus.run(corpus, coder, None, merge=merge_by_trigger)
    m = report.metrics
    # key {a1 a2 b1} {a3}; response {a1 b1} {a3}
    assert m["muc_f1"] == pytest.approx(2 / 3)  # recall 1/2, precision 1
    assert m["b3_f1"] == pytest.approx(14 / 19)  # recall 7/12, precision 1
    assert m["ceafe_f1"] == pytest.approx(0.9)  # (4/5 + 1) / 2 both ways
    assert m["conll_f1"] == pytest.approx((2 / 3 + 14 / 19 + 0.9) / 3)


def test_not_scorable_until_merging_exists(corpus: Path) -> None:
    report = ecbplus.run(corpus, FakeCoder(), None,
                         find=lambda: f"{ecbplus.WAITING_FOR}: no module")
    assert report.status == "not yet scorable"
    assert report.reason is not None and "issue 7" in report.reason


def _dev_corpus(corpus: Path) -> Path:
    """The fixture's documents filed under topic 2, one of the ECB+ dev topics."""
    (corpus / "1").rename(corpus / "2")
    return corpus


def test_the_merge_rule_is_scored_on_gold_mentions_against_baselines(corpus: Path) -> None:
    coder = FakeCoder({
        TEXT_A: record(TEXT_A, events=[event(TEXT_A, "ASSAULT", "attacked"),
                                       event(TEXT_A, "ASSAULT", "killed", n=2)]),
        TEXT_B: record(TEXT_B, events=[event(TEXT_B, "ASSAULT", "attacked")]),
    })
    m = ecbplus.run(_dev_corpus(corpus), coder, None, merge=merge_by_trigger).metrics
    # Gold {a1 a2 b1} {a3}. Events sit on a1, a3 and b1; "attack" (a2) has none left in
    # its sentence, so it is a singleton: the rule gives {a1 b1} {a3} {a2}.
    assert m["gold_dev_with_event"] == pytest.approx(3 / 4)
    assert m["gold_dev_merge_rule_b3_f1"] == pytest.approx(0.8)  # recall 2/3, precision 1
    assert m["gold_dev_singletons_b3_f1"] == pytest.approx(2 / 3)  # recall 1/2, precision 1
    # One cluster of all four: precision (3 * 3/4 + 1/4) / 4 = 5/8, recall 1.
    assert m["gold_dev_one_per_topic_b3_f1"] == pytest.approx(2 * 5 / 8 / (1 + 5 / 8))
    assert m["gold_dev_merge_rule_conll_f1"] is not None
    assert m["gold_dev_singletons_conll_f1"] is not None
    rule, single = m["gold_dev_merge_rule_conll_f1"], m["gold_dev_singletons_conll_f1"]
    assert rule > single


def test_without_a_dev_topic_the_rule_alone_is_not_scored(corpus: Path) -> None:
    report = ecbplus.run(corpus, FakeCoder(), None, merge=merge_by_trigger)
    assert not any(name.startswith("gold_dev") for name in report.metrics)
    assert any("no dev topic" in note for note in report.notes)


def test_each_gold_mention_gets_the_event_on_its_trigger_else_one_in_its_sentence() -> None:
    doc = ecbplus.EcbDoc("1_1ecb", "1", TEXT_A, (
        ecbplus.EventMention("1_1ecb", "1", 7, 15), ecbplus.EventMention("1_1ecb", "2", 30, 36),
        ecbplus.EventMention("1_1ecb", "3", 37, 43)), ())

    def ev(n: int, start: int, end: int, sentence: tuple[int, int]) -> dict[str, Any]:
        return {"id": f"E{n}", "type": "ASSAULT",
                "trigger": {"start": start, "end": end, "text": TEXT_A[start:end]},
                "evidence": {"start": sentence[0], "end": sentence[1],
                             "text": TEXT_A[sentence[0]:sentence[1]]}}

    # E1 is on "attacked"; E2 on "two" in the second sentence; E3 on "Rebels".
    rec = {"id": "r", "events": [ev(1, 7, 15, (0, 25)), ev(2, 44, 47, (26, 48)),
                                 ev(3, 0, 6, (0, 25))]}
    placed = ecbplus.gold_mention_record(doc, rec)
    assert placed is not None and placed["id"] == "1_1ecb"
    # "attack" (2) takes E2, the only event left in its sentence; "killed" (3) gets none,
    # since an event goes to one mention at most; E3's sentence has no mention left.
    assert [(e["id"], e["trigger"]["text"], e["evidence"]["start"])
            for e in placed["events"]] == [("1", "attacked", 0), ("2", "attack", 26)]
    assert ecbplus.gold_mention_record(doc, None) is None
