"""The event coder: PLOVER and CAMEO events from trigger patterns over the dependency parse.

A trigger is a verb or a nominalisation whose lemma has patterns in
``data/events/patterns.tsv`` (:mod:`.event_triggers` picks the most specific one that
holds). Source and target come from syntax (:mod:`.event_args`); negation, modality and
the reporter from the clause around the trigger (:mod:`.event_modality`); the date from
the time expression attached to the clause (else the reporting clause's); the place from a
resolved toponym in it. :mod:`.event_merge` turns a sentence's triggers into its events
(one per embedded act, none for a restated argument); an event stated as future ("will
provide aid") is recoded as an intent (03x) or threat (13x), a refusal ("will not lift the
ban") as a rejection (12x). The main clause's event gets the highest confidence
(:mod:`.event_rank`), and one event per (type, actors, date, polarity) is kept.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

from ..config import Settings
from ..events_kb import CameoCode, EventKB, load_event_kb
from ..model import Document, Event, Modality, Place
from .event_args import (
    MEMBER_PREPS,
    ActorIndex,
    clean,
    is_passive,
    noun_arguments,
    subject_actors,
    verb_arguments,
)
from .event_merge import (
    COOPERATIVE,
    INTENT_ROOTS,
    Candidate,
    collect,
    drop_background,
    drop_conditions,
    drop_other_times,
    fill_from_context,
    fold_embedded,
)
from .event_modality import Framing, ModalityTable, framing, modality_table
from .event_rank import clause_level, confidence, dedupe
from .event_scene import Sheet
from .event_triggers import TriggerHit, TriggerMatcher
from .speech import Cues, load_cues
from .times import time_for_token

_LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout"})


class EventStage:
    """Fills ``doc.events``."""

    name = "events"
    requires: tuple[str, ...] = ("actors", "times")

    def __init__(self, settings: Settings) -> None:
        self.kb: EventKB = load_event_kb(settings.event_files)
        self.matcher = TriggerMatcher(self.kb)
        self.cues: Cues = load_cues()
        self.modality: ModalityTable = modality_table(self.kb)

    def __call__(self, doc: Document) -> None:
        actors = ActorIndex(doc)
        sheet = Sheet(doc.parse)
        hits: dict[int, TriggerHit] = {}
        statements: set[int] = set()  # 01x triggers: no event, but they own their arguments
        for i in range(len(sheet.head)):
            if not self.matcher.may_match(sheet, i):
                continue
            hit = self.matcher.match(sheet, i, actors, doc.text)
            if hit is None:
                continue
            if self.kb.plover(hit.pattern.cameo) is not None:
                hits[i] = hit
            else:
                statements.add(i)
        found, carried = collect(hits, statements,
                                 lambda hit: self._candidate(hit, actors), self.kb)
        drop_conditions(found)
        drop_other_times(found)
        fold_embedded(found, self.kb, carried)
        for cand in found.values():
            fill_from_context(cand, actors)
        triggers = set(found)
        levels = {i: clause_level(c.token, triggers, self.cues.is_speech)
                  for i, c in found.items()}
        drop_background(found, levels)
        places = {(e.start, e.end): e.place for e in doc.entities if e.place is not None}
        events = [e for i, cand in found.items()
                  for e in self._directions(self._event(doc, cand, levels[i], places), cand)]
        doc.events = dedupe([e for e in events if e.source or e.target])

    def _candidate(self, hit: TriggerHit, actors: ActorIndex) -> Candidate | None:
        code = self.kb.get_cameo(hit.pattern.cameo)
        if code is None or self.kb.plover(code.code) is None:
            return None  # CAMEO 01x statements have no PLOVER type: not coded
        token = hit.token
        if hit.kind == "stance":
            return self._stance(hit, code, actors)
        frame = framing(token, self.modality, self.cues, hit.words)
        reporter = actors.of_phrase(frame.reporter, MEMBER_PREPS) \
            if frame.reporter is not None else []
        if hit.kind == "noun":
            args = noun_arguments(token, actors)
        else:
            args = verb_arguments(token, actors)
            if not args.source and reporter and _pronoun_subject(token):
                # "the rebels said they will release …": the speakers speak of themselves
                args = clean(reporter, args.target)
            elif not args.source and code.root == "03" and is_passive(token):
                # "Kenya is committed to reform": a pledge's passive subject pledges
                args = clean(args.target, [])
        return Candidate(hit, code, args.source, args.target, frame, reporter)

    def _stance(self, hit: TriggerHit, code: CameoCode, actors: ActorIndex) -> Candidate | None:
        """ "Russia told Turkey it had no right to …", "X said Libya must hand over …": the
        speaker judges or demands; the clause's subject is the target."""
        clause = hit.token.head if hit.token.dep_ in ("aux", "auxpass") else hit.token
        frame = framing(clause, self.modality, self.cues, hit.words | {hit.token.i})
        if frame.reporter is None:
            return None  # a judgement nobody is reported to make
        reporter = actors.of_phrase(frame.reporter, MEMBER_PREPS)
        args = clean(reporter, subject_actors(clause, actors, is_passive(clause)))
        if not args.source or not args.target:
            return None
        asserted = Framing(False, "asserted", frame.reporter)
        return Candidate(hit, code, args.source, args.target, asserted, reporter)

    def _event(self, doc: Document, cand: Candidate, level: int,
               places: dict[tuple[int, int], Place]) -> Event:
        frame, token = cand.frame, cand.token
        code, negated, modality = self._recoded(cand)
        plover = self.kb.plover(code.code)
        assert plover is not None  # candidates are PLOVER-typed; intents are 03x/13x
        time = time_for_token(doc, token)
        if (time is None or not time.value) and frame.reporter is not None:
            # "Putin said on Thursday that they had agreed": the claim dates from the speech.
            time = time_for_token(doc, frame.reporter.head)
        sentence = token.sent
        return Event(
            id="", type=plover.type, trigger=doc.span(cand.hit.start, cand.hit.end),
            evidence=doc.span(*_trimmed(doc.text, sentence.start_char, sentence.end_char)),
            cameo=code.code, mode=plover.mode or None,
            context=list(plover.context), quad_class=code.quad_class,
            goldstein=code.goldstein, source=cand.source,
            target=[a for a in cand.target if a not in cand.source],
            date=time.value if time and time.value else _published_day(doc),
            date_text=time.text if time and time.value else None,
            location=_location(token, places), negated=negated,
            modality=cast(Modality, modality),
            reported_by=cand.reporter[0] if cand.reporter else None,
            confidence=confidence(level, cand.hit.specificity, bool(cand.source),
                                  bool(cand.target), modality),
        )

    def _directions(self, event: Event, cand: Candidate) -> list[Event]:
        """The event as its pattern codes it: a ``compound`` pattern's sources act on one
        another ("A and B agreed that …": A→B and B→A), and a
        reverse code (``032:033``) also reads the event from the target back to the source
        ("A arrived in B": A visits B, B hosts A)."""
        pattern = cand.hit.pattern
        out = [event]
        if pattern.compound and len(event.source) > 1:
            out = [replace(event, source=[s], target=[o for o in event.source if o != s])
                   for s in event.source]
        back = self.kb.get_cameo(pattern.reverse) if pattern.reverse else None
        if back is None or event.cameo != pattern.cameo or event.negated:
            return out
        plover = self.kb.plover(back.code)
        if plover is None:
            return out  # a 01x statement code is no event
        return out + [replace(e, source=list(e.target), target=list(e.source),
                              cameo=back.code, type=plover.type, mode=plover.mode or None,
                              context=list(plover.context), quad_class=back.quad_class,
                              goldstein=back.goldstein) for e in out]

    def _recoded(self, cand: Candidate) -> tuple[CameoCode, bool, str]:
        """Code, negation and modality after reading a refusal ("will not lift the ban",
        "failed to reach agreement": 12x, asserted) or a stated intention ("will provide
        aid": 03x; "would blockade", "will withdraw unless …": 13x). A ``#! literal``
        pattern's code stands as written: its file codes such wordings itself."""
        code, frame = cand.code, cand.frame
        if cand.hit.pattern.literal:
            return code, frame.negated, frame.modality
        if frame.negated and code.root in COOPERATIVE and (
                frame.modality == "future" or frame.refusal):
            refusal = self.kb.refusal(code.code)
            if refusal and (found := self.kb.get_cameo(refusal)) is not None:
                return found, False, "asserted"
        if frame.modality == "future" and code.root not in INTENT_ROOTS:
            intent = self.kb.intent(code.code)
            if frame.ultimatum and (intent is None or not intent.startswith("13")):
                intent = "130"  # "will withdraw unless …": a conditional threat
            code = (self.kb.get_cameo(intent) if intent else None) or code
        return code, frame.negated, frame.modality


def _pronoun_subject(token: Any) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("they", "we", "it", "he", "she")
               for c in token.children)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _published_day(doc: Document) -> str | None:
    published = doc.article.published
    return published[:10] if published else None


def _location(token: Any, places: dict[tuple[int, int], Place]) -> Place | None:
    """A resolved toponym the trigger's clause names with a locative preposition, else one
    inside its object ("seized control of much of Idlib")."""
    if not places:
        return None
    phrase = _own_phrase(token)
    for child in phrase:
        if child.dep_ == "prep" and child.lower_ in _LOCATIVE:
            for obj in child.children:
                place = _place_of(obj, places)
                if place is not None:
                    return place
    for child in token.children:
        node = child if child.dep_ in ("dobj", "pobj") else None
        while node is not None:
            if (place := _place_of(node, places)) is not None:
                return place
            # "control of much of Idlib": down the object's "of" complements
            node = next((g for c in node.children if c.dep_ == "prep" and c.lower_ == "of"
                         for g in c.children if g.dep_ == "pobj"), None)
    return None


def _own_phrase(token: Any) -> list[Any]:
    """The trigger's clause without the clauses inside it."""
    out: list[Any] = []
    stack = list(token.children)
    while stack:
        node = stack.pop()
        if node.dep_ in ("ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis"):
            continue
        out.append(node)
        stack.extend(node.children)
    return sorted(out, key=lambda t: t.i)


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

