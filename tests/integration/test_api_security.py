"""The API under hostile requests: injection strings through every parameter, oversized
bodies and urls, foreign origins and hosts, path tricks, and urls or paths posted as text.

Parameters are enumerated from the app's own OpenAPI document, so a filter added later is
covered without touching this file. Every answer must be 2xx or 4xx, never 5xx, and the
store must come out of it exactly as it went in.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from serve_kit import FULL_ID, REPO_ROOT, sample_store

from eventwire.pipeline import Pipeline
from eventwire.serve import create_app
from eventwire.serve.limits import body_limit
from eventwire.serve.options import ServeOptions
from eventwire.serve.state import AppState

HOSTILE_VALUES = (
    "' OR 1=1 --", '"; DROP TABLE events; --', "'; DELETE FROM articles; --",
    "1; ATTACH '/tmp/x.duckdb' AS x", "%", "_", "%_%", "\\", "'", '"', "*", "()", "NULL",
    "AND OR NOT NEAR", "~:^$", "ü日本語🙂", "\u202e\u200b\ufeff", "\x00", "a\x00b", "\x1b[2J",
    "-1", "1e309", "9" * 40, "", " ", "x" * 199, "x" * 2000, "x" * 10_000,
    "https://example.org/feed.xml", "file:///etc/passwd", "../../../../etc/passwd",
)
# Always-true conditions: if any of them reached SQL as text, a filter would match everything.
ALWAYS_TRUE = ("' OR 1=1 --", '"; DROP TABLE events; --', "'; DELETE FROM articles; --")
# Values for the parameters an endpoint requires, so the one under test is the only odd one.
REQUIRED = {"a": "RUS", "b": "TUR", "q": "talks", "article_id": FULL_ID}


@dataclass(frozen=True)
class Param:
    path: str
    method: str
    name: str
    location: str  # query, path or body
    required: frozenset[str] = field(default_factory=frozenset)

    @property
    def id(self) -> str:
        return f"{self.method} {self.path} {self.location}:{self.name}"


def enumerate_params(spec: dict[str, Any]) -> list[Param]:
    """Every query, path and JSON-body parameter of every operation in ``spec``."""
    found = []
    schemas = spec.get("components", {}).get("schemas", {})
    for path, item in spec["paths"].items():
        for method, op in item.items():
            params = [(p["name"], p["in"], bool(p.get("required")))
                      for p in op.get("parameters", [])]
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            ref = body.get("schema", {}).get("$ref")
            if ref:
                model = schemas[ref.rsplit("/", 1)[-1]]
                params += [(name, "body", name in model.get("required", []))
                           for name in model["properties"]]
            required = frozenset(name for name, _, needed in params if needed)
            found += [Param(path, method.upper(), name, where, required)
                      for name, where, _ in params]
    return found


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Path:
    return sample_store(tmp_path_factory, pipeline, "api-security")


@pytest.fixture(scope="module")
def app(store_path: Path) -> FastAPI:
    return create_app(store_path)


@pytest.fixture(scope="module")
def client(app: FastAPI) -> Iterator[TestClient]:
    # A server error must show as a 500 answer here, as a real client would see it.
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def store_snapshot(app: FastAPI) -> dict[str, int]:
    """Every table of the store with its row count, read through the app's own connection."""
    state: AppState = app.state.eventwire
    cur = state.cursor()
    try:
        tables = [str(r[0]) for r in cur.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
            " ORDER BY table_name").fetchall()]
        # Table names come from the catalogue, not from a request.
        return {t: int(cur.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0])
                for t in tables}
    finally:
        cur.close()


def send(client: TestClient, param: Param, value: str) -> Any:
    values = {name: REQUIRED.get(name, "x") for name in param.required}
    values[param.name] = value
    path = param.path
    for name in [n for n in values if "{" + n + "}" in path]:
        # The value travels percent-encoded in the path, as a browser would send it.
        encoded = values.pop(name).encode("utf-8").hex()
        path = path.replace("{" + name + "}", "".join(f"%{encoded[i:i + 2]}"
                                                      for i in range(0, len(encoded), 2)))
    if param.method == "GET":
        return client.get(path, params=values)
    return client.request(param.method, path, json=values)


def baseline_size(client: TestClient, param: Param) -> int | None:
    """How many items the endpoint gives with only its required parameters (GET lists)."""
    if param.method != "GET" or param.location != "query":
        return None
    params = {name: REQUIRED.get(name, "x") for name in param.required}
    response = client.get(param.path, params=params)
    if response.status_code != 200:
        return None
    return result_size(response.json())


def result_size(body: Any) -> int | None:
    if isinstance(body, dict) and "total" in body:
        return int(body["total"])
    return len(body) if isinstance(body, list) else None


def test_every_parameter_takes_hostile_values_without_a_server_error(
    app: FastAPI, client: TestClient
) -> None:
    spec = client.get("/openapi.json").json()
    params = enumerate_params(spec)
    # The enumeration must see the filters the issue names, or it is checking nothing.
    names = {(p.path, p.name) for p in params}
    assert {("/api/events", "actor"), ("/api/events", "q"), ("/api/quotes", "speaker"),
            ("/api/articles/{article_id}", "article_id"), ("/api/code", "text")} <= names
    before = store_snapshot(app)
    failures, widened, sent = [], [], 0
    for param in params:
        baseline = baseline_size(client, param)
        for value in HOSTILE_VALUES:
            response = send(client, param, value)
            sent += 1
            if not 200 <= response.status_code < 500:
                failures.append(f"{param.id} {value[:40]!r}: {response.status_code}")
                continue
            size = result_size(response.json()) if response.status_code == 200 else None
            if value in ALWAYS_TRUE and baseline and size is not None and size >= baseline:
                widened.append(f"{param.id} {value!r}: {size} of {baseline}")
    assert failures == []
    assert widened == []
    assert sent == len(params) * len(HOSTILE_VALUES) and len(params) >= 30
    assert store_snapshot(app) == before


def test_wildcards_are_literal(client: TestClient) -> None:
    everyone = client.get("/api/actors", params={"limit": 1}).json()["total"]
    for value in ("%", "_", "%_%"):
        page = client.get("/api/actors", params={"q": value}).json()
        assert page["total"] < everyone, value
    events = client.get("/api/events", params={"actor": "%", "limit": 1}).json()["total"]
    assert events == 0


def test_body_over_the_limit_is_413_declared_or_streamed(client: TestClient) -> None:
    limit = body_limit(ServeOptions().max_code_chars)
    response = client.post("/api/code", content=b"{" + b" " * limit + b"}",
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413

    def chunks() -> Iterator[bytes]:
        for _ in range(limit // 65_536 + 2):
            yield b" " * 65_536

    response = client.post("/api/code", content=chunks(),
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    assert "over the limit" in response.json()["detail"]


def test_query_string_or_path_too_long_is_414(client: TestClient) -> None:
    limit = ServeOptions().max_url_bytes
    response = client.get("/api/events?actor=" + "a" * limit)
    assert response.status_code == 414
    assert "max_url_bytes" in response.json()["detail"]
    assert client.get("/api/articles/" + "f" * limit).status_code == 414
    assert client.get("/api/events?" + "q=a&" * 1500).status_code == 200  # 6,000 bytes


def test_page_size_and_offset_are_capped(client: TestClient) -> None:
    for path in ("/api/events", "/api/articles", "/api/actors", "/api/quotes"):
        assert client.get(path, params={"limit": 501}).status_code == 422
        assert client.get(path, params={"offset": 2**63}).status_code == 422
        assert client.get(path, params={"offset": 10**9}).status_code == 200
    assert client.get("/api/search", params={"q": "talks", "limit": 101}).status_code == 422
    assert client.get("/api/network", params={"limit": 501}).status_code == 422


def test_no_cors_headers_for_a_foreign_origin(client: TestClient) -> None:
    origin = {"Origin": "https://evil.example"}
    answers = [
        client.get("/api/events", headers=origin),
        client.post("/api/code", json={"text": "Russia accused Turkey."}, headers=origin),
        client.options("/api/events", headers={
            **origin, "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "content-type"}),
    ]
    for response in answers:
        assert not [h for h in response.headers if h.lower().startswith("access-control-")]
    assert answers[0].status_code == 200
    assert answers[2].status_code == 405  # no preflight handler: the browser refuses the call


@pytest.mark.parametrize("path", [
    "/static/../api.py", "/static/%2e%2e/api.py", "/static/..%2fapi.py",
    "/static/%2e%2e%2f%2e%2e%2fstore/query.py", "/static//etc/passwd", "/static/%2Fetc%2Fpasswd",
    "/static/..%5c..%5capi.py", "/static/style.css%00.py",
])
def test_static_files_stay_inside_their_folder(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "root:" not in response.text and "create_app" not in response.text


@dataclass
class Touches:
    """Files opened and network calls made while ``active``, from Python's audit events."""

    active: bool = False
    opened: list[str] = field(default_factory=list)
    network: list[str] = field(default_factory=list)

    def hook(self, event: str, args: tuple[Any, ...]) -> None:
        if not self.active:
            return
        if event == "open" and isinstance(args[0], str | bytes):
            self.opened.append(str(Path(args[0].decode() if isinstance(args[0], bytes)
                                        else args[0]).resolve()))
        elif event.startswith(("socket.", "urllib.", "http.client.")) or event in (
                "subprocess.Popen", "os.system"):
            self.network.append(f"{event} {args!r:.120}")


FEED_WITH_EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">'
    '<!ENTITY y SYSTEM "http://127.0.0.1:9/dtd">]><rss version="2.0"><channel><title>t</title>'
    "<item><title>Russia accused Turkey</title><link>http://127.0.0.1:9/a</link>"
    "<description>Russia accused Turkey &x; &y; of arming rebels.</description></item>"
    "</channel></rss>")
PAGE_WITH_REMOTE_PARTS = (
    '<html><head><base href="http://127.0.0.1:9/">'
    '<link rel="canonical" href="http://127.0.0.1:9/c">'
    '<link rel="stylesheet" href="http://127.0.0.1:9/s.css"></head><body><article>'
    '<p>Russia accused Turkey of arming rebels near Aleppo on Tuesday.</p>'
    '<img src="http://127.0.0.1:9/i.png"><iframe src="file:///etc/passwd"></iframe>'
    '<p><a href="http://127.0.0.1:9/more">more</a></p></article></body></html>')
TEXTS_THAT_NAME_PLACES = (
    "https://example.org/news/article.html", "file:///etc/passwd", "/etc/passwd",
    "../../../../etc/passwd", "~/.ssh/id_rsa", FEED_WITH_EXTERNAL_ENTITY, PAGE_WITH_REMOTE_PARTS,
    '{"title": "t", "url": "http://127.0.0.1:9/x", "text": "Russia accused Turkey."}\n',
    "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://127.0.0.1:9/\r\n"
    "Content-Length: 0\r\n\r\n",
)


def test_no_endpoint_fetches_a_url_or_opens_a_file_outside_the_store(
    client: TestClient, store_path: Path
) -> None:
    touches = Touches()
    sys.addaudithook(touches.hook)  # audit hooks cannot be removed; ``active`` gates this one
    allowed = tuple(str(Path(p).resolve()) for p in (
        sys.prefix, sys.base_prefix, REPO_ROOT / "src" / "eventwire", store_path.parent))
    touches.active = True
    try:
        statuses = [client.post("/api/code", json={"text": text}).status_code
                    for text in TEXTS_THAT_NAME_PLACES]
        for value in TEXTS_THAT_NAME_PLACES[:5]:
            for path in ("/api/events", "/api/articles", "/api/actors", "/api/quotes"):
                statuses.append(client.get(path, params={"q": value}).status_code)
            statuses.append(client.get("/articles/" + value.replace("/", "%2F")).status_code)
    finally:
        touches.active = False
    assert all(200 <= s < 500 for s in statuses), statuses
    assert touches.network == []
    assert [p for p in touches.opened if not p.startswith(allowed)] == []
    assert not [p for p in touches.opened if p.startswith(("/etc", str(Path.home())))]


def test_code_waits_for_its_turn_then_gives_503_with_retry_after(store_path: Path) -> None:
    app = create_app(store_path, options=ServeOptions(code_wait_seconds=0.3))
    with TestClient(app) as test_client:
        portal, slot = test_client.portal, app.state.eventwire.code_slot
        assert portal is not None and slot is not None
        portal.call(slot.acquire)  # as if another text were being coded, for too long
        try:
            busy = test_client.post("/api/code", json={"text": "Russia accused Turkey."})
        finally:
            portal.call(slot.release)
        free = test_client.post("/api/code", json={"text": "Russia accused Turkey."})
    assert busy.status_code == 503
    assert busy.headers["retry-after"] == "1"
    assert "busy" in busy.json()["detail"]
    assert free.status_code == 200
