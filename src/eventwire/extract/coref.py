"""Pronoun coreference: he/she/his/her to the person last named, it/its to the last
country or organisation acting. Deliberately simple and local (two sentences back),
because a wrong link is worse than none for event coding.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from ..model import Document
from ..parse import indices_of_pos

_PERSONAL = frozenset({"he", "she", "him", "his", "her", "hers"})
_NEUTER = frozenset({"it", "its"})
_BACK_SENTENCES = 2


@dataclass(frozen=True, slots=True)
class Anchor:
    """An actor mention a pronoun may point back to."""

    start: int
    end: int
    actor_id: str
    kind: str  # person | org | group | country | metonym | nominal


def link_pronouns(doc: Document, anchors: list[Anchor]) -> None:
    """Append each resolvable pronoun's span to its actor's ``mentions``."""
    if not anchors:
        return
    anchors = sorted(anchors, key=lambda a: a.start)
    starts = [a.start for a in anchors]
    actors = {a.id: a for a in doc.actors}
    sentence_starts = [s.start for s in doc.sentences]
    for i in indices_of_pos(doc.parse, ("PRON",)):
        token = doc.parse[i]
        word = token.lower_
        if word not in _PERSONAL and word not in _NEUTER:
            continue
        if _inside_quote(doc.text, token.idx):
            continue
        wanted = ("person",) if word in _PERSONAL else ("country", "metonym", "org", "group")
        limit = _window_start(sentence_starts, token.idx)
        target = _nearest(anchors, starts, token.idx, limit, wanted)
        if target is not None and target.actor_id in actors:
            actors[target.actor_id].mentions.append((token.idx, token.idx + len(token)))
    for actor in doc.actors:
        actor.mentions.sort()


def _window_start(sentence_starts: list[int], char: int) -> int:
    i = bisect_left(sentence_starts, char + 1) - 1
    return sentence_starts[max(0, i - _BACK_SENTENCES)] if sentence_starts else 0


def _nearest(anchors: list[Anchor], starts: list[int], char: int, limit: int,
             kinds: tuple[str, ...]) -> Anchor | None:
    i = bisect_left(starts, char) - 1
    while i >= 0 and anchors[i].start >= limit:
        if anchors[i].kind in kinds:
            return anchors[i]
        i -= 1
    return None


def _inside_quote(text: str, char: int) -> bool:
    """Inside a direct quotation a pronoun belongs to the speaker's frame, not the narrative."""
    line_start = text.rfind("\n", 0, char) + 1
    before = text[line_start:char]
    straight = before.count('"') % 2 == 1
    curly = before.count("“") > before.count("”")
    return straight or curly
