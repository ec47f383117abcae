"""Per-article guards around the extraction stages: a time budget and a crash guard.

Both turn what would stop a whole batch into an :class:`InputError` for the one article,
which :meth:`Pipeline.stream` already reports as a Failure while the batch goes on.

Why a signal alarm for the time budget: the stages are Python (regular expressions, loops
over spaCy tokens) running in the main process. CPython runs a signal handler between
bytecodes and ``re`` checks for signals while it matches, so ``SIGALRM`` stops a runaway
stage wherever it spins. A watchdog thread could only notice, never stop it, and a process
per article would pickle every spaCy Doc. Where no alarm can be set (not the main thread,
no ``setitimer``, or a timer someone else already runs), the budget is still checked
between stages, so an article over it stops at the next stage boundary.

Not covered: spaCy's own parse, which runs in batches inside ``nlp.pipe`` and is bounded
by ``max_text_chars`` instead; and time spent in a C call that never returns to Python.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType
from typing import TYPE_CHECKING

from .config import Settings
from .errors import InputError
from .model import Document

if TYPE_CHECKING:  # the pipeline applies these guards: a runtime import would be a cycle
    from .pipeline import Stage


class ArticleTimeout(InputError):
    """An article whose stages ran past ``max_seconds_per_article``."""


@dataclass
class _Clock:
    """When the current article's first stage started; shared by every stage of a pipeline."""

    limit: float
    started: float = field(default=0.0)

    def start(self) -> None:
        self.started = time.monotonic()

    def remaining(self) -> float:
        return self.limit - (time.monotonic() - self.started)


@dataclass
class GuardedStage:
    """A stage run under the article's time budget, its unexpected errors made InputErrors."""

    stage: Stage
    clock: _Clock
    first: bool
    name: str = field(init=False)
    requires: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        self.name = self.stage.name
        self.requires = self.stage.requires

    def __call__(self, doc: Document) -> None:
        if self.first:
            self.clock.start()
        limited = self.clock.limit > 0
        remaining = self.clock.remaining()
        if limited and remaining <= 0:
            raise ArticleTimeout(doc.article.input_name, self._over_time("before"))
        try:
            with _alarm(remaining if limited else 0.0, doc.article.input_name,
                        self._over_time("in")):
                self.stage(doc)
        except InputError:
            raise
        except Exception as err:
            # A bug meeting odd input must cost that article, not the batch; the reason
            # names the stage and the error so it can be reproduced and fixed.
            detail = str(err).strip().splitlines()[0][:200] if str(err).strip() else ""
            raise InputError(doc.article.input_name,
                             f"internal error in the {self.name} stage "
                             f"({type(err).__name__}{': ' if detail else ''}{detail})") from err

    def _over_time(self, where: str) -> str:
        return (f"coding took longer than {self.clock.limit:g} s (setting "
                f"max_seconds_per_article); stopped {where} the {self.name} stage")


def guarded(stages: Sequence[Stage], settings: Settings) -> list[Stage]:
    """``stages`` wrapped so that each article has ``settings.max_seconds_per_article`` in all
    and an unexpected exception in a stage fails that article only."""
    clock = _Clock(settings.max_seconds_per_article)
    return [GuardedStage(stage, clock, first=i == 0) for i, stage in enumerate(stages)]


@contextmanager
def _alarm(seconds: float, input_name: str, reason: str) -> Iterator[None]:
    """Raise ArticleTimeout in the main thread after ``seconds`` (none when 0 or impossible)."""
    if seconds <= 0 or not _can_alarm():
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise ArticleTimeout(input_name, reason)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _can_alarm() -> bool:
    if not hasattr(signal, "setitimer"):
        return False
    if threading.current_thread() is not threading.main_thread():
        return False
    # Someone else's timer (pytest-timeout, an application's own alarm) is left alone.
    return signal.getitimer(signal.ITIMER_REAL)[0] == 0
