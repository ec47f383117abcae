"""How the coder's candidate triggers of a sentence become its events.

A trigger governing another through an infinitive ("agreed to withdraw", "threatened to
shell Iraqi towns") is one event: the governing one, with the embedded act's target and,
for a pledge or threat, the 03x/13x code of that act (``intent.tsv``); a refusal ("refused
to lift the ban") takes the 12x code of the act refused (``refusal.tsv``), both read by
:mod:`eventwire.events_kb`. A noun or clause
inside another trigger's argument is not coded on its own, except the object of a support
verb ("held talks", ``support.tsv``). The condition of a threat is part of the threat, and a
sentence's backdrop is not coded when the sentence has a main event, nor an act placed
weeks or years away from the story ("five years after crowds trashed its embassy").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..events_kb import CameoCode, EventKB
from .event_args import ActorIndex, prep_objects
from .event_context import condition_subjects, place_actors, protest_aim
from .event_modality import Framing
from .event_rank import dominating_trigger
from .event_triggers import TriggerHit

# Agreeing among themselves to act against a third party stays an agreement (not a threat).
_MUTUAL = frozenset({"agree", "consent", "concur"})
INTENT_ROOTS = frozenset({"03", "13"})
COOPERATIVE = frozenset({"03", "04", "05", "06", "07", "08"})
# Appeals, intents, demands and threats: a clause they report is what they ask or promise.
_CLAUSE_GOVERNORS = frozenset({"02", "03", "10", "13"})
# "five years after", "months before": a clause so placed tells of another time than the
# story's. Days and hours stay: such an act is usually part of the news.
_NEAR = frozenset({"near", "outside"})
_DISTANCE_MARKS = frozenset({"after", "before", "since"})
_DISTANT_UNITS = frozenset({"week", "month", "year", "decade", "century"})


@dataclass(slots=True)
class Candidate:
    """A trigger on its way to becoming an event."""

    hit: TriggerHit
    code: CameoCode
    source: list[str]
    target: list[str]
    frame: Framing
    reporter: list[str]

    @property
    def token(self) -> Any:
        return self.hit.token


def fill_from_context(cand: Candidate, actors: ActorIndex) -> None:
    """A threat's target is the one its condition is put to, a protest's the one named in
    what it demands (:func:`.event_context.protest_aim`), violence's the one it is done
    near ("fired shells near a naval vessel"); an event without a target is
    aimed at the country or town it happens in ("demonstrated in Serbia"), and violence
    without a known perpetrator is attributed to that country ("was shot dead in
    Osgiliath"), though not to a town coded as its government ("in Tel Aviv")."""
    token = cand.token
    if not cand.target and cand.code.root == "13":
        cand.target = [a for a in condition_subjects(token, actors) if a not in cand.source]
    if not cand.target and cand.code.root == "14":
        cand.target = protest_aim(token, actors, cand.source)
    if not cand.target and cand.code.quad_class == 4:
        # "fired two shells near a naval vessel", "a bomb exploded near a police station"
        cand.target = [a for a in prep_objects(token, actors, _NEAR) if a not in cand.source]
    if cand.target and cand.source:
        return
    if not cand.target and cand.source:
        cand.target = [a for a in place_actors(token, actors, named=True)
                       if a not in cand.source]
    elif not cand.source and cand.code.quad_class == 4:
        cand.source = [a for a in place_actors(token, actors) if a not in cand.target]


def drop_background(found: dict[int, Candidate], levels: dict[int, int]) -> None:
    """A sentence's backdrop (a relative clause, "after crowds trashed its embassy", a
    nominal in an adjunct) is not coded when the sentence has a main event."""
    main: dict[int, int] = {}
    for i, cand in found.items():
        sent = cand.token.sent.start
        main[sent] = min(main.get(sent, 99), levels[i])
    for i in list(found):
        if levels[i] >= 2 and main[found[i].token.sent.start] <= 1:
            del found[i]


def fold_embedded(found: dict[int, Candidate], kb: EventKB,
                  carried: dict[int, Candidate]) -> None:
    """ "agreed to withdraw", "threatened to shell X": one event, the governing trigger's.
    ``carried``: support verbs standing for their noun ("staged rallies to demand …")."""
    for stance in [c for c in found.values() if c.hit.kind == "stance"]:
        if stance.token.dep_ in ("aux", "auxpass"):
            # "Libya must hand over the bombers": the demand is the event, not its content
            for t in stance.token.head.subtree:
                if t.i in found and found[t.i] is not stance:
                    del found[t.i]
    for i in sorted(found, key=lambda i: -_depth(found[i].token)):
        cand = found[i]
        gov = _governor(cand, {**carried, **found})
        if gov is None or gov is cand:
            continue
        mutual = gov.token.lemma_.lower() in _MUTUAL and len(gov.source) > 1
        if not gov.target and not mutual:
            gov.target = [a for a in cand.target if a not in gov.source]
        gov.code = _refined(gov, cand, kb)
        del found[i]


def _governor(cand: Candidate, found: dict[int, Candidate]) -> Candidate | None:
    """The trigger whose infinitive (or "for" clause, or purpose clause) holds ``cand``:
    "agreed to withdraw", "agreed to take steps to clear …", "called for X to leave",
    "threatened to impose restrictions"; or the demand, appeal, pledge or threat whose
    reported clause it is ("demanded that the US cancel …", "warned it would strike")."""
    node = cand.token
    if node.dep_ in ("dobj", "obj") and node.head.i not in found:
        node = node.head  # "to impose import restrictions": the noun's verb is embedded
    for _ in range(4):
        link, head = node.dep_, node.head
        if head is node:
            return None
        if link == "conj" and head.dep_ in ("xcomp", "advcl", "ccomp"):
            node = head  # "asked NATO to help patrol … and increase patrols"
            continue
        if not (link == "xcomp" or _infinitive_clause(node) or (
                link == "ccomp" and head.i in found
                and found[head.i].code.root in _CLAUSE_GOVERNORS)):
            return None
        if head.i in found:
            return found[head.i]
        if head.pos_ not in ("VERB", "AUX", "ADJ"):
            return None
        # "staged demonstrations to demand reforms": the purpose is the object event's
        carrier = next((found[c.i] for c in head.children if c.dep_ in ("dobj", "obj")
                        and c.i in found and c.i != cand.token.i), None)
        if carrier is not None and link == "advcl":
            return carrier
        node = head
    return None


def _infinitive_clause(node: Any) -> bool:
    """An adverbial clause of purpose ("to clear Idlib") or with "for" ("for X to leave")."""
    if node.dep_ != "advcl":
        return False
    marks = {c.lower_ for c in node.children if c.dep_ in ("mark", "aux")}
    has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)
    return "for" in marks or ("to" in marks and not has_subject)


def _refined(gov: Candidate, embedded: Candidate, kb: EventKB) -> CameoCode:
    """A pledge or threat to do X takes X's intent code (``intent.tsv``); a ``#! literal``
    pattern keeps its own code."""
    if gov.hit.pattern.literal:
        return gov.code
    general = len(gov.code.code) == 3 and gov.code.code.endswith("0")
    if general and gov.code.root == "12":  # "refused to lift the ban"
        refusal = kb.refusal(embedded.code.code)
        return (kb.get_cameo(refusal) if refusal else None) or gov.code
    others = embedded.source and not set(embedded.source) & set(gov.source)
    # "proposed that Cuba release the prisoners": someone else's act is no pledge of one's own
    intent = kb.intent(embedded.code.code) if general and not others else None
    if intent is None:
        return gov.code
    same_root = intent[:2] == gov.code.root
    hostile_pledge = gov.code.root == "03" and intent[:2] == "13" \
        and gov.token.lemma_.lower() not in _MUTUAL
    if same_root or hostile_pledge:
        return kb.get_cameo(intent) or gov.code
    return gov.code


def collect(hits: dict[int, TriggerHit], statements: set[int],
            build: Callable[[TriggerHit], Candidate | None],
            kb: EventKB) -> tuple[dict[int, Candidate], dict[int, Candidate]]:
    """The candidates of a document's triggers, without those that restate another's
    argument: a noun or clause inside another trigger's argument is that trigger's
    business, except the object of a support verb ("held talks"), which is the event
    itself. A statement trigger (CAMEO 01x, no event of its own) owns its arguments too:
    "offered condolences over an attack", "expressed concern about the escalation".

    ``build`` makes a trigger's candidate; a restated one is built only when the trigger
    that owns it needs its actors. Returns the candidates and the support verbs dropped,
    each with the noun event it carries.
    """
    owners = {i: dominating_trigger(hit.token, hits.keys() | statements)
              for i, hit in hits.items()}
    found: dict[int, Candidate] = {}
    for i, hit in hits.items():
        if owners[i] is None and (cand := build(hit)) is not None:
            found[i] = cand
    carried: dict[int, Candidate] = {}
    for i in sorted(i for i, owner in owners.items() if owner is not None):
        main = found.get(owners[i] or -1)
        if main is None:
            continue  # owned by a statement, or by a trigger that is itself restated
        if main.hit.pattern.objects or not (main.source and main.target) \
                or _may_carry(main, hits[i], kb):
            noun = build(hits[i])
            if noun is None:
                continue
            if _carries(main, noun, kb):
                carried[main.token.i] = noun
                del found[main.token.i]
                found[i] = noun
            else:
                _merge_arguments(main, noun)
    return found, carried


def drop_other_times(found: dict[int, Candidate]) -> None:
    """ "…, almost five years after crowds trashed its embassy", "two decades after the
    invasion": an act placed weeks or years away from the story is its history, not news."""
    for i in list(found):
        token = found[i].token
        node = token
        if token.dep_ == "pobj" and token.head.lower_ in _DISTANCE_MARKS:
            node = token.head  # "five years after the invasion": the distance is the prep's
        elif not any(c.dep_ == "mark" and c.lower_ in _DISTANCE_MARKS for c in token.children):
            continue
        if any(c.dep_ == "npadvmod" and c.lemma_.lower() in _DISTANT_UNITS
               for c in node.children):
            del found[i]


def drop_conditions(found: dict[int, Candidate]) -> None:
    """ "threatened to ban voting if Hamas ran": the condition is part of the threat."""
    for i in list(found):
        token = found[i].token
        clause = token if token.pos_ in ("VERB", "AUX") else token.head
        while clause.dep_ == "conj" and clause.head is not clause:
            clause = clause.head  # "unless he arranged a ceasefire … and held elections"
        if clause.dep_ != "advcl" or not any(
                c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether")
                for c in clause.children):
            continue
        if any(a.i in found for a in list(clause.ancestors)[:3]):
            del found[i]


def _merge_arguments(main: Candidate, noun: Candidate) -> None:
    """What a restated noun adds to the trigger that owns it; a relative clause ("a curfew
    in Cyprus where five people were killed") is a backdrop and adds nothing."""
    if noun.token.dep_ in ("relcl", "acl") and noun.hit.kind != "noun":
        return
    if main.hit.pattern.objects:
        # "talks between Iran and Iraq were held": the noun is the very event the verb codes
        main.source = main.source or list(noun.source)
        main.target = main.target or [a for a in noun.target if a not in main.source]
    elif noun.token.dep_ == "nsubj":
        main.source = main.source or list(noun.source)  # "the attack killed …"
    elif not main.target:
        # "condemned an attack by Osgiliath soldiers": the condemned party is the attacker.
        main.target = [a for a in noun.source if a not in main.source]


def _may_carry(verb: Candidate, noun: TriggerHit, kb: EventKB) -> bool:
    return verb.hit.kind == "verb" and not verb.hit.pattern.objects and noun.kind == "noun" \
        and kb.is_support(verb.hit.pattern.head)


def _carries(verb: Candidate, noun: Candidate, kb: EventKB) -> bool:
    """ "held talks", "carried out raids", "engaged in talks": a support verb whose own
    pattern names no object, with the noun as its object."""
    token, obj = verb.token, noun.token
    if verb.hit.kind != "verb" or verb.hit.pattern.objects or noun.hit.kind != "noun":
        return False
    lemma = verb.hit.pattern.head  # the pattern's lemma: "staged" is "stage", not "stag"
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), "")
    # "held talks", "talks were held", "the offensive continued"
    if obj.dep_ in ("dobj", "obj", "nsubjpass", "nsubj") and obj.head.i == token.i:
        return kb.is_support(lemma, particle)
    head = obj.head
    return obj.dep_ == "pobj" and head.head.i == token.i and kb.is_support(lemma, head.lower_)


def _depth(token: Any) -> int:
    return sum(1 for _ in token.ancestors)
