"""Refuses request bodies over a byte limit before they are read whole (413), and request
targets (path and query string) over another (414)."""

from __future__ import annotations

from fastapi import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# JSON may spell one character in up to six bytes (\uXXXX); the rest is the envelope.
BYTES_PER_CHAR = 6
ENVELOPE_BYTES = 4096


def body_limit(max_chars: int) -> int:
    """The largest body, in bytes, that can hold a JSON text of ``max_chars`` characters."""
    return max_chars * BYTES_PER_CHAR + ENVELOPE_BYTES


class BodyLimit:
    """ASGI middleware: a body over ``max_bytes`` gets 413, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            response = JSONResponse({"detail": self._message(declared)}, status_code=413)
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # FastAPI re-raises an HTTPException met while reading the body.
                    raise HTTPException(413, self._message(received))
            return message

        await self.app(scope, counting_receive, send)

    def _message(self, size: int) -> str:
        return f"request body is {size:,} bytes or more, over the limit of {self.max_bytes:,}"


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class UrlLimit:
    """ASGI middleware: a request target (path and query string) over ``max_bytes`` gets 414.

    Behind uvicorn the HTTP parser refuses only a request line over 16 KiB, with a bare 400;
    this gives every server the same bound and a readable answer.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path = scope.get("raw_path") or str(scope.get("path", "")).encode("utf-8")
            size = len(path) + len(scope.get("query_string", b""))
            if size > self.max_bytes:
                detail = (f"request target is {size:,} bytes, over the limit of "
                          f"{self.max_bytes:,} (option max_url_bytes)")
                await JSONResponse({"detail": detail}, status_code=414)(scope, receive, send)
                return
        await self.app(scope, receive, send)
