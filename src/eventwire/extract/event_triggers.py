"""Which pattern of ``data/events/patterns.tsv`` a token triggers, read off the parse.

A verb token tries verb, phrase and stance rows; a noun token noun rows; a copula or modal
stance rows. The most specific row whose particle, object, preposition and extra words are
all present wins (:mod:`.event_scene` checks them). Hyphenated words ("de-escalate",
"test-fired", "cease-fire") are split by spaCy; the last piece is looked up by the
hyphen-joined form first. A verb with a phrasal particle ("free up", "take over") only
matches rows that name a particle: the bare row means the verb without one. A regular form
of a pattern's lemma is read as that lemma whatever lemma spaCy gives it ("staged" is
"stage", not "stag"). An object
``@actor`` asks for an object that is an actor ("called Erdogan", not "what he called …").
A noun inside a name or an actor mention ("the UN Observer Mission", "demonstrators") is
not a trigger.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..events_kb import EventKB, PatternKind, TriggerPattern
from .event_args import ActorIndex
from .event_scene import Scene, Sheet

_VERB_KINDS: tuple[PatternKind, ...] = ("verb", "phrase", "stance")
_NOUN_KINDS: tuple[PatternKind, ...] = ("noun",)
_STANCE_KINDS: tuple[PatternKind, ...] = ("stance",)


@dataclass(frozen=True, slots=True)
class TriggerHit:
    token: Any
    pattern: TriggerPattern
    specificity: int
    start: int  # character span of the trigger word (a hyphenated word spans its pieces)
    end: int
    words: frozenset[int]  # indices of the tokens the pattern's words matched

    @property
    def kind(self) -> PatternKind:
        return self.pattern.kind


class TriggerMatcher:
    """Finds the best pattern for a token; one per stage, reads the event KB."""

    def __init__(self, kb: EventKB) -> None:
        self.kb = kb
        self._heads = kb.heads() | frozenset(kb.verb_forms)

    def may_match(self, sheet: Sheet, i: int) -> bool:
        """False when token ``i`` surely triggers nothing: no pattern has its lemma or form
        as head and it ends no hyphenated word. Most tokens fail here, at two set look-ups
        instead of a full :meth:`match`."""
        return (sheet.lemma[i] in self._heads or sheet.lower[i] in self._heads
                or (i >= 2 and sheet.lower[i - 1] == "-"))

    def match(self, sheet: Sheet, i: int, actors: ActorIndex, text: str) -> TriggerHit | None:
        """The best pattern token ``i`` triggers; ``text`` is the parsed text."""
        kinds = _kinds(sheet, i)
        if not kinds or _inside_hyphen(sheet, i, text):
            return None
        start = _hyphen_start(sheet, i, text)
        patterns = self._patterns(sheet, i, start, kinds)
        if not patterns or (kinds == _NOUN_KINDS and actors.names(sheet.idx[i])):
            return None
        scene = Scene(sheet, i, actors)
        # Patterns come most specific first; among equally specific ones a multi-word object
        # value ("ceasefire agreement") beats a one-word one ("agreement").
        best: tuple[int, TriggerPattern, frozenset[int]] | None = None
        for pattern in patterns:
            if best is not None and pattern.specificity < best[1].specificity:
                break
            found = scene.satisfied(pattern)
            if found is not None and (best is None or found[1] > best[0]):
                best = (found[1], pattern, found[0])
        if best is None:
            return None
        token = sheet.doc[i]
        return TriggerHit(token, best[1], best[1].specificity, sheet.idx[start],
                          token.idx + len(token), best[2])

    def _patterns(self, sheet: Sheet, i: int, start: int,
                  kinds: tuple[PatternKind, ...]) -> tuple[TriggerPattern, ...]:
        lemma, lower = sheet.lemma[i], sheet.lower[i]
        look = self.kb.patterns_of_kinds
        if start < i:
            joined = "".join(sheet.lower[start:i])
            found = look(joined + lemma, kinds) or look(joined + lower, kinds)
            if found:
                return found
        if sheet.pos[i] != "VERB":
            return look(lemma, kinds) or look(lower, kinds)
        if lower != lemma:
            # A user file may code an inflected form apart from its lemma ("left" 032,
            # "leave" 012); the shipped table codes lemmas only.
            forms = tuple(p for p in look(lower, kinds) if p.from_user_file)
            if forms:
                return forms
            # A regular form of a pattern's lemma is read as that lemma: spaCy's lemma of a
            # verb it does not know is often another word ("staged" → stag, "raped" → rap).
            base = self.kb.verb_of_form(lower, sheet.tag[i])
            if base is not None and (found := look(base, kinds)):
                return found
        return look(lemma, kinds)


def _kinds(sheet: Sheet, i: int) -> tuple[PatternKind, ...]:
    pos = sheet.pos[i]
    if pos == "VERB":
        return _VERB_KINDS
    if pos == "AUX":
        # a copula heading a clause ("X was responsible for …") or a modal ("Y must …")
        return _STANCE_KINDS
    if pos in ("NOUN", "PROPN") and sheet.dep[i] != "compound":
        return _NOUN_KINDS
    return ()


def _hyphen_start(sheet: Sheet, i: int, text: str) -> int:
    """Index of the first piece of the hyphenated word token ``i`` ends ("de" in
    "de-escalate")."""
    while i >= 2 and sheet.lower[i - 1] == "-":
        start = sheet.idx[i]
        if start < 2 or text[start - 1] != "-" or not text[start - 2].isalpha():
            break
        i -= 2
    return i


def _inside_hyphen(sheet: Sheet, i: int, text: str) -> bool:
    """A non-final piece of a hyphenated word: the last piece is the trigger."""
    if i + 2 >= len(sheet.lower) or sheet.lower[i + 1] != "-":
        return False
    stop = sheet.idx[i] + len(sheet.lower[i])
    return stop + 1 < len(text) and text[stop] == "-" and text[stop + 1].isalpha()
