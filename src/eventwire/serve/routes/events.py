"""Events and their aggregates: the filtered list, dyad timelines, the network and the map."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from ...store import query
from ...store.query import EventFilter
from .. import convert
from ..schemas import DyadPeriodOut, EdgeOut, EventItem, MapPointOut, Page
from ..state import Cursor
from .params import MAX_LIMIT, event_filter, paged_event_filter

router = APIRouter(prefix="/api", tags=["events"])

Side = Annotated[str, Query(
    min_length=2, max_length=32, pattern=r"^[A-Za-z0-9]+$",
    description="A country code (RUS) or an actor code (RUSGOV).")]


@router.get("/events", summary="Events matching every filter given, newest first")
def list_events(
    cur: Cursor, f: Annotated[EventFilter, Depends(paged_event_filter)]
) -> Page[EventItem]:
    page = query.list_events(cur, f)
    return Page[EventItem](items=[convert.event_item(r) for r in page.items],
                           total=page.total, limit=page.limit, offset=page.offset)


@router.get("/dyads", summary="Cooperation and conflict between two sides, per period")
def dyads(
    cur: Cursor, a: Side, b: Side,
    by: Annotated[Literal["day", "week", "month", "year"], Query()] = "month",
) -> list[DyadPeriodOut]:
    return [convert.dyad_period(p) for p in query.dyads(cur, a, b, by=by)]


@router.get("/network",
            summary="Who acts on whom: actor-code pairs by event count (filters as /events)")
def network(
    cur: Cursor,
    f: Annotated[EventFilter, Depends(event_filter)],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Pairs returned.")] = 100,
) -> list[EdgeOut]:
    return [convert.edge(e) for e in query.network(cur, limit=limit, f=f)]


@router.get("/map", summary="Event locations with their event counts (same filters as /events)")
def map_points(
    cur: Cursor, f: Annotated[EventFilter, Depends(event_filter)]
) -> list[MapPointOut]:
    return [convert.map_point(p) for p in query.map_points(cur, f)]
