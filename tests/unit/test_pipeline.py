"""Pipeline assembly, ordering of a stream with failures, and stable ids."""

from __future__ import annotations

import pytest

from eventwire.config import Settings
from eventwire.errors import ConfigError, InputError
from eventwire.model import Article, Document, Failure
from eventwire.pipeline import Pipeline, article_id, normalise_url, register_stage


class _Needy:
    name = "needy"
    requires = ("nonexistent",)

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
