"""Read-only questions the API, the web pages and the exports ask the store.

Each function takes a DuckDB connection (``Store.con`` or :func:`eventwire.store.connect`,
which loads the full-text extension) and returns typed rows. All SQL is parameterised.
Streaming helpers read through a cursor of their own, in chunks, and sort the store a slice
at a time (``slices``), so memory stays flat however large the store grows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

import duckdb

from ..errors import InputError
from .connect import FTS_SCHEMA, has_fts_index
from .filters import EventFilter, Where, check_page, event_where, text_match
from .paging import Page, count, iso
from .query_rows import ActorRow, Edge, MapPoint, QuoteRow, list_actors, list_quotes, network
from .slices import SortedScan, iter_sorted

__all__ = [
    "ActorRow",
    "ArticleRow",
    "DyadPeriod",
    "Edge",
    "EventFilter",
    "EventRow",
    "MapPoint",
    "Page",
    "QuoteRow",
    "SearchHit",
    "SortedScan",
    "dyads",
    "get_article",
    "iter_events",
    "iter_record_texts",
    "iter_records",
    "list_actors",
    "list_articles",
    "list_events",
    "list_quotes",
    "map_points",
    "network",
    "search",
]

@dataclass(frozen=True)
class EventRow:
    """One stored event with its article's metadata; also the columns of the csv export.

    Actor lists are parallel: element *i* of ``source_codes``, ``source_names``... describes the
    *i*-th source actor. ``day`` and ``published`` are ISO dates.
    """

    article_id: str
    event_id: str
    merged_id: str | None
    date: str | None
    day: str | None
    date_text: str | None
    type: str
    mode: str | None
    context: list[str]
    cameo: str | None
    quad_class: int | None
    goldstein: float | None
    source_ids: list[str]
    source_codes: list[str | None]
    source_names: list[str]
    source_countries: list[str | None]
    source_sectors: list[str | None]
    target_ids: list[str]
    target_codes: list[str | None]
    target_names: list[str]
    target_countries: list[str | None]
    target_sectors: list[str | None]
    location_name: str | None
    location_country: str | None
    location_admin1: str | None
    location_lat: float | None
    location_lon: float | None
    location_geonames_id: int | None
    location_precision: str | None
    negated: bool
    modality: str
    reported_by: str | None
    reported_by_name: str | None
    trigger_start: int
    trigger_end: int
    trigger_text: str
    evidence_start: int
    evidence_end: int
    evidence_text: str
    confidence: float
    title: str | None
    published: str | None
    article_source: str | None
    publisher: str | None
    url: str | None


EVENT_COLUMNS = tuple(f.name for f in fields(EventRow))
_ARTICLE_COLUMNS = {"title", "published", "publisher", "url"}
# The SELECT list behind EventRow: event columns from ``e``, article columns from ``a``.
EVENT_SELECT = ", ".join(
    "a.source AS article_source" if c == "article_source"
    else f"a.{c}" if c in _ARTICLE_COLUMNS else f"e.{c}"
    for c in EVENT_COLUMNS
)
EVENT_FROM = "events e JOIN articles a ON a.id = e.article_id"
EVENT_ORDER = "e.day DESC NULLS LAST, e.article_id, e.evidence_start, e.trigger_start"
# Exports and streams go oldest first.
EVENT_ORDER_ASC = "e.day NULLS LAST, e.article_id, e.evidence_start, e.trigger_start"
# Every event with its article's metadata, oldest first: the csv and parquet exports' rows,
# read a slice at a time (``slices``); a row is a kilobyte or two.
EVENT_SCAN = SortedScan(EVENT_SELECT, EVENT_FROM, "e.day", "e.article_id", EVENT_ORDER_ASC,
                        row_bytes=2048)
# Articles (alias ``a``) oldest first; ``.select(...)`` picks the columns. A stored record (the
# text and every annotation) is some kilobytes to some tens: the first slice guesses high.
ARTICLE_SCAN = SortedScan("a.record", "articles a", "a.published", "a.id",
                          "a.published NULLS LAST, a.id", row_bytes=64 << 10)


@dataclass(frozen=True)
class ArticleRow:
    id: str
    title: str | None
    published: str | None
    source: str | None
    publisher: str | None
    url: str | None
    language: str | None
    events: int
    actors: int
    quotes: int


@dataclass(frozen=True)
class SearchHit:
    article_id: str
    title: str | None
    published: str | None
    score: float
    snippet: str


@dataclass(frozen=True)
class DyadPeriod:
    """Events between two sides in one period; cooperation is quad class 1-2, conflict 3-4."""

    period: str
    events: int
    cooperation: int
    conflict: int
    mean_goldstein: float | None


def list_events(con: duckdb.DuckDBPyConnection, f: EventFilter) -> Page[EventRow]:
    """Events matching ``f``, newest first."""
    check_page(f.limit, f.offset)
    where = event_where(f, fts=has_fts_index(con))
    total = count(con, f"SELECT count(*) FROM {EVENT_FROM} WHERE {where.sql}", where.params)
    rows = con.execute(
        f"SELECT {EVENT_SELECT} FROM {EVENT_FROM} WHERE {where.sql} ORDER BY {EVENT_ORDER}"
        " LIMIT ? OFFSET ?", [*where.params, f.limit, f.offset]).fetchall()
    return Page([EventRow(*map(iso, row)) for row in rows], total, f.limit, f.offset)


def iter_events(
    con: duckdb.DuckDBPyConnection, f: EventFilter | None = None, *, chunk_size: int = 1000
) -> Iterator[EventRow]:
    """Every event matching ``f`` (its limit and offset ignored), oldest first, in chunks."""
    scan = EVENT_SCAN.matching(event_where(f, fts=has_fts_index(con))) if f else EVENT_SCAN
    for chunk in iter_sorted(con, scan, chunk_size=chunk_size):
        yield from (EventRow(*map(iso, row)) for row in chunk)


def iter_record_texts(con: duckdb.DuckDBPyConnection, *, chunk_size: int = 500) -> Iterator[str]:
    """Each stored ``eventwire.article/1`` record as its JSON text, oldest article first."""
    for chunk in iter_sorted(con, ARTICLE_SCAN, chunk_size=chunk_size):
        yield from (str(row[0]) for row in chunk)


def iter_records(
    con: duckdb.DuckDBPyConnection, *, chunk_size: int = 500
) -> Iterator[dict[str, Any]]:
    """Each stored ``eventwire.article/1`` record, oldest article first."""
    for text in iter_record_texts(con, chunk_size=chunk_size):
        record: dict[str, Any] = json.loads(text)
        yield record


def get_article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """The stored ``eventwire.article/1`` record, or None when no article has that id."""
    row = con.execute("SELECT record FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is None:
        return None
    record: dict[str, Any] = json.loads(row[0])
    return record


def list_articles(
    con: duckdb.DuckDBPyConnection, q: str | None = None, limit: int = 50, offset: int = 0
) -> Page[ArticleRow]:
    """Articles, newest first; with ``q``, those matching it, best match first."""
    check_page(limit, offset)
    fts = has_fts_index(con)
    where = text_match(q, fts=fts) if q else Where()
    order = "a.published DESC NULLS LAST, a.id"
    params: list[object] = list(where.params)
    if q and fts:
        order = f"{FTS_SCHEMA}.match_bm25(a.id, ?) DESC, a.id"
        params.append(q)
    total = count(con, f"SELECT count(*) FROM articles a WHERE {where.sql}", where.params)
    rows = con.execute(
        "SELECT a.id, a.title, a.published, a.source, a.publisher, a.url, a.language"
        f" FROM articles a WHERE {where.sql} ORDER BY {order} LIMIT ? OFFSET ?",
        [*params, limit, offset]).fetchall()
    ids = [row[0] for row in rows]
    counts = {t: _counts_by_article(con, t, ids) for t in ("events", "actors", "quotes")}
    items = [ArticleRow(*map(iso, row), *(counts[t].get(row[0], 0) for t in counts))
             for row in rows]
    return Page(items, total, limit, offset)


def _counts_by_article(
    con: duckdb.DuckDBPyConnection, table: str, ids: list[str]
) -> dict[str, int]:
    # ``table`` is one of this module's fixed names, never caller input.
    rows = con.execute(f"SELECT article_id, count(*) FROM {table}"
                       " WHERE list_contains(?, article_id) GROUP BY article_id", [ids]).fetchall()
    return {str(r[0]): int(r[1]) for r in rows}


def search(con: duckdb.DuckDBPyConnection, q: str, limit: int = 20) -> list[SearchHit]:
    """Articles whose title or text match ``q`` (BM25 over the full-text index), best first."""
    check_page(limit, 0)
    if not q.strip() or not has_fts_index(con):
        return []
    rows = con.execute(
        f"SELECT id, title, published, text, score FROM (SELECT *, {FTS_SCHEMA}.match_bm25(id, ?)"
        " AS score FROM articles) WHERE score IS NOT NULL ORDER BY score DESC, id LIMIT ?",
        [q, limit]).fetchall()
    return [SearchHit(r[0], r[1], iso(r[2]), float(r[4]), snippet(r[3], q)) for r in rows]


def snippet(text: str, q: str, width: int = 160) -> str:
    """About ``width`` characters of ``text`` around the first word of ``q`` found in it."""
    lowered = text.lower()
    at = -1
    for word in re.findall(r"\w+", q.lower()):
        # The index stems words, so "talks" matched "talk": look for the stem-ish prefix too.
        for probe in (word, word[: max(4, len(word) - 2)]):
            found = re.search(rf"\b{re.escape(probe)}", lowered)
            if found:
                at = found.start()
                break
        if at >= 0:
            break
    start = max(0, at - width // 3) if at >= 0 else 0
    piece = " ".join(text[start:start + width].split())
    return ("…" if start > 0 else "") + piece + ("…" if start + width < len(text) else "")


_PERIODS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}


def dyads(
    con: duckdb.DuckDBPyConnection, a: str, b: str, by: str = "month"
) -> list[DyadPeriod]:
    """Events between ``a`` and ``b`` (country or actor codes) in either direction, per period.

    ``by`` is ``day``, ``week`` (periods named by their Monday), ``month`` or ``year``.
    """
    if by == "week":
        period = "strftime(date_trunc('week', e.day), '%Y-%m-%d')"
    elif by in _PERIODS:
        period = f"strftime(e.day, '{_PERIODS[by]}')"
    else:
        raise InputError("by", f"{by!r} is not one of day, week, month, year")
    side = "(list_contains(e.{0}_codes, ?) OR list_contains(e.{0}_countries, ?))"
    one_way = f"({side.format('source')} AND {side.format('target')})"
    a, b = a.upper(), b.upper()
    rows = con.execute(
        f"SELECT {period} AS period, count(*), count(*) FILTER (WHERE e.quad_class IN (1, 2)),"
        " count(*) FILTER (WHERE e.quad_class IN (3, 4)), avg(e.goldstein)"
        f" FROM events e WHERE e.day IS NOT NULL AND ({one_way} OR {one_way})"
        " GROUP BY period ORDER BY period", [a, a, b, b, b, b, a, a]).fetchall()
    return [DyadPeriod(str(r[0]), int(r[1]), int(r[2]), int(r[3]),
                       None if r[4] is None else float(r[4])) for r in rows]


def map_points(
    con: duckdb.DuckDBPyConnection, f: EventFilter, *, max_points: int = 5000
) -> list[MapPoint]:
    """Event locations matching ``f`` with their event counts, busiest first.

    ``f.limit`` and ``f.offset`` do not apply (a map shows everything); ``max_points`` caps it.
    """
    where = event_where(f, fts=has_fts_index(con))
    rows = con.execute(
        "SELECT e.location_lat, e.location_lon, any_value(e.location_name),"
        f" any_value(e.location_country), count(*) AS n FROM {EVENT_FROM}"
        f" WHERE e.location_lat IS NOT NULL AND e.location_lon IS NOT NULL AND {where.sql}"
        " GROUP BY e.location_lat, e.location_lon ORDER BY n DESC, 1, 2 LIMIT ?",
        [*where.params, max_points]).fetchall()
    return [MapPoint(float(r[0]), float(r[1]), r[2], r[3], int(r[4])) for r in rows]
