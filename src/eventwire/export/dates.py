"""The one day an exported event is filed under, and how precise that day is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ..store.rows import first_day

_PRECISION = {10: "day", 7: "month", 4: "year"}


@dataclass(frozen=True)
class EventDay:
    """``precision``: day | month | year (from the text), published (the article's date),
    ingested (the day it entered the store: neither the text nor the article gave one)."""

    day: date
    precision: str


def event_day(value: str | None, published: str | None, ingested: datetime) -> EventDay:
    found = first_day(value)
    if found is not None and value is not None:
        return EventDay(found, _PRECISION.get(len(value), "day"))
    found = first_day(published)
    if found is not None:
        return EventDay(found, "published")
    return EventDay(ingested.date(), "ingested")
