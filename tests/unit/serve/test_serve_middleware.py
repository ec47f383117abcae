"""The security headers, body and url limits and the host check, around a tiny app of
hand-written routes."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from eventwire.serve.limits import BodyLimit, UrlLimit, body_limit
from eventwire.serve.options import LOOPBACK_NAMES
from eventwire.serve.security import (
    CONTENT_SECURITY_POLICY,
    HostCheck,
    SecurityHeaders,
    host_name,
)


def make_client(max_bytes: int) -> TestClient:
    app = FastAPI()

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, int]:
        return {"bytes": len(await request.body())}

    @app.get("/framed")
    def framed() -> dict[str, str]:
        return {"ok": "yes"}

    app.add_middleware(BodyLimit, max_bytes=max_bytes)
    app.add_middleware(SecurityHeaders)
    return TestClient(app)


def test_every_response_gets_the_security_headers() -> None:
    client = make_client(100)
    for response in (client.get("/framed"), client.get("/missing"),
                     client.post("/echo", content=b"x" * 500)):
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_policy_allows_own_scripts_only() -> None:
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY and "http" not in CONTENT_SECURITY_POLICY


def test_declared_body_over_the_limit_is_413() -> None:
    response = make_client(100).post("/echo", content=b"x" * 101)
    assert response.status_code == 413
    assert response.json()["detail"] == (
        "request body is 101 bytes or more, over the limit of 100")


def test_streamed_body_over_the_limit_is_413() -> None:
    def chunks() -> Iterator[bytes]:
        yield b"x" * 60
        yield b"x" * 60

    response = make_client(100).post("/echo", content=chunks())
    assert response.status_code == 413


def test_body_within_the_limit_passes() -> None:
    response = make_client(100).post("/echo", content=b"x" * 100)
    assert response.status_code == 200
    assert response.json() == {"bytes": 100}


def test_body_limit_leaves_room_for_escaped_json() -> None:
    assert body_limit(10) == 10 * 6 + 4096


def make_guarded_client(max_url_bytes: int, allowed: tuple[str, ...]) -> TestClient:
    app = FastAPI()

    @app.get("/{rest:path}")
    def anything(rest: str) -> dict[str, str]:
        return {"path": rest}

    app.add_middleware(UrlLimit, max_bytes=max_url_bytes)
    app.add_middleware(HostCheck, allowed=allowed)
    app.add_middleware(SecurityHeaders)
    return TestClient(app)


def test_request_target_over_the_limit_is_414() -> None:
    client = make_guarded_client(50, ())
    assert client.get("/a?q=" + "x" * 46).status_code == 200  # 2 + 48 bytes: at the limit
    response = client.get("/a?q=" + "x" * 49)
    assert response.status_code == 414
    assert response.json()["detail"] == (
        "request target is 53 bytes, over the limit of 50 (option max_url_bytes)")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert client.get("/" + "p" * 60).status_code == 414


def test_host_check_admits_only_the_allowed_names() -> None:
    client = make_guarded_client(1000, LOOPBACK_NAMES)
    for host in ("localhost", "localhost:8000", "LOCALHOST.", "127.0.0.1:8000", "[::1]:8000",
                 "[::1]"):
        assert client.get("/x", headers={"Host": host}).status_code == 200, host
    for host in ("rebound.example", "rebound.example:8000", "127.0.0.1.rebound.example", "",
                 "[::2]:8000", "localhost@evil.example"):
        response = client.get("/x", headers={"Host": host})
        assert response.status_code == 400, host
        assert "is not served here" in response.json()["detail"]


def test_host_check_with_no_list_admits_every_host() -> None:
    client = make_guarded_client(1000, ())
    assert client.get("/x", headers={"Host": "anything.example"}).status_code == 200


def test_host_name_drops_port_brackets_and_final_dot() -> None:
    assert host_name("Example.ORG.:8080") == "example.org"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("::1") == "::1"
    assert host_name("[::1") == "::1"
    assert host_name("") == ""
