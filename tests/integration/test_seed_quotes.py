"""Quotes of the seed story, coded by the full pipeline: who said what, to whom.

The seed is read from ../shared at run time; the checks name speakers by their actor (name
or KB id) and by the words naming them, and find quotes by kind, speaker and cue rather
than by copying the story's text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.config import Settings
from eventwire.extract.quotes import QuoteStage
from eventwire.model import Article, Document, Quote
from eventwire.pipeline import DEFAULT_STAGES, STAGES, Pipeline, register_stage
from eventwire.sources import read_inputs

SEED_NAME = "seed/idlib-2019-02-15.txt"
OPENING_MARKS = "\"“‘'"
CLOSING_MARKS = "\"”’'"


@pytest.fixture(scope="module")
def doc(shared_dir: Path) -> Document:
    path = shared_dir / SEED_NAME
    if not path.is_file():
        pytest.skip(f"../shared is absent: no {SEED_NAME} in {shared_dir}")
    if "quotes" not in STAGES:  # until pipeline.py registers the stage itself
        register_stage("quotes", QuoteStage)
    stages = DEFAULT_STAGES if "quotes" in DEFAULT_STAGES else (*DEFAULT_STAGES, "quotes")
    (article,) = [a for a in read_inputs([str(path)], settings=Settings())
                  if isinstance(a, Article)]
    return Pipeline(Settings(), stages=stages).code(article)


def by(doc: Document, kb_id: str, kind: str) -> list[Quote]:
    actor = next(a for a in doc.actors if a.kb_id == kb_id)
    return [q for q in doc.quotes if q.speaker == actor.id and q.kind == kind]


def actor_id(doc: Document, kb_id: str) -> str:
    return next(a.id for a in doc.actors if a.kb_id == kb_id)


def is_fragment(doc: Document, quote: Quote) -> bool:
    """A partial quote is a short run of words between quote marks."""
    text = doc.text
    return (text[:quote.start].rstrip()[-1:] in OPENING_MARKS
            and text[quote.end:].lstrip(",")[:1] in CLOSING_MARKS
            and len(quote.text.split()) <= 6)


def test_every_quote_is_a_slice_of_the_body(doc: Document) -> None:
    assert doc.quotes
    for quote in doc.quotes:
        assert doc.text[quote.start:quote.end] == quote.text
        known = {a.id for a in doc.actors}
        assert quote.speaker is None or quote.speaker in known
        assert set(quote.addressees) <= known


def test_putin_tells_erdogan_and_rouhani_in_two_direct_quotes(doc: Document) -> None:
    putin = by(doc, "person:vladimir_putin", "direct")
    assert len(putin) == 2
    listeners = [actor_id(doc, "person:recep_tayyip_erdogan"),
                 actor_id(doc, "person:hassan_rouhani")]
    for quote in putin:
        assert (quote.speaker_text, quote.cue, quote.addressees) == ("Putin", "told", listeners)
    first, second = putin
    assert first.end < second.start
    assert "\n" not in doc.text[first.end:second.start]  # the same paragraph


def test_zakharova_speaks_both_quotes_of_her_paragraph(doc: Document) -> None:
    zakharova = by(doc, "person:maria_zakharova", "direct")
    assert len(zakharova) == 2
    assert all(q.speaker_text == "Maria Zakharova" and q.cue == "said" for q in zakharova)
    assert "\n" not in doc.text[zakharova[0].end:zakharova[1].start]


def test_partial_quotes_by_putin_and_erdogan(doc: Document) -> None:
    (putin,) = by(doc, "person:vladimir_putin", "partial")
    (erdogan,) = by(doc, "person:recep_tayyip_erdogan", "partial")
    assert (putin.speaker_text, putin.cue) == ("he", "called")
    assert (erdogan.speaker_text, erdogan.cue) == ("Erdogan", "said")
    assert is_fragment(doc, putin) and is_fragment(doc, erdogan)
    # Each fragment sits inside the clause its speaker reports ("said … were "…" of …").
    for partial, kb_id in ((putin, "person:vladimir_putin"),
                           (erdogan, "person:recep_tayyip_erdogan")):
        assert any(q.start <= partial.start and partial.end <= q.end
                   for q in by(doc, kb_id, "mixed"))


def test_peskov_tells_news_agencies_indirectly(doc: Document) -> None:
    (peskov,) = by(doc, "person:dmitry_peskov", "indirect")
    assert (peskov.speaker_text, peskov.cue) == ("Dmitry Peskov", "told")
    assert peskov.addressees == [] and peskov.addressee_text is not None
    assert peskov.text.startswith("that ") and len(peskov.text.split()) > 5


def test_rouhani_reports_his_backing_indirectly(doc: Document) -> None:
    (rouhani,) = by(doc, "person:hassan_rouhani", "indirect")
    assert (rouhani.speaker_text, rouhani.cue) == ("Rouhani", "said")
    assert len(rouhani.text.split()) >= 3


def test_quotes_come_from_the_body_only(doc: Document) -> None:
    # The title and the related-article headlines are no body text, so nothing quotes them.
    assert doc.article.title is not None and doc.article.title not in doc.text
    assert all(q.end <= len(doc.text) for q in doc.quotes)
