"""RSS 2.0 and Atom feeds (feedparser): one article per entry, ``name#N``.

An entry's full content (``content:encoded``, Atom ``content``) is preferred to its summary;
either is HTML-stripped by the HTML reader. The entry's title, link, date and author win
over what the content says.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import feedparser

from ..config import Settings
from ..errors import InputError
from ..model import Article, Failure
from .detect import looks_like_html
from .html import read_html
from .meta import Finish, normalise_date, parse_byline
from .text import read_wire_text


def read_feed(
    data: bytes, name: str, settings: Settings, finish: Finish
) -> Iterator[Article | Failure]:
    # A stream, not a string: given a string that looks like a url, feedparser would fetch it.
    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        yield Failure(name, f"not a readable RSS or Atom feed ({problem})" if problem
                      else "feed has no entries")
        return
    for number, entry in enumerate(parsed.entries, start=1):
        entry_name = f"{name}#{number}"
        try:
            yield finish(_entry_article(entry, entry_name, settings))
        except InputError as err:
            yield Failure(entry_name, err.reason)


@dataclass(frozen=True, slots=True)
class _Body:
    text: str
    media_type: str


def _entry_article(entry: Any, name: str, settings: Settings) -> Article:
    body = _entry_body(entry)
    if not body.text.strip():
        raise InputError(name, "feed entry has neither content nor a summary")
    link = entry.get("link") or None
    if "html" in body.media_type or looks_like_html(body.text):
        article = read_html(body.text, name, settings.max_html_depth, url=link)
    else:
        article = read_wire_text(body.text, name)
        article.url = link or article.url
    article.title = entry.get("title") or article.title
    for key in ("published", "updated"):
        value = entry.get(key)
        if value and (published := normalise_date(value)):
            article.published = published
            break
    if entry.get("author"):
        byline = parse_byline(entry["author"])
        article.authors = byline.authors or article.authors
        article.source = article.source or byline.source
    return article


def _entry_body(entry: Any) -> _Body:
    """The longest full-content block, else the summary."""
    contents = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        return _Body(str(best["value"]), str(best.get("type") or "text/html"))
    detail = entry.get("summary_detail") or {}
    return _Body(str(entry.get("summary") or ""), str(detail.get("type") or "text/html"))
