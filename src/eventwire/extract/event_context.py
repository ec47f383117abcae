"""Arguments an event takes from its context when its own clause names none.

Whom a protest is aimed at, from what it demands (:func:`protest_aim`); the one a threat's
condition is put to (:func:`condition_subjects`); and the country or region a trigger's
locative phrase names (:func:`place_actors`): an event without a target is aimed at the
country it happens in ("demonstrated in Serbia"). :func:`.event_merge.fill_from_context`
uses them.
"""

from __future__ import annotations

from typing import Any

from .event_args import MEMBER_PREPS, RELATIVE, SUBJECTS, ActorIndex, governing_verb

_PURPOSE_CLAUSES = frozenset({"advcl", "acl", "relcl", "xcomp"})
_PHRASE_LINKS = frozenset({"prep", "pobj", "dobj", "obj", "npadvmod"})


def protest_aim(token: Any, actors: ActorIndex, exclude: list[str]) -> list[str]:
    """Whom a protest is aimed at, from the clause that says what it demands: "staged
    rallies to demand reforms by the Kenyan government", "a march to protest abuses by the
    militia", "demonstrated, calling for the dismissal of the Ghanaian ambassador". The
    first actor the clause names, outside its own subject."""
    starts = [token]
    if (verb := governing_verb(token)) is not None:
        starts.append(verb)  # "staged rallies to demand …": the clause is the verb's
    for start in starts:
        for clause in _clauses_below(start, 3):
            for word in clause.subtree:
                if word.i != clause.i and _in_subject(word, clause):
                    continue
                found = [a for a in actors.at(word) if a not in exclude]
                if found:
                    return found
    return []


def _clauses_below(node: Any, depth: int) -> list[Any]:
    """Subject-less clauses hanging off ``node`` or off the nouns of its phrase."""
    found: list[Any] = []
    for child in node.children:
        if child.dep_ in _PURPOSE_CLAUSES and child.pos_ in ("VERB", "AUX"):
            if not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in RELATIVE
                       for c in child.children):
                found.append(child)
        elif child.dep_ in _PHRASE_LINKS and depth > 0:
            found.extend(_clauses_below(child, depth - 1))
    return found


def _in_subject(word: Any, clause: Any) -> bool:
    node = word
    while node.i != clause.i and node.head is not node:
        if node.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return True
        node = node.head
    return False


_LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout",
                       "within", "around"})
# Clauses a place phrase of the trigger is not looked for in (its infinitive is the same act).
_CLAUSES = frozenset({"ccomp", "advcl", "relcl", "acl", "conj", "parataxis"})


def place_actors(token: Any, actors: ActorIndex, named: bool = False) -> list[str]:
    """The country or region actors a trigger's locative phrase names ("demonstrated in
    Serbia", "a curfew in the town of Cizre in southeastern Turkey"); not its subject's
    ("Serbs in northern Kosovo demanded …": where the actor lives, not whom it addresses).
    With ``named``, also actors named as a place (:attr:`.ActorIndex.places`)."""
    pool = actors.places if named else actors.territorial
    stack = [c for c in token.children if c.dep_ not in _CLAUSES and c.dep_ not in SUBJECTS
             and c.dep_ != "nsubjpass"]
    while stack:
        node = stack.pop(0)
        if node.dep_ == "prep" and node.lower_ in _LOCATIVE:
            # "outside of the Somali town of Kismayo": the place is the object of "of"
            objs = [*node.children, *(g for c in node.children if c.dep_ == "prep"
                                      and c.lower_ == "of" for g in c.children)]
            for obj in objs:
                if obj.dep_ == "pobj" and (found := _territory(obj, actors, pool)):
                    return found
        if node.dep_ not in _CLAUSES:
            stack.extend(node.children)
    return []


def _territory(token: Any, actors: ActorIndex, pool: frozenset[str],
               depth: int = 3) -> list[str]:
    found = [a for a in actors.of_phrase(token) if a in pool]
    if found or depth == 0:
        return found
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "in"):
            for obj in child.children:
                if obj.dep_ == "pobj" and (deeper := _territory(obj, actors, pool, depth - 1)):
                    return deeper
    return []


def condition_subjects(token: Any, actors: ActorIndex) -> list[str]:
    """ "threatened to … unless Baghdad accepted …": the one the condition is put to."""
    for node in (token, *(c for c in token.children if c.dep_ == "xcomp")):
        for clause in node.children:
            if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                              for m in clause.children):
                for sub in clause.children:
                    if sub.dep_ in ("nsubj", "nsubjpass"):
                        return actors.of_phrase(sub, MEMBER_PREPS)
    return []
