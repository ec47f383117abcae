"""Property tests of the readers and the coder (issue #9, item 2).

For any text hypothesis draws (arbitrary Unicode, quote-mark soup, long enumerations of
names, mixed newline conventions) the real pipeline either codes it into a record that
validates against ``eventwire.article/1`` with every offset holding, or refuses it with
eventwire's own InputError; no other exception escapes.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from eventwire.errors import InputError
from eventwire.model import Article, Document
from eventwire.output import to_record, validation_errors
from eventwire.pipeline import Pipeline
from eventwire.sources import read_text

# Few examples and no deadline: each one runs spaCy and every stage; together about 30 s.
PROPERTY = examples(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

QUOTES = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e",
          "\u2039", "\u203a", "``", "''"]
WORDS = ["the minister", "said", "Putin", "Ukraine", "told reporters", "on Monday", "we will",
         "not", "talks", "NATO", "attacked", "Kyiv", ",", ".", ":", "-", "\u2014", "(", ")"]
FIRST = ["Anna", "Boris", "Li", "Jean-Luc", "O'Neil", "Mar\u00eda", "Ahmed", "Zelensky"]
LAST = ["Smith", "Okafor", "Wang", "de la Cruz", "Al-Sayed", "Nguyen", "Biden", "Macron"]
NEWLINES = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", "\u2028", "\u2029", "\x0b", "\x0c",
            "\x85", "\n \n", "\t"]

unicode_text = st.text(max_size=1_500)
quote_soup = st.lists(st.sampled_from([*QUOTES, *WORDS, " ", " ", "\n\n"]),
                      max_size=300).map(" ".join)
names = st.builds(lambda first, last: f"{first} {last}", st.sampled_from(FIRST),
                  st.sampled_from(LAST))
enumeration = st.builds(
    lambda lead, people, tail: f"{lead} {', '.join(people[:-1])} and {people[-1]} {tail}",
    st.sampled_from(["Talks were held between", "The delegations of", "Police arrested"]),
    st.lists(names, min_size=2, max_size=150),
    st.sampled_from(["in Geneva on Monday.", "said.", "", "\u201cwe agree,\u201d they said."]),
)
sentences = st.lists(st.sampled_from([
    "Russia attacked Ukraine on Monday.", "\u201cWe will not yield,\u201d Zelensky said.",
    "NATO ministers met in Brussels.", "The talks, he said, were over", "# Heading",
]), min_size=1, max_size=12)
mixed_newlines = st.builds(
    lambda parts, breaks: "".join(p + breaks[i % len(breaks)] for i, p in enumerate(parts)),
    sentences, st.lists(st.sampled_from(NEWLINES), min_size=1, max_size=6))
any_text = st.one_of(unicode_text, quote_soup, enumeration, mixed_newlines)


def assert_codes_or_refuses(pipeline: Pipeline, article: Article) -> None:
    try:
        doc = pipeline.code(article)
    except InputError as err:
        assert err.reason and "\n" not in err.reason
        return
    assert validation_errors(to_record(doc)) == []
    assert_spans_hold(doc)


def assert_spans_hold(doc: Document) -> None:
    """What the record does not carry: paragraph and sentence spans, actor mentions."""
    text = doc.text
    for span in [*doc.paragraphs, *doc.sentences]:
        assert 0 <= span.start < span.end <= len(text) and text[span.start:span.end] == span.text
    for actor in doc.actors:
        assert all(0 <= s < e <= len(text) for s, e in actor.mentions)


@PROPERTY
@given(text=any_text)
def test_any_text_coded_directly(pipeline: Pipeline, text: str) -> None:
    assert_codes_or_refuses(pipeline, Article(text=text, input_name="<property>"))


@PROPERTY
@given(text=any_text, fmt=st.sampled_from([None, "text", "markdown", "html", "json"]))
def test_any_text_read_then_coded(pipeline: Pipeline, text: str, fmt: str | None) -> None:
    try:
        article = read_text(text, input_name="<property>", fmt=fmt, settings=pipeline.settings)
    except InputError as err:
        assert err.input_name == "<property>" and err.reason and "\n" not in err.reason
        return
    assert article.text.strip()
    assert_codes_or_refuses(pipeline, article)


@PROPERTY
@given(texts=st.lists(any_text, min_size=1, max_size=6))
def test_a_stream_keeps_every_item(pipeline: Pipeline, texts: list[str]) -> None:
    """Pipeline.stream: one result per article, in order, each a valid Document or Failure."""
    articles = [Article(text=t, input_name=f"<{i}>") for i, t in enumerate(texts)]
    results = list(pipeline.stream(articles))
    assert len(results) == len(articles)
    for article, result in zip(articles, results, strict=True):
        if isinstance(result, Document):
            assert result.article is article
            assert validation_errors(to_record(result)) == []
            assert_spans_hold(result)
        else:
            assert result.input == article.input_name and "\n" not in result.reason
