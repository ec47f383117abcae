"""Hand-made ``eventwire.article/1`` records and a coder that returns them.

Records are built from the model classes and serialised by ``to_record``, then checked
against the schema, so a scorer test feeds the scorer exactly what the pipeline would.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from conftest import check_record
from eventwire.config import Settings
from eventwire.model import Actor, Article, Document, Entity, Event, Place, Quote, Span, TimeRef
from eventwire.output import to_record


def at(text: str, phrase: str, nth: int = 0) -> Span:
    """The span of the ``nth`` occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return Span(start, start + len(phrase), phrase)


def actor(text: str, actor_id: str, phrase: str, country: str | None = None,
          sector: str | None = None, *, code: str | None = None) -> Actor:
    s = at(text, phrase)
    return Actor(actor_id, phrase, country=country, sector=sector, code=code,
                 mentions=[(s.start, s.end)])


def event(text: str, kind: str, trigger: str, *, n: int = 1, source: Sequence[str] = (),
          target: Sequence[str] = (), confidence: float = 0.5, **extra: Any) -> Event:
    return Event(id=f"E{n}", type=kind, trigger=at(text, trigger),
                 evidence=Span(0, len(text), text), source=list(source), target=list(target),
                 confidence=confidence, **extra)


def entity(text: str, phrase: str, label: str, place: Place | None = None) -> Entity:
    s = at(text, phrase)
    return Entity(s.start, s.end, phrase, label, place=place)


def time_ref(text: str, phrase: str, value: str | None) -> TimeRef:
    s = at(text, phrase)
    return TimeRef(s.start, s.end, phrase, value)


def quote(text: str, content: str, *, n: int = 1, speaker: str | None = None,
          speaker_text: str | None = None, cue: str | None = None) -> Quote:
    s = at(text, content)
    return Quote(f"Q{n}", "direct", s.start, s.end, content, speaker=speaker,
                 speaker_text=speaker_text, cue=cue)


def record(text: str, *, published: str | None = None, **parts: Sequence[Any]) -> dict[str, Any]:
    """A valid record of ``text`` with the given entities, times, actors, events, quotes."""
    doc = Document(id=hashlib.sha256(text.encode()).hexdigest(),
                   article=Article(text=text, published=published),
                   **{k: list(v) for k, v in parts.items()})
    rec = to_record(doc)
    check_record(rec)
    return rec


class FakeCoder:
    """Returns prepared records by article text (an empty record for any other text)."""

    def __init__(self, by_text: dict[str, dict[str, Any]] | None = None) -> None:
        self.settings = Settings()
        self.by_text = by_text or {}
        self.seen: list[Article] = []
        self.actor_files: list[str] = []
        self.event_files: list[str] = []

    def __call__(self, articles: Sequence[Article]) -> list[dict[str, Any] | None]:
        self.seen.extend(articles)
        return [self.by_text.get(a.text) or record(a.text, published=a.published)
                for a in articles]

    def with_actor_files(self, files: Sequence[Path]) -> FakeCoder:
        self.actor_files.extend(Path(f).read_text(encoding="utf-8") for f in files)
        return self

    def with_event_files(self, files: Sequence[Path]) -> FakeCoder:
        self.event_files.extend(Path(f).read_text(encoding="utf-8") for f in files)
        return self
