"""``gdelt`` export: the 61 GDELT 2.0 event columns, tab-separated, no header (as GDELT).

One row per merged event (``merged_events``, filled by ``store.merge``) and one per
event-and-dyad for events not (yet) merged: a compound side ("Russia, Turkey and Iran")
becomes one row per source x target pair, as GDELT expects a single actor per side.
The column list, order and types live in ``data/export/gdelt-2.0-events.tsv``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from itertools import product
from pathlib import Path
from typing import Any, TextIO

import duckdb

from ..gazetteer import read_table
from ..store.filters import Where
from ..store.query import EVENT_FROM
from ..store.slices import STREAM_BUFFER, SortedScan, slices
from .codes import admin1_code, country


@dataclass(frozen=True)
class GdeltColumn:
    """``type``: int | float | date (YYYYMMDD) | month (YYYYMM) | year | timestamp
    (YYYYMMDDHHMMSS) | text; ``required``: never empty."""

    name: str
    type: str
    required: bool


@lru_cache(maxsize=1)
def gdelt_columns() -> tuple[GdeltColumn, ...]:
    path = Path(str(resources.files("eventwire") / "data" / "export" / "gdelt-2.0-events.tsv"))
    return tuple(GdeltColumn(row["name"], row["type"], row["required"] == "yes")
                 for _, row in read_table(path))


@dataclass(frozen=True)
class Side:
    code: str | None
    name: str | None
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class Counts:
    mentions: int = 1
    sources: int = 1
    articles: int = 1


_EVENT_COLUMNS = (
    "e.article_id, e.event_id, e.source_codes, e.source_names, e.source_countries,"
    " e.source_sectors, e.target_codes, e.target_names, e.target_countries, e.target_sectors,"
    " e.in_lead, a.url, a.ingested_at")
_PLACE_COLUMNS = ("cameo, quad_class, goldstein, day, location_name, location_country,"
                  " location_admin1, location_lat, location_lon, location_geonames_id,"
                  " location_precision")


def write_gdelt(con: duckdb.DuckDBPyConnection, out: TextIO, *, chunk_size: int = 1000) -> int:
    """Write every merged event, then every unmerged event's dyads; returns rows written."""
    written = 0
    for row in _rows(con, chunk_size):
        out.write("\t".join(_cell(row.get(c.name)) for c in gdelt_columns()) + "\n")
        written += 1
    return written


# A row's bytes, for the size of slices: codes, names and a url, no long text.
_ROW_BYTES = 1024


def _rows(con: duckdb.DuckDBPyConnection, chunk_size: int) -> Iterator[dict[str, Any]]:
    """Merged events, then unmerged ones, each oldest first, a sorted slice at a time."""
    event_place = ", ".join(f"e.{c.strip()}" for c in _PLACE_COLUMNS.split(","))
    unmerged = SortedScan(f"{_EVENT_COLUMNS}, {event_place}", EVENT_FROM, "e.day",
                          "e.article_id", "e.day NULLS LAST, e.article_id, e.event_id",
                          row_bytes=_ROW_BYTES, where=Where("e.merged_id IS NULL"))
    merged = SortedScan("m.merged_id", "merged_events m", "m.day", "m.merged_id",
                        "m.day NULLS LAST, m.merged_id", row_bytes=_ROW_BYTES)
    for part in slices(con, merged):
        yield from _converted(con, _merged_query(part), chunk_size, _merged_row)
    for part in slices(con, unmerged):
        yield from _converted(con, unmerged.query(part), chunk_size, _dyad_rows)


def _merged_query(part: Where) -> Where:
    """The merged events of one slice, each with its first-published mention's event."""
    return Where(
        "WITH m AS (SELECT * FROM merged_events m WHERE " + part.sql + "),"
        " rep AS (SELECT e.merged_id, " + _EVENT_COLUMNS + ", row_number() OVER"
        " (PARTITION BY e.merged_id ORDER BY a.published NULLS LAST, e.article_id, e.event_id)"
        " AS rank FROM events e JOIN articles a ON a.id = e.article_id"
        " WHERE e.merged_id IN (SELECT merged_id FROM m))"
        " SELECT rep.* EXCLUDE (merged_id, rank), m.merged_id, m.source_code, m.target_code,"
        f" m.num_mentions, m.num_sources, m.num_articles, m.first_seen,"
        f" {', '.join(f'm.{c.strip()}' for c in _PLACE_COLUMNS.split(','))}"
        " FROM m LEFT JOIN rep ON rep.merged_id = m.merged_id AND rep.rank = 1"
        " ORDER BY m.day NULLS LAST, m.merged_id", part.params)


def _converted(con: duckdb.DuckDBPyConnection, query: Where, chunk_size: int,
               convert: Callable[[dict[str, Any]], Iterator[dict[str, Any]]],
               ) -> Iterator[dict[str, Any]]:
    cur = con.cursor()
    try:
        cur.execute(f"SET streaming_buffer_size = '{STREAM_BUFFER}'")
        cur.execute(query.sql, query.params)
        names = [d[0] for d in cur.description or []]
        while chunk := cur.fetchmany(chunk_size):
            for values in chunk:
                yield from convert(dict(zip(names, values, strict=True)))
    finally:
        cur.close()


def _sides(ev: dict[str, Any], prefix: str) -> list[Side]:
    lists = [ev.get(f"{prefix}_{k}") or [] for k in ("codes", "names", "countries", "sectors")]
    return [Side(*values) for values in zip(*lists, strict=True)]


def _pick(sides: list[Side], code: str | None) -> Side | None:
    """The side whose code the merged event names (the first side when it names none)."""
    if code is not None:
        return next((s for s in sides if s.code == code), Side(code, None, None, None))
    return sides[0] if sides else None


def _merged_row(ev: dict[str, Any]) -> Iterator[dict[str, Any]]:
    merged_id = str(ev["merged_id"])
    gid = int(merged_id) if merged_id.isdigit() else stable_id(merged_id)
    counts = Counts(ev["num_mentions"] or 1, ev["num_sources"] or 1, ev["num_articles"] or 1)
    added = ev["first_seen"] or ev["ingested_at"] or datetime(1970, 1, 1)
    yield _row(ev, gid, _pick(_sides(ev, "source"), ev["source_code"]),
               _pick(_sides(ev, "target"), ev["target_code"]), counts=counts, added=added)


def _dyad_rows(ev: dict[str, Any]) -> Iterator[dict[str, Any]]:
    sources: list[Side | None] = [*_sides(ev, "source")] or [None]
    targets: list[Side | None] = [*_sides(ev, "target")] or [None]
    for (i, one), (j, two) in product(enumerate(sources), enumerate(targets)):
        gid = stable_id(f"{ev['article_id']}/{ev['event_id']}/{i}/{j}")
        yield _row(ev, gid, one, two, counts=Counts(), added=ev["ingested_at"])


def stable_id(key: str) -> int:
    """A 60-bit integer id that is the same for the same key in every export."""
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:15], 16)


def _row(ev: dict[str, Any], gid: int, one: Side | None, two: Side | None, *, counts: Counts,
         added: datetime) -> dict[str, Any]:
    day: date = ev["day"] or added.date()
    cameo: str | None = ev["cameo"]
    row: dict[str, Any] = {
        "GlobalEventID": gid, "Day": day.strftime("%Y%m%d"), "MonthYear": day.strftime("%Y%m"),
        "Year": day.year, "FractionDate": f"{day.year + (day.month * 30 + day.day) / 365:.4f}",
        "IsRootEvent": 1 if ev["in_lead"] else 0, "EventCode": cameo,
        "EventBaseCode": cameo[:3] if cameo else None,
        "EventRootCode": cameo[:2] if cameo else None,
        "QuadClass": ev["quad_class"], "GoldsteinScale": ev["goldstein"],
        "NumMentions": counts.mentions, "NumSources": counts.sources,
        "NumArticles": counts.articles, "AvgTone": 0.0,
        "Actor1Geo_Type": 0, "Actor2Geo_Type": 0,
        "DATEADDED": added.strftime("%Y%m%d%H%M%S"), "SOURCEURL": ev["url"],
    }
    for n, side in (("1", one), ("2", two)):
        if side is not None:
            row |= {f"Actor{n}Code": side.code, f"Actor{n}Name": (side.name or "").upper() or None,
                    f"Actor{n}CountryCode": side.country, f"Actor{n}Type1Code": side.sector}
    return row | _geo("ActionGeo", ev)


def _geo(prefix: str, ev: dict[str, Any]) -> dict[str, Any]:
    name, iso3 = ev["location_name"], ev["location_country"]
    if not name:
        return {f"{prefix}_Type": 0}
    found = country(iso3)
    precision = ev["location_precision"] or "feature"
    us = iso3 == "USA"
    kind = {"country": 1, "admin1": 2 if us else 5}.get(precision, 3 if us else 4)
    fips = found.fips if found else None
    adm1 = admin1_code(iso3, ev["location_admin1"]) if precision != "country" else None
    parts = [name, ev["location_admin1"] if precision in ("city", "feature") else None,
             found.name if found and precision != "country" else None]
    feature = (ev["location_geonames_id"] if precision in ("city", "feature")
               else adm1 if precision == "admin1" else fips)
    return {f"{prefix}_Type": kind, f"{prefix}_FullName": ", ".join(p for p in parts if p),
            f"{prefix}_CountryCode": fips, f"{prefix}_ADM1Code": adm1 or fips,
            f"{prefix}_Lat": ev["location_lat"], f"{prefix}_Long": ev["location_lon"],
            f"{prefix}_FeatureID": feature}


def _cell(value: object) -> str:
    if value is None:
        return ""
    text = str(value)
    # A tab or newline inside a name would shift every later column.
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")
