"""eventwire: news articles in, political event data out.

Library first: ``code_text`` and ``code_inputs`` are what the CLI, the API and the
tests all call.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from .config import Settings
from .errors import ConfigError, EventwireError, InputError
from .model import (
    Actor,
    Article,
    Document,
    Entity,
    Event,
    Failure,
    Place,
    Quote,
    Span,
    TimeRef,
)
from .output import to_json, to_record, validation_errors
from .pipeline import Pipeline

__version__ = "0.1.0"

__all__ = [
    "Actor", "Article", "ConfigError", "Document", "Entity", "Event", "EventwireError",
    "Failure", "InputError", "Pipeline", "Place", "Quote", "Settings", "Span", "TimeRef",
    "__version__", "code_inputs", "code_text", "to_json", "to_record", "validation_errors",
]


def code_text(
    text: str,
    *,
    published: str | None = None,
    fmt: str | None = None,
    settings: Settings | None = None,
    pipeline: Pipeline | None = None,
) -> Document:
    """Read ``text`` (any supported format, detected unless ``fmt`` says) and code it."""
    from .sources import read_text

    settings = settings or (pipeline.settings if pipeline else Settings())
    article = read_text(text, input_name="<text>", fmt=fmt, settings=settings)
    if published and not article.published:
        article.published = published
    return (pipeline or Pipeline(settings)).code(article)


def code_inputs(
    inputs: Sequence[str],
    *,
    fmt: str | None = None,
    settings: Settings | None = None,
    pipeline: Pipeline | None = None,
) -> Iterator[Document | Failure]:
    """Code files, directories, globs or ``-`` (stdin); yields a Failure for each bad input."""
    from .sources import read_inputs

    pipeline = pipeline or Pipeline(settings)
    yield from pipeline.stream(read_inputs(inputs, settings=pipeline.settings, fmt=fmt))
