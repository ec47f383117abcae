"""The GDELT 2.0 event export: 61 typed columns, dyads of unmerged events, merged events."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import duckdb
import pytest
from export_kit import kit

from eventwire.export import write_gdelt
from eventwire.export.gdelt import GdeltColumn, gdelt_columns, stable_id
from eventwire.store import Store

# The GDELT 2.0 event codebook's columns, in file order.
CODEBOOK = [
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{c}" for n in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
        "Religion2Code", "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
]

_FORMATS = {"date": "%Y%m%d", "month": "%Y%m", "year": "%Y", "timestamp": "%Y%m%d%H%M%S"}


def check_cell(column: GdeltColumn, value: str) -> None:
    where = f"{column.name}={value!r}"
    if value == "":
        assert not column.required, f"{where}: required column is empty"
        return
    if column.type == "int":
        assert re.fullmatch(r"-?\d+", value), where
    elif column.type == "float":
        float(value)
    elif column.type in _FORMATS:
        assert value.isdigit(), where
        datetime.strptime(value, _FORMATS[column.type])
    else:
        assert column.type == "text" and "\t" not in value and "\n" not in value, where


def rows(con: duckdb.DuckDBPyConnection) -> list[dict[str, str]]:
    out = io.StringIO()
    written = write_gdelt(con, out, chunk_size=2)
    lines = out.getvalue().splitlines()
    assert written == len(lines)
    names = [c.name for c in gdelt_columns()]
    table = []
    for line in lines:
        cells = line.split("\t")
        assert len(cells) == 61
        for column, value in zip(gdelt_columns(), cells, strict=True):
            check_cell(column, value)
        table.append(dict(zip(names, cells, strict=True)))
    return table


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with kit.filled_store(tmp_path / "s.duckdb") as filled:
        yield filled


def unmerge(store: Store) -> None:
    """The store as it is before merging lands: no merged ids, no merged events."""
    store.con.execute("UPDATE events SET merged_id = NULL")
    store.con.execute("DELETE FROM merged_events")
    store.con.execute("DELETE FROM event_mentions")


def test_the_column_list_is_the_codebook() -> None:
    assert [c.name for c in gdelt_columns()] == CODEBOOK
    assert len(CODEBOOK) == 61


def test_unmerged_events_give_one_row_per_dyad(store: Store) -> None:
    unmerge(store)
    table = rows(store.con)
    # E1 has two sources and no target: two rows; the others one each.
    assert len(table) == 6
    consult = [r for r in table if r["EventCode"] == "040"]
    assert sorted(r["Actor1Name"] for r in consult) == ["OMAR HADDAD", "SELIN KAYA"]
    assert len({r["GlobalEventID"] for r in table}) == 6
    assert all(r["NumMentions"] == r["NumSources"] == r["NumArticles"] == "1" for r in table)
    assert all(r["AvgTone"] == "0.0" for r in table)


def test_values_of_one_row(store: Store) -> None:
    unmerge(store)
    assault = next(r for r in rows(store.con) if r["EventCode"] == "190")
    assert (assault["Day"], assault["MonthYear"], assault["Year"]) == ("20190301", "201903", "2019")
    assert assault["FractionDate"] == f"{2019 + (3 * 30 + 1) / 365:.4f}"
    assert (assault["EventBaseCode"], assault["EventRootCode"]) == ("190", "19")
    assert (assault["QuadClass"], assault["GoldsteinScale"]) == ("4", "-10.0")
    assert (assault["Actor1Code"], assault["Actor1CountryCode"], assault["Actor1Type1Code"]) == (
        "SYRMIL", "SYR", "MIL")
    assert assault["IsRootEvent"] == "0"
    assert (assault["ActionGeo_Type"], assault["ActionGeo_CountryCode"]) == ("4", "SY")
    assert assault["ActionGeo_ADM1Code"] == "SY09" and assault["ActionGeo_FeatureID"] == "170063"
    assert assault["ActionGeo_FullName"] == "Aleppo, Aleppo Governorate, Syria"
    assert (assault["ActionGeo_Lat"], assault["ActionGeo_Long"]) == ("36.2", "37.16")
    assert assault["Actor1Geo_Type"] == "0" and assault["Actor1Geo_FullName"] == ""
    assert assault["SOURCEURL"] == "https://example.org/full"


def test_root_event_recipient_and_fallback_dates(store: Store) -> None:
    unmerge(store)
    table = rows(store.con)
    agree = next(r for r in table if r["EventCode"] == "030")
    assert agree["IsRootEvent"] == "1" and agree["Actor2Code"] == "SYR"
    assert agree["Actor2Name"] == "SYRIA" and agree["ActionGeo_Type"] == "0"
    threat = next(r for r in table if r["EventCode"] == "138")
    assert threat["Day"] == "20190402"  # no date in the text: the publication date
    coerce = next(r for r in table if r["EventCode"] == "170")
    assert coerce["Day"] == coerce["DATEADDED"][:8]  # no date anywhere: the day it was stored
    assert coerce["SOURCEURL"] == "" and coerce["Actor1Type1Code"] == "REB"


def test_merged_events_give_one_row_each(store: Store) -> None:
    merged = store.con.execute("SELECT count(*), sum(num_mentions) FROM merged_events").fetchone()
    assert merged is not None and merged[0] > 0, "the merge step filled merged_events"
    unmerged = store.con.execute(
        "SELECT count(*) FROM events WHERE merged_id IS NULL").fetchone()
    table = rows(store.con)
    assert unmerged == (0,) and len(table) == merged[0]
    assert sum(int(r["NumMentions"]) for r in table) == merged[1]
    assert rows(store.con) == table  # ids and values are stable


def test_a_numeric_merged_id_is_the_global_event_id(store: Store) -> None:
    unmerge(store)
    store.con.execute(
        "INSERT INTO merged_events (merged_id, type, cameo, quad_class, goldstein, source_code,"
        " target_code, date, day, num_mentions, num_sources, num_articles, first_seen)"
        " VALUES ('4242', 'AGREE', '030', 1, 4.0, 'TUR', 'SYR', '2019-04-01', DATE '2019-04-01',"
        " 3, 2, 2, TIMESTAMP '2019-04-02 08:00:00')")
    store.con.execute("UPDATE events SET merged_id = '4242' WHERE event_id = 'E2'")
    table = rows(store.con)
    assert len(table) == 6
    merged = next(r for r in table if r["GlobalEventID"] == "4242")
    assert (merged["NumMentions"], merged["NumSources"], merged["NumArticles"]) == ("3", "2", "2")
    assert merged["DATEADDED"] == "20190402080000"
    assert (merged["Actor1Name"], merged["Actor2Name"]) == ("TURKEY", "SYRIA")


def test_stable_ids_fit_in_a_signed_64_bit_integer() -> None:
    assert stable_id("x") == stable_id("x") != stable_id("y")
    assert 0 <= stable_id("x") < 2**63
