"""eventwire.guard: the per-article time budget and the crash guard around the stages."""

from __future__ import annotations

import threading
import time

import pytest

from eventwire.config import Settings
from eventwire.errors import InputError
from eventwire.guard import ArticleTimeout, guarded
from eventwire.model import Article, Document, Failure
from eventwire.pipeline import Pipeline

NAMES = [f"{first} {last}" for last in ("Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad",
                                          "Brennan", "Silva", "Novak", "Mensah", "Petrov")
         for first in ("Anna", "Boris", "Carla", "David", "Elena", "Farid", "Grace", "Hugo")]


class Broken:
    """A stage with a bug that one input trips."""

    name = "broken"
    requires: tuple[str, ...] = ()

    def __call__(self, doc: Document) -> None:
        doc.entities.append(doc.entities[0])  # IndexError on an article without entities


class Sleepy:
    """A stage that takes its time in a call no alarm can reach from a worker thread."""

    requires: tuple[str, ...] = ()

    def __init__(self, name: str, seconds: float) -> None:
        self.name = name
        self.seconds = seconds

    def __call__(self, doc: Document) -> None:
        time.sleep(self.seconds)


def document(text: str = "Rain fell.") -> Document:
    return Document(id="x", article=Article(text=text, input_name="story.txt"))


def test_a_stage_error_fails_the_article_with_its_stage_and_error() -> None:
    [stage] = guarded([Broken()], Settings())
    with pytest.raises(InputError) as caught:
        stage(document())
    assert caught.value.input_name == "story.txt"
    assert caught.value.reason == ("internal error in the broken stage "
                                   "(IndexError: list index out of range)")


def test_a_runaway_stage_is_stopped_by_the_alarm() -> None:
    settings = Settings(max_seconds_per_article=0.3)
    pipeline = Pipeline(settings)
    pipeline.stages = guarded(pipeline.stages, settings)
    # The actor stage is quadratic in a list of names this long (about 8 s unguarded).
    slow = Article(text="Delegates " + ", ".join(NAMES * 12) + " met in Geneva.",
                   input_name="slow.txt")
    quick = Article(text="Kenya and Uganda reopened the border on Monday.",
                    input_name="quick.txt")
    started = time.monotonic()
    first, second = pipeline.stream([slow, quick])
    assert time.monotonic() - started < 5
    assert isinstance(first, Failure) and first.input == "slow.txt"
    assert first.reason.startswith("coding took longer than 0.3 s (setting "
                                   "max_seconds_per_article); stopped in the ")
    assert isinstance(second, Document) and second.article is quick


def test_without_an_alarm_the_budget_is_checked_between_stages() -> None:
    stages = guarded([Sleepy("first", 0.3), Sleepy("second", 0.0)],
                     Settings(max_seconds_per_article=0.1))
    caught: list[BaseException] = []

    def run() -> None:  # signals reach the main thread only: no alarm here
        doc = document()
        try:
            for stage in stages:
                stage(doc)
        except ArticleTimeout as err:
            caught.append(err)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(timeout=10)
    [err] = caught
    assert str(err) == ("story.txt: coding took longer than 0.1 s (setting "
                        "max_seconds_per_article); stopped before the second stage")


def test_no_limit_and_a_fast_article_pass_through() -> None:
    doc = document()
    for limit in (0.0, 30.0):
        for stage in guarded([Sleepy("only", 0.0)], Settings(max_seconds_per_article=limit)):
            stage(doc)
    assert doc.entities == []
