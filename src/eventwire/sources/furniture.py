"""Page furniture in wire-story text: lines that are not body text, and inline Markdown markup.

These patterns describe the layout of wire copy and Markdown (headings, "Related article:"
lines, link lists, page numbers), not knowledge about the world; the readers of text, HTML
(via trafilatura's Markdown), JSON and feeds all clean their body text with them.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Literal

FurnitureKind = Literal[
    "heading", "rule", "underline", "image", "page", "copyright", "related", "url_label",
    "link_only", "credit", "bold",
]


@dataclass(frozen=True, slots=True)
class Furniture:
    """A line that is not body text; ``value`` is what it carries (a url, a name, a headline)."""

    kind: FurnitureKind
    value: str | None = None


_BOLD = r"(?:\*\*|__)"
_ATX = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
UNDERLINE = re.compile(r"^\s{0,3}(?:=+|-+)\s*$")
_IMAGE = re.compile(r"^\s*!\[[^\]]*\]\([^)]*\)\s*$")
_PAGE = re.compile(
    r"^\s*(?:page\s+)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:/|of)\s*\d{1,4})?\s*$", re.IGNORECASE
)
_COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)\s|copyright\b)", re.IGNORECASE)


def _labelled(labels: str) -> re.Pattern[str]:
    """``Label: rest`` with the label optionally bold ("**Label:**", "**Label**:")."""
    return re.compile(
        rf"^\s*{_BOLD}?\s*(?:{labels})\s*(?::\s*{_BOLD}|{_BOLD}\s*:|:)\s*(.*?)\s*$", re.IGNORECASE
    )


_RELATED = _labelled(
    r"related(?: articles?| stor(?:y|ies)| coverage| content| reading| links?)?"
    r"|read more|read also|also read|see also|recommended|further reading|more on this(?: story)?"
)
_URL_LABEL = _labelled(
    r"original (?:url|article|link|source)|source url|url|permalink|canonical(?: url)?"
    r"|link to (?:the )?(?:original|article)"
)
_CREDIT = re.compile(
    r"^\s*[(\[]?\s*(?:photo(?:graph)?|image|picture|video|illustration|graphic)s?"
    r"\s*(?:by\b|credit\s*:|:)\s*(.+?)\s*[)\]]?\s*$",
    re.IGNORECASE,
)
_BOLD_ONLY = re.compile(r"^\s*(\*\*|__|\*|_)(?=\S)([^*_]+?)(?<=\S)\1\s*$")
_ONE_LINK = r"(?:!?\[[^\]]*\]\([^)]*\)|<https?://[^>\s]+>|https?://\S+)"
_LINK_ONLY = re.compile(rf"^\s*(?:[-*•·|]\s*)?(?:{_ONE_LINK}\s*[|·•,]?\s*)+$")
_URL = re.compile(r"https?://[^\s<>()\[\]]+")
FINAL_PUNCTUATION = re.compile(r"[.!?…:;][\"'”’)\]*_]*$")


def classify(line: str) -> Furniture | None:
    """What kind of furniture ``line`` is, or None when it is body text."""
    if _ATX.match(line):
        return Furniture("heading", strip_markup(_ATX.sub(r"\1", line)))
    if _RULE.match(line) or UNDERLINE.match(line):
        return Furniture("rule" if _RULE.match(line) else "underline")
    if _IMAGE.match(line):
        return Furniture("image")
    if _PAGE.match(line):
        return Furniture("page")
    return _labelled_furniture(line) or _link_or_emphasis(line)


def _labelled_furniture(line: str) -> Furniture | None:
    if (m := _RELATED.match(line)) is not None:
        return Furniture("related", strip_markup(m[1]) or None)
    if (m := _URL_LABEL.match(line)) is not None:
        return Furniture("url_label", find_url(m[1]))
    if (m := _CREDIT.match(line)) is not None and len(m[1].split()) <= 8:
        return Furniture("credit", strip_markup(m[1]))
    if _COPYRIGHT.match(line) and len(line) < 200:
        return Furniture("copyright")
    return None


def _link_or_emphasis(line: str) -> Furniture | None:
    if _LINK_ONLY.match(line):
        return Furniture("link_only", find_url(line))
    if (m := _BOLD_ONLY.match(line)) is not None and not FINAL_PUNCTUATION.search(m[2]):
        return Furniture("bold", strip_markup(m[2]))
    return None


def find_url(text: str) -> str | None:
    """The first absolute http(s) url in ``text`` (a Markdown link, an autolink or bare)."""
    m = _URL.search(text)
    return m[0].rstrip(".,;") if m else None


_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~])")
_PROTECTED = re.compile("[\U000f0000-\U000f007f]")
_PROTECT_BASE = 0xF0000  # private-use plane: escaped characters hide there from the rules below
_INLINE_IMAGE = re.compile(r"!\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_INLINE_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_CODE = re.compile(r"`([^`]+)`")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_LINE_MARKER = re.compile(r"^\s*(?:>\s?)*(?:[-*+•]\s+)?")
_SPACES = re.compile(r"\s+")
_MARKUP_CHARS = re.compile(r"[\\\[<*_~`&]")


def strip_markup(text: str) -> str:
    """Plain words from inline Markdown: ``[text](url)`` -> text; emphasis and code marks go."""
    if not _MARKUP_CHARS.search(text):
        return _SPACES.sub(" ", text).strip()
    text = _ESCAPED.sub(lambda m: chr(_PROTECT_BASE + ord(m[1])), text)
    text = _INLINE_IMAGE.sub("", text)
    text = _INLINE_LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    for pattern, group in ((_STRONG, r"\2"), (_EM_STAR, r"\1"), (_EM_UNDERSCORE, r"\1"),
                           (_STRIKE, r"\1"), (_CODE, r"\1")):
        text = pattern.sub(group, text)
    text = _ENTITY.sub(lambda m: html.unescape(m[0]), text)
    text = _PROTECTED.sub(lambda m: chr(ord(m[0]) - _PROTECT_BASE), text)
    return _SPACES.sub(" ", text).strip()


def paragraph(lines: list[str]) -> str:
    """One paragraph on one line: block-quote and bullet markers off, markup stripped."""
    return strip_markup(" ".join(_LINE_MARKER.sub("", line) for line in lines))
