"""Dates, publishers, bylines and language: the metadata every reader shares."""

from __future__ import annotations

import pytest

from eventwire.sources.meta import (
    detect_language,
    normalise_date,
    normalise_language,
    organisation,
    parse_byline,
    publisher_for_url,
    publishers,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-02-15", "2019-02-15"),
        ("February 15, 2019", "2019-02-15"),
        ("15 February 2019", "2019-02-15"),
        ("Feb. 15, 2019", "2019-02-15"),
        ("2019-02-15T10:30:00+03:00", "2019-02-15T10:30:00+03:00"),
        ("2019-02-15T10:30:00Z", "2019-02-15T10:30:00+00:00"),
        ("Fri, 15 Feb 2019 10:00:00 GMT", "2019-02-15T10:00:00+00:00"),
    ],
)
def test_dates_are_normalised(value: str, expected: str) -> None:
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    "value",
    ["yesterday", "February 2019", "Thursday", "2 hours ago", "", "the 1990s", "not a date"],
)
def test_incomplete_or_relative_dates_are_refused(value: str) -> None:
    assert normalise_date(value) is None


@pytest.mark.parametrize(
    ("url", "publisher"),
    [
        ("https://www.themoscowtimes.com/2019/02/15/story-a1", "The Moscow Times"),
        ("https://news.bbc.co.uk/2/hi/world.stm", "BBC"),
        ("https://www.bbc.com/news/world-1", "BBC"),
        ("http://APNEWS.com/article/x", "Associated Press"),
        ("https://edition.cnn.com/2020/01/01/x", "CNN"),
        ("https://example.org/news/1", None),
        ("not a url", None),
        ("https://[::1", None),
    ],
)
def test_publisher_from_the_url_domain(url: str, publisher: str | None) -> None:
    assert publisher_for_url(url) == publisher


def test_publisher_table_is_complete_enough() -> None:
    table = publishers()
    assert len(set(table.by_domain)) >= 60
    assert table.by_domain["reuters.com"] == "Reuters"
    assert organisation("the associated press") == "Associated Press"
    assert organisation("AFP") == "Agence France-Presse"
    assert organisation("Jane Doe") is None


def test_byline_splits_people_from_the_agency() -> None:
    byline = parse_byline("Jane Doe; Omar Haddad & Ko Min-jun, Reuters")
    assert byline.source == "Reuters"
    assert byline.authors == ["Jane Doe", "Omar Haddad", "Ko Min-jun"]
    assert parse_byline("Staffwriter").source == "Staffwriter"


@pytest.mark.parametrize(
    ("value", "code"),
    [("en", "en"), ("EN-us", "en"), ("en_GB", "en"), ("eng", "en"), ("English", "en"),
     ("deu", "de"), ("Klingonish", None)],
)
def test_language_codes(value: str, code: str | None) -> None:
    assert normalise_language(value) == code


def test_language_detection_is_confident_or_silent() -> None:
    assert detect_language(
        "Voters went to the polls on Sunday in a tight race that observers said was too close "
        "to call, and officials expect results by Tuesday."
    ) == "en"
    assert detect_language(
        "Die Wähler gingen am Sonntag zur Wahl, und die Beobachter erwarten ein knappes Ergebnis."
    ) == "de"
    assert detect_language("ok") is None
    assert detect_language("12 34 56") is None


def test_byline_part_ending_in_an_organisation_word_is_the_source() -> None:
    byline = parse_byline("Jane Doe, Lantern Wire Service")
    assert byline.source == "Lantern Wire Service"
    assert byline.authors == ["Jane Doe"]
    assert parse_byline("Eventwire Sample Desk").authors == []
