"""How scorers get gold texts coded: through the normal pipeline, nothing special.

A scorer receives a :class:`Coder` and never builds a Pipeline itself, so one
pipeline serves a whole run and unit tests can pass a coder that returns
hand-written records (dependency injection, not mocking).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from ..config import Settings
from ..model import Article, Document
from ..output import to_record
from ..pipeline import Pipeline

Record = dict[str, Any]


class Coder(Protocol):
    """Codes articles into ``eventwire.article/1`` records; None where an article failed."""

    settings: Settings

    def __call__(self, articles: Sequence[Article]) -> list[Record | None]: ...

    def with_actor_files(self, files: Sequence[Path]) -> Coder:
        """A coder that also knows the actors in ``files`` (actor-KB TSV format)."""
        ...

    def with_event_files(self, files: Sequence[Path]) -> Coder:
        """A coder that also uses the trigger patterns in ``files`` (patterns.tsv format)."""
        ...


class PipelineCoder:
    """The real coder: one :class:`Pipeline`, articles streamed in batches."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.pipeline = Pipeline(self.settings)

    def __call__(self, articles: Sequence[Article]) -> list[Record | None]:
        # stream() keeps the input order and turns a bad article into a Failure in place.
        return [to_record(item) if isinstance(item, Document) else None
                for item in self.pipeline.stream(articles)]

    def with_actor_files(self, files: Sequence[Path]) -> PipelineCoder:
        # The spaCy model is cached per process, so a second Pipeline costs only its stages.
        return PipelineCoder(self.settings.with_(
            actor_files=(*self.settings.actor_files, *files)))

    def with_event_files(self, files: Sequence[Path]) -> PipelineCoder:
        return PipelineCoder(self.settings.with_(
            event_files=(*self.settings.event_files, *files)))
