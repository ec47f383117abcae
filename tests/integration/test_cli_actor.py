"""``eventwire actor`` (one phrase to an actor) and ``--actors FILE`` on ``actor`` and ``code``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from eventwire.cli import cli
from eventwire.pipeline import Pipeline

FIELDS = ["name", "country", "sector", "code", "kb_id", "role"]
ORG_HEADER = "kb_id\tname\tcountry\tsector\taliases\tsector2\n"
PEOPLE_HEADER = "kb_id\tname\tcountry\tsector\trole\tfrom\tto\taliases\n"


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str, stdin: str | None = None) -> Result:
    return runner.invoke(cli, list(args), input=stdin, catch_exceptions=False)


def actor_json(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = run(runner, "actor", *args, "--json")
    assert result.exit_code == 0, result.output
    record: dict[str, Any] = json.loads(result.output)
    assert list(record) == FIELDS
    return record


@pytest.fixture
def brigade_file(tmp_path: Path) -> Path:
    path = tmp_path / "groups.tsv"
    path.write_text(ORG_HEADER + "group:blue_brigade\tBlue Brigade\tSYR\tREB\tBlue Brigades\n",
                    encoding="utf-8")
    return path


def test_a_kb_person_on_a_date(runner: CliRunner) -> None:
    assert actor_json(runner, "Maria Zakharova", "--date", "2019-02-15") == {
        "name": "Maria Zakharova", "country": "RUS", "sector": "GOV", "code": "RUSGOV",
        "kb_id": "person:maria_zakharova",
        "role": "Spokesperson of the Ministry of Foreign Affairs of Russia",
    }


def test_a_former_office_holder_is_an_elite(runner: CliRunner) -> None:
    record = actor_json(runner, "Ronald Reagan", "--date", "1995-06-01")
    assert (record["country"], record["sector"], record["code"]) == ("USA", "ELI", "USAELI")


def test_a_nominal_phrase(runner: CliRunner) -> None:
    record = actor_json(runner, "Turkish officials")
    assert record == {"name": "Turkish officials", "country": "TUR", "sector": "GOV",
                      "code": "TURGOV", "kb_id": None, "role": None}


def test_context_fills_the_country(runner: CliRunner) -> None:
    record = actor_json(runner, "the minister", "--context", "Colombian defense")
    assert (record["country"], record["sector"]) == ("COL", "GOV")


def test_a_phrase_naming_no_actor_prints_nulls(runner: CliRunner) -> None:
    assert actor_json(runner, "the blue sky") == dict.fromkeys(FIELDS)


def test_plain_output_is_one_field_a_line(runner: CliRunner) -> None:
    result = run(runner, "actor", "Turkish officials")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "name: Turkish officials", "country: TUR", "sector: GOV", "code: TURGOV", "kb_id: -",
        "role: -"]


def test_an_actor_file_adds_an_entry(runner: CliRunner, brigade_file: Path) -> None:
    assert actor_json(runner, "Blue Brigades")["kb_id"] is None
    record = actor_json(runner, "Blue Brigades", "--actors", str(brigade_file))
    assert (record["kb_id"], record["code"]) == ("group:blue_brigade", "SYRREB")


def test_an_actor_file_overrides_an_entry(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "people.tsv"
    path.write_text(PEOPLE_HEADER + "person:maria_zakharova\tMaria Zakharova\tRUS\tGOV\t"
                    "Director of the Information Department\t2015-08-10\t\t"
                    "Maria Zakharova|Zakharova\n", encoding="utf-8")
    record = actor_json(runner, "Zakharova", "--date", "2019-02-15", "--actors", str(path))
    assert record["role"] == "Director of the Information Department"


def test_a_bad_actor_file_is_reported_with_its_line(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(ORG_HEADER + "group:x\tX\tSYR\tWARLORDS\t\n", encoding="utf-8")
    result = runner.invoke(cli, ["actor", "X", "--actors", str(path)])
    assert result.exit_code == 1
    assert f"{path}:2: sector 'WARLORDS'" in result.output


def test_code_uses_an_actor_file(runner: CliRunner, brigade_file: Path,
                                 pipeline: Pipeline) -> None:
    assert pipeline.nlp is not None  # the session's spaCy model is reused by the command
    story = "The Blue Brigades attacked an army post near the town on Monday."
    plain = json.loads(run(runner, "code", "-", stdin=story).output)
    assert all(a["kb_id"] != "group:blue_brigade" for a in plain["actors"])
    result = run(runner, "code", "-", "--actors", str(brigade_file), stdin=story)
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    (brigade,) = [a for a in record["actors"] if a["kb_id"] == "group:blue_brigade"]
    assert (brigade["country"], brigade["sector"], brigade["code"]) == ("SYR", "REB", "SYRREB")
    start, end = brigade["mentions"][0]
    assert record["article"]["text"][start:end] in ("Blue Brigades", "The Blue Brigades")
