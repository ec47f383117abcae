"""Shared by the API and browser tests: a store built from the sample articles plus two
hand-made records, one with events, quotes and times, one full of hostile markup; a live
server for an app; Debian's Chromium under Playwright; screenshots.

The hand-made texts are written for these tests; their spans are found with ``str.index``
so offsets always agree with the text.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, sync_playwright

from eventwire import code_inputs
from eventwire.output import validation_errors
from eventwire.pipeline import Pipeline
from eventwire.store import Store

REPO_ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = REPO_ROOT / "examples" / "articles"
ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
FULL_ID = "f" * 64
HOSTILE_ID = "e" * 64

FULL_TEXT = (
    "Turkish President Recep Tayyip Erdogan met Russian President Vladimir Putin in Sochi "
    "on Monday. The two leaders agreed to set up a buffer zone around Idlib.\n\n"
    "\"We will not allow a new wave of refugees,\" Erdogan told reporters after the talks.\n\n"
    "Russia accused Turkey of arming rebel groups near Aleppo on Tuesday."
)

HOSTILE_TEXT = (
    "Officials in Ankara said <script>window.__pwned = 'script'</script> nothing.\n\n"
    "A caption read <img src=x onerror=\"window.__pwned = 'img'\"> in the report.\n\n"
    "Readers were told to <a href=\"javascript:window.__pwned='link'\">click here</a> "
    "by Turkey."
)


def _span(text: str, words: str, after: int = 0) -> dict[str, Any]:
    start = text.index(words, after)
    return {"start": start, "end": start + len(words), "text": words}


def _sentence(text: str, first_words: str, last_char: str = ".") -> dict[str, Any]:
    start = text.index(first_words)
    end = text.index(last_char, start + len(first_words)) + 1
    return {"start": start, "end": end, "text": text[start:end]}


def _place(name: str, country: str, lat: float, lon: float, geonames_id: int) -> dict[str, Any]:
    return {"name": name, "country": country, "admin1": None, "lat": lat, "lon": lon,
            "geonames_id": geonames_id, "precision": "city"}


def _actor(actor_id: str, name: str, country: str, sector: str | None,
           mentions: list[tuple[int, int]]) -> dict[str, Any]:
    return {"id": actor_id, "name": name, "country": country, "sector": sector,
            "code": country + (sector or ""), "kb_id": None, "role": None,
            "mentions": [list(m) for m in mentions]}


def _event(event_id: str, kind: str, *, cameo: str, quad: int, goldstein: float,
           sides: tuple[list[str], list[str]], when: tuple[str, str],
           location: dict[str, Any] | None, trigger: dict[str, Any],
           evidence: dict[str, Any]) -> dict[str, Any]:
    return {"id": event_id, "type": kind, "mode": None, "context": [], "cameo": cameo,
            "quad_class": quad, "goldstein": goldstein, "source": sides[0], "target": sides[1],
            "date": when[0], "date_text": when[1], "location": location, "negated": False,
            "modality": "asserted", "reported_by": None, "trigger": trigger,
            "evidence": evidence, "confidence": 0.9}


def _record(record_id: str, title: str, url: str, text: str) -> dict[str, Any]:
    return {"schema": "eventwire.article/1", "id": record_id,
            "article": {"title": title, "published": "2019-09-18", "source": "Test Desk",
                        "publisher": None, "authors": [], "credits": [], "url": url,
                        "language": "en", "text": text},
            "entities": [], "times": [], "actors": [], "events": [], "quotes": []}


@dataclass(frozen=True)
class Expected:
    """What the full record's first event says, for the tests to compare against."""

    event_id: str
    evidence: str
    trigger: str


def full_record() -> dict[str, Any]:
    t = FULL_TEXT
    rec = _record(FULL_ID, "Leaders meet in Sochi", "https://example.org/test/sochi", t)
    erdogan = _span(t, "Recep Tayyip Erdogan")
    putin = _span(t, "Vladimir Putin")
    sochi, idlib, aleppo = _span(t, "Sochi"), _span(t, "Idlib"), _span(t, "Aleppo")
    russia, turkey = _span(t, "Russia accused"), _span(t, "Turkey")
    russia["end"], russia["text"] = russia["start"] + 6, "Russia"
    monday, tuesday = _span(t, "on Monday"), _span(t, "on Tuesday")
    rec["actors"] = [
        _actor("A1", "Recep Tayyip Erdogan", "TUR", "GOV",
               [(erdogan["start"], erdogan["end"]), (t.index("Erdogan told"),
                                                     t.index("Erdogan told") + 7)]),
        _actor("A2", "Vladimir Putin", "RUS", "GOV", [(putin["start"], putin["end"])]),
        _actor("A3", "Russia", "RUS", None, [(russia["start"], russia["end"])]),
        _actor("A4", "Turkey", "TUR", None, [(turkey["start"], turkey["end"])]),
    ]
    rec["entities"] = [
        {**erdogan, "label": "PERSON", "actor": "A1"},
        {**putin, "label": "PERSON", "actor": "A2"},
        {**sochi, "label": "GPE", "actor": None,
         "place": _place("Sochi", "RUS", 43.6, 39.73, 491422)},
        {**idlib, "label": "GPE", "actor": None,
         "place": _place("Idlib", "SYR", 35.93, 36.63, 169389)},
        {**russia, "label": "GPE", "actor": "A3"},
        {**turkey, "label": "GPE", "actor": "A4"},
        {**aleppo, "label": "GPE", "actor": None,
         "place": _place("Aleppo", "SYR", 36.2, 37.16, 170063)},
    ]
    rec["times"] = [{**monday, "value": "2019-09-16"}, {**tuesday, "value": "2019-09-17"}]
    rec["events"] = [
        _event("E1", "CONSULT", cameo="040", quad=1, goldstein=1.0, sides=(["A1"], ["A2"]),
               when=("2019-09-16", "on Monday"),
               location=_place("Sochi", "RUS", 43.6, 39.73, 491422),
               trigger=_span(t, "met"), evidence=_sentence(t, "Turkish President")),
        _event("E2", "AGREE", cameo="057", quad=1, goldstein=8.0, sides=(["A1", "A2"], []),
               when=("2019-09-16", "on Monday"),
               location=_place("Idlib", "SYR", 35.93, 36.63, 169389),
               trigger=_span(t, "agreed"), evidence=_sentence(t, "The two leaders")),
        _event("E3", "ACCUSE", cameo="112", quad=3, goldstein=-2.0, sides=(["A3"], ["A4"]),
               when=("2019-09-17", "on Tuesday"),
               location=_place("Aleppo", "SYR", 36.2, 37.16, 170063),
               trigger=_span(t, "accused"), evidence=_sentence(t, "Russia accused")),
    ]
    quote = _span(t, "We will not allow a new wave of refugees,")
    rec["quotes"] = [{**quote, "id": "Q1", "kind": "direct", "speaker": "A1",
                      "speaker_text": "Erdogan", "cue": "told", "addressees": [],
                      "addressee_text": "reporters"}]
    return rec


FULL_EXPECTED = Expected("E3", _sentence(FULL_TEXT, "Russia accused")["text"], "accused")


def hostile_record() -> dict[str, Any]:
    """Markup in every text field a page shows; none of it may run."""
    t = HOSTILE_TEXT
    rec = _record(HOSTILE_ID, "<img src=x onerror=\"window.__pwned='title'\">Breaking",
                  "javascript:window.__pwned='url'", t)
    rec["article"]["source"] = "<b onmouseover=\"window.__pwned='source'\">Desk</b>"
    script, img = _span(t, "<script>"), _span(t, "<img src=x")
    turkey = _span(t, "Turkey")
    rec["actors"] = [_actor("A1", "<svg onload=\"window.__pwned='actor'\">", "TUR", "GOV",
                            [(turkey["start"], turkey["end"])])]
    rec["entities"] = [{**script, "label": "ORG", "actor": None},
                       {**img, "label": "<i>", "actor": None},
                       {**turkey, "label": "GPE", "actor": "A1"}]
    rec["events"] = [_event(
        "E1", "ACCUSE", cameo="112", quad=3, goldstein=-2.0, sides=(["A1"], []),
        when=("2019-09", "<b>then</b>"),
        location=_place("<script>alert(1)</script>", "TUR", 39.9, 32.85, 323786),
        trigger=_span(t, "told"), evidence=_sentence(t, "Readers were told"))]
    return rec


def build_store(path: Path, pipeline: Pipeline) -> None:
    """The sample articles, coded by the real pipeline, plus the two hand-made records."""
    records = [full_record(), hostile_record()]
    for record in records:
        assert validation_errors(record) == []
    with Store.open(path) as store:
        report = store.ingest(code_inputs([str(EXAMPLES)], pipeline=pipeline))
        assert not report.failed, report.failed
        report = store.ingest_records(records)
        assert not report.failed, report.failed


def sample_store(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline,
                 folder: str) -> Path:
    """``build_store`` in a new temporary folder named after ``folder``; the store's path."""
    path = tmp_path_factory.mktemp(folder) / "eventwire.duckdb"
    build_store(path, pipeline)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def live_server(app: FastAPI, *, start_timeout: float = 120) -> Iterator[str]:
    """``app`` under uvicorn on 127.0.0.1 in a background thread; yields its base url."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout
    while not server.started:
        assert thread.is_alive(), "the server stopped while starting"
        assert time.monotonic() < deadline, f"the server did not start within {start_timeout} s"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


@pytest.fixture(scope="module", name="browser")
def browser_fixture() -> Iterator[Browser]:
    """Debian's Chromium, one per test module; the module is skipped when it is absent.

    A test module takes it with ``from serve_kit import browser_fixture``: pytest looks
    fixtures up in the module's namespace, under the name ``browser``.
    """
    if not CHROMIUM.is_file():
        pytest.skip(f"Debian's chromium is absent: expected {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def screenshot(page: Page, name: str) -> None:
    """The whole page, saved as ``test-artifacts/web-{name}.png`` (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"web-{name}.png"), full_page=True)
