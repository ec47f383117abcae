"""Who said it and to whom: the subject and objects of a reporting verb, mapped to actors.

Everything here reads spaCy tokens of the parse the pipeline made once. A speaker is the
reporting verb's subject, found by climbing from a participle ("…, adding that …"), a
conjoined verb ("smiled and said") or a relative clause ("Peskov, who said …") to the
clause that names it; "according to X" names X. The speaker's words are the subject's
noun phrase without its appositive or relative clause ("Dmitry Peskov", not "Dmitry
Peskov, Putin's spokesman"); its actor is the one whose mention covers those words.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Actor
from .speech import Cue, Cues

Token = Any  # spaCy ships no type information
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CLIMB = frozenset({"conj", "advcl", "xcomp", "pcomp", "ccomp", "parataxis"})
_PHRASE_DROP = frozenset({"appos", "relcl", "acl", "punct", "advmod", "cc", "prep", "case",
                          "npadvmod", "parataxis", "dep"})
_OBJECTS = frozenset({"dobj", "dative", "iobj"})
_TIME_PREPOSITIONS = frozenset({"after", "before", "since", "until", "following", "during"})
_RELATIVE_TAGS = frozenset({"WP", "WDT"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """The speaker side of one quote."""

    speaker: str | None
    speaker_text: str | None
    cue: str | None
    addressees: tuple[str, ...] = ()
    addressee_text: str | None = None
    cue_token: int | None = None  # index of the cue in the parse, when there is one


NOBODY = Attribution(None, None, None)


class ActorIndex:
    """Maps character spans of ``text`` to the actor whose mention covers them.

    It carries the article text too: spaCy rebuilds ``Doc.text`` on every access.
    """

    def __init__(self, text: str, actors: Sequence[Actor]) -> None:
        self.text = text
        spans = sorted((s, e, a.id) for a in actors for s, e in a.mentions)
        self._starts = [s for s, _, _ in spans]
        self._spans = spans

    def at(self, start: int, end: int) -> str | None:
        """The actor of the mention overlapping ``[start, end)`` the most, else None."""
        best, best_overlap = None, 0
        for s, e, actor_id in self._spans[:bisect_right(self._starts, end)]:
            overlap = min(e, end) - max(s, start)
            if overlap > best_overlap:
                best, best_overlap = actor_id, overlap
        return best


def is_cue(token: Token, cues: Cues, kinds: Iterable[str] = ("speech", "belief")) -> Cue | None:
    """The cue entry when ``token`` is a reporting verb (a verb, not "the said report")."""
    if not (token.tag_.startswith("VB") or _acts_as_verb(token)):
        return None
    cue = cues.get(token.lemma_)
    return cue if cue is not None and cue.kind in kinds else None


def _acts_as_verb(token: Token) -> bool:
    """"Trump claims that …" tagged as a plural noun still has a subject and a clause."""
    deps = {c.dep_ for c in token.children}
    return "nsubj" in deps and "ccomp" in deps


def phrasal_cue(token: Token, cues: Cues) -> tuple[Cue, Token] | None:
    """A ``verb preposition`` cue ("call for", "rail against") and its preposition."""
    if not token.tag_.startswith("VB"):
        return None
    for child in token.rights:
        if child.dep_ == "prep" and (cue := cues.get(f"{token.lemma_} {child.lower_}")):
            return cue, child
    return None


def is_according(token: Token) -> bool:
    return token.lower_ == "according" and any(
        c.lower_ == "to" and c.dep_ == "prep" for c in token.children)


def negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def subject_of(verb: Token) -> Token | None:
    """The subject a reporting verb speaks for, climbing participles and conjuncts."""
    node = verb
    for _ in range(5):
        for child in node.children:
            if child.dep_ in _SUBJECTS and not _after_preposition(child):
                if child.tag_ in _RELATIVE_TAGS and node.dep_ == "relcl":
                    return node.head
                return child
        if node.dep_ == "relcl":
            return node.head
        if node.dep_ == "acl" and node.head.dep_ in ("dobj", "pobj"):
            node = node.head.head  # "issued a statement saying …": who issued it
            continue
        if node.dep_ not in _CLIMB or node.head is node:
            return None
        node = node.head
    return None


def _after_preposition(subject: Token) -> bool:
    """'after the summit said …': the parser took a preposition's object for the subject."""
    i = subject.left_edge.i
    return i > 0 and subject.doc[i - 1].lower_ in _TIME_PREPOSITIONS


def phrase_span(token: Token) -> tuple[int, int]:
    """Characters of ``token``'s noun phrase without appositives, clauses or punctuation."""
    left = token
    for child in token.lefts:
        if child.dep_ not in _PHRASE_DROP:
            left = child.left_edge
            break
    right = token
    for child in token.rights:
        if child.dep_ in _PHRASE_DROP and not _of_phrase(child):
            break
        right = child.right_edge
    return left.idx, right.idx + len(right.text)


def _of_phrase(child: Token) -> bool:
    """"head of the agency", "spokeswoman for the ministry" belong to the name."""
    return child.dep_ == "prep" and child.lower_ in ("of", "for") and child.i == child.head.i + 1


def speaker_of(token: Token, actors: ActorIndex) -> tuple[str | None, str]:
    """The actor id and words for the noun phrase headed by ``token``."""
    start, end = phrase_span(token)
    text = actors.text[start:end]
    actor = actors.at(token.idx, token.idx + len(token.text)) or actors.at(start, end)
    if actor is None:  # "one of the family's attorneys, Justin Bamberg": the appositive names
        appos = [c for c in token.children if c.dep_ == "appos"]
        for child in appos:
            actor = actors.at(*phrase_span(child))
            if actor is not None:
                break
    return actor, text


def attribute(verb: Token, cue: Cue | None, actors: ActorIndex) -> Attribution:
    """Speaker, cue word and addressees of the reporting verb ``verb``."""
    subject = subject_of(verb)
    speaker, speaker_text = speaker_of(subject, actors) if subject is not None else (None, None)
    ids, words = _addressees(verb, cue, actors)
    return Attribution(speaker, speaker_text, verb.text, ids, words, verb.i)


def attribute_according(according: Token, actors: ActorIndex) -> Attribution:
    """"according to X": X speaks."""
    for prep in according.children:
        if prep.lower_ == "to":
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    speaker, text = speaker_of(obj, actors)
                    return Attribution(speaker, text, "according to", cue_token=according.i)
    return Attribution(None, None, "according to")


def attribute_subject(verb: Token, actors: ActorIndex) -> Attribution:
    """The subject of a verb that is no reporting verb ("Trump slammed the "rigged" vote")."""
    subject = subject_of(verb)
    if subject is None:
        return NOBODY
    speaker, text = speaker_of(subject, actors)
    return Attribution(speaker, text, verb.text, cue_token=verb.i)


def _addressees(verb: Token, cue: Cue | None, actors: ActorIndex) -> tuple[
        tuple[str, ...], str | None]:
    heads = [c for c in verb.children if cue is not None and cue.addressee
             and c.dep_ in _OBJECTS and c.pos_ in ("PROPN", "NOUN", "PRON")]
    # "wrote to Erdogan", not "said in answer to a question": only names take "to"
    heads += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
              for g in c.children if g.dep_ == "pobj" and g.pos_ in ("PROPN", "PRON")]
    ids: list[str] = []
    words: list[str] = []
    for head in heads:
        for token in _with_conjuncts(head):
            actor, text = speaker_of(token, actors)
            if actor is not None and actor not in ids:
                ids.append(actor)
            elif actor is None:
                words.append(text)
    return tuple(ids), (", ".join(words) or None)


def _with_conjuncts(token: Token) -> list[Token]:
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(_with_conjuncts(child))
    return out
