"""The PolNeAR scorer on a brat-annotated article written for this test."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval_kit import FakeCoder, actor, at, quote, record

from eventwire.eval import polnear

TEXT = ("Council Votes on Bridge\n\n"
        'The mayor said the bridge "will open in May."\n\n'
        '"We are ready," the engineer told reporters.\n\n'
        "Residents expect, as ever, delays, a local paper reported.\n")


def spans(phrase: str, nth: int = 0) -> str:
    s = at(TEXT, phrase, nth)
    return f"{s.start} {s.end}"


def ann() -> str:
    lines = [
        f"T1\tSource {spans('The mayor')}\tThe mayor",
        f"T2\tCue {spans('said')}\tsaid",
        f'T3\tContent {at(TEXT, "the bridge").start} {at(TEXT, "May.").end}\tthe bridge ...',
        f"T4\tAttribution {spans('said')}\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        f"T5\tContent {spans('We are ready,')}\tWe are ready,",
        f"T6\tSource {spans('the engineer')}\tthe engineer",
        f"T7\tCue {spans('told')}\ttold",
        "E2\tAttribution:T7 Content:T5 Cue:T7 Source:T6",
        f"T8\tContent {spans('Residents expect')};{spans('delays')}\tResidents expect delays",
        f"T9\tSource {spans('a local paper')}\ta local paper",
        f"T10\tCue {spans('reported')}\treported",
        "E3\tAttribution:T10 Content:T8 Cue:T10 Source:T9",
        f"T11\tDiscard {spans('Council Votes')}\tCouncil Votes",
        "#1\tAnnotatorNotes T5\tan annotator's note",
        "a continuation line of a note",
    ]
    return "\n".join(lines) + "\n"


@pytest.fixture
def split(tmp_path: Path) -> Path:
    root = tmp_path / "polnear"
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir()
    (root / "dev" / "text" / "town_bridge.txt").write_text(TEXT, encoding="utf-8")
    (root / "dev" / "attributions" / "town_bridge_ab12.ann").write_text(ann(), encoding="utf-8")
    # A second annotator's file: the first in name order is used.
    (root / "dev" / "attributions" / "town_bridge_zz99.ann").write_text("", encoding="utf-8")
    (root / "metadata.tsv").write_text(
        "compartment\tfilename\tpublication_date\ndev\ttown_bridge\t2016-10-01\n",
        encoding="utf-8")
    return root


def test_reader(split: Path) -> None:
    (article,) = polnear.read_gold(split)
    assert article.published == "2016-10-01"
    assert len(article.quotes) == 3
    third = article.quotes[2]
    assert [TEXT[s:e] for s, e in third.content] == ["Residents expect", "delays"]
    assert [TEXT[s:e] for s, e in third.source] == ["a local paper"]


def test_known_scores(split: Path) -> None:
    ours = record(TEXT, actors=[actor(TEXT, "A1", "The mayor")], quotes=[
        # 4 of the gold's 6 words: an overlap match, not exact; speaker by mention
        quote(TEXT, "will open in May.", speaker="A1", cue="said"),
        # the same words as the gold: exact; speaker_text names someone else, cue wrong
        quote(TEXT, "We are ready", n=2, speaker_text="reporters", cue="spoke"),
        # no gold quote here
        quote(TEXT, "a local paper reported", n=3),
    ])
    coder = FakeCoder({TEXT: ours})
    report = polnear.run(split / "dev", coder, None)
    m = report.metrics
    assert coder.seen[0].published == "2016-10-01"
    assert m["quote_exact_precision"] == pytest.approx(1 / 3)
    assert m["quote_exact_recall"] == pytest.approx(1 / 3)
    assert m["quote_overlap_f1"] == pytest.approx(2 / 3)
    assert m["speaker_accuracy"] == 0.5
    assert m["cue_accuracy"] == 0.5
    assert [miss.gold for miss in report.misses] == ["Residents expect … delays"]


def test_speaker_text_inside_the_source_counts(split: Path) -> None:
    ours = record(TEXT, quotes=[quote(TEXT, "We are ready", speaker_text="Engineer",
                                      cue="has told")])
    m = polnear.run(split, FakeCoder({TEXT: ours}), None).metrics
    assert m["speaker_accuracy"] == 1.0
    assert m["cue_accuracy"] == 1.0
    assert m["quote_exact_precision"] == 1.0


def test_no_quotes_scores_zero_with_a_note(split: Path) -> None:
    report = polnear.run(split, FakeCoder(), None)
    assert set(report.metrics.values()) == {0.0}
    assert any("no quote matched" in n for n in report.notes)


def test_quotes_are_grouped_as_polnear_attributions() -> None:
    text = '"We will stay," Ana said. "We will not leave."\n\nShe said they were "very tired" now.'
    def q(kind: str, word: str, speaker: str | None) -> dict[str, object]:
        start = text.index(word)
        return {"kind": kind, "start": start, "end": start + len(word), "speaker": speaker,
                "speaker_text": None, "text": word}
    first, second = q("direct", "We will stay", "A1"), q("direct", "We will not leave", "A1")
    clause = q("indirect", 'they were "very tired" now', "A1")
    fragment = q("partial", "very tired", "A1")
    groups, spans = polnear.as_attributions(text, [second, fragment, clause, first])
    assert groups == [first, clause]
    assert spans[0] == [(first["start"], first["end"]), (second["start"], second["end"])]
    other = dict(second, speaker="A2")
    assert len(polnear.as_attributions(text, [first, other])[0]) == 2


def test_quotes_join_across_a_long_attribution_but_not_a_paragraph() -> None:
    # PolNeAR joins one source's quotes across an attribution of up to ~200 characters
    # (gold gaps of 121-199 characters in train and dev): "…," said X, an economist who … "…"
    who = ("said Douglas Holtz-Eakin, an economist who served as director of the "
           "Congressional Budget Office and is now president of the American Action Forum.")
    text = f'"This is not reform," {who} "It is anti-reform."\n\n"New paragraph."'
    def q(word: str) -> dict[str, object]:
        start = text.index(word)
        return {"kind": "direct", "start": start, "end": start + len(word), "speaker": "A1",
                "speaker_text": None, "text": word}
    quotes = [q("This is not reform"), q("It is anti-reform."), q("New paragraph.")]
    assert 120 < len(who) < 200
    groups, spans = polnear.as_attributions(text, quotes)
    assert [len(s) for s in spans] == [2, 1]
    assert groups == [quotes[0], quotes[2]]


LABELLED = "MAYOR: We are ready. ― Ana Ruiz, engineer"


@pytest.mark.parametrize(("cue_text", "ours", "right"), [
    (":", None, True),        # a transcript label has no reporting verb: null is right
    ("―", "", True),
    (":", "said", False),     # a verb where the gold has none
    ("MAYOR", None, False),   # a gold cue with words still needs one of them
])
def test_a_punctuation_cue_expects_no_reporting_verb(cue_text: str, ours: str | None,
                                                      right: bool) -> None:
    cue = at(LABELLED, cue_text)
    gold = polnear.GoldQuote(content=((7, 20),), source=(), cue=((cue.start, cue.end),))
    assert polnear._cue_right(LABELLED, gold, {"cue": ours}) is right
