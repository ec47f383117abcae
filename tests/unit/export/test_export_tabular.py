"""csv, parquet and jsonl exports: row counts round-trip, records validate; the dispatcher."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from export_kit import kit

from eventwire.errors import InputError
from eventwire.export import FORMATS, export, write_csv, write_jsonl, write_parquet
from eventwire.export.csvfile import cell
from eventwire.output import validation_errors
from eventwire.store import Store
from eventwire.store.query import EVENT_COLUMNS, get_article


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with kit.filled_store(tmp_path_factory.mktemp("tabular") / "s.duckdb") as filled:
        yield filled


def _events(store: Store) -> int:
    row = store.con.execute("SELECT count(*) FROM events").fetchone()
    return int(row[0]) if row else 0


def test_csv_has_a_header_and_one_row_per_event(store: Store) -> None:
    out = io.StringIO()
    assert write_csv(store.con, out, chunk_size=2) == _events(store) == 5
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 5 and list(rows[0]) == list(EVENT_COLUMNS)
    consult = next(r for r in rows if r["cameo"] == "040")
    assert consult["source_names"] == "Selin Kaya;Omar Haddad"
    assert consult["source_codes"] == "TURGOV;SYRGOV" and consult["target_codes"] == ""
    assert consult["negated"] == "false" and consult["location_lat"] == "39.92"
    undated = next(r for r in rows if r["cameo"] == "170")
    assert undated["source_countries"] == "" and undated["day"] == ""


def test_csv_cells() -> None:
    cells = [cell(None), cell(True), cell(["a", None, "b"]), cell(2.5)]
    assert cells == ["", "true", "a;;b", "2.5"]


def test_parquet_has_the_same_columns_and_rows(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "events.parquet"
    assert write_parquet(store.con, path, chunk_size=2) == 5
    table = pq.read_table(path)
    assert table.num_rows == 5 and table.column_names == list(EVENT_COLUMNS)
    assert table.column("source_codes").to_pylist()[1] == ["TURGOV", "SYRGOV"]


def test_jsonl_lines_are_the_stored_records(store: Store) -> None:
    out = io.StringIO()
    assert write_jsonl(store.con, out, chunk_size=1) == 3
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    for record in records:
        assert validation_errors(record) == []
        assert record == get_article(store.con, record["id"])
    assert [r["id"] for r in records] == [kit.FULL_ID, kit.PLAIN_ID, kit.UNDATED_ID]


def test_export_writes_files_or_stdout(store: Store, tmp_path: Path) -> None:
    for fmt in FORMATS:
        target = tmp_path / f"out.{fmt}"
        assert export(store.con, fmt, target, io.StringIO()) > 0 and target.stat().st_size > 0
    stdout = io.StringIO()
    assert export(store.con, "gdelt", None, stdout) == len(stdout.getvalue().splitlines())


def test_export_refusals(store: Store) -> None:
    with pytest.raises(InputError, match="binary"):
        export(store.con, "parquet", None, io.StringIO())
    with pytest.raises(InputError, match="unknown export format"):
        export(store.con, "xml", None, io.StringIO())


def test_an_empty_store_exports_nothing(tmp_path: Path) -> None:
    with Store.open(tmp_path / "empty.duckdb") as empty:
        for fmt in ("csv", "jsonl", "plover", "gdelt"):
            out = io.StringIO()
            export(empty.con, fmt, None, out)
            assert out.getvalue() == ("" if fmt != "csv" else ",".join(EVENT_COLUMNS) + "\n")
        assert write_parquet(empty.con, tmp_path / "e.parquet") == 0
        assert pq.read_table(tmp_path / "e.parquet").column_names == list(EVENT_COLUMNS)
