"""What the words around a name say about it: titles before it ("Turkish President"),
appositives after it ("Maria Zakharova, a spokeswoman for Russia's Ministry of Foreign
Affairs"), "Putin's spokesman", and the parse helpers the actor stage shares.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from typing import Any

from ..kb import KnowledgeBase
from ..model import Document
from .actor_phrase import ActorMatch, Word, find_hits, resolve_phrase, words_of

_LOCATIVE = frozenset({"in", "at", "near", "inside", "across", "throughout", "around", "into",
                       "outside", "within", "to", "from", "toward", "towards"})
# Words before a role that are no part of it.
_ARTICLES = ("a ", "an ", "the ")


def token_at(doc: Document, char: int) -> Any:
    return doc.parse.char_span(char, char + 1, alignment_mode="expand")[0]


def is_locative(doc: Document, start: int) -> bool:
    """A capital named as a place ("a summit in Moscow"), not as the government acting."""
    token = token_at(doc, start)
    return bool(token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE)


def left_context(doc: Document, start: int, end: int | None = None) -> str:
    """The title words right before a name: "Turkish President" in "Turkish President X",
    "President" in "the government of President Prosper Avril"."""
    span = doc.parse.char_span(start, end, alignment_mode="expand") if end else None
    if span is not None and span.start > 0:
        # Titles hang off the name's head or off its first name ("President" → "Prosper"):
        # they run from the head's left edge when the word right before the name is the
        # head's. No subtree walk: the first name of a long list heads the whole list.
        root = span.root
        if root.is_ancestor(doc.parse[span.start - 1]):
            return doc.text[_after_list(root.left_edge, span.start).idx:start]
    token = token_at(doc, start)
    head = token.head if token.dep_ == "compound" else token
    left = [t for t in head.lefts if t.dep_ in ("compound", "amod", "poss", "nmod")
            and t.i < token.i]
    if not left:
        return ""
    # "Turkish" modifies "President", not the name: take the modifier's whole subtree.
    return doc.text[left[0].left_edge.idx:token.idx]


def appositive(doc: Document, start: int, end: int) -> str:
    """The appositive of a name: "a spokeswoman for Russia's Ministry of Foreign Affairs"."""
    span = doc.parse.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ""
    for child in span.root.children:
        if child.dep_ == "appos":
            last = _phrase_end(child)
            return doc.text[child.left_edge.idx:last.idx + len(last)]
    return ""


def appositive_head(doc: Document, start: int, end: int) -> str:
    """The noun phrase a name is in apposition to: "The Federal Minister for Interior" in
    "The Federal Minister for Interior Aftab Ahmad Khan Sherpao"."""
    span = doc.parse.char_span(start, end, alignment_mode="expand")
    if span is None or span.root.dep_ != "appos":
        return ""
    head = span.root.head
    # In a list of appositions ("delegates A, B, C") C's noun phrase is "delegates", not
    # "delegates A, B": stop at the head's first apposition.
    stop = min((c.left_edge.i for c in _first_apposition(head) if c.i < span.root.i),
               default=span.root.left_edge.i)
    last = next((t for t in reversed(doc.parse[head.left_edge.i:stop])
                 if t.i == head.i or head.is_ancestor(t)), None)
    if last is None:
        return ""
    first = _after_list(head.left_edge, min(head.i, last.i))
    return doc.text[first.idx:last.idx + len(last)]


def _after_list(left_edge: Any, before: int) -> Any:
    """``left_edge``, or the token after the last comma of a list (two commas or more)
    between it and token ``before``: the names of a list that hang off a phrase ("A, B, C"
    with C as head) are not its words."""
    doc = left_edge.doc
    commas = (i for i in range(before - 1, left_edge.i - 1, -1) if doc[i].text == ",")
    last, previous = next(commas, None), next(commas, None)
    return left_edge if last is None or previous is None else doc[last + 1]


def _phrase_end(token: Any) -> Any:
    """The last token of ``token``'s subtree, or of its own phrase when a list of names hangs
    off it after a comma ("A, B, C, D" parsed as B with the conjuncts C and D)."""
    listed = next((c for c in token.rights if c.dep_ in ("appos", "conj")
                   and c.left_edge.i > token.i + 1 and c.doc[c.left_edge.i - 1].text == ","),
                  None)
    if listed is None:
        return token.right_edge
    return token.doc[listed.left_edge.i - 2]


def _first_apposition(head: Any) -> list[Any]:
    """The first apposition after a comma right of ``head`` (none, or a one-item list)."""
    found = (c for c in head.rights if c.dep_ == "appos" and c.left_edge.i > 0
             and c.doc[c.left_edge.i - 1].text == ",")
    return list(itertools.islice(found, 1))


def with_context(doc: Document, start: int, end: int, match: ActorMatch, *,
                 kb: KnowledgeBase, date: str | None) -> ActorMatch:
    """A KB person keeps the KB's facts but gains a role from the text when the KB has none."""
    if match.kind != "person" or match.role is not None:
        return match
    extra = role_from_text(doc, start, end, kb, date)
    if extra is None:
        return match
    return replace(match, role=extra.role or match.role, sector=extra.sector or match.sector)


def role_from_text(doc: Document, start: int, end: int, kb: KnowledgeBase,
                   date: str | None) -> ActorMatch | None:
    """Country, sector and role from the appositive, else from the title words before."""
    for context in (appositive(doc, start, end), appositive_head(doc, start, end),
                    left_context(doc, start, end)):
        if not context:
            continue
        match = _role_phrase(context, kb, date)
        if match is not None and match.sector is not None:
            return match if match.country else _of_country(doc, (start, end), match, kb, date)
    return None


def _of_country(doc: Document, name: tuple[int, int], match: ActorMatch, kb: KnowledgeBase,
                date: str | None) -> ActorMatch:
    """ "King Hassan of Morocco": the complement of the name says the title's country."""
    span = doc.parse.char_span(*name, alignment_mode="expand")
    complement = of_complement(doc, span.root) if span is not None else ""
    found = resolve_phrase(complement, kb, date=date) if complement else None
    return replace(match, country=found.country) if found is not None else match


def _role_phrase(context: str, kb: KnowledgeBase, date: str | None) -> ActorMatch | None:
    """Read "Putin's spokesman" as the possessor's country; ignore other people named."""
    words = words_of(context)
    hits = find_hits(words, context, kb, date)
    people = [h for h in hits if h.match.kind == "person"]
    match = resolve_phrase(_without(context, words, people), kb, date=date)
    if match is None:
        return None
    country = match.country
    for hit in people:
        if words[hit.last].text.endswith(("'s", "’s")) and country is None:
            country = hit.match.country
    role = context.strip(" ,")
    for article in _ARTICLES:
        role = role.removeprefix(article)
    return replace(match, country=country, role=role[:80] or None, kb_id=None)


def _without(text: str, words: list[Word], hits: list[Any]) -> str:
    out = text
    for hit in reversed(hits):
        out = out[:words[hit.first].start] + out[words[hit.last].end:]
    return out


def noun_phrase(token: Any) -> tuple[int, int]:
    """The noun with its modifiers: "U.S.-backed Kurdish YPG militia", "Turkish officials"."""
    left = [t for t in token.lefts if t.dep_ in ("compound", "amod", "poss", "nmod", "nummod")]
    first = left[0] if left else token
    first = min((first, *[t for t in first.subtree if t.i < token.i]), key=lambda t: t.i)
    while first.i < token.i and (first.is_punct or first.lower_ in ("the", "a", "an")):
        first = first.doc[first.i + 1]
    return first.idx, token.idx + len(token)


def of_complement(doc: Document, token: Any) -> str:
    """ "officials of the Russian government", "a spokeswoman for Russia" → the complement."""
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "from"):
            sub = list(child.subtree)
            return doc.text[sub[0].idx:sub[-1].idx + len(sub[-1])]
    return ""


def np_head(token: Any) -> Any:
    """The head of the noun phrase a modifier is in: "Turkish" → "Erdogan" in "Turkish
    President Tayyip Erdogan", → "ultimatum" in "an Australian ultimatum"."""
    head = token.head
    while head.dep_ in ("compound", "amod", "flat") and head.head is not head:
        head = head.head
    return head
