"""The web app: REST API under ``/api``, the explorer's pages, its static files and ``/docs``.

``create_app`` builds it; the store is opened read-only and the pipeline loaded once, when
the app starts (its lifespan), and both are released when it stops.

No CORS middleware: the explorer calls its own origin, so browsers keep every other site's
scripts from reading the API. Nothing here fetches a url or opens a file but the store, the
app's own templates and static files, and the pipeline's packaged data.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__, code_text
from ..config import Settings
from ..pipeline import Pipeline
from ..store import Store
from . import errors
from .limits import BodyLimit, UrlLimit, body_limit
from .options import ServeOptions
from .routes import articles, code, docs, events, people, web
from .security import HostCheck, SecurityHeaders
from .state import AppState

DESCRIPTION = (
    "Coded news articles as political event data: articles as eventwire.article/1 records, "
    "events with filters, dyad timelines, the actor network, event locations, quotes and "
    "full-text search; POST /api/code codes pasted text without storing it."
)


# Coding one sentence at start-up loads what the pipeline reads lazily (about 2 s), which the
# first POST /api/code, and every request queued behind it, would otherwise wait for.
WARM_UP_TEXT = "Officials from two countries met in Geneva on Monday and agreed to talk again."


def _warm_pipeline(settings: Settings) -> Pipeline:
    pipeline = Pipeline(settings)
    code_text(WARM_UP_TEXT, pipeline=pipeline)
    return pipeline


def create_app(
    db_path: Path, settings: Settings | None = None, *, options: ServeOptions | None = None
) -> FastAPI:
    """The app serving the store at ``db_path`` (opened read-only when the app starts)."""
    state = AppState(db_path=Path(db_path), settings=settings or Settings(),
                     options=options or ServeOptions(), templates=web.make_templates())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state.store = Store.open(state.db_path, read_only=True)
        try:
            state.pipeline = await anyio.to_thread.run_sync(_warm_pipeline, state.settings)
            state.code_slot = anyio.Semaphore(1)
            state.code_thread = anyio.CapacityLimiter(1)
            yield
        finally:
            state.pipeline = None
            state.close()

    app = FastAPI(title="eventwire", version=__version__, description=DESCRIPTION,
                  lifespan=lifespan, docs_url=None, redoc_url=None)
    app.state.eventwire = state
    errors.install(app)
    for router in (articles.router, events.router, people.router, code.router, web.router,
                   docs.router):
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=web.WEB_DIR / "static"), name="static")
    # The last added runs first: the security headers go on every answer, refusals included.
    app.add_middleware(BodyLimit, max_bytes=body_limit(state.options.max_code_chars))
    app.add_middleware(UrlLimit, max_bytes=state.options.max_url_bytes)
    app.add_middleware(HostCheck, allowed=state.options.allowed_hosts)
    app.add_middleware(SecurityHeaders)
    return app
