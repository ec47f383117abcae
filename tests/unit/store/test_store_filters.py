"""Date bounds and the SQL the event filter builds."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.errors import InputError
from eventwire.store.filters import EventFilter, date_bound, event_where, text_match
from eventwire.store.rows import first_day


@pytest.mark.parametrize(("value", "start", "end"), [
    ("2019", date(2019, 1, 1), date(2019, 12, 31)),
    ("2020-02", date(2020, 2, 1), date(2020, 2, 29)),
    ("2019-04-02", date(2019, 4, 2), date(2019, 4, 2)),
])
def test_date_bounds_cover_the_whole_period(value: str, start: date, end: date) -> None:
    assert date_bound(value, name="d", end=False) == start
    assert date_bound(value, name="d", end=True) == end


@pytest.mark.parametrize("value", ["", "19", "2019-2", "2019-02-30", "2019-00", "yesterday"])
def test_bad_date_bounds_name_the_parameter(value: str) -> None:
    with pytest.raises(InputError) as info:
        date_bound(value, name="date_from", end=False)
    assert info.value.input_name == "date_from"


def test_an_empty_filter_is_true() -> None:
    where = event_where(EventFilter(), fts=True)
    assert (where.sql, where.params) == ("TRUE", [])


def test_values_travel_as_parameters_only() -> None:
    f = EventFilter(actor="A'; DROP TABLE events; --", country="syr", type="x", quad_class=2,
                    date_from="2019", date_to="2019-05", place="p", q="words")
    where = event_where(f, fts=True)
    assert "DROP" not in where.sql and "syr" not in where.sql.lower()
    assert where.sql.count("?") == len(where.params)
    assert "SYR" in where.params and date(2019, 5, 31) in where.params


def test_text_match_without_an_index_falls_back_to_substring() -> None:
    assert "match_bm25" in text_match("q", fts=True).sql
    assert "contains" in text_match("q", fts=False).sql


@pytest.mark.parametrize(("value", "expected"), [
    ("2019-04-02", date(2019, 4, 2)), ("2019-04", date(2019, 4, 1)), ("2019", date(2019, 1, 1)),
    ("2019-04-02T10:30:00Z", date(2019, 4, 2)), ("2019-02-30", None), ("soon", None), (None, None),
])
def test_first_day(value: str | None, expected: date | None) -> None:
    assert first_day(value) == expected
