"""Hostile article text in Debian's Chromium: an article full of markup that would run script
(``<script>``, event-handler attributes, ``javascript:`` urls) is ingested through the real
pipeline from a plain-text file, then shown by the reader, the article list, the event table
and the code page.

Each payload sets ``window.pwned`` and the document title; neither may change. Every page is
checked twice: as served, and with the Content-Security-Policy bypassed, so the escaping of
the pages' own scripts is proven on its own and the policy is only the second defence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Dialog, Page, expect
from serve_kit import (
    browser_fixture,  # noqa: F401 -- the "browser" fixture: pytest finds it here
    live_server,
    screenshot,
)

from eventwire import code_inputs
from eventwire.pipeline import Pipeline
from eventwire.serve import create_app
from eventwire.store import Store

pytestmark = pytest.mark.browser

# "__" would be Markdown emphasis and vanish from the text, so the flag has a plain name.
RUN = "window.pwned='{0}';document.title='PWNED'"
HOSTILE_TEXT = (
    "Turkish President Recep Tayyip Erdogan met Russian President Vladimir Putin in Sochi on "
    f"Monday <script>{RUN.format('script')}</script> and the two agreed on a ceasefire.\n\n"
    f"A caption read <img src=x onerror=\"{RUN.format('img')}\"> while "
    f"<svg onload=\"{RUN.format('svg')}\"></svg> appeared.\n\n"
    f"\"We will not allow <b onmouseover=\"{RUN.format('hover')}\">refugees</b>,\" Erdogan "
    f"told reporters, linking <a href=\"javascript:{RUN.format('link')}\">click here</a>.\n\n"
    "Russia accused Turkey of arming rebels near Aleppo {{7*7}} on Tuesday "
    "<iframe srcdoc=\"<script>parent.pwned='iframe'</script>\"></iframe>.\n"
)
HOSTILE_TITLE = f"Breaking <svg onload=\"{RUN.format('title')}\"> news"
# What the page may never hold, however the data was put in.
INERT_CHECK = """(base) => {
  const all = [...document.querySelectorAll("*")];
  const handlers = all.filter(e => [...e.attributes].some(a => /^on/i.test(a.name)));
  const urls = all.filter(e => ["href", "src", "action", "formaction", "xlink:href"].some(
      n => /^\\s*javascript:/i.test(e.getAttribute(n) ?? "")));
  const scripts = [...document.scripts].filter(s => !s.src.startsWith(base + "/static/"));
  return {
    pwned: typeof window.pwned, title: document.title,
    handlers: handlers.map(e => e.outerHTML.slice(0, 80)),
    urls: urls.map(e => e.outerHTML.slice(0, 80)),
    scripts: scripts.map(s => s.outerHTML.slice(0, 80)),
    frames: document.querySelectorAll("iframe, object, embed, main img, main svg svg").length,
    violations: window.cspViolations ?? [],
  };
}"""
RECORD_VIOLATIONS = """window.cspViolations = [];
document.addEventListener("securitypolicyviolation",
  (e) => window.cspViolations.push(e.violatedDirective + " " + e.blockedURI));"""


@dataclass(frozen=True)
class HostileStore:
    path: Path
    article_id: str


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> HostileStore:
    folder = tmp_path_factory.mktemp("web-security")
    # A plain-text file: the text reader keeps markup as the words it is (its first line is
    # the title), where the HTML reader would strip it before the pages ever saw it.
    source = folder / "hostile.txt"
    source.write_text(f"{HOSTILE_TITLE}\n\n{HOSTILE_TEXT}", encoding="utf-8")
    with Store.open(folder / "eventwire.duckdb") as store:
        report = store.ingest(code_inputs([str(source)], pipeline=pipeline))
        assert not report.failed, report.failed
        row = store.con.execute("SELECT id, text FROM articles").fetchall()
    assert len(row) == 1
    # The payloads must reach the store as text, or the pages below prove nothing.
    assert "<script>" in row[0][1] and "onerror=" in row[0][1] and "javascript:" in row[0][1]
    return HostileStore(folder / "eventwire.duckdb", str(row[0][0]))


@pytest.fixture(scope="module")
def article_id(hostile_store: HostileStore) -> str:
    return hostile_store.article_id


@pytest.fixture(scope="module")
def base_url(hostile_store: HostileStore) -> Iterator[str]:
    with live_server(create_app(hostile_store.path)) as url:
        yield url


@dataclass
class Visit:
    page: Page
    base_url: str
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_inert(self) -> None:
        found: dict[str, Any] = self.page.evaluate(INERT_CHECK, self.base_url)
        assert found == {"pwned": "undefined", "title": found["title"], "handlers": [],
                         "urls": [], "scripts": [], "frames": 0, "violations": []}
        assert found["title"] != "PWNED"  # what every payload would set it to
        assert self.dialogs == []
        assert self.errors == []


@pytest.fixture(params=[False, True], ids=["with-csp", "csp-bypassed"])
def visit(request: pytest.FixtureRequest, browser: Browser, base_url: str) -> Iterator[Visit]:
    context = browser.new_context(base_url=base_url, bypass_csp=request.param)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    seen = Visit(page, base_url)

    def on_dialog(dialog: Dialog) -> None:
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("pageerror", lambda err: seen.errors.append(str(err)))
    yield seen
    context.close()


def poke(page: Page) -> None:
    """Everything a reader might do that could fire a handler: hover, click each item."""
    for item in page.locator("li.item").all()[:40]:
        item.click()
    for seg in page.locator(".article-text .seg").all()[:40]:
        seg.hover()
    for link in page.locator("main a[href='#']").all():
        link.click()


def test_reader_shows_the_hostile_article_as_text(visit: Visit, article_id: str) -> None:
    page = visit.page
    page.goto(f"/articles/{article_id}")
    expect(page.locator(".article-text")).to_have_text(HOSTILE_TEXT.strip())
    expect(page.locator(".article-title")).to_have_text(HOSTILE_TITLE)
    assert page.title().startswith(HOSTILE_TITLE)
    assert page.locator("li.item").count() > 0  # the pipeline coded events and actors
    poke(page)
    screenshot(page, "security-reader")
    visit.assert_inert()


def test_lists_show_hostile_titles_and_evidence_as_text(visit: Visit) -> None:
    page = visit.page
    page.goto("/articles")
    expect(page.locator("main")).to_contain_text(HOSTILE_TITLE)
    visit.assert_inert()
    page.goto("/events?q=Aleppo")
    expect(page.locator("#events tbody")).to_contain_text("{{7*7}}")
    visit.assert_inert()


def test_code_page_shows_hostile_pasted_text_as_text(visit: Visit) -> None:
    page = visit.page
    page.goto("/code")
    page.fill("textarea[name=text]", HOSTILE_TEXT)
    page.click("#code-form button[type=submit]")
    expect(page.locator("#status")).to_contain_text("Coded:")
    expect(page.locator(".article-text")).to_contain_text("<script>")
    expect(page.locator(".article-text")).to_contain_text("onerror=")
    poke(page)
    visit.assert_inert()
