"""The REST API over a real store: the sample articles coded by the pipeline, plus two
hand-made records (one with events, quotes and times; one full of hostile markup)."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from serve_kit import (
    EXAMPLES,
    FULL_EXPECTED,
    FULL_ID,
    HOSTILE_ID,
    full_record,
    hostile_record,
    sample_store,
)

from conftest import check_record
from eventwire.pipeline import Pipeline
from eventwire.serve import create_app
from eventwire.serve.security import CONTENT_SECURITY_POLICY

ARTICLES = len(list(EXAMPLES.glob("[0-9][0-9]-*.md"))) + 2
ENDPOINTS = ("/api/articles", "/api/articles/{article_id}", "/api/events", "/api/dyads",
             "/api/actors", "/api/quotes", "/api/search", "/api/network", "/api/map",
             "/api/code")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    return sample_store(tmp_path_factory, pipeline, "api")


@pytest.fixture(scope="module")
def client(store_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(store_path)) as test_client:
        yield test_client


def get(client: TestClient, url: str, status: int = 200, **params: Any) -> Any:
    response = client.get(url, params=params)
    assert response.status_code == status, response.text
    return response.json()


def events(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    page = get(client, "/api/events", limit=500, **params)
    assert page["total"] == len(page["items"])
    items: list[dict[str, Any]] = page["items"]
    return items


# --- the OpenAPI description and the docs page -------------------------------------------

def test_openapi_describes_every_endpoint(client: TestClient) -> None:
    spec = get(client, "/openapi.json")
    assert set(ENDPOINTS) <= set(spec["paths"])
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert params == {"actor", "country", "type", "quad_class", "date_from", "date_to", "place",
                      "q", "limit", "offset"}
    assert "ArticleRecord" in spec["components"]["schemas"]


def test_docs_page_lists_endpoints_and_loads_nothing_remote(client: TestClient) -> None:
    response = client.get("/docs")
    assert response.status_code == 200
    for path in ENDPOINTS:
        assert f"<code>{path}</code>" in response.text
    assert "cdn" not in response.text.lower()
    assert "<script" not in response.text  # the reference page needs no script at all


# --- articles ----------------------------------------------------------------------------

def test_articles_are_listed_newest_first_and_paginated(client: TestClient) -> None:
    first = get(client, "/api/articles", limit=5)
    second = get(client, "/api/articles", limit=5, offset=5)
    assert first["total"] == second["total"] == ARTICLES
    assert (first["limit"], first["offset"], second["offset"]) == (5, 0, 5)
    ids = [a["id"] for a in first["items"] + second["items"]]
    assert len(set(ids)) == 10
    dates = [a["published"] for a in first["items"] + second["items"]]
    assert dates == sorted(dates, reverse=True)
    everything = get(client, "/api/articles", limit=500)
    assert len(everything["items"]) == ARTICLES
    full = next(a for a in everything["items"] if a["id"] == FULL_ID)
    assert (full["events"], full["actors"], full["quotes"]) == (3, 4, 1)


def test_articles_full_text_query(client: TestClient) -> None:
    page = get(client, "/api/articles", q="refugees Sochi")
    assert page["items"][0]["id"] == FULL_ID
    assert get(client, "/api/articles", q="zzzunmatchedword")["total"] == 0


def test_article_is_the_stored_record_exactly(client: TestClient) -> None:
    assert get(client, f"/api/articles/{FULL_ID}") == full_record()
    assert get(client, f"/api/articles/{HOSTILE_ID}") == hostile_record()


def test_sample_articles_come_back_as_valid_records(client: TestClient) -> None:
    for item in get(client, "/api/articles", limit=500)["items"]:
        record = get(client, f"/api/articles/{item['id']}")
        check_record(record)
        # An entity without a resolved place has no "place" key, as the record was stored.
        assert all(e.get("place", True) is not None for e in record["entities"])


def test_unknown_article_is_404(client: TestClient) -> None:
    body = get(client, "/api/articles/" + "0" * 64, status=404)
    assert body["detail"] == f"no article with id {'0' * 64!r}"
    assert client.get("/articles/" + "0" * 64).status_code == 404


# --- events and their filters ------------------------------------------------------------

def test_event_item_carries_actors_place_and_evidence(client: TestClient) -> None:
    found = [e for e in events(client, q="Sochi") if e["article_id"] == FULL_ID]
    assert [e["event_id"] for e in found] == ["E3", "E1", "E2"]  # newest day first
    accuse = found[0]
    assert accuse["type"] == "ACCUSE" and accuse["quad_class"] == 3
    assert accuse["evidence"]["text"] == FULL_EXPECTED.evidence
    assert accuse["trigger"]["text"] == FULL_EXPECTED.trigger
    assert [(a["code"], a["name"]) for a in accuse["source"]] == [("RUS", "Russia")]
    assert [a["country"] for a in accuse["target"]] == ["TUR"]
    assert accuse["location"]["name"] == "Aleppo" and accuse["location"]["lat"] == 36.2
    assert (accuse["date"], accuse["day"]) == ("2019-09-17", "2019-09-17")
    assert accuse["article"]["title"] == "Leaders meet in Sochi"


@pytest.mark.parametrize(("params", "check"), [
    ({"type": "assault"}, lambda e: e["type"] == "ASSAULT"),
    ({"quad_class": 4}, lambda e: e["quad_class"] == 4),
    ({"country": "tur"}, lambda e: "TUR" in [a["country"] for a in e["source"] + e["target"]]),
    ({"date_from": "2014-03", "date_to": "2015"},
     lambda e: "2014-03-01" <= e["day"] <= "2015-12-31"),
    ({"place": "aleppo"}, lambda e: "Aleppo" in (e["location"] or {}).get("name", "")),
    ({"actor": "TURGOV"}, lambda e: "TURGOV" in [a["code"] for a in e["source"] + e["target"]]),
])
def test_event_filters_keep_only_matching_events(
    client: TestClient, params: dict[str, Any], check: Any
) -> None:
    found = events(client, **params)
    assert found, f"no events for {params}"
    assert all(check(e) for e in found), params
    assert len(found) < get(client, "/api/events", limit=1)["total"]


def test_event_filters_combine(client: TestClient) -> None:
    found = events(client, country="RUS", quad_class=3, date_from="2019-09-01",
                   date_to="2019-09-30")
    assert [(e["article_id"], e["event_id"]) for e in found] == [(FULL_ID, "E3")]
    assert events(client, actor="Putin", q="Sochi")[0]["event_id"] in {"E1", "E2"}


def test_events_paginate_without_overlap(client: TestClient) -> None:
    total = get(client, "/api/events", limit=1)["total"]
    pages = [get(client, "/api/events", limit=7, offset=o) for o in range(0, total, 7)]
    keys = [(e["article_id"], e["event_id"]) for p in pages for e in p["items"]]
    assert len(keys) == len(set(keys)) == total
    assert get(client, "/api/events", offset=total)["items"] == []


@pytest.mark.parametrize(("query", "words"), [
    ("limit=501", "query parameter 'limit': Input should be less than or equal to 500"),
    ("limit=0", "query parameter 'limit'"),
    ("offset=-1", "query parameter 'offset'"),
    ("quad_class=5", "query parameter 'quad_class'"),
    ("quad_class=x", "query parameter 'quad_class'"),
    ("type=PARTY", "query parameter 'type': 'PARTY' is not a PLOVER event type"),
    ("country=RUSS", "query parameter 'country'"),
    ("date_from=2019-13", "date_from: '2019-13' is not a date"),
    ("date_to=2019-02-30", "date_to: '2019-02-30' is not a date"),
    ("date_from=yesterday", "query parameter 'date_from'"),
])
def test_bad_event_parameters_are_422_with_a_clear_message(
    client: TestClient, query: str, words: str
) -> None:
    response = client.get(f"/api/events?{query}")
    assert response.status_code == 422
    assert words in response.json()["detail"]


# --- aggregates ----------------------------------------------------------------------------

def test_dyads_count_cooperation_and_conflict_per_period(client: TestClient) -> None:
    periods = get(client, "/api/dyads", a="RUS", b="TUR")
    sept = next(p for p in periods if p["period"] == "2019-09")
    # E1 TUR leader consults RUS leader (cooperation), E3 Russia accuses Turkey (conflict).
    assert sept == {"period": "2019-09", "events": 2, "cooperation": 1, "conflict": 1,
                    "mean_goldstein": -0.5}
    assert [p["period"] for p in periods] == sorted(p["period"] for p in periods)
    assert get(client, "/api/dyads", a="tur", b="rus") == periods  # both directions, any case
    yearly = get(client, "/api/dyads", a="RUS", b="TUR", by="year")
    assert sum(p["events"] for p in yearly) == sum(p["events"] for p in periods)
    assert get(client, "/api/dyads", a="TURGOV", b="RUSGOV", by="day") == [
        {"period": "2019-09-16", "events": 1, "cooperation": 1, "conflict": 0,
         "mean_goldstein": 1.0}]


def test_bad_dyad_parameters_are_422(client: TestClient) -> None:
    for query in ("a=RUS", "a=RUS&b=TUR&by=decade", "a=R%20S&b=TUR"):
        response = client.get(f"/api/dyads?{query}")
        assert response.status_code == 422, query
        assert "query parameter" in response.json()["detail"]


def test_actors_list_and_search(client: TestClient) -> None:
    page = get(client, "/api/actors", limit=10)
    assert page["total"] > 10 and len(page["items"]) == 10
    counts = [a["events"] for a in page["items"]]
    assert counts == sorted(counts, reverse=True)
    found = get(client, "/api/actors", q="Erdogan")["items"]
    assert any(a["code"] == "TURGOV" and a["name"] == "Recep Tayyip Erdogan" for a in found)


def test_quotes_by_speaker_and_by_text(client: TestClient) -> None:
    # The sample articles quote Erdogan too (the grain deal), so look for the hand-built one.
    by_speaker = get(client, "/api/quotes", speaker="Erdogan")["items"]
    assert (FULL_ID, "Q1") in [(q["article_id"], q["quote_id"]) for q in by_speaker]
    quote = next(q for q in by_speaker if q["article_id"] == FULL_ID)
    assert quote["text"] == "We will not allow a new wave of refugees,"
    assert full_record()["article"]["text"][quote["start"]:quote["end"]] == quote["text"]
    assert get(client, "/api/quotes", q="WAVE OF REFUGEES")["items"] == [quote]
    assert get(client, "/api/quotes", speaker="Nobody Atall")["total"] == 0


def test_search_ranks_and_snippets(client: TestClient) -> None:
    hits = get(client, "/api/search", q="refugees buffer zone")
    assert hits[0]["article_id"] == FULL_ID
    assert "buffer zone" in hits[0]["snippet"] or "refugees" in hits[0]["snippet"]
    assert len(get(client, "/api/search", q="the", limit=3)) <= 3
    assert client.get("/api/search").status_code == 422
    assert client.get("/api/search?q=").status_code == 422


def test_network_edges(client: TestClient) -> None:
    edges = get(client, "/api/network")
    pairs = {(e["source"], e["target"]): e for e in edges}
    assert pairs[("TURGOV", "RUSGOV")]["events"] >= 1
    assert ("RUS", "TUR") in pairs
    counts = [e["events"] for e in edges]
    assert counts == sorted(counts, reverse=True)
    assert len(get(client, "/api/network", limit=2)) == 2
    assert client.get("/api/network?limit=0").status_code == 422
    filtered = get(client, "/api/network", type="ACCUSE", q="Sochi")
    assert [(e["source"], e["target"]) for e in filtered] == [("RUS", "TUR")]


def test_map_points_follow_the_filters(client: TestClient) -> None:
    points = get(client, "/api/map")
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in points)
    by_name = {p["name"]: p for p in points}
    assert by_name["Aleppo"]["country"] == "SYR"
    accusations = {p["name"] for p in get(client, "/api/map", type="ACCUSE", q="Sochi")}
    assert accusations == {"Aleppo"}


# --- POST /api/code --------------------------------------------------------------------------

CODE_TEXT = ("Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in "
             "Sochi on Monday, and the two agreed on a ceasefire in Idlib.")


def test_code_returns_a_valid_record_and_stores_nothing(client: TestClient) -> None:
    response = client.post("/api/code", json={"text": CODE_TEXT, "published": "2019-09-18"})
    assert response.status_code == 200, response.text
    record = response.json()
    check_record(record)
    assert record["article"]["text"] == CODE_TEXT
    assert record["article"]["published"] == "2019-09-18"
    assert {"Vladimir Putin", "Recep Tayyip Erdogan"} <= {e["text"] for e in record["entities"]}
    assert get(client, "/api/articles")["total"] == ARTICLES
    assert client.get(f"/api/articles/{record['id']}").status_code == 404


def test_code_refuses_text_over_the_limit_with_413(client: TestClient) -> None:
    response = client.post("/api/code", json={"text": "a" * 200_001})
    assert response.status_code == 413
    assert "over the limit of 200,000" in response.json()["detail"]
    # A body too large to hold any allowed text is refused before it is read.
    response = client.post("/api/code", content=b"x" * 1_300_000,
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413


@pytest.mark.parametrize(("body", "words"), [
    ({}, "body field 'text': Field required"),
    ({"text": CODE_TEXT, "published": "2019-02-30"}, "body field 'published'"),
    ({"text": CODE_TEXT, "published": "18/09/2019"}, "body field 'published'"),
    ({"text": "   "}, "<text>: "),  # the reader's InputError, as one line
    ({"text": CODE_TEXT, "extra": 1}, "body field 'extra'"),
])
def test_bad_code_requests_are_422(client: TestClient, body: dict[str, Any], words: str) -> None:
    response = client.post("/api/code", json=body)
    assert response.status_code == 422
    assert words in response.json()["detail"]


# --- pages, headers, concurrency -----------------------------------------------------------

@pytest.mark.parametrize("page", ["/events", "/articles", f"/articles/{FULL_ID}", "/dyads",
                                  "/network", "/map", "/code", "/docs"])
def test_pages_are_served_with_a_strict_content_security_policy(
    client: TestClient, page: str
) -> None:
    response = client.get(page)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert csp == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script>" not in response.text  # only external module scripts, never inline


def test_home_redirects_to_the_event_table(client: TestClient) -> None:
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == "/events"


def test_static_files_are_served(client: TestClient) -> None:
    for name in ("style.css", "common.js", "reader.js", "events.js", "map.js"):
        response = client.get(f"/static/{name}")
        assert response.status_code == 200, name
        assert response.headers["x-content-type-options"] == "nosniff"


def test_server_pages_escape_article_text(client: TestClient) -> None:
    html = client.get(f"/articles/{HOSTILE_ID}").text
    assert "<img src=x onerror" not in html
    assert "&lt;img src=x onerror=" in html  # the title, escaped into <title>


def test_concurrent_requests_each_get_their_own_cursor(client: TestClient) -> None:
    urls = ["/api/events?limit=50", "/api/articles?q=peace", "/api/map", "/api/network",
            "/api/actors", "/api/dyads?a=RUS&b=UKR"] * 8
    expected = {url: client.get(url).json() for url in set(urls)}
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda u: (u, client.get(u)), urls))
    for url, response in results:
        assert response.status_code == 200, url
        assert response.json() == expected[url]
