"""The event coder: PLOVER and CAMEO events from trigger patterns over the dependency parse.

A trigger is a verb or a nominalisation whose lemma has patterns in
``data/events/patterns.tsv``; the most specific pattern whose particle, object and
preposition are all present wins. Source and target come from syntax (``event_args``),
negation, modality and the reporter from the clause around it (``event_modality``), the
date from the time expression attached to the clause, the place from a resolved toponym
in it. One event per (type, actors, date) is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, cast

from ..config import Settings
from ..events_kb import EventKB, TriggerPattern, load_event_kb
from ..model import Document, Event, Modality, Place
from .event_args import ActorIndex, Arguments, noun_arguments, verb_arguments
from .event_modality import framing
from .speech import Cues, load_cues
from .times import time_for_token

_LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout"})
# "agreed to X", "threatened to X", "refused to X": the governing trigger is the event coded.
_EMBEDDING = frozenset({"xcomp"})
_EMBEDDED_PENALTY = 0.3


@lru_cache(maxsize=1)
def _intent_table() -> dict[str, str]:
    text = resources.files("eventwire").joinpath("data/events/intent.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines()
            if line.strip() and not line.startswith(("#", "cameo\t"))]
    return {row[0]: row[1] for row in rows}


def intent_code(cameo: str) -> str | None:
    """The 03x/13x code for a stated intention to do ``cameo`` (longest prefix wins)."""
    table = _intent_table()
    for n in range(len(cameo), 1, -1):
        if cameo[:n] in table:
            return table[cameo[:n]]
    return None


@dataclass(frozen=True, slots=True)
class TriggerHit:
    token: Any
    pattern: TriggerPattern
    specificity: int


class EventStage:
    """Fills ``doc.events``."""

    name = "events"
    requires: tuple[str, ...] = ("actors", "times")

    def __init__(self, settings: Settings) -> None:
        self.kb: EventKB = load_event_kb()
        self.cues: Cues = load_cues()
        del settings

    def __call__(self, doc: Document) -> None:
        actors = ActorIndex(doc)
        events: list[Event] = []
        triggers: set[int] = set()
        for token in doc.parse:
            hit = self.trigger(token)
            if hit is None:
                continue
            event = self._event(doc, hit, actors)
            if event is not None:
                events.append(event)
                triggers.add(token.idx)
        for event in events:
            token = _token_at(doc, event.trigger.start)
            if token.dep_ in _EMBEDDING and token.head.idx in triggers:
                event.confidence = max(0.05, event.confidence - _EMBEDDED_PENALTY)
        doc.events = _dedupe(events)

    def trigger(self, token: Any) -> TriggerHit | None:
        if token.pos_ == "VERB":
            kinds: tuple[str, ...] = ("verb", "phrase")
        elif token.pos_ in ("NOUN", "PROPN") and token.dep_ != "compound":
            kinds = ("noun",)
        else:
            return None
        best: TriggerHit | None = None
        for pattern in self.kb.patterns_for(token.lemma_.lower()):
            if pattern.kind not in kinds:
                continue
            score = _specificity(token, pattern)
            if score is not None and (best is None or score > best.specificity):
                best = TriggerHit(token, pattern, score)
        return best

    def _event(self, doc: Document, hit: TriggerHit, actors: ActorIndex) -> Event | None:
        code = self.kb.get_cameo(hit.pattern.cameo)
        plover = self.kb.plover(hit.pattern.cameo) if code is not None else None
        if code is None or plover is None:
            return None  # CAMEO 01x statements have no PLOVER type: not coded
        token = hit.token
        if hit.pattern.kind == "noun":
            if _governed_by_trigger(token, self):
                return None
            args = noun_arguments(token, actors)
        else:
            args = verb_arguments(token, actors)
        if not args.source and not args.target:
            return None
        frame = framing(token, self.cues)
        if frame.modality == "future" and (intent := intent_code(code.code)):
            code = self.kb.get_cameo(intent) or code
            plover = self.kb.plover(code.code) or plover
        reporter = actors.of_phrase(frame.reporter) if frame.reporter is not None else []
        time = time_for_token(doc, token)
        if (time is None or not time.value) and frame.reporter is not None:
            # "Putin said on Thursday that they had agreed": the claim dates from the speech.
            time = time_for_token(doc, frame.reporter.head)
        sentence = token.sent
        return Event(
            id="", type=plover.type, trigger=doc.span(token.idx, token.idx + len(token)),
            evidence=doc.span(*_trimmed(doc.text, sentence.start_char, sentence.end_char)),
            cameo=code.code, mode=plover.mode or None,
            context=list(plover.context), quad_class=code.quad_class,
            goldstein=code.goldstein, source=args.source, target=args.target,
            date=time.value if time and time.value else _published_day(doc),
            date_text=time.text if time and time.value else None,
            location=_location(doc, token), negated=frame.negated,
            modality=cast(Modality, frame.modality),
            reported_by=reporter[0] if reporter else None,
            confidence=_confidence(hit, args, token),
        )


def _token_at(doc: Document, char: int) -> Any:
    return doc.parse.char_span(char, char + 1, alignment_mode="expand")[0]


def _specificity(token: Any, pattern: TriggerPattern) -> int | None:
    """The pattern's specificity when all its constraints hold, else None."""
    children = list(token.children)
    # spaCy parses "pulled out of" with "out" as a preposition as often as a particle.
    if pattern.particles and not any(
        c.dep_ in ("prt", "prep", "advmod") and c.lower_ in pattern.particles for c in children
    ):
        return None
    if pattern.objects and not _has_object(token, children, pattern):
        return None
    if pattern.preps and not any(_has_prep(token, children, p) for p in pattern.preps):
        return None
    if not _has_words(token, children, pattern):
        return None
    return pattern.specificity


def _has_object(token: Any, children: list[Any], pattern: TriggerPattern) -> bool:
    """A direct object (or, for a noun, a complement) whose lemma the pattern names."""
    wanted = pattern.objects
    if pattern.kind == "noun":
        candidates = [g for c in children if c.dep_ == "prep" for g in c.children
                      if g.dep_ == "pobj"] + [c for c in children if c.dep_ == "compound"]
    else:
        candidates = [c for c in children if c.dep_ in ("dobj", "obj", "nsubjpass", "attr")]
        candidates += [g for c in children if c.dep_ == "xcomp" for g in c.children
                       if g.dep_ == "dobj"]
    for cand in candidates:
        # Some rows are written as text ("talks", "hostilities"), most as lemmas.
        forms = {cand.lemma_.lower(), cand.lower_}
        compound = " ".join(t.lower_ for t in cand.lefts if t.dep_ == "compound")
        if forms & set(wanted) or (compound and any(f"{compound} {f}" in wanted for f in forms)):
            return True
    return False


def _has_words(token: Any, children: list[Any], pattern: TriggerPattern) -> bool:
    """The other words of a multi-word lemma ("call for", "air strike") sit around the head."""
    words = pattern.words
    if len(words) == 1:
        return True
    head = pattern.head
    near = {c.lemma_.lower() for c in children} | {c.lower_ for c in children}
    doc = token.doc
    window = {doc[i].lemma_.lower() for i in range(max(0, token.i - 3),
                                                    min(len(doc), token.i + 4))}
    return all(w in near or w in window for w in words if w != head)


def _has_prep(token: Any, children: list[Any], prep: str) -> bool:
    if any(c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep for c in children):
        return True
    # "agreed to take steps": the infinitive marker stands for the preposition "to".
    return prep == "to" and any(
        c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        for c in children
    )


def _governed_by_trigger(token: Any, stage: EventStage) -> bool:
    """ "hosted a summit": the verb pattern codes the event; the noun adds nothing."""
    head = token.head
    if head is token or head.pos_ != "VERB":
        return False
    hit = stage.trigger(head)
    return hit is not None


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _published_day(doc: Document) -> str | None:
    published = doc.article.published
    return published[:10] if published else None


def _location(doc: Document, token: Any) -> Place | None:
    """A resolved toponym the trigger's clause names with a locative preposition."""
    places = {(e.start, e.end): e.place for e in doc.entities if e.place is not None}
    if not places:
        return None
    for child in token.subtree:
        if child.dep_ == "prep" and child.lower_ in _LOCATIVE:
            for obj in child.children:
                place = _place_of(obj, places)
                if place is not None:
                    return place
    for child in token.children:
        if child.dep_ in ("dobj", "pobj"):
            place = _place_of(child, places)
            if place is not None:
                return place
    return None


def _place_of(token: Any, places: dict[tuple[int, int], Place]) -> Place | None:
    for (start, end), place in places.items():
        if start <= token.idx < end:
            return place
    for child in token.children:
        if child.dep_ in ("compound", "poss"):
            for (start, end), place in places.items():
                if start <= child.idx < end:
                    return place
    return None


def _confidence(hit: TriggerHit, args: Arguments, token: Any) -> float:
    score = 0.35 + 0.08 * hit.specificity
    score += 0.15 if args.source else 0.0
    score += 0.1 if args.target else 0.0
    score += 0.1 if token.dep_ == "ROOT" else 0.0
    score -= 0.1 if hit.pattern.kind == "noun" else 0.0
    return max(0.05, min(0.95, score))


def _dedupe(events: list[Event]) -> list[Event]:
    """One event per (type, actors, date, polarity); the most confident mention stays."""
    kept: dict[tuple[object, ...], Event] = {}
    for event in events:
        key = (event.type, tuple(sorted(event.source)), tuple(sorted(event.target)),
               event.date, event.negated, event.modality)
        if key not in kept or event.confidence > kept[key].confidence:
            kept[key] = event
    ordered = sorted(kept.values(), key=lambda e: e.trigger.start)
    for n, event in enumerate(ordered, start=1):
        event.id = f"E{n}"
    return ordered
