"""The seed story read as Markdown, and as the same story wrapped in every other input format.

The seed is read from ../shared at run time; the HTML page, JSON Lines record, gzip'd WARC
record and RSS item are built from it here, so each reader must give the same body text.
"""

from __future__ import annotations

import html
import io
import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.config import Settings
from eventwire.model import Article, Failure
from eventwire.sources import read_inputs

SEED_NAME = "seed/idlib-2019-02-15.txt"
# Page furniture: none of it may reach the body text.
FURNITURE_MARKS = ("#", "**", "](", "Related article", "Original url", "http", "Khalil Ashawi")


@dataclass(frozen=True, slots=True)
class Seed:
    path: Path
    markdown: str
    title: str
    url: str
    related: list[str]
    headings: list[str]
    cut: tuple[str, str]  # a paragraph the page cut mid-sentence, and its continuation


@pytest.fixture(scope="module")
def seed(shared_dir: Path) -> Seed:
    path = shared_dir / SEED_NAME
    if not path.is_file():
        pytest.skip(f"../shared is absent: no {SEED_NAME} in {shared_dir}")
    markdown = path.read_text(encoding="utf-8")
    title = re.search(r"^# (.+)$", markdown, re.MULTILINE)
    url = re.search(r"^<(https?://[^>]+)>$", markdown, re.MULTILINE)
    assert title is not None and url is not None, "the seed's layout changed"
    related = re.findall(r"^\*\*Related article:\*\* \[([^\]]+)\]", markdown, re.MULTILINE)
    headings = re.findall(r"^##+ (.+)$", markdown, re.MULTILINE)
    blocks = [b.strip() for b in re.split(r"\n\s*\n", markdown) if b.strip()]
    cut = next((a, b) for a, b in itertools.pairwise(blocks)
               if len(a.split()) > 10 and a[-1].isalpha())
    return Seed(path, markdown, title[1], url[1], related, headings, cut)


def read_one(path: Path) -> Article:
    results = list(read_inputs([str(path)], settings=Settings()))
    articles = [r for r in results if isinstance(r, Article)]
    assert articles, [r.line() for r in results if isinstance(r, Failure)]
    return articles[0]


@pytest.fixture(scope="module")
def seed_article(seed: Seed) -> Article:
    return read_one(seed.path)


def test_seed_metadata(seed: Seed, seed_article: Article) -> None:
    art = seed_article
    assert art.title == seed.title
    assert art.published == "2019-02-15"
    assert art.source == "Reuters"
    assert art.authors == []
    assert art.publisher == "The Moscow Times"
    assert art.url == seed.url
    assert "themoscowtimes.com" in seed.url
    assert art.credits == ["Khalil Ashawi"]
    assert art.language == "en"
    assert art.input_name == str(seed.path)


def test_seed_body_is_clean(seed: Seed, seed_article: Article) -> None:
    body = seed_article.text
    assert body.startswith("President Vladimir Putin said")
    for mark in (*FURNITURE_MARKS, seed.title, *seed.related, *seed.headings):
        assert mark not in body, f"body contains {mark!r}"
    assert len(seed.related) == 2 and len(seed.headings) == 1
    assert seed_article.extra["related"] == seed.related
    paragraphs = body.split("\n\n")
    assert all(p and p == p.strip() and "\n" not in p for p in paragraphs)
    assert f"{seed.cut[0]} {seed.cut[1]}" in paragraphs  # the cut paragraph is whole again
    assert paragraphs[-1][-1] == "."  # the trailing page number is gone


# --- the same story in other formats -------------------------------------------------------


def _inline_html(text: str) -> str:
    out = html.escape(text, quote=False)
    out = re.sub(r"\[([^\]]+)\]\(([^)]*)\)", r'<a href="\2">\1</a>', out)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    return re.sub(r"&lt;(https?://[^&]+)&gt;", r'<a href="\1">\1</a>', out)


def story_html(markdown: str) -> str:
    """The seed's blocks as the article markup of a news page (headings, figure, paragraphs)."""
    parts = []
    for raw_block in re.split(r"\n\s*\n", markdown.strip()):
        block = raw_block.strip()
        if heading := re.fullmatch(r"(#{1,6})\s+(.*)", block):
            level = len(heading[1])
            parts.append(f"<h{level}>{_inline_html(heading[2])}</h{level}>")
        elif credit := re.fullmatch(r"\*\*([^*]+)\*\*", block):
            parts.append(f'<figure><img src="/photo.jpg" alt="">'
                         f"<figcaption>{html.escape(credit[1])}</figcaption></figure>")
        else:
            parts.append(f"<p>{_inline_html(block)}</p>")
    return "\n".join(parts)


def page_html(seed: Seed) -> str:
    linked_data = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": seed.title,
        "datePublished": "2019-02-15", "author": {"@type": "Organization", "name": "Reuters"},
        "publisher": {"@type": "Organization", "name": "The Moscow Times"},
    }
    title = html.escape(seed.title)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} - The Moscow Times</title>
<link rel="canonical" href="{html.escape(seed.url)}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2019-02-15">
<script type="application/ld+json">{json.dumps(linked_data)}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/opinion">Opinion</a></nav>
<main><article>
{story_html(seed.markdown)}
</article></main>
<footer><p>The Moscow Times, all rights reserved.</p></footer>
</body></html>"""


def write_jsonl(seed: Seed, path: Path) -> None:
    records = [
        {"id": "mt-6450", "title": seed.title, "url": seed.url, "published": "2019-02-15",
         "text": seed.markdown, "section": "world"},
        {"id": "own-1", "title": "Harbour reopens", "published": "2021-06-01",
         "text": "The harbour at Port Averly reopened to shipping on Tuesday after repairs."},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


def write_warc_gz(seed: Seed, path: Path) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        request = writer.create_warc_record(seed.url, "request", payload=io.BytesIO(
            b"GET / HTTP/1.1\r\nHost: www.themoscowtimes.com\r\n\r\n"))
        writer.write_record(request)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        page = page_html(seed).encode("utf-8")
        writer.write_record(writer.create_warc_record(
            seed.url, "response", payload=io.BytesIO(page), http_headers=headers))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/jpeg")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            "https://www.themoscowtimes.com/photo.jpg", "response",
            payload=io.BytesIO(b"\xff\xd8\xff\xe0 not really a photo"), http_headers=image))


def rss_feed(seed: Seed) -> str:
    story = story_html(seed.markdown)
    story = story[story.index("</h1>") + len("</h1>"):]  # a feed item carries its title apart
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Moscow Times</title><link>https://www.themoscowtimes.com/</link>
<description>News</description>
<item><title>{html.escape(seed.title)}</title><link>{html.escape(seed.url)}</link>
<pubDate>Fri, 15 Feb 2019 00:00:00 GMT</pubDate><author>Reuters</author>
<description>A short teaser.</description>
<content:encoded><![CDATA[{story}]]></content:encoded></item>
</channel></rss>"""


def test_html_page_gives_the_same_story(seed: Seed, seed_article: Article, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(page_html(seed), encoding="utf-8")
    art = read_one(path)
    assert art.text == seed_article.text
    assert (art.title, art.published, art.url) == (seed.title, "2019-02-15", seed.url)
    assert (art.source, art.publisher, art.language) == ("Reuters", "The Moscow Times", "en")


def test_jsonl_record_gives_the_same_story(
    seed: Seed, seed_article: Article, tmp_path: Path
) -> None:
    path = tmp_path / "articles.jsonl"
    write_jsonl(seed, path)
    results = list(read_inputs([str(path)], settings=Settings()))
    assert [r.input_name for r in results if isinstance(r, Article)] == [
        f"{path}:1", f"{path}:2"]
    art = results[0]
    assert isinstance(art, Article)
    assert art.text == seed_article.text
    assert (art.record_id, art.title, art.url) == ("mt-6450", seed.title, seed.url)
    assert (art.source, art.credits, art.publisher) == ("Reuters", ["Khalil Ashawi"],
                                                        "The Moscow Times")
    assert art.extra["section"] == "world"


def test_warc_gz_record_gives_the_same_story(
    seed: Seed, seed_article: Article, tmp_path: Path
) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc_gz(seed, path)
    results = list(read_inputs([str(path)], settings=Settings()))
    assert len(results) == 1, results  # the request and the image are not articles
    art = results[0]
    assert isinstance(art, Article)
    assert art.input_name == f"{path}#2"
    assert art.text == seed_article.text
    assert (art.url, art.published, art.publisher) == (seed.url, "2019-02-15", "The Moscow Times")


def test_rss_item_gives_the_same_story(seed: Seed, seed_article: Article, tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(rss_feed(seed), encoding="utf-8")
    art = read_one(path)
    assert art.input_name == f"{path}#1"
    assert art.text == seed_article.text
    assert (art.title, art.url, art.publisher) == (seed.title, seed.url, "The Moscow Times")
    assert art.published is not None and art.published.startswith("2019-02-15")
    assert art.source == "Reuters"
