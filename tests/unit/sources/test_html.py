"""HTML pages: trafilatura's text, the page's metadata, the depth guard, furniture cleaning."""

from __future__ import annotations

import json

import pytest

from eventwire.errors import InputError
from eventwire.sources.html import read_html

PARAGRAPHS = (
    "<p>The regional assembly voted on Wednesday to extend the fishing ban in the northern "
    "bay for another two years, after scientists warned that cod stocks had not recovered.</p>"
    "<p>Fishing crews protested outside the assembly building, saying the ban had already cost "
    "hundreds of jobs in the coastal towns that depend on the catch.</p>"
    "<p><strong>Related article:</strong> <a href='/older'>Cod stocks at a record low</a></p>"
    "<h2>What comes next</h2>"
    "<p>The assembly will review the ban each spring, its chairwoman told reporters after the "
    "vote, and may lift it early if surveys show the stocks recovering.</p>"
)


def page(head: str, body: str = PARAGRAPHS) -> str:
    return (f"<!DOCTYPE html><html><head>{head}</head><body><nav><a href='/'>Home</a></nav>"
            f"<article><h1>Fishing Ban Extended</h1>{body}</article>"
            "<footer>All rights reserved.</footer></body></html>")


def test_body_is_clean_paragraphs() -> None:
    art = read_html(page("<title>Fishing Ban Extended | Coast News</title>"), "p.html", 2000)
    paragraphs = art.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("The regional assembly voted on Wednesday")
    assert paragraphs[2].startswith("The assembly will review the ban each spring")
    for furniture in ("Related article", "Cod stocks", "What comes next", "Home", "rights"):
        assert furniture not in art.text
    assert art.extra["related"] == ["Cod stocks at a record low"]
    assert art.title == "Fishing Ban Extended"


def test_meta_tags() -> None:
    head = (
        '<link rel="canonical" href="https://www.theguardian.com/world/fishing-ban">'
        '<meta property="og:url" content="https://www.theguardian.com/og-url">'
        '<meta property="og:title" content="Assembly extends fishing ban">'
        '<meta property="article:published_time" content="2022-05-11T08:30:00+01:00">'
        '<meta name="author" content="Ruth Okafor and Sam Lee">'
    )
    art = read_html(page(head), "p.html", 2000)
    assert art.url == "https://www.theguardian.com/world/fishing-ban"
    assert art.title == "Assembly extends fishing ban"
    assert art.published == "2022-05-11T08:30:00+01:00"
    assert art.authors == ["Ruth Okafor", "Sam Lee"]
    assert art.publisher == "The Guardian"


def test_json_ld_news_article() -> None:
    linked = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Coast News"},
        {"@type": ["NewsArticle"], "headline": "Fishing ban extended for two years",
         "datePublished": "2022-05-11", "url": "https://coastnews.example/fishing",
         "author": [{"@type": "Person", "name": "Ruth Okafor"},
                    {"@type": "Organization", "name": "Reuters"}],
         "publisher": {"@type": "Organization", "name": "Coast News"}},
    ]}
    head = f'<script type="application/ld+json">{json.dumps(linked)}</script>'
    art = read_html(page(head), "p.html", 2000)
    assert art.title == "Fishing ban extended for two years"
    assert art.published == "2022-05-11"
    assert art.url == "https://coastnews.example/fishing"
    assert art.authors == ["Ruth Okafor"]
    assert art.source == "Reuters"
    assert art.publisher == "Coast News"  # the table does not know the domain


def test_fetch_url_wins_over_the_canonical_one() -> None:
    head = '<link rel="canonical" href="https://www.bbc.com/news/a">'
    art = read_html(page(head), "p.html", 2000, url="https://www.reuters.com/world/a")
    assert art.url == "https://www.reuters.com/world/a"
    assert art.publisher == "Reuters"


def test_broken_json_ld_is_ignored() -> None:
    head = '<script type="application/ld+json">{"@type": "NewsArticle", </script>'
    art = read_html(page(head), "p.html", 2000)
    assert art.title == "Fishing Ban Extended"


def test_hostile_nesting_is_reported_not_parsed() -> None:
    deep = "<html><body>" + "<div>" * 10_000 + "<p>Deep.</p>" + "</div>" * 10_000 + "</body></html>"
    with pytest.raises(InputError, match=r"more than 2,000 deep \(setting max_html_depth\)") as err:
        read_html(deep, "deep.html", 2000)
    assert err.value.input_name == "deep.html"


def test_unclosed_paragraphs_do_not_count_as_nesting() -> None:
    body = "".join(f"<p>Line {i} of the long list of results." for i in range(3000))
    art = read_html(f"<html><body><article>{body}</article></body></html>", "flat.html", 100)
    assert "Line 2999 of the long list" in art.text


def test_fragment_and_page_without_article_text() -> None:
    art = read_html("<p>Turnout reached a record.</p><p>Counting continues.</p>", "f", 2000)
    assert art.text == "Turnout reached a record.\n\nCounting continues."
    with pytest.raises(InputError, match="no article text"):
        read_html("<html><body><script>var x = 1;</script></body></html>", "empty.html", 2000)
