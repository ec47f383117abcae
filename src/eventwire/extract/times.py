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
README has the full table). :func:`time_for_token` dates an event through the parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, cast

import yaml
from spacy.tokens import Token

from ..config import Settings
from ..errors import ConfigError, InputError
from ..model import Document, TimeRef
from .timeparse import Resolver, Tense

VerbTense = Literal["past", "future", "present", "none"]
LEXICON_PATH = "data/times/lexicon.yaml"
TIME_LABELS = frozenset({"DATE", "TIME"})
# A pattern hit inside one of these entities is a name ("USA Today", "Black Friday Sale").
NAME_LABELS = frozenset({"PERSON", "ORG", "WORK_OF_ART", "PRODUCT", "FAC", "LAW", "EVENT"})
CLAUSE_LINKS = frozenset({"conj", "xcomp"})  # clauses that share their head's time
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


def token_at(parse: Any, start: int, end: int) -> Any:
    """The syntactic root of the tokens covering ``[start, end)``, or None."""
    span = parse.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def clause_head(token: Any) -> Any:
    """The verb (or sentence root) heading the clause ``token`` is in."""
    while token.head.i != token.i:
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            return token
        token = token.head
    return token


def clause_tense(token: Any, lex: Lexicon) -> Tense:
    """The tense of the verb a time attaches to: 'future' for will/modals, 'expected to',
    scheduled passives, and a present tense when the time modifies the verb itself ('the
    talks resume on Monday', not 'the drop in January is surprising'); else past or none."""
    if token is None:
        return "none"
    verb = clause_head(token)
    tense = verb_tense(verb, lex)
    if tense == "none" and verb.dep_ in CLAUSE_LINKS and verb.head.i != verb.i:
        tense = verb_tense(verb.head, lex)
    if tense == "present":
        return "none" if _through_noun(token, verb) else "future"
    return tense


def _through_noun(token: Any, verb: Any) -> bool:
    """Whether the path from ``token`` up to ``verb`` passes a noun the time modifies."""
    for ancestor in token.ancestors:
        if ancestor.i == verb.i:
            return False
        if ancestor.pos_ in ("NOUN", "PROPN", "PRON"):
            return True
    return False


def verb_tense(verb: Any, lex: Lexicon) -> VerbTense:  # noqa: PLR0911 (one return per cue)
    """The tense of one verb from its tag and auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    if "have" in aux_words and not aux_words & {"will", "'ll", "shall"}:
        return "past"  # 'would have been delivered by 2011', 'must have left on Monday'
    if aux_words & lex.future_auxiliaries:
        return "future"
    passive = any(c.dep_ == "auxpass" for c in auxes)
    if passive and verb.lemma_ in lex.scheduling_verbs:
        return "future"  # 'a hearing has been scheduled for June 3'
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if "to" in aux_words:
        return _infinitive_tense(verb, lex)  # before 'has': 'GM has until May to act'
    if aux_words & {"has", "have", "'ve"}:
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"  # news reports the past in the past tense; a present is scheduled
    return "past" if verb.tag_ == "VBN" else "none"  # 'the accord signed on March 3'


def _infinitive_tense(verb: Any, lex: Lexicon) -> VerbTense:
    """'to meet': a headline's future, or the tense of 'expected'/'plans' above it."""
    governor = verb.head
    if verb.dep_ == "ROOT" or governor.i == verb.i:
        return "future"  # a headline: 'Putin to visit Turkey on Friday'
    if verb.dep_ == "xcomp" and governor.lemma_ in lex.future_governors:
        return "past" if verb_tense(governor, lex) == "past" else "future"
    if verb.dep_ in CLAUSE_LINKS:
        return verb_tense(governor, lex)
    return "none"


@dataclass(frozen=True, slots=True)
class _Anchored:
    # Token indices, not Tokens: a Token kept in its Doc's user_data would keep it alive.
    ref: TimeRef
    root: int
    head: int


def _anchored(doc: Document, with_value: bool) -> list[_Anchored]:
    """Built once per document (events ask for every trigger) and kept in the parse's
    ``user_data``; rebuilt when ``doc.times`` changed since."""
    signature = tuple((id(r), r.start, r.end, r.value is None) for r in doc.times)
    key = ("eventwire.times", "anchors", with_value)
    cached = doc.parse.user_data.get(key)
    if cached is not None and cached[0] == signature:
        return cast(list[_Anchored], cached[1])
    found = _locate(doc, with_value)
    doc.parse.user_data[key] = (signature, found)
    return found


def _locate(doc: Document, with_value: bool) -> list[_Anchored]:
    found = []
    for ref in doc.times:
        if with_value and ref.value is None:
            continue
        root = token_at(doc.parse, ref.start, ref.end)
        if root is not None:
            found.append(_Anchored(ref, root.i, clause_head(root).i))
    return found


def time_for_token(
    doc: Document, token: int | Token, *, with_value: bool = True
) -> TimeRef | None:
    """The time expression that dates ``token`` (a spaCy Token of ``doc.parse``, or its index).

    Looks first for a time in the token's own subtree and clause ("met on Thursday",
    "Thursday's summit"), then anywhere in its clause, then in the clauses that share
    their head's time (a conjoined verb, an xcomp: "met and signed a deal on Thursday"),
    never in a reported or subordinate clause ("said on Thursday that they attacked" does
    not date "attacked"). Among several, the nearest in the text wins. With
    ``with_value`` (the default) times without a value (durations, "the 1990s") are
    passed over. Needs ``doc.parse``, so call it from a stage that requires "times".
    """
    if doc.parse is None:
        raise ValueError("time_for_token needs doc.parse; call it from a stage")
    word: Any = doc.parse[token] if isinstance(token, int) else token
    anchored = _anchored(doc, with_value)
    head = clause_head(word)
    inside = [a for a in anchored
              if a.head == head.i and word.is_ancestor(doc.parse[a.root])]
    if inside:
        return _nearest(inside, word)
    for _ in range(4):
        same = [a for a in anchored if a.head == head.i]
        if same:
            return _nearest(same, word)
        if head.dep_ not in CLAUSE_LINKS or head.head.i == head.i:
            return None
        head = clause_head(head.head)
    return None


def time_for_char(doc: Document, char: int, *, with_value: bool = True) -> TimeRef | None:
    """:func:`time_for_token` for the token covering character offset ``char``."""
    token = token_at(doc.parse, char, char + 1) if doc.parse is not None else None
    return time_for_token(doc, token, with_value=with_value) if token is not None else None


def _nearest(found: list[_Anchored], token: Any) -> TimeRef:
    return min(found, key=lambda a: abs(a.root - token.i)).ref
