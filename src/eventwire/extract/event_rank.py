"""How prominent a trigger is in its sentence, which triggers only restate another's
argument, and one event per (type, actors, date, polarity).

The main clause's event ranks first: a reporting verb ("Putin said that …") is
transparent, a clause governed by a verb that is no trigger ("is about to restore")
counts as main, while relative clauses, adverbial clauses ("after crowds trashed …") and
nominal triggers sit lower. A noun trigger inside another trigger's argument ("condemned
the attack", "blamed X for the bombing") restates what that trigger is about and is not
coded on its own; neither is a clause inside such an argument ("the attack which killed").
"""

from __future__ import annotations

from collections.abc import Callable, Container
from typing import Any

from ..model import Event
from .event_args import TEMPORAL_PREPS

# Links from a word up to the phrase it is an argument or modifier of.
_NOMINAL_LINKS = frozenset({"dobj", "obj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "oprd",
                            "conj", "appos", "compound", "poss", "npadvmod", "dative", "agent",
                            "amod", "nmod", "nummod", "quantmod", "acomp"})
# A verb-tagged word in one of these is used as a noun ("evacuated the wounded").
_ARGUMENT_LINKS = frozenset({"dobj", "obj", "pobj", "nsubj", "nsubjpass", "attr", "oprd",
                             "dative", "compound", "appos"})
# Links by which a clause hangs off a noun or a preposition ("the attack which killed").
_EMBEDDED_CLAUSES = frozenset({"relcl", "acl", "pcomp"})
_BACKGROUND_MARKS = frozenset({"after", "before", "since", "when", "while", "as", "until",
                               "once", "because", "though", "although", "whereas"})
_TRANSPARENT = frozenset({"conj", "parataxis", "ccomp", "xcomp", "acomp", "ROOT"})


def dominating_trigger(token: Any, triggers: Container[int]) -> int | None:
    """Index of the trigger whose argument ``token`` sits in, or None.

    A noun walks up nominal links; a clause first takes the link to the noun or
    preposition it hangs off ("the attack which killed", "accused X of killing"). The walk
    stops at a verb that is no trigger (the noun is that verb's own argument) and at a
    time adjunct ("after the attack").
    """
    node = token
    if token.pos_ in ("VERB", "AUX") and token.dep_ not in _ARGUMENT_LINKS:
        if token.dep_ not in _EMBEDDED_CLAUSES or token.head is token:
            return None
        node = token.head
        if node.i in triggers or node.pos_ in ("VERB", "AUX"):
            return int(node.i) if node.i in triggers else None
    for _ in range(12):
        link, head = node.dep_, node.head
        if head is node or link not in _NOMINAL_LINKS:
            return None
        if head.i in triggers:
            return int(head.i)
        if head.pos_ in ("VERB", "AUX") or (link == "pobj" and head.lower_ in TEMPORAL_PREPS):
            return None
        node = head
    return None


def clause_level(token: Any, triggers: Container[int], is_speech: Callable[[str], bool]) -> int:
    """0 for the main predicate; +1 for each subordinate clause or nominal step up to it."""
    level = 1 if token.pos_ in ("NOUN", "PROPN") else 0
    node = token
    for _ in range(12):
        link, head = node.dep_, node.head
        if head is node:
            break
        if link in ("ccomp", "xcomp") and head.i in triggers and not is_speech(head.lemma_):
            level += 1  # "complained that …": the complaint is the main event
        elif link == "advcl":
            level += 2 if _background(node) else 1
        elif link in ("relcl", "acl"):
            level += 2
        elif link == "pcomp":
            level += 2 if head.lower_ in _BACKGROUND_MARKS else 1
        elif (link not in _TRANSPARENT and node.pos_ in ("VERB", "AUX")) or (
                link in ("pobj", "prep") and head.lower_ in _BACKGROUND_MARKS):
            level += 1
        node = head
    return level


def _background(clause: Any) -> bool:
    """ "after crowds trashed its embassy", "when the dam is filled": a backdrop, not news."""
    return any(c.dep_ == "mark" and c.lower_ in _BACKGROUND_MARKS for c in clause.children) \
        or (clause.tag_ == "VBG" and not any(c.dep_ == "aux" for c in clause.children))


_MODALITY_PENALTY = {"asserted": 0.0, "future": 0.05, "proposed": 0.1, "denied": 0.2,
                     "hypothetical": 0.25}


def confidence(level: int, specificity: int, has_source: bool, has_target: bool,
               modality: str = "asserted") -> float:
    score = 0.86 - 0.16 * level + 0.015 * min(specificity, 4)
    score -= _MODALITY_PENALTY.get(modality, 0.0)
    score += 0.05 if has_source else 0.0
    score += 0.03 if has_target else 0.0
    return round(max(0.05, min(0.95, score)), 3)


def dedupe(events: list[Event]) -> list[Event]:
    """One event per (type, actors, date, polarity); the most confident mention stays.

    Within a sentence an event whose actors are a subset of a same-type event's (a noun
    restating a verb's event with fewer actors, "established relations with and
    opened an embassy in Hanoi") folds into the fuller one, whichever is more confident; one with
    only a source and one with only a target ("students marched during rallies against
    the police") are one event with both.
    """
    kept: dict[tuple[object, ...], Event] = {}
    for event in sorted(events, key=lambda e: -e.confidence):
        if _key(event) in kept or _restates(event, kept.values()):
            continue
        merged = event
        for old_key, other in list(kept.items()):
            if _restates(other, [merged]) or _completes(other, merged):
                del kept[old_key]
                merged = _absorb(other, merged)
        kept[_key(merged)] = merged
    ordered = sorted(kept.values(), key=lambda e: e.trigger.start)
    for n, event in enumerate(ordered, start=1):
        event.id = f"E{n}"
    return ordered


def _key(event: Event) -> tuple[object, ...]:
    return (event.type, tuple(sorted(event.source)), tuple(sorted(event.target)),
            event.date, event.negated, event.modality)


def _same_act(a: Event, b: Event) -> bool:
    """Two mentions of one act in a sentence; one trigger read both ways under two codes
    ("A arrived in B": A visits B, B hosts A) is two acts."""
    return a.type == b.type and a.evidence.start == b.evidence.start \
        and a.negated == b.negated and (a.cameo == b.cameo or a.trigger != b.trigger)


def _restates(event: Event, kept: Any) -> bool:
    for other in kept:
        if (_same_act(other, event)
                and set(event.source) <= set(other.source)
                and set(event.target) <= set(other.target)):
            return True
    return False


def _completes(kept: Event, event: Event) -> bool:
    """One of two same-type events of a sentence names only the source, the other only
    the target."""
    if not _same_act(kept, event):
        return False
    return (bool(kept.source) and not kept.target and not event.source and bool(event.target)) \
        or (not kept.source and bool(kept.target) and bool(event.source) and not event.target)


def _absorb(kept: Event, event: Event) -> Event:
    """The more confident mention of one act, with the actors of both."""
    main, other = (kept, event) if kept.confidence >= event.confidence else (event, kept)
    main.source = list(dict.fromkeys([*main.source, *other.source]))
    main.target = [a for a in dict.fromkeys([*main.target, *other.target])
                   if a not in main.source]
    return main
