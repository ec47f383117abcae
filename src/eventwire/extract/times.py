"""The ``times`` stage: every time expression, resolved against the publication date.

Candidates are spaCy's DATE and TIME entities plus the spans a few precompiled
patterns find (spaCy often misses a weekday after "on", "Feb. 14", "two days ago").
Overlapping candidates merge; a preposition "on"/"in" right before a span joins it
(the spec's ``"on Thursday"``); a possessive "'s" leaves it ("Thursday's summit"
spans "Thursday"). Words before the preposition stay out: "earlier on Thursday"
spans "on Thursday". Each span is resolved by :mod:`.timeparse`, with the tense of the
verb it attaches to deciding between the last and the next Tuesday or September.

Durations, frequencies, decades and phrases counted from the story ("two days later")
are emitted with a null value; clock times alone and ages are not emitted (the data
README has the full table). Which verb a time attaches to, and which time dates an event
(:func:`time_for_token`), is read from the parse by :mod:`.timeclause`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..config import Settings
from ..errors import ConfigError, InputError
from ..model import Document, TimeRef
from .timeclause import clause_tense, time_for_char, time_for_token, token_at
from .timeparse import Resolver

# time_for_token and time_for_char moved to .timeclause; callers import them from here.
__all__ = ["Lexicon", "Patterns", "TimeStage", "load_lexicon", "publication_date",
           "time_for_char", "time_for_token"]

LEXICON_PATH = "data/times/lexicon.yaml"
TIME_LABELS = frozenset({"DATE", "TIME"})
# A pattern hit inside one of these entities is a name ("USA Today", "Black Friday Sale").
NAME_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "LAW", "EVENT"})
WINDOW = 40  # characters around a keyword that hold any match it anchors
_PUBLISHED = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.+\-Z]*)?")


@dataclass(frozen=True)
class Lexicon:
    """The word lists of ``data/times/lexicon.yaml``, lower-case."""

    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    seasons: dict[str, tuple[int, ...]]
    holidays: dict[str, tuple[int, int]]
    deictic_days: dict[str, int]
    parts_of_day: frozenset[str]
    units: dict[str, str]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    relative_modifiers: dict[str, int]
    ignored_words: frozenset[str]
    clock_words: frozenset[str]
    frequency_words: frozenset[str]
    age_words: frozenset[str]
    date_adjectives: frozenset[str]
    past_cues: frozenset[str]
    span_joiners: frozenset[str]
    range_openers: frozenset[str]
    span_prepositions: frozenset[str]
    month_cues: frozenset[str]
    year_cues: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_governors: frozenset[str]
    scheduling_verbs: frozenset[str]


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read the shipped lexicon once per process."""
    raw = resources.files("eventwire").joinpath(LEXICON_PATH).read_text(encoding="utf-8")
    try:
        data: dict[str, Any] = yaml.safe_load(raw)
        fields: dict[str, Any] = {
            key: frozenset(str(w) for w in value) if isinstance(value, list)
            else {str(w): v for w, v in value.items()}
            for key, value in data.items()
        }
        fields["holidays"] = {k: (int(v[:2]), int(v[3:])) for k, v in data["holidays"].items()}
        fields["seasons"] = {k: tuple(v) for k, v in data["seasons"].items()}
        return Lexicon(**fields)
    except (TypeError, KeyError, ValueError, AttributeError, yaml.YAMLError) as err:
        raise ConfigError(f"{LEXICON_PATH} is malformed: {err}") from err


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int


class Patterns:
    """The precompiled patterns that find what spaCy's entities miss."""

    def __init__(self, lex: Lexicon) -> None:
        def alt(words: Iterable[object]) -> str:
            return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))

        numbers = set(lex.months.values())
        full = [max((m for m, n in lex.months.items() if n == k), key=len).title() for k in numbers]
        abbrev = [m.title() + r"\.?" for m in lex.months if m.title() not in full]
        month = "(?:" + "|".join([alt(full), *abbrev]) + ")"
        weekday = "(?:" + alt(w.title() for w in lex.weekdays if len(w) > 5) + ")"
        day = r"\d{1,2}(?:st|nd|rd|th)?(?![.,:]\d)"
        year = r"(?:1[6-9]|20)\d\d"
        rel = "(?i:" + alt(lex.relative_modifiers) + "|past)"
        part = "(?i:" + alt(lex.parts_of_day) + ")"
        units = "(?i:" + alt(u for u in lex.units if u[-1] != "s") + ")"
        count = r"(?i:" + alt(lex.numbers) + r"|\d+)"
        self.finders = [
            re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
            re.compile(rf"\b(?:{weekday},?\s+)?{month}\s+{day}(?:,?\s+{year})?\b"),
            re.compile(rf"\b(?:{weekday},?\s+)?{day}\s+(?:of\s+)?{month}(?:,?\s+{year})?\b"),
            re.compile(rf"\b{month},?\s+{year}\b"),
            re.compile(rf"\b(?:{rel}\s+)?{weekday}\b(?:\s+{part}\b)?"),
            re.compile(rf"(?i:\b(?:earlier|later|early|late)\s+)?\b{rel}\s+{units}\b"),
            re.compile(rf"\b(?i:{alt(lex.deictic_days)})\b(?:\s+{part}\b)?"),
            re.compile(rf"\b(?i:this|last)\s+{part}\b"),
            re.compile(rf"\b{count}\s+{units}s?\s+(?i:ago)\b"),
        ]
        # Every finder's match holds one of these words within WINDOW characters; the finders
        # run only around them, which is several times faster than scanning every position.
        keywords = [*(m.title() for m in lex.months), *(w.title() for w in lex.weekdays)]
        lower = [*lex.deictic_days, *lex.relative_modifiers, "past", "ago"]
        self.trigger = re.compile(rf"\b(?:{alt(keywords)}|(?i:{alt(lower)}))\b|\b\d{{4}}\b")
        cue = "(?i:" + alt(lex.month_cues) + ")"
        bare = [m.title() for m in lex.months if m.title() in full]
        self.bare_month = re.compile(rf"\b(?:(?P<cue>{cue})(?:\s+|-))?(?P<m>{alt(bare)})\b")
        self.ambiguous = frozenset(m.title() for m in lex.ambiguous_months)
        year_cue = "(?i:" + alt(lex.year_cues) + ")"
        self.cued_year = re.compile(rf"\b{year_cue}\s+(?P<y>{year})\b(?!\s*%|[-.,]\d)")
        self.past_cue = re.compile(r"\b(?:" + alt(lex.past_cues) + r")\s+$", re.IGNORECASE)
        # a line break, a spaced dash or a joining word always separates; a comma does when
        # a word, not a year, follows it
        self.separator = re.compile(
            r"\s*\n\s*|(?<=[^\W\d])\s+(?:-{1,2}|–|—)\s+|,\s+(?=[^\W\d])|\s+(?:"
            + alt(lex.span_joiners) + r")\s+"
        )
        self.opener = re.compile(r"(?:" + alt(lex.range_openers) + r")\s+", re.IGNORECASE)
        self.preposition = re.compile(
            r"\b(?:" + alt(lex.span_prepositions) + r") $", re.IGNORECASE
        )

    def find(self, text: str) -> list[Candidate]:
        found: list[Candidate] = []
        for start, end in self._regions(text):
            for finder in self.finders:
                matches = finder.finditer(text, start, end)
                found.extend(Candidate(m.start(), m.end()) for m in matches)
            for match in self.bare_month.finditer(text, start, end):
                if match["cue"] or match["m"] not in self.ambiguous:
                    found.append(Candidate(match.start("m"), match.end("m")))
            for match in self.cued_year.finditer(text, start, end):
                found.append(Candidate(match.start("y"), match.end("y")))
        return found

    def _regions(self, text: str) -> list[tuple[int, int]]:
        regions: list[tuple[int, int]] = []
        for hit in self.trigger.finditer(text):
            start, end = max(0, hit.start() - WINDOW), min(len(text), hit.end() + WINDOW)
            if regions and start <= regions[-1][1]:
                regions[-1] = (regions[-1][0], end)
            else:
                regions.append((start, end))
        return regions


class TimeStage:
    """Fills ``doc.times`` with every time expression and its resolved value."""

    name = "times"
    requires: tuple[str, ...] = ()

    def __init__(self, settings: Settings) -> None:
        self.lexicon = load_lexicon()
        self.patterns = Patterns(self.lexicon)
        self.resolver = Resolver(self.lexicon)
        self.default_published = settings.published

    def __call__(self, doc: Document) -> None:
        anchor = publication_date(doc.article.published or self.default_published,
                                  doc.article.input_name)
        text = doc.text
        for start, end in self.spans(doc):
            tense = clause_tense(token_at(doc.parse, start, end), self.lexicon)
            if self.patterns.past_cue.search(text, max(0, start - 8), start):
                tense = "past"
            resolution = self.resolver.resolve(text[start:end], anchor, tense)
            if resolution.emit:
                doc.times.append(TimeRef(start, end, text[start:end], resolution.value))

    def spans(self, doc: Document) -> list[tuple[int, int]]:
        """Candidate spans, merged where they overlap, split at line breaks and at commas
        between expressions, trimmed, with their preposition."""
        text = doc.text
        names: list[tuple[int, int]] = []
        found: list[Candidate] = []
        for ent in doc.parse.ents:
            if ent.label_ in TIME_LABELS:
                found.append(Candidate(ent.start_char, ent.end_char))
            elif ent.label_ in NAME_LABELS:
                names.append((ent.start_char, ent.end_char))
        for cand in self.patterns.find(text):
            if not any(s <= cand.start and cand.end <= e for s, e in names):
                found.append(cand)
        merged: list[list[int]] = []
        for cand in sorted(found, key=lambda c: (c.start, -c.end)):
            if merged and cand.start < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], cand.end)
            else:
                merged.append([cand.start, cand.end])
        spans = []
        for start, end in merged:
            for piece_start, piece_end in self._pieces(doc, start, end):
                span = self._trim(text, piece_start, piece_end)
                if span[1] > span[0]:
                    spans.append(span)
        return spans

    def _pieces(self, doc: Document, start: int, end: int) -> list[tuple[int, int]]:
        """'June 17, two days' and 'Feb. 14 after a week' are two expressions; 'Thursday,
        March 3' and 'March 3, 2018' are one; nothing runs across a sentence break (a
        line break inside a sentence, as in hard-wrapped wire copy, does not cut)."""
        text = doc.text
        pieces: list[tuple[int, int]] = []
        for cut in self.patterns.separator.finditer(text, start, end):
            head = text[start:cut.start()].strip().rstrip(".").lower()
            if cut[0].startswith(",") and (head in self.lexicon.weekdays or not head):
                continue
            if "\n" in cut[0] and "\n\n" not in cut[0].replace(" ", ""):
                after = token_at(doc.parse, cut.end(), cut.end() + 1)
                if after is not None and not after.is_sent_start:
                    continue
            pieces.append((start, cut.start()))
            start = cut.end()
        pieces.append((start, end))
        return pieces

    def _trim(self, text: str, start: int, end: int) -> tuple[int, int]:
        if text.endswith(("'s", "’s"), start, end) and not text[end - 3 : end - 2].isdigit():
            end -= 2
        while end > start and not (text[end - 1].isalnum() or text[end - 1] == "."):
            end -= 1
        while start < end and not text[start].isalnum():
            start += 1
        opener = self.patterns.opener.match(text, start, end)
        if opener:
            start = opener.end()
        if end > start and text[end - 1] == "." and not _ends_abbreviation(text, start, end):
            end -= 1
        preposition = self.patterns.preposition.search(text, max(0, start - 4), start)
        if preposition:
            start = preposition.start()
        return start, end


def _ends_abbreviation(text: str, start: int, end: int) -> bool:
    """'Feb.' and 'p.m.' keep their dot; a sentence full stop after '2018' does not."""
    word = text[start:end].rsplit(None, 1)[-1]
    return word[:-1].isalpha() and (len(word) <= 5 or "." in word[:-1])


def publication_date(published: str | None, input_name: str) -> date | None:
    """The date part of ``published`` (YYYY-MM-DD or an ISO datetime), or None."""
    if not published:
        return None
    found = _PUBLISHED.fullmatch(published.strip())
    with suppress(ValueError):
        if found:
            return date(int(found[1]), int(found[2]), int(found[3]))
    raise InputError(input_name, f"published date {published!r} is not YYYY-MM-DD or ISO")
