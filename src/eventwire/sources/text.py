"""Plain-text and Markdown wire stories: title, byline, dateline and credits out, clean body in.

The layout read here is the one wire copy is republished in: a title (``# ...`` or a short
line of its own), a byline ("By Jane Doe, Reuters"), a dateline, a photo credit, then body
paragraphs among page furniture (section headings, "Related article:" lines, link lists, an
"Original url:" trailer, page numbers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Article
from . import furniture
from .furniture import FINAL_PUNCTUATION, UNDERLINE, Furniture
from .meta import normalise_date, parse_byline

_BLOCK_BREAK = re.compile(r"\n[ \t\u00a0]*\n")
_BYLINE = re.compile(r"^\s*(?:\*\*|__|\*|_)?\s*by\s+(.+?)\s*(?:\*\*|__|\*|_)?\s*$", re.IGNORECASE)
_DATE_LABEL = re.compile(
    r"^(?:published|posted|updated|last updated|date|dated)\s*(?:on|:)?\s*", re.IGNORECASE
)
_DATE_SEPARATORS = re.compile(r"\s*[|·•]\s*")
_MAX_TITLE_WORDS = 20
_MAX_BYLINE_WORDS = 12
_MAX_CREDIT_WORDS = 6
_MIN_NAME_WORDS, _MAX_NAME_WORDS = 2, 4
_MAX_DATELINE_CHARS = 60
# A paragraph this long that stops without final punctuation was cut, not a heading.
_MIN_CUT_PARAGRAPH_WORDS = 8


@dataclass(slots=True)
class _Layout:
    """What reading a wire story has found so far."""

    title: str | None = None
    published: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    url: str | None = None
    related: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    awaiting_url: bool = False
    seen_byline_or_date: bool = False


def read_wire_text(text: str, input_name: str, *, header: bool = True) -> Article:
    """Read a plain-text or Markdown story; ``header=False`` reads body text only."""
    blocks = split_blocks(text)
    layout = _Layout()
    body = _read_header(blocks, layout) if header else blocks
    _read_body(body, layout)
    extra: dict[str, object] = {"related": layout.related} if layout.related else {}
    return Article(
        text="\n\n".join(join_cut_paragraphs(layout.paragraphs)),
        input_name=input_name,
        title=layout.title,
        published=layout.published,
        source=layout.source,
        authors=layout.authors,
        credits=layout.credits,
        url=layout.url,
        extra=extra,
    )


def split_blocks(text: str) -> list[list[str]]:
    """Blank-line separated blocks, each a list of its non-blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").lstrip("\ufeff")
    blocks = []
    for chunk in _BLOCK_BREAK.split(text):
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        if lines:
            blocks.append(lines)
    return blocks


def _read_header(blocks: list[list[str]], layout: _Layout) -> list[list[str]]:
    """Take title, byline, dateline and credits off the top; return the blocks of the body."""
    for b, block in enumerate(blocks):
        for i, line in enumerate(block):
            next_line = block[i + 1] if i + 1 < len(block) else None
            alone = len(block) == 1 and b + 1 < len(blocks)  # a block of its own, text after it
            if not _take_header_line(line, next_line, _Place(b == 0 and i == 0, alone), layout):
                return [block[i:], *blocks[b + 1:]]
    return []


@dataclass(frozen=True, slots=True)
class _Place:
    """Where a header line stands: the very first line; a line alone in its block."""

    first: bool
    alone: bool


def _take_header_line(line: str, next_line: str | None, place: _Place, layout: _Layout) -> bool:
    item = furniture.classify(line)
    if item is not None:
        _take_header_furniture(item, layout)
        return True
    plain = furniture.strip_markup(line)
    if layout.title is None and next_line is not None and UNDERLINE.match(next_line):
        layout.title = plain
        return True
    if _take_byline(plain, layout) or _take_dateline(plain, layout):
        return True
    if place.first and place.alone and _is_title_like(plain):
        layout.title = plain
        return True
    if place.alone and layout.seen_byline_or_date and _is_name_like(plain):
        layout.credits.append(plain)  # the photo credit of plain-text copy: a bare name
        return True
    return False


def _take_header_furniture(item: Furniture, layout: _Layout) -> None:
    if item.kind == "heading" and layout.title is None:
        layout.title = item.value
    elif item.kind == "bold" and item.value and layout.seen_byline_or_date:
        # A name set alone in bold under the byline or dateline is the photo credit.
        if len(item.value.split()) <= _MAX_CREDIT_WORDS:
            layout.credits.append(item.value)
    else:
        _take_body_furniture(item, layout)


def _is_title_like(plain: str) -> bool:
    words = plain.split()
    return 0 < len(words) <= _MAX_TITLE_WORDS and not FINAL_PUNCTUATION.search(plain)


def _is_name_like(plain: str) -> bool:
    words = plain.split()
    return (_MIN_NAME_WORDS <= len(words) <= _MAX_NAME_WORDS
            and all(w[:1].isupper() and not any(c.isdigit() for c in w) for w in words)
            and not FINAL_PUNCTUATION.search(plain))


def _take_byline(plain: str, layout: _Layout) -> bool:
    m = _BYLINE.match(plain)
    if m is None:
        return False
    names = m[1]
    if len(names.split()) > _MAX_BYLINE_WORDS or FINAL_PUNCTUATION.search(names):
        return False
    if not names[:1].isupper():
        return False
    byline = parse_byline(names)
    layout.source = layout.source or byline.source
    layout.authors.extend(a for a in byline.authors if a not in layout.authors)
    layout.seen_byline_or_date = True
    return True


def _take_dateline(plain: str, layout: _Layout) -> bool:
    if len(plain) > _MAX_DATELINE_CHARS or not any(ch.isdigit() for ch in plain):
        return False
    value = normalise_date(_DATE_SEPARATORS.sub(" ", _DATE_LABEL.sub("", plain)))
    if value is None:
        return False
    layout.published = layout.published or value
    layout.seen_byline_or_date = True
    return True


def _read_body(blocks: list[list[str]], layout: _Layout) -> None:
    for block in blocks:
        lines: list[str] = []
        skip_next = False
        for i, line in enumerate(block):
            if skip_next:
                skip_next = False
                continue
            item = furniture.classify(line)
            if item is None and i + 1 < len(block) and UNDERLINE.match(block[i + 1]):
                item, skip_next = Furniture("heading"), True
            if item is None:
                layout.awaiting_url = False
                lines.append(line)
                continue
            _add_paragraph(lines, layout)
            lines = []
            _take_body_furniture(item, layout)
        _add_paragraph(lines, layout)


def _add_paragraph(lines: list[str], layout: _Layout) -> None:
    if lines and (text := furniture.paragraph(lines)):
        layout.paragraphs.append(text)


def _take_body_furniture(item: Furniture, layout: _Layout) -> None:
    """Keep what a furniture line says about the article; the line itself leaves the body."""
    if item.kind == "related" and item.value:
        layout.related.append(item.value)
    elif item.kind == "url_label":
        layout.url = layout.url or item.value
        layout.awaiting_url = item.value is None
    elif item.kind == "link_only" and layout.awaiting_url:
        layout.url = layout.url or item.value
        layout.awaiting_url = False
    elif item.kind == "credit" and item.value and item.value not in layout.credits:
        layout.credits.append(item.value)


def join_cut_paragraphs(paragraphs: list[str]) -> list[str]:
    """Join a paragraph cut mid-sentence (by a page break or a layout) to its continuation."""
    joined: list[str] = []
    for par in paragraphs:
        if joined and _is_cut(joined[-1], par):
            joined[-1] = f"{joined[-1]} {par}"
        else:
            joined.append(par)
    return joined


def _is_cut(previous: str, following: str) -> bool:
    if FINAL_PUNCTUATION.search(previous):
        return False
    first = following[:1]
    if first.islower() or first in ",;)–—":
        return True
    return len(previous.split()) >= _MIN_CUT_PARAGRAPH_WORDS
