"""The page type every list query returns, and small helpers the query modules share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

import duckdb

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a longer list: ``total`` counts every match, not just ``items``."""

    items: list[T]
    total: int
    limit: int
    offset: int


def iso(value: Any) -> Any:
    """Dates and timestamps as ISO strings; anything else unchanged."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def count(con: duckdb.DuckDBPyConnection, sql: str, params: list[object]) -> int:
    row = con.execute(sql, params).fetchone()
    return int(row[0]) if row else 0
