"""HTML pages: trafilatura finds the article, the wire-text reader cleans it, the page's own
metadata (canonical url, Open Graph, ``article:`` tags, JSON-LD) takes priority."""

from __future__ import annotations

import re
from typing import Any

import trafilatura

from ..errors import InputError
from ..model import Article
from .htmlmeta import PageMeta, linked_authors, news_article, scan_page, text_field
from .meta import normalise_date, parse_byline, publisher_for_url
from .text import read_wire_text

# Markdown output keeps headings, bold labels and links visible, so the furniture cleaning
# of the wire-text reader recognises them exactly as in Markdown input.
_EXTRACT_OPTIONS: dict[str, Any] = {
    "output_format": "markdown",
    "include_formatting": True,
    "include_links": True,
    "include_images": False,
    "include_tables": False,
    "include_comments": False,
    "deduplicate": False,
    "with_metadata": False,
}
_PAGE_ROOT = re.compile(r"<(?:html|body)\b", re.IGNORECASE)
_DATE_KEYS = ("article:published_time", "datepublished", "date", "pubdate", "dc.date",
              "dc.date.issued", "og:published_time", "sailthru.date")


def read_html(html: str, input_name: str, max_depth: int, *, url: str | None = None) -> Article:
    """Read one HTML page or fragment; raises InputError for hostile or empty pages.

    ``url`` is where the page was fetched from (a WARC target, a feed link): it wins over the
    page's own canonical url.
    """
    page = scan_page(html, input_name, max_depth)
    body = extract_markdown(html)
    if not body:
        raise InputError(input_name, "no article text found in the HTML")
    article = read_wire_text(body, input_name)
    _apply_page_meta(article, page, url)
    return article


def extract_markdown(html: str) -> str:
    """The main text as Markdown: precise extraction first, then broader, then all text."""
    if not _PAGE_ROOT.search(html[:4096]):
        html = f"<html><body>{html}</body></html>"  # trafilatura refuses bare fragments
    try:
        for precise in (True, False):
            text = trafilatura.extract(
                html, favor_precision=precise, favor_recall=not precise, **_EXTRACT_OPTIONS
            )
            if text and text.strip():
                return text
        return str(trafilatura.html2txt(html) or "")
    except (ValueError, RecursionError):  # lxml's answers to markup it cannot build a tree of
        return ""


def _apply_page_meta(article: Article, page: PageMeta, fetched_from: str | None) -> None:
    meta = page.meta
    ld = news_article(page)
    article.url = (fetched_from or page.canonical or meta.get("og:url") or text_field(ld, "url")
                   or text_field(ld, "mainEntityOfPage") or article.url)
    article.title = (text_field(ld, "headline") or meta.get("og:title") or article.title
                     or page.html_title)
    dates = [text_field(ld, "datePublished"), *(meta.get(key) for key in _DATE_KEYS)]
    for value in dates:
        if value and (published := normalise_date(value)):
            article.published = published
            break
    _apply_authors(article, ld, meta)
    # The publisher table is the documented source; the page's own claim fills its gaps.
    article.publisher = ((publisher_for_url(article.url) if article.url else None)
                         or text_field(ld, "publisher") or meta.get("og:site_name"))


def _apply_authors(article: Article, ld: dict[str, Any] | None, meta: dict[str, str]) -> None:
    credited = linked_authors(ld.get("author")) if ld else None
    if credited and credited.organisations:
        article.source = credited.organisations[0]
    if credited and credited.people:
        article.authors = credited.people
        return
    author = meta.get("author") or meta.get("article:author")
    if author and not author.startswith(("http://", "https://")):
        byline = parse_byline(author)
        article.authors = byline.authors or article.authors
        article.source = article.source or byline.source
