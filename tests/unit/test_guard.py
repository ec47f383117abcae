"""eventwire.guard: the per-article time budget and the crash guard around the stages."""

from __future__ import annotations

import threading
import time

import pytest

from eventwire.config import Settings
from eventwire.errors import InputError
from eventwire.guard import ArticleTimeout, guarded
from eventwire.model import Article, Document, Failure
from eventwire.pipeline import STAGES, Pipeline


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


class Spinning:
    """A stage with a runaway loop on one input: pure Python, so only an alarm stops it."""

    name = "spinning"
    requires: tuple[str, ...] = ("entities",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> None:
        if "runaway" in doc.article.text:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                pass


def test_the_pipeline_stops_a_runaway_stage_with_the_alarm(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(STAGES, "spinning", Spinning)
    pipeline = Pipeline(Settings(max_seconds_per_article=0.3),
                        stages=("entities", "spinning"))
    slow = Article(text="Kenya said the runaway talks would go on.", input_name="slow.txt")
    quick = Article(text="Kenya and Uganda reopened the border on Monday.",
                    input_name="quick.txt")
    started = time.monotonic()
    first, second = pipeline.stream([slow, quick])
    assert time.monotonic() - started < 5
    assert isinstance(first, Failure) and first.input == "slow.txt"
    assert first.reason == ("coding took longer than 0.3 s (setting max_seconds_per_article); "
                            "stopped in the spinning stage")
    assert isinstance(second, Document) and second.article is quick
    with pytest.raises(ArticleTimeout):
        pipeline.code(slow)


def test_the_pipeline_turns_a_stage_crash_into_a_failure(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(STAGES, "broken", lambda settings: Broken())
    pipeline = Pipeline(Settings(), stages=("broken",))
    first, second = pipeline.stream([Article(text="Rain fell.", input_name="a.txt"),
                                     Article(text="Rain fell again.", input_name="b.txt")])
    assert first == Failure("a.txt", "internal error in the broken stage "
                                     "(IndexError: list index out of range)")
    assert isinstance(second, Failure) and second.input == "b.txt"


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
