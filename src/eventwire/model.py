"""The records every stage reads and writes.

One :class:`Document` carries the clean article text and every annotation as
``[start, end)`` character offsets into ``article.text`` (the way spaCy's Doc and
Span work). Stages add to a Document; none re-reads the source. The public
``eventwire.article/1`` record is a serialisation of a Document (see ``output.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Modality = Literal["asserted", "future", "hypothetical", "proposed", "denied"]
QuoteKind = Literal["direct", "indirect", "mixed", "partial"]


@dataclass(frozen=True, slots=True)
class Span:
    """A ``[start, end)`` slice of the article text."""

    start: int
    end: int
    text: str


@dataclass(slots=True)
class Article:
    """What a reader extracts from one input: clean body text plus metadata.

    ``text`` holds the body only: paragraphs separated by one blank line, no title,
    byline, credits, related-article lines, urls or page furniture.
    """

    text: str
    input_name: str = "<text>"
    title: str | None = None
    published: str | None = None
    source: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    url: str | None = None
    language: str | None = None
    record_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Failure:
    """One input that could not be read or coded, with a one-line reason."""

    input: str
    reason: str

    def line(self) -> str:
        return f"{self.input}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    precision: str  # "country" | "admin1" | "city" | "feature"


@dataclass(slots=True)
class Entity:
    start: int
    end: int
    text: str
    label: str
    actor: str | None = None
    place: Place | None = None


@dataclass(slots=True)
class TimeRef:
    start: int
    end: int
    text: str
    value: str | None  # YYYY-MM-DD | YYYY-MM | YYYY | None


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    kb_id: str | None = None
    role: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    id: str
    type: str
    trigger: Span
    evidence: Span
    cameo: str | None = None
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    quad_class: int | None = None
    goldstein: float | None = None
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    date: str | None = None
    date_text: str | None = None
    location: Place | None = None
    negated: bool = False
    modality: Modality = "asserted"
    reported_by: str | None = None
    confidence: float = 0.5


@dataclass(slots=True)
class Quote:
    id: str
    kind: QuoteKind
    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_text: str | None = None
    cue: str | None = None
    addressees: list[str] = field(default_factory=list)
    addressee_text: str | None = None


@dataclass(slots=True)
class Document:
    """An article under annotation. ``parse`` holds the spaCy Doc and is never serialised."""

    id: str
    article: Article
    paragraphs: list[Span] = field(default_factory=list)
    sentences: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    parse: Any = None

    @property
    def text(self) -> str:
        return self.article.text

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.article.text[start:end])

    def actor(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)
