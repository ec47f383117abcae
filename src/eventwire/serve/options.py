"""Options of the API server that are not article-coding settings."""

from __future__ import annotations

from dataclasses import dataclass, field

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class ServeOptions:
    """Limits of the REST API; every field is documented in its ``help``."""

    max_code_chars: int = field(
        default=200_000,
        metadata={"help": "Longest text POST /api/code accepts, in characters (413 above it)."},
    )
    max_url_bytes: int = field(
        default=8192,
        metadata={"help": "Longest request target (path and query string), in bytes "
                          "(414 above it)."},
    )
    code_wait_seconds: float = field(
        default=30.0,
        metadata={"help": "How long POST /api/code waits while other texts are being coded "
                          "(503 with Retry-After beyond it)."},
    )
    allowed_hosts: tuple[str, ...] = field(
        default=(),
        metadata={"help": "Host names the server answers to (the Host header; 400 for others); "
                          "empty allows any."},
    )
