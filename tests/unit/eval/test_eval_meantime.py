"""The MEANTIME reader and scorer on a CAT XML file written for this test."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval_kit import FakeCoder, at, entity, event, record, time_ref

from eventwire.eval import meantime
from eventwire.eval.meantime_reader import rebuild_text
from eventwire.model import Actor, Entity

SENTENCES = [
    ["Gondor", "signs", "treaty"],
    ["March", "3", ",", "2008"],
    ["The", "king", "of", "Gondor", ",", "Aragorn", ",", "signed", "a", "treaty", "with", "the",
     "Shire", "on", "Monday", "."],
]
TEXT = ("Gondor signs treaty\nMarch 3, 2008\n"
        "The king of Gondor, Aragorn, signed a treaty with the Shire on Monday.")


def _tokens() -> str:
    out, t_id = [], 0
    for s, words in enumerate(SENTENCES):
        for n, w in enumerate(words):
            t_id += 1
            out.append(f'<token t_id="{t_id}" sentence="{s}" number="{n}">{w}</token>')
    return "\n".join(out)


def _anchor(m_tag: str, attrs: str, *ids: int) -> str:
    anchors = "".join(f'<token_anchor t_id="{i}"/>' for i in ids)
    return f"<{m_tag} {attrs}>{anchors}</{m_tag}>"


def _link(tag: str, attrs: str, sources: list[int], target: int) -> str:
    inner = "".join(f'<source m_id="{s}"/>' for s in sources)
    return f'<{tag} {attrs}>{inner}<target m_id="{target}"/></{tag}>'


CAT = f"""<?xml version="1.0" ?>
<Document doc_id="1" doc_name="gondor_treaty" lang="en">
{_tokens()}
<Markables>
{_anchor("ENTITY_MENTION", 'm_id="1" syntactic_type="NAM"', 1)}
{_anchor("ENTITY_MENTION", 'm_id="2" syntactic_type="NAM"', 11)}
{_anchor("ENTITY_MENTION", 'm_id="3" syntactic_type="NAM"', 13)}
{_anchor("ENTITY_MENTION", 'm_id="4" syntactic_type="NAM"', 19, 20)}
{_anchor("ENTITY_MENTION", 'm_id="5" syntactic_type="NOM"', 8, 9)}
{_anchor("EVENT_MENTION", 'm_id="10" pred="sign"', 15)}
{_anchor("TIMEX3", 'm_id="20" functionInDocument="CREATION_TIME" type="DATE" value="2008-03-03"',
         4, 5, 6, 7)}
{_anchor("TIMEX3", 'm_id="21" functionInDocument="NONE" type="DATE" value="2008-03-03"', 22)}
<TIMEX3 m_id="22" functionInDocument="NONE" type="DATE" value="PRESENT_REF"/>
<ENTITY m_id="30" ent_type="LOC" TAG_DESCRIPTOR="Gondor"/>
<ENTITY m_id="31" ent_type="PER" TAG_DESCRIPTOR="Aragorn"/>
<ENTITY m_id="32" ent_type="LOC" TAG_DESCRIPTOR="Shire"/>
</Markables>
<Relations>
{_link("REFERS_TO", 'r_id="1"', [1, 2], 30)}
{_link("REFERS_TO", 'r_id="2"', [3, 5], 31)}
{_link("REFERS_TO", 'r_id="3"', [4], 32)}
{_link("HAS_PARTICIPANT", 'r_id="4" sem_role="Arg0"', [10], 3)}
{_link("HAS_PARTICIPANT", 'r_id="5" sem_role="Arg1"', [10], 4)}
{_link("HAS_PARTICIPANT", 'r_id="6" sem_role="Argm-LOC"', [10], 2)}
</Relations>
</Document>
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "corpus_test").mkdir()
    (tmp_path / "corpus_test" / "1_gondor_treaty.xml").write_text(CAT, encoding="utf-8")
    return tmp_path


def test_rebuild_text_spacing() -> None:
    words = ["He", "said", '"', "yes", '"', "(", "twice", ")", "for", "US$", "40", "and",
             "did", "n't", "stop", "."]
    text, spans = rebuild_text([(i, 0, w) for i, w in enumerate(words)])
    assert text == 'He said "yes" (twice) for US$40 and didn\'t stop.'
    assert all(text[s:e] == words[i] for i, (s, e) in spans.items())
    two, _ = rebuild_text([(1, 0, "Title"), (2, 1, "Body"), (3, 1, ".")])
    assert two == "Title\nBody."


def test_reader(corpus: Path) -> None:
    (doc,) = meantime.read_gold(corpus)
    assert doc.text == TEXT
    assert doc.published == "2008-03-03"
    assert [(TEXT[e.start:e.end], e.type) for e in doc.entities] == [
        ("Gondor", "LOC"), ("Gondor", "LOC"), ("Aragorn", "PER"), ("the Shire", "LOC")]
    assert [(TEXT[t.start:t.end], t.value) for t in doc.times] == [
        ("March 3, 2008", "2008-03-03"), ("Monday", "2008-03-03")]
    assert [(TEXT[slice(*p.argument)], p.role) for p in doc.participants] == [
        ("Aragorn", "source"), ("the Shire", "target")]


def test_value_comparison() -> None:
    assert meantime.value_right("2008-03-03", "2008-03") is True
    assert meantime.value_right("2008-03", "2008-03-15") is True
    assert meantime.value_right("2009-12-11TXX", "2009-12-11") is True
    assert meantime.value_right("2008-03-03", "2008-04") is False
    assert meantime.value_right("2008-03-03", None) is False
    assert meantime.value_right("P1Y", "2008") is None
    assert meantime.value_right("PRESENT_REF", None) is None


def test_known_scores(corpus: Path) -> None:
    gondor2 = at(TEXT, "Gondor", 1)
    ours = record(
        TEXT, published="2008-03-03",
        entities=[entity(TEXT, "Gondor", "GPE"), entity(TEXT, "Aragorn", "ORG"),
                  entity(TEXT, "Shire", "LOC"),
                  Entity(gondor2.start, gondor2.end, "Gondor", "GPE")],
        times=[time_ref(TEXT, "March 3, 2008", "2008-03-04"),
               time_ref(TEXT, "on Monday", "2008-03")],
        actors=[Actor("A1", "Aragorn", mentions=[(at(TEXT, "Aragorn").start,
                                                  at(TEXT, "Aragorn").end)]),
                Actor("A2", "Gondor", mentions=[(gondor2.start, gondor2.end)])],
        events=[event(TEXT, "AGREE", "signed", source=["A1"], target=["A2"])],
    )
    coder = FakeCoder({TEXT: ours})
    report = meantime.run(corpus, coder, None)
    m = report.metrics
    assert coder.seen[0].published == "2008-03-03"
    # entities: 3 LOC right ("the Shire" compares as "Shire"); Aragorn typed ORG
    assert (m["entity_precision"], m["entity_recall"]) == (0.75, 0.75)
    assert (m["entity_f1_loc"], m["entity_f1_per"], m["entity_f1_org"]) == (1.0, 0.0, 0.0)
    # times: one exact span, both overlap; values: 2008-03-04 wrong, 2008-03 right
    assert m["time_strict_f1"] == 0.5
    assert m["time_relaxed_f1"] == 1.0
    assert m["time_value_accuracy"] == 0.5
    # participants: Aragorn as source right, Gondor as target wrong
    assert (m["participant_precision"], m["participant_recall"]) == (0.5, 0.5)



def test_creation_time_falls_back_to_the_date_line(tmp_path: Path) -> None:
    (tmp_path / "corpus_test").mkdir()
    dmy = CAT.replace('value="2008-03-03"', 'value="03-03-2008"', 1)
    missing = CAT.replace('functionInDocument="CREATION_TIME"', 'functionInDocument="NONE"')
    for name, body in (("1_dmy.xml", dmy), ("2_missing.xml", missing)):
        (tmp_path / "corpus_test" / name).write_text(body, encoding="utf-8")
    assert [d.published for d in meantime.read_gold(tmp_path)] == ["2008-03-03", "2008-03-03"]


def test_times_are_scored_only_where_gold_annotates_them(corpus: Path) -> None:
    (doc,) = meantime.read_gold(corpus)
    assert doc.timex_end == len(TEXT)  # three sentences, all inside the annotated first six
