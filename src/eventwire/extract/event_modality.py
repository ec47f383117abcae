"""Negation, modality and reported speech of an event trigger, read off the parse.

The cues are the rows of ``data/events/modality.tsv``; each row says where its cue sits
relative to the trigger (a negation child, a determiner, an auxiliary, an adverb, a
subordinator, a governing verb, a "dismissed reports that …" clause). "no new military
operation had been agreed" → negated; "will", "plans to" → future; "if", "could" →
hypothetical; "urged … to" → proposed; "denied" → denied. The nearest cue wins; negation
adds up. The subject of the speech verb whose complement holds the trigger ("Putin said
that …", "…, according to X") is the reporter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..events_kb import EventKB, ModalityCue
from .speech import Cues

# Links from a clause or nominal up to the word that governs it.
_CHAIN = frozenset({"xcomp", "ccomp", "conj", "advcl", "relcl", "acl", "pcomp", "pobj",
                    "prep", "dobj", "parataxis"})
# Links along which a governing verb's cue applies to the trigger.
_GOVERNED = frozenset({"xcomp", "ccomp", "dobj", "pobj", "pcomp", "acl"})
_VERBAL = ("VERB", "ADJ", "AUX")
_CONDITIONS = frozenset({"if", "unless"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_ARGUMENT_DEPS = frozenset({"nsubjpass", "dobj", "nsubj", "attr"})


@dataclass(frozen=True, slots=True)
class GovernorCue:
    rest: tuple[str, ...]  # the cue's words after the governing verb ("short", "of")
    kind: str


@dataclass(slots=True)
class ModalityTable:
    """The cues of modality.tsv grouped by position, looked up by lemma or text."""

    by_value: dict[str, dict[str, str]] = field(default_factory=dict)  # value -> cue -> kind
    governors: dict[str, list[GovernorCue]] = field(default_factory=dict)
    object_clauses: dict[tuple[str, str], str] = field(default_factory=dict)

    def kind(self, value: str, token: Any) -> str | None:
        table = self.by_value.get(value, {})
        found = table.get(token.lower_) or table.get(token.lemma_.lower())
        if found is None and token.n_lefts:  # "no longer": the adverb with its modifiers
            found = table.get(" ".join(t.lower_ for t in token.subtree))
        return found


@lru_cache(maxsize=4)
def modality_table(kb: EventKB) -> ModalityTable:
    table = ModalityTable()
    for cue in kb.cues:
        _add(table, cue)
    return table


def _add(table: ModalityTable, cue: ModalityCue) -> None:
    words = cue.words
    if cue.value == "governor":
        if words[0] == "be" and len(words) > 1:
            words = words[1:]  # "be expected to": spaCy heads the clause with "expected"
        rest = words[1:]
        table.governors.setdefault(words[0], []).append(GovernorCue(rest, cue.kind))
    elif cue.value == "object-clause" and len(words) >= 2:
        table.object_clauses[(words[0], words[-1])] = cue.kind
    else:
        table.by_value.setdefault(cue.value, {})[cue.cue] = cue.kind


@dataclass(frozen=True, slots=True)
class Framing:
    negated: bool
    modality: str
    reporter: Any  # the speech verb's subject token, or None
    ultimatum: bool = False  # "will withdraw unless …": a conditional threat
    refusal: bool = False  # negated by "refused to", "failed to": the subject declined it


@dataclass(slots=True)
class _State:
    negated: bool = False
    modality: str = "asserted"
    reporter: Any = None
    ultimatum: bool = False
    refusal: bool = False

    def set(self, kind: str | None) -> None:
        if kind == "negation":
            self.negated = True
        elif kind is not None and self.modality == "asserted":
            self.modality = kind


def framing(trigger: Any, table: ModalityTable, speech: Cues,
            skip: frozenset[int] = frozenset()) -> Framing:
    """Negation, modality and reporter of ``trigger``; ``skip``: tokens of the trigger itself."""
    state = _State()
    _own(trigger, table, state, skip)
    node = trigger
    for _ in range(8):
        if node.dep_ not in _CHAIN or node.head is node:
            break
        link, gov = node.dep_, node.head
        if link == "advcl" and _infinitive(node):
            link = "xcomp"  # "have sworn to fight" is often parsed as an adverbial clause
        if link == "pobj" and gov.dep_ == "prep" and (kind := table.kind("prep", gov)):
            state.set(kind)  # "without a deal"
        if link in _GOVERNED and gov.pos_ in (("NOUN",) if link == "acl" else _VERBAL):
            kind = _governor(gov, node, table)
            state.refusal = state.refusal or (kind == "negation" and link == "xcomp")
            state.set(kind)
        if link in ("acl", "ccomp", "relcl") and gov.pos_ == "NOUN":
            state.set(_object_clause(gov, table))
        if link in ("ccomp", "parataxis") and speech.is_speech(gov.lemma_) \
                and state.reporter is None:
            state.reporter = _subject(gov)
        if link == "xcomp" or (link == "conj" and _shares_clause(node)):
            _own(gov, table, state, skip, shared=True)
        node = gov
        if link == "advcl" and node.lemma_.lower() not in ("say", "tell"):
            break  # the main clause's cues do not reach into an adverbial clause
    if state.reporter is None:
        state.reporter = _according_to(trigger)
    return Framing(state.negated, state.modality, state.reporter, state.ultimatum,
                   state.refusal)


def _own(token: Any, table: ModalityTable, state: _State, skip: frozenset[int],
         shared: bool = False) -> None:
    """Cues on the trigger's own clause: negation, determiners, auxiliaries, adverbs, marks."""
    for child in token.children:
        if child.i in skip:
            continue
        dep = child.dep_
        if dep == "neg":
            state.set(table.kind("neg", child) or "negation")
        elif dep == "preconj" or (dep == "cc" and child.lower_ == "nor"):
            state.set(table.kind("cc", child))
        elif dep in ("aux", "auxpass"):
            kind = table.kind("aux", child)
            condition = _condition(token)
            if kind == "future" and condition and any(c.lemma_ == "have" and c.dep_ == "aux"
                                                      for c in token.children):
                kind = "hypothetical"  # "would have signed if …": counterfactual
            state.ultimatum = state.ultimatum or (kind == "future" and condition == "unless")
            state.set(kind)
        elif dep in ("advmod", "amod"):
            state.set(table.kind("adv", child))
        elif dep == "det" and not shared:
            state.set(table.kind("det", child))
        elif dep in _ARGUMENT_DEPS and not shared and token.pos_ != "NOUN":
            # "no agreement was reached", "neither France nor Germany boycotted …"
            state.set(next((k for g in child.children
                            if g.dep_ in ("det", "preconj") and g.i not in skip
                            and (k := table.kind("det", g) or table.kind("cc", g))
                            == "negation"), None))
    if not shared:
        state.set(_mark(token, table))


def _infinitive(clause: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) and not any(
        c.dep_ in _SUBJECT_DEPS for c in clause.children)


def _shares_clause(conjunct: Any) -> bool:
    """ "did not meet or talk": a conjoined verb without its own subject, auxiliary or "but"."""
    return not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "neg")
                   for c in conjunct.children) and not any(
        c.dep_ == "cc" and c.lower_ == "but" for c in conjunct.head.children)


def _condition(token: Any) -> str | None:
    """ "if" or "unless" heading an adverbial clause of ``token``, else None."""
    for clause in token.children:
        if clause.dep_ == "advcl":
            for mark in clause.children:
                if mark.dep_ == "mark" and mark.lower_ in _CONDITIONS:
                    return str(mark.lower_)
    return None


def _mark(token: Any, table: ModalityTable) -> str | None:
    """ "if they attack": a subordinator of the trigger's clause, or of a clause it heads."""
    for child in token.children:
        if child.dep_ == "mark" and (kind := table.kind("mark", child)):
            return kind
    return None


def _governor(gov: Any, node: Any, table: ModalityTable) -> str | None:
    cues = table.governors.get(gov.lemma_.lower()) or table.governors.get(gov.lower_)
    if not cues:
        return None
    around = {c.lower_ for c in gov.children} | {c.lemma_.lower() for c in gov.children}
    infinitive = node.dep_ in ("xcomp", "advcl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
    for cue in sorted(cues, key=lambda c: -len(c.rest)):
        rest = [w for w in cue.rest if not (w == "to" and infinitive)]
        if cue.rest and cue.rest[-1] == "to" and not infinitive and node.dep_ != "pobj":
            continue
        if all(w in around for w in rest):
            return cue.kind
    return None


def _object_clause(noun: Any, table: ModalityTable) -> str | None:
    verb = noun.head
    if noun.dep_ not in ("dobj", "nsubjpass") or verb is noun:
        return None
    return table.object_clauses.get((verb.lemma_.lower(), noun.lemma_.lower()))


def _subject(token: Any) -> Any:
    for child in token.children:
        if child.dep_ in _SUBJECT_DEPS:
            return child
    return None


def _according_to(trigger: Any) -> Any:
    """ "…, according to the Canadian Press": the pobj of "according to" in the clause."""
    node = trigger
    for _ in range(4):
        for child in node.children:
            if child.dep_ == "prep" and child.lower_ == "according":
                for to in child.children:
                    for obj in to.children:
                        if obj.dep_ == "pobj":
                            return obj
        if node.head is node or node.dep_ not in ("conj", "xcomp", "ccomp"):
            break
        node = node.head
    return None
