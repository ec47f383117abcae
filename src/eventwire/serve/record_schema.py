"""Pydantic models of the ``eventwire.article/1`` record, for the API's responses and docs.

They mirror docs/article-json.md field for field; the record dict is validated against
them on the way out, so the OpenAPI schema documents exactly what is sent.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    # Keys a later record version adds pass through rather than being dropped.
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class PlaceOut(_Out):
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    precision: str


class SpanOut(_Out):
    start: int
    end: int
    text: str


class ArticleMetaOut(_Out):
    title: str | None
    published: str | None
    source: str | None
    publisher: str | None
    authors: list[str]
    credits: list[str]
    url: str | None
    language: str | None
    text: str


class EntityOut(_Out):
    start: int
    end: int
    text: str
    label: str
    actor: str | None
    # Present only for resolved toponyms; responses omit unset fields, so the key is absent.
    place: PlaceOut | None = None


class TimeOut(_Out):
    start: int
    end: int
    text: str
    value: str | None


class ActorOut(_Out):
    id: str
    name: str
    country: str | None
    sector: str | None
    code: str | None
    kb_id: str | None
    role: str | None
    mentions: list[tuple[int, int]]


class EventOut(_Out):
    id: str
    type: str
    mode: str | None
    context: list[str]
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    source: list[str]
    target: list[str]
    date: str | None
    date_text: str | None
    location: PlaceOut | None
    negated: bool
    modality: str
    reported_by: str | None
    trigger: SpanOut
    evidence: SpanOut
    confidence: float


class QuoteOut(_Out):
    id: str
    kind: str
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_text: str | None
    cue: str | None
    addressees: list[str]
    addressee_text: str | None


class ArticleRecord(_Out):
    """One coded article, ``eventwire.article/1``: every span indexes ``article.text``."""

    # "schema" would shadow a BaseModel attribute, so the field carries it as an alias.
    schema_: str = Field(alias="schema")
    id: str
    article: ArticleMetaOut
    entities: list[EntityOut]
    times: list[TimeOut]
    actors: list[ActorOut]
    events: list[EventOut]
    quotes: list[QuoteOut]
