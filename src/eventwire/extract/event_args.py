"""Who did it and to whom: source and target actors of a trigger, read off the parse.

Active and passive voice, "X told Y", "talks between X and Y", "X hosted a summit with Y
and Z", prepositional targets ("accused Turkey of", "sanctions on Iran"), relative clauses
("militants who … seized"), conjunctions (several actors, one event), the subject of a
reported complaint or demand as its target ("complained that Turkey had not …"), and the
subject a participle or gerund shares with its clause ("after hosting a summit"), the
target of an infinitive that is no trigger ("refused to allow Egyptian mediators to enter").
What an event takes from its wider context (a protest's aim, a place) is in
:mod:`.event_context`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..model import Document
from .event_lists import coordinated

SUBJECTS = frozenset({"nsubj", "csubj"})
_TARGET_PREPS = frozenset({"to", "with", "against", "on", "at", "toward", "towards", "upon",
                           "into", "over", "for", "from", "of"})
PARTNER_PREPS = frozenset({"with", "between", "among"})
_VERB_TARGET_PREPS = frozenset({"on", "against", "at", "toward", "towards", "upon", "into"})
# "ambassadors of X", "soldiers from X", "lawmakers in X": the group belongs to X. As an
# object only "of"/"from" ("control of Idlib"), never "a summit in Russia".
MEMBER_PREPS = frozenset({"of", "from", "in"})
_OBJECT_MEMBER_PREPS = frozenset({"of", "from"})
# "before the summit", "after the attack": a time, not a participant of the verb's event.
TEMPORAL_PREPS = frozenset({"before", "after", "during", "since", "until", "till", "amid",
                            "following", "despite", "ahead", "prior", "throughout"})
_INHERIT = frozenset({"xcomp", "conj", "advcl", "acl", "pcomp", "acomp"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
# Phrasal particles spaCy may parse as a preposition when an object follows.
_PARTICLES = frozenset({"off", "up", "down", "out", "away", "back"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_WH_ADVERBS = frozenset({"where", "when", "why", "how", "whereby"})


class ActorIndex:
    """Which actors a token belongs to, by the character spans of their mentions."""

    def __init__(self, doc: Document) -> None:
        spans = sorted((s, e, a.id) for a in doc.actors for s, e in a.mentions)
        self._starts = [s for s, _, _ in spans]
        self._spans = spans
        # Actors that stand for a whole country or region (no sector): places as actors.
        self.territorial = frozenset(a.id for a in doc.actors
                                     if a.country and (a.sector or "UNK") == "UNK")
        # Those and the actors named as a place: a town coded as its government ("in Tel
        # Aviv", "in Michel Delving") is where an act happens, whom it may be aimed at, though
        # not who did it.
        places = {(e.start, e.end) for e in doc.entities if e.label in _PLACE_LABELS}
        self.places = self.territorial | frozenset(
            a.id for a in doc.actors if a.country and any(m in places for m in a.mentions))
        self._countries = {a.id: a.country for a in doc.actors if a.country}
        self._names = sorted((e.start, e.end) for e in doc.entities)
        self._name_starts = [s for s, _ in self._names]

    def country(self, actor_id: str) -> str | None:
        return self._countries.get(actor_id)

    def names(self, char: int) -> bool:
        """The word at ``char`` is inside a named entity or an actor mention ("the UN
        Observer Mission", "demonstrators"): a name, not an event word."""
        if self.at_char(char):
            return True
        i = bisect_right(self._name_starts, char)
        return i > 0 and self._names[i - 1][0] <= char < self._names[i - 1][1]

    def at(self, token: Any) -> list[str]:
        return self.at_char(token.idx)

    def at_char(self, char: int) -> list[str]:
        i = bisect_right(self._starts, char)
        found: list[str] = []
        for s, e, actor_id in reversed(self._spans[max(0, i - 8):i]):
            if s <= char < e and actor_id not in found:
                found.append(actor_id)
        return found

    def of_phrase(self, token: Any, members: frozenset[str] = frozenset()) -> list[str]:
        """Actors a noun phrase names: the head, its conjuncts, else a possessor or compound.

        With ``members`` (prepositions), a head that names no actor falls back to such a
        complement ("the ambassadors of Arnor and Gondor").
        """
        ids: list[str] = []
        for t in coordinated(token):
            own = self.at(t)
            if not own:  # "a NATO military presence": spaCy may link the name as nmod
                own = [a for c in t.children if c.dep_ in ("poss", "compound", "amod", "nmod")
                       for a in self.at(c)]
            if members:
                own = self._with_members(t, own, members)
            ids.extend(a for a in own if a not in ids)
        return ids

    def _with_members(self, token: Any, own: list[str], members: frozenset[str]) -> list[str]:
        """A head naming no actor falls back to its member complement; a group of several
        states ("the ambassadors of Arnor, Osgiliath and Gondor") stands for each of them,
        though the actor stage gave the group one country."""
        found = [a for c in token.children if c.dep_ == "prep" and c.lower_ in members
                 for g in c.children if g.dep_ == "pobj" for a in self.of_phrase(g)]
        if not own:
            return found
        if len(found) < 2:
            return own
        countries = {self.country(a) for a in own}
        return own + [a for a in found if self.country(a) not in countries]


@dataclass(frozen=True, slots=True)
class Arguments:
    source: list[str]
    target: list[str]


def verb_arguments(token: Any, actors: ActorIndex) -> Arguments:
    passive = is_passive(token)
    source = subject_actors(token, actors, passive)
    if not source:  # "an agreement was reached between Iran and Iraq"
        source = prep_objects(token, actors, frozenset({"between", "among"}))
    target = _verb_target(token, actors, passive, source)
    if not target:
        target = _reported_subject(token, actors)
    if not target:
        target = _purpose_partners(token, actors)
    if not target:
        target = _infinitive_target(token, actors, source)
    return clean(source, target)


def _infinitive_target(token: Any, actors: ActorIndex, source: list[str]) -> list[str]:
    """ "refused to allow Egyptian mediators to enter": the target of the act refused,
    promised or threatened, when the infinitive is no trigger of its own."""
    for child in token.children:
        if child.dep_ == "xcomp" and not any(c.dep_ in SUBJECTS for c in child.children):
            found = _verb_target(child, actors, is_passive(child), source) \
                or _reported_subject(child, actors)
            found = [a for a in found if a not in source]
            if found:
                return found
    return []


def is_passive(token: Any) -> bool:
    """A passive clause, or a past participle with a "by" agent heading an adjunct
    ("Criticized by Germany, Turkey …", "soldiers wounded by rebels"). Without the agent a
    participle is too often a main verb the parser took for a reduced relative ("a human
    rights group protested")."""
    children = list(token.children)
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in children):
        return True
    return token.tag_ == "VBN" and token.dep_ in ("advcl", "acl") and any(
        c.dep_ == "agent" for c in children) and not any(
        c.dep_ in ("aux", "nsubj") for c in children)


def _participle_patient(token: Any) -> Any:
    """Who a passive participle is done to: the noun it modifies ("soldiers wounded by
    rebels"), or the subject of the clause it is an adjunct of ("Criticized by Germany,
    Turkey …")."""
    if token.dep_ == "acl":
        return token.head
    if token.dep_ == "advcl":
        return _grammatical_subject(token.head)
    return None


def noun_arguments(token: Any, actors: ActorIndex) -> Arguments:
    """ "Russia's offensive against X", "talks between X and Y", "hosted a summit with Y"."""
    source = [a for c in token.children if c.dep_ in ("poss", "compound", "amod")
              for a in actors.of_phrase(c)]
    partners = prep_objects(token, actors, PARTNER_PREPS)
    target = prep_objects(token, actors, _TARGET_PREPS - PARTNER_PREPS)
    if not source:
        source = prep_objects(token, actors, frozenset({"by"}))
    verb = governing_verb(token)
    if verb is not None:
        if not source:
            source = subject_actors(verb, actors, passive=is_passive(verb))
        partners += prep_objects(verb, actors, PARTNER_PREPS)
        if not target:  # "launched an attack yesterday on X"
            target = prep_objects(verb, actors, _VERB_TARGET_PREPS)
    if not source:
        return clean(partners, target)
    return clean(source, partners + target)


def governing_verb(token: Any) -> Any:
    """The verb a nominal trigger is the object of ("held talks", "agreed on a truce")."""
    head = token.head
    if token.dep_ in ("dobj", "obj", "attr") and head.pos_ == "VERB":
        return head
    if token.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ not in TEMPORAL_PREPS \
            and head.head.pos_ == "VERB":
        return head.head
    return None


def subject_actors(token: Any, actors: ActorIndex, passive: bool) -> list[str]:
    if passive:  # "was attacked by X": the agent acted
        return [a for c in token.children if c.dep_ == "agent"
                for g in c.children for a in actors.of_phrase(g, members=MEMBER_PREPS)]
    subjects = [c for c in token.children if c.dep_ in SUBJECTS]
    if subjects:
        # "Old foes Gondor and Osgiliath renewed …": a list the parser split in two subjects
        found = [a for c in subjects for a in _resolve_relative(c, actors)]
        return list(dict.fromkeys(found))
    if token.dep_ == "relcl" or (token.dep_ == "acl" and token.head.pos_ in ("NOUN", "PROPN")):
        return actors.of_phrase(token.head, members=MEMBER_PREPS)
    if token.dep_ in _INHERIT and token.head is not token:
        return _inherited_subject(token, actors)
    return []


def _inherited_subject(token: Any, actors: ActorIndex) -> list[str]:
    """The subject a clause without one shares with the clause it hangs off."""
    head = token.head
    if token.dep_ == "pcomp" and head.dep_ == "prep":
        head = head.head  # "after hosting a summit": the clause's subject hosted it
    if token.dep_ == "xcomp" and (obj := _object_of(head)) is not None:
        return actors.of_phrase(obj, MEMBER_PREPS)  # "persuaded Erdogan to sign off"
    if token.dep_ in ("conj", "xcomp") and (sub := _grammatical_subject(head)) is not None:
        # "was indicted … and will resign": the shared subject, not the agent
        return _resolve_relative(sub, actors)
    return subject_actors(head, actors, is_passive(head))


def _grammatical_subject(verb: Any) -> Any:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _object_of(verb: Any) -> Any:
    return next((c for c in verb.children if c.dep_ in ("dobj", "obj", "dative")), None)


def _resolve_relative(subject: Any, actors: ActorIndex) -> list[str]:
    """ "who"/"which"/"that" as a subject stands for the noun the clause modifies."""
    if subject.lower_ in RELATIVE and subject.head.dep_ == "relcl":
        return actors.of_phrase(subject.head.head, members=MEMBER_PREPS)
    return actors.of_phrase(subject, members=MEMBER_PREPS)


def _verb_target(token: Any, actors: ActorIndex, passive: bool, source: list[str]) -> list[str]:
    if passive:
        for child in token.children:
            if child.dep_ == "nsubjpass":
                # "a shelter for Syrian refugees was attacked": those the place holds
                return _resolve_relative(child, actors) or _nested(child, actors) \
                    or _noun_clause(child, actors)
        patient = _participle_patient(token)
        if patient is not None and (found := actors.of_phrase(patient, MEMBER_PREPS)):
            return [a for a in found if a not in source]
    theme: list[str] = []
    for child in _objects(token):
        if child.dep_ in ("dobj", "obj", "dative", "iobj", "pobj"):
            if _owned(child):
                continue  # "withdraw its troops from Lebanon": the subject's own, not a target
            found = actors.of_phrase(child, members=_OBJECT_MEMBER_PREPS) \
                or _nested(child, actors) or _noun_clause(child, actors)
            if found and not set(found) <= set(source):
                theme = found
                break
    recipients = prep_objects(token, actors, _TARGET_PREPS)
    if not recipients and not any(actors.country(a) for a in theme):
        # "mobilized volunteers for a war against Yemen": the one the purpose names
        recipients = [a for c in token.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS
                      for g in c.children if g.dep_ == "pobj" for a in _nested(g, actors, 1)]
    # "contribute 4,000 troops to a force in Liberia": a named recipient over a bare unit
    if theme and (not recipients or any(actors.country(a) for a in theme)):
        return theme
    return recipients or theme


def _objects(token: Any) -> list[Any]:
    """The verb's children, with the object of a particle the parser took for a preposition
    ("cordoned off the roads", "shut down the plant") in the particle's place."""
    found: list[Any] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in _PARTICLES and child.i == token.i + 1:
            found.extend(g for g in child.children if g.dep_ == "pobj")
        else:
            found.append(child)
    return found


def _owned(token: Any) -> bool:
    return any(c.dep_ == "poss" and c.lower_ in ("its", "their", "his", "her", "our", "my")
               for c in token.children)


def _nested(token: Any, actors: ActorIndex, depth: int = 2) -> list[str]:
    """ "seized control of much of Idlib": the actor inside the object's complements."""
    found = prep_objects(token, actors, _TARGET_PREPS)
    if found or depth == 0:
        return found
    for child in token.children:
        if child.dep_ == "prep":
            for obj in child.children:
                if obj.dep_ == "pobj" and (deeper := _nested(obj, actors, depth - 1)):
                    return deeper
    return []


def _noun_clause(noun: Any, actors: ActorIndex) -> list[str]:
    """Whom a clause on an object noun names: the subject of its content clause ("expressed
    hopes that Osgiliath could …"), else the agent, object or prepositional target of its
    participle ("memos sent by Bree", "the parade supporting Gondor", "roads leading into
    Mordor")."""
    for clause in noun.children:
        if clause.dep_ not in ("acl", "ccomp") or clause.pos_ not in ("VERB", "AUX"):
            continue
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects:
            found = [a for c in subjects if c.lower_ not in RELATIVE
                     for a in actors.of_phrase(c, MEMBER_PREPS)]
        elif clause.tag_ not in ("VBN", "VBG"):
            continue  # "plans to shift production to the US": the plan, not its target
        else:
            found = [a for c in clause.children if c.dep_ == "agent" for g in c.children
                     for a in actors.of_phrase(g, MEMBER_PREPS)] \
                or [a for c in clause.children if c.dep_ in ("dobj", "obj")
                    for a in actors.of_phrase(c, _OBJECT_MEMBER_PREPS)] \
                or prep_objects(clause, actors, _TARGET_PREPS)
        if found:
            return found
    return []


def _reported_subject(token: Any, actors: ActorIndex) -> list[str]:
    """ "complained that Turkey had not …", "demanded that the US cancel …": the accused."""
    for child in token.children:
        if any(g.lower_ in _WH_ADVERBS for g in child.children if g.dep_ == "advmod"):
            continue  # "a raid on the town where 12 people were killed": a backdrop
        if child.dep_ == "ccomp" or (child.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.lower_ == "for" for g in child.children)):
            for sub in child.children:
                if sub.dep_ in ("nsubj", "nsubjpass"):
                    return actors.of_phrase(sub, members=MEMBER_PREPS)
    return []


def _purpose_partners(token: Any, actors: ActorIndex) -> list[str]:
    """ "hosted a summit to weigh the future of Syria with Erdogan": partners of the purpose."""
    for child in token.children:
        if child.dep_ in ("advcl", "xcomp") and not any(
                c.dep_ in SUBJECTS for c in child.children):
            found = prep_objects(child, actors, PARTNER_PREPS)
            if found:
                return found
    return []


def prep_objects(token: Any, actors: ActorIndex, preps: Iterable[str]) -> list[str]:
    wanted = frozenset(preps)
    ids: list[str] = []
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in wanted:
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    ids.extend(a for a in actors.of_phrase(obj, _OBJECT_MEMBER_PREPS)
                               if a not in ids)
    return ids


def clean(source: list[str], target: list[str]) -> Arguments:
    src = list(dict.fromkeys(source))
    tgt = [a for a in dict.fromkeys(target) if a not in src]
    return Arguments(src, tgt)
