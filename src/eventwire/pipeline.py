"""Builds the stages from settings and runs them over articles.

A stage is a small object with ``name``, ``requires`` (names of stages that must
run before it) and ``__call__(doc)``. Stage factories are looked up by name in
:data:`STAGES`, a registry in the style of spaCy's; the order is checked once, at
start-up, not per article.

With ``settings.workers`` above 1 a stream is coded in worker processes, each running
the whole pipeline on chunks of ``batch_size`` articles; the parent reads the input and
yields the results in input order, with at most two chunks per worker in flight.
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import os
import re
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from typing import Any, Protocol, cast
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .config import Settings
from .errors import ConfigError, InputError, WorkerDiedError
from .extract.actors import ActorStage
from .extract.entities import EntityStage
from .extract.events import EventStage
from .extract.places import PlaceStage
from .extract.quotes import QuoteStage
from .extract.times import TimeStage
from .guard import guarded
from .model import Article, Document, Failure
from .parse import load_nlp, paragraph_spans, parse_texts, sentence_spans


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]

    def __call__(self, doc: Document) -> None: ...


StageFactory = Callable[[Settings], Stage]

STAGES: dict[str, StageFactory] = {
    "entities": EntityStage,
    "actors": ActorStage,
    "places": PlaceStage,
    "times": TimeStage,
    "events": EventStage,
    "quotes": QuoteStage,
}
# Actors run before places so a name the KB knows is a person is not geocoded.
DEFAULT_STAGES: tuple[str, ...] = ("entities", "actors", "places", "times", "events",
                                   "quotes")


def register_stage(name: str, factory: StageFactory) -> None:
    """Make a stage available to :class:`Pipeline` by name."""
    STAGES[name] = factory


class Pipeline:
    """Parses articles once with spaCy, then runs each extraction stage over the Document.

    With ``settings.workers`` above 1, :meth:`stream` codes chunks of articles in that many
    worker processes, each running the whole pipeline (parse and every stage).
    """

    def __init__(
        self, settings: Settings | None = None, stages: Iterable[str] = DEFAULT_STAGES
    ) -> None:
        self.settings = settings or Settings()
        self.stage_names = tuple(stages)
        self.nlp = load_nlp(self.settings.model)
        built = [self._build(name) for name in self.stage_names]
        _check_order(built)
        # A runaway or crashing stage costs its article, not the batch, wherever the
        # pipeline runs: CLI, API, worker processes (eventwire.guard).
        self.stages = guarded(built, self.settings)

    def __reduce__(self) -> tuple[Any, ...]:
        # A worker process that was not forked (spawn) builds its own from the same recipe.
        return (type(self), (self.settings, self.stage_names))

    def _build(self, name: str) -> Stage:
        try:
            return STAGES[name](self.settings)
        except KeyError:
            raise ConfigError(f"unknown stage {name!r}; known: {', '.join(STAGES)}") from None

    def code(self, article: Article) -> Document:
        """Code one article; raises :class:`InputError` when it cannot be coded."""
        _check_codable(article, self.settings)
        parsed = next(parse_texts(self.nlp, [article.text], batch_size=1, workers=1))
        return self._annotate(article, parsed)

    def stream(self, items: Iterable[Article | Failure]) -> Iterator[Document | Failure]:
        """Code a stream in order; failures pass through and bad articles become failures.

        The input is read as it is coded: with several workers at most
        ``2 × workers`` chunks of ``batch_size`` articles are in flight at once.
        """
        if self.settings.workers > 1:
            return _stream_in_workers(self, items)
        return self.stream_here(items)

    def stream_here(self, items: Iterable[Article | Failure]) -> Iterator[Document | Failure]:
        """:meth:`stream` in this process alone, whatever ``settings.workers`` says."""
        pending: list[Article | Failure] = []

        def texts() -> Iterator[str]:
            for item in items:
                checked = self._checked(item)
                pending.append(checked)
                if isinstance(checked, Article):
                    yield checked.text

        parsed = parse_texts(self.nlp, texts(), batch_size=self.settings.batch_size, workers=1)
        for spacy_doc in parsed:
            # Failures queued ahead of this article come out first so the order holds.
            while isinstance(pending[0], Failure):
                yield cast(Failure, pending.pop(0))
            yield self._annotate_safely(cast(Article, pending.pop(0)), spacy_doc)
        yield from cast(list[Failure], pending)

    def _checked(self, item: Article | Failure) -> Article | Failure:
        if isinstance(item, Failure):
            return item
        try:
            _check_codable(item, self.settings)
        except InputError as err:
            return Failure(item.input_name, err.reason)
        return item

    def _annotate_safely(self, article: Article, parsed: object) -> Document | Failure:
        try:
            return self._annotate(article, parsed)
        except InputError as err:
            return Failure(article.input_name, err.reason)

    def _annotate(self, article: Article, parsed: object) -> Document:
        doc = Document(id=article_id(article), article=article, parse=parsed)
        doc.paragraphs = paragraph_spans(article.text)
        doc.sentences = sentence_spans(parsed, article.text)
        for stage in self.stages:
            stage(doc)
        doc.parse = None  # the spaCy Doc is large; nothing after the stages needs it
        return doc


# Per worker: one chunk being coded and one waiting, so no worker idles while the parent
# reads, and memory stays flat however long the input is.
_CHUNKS_PER_WORKER = 2


def _stream_in_workers(pipeline: Pipeline, items: Iterable[Article | Failure]
                       ) -> Iterator[Document | Failure]:
    """Chunks coded in worker processes, yielded in input order as they complete."""
    chunks = _chunks(iter(items), pipeline.settings.batch_size)
    head = list(itertools.islice(chunks, 2))
    if len(head) < 2:  # one chunk: starting processes would cost more than it saves
        yield from pipeline.stream_here(head[0] if head else [])
        return
    workers = pipeline.settings.workers
    # Not multiprocessing.Pool: when a worker dies (killed, out of memory) the executor
    # fails the run with BrokenProcessPool, where a Pool would wait for it forever.
    pool = ProcessPoolExecutor(workers, mp_context=_start_method(),
                               initializer=_WorkerState.adopt, initargs=(pipeline,))
    finished = False
    try:
        window: deque[Future[list[Document | Failure]]] = deque()
        for chunk in itertools.chain(head, chunks):
            window.append(pool.submit(_WorkerState.code, chunk))
            if len(window) >= _CHUNKS_PER_WORKER * workers:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
        finished = True
    except BrokenProcessPool as err:
        # The executor cannot say which process died or why; the OS killing it (SIGKILL
        # from the OOM killer or a user) is by far the usual cause.
        raise WorkerDiedError(
            "a worker process died (killed, or out of memory?) while coding") from err
    finally:
        # Stopped early (an error, or the consumer went away): drop the chunks not started.
        pool.shutdown(wait=finished, cancel_futures=not finished)


def cpu_cores() -> int:
    """The cores this process may run on (its CPU affinity where the OS has one): the
    default number of workers."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _start_method() -> BaseContext:
    """Fork on Linux: workers share the loaded model and knowledge bases copy-on-write
    instead of loading their own. Elsewhere the platform's default (spawn on macOS and
    Windows, where each worker rebuilds the pipeline from its settings)."""
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)


class _WorkerState:
    """The pipeline of a worker process, set once by the pool's initializer."""

    pipeline: Pipeline | None = None

    @staticmethod
    def adopt(pipeline: Pipeline) -> None:
        # Ctrl-C is the parent's to handle: it stops the run; workers just end with it.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _WorkerState.pipeline = pipeline

    @staticmethod
    def code(chunk: list[Article | Failure]) -> list[Document | Failure]:
        if _WorkerState.pipeline is None:
            raise RuntimeError("a worker process codes only after adopt()")
        return list(_WorkerState.pipeline.stream_here(chunk))


def _chunks(items: Iterator[Article | Failure], size: int) -> Iterator[list[Article | Failure]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def _check_order(stages: list[Stage]) -> None:
    seen: set[str] = set()
    for stage in stages:
        missing = [r for r in stage.requires if r not in seen]
        if missing:
            raise ConfigError(f"stage {stage.name!r} needs {', '.join(missing)} to run before it")
        seen.add(stage.name)


def _check_codable(article: Article, settings: Settings) -> None:
    if not article.text.strip():
        raise InputError(article.input_name, "no article text found")
    if len(article.text) > settings.max_text_chars:
        raise InputError(
            article.input_name,
            f"text is {len(article.text):,} characters, over the limit of "
            f"{settings.max_text_chars:,} (setting max_text_chars)",
        )
    if article.language and article.language not in settings.languages:
        raise InputError(
            article.input_name,
            f"language {article.language!r} is not coded (coded: {', '.join(settings.languages)})",
        )


_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|ocid$|cmpid$)")


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, drop ``www.``, fragments, tracking parameters, trailing '/'."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https" if parts.scheme in ("http", "https") else parts.scheme,
                       host, path, query, ""))


def article_id(article: Article) -> str:
    """sha256 of the normalised url, else of the text (the spec's stable id)."""
    basis = normalise_url(article.url) if article.url else article.text
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()
