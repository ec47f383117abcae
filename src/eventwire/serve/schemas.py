"""The API's response and request bodies.

These are the public shapes of the REST API, kept apart from the store's row dataclasses
(``eventwire.store.query``) so the storage layout can change without changing the API.
:mod:`eventwire.serve.convert` maps one onto the other. The ``eventwire.article/1`` record
itself is modelled in :mod:`eventwire.serve.record_schema`.
"""

from __future__ import annotations

from datetime import date
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .record_schema import SpanOut

T = TypeVar("T")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Page(_Model, Generic[T]):
    """One page of a longer list; ``total`` counts every match."""

    items: list[T]
    total: int = Field(description="Matches in all, not only on this page.")
    limit: int
    offset: int


class ArticleSummary(_Model):
    id: str
    title: str | None
    published: str | None
    source: str | None
    publisher: str | None
    url: str | None
    language: str | None
    events: int
    actors: int
    quotes: int


class ActorRef(_Model):
    """One actor on one side of an event."""

    id: str
    code: str | None
    name: str
    country: str | None
    sector: str | None


class LocationOut(_Model):
    name: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    precision: str | None


class ArticleRef(_Model):
    title: str | None
    published: str | None
    source: str | None
    publisher: str | None
    url: str | None


class EventItem(_Model):
    """One coded event, its actors resolved, with the article it came from."""

    article_id: str
    event_id: str
    merged_id: str | None
    type: str
    mode: str | None
    context: list[str]
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    date: str | None = Field(description="As the text gives it: YYYY-MM-DD, YYYY-MM or YYYY.")
    day: str | None = Field(description="First day of `date`, else the publication date.")
    date_text: str | None
    source: list[ActorRef]
    target: list[ActorRef]
    location: LocationOut | None
    negated: bool
    modality: str
    reported_by: str | None
    reported_by_name: str | None
    trigger: SpanOut
    evidence: SpanOut
    confidence: float
    article: ArticleRef


class DyadPeriodOut(_Model):
    period: str
    events: int
    cooperation: int = Field(description="Events of quad class 1 or 2.")
    conflict: int = Field(description="Events of quad class 3 or 4.")
    mean_goldstein: float | None


class ActorSummary(_Model):
    code: str | None
    name: str
    country: str | None
    sector: str | None
    kb_id: str | None
    articles: int
    events: int


class QuoteItem(_Model):
    """One quote; ``start``/``end`` index the article's text."""

    article_id: str
    quote_id: str
    kind: str
    text: str
    start: int
    end: int
    speaker_id: str | None
    speaker_name: str | None
    speaker_code: str | None
    speaker_text: str | None = Field(description="The words naming the speaker.")
    cue: str | None
    title: str | None = Field(description="The article's title.")
    published: str | None


class SearchHitOut(_Model):
    article_id: str
    title: str | None
    published: str | None
    score: float
    snippet: str


class EdgeOut(_Model):
    source: str
    target: str
    events: int
    mean_goldstein: float | None


class MapPointOut(_Model):
    lat: float
    lon: float
    name: str | None
    country: str | None
    events: int


class CodeRequest(_Model):
    """Text to code; nothing is stored."""

    text: str = Field(description="The article: plain text, Markdown or HTML.")
    published: str | None = Field(
        default=None, pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="Publication date (YYYY-MM-DD) that times are resolved against.",
    )

    @field_validator("published")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        if value is not None:
            date.fromisoformat(value)  # a ValueError here becomes a 422 naming the field
        return value


class ErrorOut(_Model):
    detail: str
