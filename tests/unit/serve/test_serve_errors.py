"""Validation errors become one readable line."""

from __future__ import annotations

from eventwire.serve.errors import describe


def test_describe_names_where_and_what() -> None:
    errors = [
        {"loc": ("query", "limit"), "msg": "Input should be less than or equal to 500"},
        {"loc": ("body", "published"), "msg": "Value error, Invalid isoformat string"},
        {"loc": ("body",), "msg": "Field required"},
    ]
    assert describe(errors) == (
        "query parameter 'limit': Input should be less than or equal to 500; "
        "body field 'published': Invalid isoformat string; body field: Field required")


def test_describe_without_errors() -> None:
    assert describe([]) == "the request is not valid"
