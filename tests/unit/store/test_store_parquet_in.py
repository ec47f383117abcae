"""Reading article/1 records back from Parquet files with a ``record`` column."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from store_kit import all_docs

from eventwire.errors import InputError
from eventwire.model import Failure
from eventwire.output import to_record
from eventwire.store import ingest_parquet, read_parquet_records


def _write(path: Path, values: list[str | None], column: str = "record") -> None:
    pq.write_table(pa.table({column: pa.array(values, pa.string()),
                             "input": pa.array([f"in{i}" for i in range(len(values))])}), path)


def test_records_come_back_in_order_across_files(tmp_path: Path) -> None:
    records = [to_record(d) for d in all_docs()]
    (tmp_path / "part").mkdir()
    _write(tmp_path / "part" / "b.parquet", [json.dumps(records[2])])
    _write(tmp_path / "a.parquet", [json.dumps(r) for r in records[:2]])
    found = list(read_parquet_records(tmp_path, chunk_rows=1))
    assert found == records


def test_bad_rows_and_files_become_failures(tmp_path: Path) -> None:
    _write(tmp_path / "a.parquet", ["{broken", "[1, 2]", None])
    _write(tmp_path / "b.parquet", ["{}"], column="other")
    (tmp_path / "c.parquet").write_bytes(b"not parquet at all")
    found = list(read_parquet_records(tmp_path))
    assert all(isinstance(f, Failure) for f in found)
    reasons = [f.line() for f in found if isinstance(f, Failure)]
    assert reasons[0].startswith(f"{tmp_path / 'a.parquet'}#1: the record is not JSON")
    assert "#2: the record is not a JSON object" in reasons[1]
    assert "#3: the 'record' value is NoneType" in reasons[2]
    assert "has no 'record' column" in reasons[3]
    assert "not a readable Parquet file" in reasons[4]


def test_an_empty_directory_is_one_failure_and_a_missing_one_an_error(tmp_path: Path) -> None:
    assert [f.reason for f in read_parquet_records(tmp_path) if isinstance(f, Failure)] == [
        "no .parquet files in it"]
    with pytest.raises(InputError):
        list(read_parquet_records(tmp_path / "nope"))


def test_ingest_parquet_stores_and_reports(tmp_path: Path) -> None:
    records = [to_record(d) for d in all_docs()]
    _write(tmp_path / "out.parquet", [*(json.dumps(r) for r in records), "oops"])
    db = tmp_path / "s.duckdb"
    report = ingest_parquet(tmp_path / "out.parquet", db)
    assert (report.coded, len(report.failed)) == (3, 1)
    again = ingest_parquet(tmp_path / "out.parquet", db)
    assert (again.coded, again.unchanged) == (0, 3)
