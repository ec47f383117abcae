"""What the app holds for its lifetime: the read-only store connection and the pipeline.

DuckDB connections are not thread-safe and FastAPI runs plain ``def`` endpoints in a
thread pool, so each request gets its own cursor (a cursor is a separate connection to
the same database); the parent connection is touched only under a lock. spaCy pipelines
are not documented as thread-safe either, so coding pasted text is serialised: one text at
a time, the others waiting (without holding a worker thread) on ``code_slot``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import anyio
import duckdb
from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from ..config import Settings
from ..pipeline import Pipeline
from ..store import Store
from .options import ServeOptions


@dataclass
class AppState:
    db_path: Path
    settings: Settings
    options: ServeOptions
    templates: Jinja2Templates
    store: Store | None = None
    pipeline: Pipeline | None = None
    con_lock: threading.Lock = field(default_factory=threading.Lock)
    # Made when the app starts, inside its event loop. The pipeline's thread has a limiter of
    # its own: in the shared thread pool it would queue behind every read request.
    code_slot: anyio.Semaphore | None = None
    code_thread: anyio.CapacityLimiter | None = None

    def cursor(self) -> duckdb.DuckDBPyConnection:
        with self.con_lock:
            if self.store is None:
                raise RuntimeError("the store is not open: the app's lifespan has not started")
            return self.store.con.cursor()

    def close(self) -> None:
        with self.con_lock:
            if self.store is not None:
                self.store.close()
                self.store = None


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.eventwire
    return state


def db_cursor(state: Annotated[AppState, Depends(get_state)]) -> Iterator[
    duckdb.DuckDBPyConnection
]:
    cur = state.cursor()
    try:
        yield cur
    finally:
        cur.close()


State = Annotated[AppState, Depends(get_state)]
Cursor = Annotated[duckdb.DuckDBPyConnection, Depends(db_cursor)]
