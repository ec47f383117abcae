"""The security headers and the body limit, around a tiny app of hand-written routes."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from eventwire.serve.limits import BodyLimit, body_limit
from eventwire.serve.security import CONTENT_SECURITY_POLICY, SecurityHeaders


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
