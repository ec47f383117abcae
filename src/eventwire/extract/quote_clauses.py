"""What a reporting verb reports: its clause, its object, or the clause "according to" qualifies.

* A ``that``-clause or bare clause (``ccomp``) is the content whenever there is one, from
  the first such clause to the last: "Peskov told agencies [that no operation had been
  agreed]", "said [her plans were detailed] and, more important, [would not …]".
* Otherwise a speech verb reports its complements after it, from the first to the last,
  with what it says of its object: "accused [Downing Street of putting words in his
  mouth]", "urged [him to resign]", "declined [to comment]", "showed [Clinton with a
  lead]". An addressee verb's object is who was spoken to ("told reporters"), and a
  ``clause`` cue reports no bare object ("found the keys").
* A phrasal cue (a ``verb preposition`` row in ``cues.tsv``: "call for", "rail against")
  reports the preposition's object: "called for [a ban]", "referred to [them as …]".
* A belief verb reports a clause or an infinitive only ("expects [to win]"), never a
  bare noun ("likes him" is no attribution).
* A passive cue with no clause reports its subject and complements, said by its agent or
  nobody: "[Quiros was accused of fraud]", "[The meeting] was first reported by Politico".
* A parenthetical verb reports the clause around it: "[The economy, she said, is growing]"
  (a span is one piece, so it keeps the attribution's few words).
* A cue noun reports its that-clause: "Trump's claim [that …]", speaker the possessor.
* Negated speech reports nothing ("did not say what they were").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

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
# "accused X of …", "described X as …", "showed Clinton with a lead": the object's complements
_AFTER_OBJECT = frozenset({"of", "as", "for", "with", "to", "from", "against", "into", "about",
                           "over", "in", "by", "toward", "towards", "behind", "without", "like"})
_LABEL = re.compile(r"^[ \t]*[\"“]?([^:\n\"“]{1,60}?):[ \t]+(\S[^\n]*)$", re.MULTILINE)
_CAPS_NAME = re.compile(r"[A-Z][A-Z.'’ -]*[A-Z.]")
_LABEL_WORDS = 5  # "McCain Challenger Kelli Ward: …"; longer is a sentence, not a name
_EMPTY_WORDS = frozenset({"it", "this", "that", "so", "nothing", "something", "them", "what",
                          "which", "one", "more", "much", "anything", "otherwise", "these"})


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    who: Attribution


def reported_clause(token: Token, cues: Cues, actors: ActorIndex) -> Clause | None:
    """The content ``token`` reports, when it is a cue with something to report."""
    if not cues.may_cue(token.lemma_) and token.lower_ != "according":
        return None
    if is_according(token):
        return _according(token, actors)
    if token.pos_ == "NOUN":
        return _nominal(token, cues, actors)
    if negated(token):
        return None  # "did not say what they were" reports nothing
    cue = is_cue(token, cues)
    if cue is not None and _passive(token) and not _has_clause(token):
        return _passive_clause(token, actors)
    return _verb_clause(token, cue, cues, actors)


def _verb_clause(token: Token, cue: Cue | None, cues: Cues, actors: ActorIndex
                 ) -> Clause | None:
    span = _content(token, cue) if cue is not None else None
    if span is None and (phrasal := phrasal_cue(token, cues)) is not None:
        cue, prep = phrasal
        span = _object_of(prep, token)
    if span is None or cue is None:
        return None
    start, end = _trim(actors.text, *span)
    if end <= start or actors.text[start:end].lower() in _EMPTY_WORDS:
        return None
    return Clause(start, end, attribute(token, cue, actors))


def _content(verb: Token, cue: Cue) -> tuple[int, int] | None:
    if verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
        return _around(verb)
    comps = [c for c in verb.children if c.dep_ == "ccomp" or _bare_clause(verb, c)]
    if comps:  # "said [her plans were detailed] and, more important, [would not …]"
        return comps[0].left_edge.idx, _end(comps[-1].right_edge)
    parts = [c for c in verb.rights if c.dep_ == "xcomp"
             or (c.dep_ in _NOUN_LIKE and cue.kind == "speech" and not cue.addressee
                 and not cue.clause_only)]
    if parts and any(p.dep_ == "dobj" for p in parts):
        parts += [c for c in verb.rights if c.dep_ == "prep" and c.lower_ in _AFTER_OBJECT
                  and c.i > parts[0].i]
    if not parts:
        return None
    return min(p.left_edge.idx for p in parts), max(_end(p.right_edge) for p in parts)


def _around(verb: Token) -> tuple[int, int]:
    """"The economy, she said, is growing": the whole reported clause around the verb.

    A span is one piece and the clause's subject is part of what was said (PolNeAR's
    content runs "The economy … is growing"), so the span keeps the few words of the
    parenthetical attribution rather than drop either side of the clause.
    """
    head = verb.head
    return head.left_edge.idx, _end(head.right_edge)


def _bare_clause(verb: Token, child: Token) -> bool:
    """"said after the convention he would not …": a clause the parser hung as a modifier."""
    return (child.dep_ == "advcl" and child.i > verb.i
            and any(g.dep_ == "nsubj" for g in child.children)
            and not any(g.dep_ in ("mark", "advmod") and g.lower_ != "that"
                        for g in child.children if g.i < child.i))


def _object_of(prep: Token, verb: Token) -> tuple[int, int] | None:
    """"called for [a ban]", "referred to [migrants as "criminals"]": the object and what
    the verb says of it."""
    objs = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
    if not objs:
        return None
    more = [c for c in verb.rights if c.dep_ == "prep" and c.i > prep.i
            and c.lower_ in _AFTER_OBJECT]
    return objs[0].left_edge.idx, _end((more or objs)[-1].right_edge)


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


def _has_clause(verb: Token) -> bool:
    return any(c.dep_ == "ccomp" or _bare_clause(verb, c) for c in verb.children)


def _passive_clause(verb: Token, actors: ActorIndex) -> Clause | None:
    """"Quiros was accused of [using …]", "[The meeting] was first reported by Politico".

    What is said is said of the subject, so the content runs from it through the verb's
    complements (a span is one piece: it keeps the verb); the agent ("by Politico") speaks.
    """
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.i > verb.i or subject.lower_ in _EMPTY_WORDS \
            or subject.tag_ in ("WDT", "WP"):
        return None
    parts = [c for c in verb.rights if c.dep_ in ("xcomp", "oprd", "attr")
             or (c.dep_ == "prep" and c.lower_ in _AFTER_OBJECT and c.lower_ != "by")]
    end = max([_end(subject.right_edge), *(_end(p.right_edge) for p in parts)])
    start, end = _trim(actors.text, subject.left_edge.idx, end)
    agent = next((g for c in verb.children if c.dep_ == "agent"
                  for g in c.children if g.dep_ == "pobj"), None)
    speaker, text = speaker_of(agent, actors) if agent is not None else (None, None)
    return Clause(start, end, Attribution(speaker, text, verb.text, cue_token=verb.i))


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


# --- labelled lines ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Labelled:
    """A line whose label names its speaker: ``verbatim`` for a transcript's turn."""

    label: int  # where the label starts
    start: int
    end: int
    who: Attribution
    verbatim: bool


def labelled_lines(text: str, parse: Any, cues: Cues, actors: ActorIndex) -> list[Labelled]:
    """"Pence: Flowers won't be at the debate" and "WALLACE: Let's start with …".

    A headline (the first line) counts when its short label names an actor or ends in a
    source or cue noun ("Poll: …", "Report: …") and holds no verb ("Clinton Wades In: …" is
    a title). A body line counts when its all-caps label heads at least two lines: a
    transcript's turns, not a one-off "CORRECTION: …".
    """
    found = list(_LABEL.finditer(text))
    caps = [m[1].strip() for m in found if _CAPS_NAME.fullmatch(m[1].strip())]
    out = []
    for m in found:
        label = m[1].strip()
        headline = not text[:m.start()].strip()
        turn = caps.count(label) >= 2
        if not turn and not (headline and _names_speaker(parse, m.start(1), m.end(1),
                                                          cues, actors)):
            continue
        start, end = _trim(text, m.start(2), m.end(2))
        if end > start:
            speaker = actors.at(m.start(1), m.end(1))
            out.append(Labelled(m.start(1), start, end, Attribution(speaker, label, None), turn))
    return out


def _names_speaker(parse: Any, start: int, end: int, cues: Cues, actors: ActorIndex) -> bool:
    span = parse.char_span(start, end, alignment_mode="expand")
    words = [t for t in span or () if not t.is_punct]
    if not words or len(words) > _LABEL_WORDS or any(t.tag_.startswith("VB") for t in words):
        return False
    return actors.at(start, end) is not None or cues.get(words[-1].lemma_) is not None
