"""Options of the API server that are not article-coding settings."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ServeOptions:
    """Limits of the REST API; every field is documented in its ``help``."""

    max_code_chars: int = field(
        default=200_000,
        metadata={"help": "Longest text POST /api/code accepts, in characters (413 above it)."},
    )
