"""The REST API and the web explorer (needs the ``serve`` extra: FastAPI and uvicorn)."""

from __future__ import annotations

from .api import create_app
from .options import ServeOptions

__all__ = ["ServeOptions", "create_app"]
