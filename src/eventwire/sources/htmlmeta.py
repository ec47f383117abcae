"""One cheap pass over an HTML page: element depth (checked before any real parse) and metadata.

The depth guard runs first because a parser fed a page nested ten thousand levels deep
recurses or allocates without bound; the same pass collects the canonical url, Open Graph
and ``article:`` meta tags, the author meta tag and JSON-LD ``NewsArticle`` objects.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from ..errors import InputError

_VOID = frozenset({
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "basefont", "frame", "keygen",
})
# Elements HTML closes implicitly when a sibling of the same kind opens.
_SELF_ENDING = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "option", "thead", "tbody"})
_ENDS_P = frozenset({
    "address", "article", "aside", "blockquote", "div", "dl", "fieldset", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre",
    "section", "table", "ul",
})


@dataclass(slots=True)
class PageMeta:
    """What the page says about itself, each field None when it does not say."""

    canonical: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    html_title: str | None = None
    linked_data: list[dict[str, Any]] = field(default_factory=list)


class _TooDeep(Exception):
    pass


class _Scanner(HTMLParser):
    def __init__(self, max_depth: int) -> None:
        super().__init__(convert_charrefs=True)
        self.max_depth = max_depth
        self.stack: list[str] = []
        self.page = PageMeta()
        self._capture: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        self._collect(tag, values)
        if tag in _VOID:
            return
        if self.stack and ((tag in _SELF_ENDING and self.stack[-1] == tag)
                           or (tag in _ENDS_P and self.stack[-1] == "p")):
            self.stack.pop()
        self.stack.append(tag)
        if len(self.stack) > self.max_depth:
            raise _TooDeep

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._collect(tag, {k.lower(): v or "" for k, v in attrs})

    def handle_endtag(self, tag: str) -> None:
        if tag == self._capture:
            self._finish_capture()
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._capture is not None:
            self._buffer.append(data)

    def _collect(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "link" and "canonical" in attrs.get("rel", "").lower().split():
            self.page.canonical = self.page.canonical or attrs.get("href") or None
        elif tag == "meta":
            key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "")
            key = key.lower()
            content = attrs.get("content", "").strip()
            if key and content:
                self.page.meta.setdefault(key, content)
        elif tag == "title" or (tag == "script" and "ld+json" in attrs.get("type", "").lower()):
            self._capture, self._buffer = tag, []

    def _finish_capture(self) -> None:
        content = "".join(self._buffer).strip()
        if self._capture == "title":
            self.page.html_title = self.page.html_title or content or None
        else:
            self.page.linked_data.extend(_linked_data(content))
        self._capture = None


def scan_page(html: str, name: str, max_depth: int) -> PageMeta:
    """Check nesting against ``max_depth`` (InputError when deeper) and collect metadata."""
    scanner = _Scanner(max_depth)
    try:
        scanner.feed(html)
        scanner.close()
    except _TooDeep:
        raise InputError(
            name, f"HTML nests elements more than {max_depth:,} deep (setting max_html_depth)"
        ) from None
    return scanner.page


def _linked_data(content: str) -> list[dict[str, Any]]:
    """Objects of a JSON-LD block, flattened out of lists and ``@graph``."""
    try:
        data = json.loads(content)
    except ValueError:
        return []
    pending = [data]
    found: list[dict[str, Any]] = []
    while pending:
        item = pending.pop(0)
        if isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            found.append(item)
            if isinstance(item.get("@graph"), list):
                pending.extend(item["@graph"])
    return found


def news_article(page: PageMeta) -> dict[str, Any] | None:
    """The page's JSON-LD article object (NewsArticle, ReportageNewsArticle, BlogPosting ...)."""
    for item in page.linked_data:
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(k, str) and k.endswith(("Article", "Posting")) for k in kinds):
            return item
    return None


@dataclass(slots=True)
class Credited:
    """People and organisations named as a JSON-LD ``author``."""

    people: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)


def linked_authors(value: Any) -> Credited:
    credited = Credited()
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, str) and item.strip():
            credited.people.append(item.strip())
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            kind = item.get("@type")
            bucket = credited.organisations if kind in ("Organization", "NewsMediaOrganization") \
                else credited.people
            bucket.append(item["name"].strip())
    return credited


def text_field(obj: dict[str, Any] | None, key: str) -> str | None:
    """``obj[key]`` as text: a string, or the ``name``/``@id`` of an object."""
    if obj is None:
        return None
    value = obj.get(key)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id")
    return value.strip() if isinstance(value, str) and value.strip() else None
