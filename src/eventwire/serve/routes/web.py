"""The explorer's HTML pages: server-rendered shells whose own scripts fetch the API."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from ...store import query
from ..state import Cursor, State, get_state
from .params import event_types

WEB_DIR = Path(__file__).resolve().parents[1] / "web"
NAV = (
    ("/events", "Events"), ("/articles", "Articles"), ("/dyads", "Dyads"),
    ("/network", "Network"), ("/map", "Map"), ("/code", "Code an article"), ("/docs", "API"),
)
QUAD_CLASSES = ((1, "verbal cooperation"), (2, "material cooperation"),
                (3, "verbal conflict"), (4, "material conflict"))

router = APIRouter(include_in_schema=False)


def make_templates() -> Jinja2Templates:
    # Starlette turns autoescaping on: every value put into a page is HTML-escaped.
    return Jinja2Templates(directory=WEB_DIR / "templates")


def render(request: Request, template: str, title: str, active: str,
           **context: Any) -> HTMLResponse:
    state = get_state(request)
    page = {"page_title": title, "nav": NAV, "active": active,
            "store_name": state.db_path.name, **context}
    return state.templates.TemplateResponse(request, template, page)


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/events")


@router.get("/events")
def events_page(request: Request) -> HTMLResponse:
    return render(request, "events.html", "Events", "/events", event_types=event_types(),
                  quad_classes=QUAD_CLASSES)


@router.get("/articles")
def articles_page(request: Request) -> HTMLResponse:
    return render(request, "articles.html", "Articles", "/articles")


@router.get("/articles/{article_id}")
def article_page(request: Request, cur: Cursor, article_id: str) -> HTMLResponse:
    record = query.get_article(cur, article_id)
    if record is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    title = record["article"]["title"] or "Article"
    return render(request, "article.html", title, "/articles", article_id=article_id)


@router.get("/dyads")
def dyads_page(request: Request) -> HTMLResponse:
    return render(request, "dyads.html", "Dyad timeline", "/dyads",
                  periods=("day", "week", "month", "year"))


@router.get("/network")
def network_page(request: Request) -> HTMLResponse:
    return render(request, "network.html", "Actor network", "/network")


@router.get("/map")
def map_page(request: Request) -> HTMLResponse:
    return render(request, "map.html", "Event map", "/map", event_types=event_types(),
                  quad_classes=QUAD_CLASSES)


@router.get("/code")
def code_page(request: Request, state: State) -> HTMLResponse:
    return render(request, "code.html", "Code an article", "/code",
                  max_chars=state.options.max_code_chars)
