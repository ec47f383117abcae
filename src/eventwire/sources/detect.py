"""Which reader an input needs, judged from its first bytes (never from its name alone)."""

from __future__ import annotations

import json
import re

FORMATS = ("text", "markdown", "html", "json", "jsonl", "warc", "feed")

_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)\b", re.IGNORECASE)
_HTML_ROOT = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)
_XML_PROLOGUE = re.compile(r"^(?:<\?xml[^>]*\?>|<!--.*?-->|<!doctype[^>]*>|\s)*", re.DOTALL | re.I)
_HTML_TAG = re.compile(
    r"<(?:p|div|br|span|a|article|section|h[1-6]|ul|ol|li|blockquote|table|img|figure|strong|em)"
    r"\b[^>]*>",
    re.IGNORECASE,
)
_MARKDOWN = re.compile(
    r"^\s{0,3}#{1,6}\s|\*\*\S|__\S|\[[^\]]+\]\([^)]*\)|^\s*<https?://|^\s*[-*]\s|^\s*>\s",
    re.MULTILINE,
)
_MIN_HTML_TAGS = 2


def detect_format(head: bytes) -> str:
    """One of :data:`FORMATS` for an input starting with ``head`` (already decompressed)."""
    if head.startswith(b"WARC/"):
        return "warc"
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        return "jsonl" if _is_json_lines(text) else "json"
    if text.startswith("<"):
        prologue = _XML_PROLOGUE.match(text)
        after_prologue = text[prologue.end():] if prologue else text
        if _FEED_ROOT.match(after_prologue):
            return "feed"
        if _HTML_ROOT.match(after_prologue) or looks_like_html(text):
            return "html"
    return "markdown" if looks_like_markdown(text) else "text"


def _is_json_lines(text: str) -> bool:
    """A JSON object on its first line and more lines after it; a pretty-printed object is JSON."""
    first, newline, rest = text.partition("\n")
    try:
        json.loads(first)
    except ValueError:
        # A first line that the head cuts off is a long JSON Lines record; one that ends
        # and still does not parse opens a pretty-printed object.
        return not newline
    return bool(rest.strip())


def looks_like_html(text: str) -> bool:
    """Markup rather than prose: it opens with a tag or has several block or inline tags."""
    sample = text[:4096]
    if re.match(r"\s*<(?:[a-zA-Z][\w-]*|!doctype|!--)[\s>]", sample, re.IGNORECASE):
        return True
    return len(_HTML_TAG.findall(sample)) >= _MIN_HTML_TAGS


def looks_like_markdown(text: str) -> bool:
    """Headings, bold, links or autolinks: the marks of a Markdown wire layout."""
    return _MARKDOWN.search(text[:20_000]) is not None
