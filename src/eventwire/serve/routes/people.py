"""Who appears in the news and what they said: actors and quotes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ...store import query
from .. import convert
from ..schemas import ActorSummary, Page, QuoteItem
from ..state import Cursor
from .params import Limit, Offset

router = APIRouter(prefix="/api", tags=["actors and quotes"])


@router.get("/actors", summary="Actors across the store, those in most events first")
def list_actors(
    cur: Cursor,
    q: Annotated[str | None, Query(
        max_length=200, description="Part of a name or role, a code or a KB id.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[ActorSummary]:
    page = query.list_actors(cur, q=q or None, limit=limit, offset=offset)
    return Page[ActorSummary](items=[convert.actor_summary(r) for r in page.items],
                              total=page.total, limit=page.limit, offset=page.offset)


@router.get("/quotes", summary="Quotes, by speaker and by the words quoted")
def list_quotes(
    cur: Cursor,
    speaker: Annotated[str | None, Query(
        max_length=200, description="Part of the speaker's name, their code or KB id.")] = None,
    q: Annotated[str | None, Query(
        max_length=200, description="Words in the quoted text.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page[QuoteItem]:
    page = query.list_quotes(cur, speaker=speaker or None, q=q or None, limit=limit,
                             offset=offset)
    return Page[QuoteItem](items=[convert.quote_item(r) for r in page.items],
                           total=page.total, limit=page.limit, offset=page.offset)
