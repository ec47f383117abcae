"""``eventwire ingest`` and ``eventwire export`` end to end on the sample articles."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import click
import jsonschema
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from eventwire.cli.export import export_command
from eventwire.cli.ingest import ingest_command
from eventwire.export.gdelt import gdelt_columns
from eventwire.output import validation_errors
from eventwire.pipeline import Pipeline
from eventwire.store import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
SUMMARY = re.compile(r"^coded (\d+), unchanged (\d+), replaced (\d+), failed (\d+)$")
_STAMPS = {"date": "%Y%m%d", "month": "%Y%m", "year": "%Y", "timestamp": "%Y%m%d%H%M%S"}


@pytest.fixture(scope="module")
def runner(pipeline: Pipeline) -> CliRunner:
    # The session pipeline has loaded spaCy once; the commands' own Pipelines reuse the model.
    assert pipeline.nlp is not None
    return CliRunner()


def run(runner: CliRunner, command: click.Command, *args: str) -> Result:
    return runner.invoke(command, list(args), catch_exceptions=False)


def summary(result: Result) -> tuple[int, ...]:
    found = SUMMARY.match(result.stdout.strip().splitlines()[-1])
    assert found, result.stdout
    return tuple(int(n) for n in found.groups())


@pytest.fixture(scope="module")
def db(runner: CliRunner, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "events.duckdb"
    result = run(runner, ingest_command, str(EXAMPLES), "--db", str(path))
    assert result.exit_code == 0, result.stderr
    assert summary(result) == (20, 0, 0, 0) and result.stderr == ""
    return path


def events_in(db: Path) -> int:
    with Store.open(db, read_only=True) as store:
        row = store.con.execute("SELECT count(*) FROM events").fetchone()
    return int(row[0]) if row else 0


def test_ingesting_again_reports_everything_unchanged(runner: CliRunner, db: Path) -> None:
    result = run(runner, ingest_command, str(EXAMPLES / "*.md"), "--db", str(db))
    assert result.exit_code == 0 and summary(result) == (0, 20, 0, 0)


def test_failed_inputs_are_reported_one_line_each(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    good = tmp_path / "good.md"
    good.write_text((EXAMPLES / "13-minsk-ii-ceasefire.md").read_text(encoding="utf-8"),
                    encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = run(runner, ingest_command, str(tmp_path / "empty.txt"), str(good), str(missing),
                 "--db", str(tmp_path / "s.duckdb"))
    assert result.exit_code == 1
    assert summary(result) == (1, 0, 0, 2)
    errors = result.stderr.splitlines()
    assert len(errors) == 2 and all(line.startswith("error: ") for line in errors)
    assert errors[0].startswith(f"error: {tmp_path / 'empty.txt'}: ")
    assert str(missing) in errors[1]


def test_usage_errors_exit_2(runner: CliRunner, tmp_path: Path, db: Path) -> None:
    assert run(runner, ingest_command, "--db", str(tmp_path / "x.duckdb")).exit_code == 2
    assert run(runner, ingest_command, str(EXAMPLES), "--published", "soon").exit_code == 2
    assert run(runner, export_command, "--db", str(db), "--format", "parquet").exit_code == 2
    assert run(runner, export_command, "--db", str(tmp_path / "none.duckdb"),
               "--format", "csv").exit_code == 2
    assert run(runner, export_command, "--db", str(db), "--format", "xml").exit_code == 2
    assert run(runner, export_command, "--db", str(db), "--format", "csv",
               "--memory-limit", "1GB'; DROP TABLE events; --").exit_code == 2


def test_from_parquet_stores_batch_records(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    jsonl = run(runner, export_command, "--db", str(db), "--format", "jsonl")
    lines = jsonl.stdout.splitlines()
    (tmp_path / "batch").mkdir()
    pq.write_table(pa.table({"record": lines[:12]}), tmp_path / "batch" / "part-0.parquet")
    pq.write_table(pa.table({"record": [*lines[12:], "{oops"]}),
                   tmp_path / "batch" / "part-1.parquet")
    target = tmp_path / "from-parquet.duckdb"
    result = run(runner, ingest_command, "--from-parquet", str(tmp_path / "batch"),
                 "--db", str(target))
    assert result.exit_code == 1 and summary(result) == (20, 0, 0, 1)
    assert result.stderr.startswith(f"error: {tmp_path / 'batch' / 'part-1.parquet'}#9: ")
    assert events_in(target) == events_in(db)


def test_gdelt_rows_have_61_typed_columns(runner: CliRunner, db: Path) -> None:
    result = run(runner, export_command, "--db", str(db), "--format", "gdelt")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines or events_in(db) == 0
    for line in lines:
        cells = line.split("\t")
        assert len(cells) == 61
        for column, value in zip(gdelt_columns(), cells, strict=True):
            if value == "":
                assert not column.required, (column.name, line)
            elif column.type == "int":
                assert re.fullmatch(r"-?\d+", value), (column.name, value)
            elif column.type == "float":
                float(value)
            elif column.type in _STAMPS:
                datetime.strptime(value, _STAMPS[column.type])


def _plover_schema() -> dict[str, Any]:
    text = resources.files("eventwire").joinpath(
        "data/export/plover-event.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def test_plover_lines_validate(runner: CliRunner, db: Path) -> None:
    result = run(runner, export_command, "--db", str(db), "--format", "plover")
    assert result.exit_code == 0
    validator = jsonschema.Draft202012Validator(_plover_schema())
    lines = result.stdout.splitlines()
    assert len(lines) == events_in(db)
    for line in lines:
        assert list(validator.iter_errors(json.loads(line))) == []


def test_csv_and_parquet_round_trip(runner: CliRunner, db: Path, tmp_path: Path) -> None:
    events = events_in(db)
    result = run(runner, export_command, "--db", str(db), "--format", "csv",
                 "--memory-limit", "64MB")
    assert len(list(csv.DictReader(io.StringIO(result.stdout)))) == events
    out = tmp_path / "events.parquet"
    result = run(runner, export_command, "--db", str(db), "--format", "parquet", "--out",
                 str(out))
    assert result.exit_code == 0 and result.stderr == f"wrote {events} rows to {out}\n"
    assert pq.read_metadata(out).num_rows == events


def test_jsonl_lines_validate_as_article_records(runner: CliRunner, db: Path,
                                                 tmp_path: Path) -> None:
    out = tmp_path / "articles.jsonl"
    result = run(runner, export_command, "--db", str(db), "--format", "jsonl", "--out", str(out))
    assert result.exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 20
    for line in lines:
        assert validation_errors(json.loads(line)) == []
