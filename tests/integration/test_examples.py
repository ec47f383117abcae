"""The shipped sample articles go through the real reader and pipeline and come out valid.

Expectations (title, dateline, byline agency, photo credit, url) are read from each
Markdown file with a few plain line rules, independent of the reader under test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

import eventwire
from eventwire import Document, Pipeline

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
ARTICLES = sorted(EXAMPLES.glob("[0-9][0-9]-*.md"))

_DATELINE = re.compile(r"[A-Z][a-z]+ \d{1,2}, \d{4}")
_BYLINE = re.compile(r"By (?:\[(?P<linked>[^\]]+)\]\(#\)|(?P<plain>[A-Z][\w ]+))")
_CREDIT = re.compile(r"\*\*(?P<name>[^*:]+)\*\*")
_URL = re.compile(r"<(?P<url>https://example\.org/[^>]+)>")
_RELATED = re.compile(r"\*\*Related article:\*\* \[(?P<title>[^\]]+)\]\(#\)")
# Markup that belongs to the page around the story, never to its body text.
_FURNITURE_MARKS = ("#", "**", "](", "example.org", "Original url", "Related article")


@dataclass(frozen=True, slots=True)
class Expected:
    title: str
    published: str
    byline: str
    credit: str | None
    url: str
    related: str | None


def expected(path: Path) -> Expected:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    title = next(line[2:] for line in lines if line.startswith("# "))
    dateline = next(line for line in lines if _DATELINE.fullmatch(line))
    byline = next(m["linked"] or m["plain"] for line in lines if (m := _BYLINE.fullmatch(line)))
    credits = [m["name"] for line in lines if (m := _CREDIT.fullmatch(line))]
    url = next(m["url"] for line in lines if (m := _URL.fullmatch(line)))
    related = [m["title"] for line in lines if (m := _RELATED.fullmatch(line))]
    return Expected(
        title=title,
        published=datetime.strptime(dateline, "%B %d, %Y").date().isoformat(),
        byline=byline,
        credit=credits[0] if credits else None,
        url=url,
        related=related[0] if related else None,
    )


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def code_file(path: Path, pipeline: Pipeline) -> dict[str, Any]:
    results = list(eventwire.code_inputs([str(path)], pipeline=pipeline))
    assert len(results) == 1, f"{path.name}: expected one result, got {len(results)}"
    result = results[0]
    assert isinstance(result, Document), f"{path.name}: {result!r}"
    return eventwire.to_record(result)


def test_twenty_examples_are_shipped() -> None:
    assert [p.name[:2] for p in ARTICLES] == [f"{n:02d}" for n in range(1, 21)]


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_example_codes_to_a_valid_record(path: Path, pipeline: Pipeline) -> None:
    want = expected(path)
    record = code_file(path, pipeline)
    article = record["article"]

    assert eventwire.validation_errors(record) == []
    assert article["title"] == want.title
    assert article["published"] == want.published
    assert article["url"] == want.url
    # Every sample byline names a desk or wire service, so it is the source, not an author.
    assert article["source"] == want.byline
    assert article["authors"] == []
    if want.credit is not None:
        assert want.credit in article["credits"]
    body: str = article["text"]
    for mark in _FURNITURE_MARKS:
        assert mark not in body, f"{path.name}: body contains {mark!r}"
    for furniture in (want.byline, want.credit, want.related, want.title):
        if furniture is not None:
            assert furniture not in body, f"{path.name}: body contains {furniture!r}"
    assert len(record["entities"]) >= 3
