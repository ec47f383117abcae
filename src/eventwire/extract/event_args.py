"""Who did it and to whom: source and target actors of a trigger, read off the parse.

Active and passive voice, "X told Y", "talks between X and Y", "X hosted a summit with Y
and Z", prepositional targets ("accused Turkey of", "sanctions on Iran"), relative clauses
("militants who … seized") and conjunctions (several actors, one event).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..model import Document

_SUBJECTS = frozenset({"nsubj", "csubj"})
_TARGET_PREPS = frozenset({"to", "with", "against", "on", "at", "toward", "towards", "upon",
                           "into", "over", "for", "from", "of"})
_PARTNER_PREPS = frozenset({"with", "between", "among"})
_INHERIT = frozenset({"xcomp", "conj", "advcl", "acl", "pcomp"})


class ActorIndex:
    """Which actors a token belongs to, by the character spans of their mentions."""

    def __init__(self, doc: Document) -> None:
        spans = sorted((s, e, a.id) for a in doc.actors for s, e in a.mentions)
        self._starts = [s for s, _, _ in spans]
        self._spans = spans

    def at(self, token: Any) -> list[str]:
        char = token.idx
        i = bisect_right(self._starts, char)
        found: list[str] = []
        for s, e, actor_id in reversed(self._spans[max(0, i - 8):i]):
            if s <= char < e and actor_id not in found:
                found.append(actor_id)
        return found

    def of_phrase(self, token: Any) -> list[str]:
        """Actors a noun phrase names: the head, its conjuncts, else a possessor or compound."""
        ids: list[str] = []
        for t in (token, *token.conjuncts):
            own = self.at(t)
            if not own:
                own = [a for c in t.children if c.dep_ in ("poss", "compound", "amod")
                       for a in self.at(c)]
            ids.extend(a for a in own if a not in ids)
        return ids


@dataclass(frozen=True, slots=True)
class Arguments:
    source: list[str]
    target: list[str]


def verb_arguments(token: Any, actors: ActorIndex) -> Arguments:
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
    source = _subject(token, actors, passive)
    target = _verb_target(token, actors, passive)
    return _clean(source, target)


def noun_arguments(token: Any, actors: ActorIndex) -> Arguments:
    """ "Russia's offensive against X", "talks between X and Y", "hosted a summit with Y"."""
    source = [a for c in token.children if c.dep_ in ("poss", "compound", "amod")
              for a in actors.of_phrase(c)]
    partners = _prep_objects(token, actors, _PARTNER_PREPS)
    target = _prep_objects(token, actors, _TARGET_PREPS - _PARTNER_PREPS)
    head = token.head
    if token.dep_ in ("dobj", "obj", "pobj", "attr") and head.pos_ in ("VERB", "ADP"):
        verb = head if head.pos_ == "VERB" else head.head
        if not source:
            source = _subject(verb, actors, passive=False)
        partners += _prep_objects(verb, actors, _PARTNER_PREPS)
    if token.dep_ in ("nsubj", "nsubjpass") and not source:
        source = _prep_objects(token, actors, frozenset({"by"}))
    if not source:
        return _clean(partners, target)
    return _clean(source, partners + target) if partners else _clean(source, target)


def _subject(token: Any, actors: ActorIndex, passive: bool) -> list[str]:
    if passive:  # "was attacked by X": the agent acted
        return [a for c in token.children if c.dep_ == "agent"
                for g in c.children for a in actors.of_phrase(g)]
    for child in token.children:
        if child.dep_ in _SUBJECTS:
            return _resolve_relative(child, actors)
    if token.dep_ == "relcl":
        return actors.of_phrase(token.head)
    if token.dep_ in _INHERIT and token.head is not token:
        head = token.head
        if token.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
            return actors.of_phrase(head)
        head_passive = any(c.dep_ == "nsubjpass" for c in head.children)
        return _subject(head, actors, head_passive)
    return []


def _resolve_relative(subject: Any, actors: ActorIndex) -> list[str]:
    """ "who"/"which"/"that" as a subject stands for the noun the clause modifies."""
    if subject.lower_ in ("who", "which", "that") and subject.head.dep_ == "relcl":
        return actors.of_phrase(subject.head.head)
    return actors.of_phrase(subject)


def _verb_target(token: Any, actors: ActorIndex, passive: bool) -> list[str]:
    if passive:
        for child in token.children:
            if child.dep_ == "nsubjpass":
                return _resolve_relative(child, actors)
    for child in token.children:
        if child.dep_ in ("dobj", "obj", "dative", "iobj"):
            found = actors.of_phrase(child)
            if found:
                return found
            nested = _prep_objects(child, actors, _TARGET_PREPS)
            if nested:
                return nested
    return _prep_objects(token, actors, _TARGET_PREPS)


def _prep_objects(token: Any, actors: ActorIndex, preps: Iterable[str]) -> list[str]:
    wanted = frozenset(preps)
    ids: list[str] = []
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in wanted:
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    ids.extend(a for a in actors.of_phrase(obj) if a not in ids)
    return ids


def _clean(source: list[str], target: list[str]) -> Arguments:
    src = list(dict.fromkeys(source))
    tgt = [a for a in dict.fromkeys(target) if a not in src]
    return Arguments(src, tgt)
