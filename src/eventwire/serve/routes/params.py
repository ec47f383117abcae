"""Query parameters several endpoints share, validated once, turned into an EventFilter."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import Depends, HTTPException, Query

from ...output import schema
from ...store.query import EventFilter

MAX_LIMIT = 500
# DuckDB takes OFFSET as a signed 64-bit integer; a bound far below that keeps huge values 422.
MAX_OFFSET = 1_000_000_000
_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_TEXT = 200

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Page size, at most {MAX_LIMIT}.")]
Offset = Annotated[int, Query(
    ge=0, le=MAX_OFFSET, description=f"Items skipped before this page, at most {MAX_OFFSET:,}.")]


def event_types() -> list[str]:
    """The PLOVER event types, read from the shipped ``eventwire.article/1`` JSON Schema."""
    enum = schema()["properties"]["events"]["items"]["properties"]["type"]["enum"]
    return [str(t) for t in enum]


def _check_type(value: str | None) -> str | None:
    if value is None:
        return None
    known = event_types()
    if value.upper() not in known:
        raise HTTPException(
            422, f"query parameter 'type': {value!r} is not a PLOVER event type "
                 f"({', '.join(known)})")
    return value.upper()


def event_filter(
    *,
    actor: Annotated[str | None, Query(
        max_length=_TEXT, description="Actor code (RUSGOV), KB id or part of a name.")] = None,
    country: Annotated[str | None, Query(
        pattern=r"^[A-Za-z]{3}$", description="Country code of a source or target actor.")] = None,
    type: Annotated[str | None, Query(
        max_length=32, description="PLOVER event type, e.g. ASSAULT.")] = None,
    quad_class: Annotated[int | None, Query(
        ge=1, le=4, description="1 verbal coop, 2 material coop, 3 verbal/4 material conflict."
    )] = None,
    date_from: Annotated[str | None, Query(
        pattern=_DATE, description="First day, month or year (inclusive).")] = None,
    date_to: Annotated[str | None, Query(
        pattern=_DATE, description="Last day, month or year (inclusive).")] = None,
    place: Annotated[str | None, Query(
        max_length=_TEXT, description="Part of the location name or admin1, or its country."
    )] = None,
    q: Annotated[str | None, Query(
        max_length=_TEXT, description="Words in the article's title or text.")] = None,
) -> EventFilter:
    """The filter without paging (the map shows every match)."""
    return EventFilter(actor=actor or None, country=country.upper() if country else None,
                       type=_check_type(type or None), quad_class=quad_class,
                       date_from=date_from or None, date_to=date_to or None,
                       place=place or None, q=q or None)


def paged_event_filter(
    f: Annotated[EventFilter, Depends(event_filter)], limit: Limit = 50, offset: Offset = 0
) -> EventFilter:
    return replace(f, limit=limit, offset=offset)
