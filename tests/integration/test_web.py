"""The web explorer in Debian's Chromium, driven by Playwright, against a live server.

The server (uvicorn, 127.0.0.1, a free port) runs in a background thread over a store built
from the sample articles plus the hand-made records of ``serve_kit``. Every page must load
with no console error, no Content-Security-Policy violation and no request to another origin.
Screenshots go to ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from playwright.sync_api import Browser, Dialog, Locator, Page, expect
from serve_kit import (
    FULL_EXPECTED,
    FULL_ID,
    HOSTILE_ID,
    HOSTILE_TEXT,
    browser_fixture,  # noqa: F401 -- the "browser" fixture: pytest finds it here
    full_record,
    hostile_record,
    live_server,
    sample_store,
    screenshot,
)

from eventwire.pipeline import Pipeline
from eventwire.serve import create_app

pytestmark = pytest.mark.browser

CODE_TEXT = ("Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in "
             "Sochi on Monday, and the two agreed on a ceasefire in Idlib.")


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[str]:
    with live_server(create_app(sample_store(tmp_path_factory, pipeline, "web"))) as url:
        yield url


@dataclass
class Watched:
    """A page and everything worrying it reported: errors, dialogs, foreign requests."""

    page: Page
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.errors == []
        assert self.dialogs == []
        assert self.foreign == []


@pytest.fixture
def watched(browser: Browser, base_url: str) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=base_url)
    page = context.new_page()
    seen = Watched(page)

    def on_dialog(dialog: Dialog) -> None:
        seen.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda err: seen.errors.append(str(err)))
    page.on("dialog", on_dialog)
    page.on("request", lambda r: None if r.url.startswith((base_url, "data:"))
            else seen.foreign.append(r.url))
    yield seen
    context.close()


def api(base_url: str, path: str) -> Any:
    with urllib.request.urlopen(base_url + path) as response:
        return json.load(response)


def highlighted(page: Page, cls: str = "hl-active") -> str:
    text: str = page.eval_on_selector_all(
        f".article-text .seg.{cls}", "nodes => nodes.map(n => n.textContent).join('')")
    return text


# --- every page -----------------------------------------------------------------------------

def test_event_table_loads_and_filters(watched: Watched, base_url: str) -> None:
    page = watched.page
    page.goto("/events")
    rows = page.locator("#events tbody tr.event-row")
    expect(page.locator("#status")).to_have_text(f"{api(base_url, '/api/events')['total']} events")
    expect(rows).to_have_count(50)
    screenshot(page, "events")
    page.select_option("select[name=type]", "ACCUSE")
    page.fill("input[name=q]", "Sochi")
    page.click("#filters button[type=submit]")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Russia (RUS)")
    expect(rows.first).to_contain_text(FULL_EXPECTED.evidence)
    assert "type=ACCUSE" in page.url and "q=Sochi" in page.url
    # The row's evidence opens the reader with that event's sentence highlighted.
    rows.first.locator("a.evidence-link").click()
    page.wait_for_url(f"**/articles/{FULL_ID}?event={FULL_EXPECTED.event_id}")
    expect(page.locator(".article-text .seg.hl-active").first).to_be_in_viewport()
    assert highlighted(page) == FULL_EXPECTED.evidence
    assert highlighted(page, "hl-trigger") == FULL_EXPECTED.trigger
    watched.assert_clean()


def test_article_list_searches(watched: Watched) -> None:
    page = watched.page
    page.goto("/articles")
    expect(page.locator("#articles tbody tr")).not_to_have_count(0)
    screenshot(page, "articles")
    page.fill("input[name=q]", "refugees buffer zone")
    page.press("input[name=q]", "Enter")
    first = page.locator("#articles tbody tr a.article-link").first
    expect(first).to_have_text("Leaders meet in Sochi")
    first.click()
    page.wait_for_url(f"**/articles/{FULL_ID}")
    expect(page.locator(".article-title")).to_have_text("Leaders meet in Sochi")
    watched.assert_clean()


def test_reader_highlights_what_is_clicked(watched: Watched) -> None:
    page = watched.page
    record = full_record()
    page.goto(f"/articles/{FULL_ID}")
    expect(page.locator(".article-text")).to_have_text(record["article"]["text"])
    expect(page.locator(".reader-side li.item")).to_have_count(3 + 1 + 4 + 2)
    for event in record["events"]:
        page.click(f"li.item[data-key='ev:{event['id']}']")
        expect(page.locator(f"li.item[data-key='ev:{event['id']}']")).to_have_class(
            "item selected")
        assert highlighted(page) == event["evidence"]["text"]
        assert highlighted(page, "hl-trigger") == event["trigger"]["text"]
        expect(page.locator(".article-text .seg.hl-active").first).to_be_visible()
    page.click("li.item[data-key='q:Q1']")
    assert highlighted(page) == record["quotes"][0]["text"]
    page.click("li.item[data-key='actor:A1']")
    assert highlighted(page) == "Recep Tayyip ErdoganErdogan"  # both mentions
    expect(page.locator(".article-text .seg.ent-PERSON").first).to_have_text("Recep Tayyip Erdogan")
    expect(page.locator(".article-text .seg.time")).to_have_count(2)
    screenshot(page, "reader")
    watched.assert_clean()


def test_reader_scrolls_to_evidence_far_down_a_sample_article(
    watched: Watched, base_url: str
) -> None:
    articles = api(base_url, "/api/articles?limit=500")["items"]
    busiest = max((a for a in articles if a["id"] != FULL_ID), key=lambda a: a["events"])
    record = api(base_url, f"/api/articles/{busiest['id']}")
    last = max(record["events"], key=lambda e: e["evidence"]["start"])
    page = watched.page
    page.set_viewport_size({"width": 1280, "height": 500})
    page.goto(f"/articles/{busiest['id']}")
    page.click(f"li.item[data-key='ev:{last['id']}']")
    expect(page.locator(".article-text .seg.hl-active").first).to_be_in_viewport()
    assert highlighted(page) == last["evidence"]["text"]
    watched.assert_clean()


@dataclass(frozen=True)
class Chart:
    """A chart page's svg and the API's answer for the same view, which it must draw."""

    svg: Locator
    data: Any


def open_chart(page: Page, base_url: str, view: str, svg_class: str) -> Chart:
    """``view`` (a path and query, ``/map?type=X``) in the browser and from ``/api``."""
    page.goto(view)
    return Chart(page.locator(f"svg.{svg_class}"), api(base_url, "/api" + view))


def test_dyad_chart_draws_svg_bars(watched: Watched, base_url: str) -> None:
    page = watched.page
    dyads = open_chart(page, base_url, "/dyads?a=RUS&b=TUR&by=month", "dyad-chart")
    chart, periods = dyads.svg, dyads.data
    expect(chart).to_be_visible()
    expect(chart.locator("g.bars rect.bar-coop")).to_have_count(len(periods))
    expect(chart.locator("g.bars rect.bar-conflict")).to_have_count(len(periods))
    expect(chart.locator("text", has_text="2019-09")).to_have_count(1)
    heights = chart.locator("g.bars rect.bar-conflict").evaluate_all(
        "rects => rects.map(r => Number(r.getAttribute('height')))")
    assert sum(1 for h in heights if h > 0) == sum(1 for p in periods if p["conflict"])
    screenshot(page, "dyads")
    page.fill("input[name=b]", "ZZZ")
    page.click("#filters button[type=submit]")
    expect(page.locator("#status")).to_have_text("No events between RUS and ZZZ.")
    watched.assert_clean()


def test_network_draws_weighted_edges(watched: Watched, base_url: str) -> None:
    page = watched.page
    network = open_chart(page, base_url, "/network?limit=40", "network-chart")
    names = {e["source"] for e in network.data} | {e["target"] for e in network.data}
    expect(network.svg.locator("path.edge")).to_have_count(len(network.data))
    expect(network.svg.locator("g.node")).to_have_count(len(names))
    screenshot(page, "network")
    watched.assert_clean()


def test_map_draws_a_point_per_place(watched: Watched, base_url: str) -> None:
    page = watched.page
    world = open_chart(page, base_url, "/map", "map-chart")
    expect(world.svg.locator("circle.point")).to_have_count(len(world.data))
    expect(world.svg.locator("line.graticule")).to_have_count(13 + 7)
    screenshot(page, "map")
    page.select_option("select[name=type]", "ACCUSE")
    page.click("#filters button[type=submit]")
    accusations = api(base_url, "/api/map?type=ACCUSE")
    expect(page.locator("svg.map-chart circle.point")).to_have_count(len(accusations))
    watched.assert_clean()


def test_docs_page(watched: Watched) -> None:
    page = watched.page
    page.goto("/docs")
    expect(page.locator("section.endpoint")).to_have_count(10)
    expect(page.locator("section.endpoint h2", has_text="/api/events")).to_have_count(1)
    screenshot(page, "docs")
    watched.assert_clean()


def test_code_page_codes_pasted_text(watched: Watched) -> None:
    page = watched.page
    page.goto("/code")
    page.fill("textarea[name=text]", CODE_TEXT)
    page.fill("input[name=published]", "2019-09-18")
    page.click("#code-form button[type=submit]")
    expect(page.locator(".article-text")).to_have_text(CODE_TEXT)
    expect(page.locator("#status")).to_contain_text("Coded:")
    persons = page.locator(".article-text .seg.ent-PERSON").all_text_contents()
    assert {"Vladimir Putin", "Recep Tayyip Erdogan"} <= set(persons)
    screenshot(page, "code")
    page.fill("input[name=published]", "2019-02-30")
    page.click("#code-form button[type=submit]")
    expect(page.locator("#status")).to_contain_text("422: body field 'published'")
    assert watched.dialogs == [] and watched.foreign == []
    # Chromium logs the refused request itself; nothing else may appear.
    assert watched.errors and all("status of 422" in e for e in watched.errors), watched.errors


# --- hostile text ----------------------------------------------------------------------------

def _assert_inert(page: Page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#reader script, #reader img, #reader svg, #reader iframe").count() == 0


def test_hostile_article_renders_as_text(watched: Watched) -> None:
    page = watched.page
    record = hostile_record()
    page.goto(f"/articles/{HOSTILE_ID}")
    expect(page.locator(".article-text")).to_have_text(HOSTILE_TEXT)
    expect(page.locator(".article-title")).to_have_text(record["article"]["title"])
    expect(page.locator("header .meta")).to_contain_text(record["article"]["source"])
    assert page.get_attribute("header .meta a", "href") == "#"  # the javascript: url
    assert page.title().startswith(record["article"]["title"])
    page.click("li.item[data-key='ev:E1']")
    page.click("li.item[data-key='actor:A1']")
    page.hover(".article-text")
    expect(page.locator(".reader-side")).to_contain_text("<script>alert(1)</script>")
    expect(page.locator(".reader-side")).to_contain_text("No quotes found.")
    screenshot(page, "hostile")
    _assert_inert(page)
    watched.assert_clean()


def test_hostile_event_in_the_table_and_pasted_text(watched: Watched) -> None:
    page = watched.page
    page.goto("/events?q=Readers")
    expect(page.locator("#events tbody")).to_contain_text("<script>alert(1)</script>")
    assert page.locator("#events script, #events img").count() == 0
    page.goto("/code")
    page.fill("textarea[name=text]", HOSTILE_TEXT)
    page.click("#code-form button[type=submit]")
    expect(page.locator("#status")).to_contain_text("Coded:")
    expect(page.locator(".article-text")).to_contain_text("<script>")
    _assert_inert(page)
    watched.assert_clean()
