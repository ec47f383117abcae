"""Quotes: who said what, to whom (``doc.quotes``).

Four kinds, as the spec names them:

* ``direct``: a quoted passage that stands as speech ("…," Putin told Erdogan); its speaker
  comes from the reporting verb after it, before it, or the direct quote it continues.
* ``partial``: a quoted fragment inside a sentence (what he called "a hotbed of
  terrorists"); its speaker is the subject of the reporting verb above it, else of the
  reported clause it sits in, else of the sentence's reporting verb. A fragment with no
  reporting verb anywhere (scare quotes) or that is a title ("Fox News Sunday") is no quote.
* ``indirect``: what a reporting verb reports ("Peskov told agencies [that …]", see
  ``quote_clauses``); ``mixed`` when a quoted fragment sits inside it. The fragment is also
  a partial quote of its own unless it is most of the clause. A reported clause whose verb
  lies inside another one ("Trump said [Clinton thought [she would win]]") is part of the
  outer speaker's claim, not a quote of its own.
* labelled lines: a headline "Pence: Flowers won't be at the debate" (indirect) and a
  transcript's turns "WALLACE: Let's start …" (direct) are said by their label.

Quote marks are found in the text (``quote_marks``), speakers and addressees in the parse
(``quote_speakers``), which the pipeline made once; the stage is one pass over the tokens.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from itertools import takewhile
from typing import Any

from ..config import Settings
from ..model import Document, Quote, QuoteKind
from ..parse import indices_of_words
from .quote_clauses import labelled_lines, reported_clause
from .quote_marks import Quoted, find_quoted, markup_spans
from .quote_speakers import (
    NOBODY,
    ActorIndex,
    Attribution,
    Token,
    attribute,
    attribute_according,
    is_according,
    is_cue,
)
from .speech import Cues, load_cues

_SENTENCE_END = ".?!…"
# "…" ― Sonya Herridge: a dash and a name (capitalised words) ending the line
_DASH_NAME = re.compile(r"[^\S\n]*(?:―|—|–|--?)[^\S\n]*((?:[A-Z][\w'’-]*\.?[^\S\n]*){1,5}?)"
                        r"[^\S\n.,]*[.,]?[^\S\n]*$", re.MULTILINE)
_SHORT_ATTRIBUTION = 12  # words: "Maria Zakharova, a spokeswoman for the ministry, added"
_TITLE_WORDS = 6
_WORD = re.compile(r"\w+")
_ALL_FRAGMENT = 0.9  # a clause whose words are (nearly) all quoted is a partial quote
_MOSTLY_FRAGMENT = 0.6  # a fragment that much of a mixed clause adds nothing to it


@dataclass(slots=True)
class Found:
    """A quote before it is numbered."""

    kind: QuoteKind
    start: int
    end: int
    who: Attribution


@dataclass(slots=True)
class _Context:
    text: str
    parse: Any
    cues: Cues
    actors: ActorIndex
    starts: list[int]  # the first character of every token, for bisecting

    def token_at(self, char: int) -> Token | None:
        """The token holding ``char``, else the next token."""
        i = bisect_right(self.starts, char) - 1
        if i >= 0 and char < self.starts[i] + len(self.parse[i].text):
            return self.parse[i]
        return self.parse[i + 1] if i + 1 < len(self.parse) else None

    def tokens(self, start: int, end: int) -> list[Token]:
        """Tokens that start inside ``[start, end)``."""
        return list(self.parse[bisect_left(self.starts, start):bisect_left(self.starts, end)])


class QuoteStage:
    """Fills ``doc.quotes`` from quote marks, reporting verbs and the actors' mentions."""

    name = "quotes"
    requires: tuple[str, ...] = ("actors",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.cues = load_cues()

    def __call__(self, doc: Document) -> None:
        if doc.parse is None or not doc.text:
            return  # speakers come from the parse: a Document built without one has none
        ctx = _Context(doc.text, doc.parse, self.cues, ActorIndex(doc.text, doc.actors),
                       doc.parse.to_array("IDX").tolist())
        quoted = find_quoted(doc.text)
        direct = [q for q in quoted if _is_direct(ctx, q)]
        partial = [q for q in quoted if q not in direct]
        found = _attribute_direct(ctx, direct)
        found += _labelled(ctx, found)
        found += _reported_clauses(ctx, quoted, found, partial)
        found += _attribute_partial(ctx, partial, found)
        found.sort(key=lambda f: (f.start, f.end))
        doc.quotes = [
            Quote(f"Q{n}", f.kind, f.start, f.end, doc.text[f.start:f.end], f.who.speaker,
                  f.who.speaker_text, f.who.cue, list(f.who.addressees), f.who.addressee_text)
            for n, f in enumerate(found, start=1)
        ]


# --- direct or partial ---------------------------------------------------------------------

def _is_direct(ctx: _Context, q: Quoted) -> bool:
    """Speech that stands alone, not a fragment the sentence runs through."""
    before = ctx.text[:q.open].rstrip(" \t")
    prev = before[-1] if before else "\n"
    first = ctx.text[q.start]
    capital = first.isupper() or first.isdigit() or not first.isalnum()
    if _runs_on(ctx, q):
        return False
    if prev in "\n:":
        return True
    if prev in _SENTENCE_END + ";([—–-\"“”'’":
        return capital
    return _cue_before(ctx, q.open) and (capital or prev == ",")


def _runs_on(ctx: _Context, q: Quoted) -> bool:
    """ "…a fragment" workers: the sentence goes on after the mark with no attribution."""
    tail = ctx.text[q.end:q.close]
    punctuated = ctx.text[q.end - 1] in _SENTENCE_END + ",;:—" or "," in tail
    after = ctx.text[q.close:q.close + 2].lstrip(" ")
    if punctuated or not after or not after[0].isalnum():
        return False
    return not any(is_cue(t, ctx.cues) for t in ctx.tokens(q.close, q.close + 40)[:4])


def _cue_before(ctx: _Context, pos: int) -> bool:
    """A reporting verb among the three words before ``pos`` ("he said, "…")."""
    start = max(0, pos - 60)
    words = [t for t in ctx.tokens(start, pos) if not t.is_punct][-3:]
    return any(is_cue(t, ctx.cues) for t in words)


# --- direct quotes -------------------------------------------------------------------------

def _attribute_direct(ctx: _Context, direct: list[Quoted]) -> list[Found]:
    out: list[Found] = []
    for n, q in enumerate(direct):
        nxt = direct[n + 1].open if n + 1 < len(direct) else len(ctx.text)
        who = _after(ctx, q, nxt) or _before(ctx, q)
        if who is None and out and _continues(ctx, direct[n - 1], q):
            who = out[-1].who
        out.append(Found("direct", q.start, q.end, who or NOBODY))
    return out


def _after(ctx: _Context, q: Quoted, limit: int) -> Attribution | None:
    """ "…," Putin told Erdogan / "…," said Caddell / "…" ― Sonya Herridge."""
    end = min(limit, _line_end(ctx.text, q.close))
    if (dash := _DASH_NAME.match(ctx.text, q.close, end)) is not None:
        name = dash[1].strip().rstrip(".")  # "…" ― Sonya Herridge
        return Attribution(ctx.actors.at(*dash.span(1)), name, None)
    tokens = ctx.tokens(q.close, end)
    if ctx.text[q.end - 1] == "." and q.closed:
        return None  # a closed sentence: what follows is a new one
    clause = list(takewhile(lambda t: t.text not in _SENTENCE_END, tokens))
    for token in clause:
        if cue := is_cue(token, ctx.cues):
            return attribute(token, cue, ctx.actors)
    return _bare_attribution(ctx, clause)


def _bare_attribution(ctx: _Context, clause: list[Token]) -> Attribution | None:
    """"…," he continued: a short clause of subject and verb beside a quote attributes it."""
    if sum(not t.is_punct for t in clause) > _SHORT_ATTRIBUTION:
        return None
    verb = next((t for t in clause if t.tag_.startswith("VB")
                 and any(c.dep_ == "nsubj" for c in t.children)), None)
    return attribute(verb, None, ctx.actors) if verb is not None else None


def _before(ctx: _Context, q: Quoted) -> Attribution | None:
    """Putin said: "…" / He said, "…" / The Times reports:⏎"…"."""
    before = ctx.text[:q.open].rstrip()
    if before and before[-1] in _SENTENCE_END:
        return _said_before(ctx, q, len(before) - 1)
    if not before or before[-1] in "\"”’'":
        return None
    anchor = ctx.token_at(len(before) - 1)
    if anchor is None:
        return None
    start = max(anchor.sent.start_char, _line_start(ctx.text, anchor.idx))
    window = ctx.tokens(start, q.open)
    for token in reversed(window):
        if cue := is_cue(token, ctx.cues):
            return attribute(token, cue, ctx.actors)
        if is_according(token):
            return attribute_according(token, ctx.actors)
    return _bare_attribution(ctx, window) if before[-1] == ":" else None


def _said_before(ctx: _Context, q: Quoted, stop: int) -> Attribution | None:
    """"…, Schiff said. "The other factor …"": a quote right after a sentence of the same
    paragraph whose main verb is a speech verb carries on that speaker's words."""
    anchor = ctx.token_at(stop)
    if anchor is None or anchor.idx < _line_start(ctx.text, q.open):
        return None
    root = anchor.sent.root
    cue = is_cue(root, ctx.cues, kinds=("speech",))
    if cue is None or root.idx < _line_start(ctx.text, q.open):
        return None
    # the verb still reports its own clause ("The plan failed, Schiff said."): not used up
    return replace(attribute(root, cue, ctx.actors), cue_token=None)


def _continues(ctx: _Context, prev: Quoted, q: Quoted) -> bool:
    """Nothing but the earlier quote's attribution sentence lies between the two.

    Sentences are the parser's, so "said Mr. Holtz-Eakin." is one sentence, not two.
    """
    gap = ctx.text[prev.close:q.open]
    starts = sum(t.is_sent_start for t in ctx.tokens(prev.close, q.open) if not t.is_space)
    return (len(gap) < 300 and starts <= 1
            and gap.count("\n\n") + gap.strip().count("\n") <= 1)


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


# --- labelled lines ------------------------------------------------------------------------

def _labelled(ctx: _Context, direct: list[Found]) -> list[Found]:
    """"Trump: 'I'm the worst thing …'" / "WALLACE: Let's start …": the label speaks.

    A direct quote that holds the label too (a quoted transcript turn) is the turn itself;
    the label is the speaker of unattributed quotes on its line, and the line is a quote of
    its own unless a direct quote already is most of it.
    """
    out: list[Found] = []
    for line in labelled_lines(ctx.text, ctx.parse, ctx.cues, ctx.actors):
        for f in [f for f in direct if f.start <= line.label < f.end]:
            direct.remove(f)
        inside = [f for f in direct if line.start <= f.start and f.end <= line.end]
        for n, f in enumerate(direct):
            if f in inside and f.who.speaker is None and f.who.speaker_text is None:
                direct[n] = Found(f.kind, f.start, f.end, line.who)
        covered = sum(len(_WORD.findall(ctx.text, f.start, f.end)) for f in inside)
        if covered < _MOSTLY_FRAGMENT * len(_WORD.findall(ctx.text, line.start, line.end)):
            out.append(Found("direct" if line.verbatim else "indirect", line.start, line.end,
                             line.who))
    return out


# --- indirect and mixed --------------------------------------------------------------------

def _reported_clauses(ctx: _Context, quoted: list[Quoted], direct: list[Found],
                      partial: list[Quoted]) -> list[Found]:
    out: list[Found] = []
    used = {f.who.cue_token for f in direct}
    # the quoted speaker's own words, and markup (<tweet …>), report nothing themselves
    skip = _quoted_tokens(ctx, quoted)
    skip.update(t.i for s, e in markup_spans(ctx.text) for t in ctx.tokens(s, e))
    for i in indices_of_words(ctx.parse, ctx.cues.first_words | {"according"}):
        if i in skip or i in used:
            continue  # a direct quote's attribution is that quote's, not a clause of its own
        token = ctx.parse[i]
        clause = reported_clause(token, ctx.cues, ctx.actors)
        if clause is None or any(f.start < clause.end and clause.start < f.end
                                 for f in direct):
            continue
        fragments = [q for q in partial if clause.start <= q.start < clause.end]
        end = max([clause.end, *(q.close for q in fragments)])
        out.append(Found("mixed" if fragments else "indirect", clause.start, end, clause.who))
    return [f for f in out if not any(_reports(ctx, g, f) for g in out)]


def _reports(ctx: _Context, outer: Found, inner: Found) -> bool:
    """``inner``'s reporting verb is part of what ``outer`` reports: "Trump said [Clinton
    thought [she would win]]" is Trump's claim, not a quote of Clinton the article makes.
    A cue noun names its own speaker ("rejected [her claim [that …]]"), so it stays."""
    cue = inner.who.cue_token
    return (outer is not inner and cue is not None and ctx.parse[cue].pos_ != "NOUN"
            and outer.start <= ctx.parse[cue].idx < outer.end
            and outer.start <= inner.start and inner.end <= outer.end)


def _quoted_tokens(ctx: _Context, quoted: list[Quoted]) -> set[int]:
    return {t.i for q in quoted for t in ctx.tokens(q.start, q.end)}


# --- partial quotes ------------------------------------------------------------------------

def _attribute_partial(ctx: _Context, partial: list[Quoted], found: list[Found]) -> list[Found]:
    """A fragment is kept under its reporting verb; a clause that is all fragment becomes it."""
    out: list[Found] = []
    for q in partial:
        holder = min((f for f in found if f.kind == "mixed" and f.start <= q.start < f.end),
                     key=lambda f: f.end - f.start, default=None)
        share = _share(ctx.text, q, holder) if holder is not None else 0.0
        if share >= _ALL_FRAGMENT and holder is not None:
            found.remove(holder)  # "what he called "a hotbed"": the clause is the fragment
        elif share >= _MOSTLY_FRAGMENT:
            continue  # the mixed clause already is this quote
        if _is_title(ctx.text[q.start:q.end]):
            continue  # "Fox News Sunday", "Women in Power": a name, not words someone said
        who = _governing(ctx, q) or (holder.who if holder else None) or _in_sentence(ctx, q)
        if who is not None:  # no reporting verb above it: scare quotes
            out.append(Found("partial", q.start, q.end, who))
    return out


def _is_title(fragment: str) -> bool:
    """Every long word capitalised and no sentence punctuation: the name of a work or show."""
    words = _WORD.findall(fragment)
    long_words = [w for w in words if len(w) > 3]
    # a full stop may close a title at the end of its sentence ("on "Fox and Friends."")
    return (bool(long_words) and len(words) <= _TITLE_WORDS and fragment[-1] not in "?!"
            and all(w[0].isupper() for w in long_words))


def _share(text: str, q: Quoted, holder: Found) -> float:
    """How much of the clause's words the fragment's words are."""
    inner = len(_WORD.findall(text, q.start, q.end))
    return inner / max(1, len(_WORD.findall(text, holder.start, holder.end)))


def _governing(ctx: _Context, q: Quoted) -> Attribution | None:
    """The reporting verb the fragment hangs from: "what he called "…"", "said … were "…""."""
    node = _root_in(ctx, q)
    for _ in range(8):
        if node is None or node.head is node:
            return None
        node = node.head
        if node.idx < q.start or node.idx >= q.end:
            if cue := is_cue(node, ctx.cues):
                return attribute(node, cue, ctx.actors)
            if according := next((c for c in node.children if is_according(c)), None):
                return attribute_according(according, ctx.actors)
    return None


def _root_in(ctx: _Context, q: Quoted) -> Token | None:
    inside = ctx.tokens(q.start, q.end)
    return next((t for t in inside if not (q.start <= t.head.idx < q.end)), None)


def _in_sentence(ctx: _Context, q: Quoted) -> Attribution | None:
    """The speaker of the sentence: its first reporting verb outside this fragment."""
    token = ctx.token_at(q.start)
    if token is None:
        return None
    for verb in token.sent:
        if not (q.open <= verb.idx < q.close) and (cue := is_cue(verb, ctx.cues)):
            return attribute(verb, cue, ctx.actors)
    return None
