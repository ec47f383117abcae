"""What a reporting verb reports: its clause, its object, or the clause "according to" qualifies.

* A ``that``-clause or bare clause (``ccomp``) is the content whenever there is one:
  "Peskov told agencies [that no operation had been agreed]".
* Otherwise a speech verb reports its complements after it, from the first to the last:
  "accused [Downing Street of putting words in his mouth]", "urged [him to resign]",
  "declined [to comment]", "called [the show "the news show of record"]". An addressee
  verb's object is who was spoken to, not what was said ("told reporters").
* A phrasal cue (a ``verb preposition`` row in ``cues.tsv``: "call for", "rail against")
  reports the preposition's object: "called for [a ban]".
* A belief verb reports a clause or an infinitive only ("expects [to win]"), never a
  bare noun ("likes him" is no attribution).
* A parenthetical verb reports the clause around it: "The economy, she said, [is growing]"
  (a span is one piece: the longer side).
* A cue noun reports its that-clause: "Trump's claim [that …]", speaker the possessor.
* Negated speech reports nothing ("did not say what they were"); nor does a passive verb
  with no clause ("is expected to be ratified").
"""

from __future__ import annotations

from dataclasses import dataclass

from .quote_speakers import (
    ActorIndex,
    Attribution,
    Token,
    attribute,
    attribute_according,
    is_according,
    is_cue,
    negated,
    phrasal_cue,
    speaker_of,
    subject_of,
)
from .speech import Cue, Cues

_TRIM = " \t\n.,;:"
_NOUN_LIKE = frozenset({"dobj", "oprd"})
_AFTER_OBJECT = frozenset({"of", "as", "for"})  # "accused X of …", "described X as …"
_EMPTY_WORDS = frozenset({"it", "this", "that", "so", "nothing", "something", "them", "what",
                          "which", "one", "more", "much", "anything", "otherwise", "these"})


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    who: Attribution


def reported_clause(token: Token, cues: Cues, actors: ActorIndex) -> Clause | None:
    """The content ``token`` reports, when it is a cue with something to report."""
    if is_according(token):
        return _according(token, actors)
    if token.pos_ == "NOUN":
        return _nominal(token, cues, actors)
    if negated(token):
        return None  # "did not say what they were" reports nothing
    span: tuple[int, int] | None = None
    cue = is_cue(token, cues)
    if cue is not None:
        span = _content(token, cue)
    if span is None and (phrasal := phrasal_cue(token, cues)) is not None:
        cue, prep = phrasal
        span = _object_of(prep)
    if span is None or cue is None:
        return None
    start, end = _trim(actors.text, *span)
    if end <= start or actors.text[start:end].lower() in _EMPTY_WORDS:
        return None
    return Clause(start, end, attribute(token, cue, actors))


def _content(verb: Token, cue: Cue) -> tuple[int, int] | None:
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
        return _around(verb)
    comp = next((c for c in verb.children if c.dep_ == "ccomp" or _bare_clause(verb, c)), None)
    if comp is not None:
        return comp.left_edge.idx, _end(comp.right_edge)
    if _passive(verb):
        return None  # "is expected to be ratified"
    parts = [c for c in verb.rights if c.dep_ == "xcomp"
             or (c.dep_ in _NOUN_LIKE and cue.kind == "speech" and not cue.addressee)]
    if parts and any(p.dep_ == "dobj" for p in parts):
        parts += [c for c in verb.rights if c.dep_ == "prep" and c.lower_ in _AFTER_OBJECT
                  and c.i > parts[0].i]
    if not parts:
        return None
    return min(p.left_edge.idx for p in parts), max(_end(p.right_edge) for p in parts)


def _around(verb: Token) -> tuple[int, int]:
    """"The economy, she said, is growing": the reported clause around a parenthetical verb.

    A span is one piece, so it is the longer side of the clause, left or right of the verb.
    """
    head = verb.head
    left = (head.left_edge.idx, verb.left_edge.idx)
    right = (_end(verb.right_edge), _end(head.right_edge))
    return max(left, right, key=lambda s: s[1] - s[0])


def _bare_clause(verb: Token, child: Token) -> bool:
    """"said after the convention he would not …": a clause the parser hung as a modifier."""
    return (child.dep_ == "advcl" and child.i > verb.i
            and any(g.dep_ == "nsubj" for g in child.children)
            and not any(g.dep_ in ("mark", "advmod") and g.lower_ != "that"
                        for g in child.children if g.i < child.i))


def _object_of(prep: Token) -> tuple[int, int] | None:
    objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if not objs:
        return None
    return objs[0].left_edge.idx, _end(objs[-1].right_edge)


def _nominal(noun: Token, cues: Cues, actors: ActorIndex) -> Clause | None:
    """"Trump's claim that …", "a warning from his lawyer that …": the that-clause."""
    cue = cues.get(noun.lemma_)
    comp = next((c for c in noun.rights if c.dep_ in ("acl", "ccomp", "relcl", "appos")
                 and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if cue is None or cue.kind == "source" or comp is None:
        return None
    start, end = _trim(actors.text, comp.left_edge.idx, _end(comp.right_edge))
    holder = next((c for c in noun.children if c.dep_ == "poss"), None)
    holder = holder or next((g for c in noun.children if c.dep_ == "prep"
                             and c.lower_ in ("by", "from") and c.i < comp.i
                             for g in c.children if g.dep_ == "pobj"), None)
    if holder is None and noun.dep_ == "dobj":  # "made the claim that …": who made it
        holder = subject_of(noun.head)
    speaker, text = speaker_of(holder, actors) if holder is not None else (None, None)
    return Clause(start, end, Attribution(speaker, text, noun.text, cue_token=noun.i))


def _passive(verb: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)


def _according(token: Token, actors: ActorIndex) -> Clause | None:
    """The clause "according to X" qualifies, without the "according to X" itself."""
    head = token.head
    if head is token:
        return None
    start, end = head.left_edge.idx, _end(head.right_edge)
    if token.left_edge.idx <= start:
        start = _end(token.right_edge)
    else:
        end = token.left_edge.idx
    start, end = _trim(actors.text, start, end)
    if end <= start:
        return None
    return Clause(start, end, attribute_according(token, actors))


def _end(token: Token) -> int:
    return int(token.idx) + len(token.text)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end
