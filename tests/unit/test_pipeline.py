"""Pipeline assembly, ordering of a stream with failures, worker processes, stable ids."""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool

import pytest

from eventwire.config import Settings
from eventwire.errors import ConfigError, InputError
from eventwire.model import Article, Document, Failure
from eventwire.output import to_json
from eventwire.pipeline import Pipeline, article_id, normalise_url, register_stage


class _Needy:
    name: str = "needy"
    requires: tuple[str, ...] = ("nonexistent",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> None:
        raise AssertionError("never runs")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def test_stage_order_is_checked_at_start_up() -> None:
    register_stage("needy", _Needy)
    with pytest.raises(ConfigError, match="needs nonexistent"):
        Pipeline(stages=("entities", "needy"))
    with pytest.raises(ConfigError, match="unknown stage"):
        Pipeline(stages=("no-such-stage",))


def test_stream_keeps_order_and_turns_bad_articles_into_failures(pipeline: Pipeline) -> None:
    items: list[Article | Failure] = [
        Failure("a.txt", "unreadable"),
        Article(text="The Freedonian army crossed the border on Monday.", input_name="b.txt"),
        Article(text="   ", input_name="c.txt"),
        Article(text="Ein Text auf Deutsch.", input_name="d.txt", language="de"),
        Article(text="Protesters gathered in Lima.", input_name="e.txt"),
        Failure("f.txt", "truncated"),
    ]
    out = list(pipeline.stream(items))
    names = [o.input if isinstance(o, Failure) else o.article.input_name for o in out]
    assert names == ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt", "f.txt"]
    kinds = [type(o).__name__ for o in out]
    assert kinds == ["Failure", "Document", "Failure", "Failure", "Document", "Failure"]
    assert "no article text" in out[2].reason  # type: ignore[union-attr]
    assert "language 'de'" in out[3].reason  # type: ignore[union-attr]


def test_code_gives_sentences_that_never_cross_paragraphs(pipeline: Pipeline) -> None:
    doc = pipeline.code(Article(text="Talks ended without a deal\n\nTroops withdrew on Friday."))
    assert [s.text for s in doc.sentences] == ["Talks ended without a deal",
                                               "Troops withdrew on Friday."]
    assert [p.text for p in doc.paragraphs] == [s.text for s in doc.sentences]
    assert doc.parse is None


def test_code_refuses_oversized_text() -> None:
    small = Pipeline(Settings(max_text_chars=10))
    with pytest.raises(InputError, match="max_text_chars"):
        small.code(Article(text="x" * 11, input_name="big.txt"))


def test_ids_are_stable_over_url_variants() -> None:
    a = normalise_url("HTTP://www.Example.org/story/?utm_source=x&id=3#top")
    assert a == "https://example.org/story?id=3"
    one = article_id(Article(text="one", url="https://example.org/story/"))
    two = article_id(Article(text="two", url="http://www.example.org/story"))
    assert one == two
    assert article_id(Article(text="one")) != article_id(Article(text="two"))


_STORIES = (
    "Turkish troops shelled Kurdish positions in northern Syria on Tuesday, the army said.",
    "The European Union imposed new sanctions on Russia's central bank.\n\n"
    "\"We will not back down,\" Ursula von der Leyen told reporters in Brussels on Monday.",
    "Protesters clashed with police in Santiago after the government raised fares.",
    "Iran and Saudi Arabia agreed to restore diplomatic relations, China said on Friday.",
    "Rebels attacked a convoy near Goma last week, killing three soldiers.",
    "Japan's prime minister met President Joe Biden in Washington on Jan. 13, 2023.",
    "Israeli warplanes struck targets in Gaza overnight, the military said.",
)


def _mixed_stream() -> list[Article | Failure]:
    items: list[Article | Failure] = [Failure("unreadable.bin", "not a known format")]
    for n, text in enumerate(_STORIES):
        items.append(Article(text=text, input_name=f"s{n}.txt", published="2023-01-16"))
        if n == 3:
            items += [Article(text=" ", input_name="empty.txt"), Failure("cut.gz", "truncated")]
    return items


def _as_lines(items: list[Document | Failure]) -> list[str]:
    return [item.line() if isinstance(item, Failure) else to_json(item, indent=None)
            for item in items]


def test_worker_processes_give_the_same_output_as_one_process() -> None:
    # batch_size 2 cuts the 10 items into 5 chunks, so several go to each worker.
    one = Pipeline(Settings(workers=1, batch_size=2))
    two = Pipeline(Settings(workers=2, batch_size=2))
    expected = _as_lines(list(one.stream(_mixed_stream())))
    assert _as_lines(list(two.stream(_mixed_stream()))) == expected
    assert sum(line.startswith("{") for line in expected) == len(_STORIES)
    assert [line for line in expected if not line.startswith("{")] == [
        "unreadable.bin: not a known format", "empty.txt: no article text found",
        "cut.gz: truncated"]


def test_worker_processes_read_the_input_only_as_far_as_they_code_it() -> None:
    pipeline = Pipeline(Settings(workers=2, batch_size=2))
    taken: list[int] = []

    def articles() -> Iterator[Article | Failure]:
        for n in range(40):
            taken.append(n)
            yield Article(text=_STORIES[n % len(_STORIES)], input_name=f"a{n}.txt")

    results = pipeline.stream(articles())
    first = next(results)
    # At most two chunks of batch_size per worker are in flight when the first comes back.
    assert isinstance(first, Document) and first.article.input_name == "a0.txt"
    assert len(taken) <= 2 * 2 * 2
    rest = list(results)
    assert len(rest) == 39 and len(taken) == 40


def test_a_single_chunk_is_coded_without_worker_processes() -> None:
    pipeline = Pipeline(Settings(workers=2))
    out = list(pipeline.stream([Article(text=_STORIES[0], input_name="one.txt")]))
    assert [type(o).__name__ for o in out] == ["Document"]
    assert multiprocessing.active_children() == []


def test_a_pipeline_pickles_as_its_recipe_for_spawned_workers() -> None:
    pipeline = Pipeline(Settings(workers=3, batch_size=7), stages=("entities", "actors"))
    copy = pickle.loads(pickle.dumps(pipeline))
    assert (copy.settings, copy.stage_names) == (pipeline.settings, ("entities", "actors"))
    assert [s.name for s in copy.stages] == ["entities", "actors"]


class _Crash:
    """A stage whose process dies on one article, as an out-of-memory kill would end it."""

    name: str = "crash"
    requires: tuple[str, ...] = ()

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, doc: Document) -> None:
        if doc.article.input_name == "fatal.txt":
            os._exit(9)


def test_a_worker_that_dies_fails_the_run_instead_of_hanging_it() -> None:
    register_stage("crash", _Crash)
    pipeline = Pipeline(Settings(workers=2, batch_size=1), stages=("crash",))
    items: list[Article | Failure] = [Article(text=t, input_name=f"{n}.txt")
                                      for n, t in enumerate(_STORIES[:3])]
    items.insert(2, Article(text="Talks resumed in Geneva.", input_name="fatal.txt"))
    with pytest.raises(BrokenProcessPool):
        list(pipeline.stream(items))
