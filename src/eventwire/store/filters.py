"""The event filter shared by the API, the web pages and the exports, turned into SQL.

Every value travels as a query parameter; only fixed SQL text is ever concatenated.
Events are aliased ``e`` and their article ``a`` in every query that uses a filter.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from ..errors import InputError
from .connect import FTS_SCHEMA


@dataclass(frozen=True)
class EventFilter:
    """Which events to list. ``None`` means no condition; all conditions must hold.

    - ``actor``: an actor code (``RUSGOV``), a knowledge-base id (``leader:putin``) or part of a
      name (case-insensitive), on either side of the event.
    - ``country``: ISO 3166-1 alpha-3 (or IGO/NGO...) of a source or target actor.
    - ``type``: a PLOVER event type; ``quad_class``: 1-4.
    - ``date_from`` / ``date_to``: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, inclusive (a month
      or year bound covers the whole period); compared with ``events.day``.
    - ``place``: part of the location's name or admin1, or its country code.
    - ``q``: words searched in the article's title and text (full-text index).
    """

    actor: str | None = None
    country: str | None = None
    type: str | None = None
    quad_class: int | None = None
    date_from: str | None = None
    date_to: str | None = None
    place: str | None = None
    q: str | None = None
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True)
class Where:
    """An SQL condition and its parameters, in order."""

    sql: str = "TRUE"
    params: list[object] = field(default_factory=list)


_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_bound(value: str, *, name: str, end: bool) -> date:
    """The first (or, with ``end``, last) day of a ``YYYY[-MM[-DD]]`` period."""
    match = _PERIOD.match(value.strip())
    try:
        if match is None:
            raise ValueError(value)
        year, month, day = match.groups()
        if day is not None:
            return date(int(year), int(month), int(day))
        if month is not None:
            last = calendar.monthrange(int(year), int(month))[1]
            return date(int(year), int(month), last if end else 1)
        return date(int(year), 12, 31) if end else date(int(year), 1, 1)
    except ValueError:
        raise InputError(name, f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from None


def check_page(limit: int, offset: int) -> None:
    if limit < 0:
        raise InputError("limit", f"{limit} is negative")
    if offset < 0:
        raise InputError("offset", f"{offset} is negative")


def text_match(q: str, *, fts: bool) -> Where:
    """Articles (alias ``a``) whose title or text match ``q``.

    Without a full-text index (a store whose last ingest was interrupted before indexing) a
    plain case-insensitive substring test stands in, so results are late rather than wrong.
    """
    if fts:
        return Where(f"{FTS_SCHEMA}.match_bm25(a.id, ?) IS NOT NULL", [q])
    return Where("contains(lower(coalesce(a.title, '') || ' ' || a.text), lower(?))", [q])


def event_where(f: EventFilter, *, fts: bool) -> Where:
    """The filter as one condition over events ``e`` joined to their article ``a``."""
    parts: list[Where] = []
    if f.actor:
        parts.append(Where(
            "EXISTS (SELECT 1 FROM actors ac WHERE ac.article_id = e.article_id"
            " AND list_contains(e.source_ids || e.target_ids, ac.actor_id)"
            " AND (upper(ac.code) = upper(?) OR ac.kb_id = ?"
            " OR contains(lower(ac.name), lower(?))))",
            [f.actor, f.actor, f.actor]))
    if f.country:
        code = f.country.upper()
        parts.append(Where("(list_contains(e.source_countries, ?)"
                           " OR list_contains(e.target_countries, ?))", [code, code]))
    if f.type:
        parts.append(Where("upper(e.type) = upper(?)", [f.type]))
    if f.quad_class is not None:
        parts.append(Where("e.quad_class = ?", [f.quad_class]))
    if f.date_from:
        parts.append(Where("e.day >= ?", [date_bound(f.date_from, name="date_from", end=False)]))
    if f.date_to:
        parts.append(Where("e.day <= ?", [date_bound(f.date_to, name="date_to", end=True)]))
    if f.place:
        parts.append(Where(
            "(contains(lower(e.location_name), lower(?)) OR upper(e.location_country) = upper(?)"
            " OR contains(lower(e.location_admin1), lower(?)))", [f.place, f.place, f.place]))
    if f.q:
        parts.append(text_match(f.q, fts=fts))
    return join_all(parts)


def join_all(parts: list[Where]) -> Where:
    if not parts:
        return Where()
    return Where(" AND ".join(f"({p.sql})" for p in parts),
                 [value for p in parts for value in p.params])
