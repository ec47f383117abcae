"""Negation, modality and reported speech of an event trigger, read off the parse.

"no new military operation had been agreed" → negated; "would", "plans to" → future;
"if" → hypothetical; "proposed" → proposed; "denied" → denied; "Putin said that …" →
reported by Putin.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .speech import Cues

_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})
_MAYBE_AUX = frozenset({"could", "might", "may"})
_FUTURE_HEADS = frozenset({"plan", "intend", "expect", "prepare", "aim", "seek", "want",
                           "hope", "set", "schedule", "promise", "pledge", "vow", "threaten",
                           "agree", "decide"})
_PROPOSED_HEADS = frozenset({"propose", "suggest", "urge", "call", "offer", "recommend",
                             "consider", "ask", "demand"})
_NEGATING_HEADS = frozenset({"fail", "refuse", "decline", "reject", "deny", "avoid"})
_CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "conj", "advcl", "relcl", "acl", "pcomp",
                           "pobj", "prep", "dobj"})


@dataclass(frozen=True, slots=True)
class Framing:
    negated: bool
    modality: str
    reporter: Any  # the speech verb's subject token, or None


def framing(trigger: Any, cues: Cues) -> Framing:
    negated = _negated(trigger)
    modality = _own_modality(trigger)
    reporter = None
    node = trigger
    for _ in range(6):
        if node.dep_ not in _CLAUSE_LINKS or node.head is node:
            break
        link, node = node.dep_, node.head
        lemma = node.lemma_.lower()
        if link == "xcomp" and lemma in _NEGATING_HEADS:
            negated = lemma != "deny"
            modality = "denied" if lemma == "deny" else modality
        elif link in ("xcomp", "ccomp") and lemma in _PROPOSED_HEADS and modality == "asserted":
            modality = "proposed"
        elif link == "xcomp" and lemma in _FUTURE_HEADS and modality == "asserted":
            modality = "future" if lemma != "agree" else modality
        if link == "ccomp" and lemma == "deny":
            modality = "denied"
        if link == "ccomp" and cues.is_speech(lemma) and reporter is None:
            reporter = _subject(node)
            if _negated(node):
                modality = "denied"
        if link in ("xcomp", "conj") and modality == "asserted":
            modality = _own_modality(node)
    return Framing(negated, modality, reporter)


def _negated(token: Any) -> bool:
    for child in token.children:
        if child.dep_ == "neg":
            return True
        if child.dep_ in ("nsubjpass", "dobj", "nsubj") and any(
            g.dep_ == "det" and g.lower_ in ("no", "neither") for g in child.children
        ):
            return True
    return False


def _own_modality(token: Any) -> str:
    for child in token.children:
        word = child.lower_
        if child.dep_ in ("aux", "auxpass") and word in _FUTURE_AUX:
            return "hypothetical" if _has_condition(token) else "future"
        if child.dep_ == "aux" and word in _MAYBE_AUX:
            return "hypothetical"
        if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless")
                                         for g in child.children):
            return "hypothetical"
    if token.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless")
                                     for g in token.children):
        return "hypothetical"
    return "asserted"


def _has_condition(token: Any) -> bool:
    return any(c.dep_ == "advcl" and any(g.lower_ in ("if", "unless") for g in c.children)
               for c in token.children)


def _subject(token: Any) -> Any:
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None
