"""Quoted spans in article text, found from the quote marks alone (no parse needed).

Double marks (straight, curly, low-9, guillemets, ``''`` and ``````) open and close
top-level quotes; single marks inside a double quote are nested quotes and apostrophes,
so they never end it. Curly single marks ‘…’ also quote at top level (headline style).
Marks inside markup tags (``<tweet author="…">``) quote nothing.
Whether a mark opens or closes is read from the characters around it, so an odd count of
marks or a wrong-way curly mark never raises: an unmatched mark is dropped, except that a
line which opens with a quote and never closes it continues into the next line when that
line opens with a quote mark too (the multi-paragraph quote convention), and otherwise
runs to the end of its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import Enum

_DOUBLE = re.compile(r"''|’’|‘‘|``|[\"“”„«»‟]")
_SINGLE = re.compile(r"[‘’]")
_OPENING_GLYPHS = frozenset({"“", "„", "«", "‟", "‘‘", "``", "‘"})
_CLOSING_GLYPHS = frozenset({"”", "»", "’’", "’"})
# Scraped pages keep embeds like <tweet author="…" tweet_id="…">: attribute values in a tag
# are no quotes, so their marks are blanked (offsets kept) before marks are read.
_MARKUP = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>\n]*)?/?>")
_MARK_IN_TAG = re.compile(r"[\"“”'‘’]")
_BEFORE_OPEN = " \t\n([{—–-/…"
_AFTER_CLOSE = " \t\n.,;:!?)]}—–-…"


class Role(Enum):
    OPEN = "open"
    CLOSE = "close"
    EITHER = "either"


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    role: Role


@dataclass(frozen=True, slots=True)
class Quoted:
    """One quoted passage: ``start``/``end`` bound the words, ``open``/``close`` the marks."""

    open: int
    start: int
    end: int
    close: int
    closed: bool


def markup_spans(text: str) -> list[tuple[int, int]]:
    """Where markup tags (``<tweet author="…">``) lie: neither quotes nor anybody's words."""
    return [m.span() for m in _MARKUP.finditer(text)]


def find_quoted(text: str) -> list[Quoted]:
    """Every top-level quoted passage of ``text``, in order."""
    text = _MARKUP.sub(lambda m: _MARK_IN_TAG.sub(" ", m.group()), text)
    quoted = _double_quoted(text)
    quoted += _single_quoted(text, quoted)
    quoted.sort(key=lambda q: q.open)
    return quoted


def _role(text: str, start: int, end: int, glyph: str) -> Role:
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    opens = before in _BEFORE_OPEN or _is_mark(before)
    closes = after in _AFTER_CLOSE or _is_mark(after)
    if opens and not closes:
        return Role.OPEN
    if closes and not opens:
        return Role.CLOSE
    if glyph in _OPENING_GLYPHS:
        return Role.OPEN
    if glyph in _CLOSING_GLYPHS:
        return Role.CLOSE
    return Role.EITHER


def _is_mark(char: str) -> bool:
    return char in "\"“”„«»‟'‘’`"


def _lines(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for brk in re.finditer(r"\n", text):
        if brk.start() > start:
            out.append((start, brk.start()))
        start = brk.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _double_quoted(text: str) -> list[Quoted]:
    out: list[Quoted] = []
    pending: Mark | None = None  # an opening mark still waiting for its close
    lines = _lines(text)
    for n, (line_start, line_end) in enumerate(lines):
        marks = [Mark(m.start(), m.end(), _role(text, m.start(), m.end(), m.group()))
                 for m in _DOUBLE.finditer(text, line_start, line_end)]
        if pending is not None and marks and marks[0].start == _first_char(text, line_start):
            marks = marks[1:]  # the re-opening mark of a continued quote
        for mark in marks:
            if pending is None:
                if mark.role is not Role.CLOSE:
                    pending = mark
            elif mark.role is Role.OPEN:
                pending = mark  # an opener inside an open quote: the earlier one was stray
            else:
                _add(out, text, Quoted(pending.start, pending.end, mark.start, mark.end, True))
                pending = None
        if pending is not None and not (_may_continue(text, lines, pending.start)
                                        and _continues(text, lines, n)):
            if _may_continue(text, lines, pending.start):
                _add(out, text, Quoted(pending.start, pending.end, line_end, line_end, False))
            pending = None
    return out


def _first_char(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos


def _continues(text: str, lines: list[tuple[int, int]], n: int) -> bool:
    """An unclosed quote goes on when the next line starts with a quote mark."""
    if n + 1 >= len(lines):
        return False
    head = _first_char(text, lines[n + 1][0])
    return bool(_DOUBLE.match(text, head))


def _may_continue(text: str, lines: list[tuple[int, int]], pos: int) -> bool:
    """Only a quote that opens its line or follows a colon or comma runs on to the next."""
    before = text[:pos].rstrip(" \t")
    return _opens_line(text, lines, pos) or before.endswith((":", ","))


def _opens_line(text: str, lines: list[tuple[int, int]], pos: int) -> bool:
    return any(_first_char(text, start) == pos for start, _ in lines)


def _add(out: list[Quoted], text: str, quoted: Quoted) -> None:
    """Keep ``quoted`` with its words trimmed of spaces, when it has any words."""
    start, end = quoted.start, quoted.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1  # the comma before an attribution ("…," she said) is not the speaker's
    if any(c.isalnum() for c in text[start:end]):
        out.append(replace(quoted, start=start, end=end))


def _single_quoted(text: str, doubles: list[Quoted]) -> list[Quoted]:
    """Curly single quotes outside every double quote; apostrophes never open or close."""
    out: list[Quoted] = []
    for line_start, line_end in _lines(text):
        pending: int | None = None
        for m in _SINGLE.finditer(text, line_start, line_end):
            pos = m.start()
            if any(q.open <= pos < q.close for q in doubles):
                continue
            role = _role(text, pos, pos + 1, m.group())
            if m.group() == "‘" and role is Role.OPEN and _word_follows(text, pos + 1):
                pending = pos
            elif (m.group() == "’" and role is Role.CLOSE and pending is not None
                  and not _word_follows(text, pos + 1)):
                _add(out, text, Quoted(pending, pending + 1, pos, pos + 1, True))
                pending = None
    return out


def _word_follows(text: str, pos: int) -> bool:
    return pos < len(text) and text[pos].isalnum()
