"""The PLOVER export: every line meets the shipped PLOVER event schema."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
import pytest
from export_kit import kit

from eventwire.export import write_plover
from eventwire.store import Store


@cache
def plover_schema() -> dict[str, Any]:
    text = resources.files("eventwire").joinpath(
        "data/export/plover-event.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def plover_lines(store: Store) -> list[dict[str, Any]]:
    out = io.StringIO()
    written = write_plover(store.con, out, chunk_size=1)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert written == len(records)
    validator = jsonschema.Draft202012Validator(plover_schema())
    for record in records:
        errors = [f"{'/'.join(map(str, e.path))}: {e.message}"
                  for e in validator.iter_errors(record)]
        assert errors == [], record["id"]
    return records


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, dict[str, Any]]]:
    with kit.filled_store(tmp_path_factory.mktemp("plover") / "s.duckdb") as store:
        yield {r["id"][:1] + "/" + r["id"].rsplit("-", 1)[1]: r for r in plover_lines(store)}


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(plover_schema())


def test_one_record_per_event(records: dict[str, dict[str, Any]]) -> None:
    assert sorted(records) == ["a/E1", "a/E2", "a/E3", "a/E4", "c/E1"]
    assert records["a/E1"]["id"] == f"{kit.FULL_ID}-E1"


def test_actors_recipients_and_location(records: dict[str, dict[str, Any]]) -> None:
    consult = records["a/E1"]
    assert [a["actor_text"] for a in consult["source"]] == ["Selin Kaya", "Omar Haddad"]
    kaya = consult["source"][0]
    assert (kaya["code"], kaya["sector"], kaya["actor_code"]) == ("TUR", "GOV", "TURGOV")
    assert kaya["identifier_id"] == "person:selin_kaya"
    assert kaya["office"] == "Foreign Minister of Turkey"
    assert consult["recipient"] == [] and consult["event"] == ["CONSULT"]
    assert consult["event_loc"]["country_code"] == "TR" and consult["event_loc"]["cc3"] == "TUR"
    agree = records["a/E2"]
    assert [a["actor_text"] for a in agree["recipient"]] == ["Syria"]
    assert agree["context"] == ["military"] and agree["quad_code"] == 1
    assert agree["event_loc"] is None


def test_dates_say_how_precise_they_are(records: dict[str, dict[str, Any]]) -> None:
    assert (records["a/E1"]["date"], records["a/E1"]["date_precision"]) == ("2019-04-01", "day")
    assert (records["a/E4"]["date"], records["a/E4"]["date_precision"]) == ("2019-03-01", "month")
    assert (records["a/E3"]["date"], records["a/E3"]["date_precision"]) == (
        "2019-04-02", "published")
    undated = records["c/E1"]
    assert undated["date_precision"] == "ingested" and undated["date"] == undated["coded_date"]


def test_text_modality_and_reporter(records: dict[str, dict[str, Any]]) -> None:
    threat = records["a/E3"]
    assert threat["negated"] is True and threat["modality"] == "future"
    assert threat["reported_by"]["identifier_text"] == "Selin Kaya"
    assert threat["text"].startswith('"We will not tolerate') and threat["event_text"] == [
        "tolerate"]
    text = kit.FULL_TEXT
    info = threat["text_info"]
    assert text[info["start"]:info["end"]] == threat["text"]
    assert text[info["trigger_start"]:info["trigger_end"]] == "tolerate"
    assert threat["cite_info"]["url"] == "https://example.org/full"
    assert threat["cite_info"]["publication"] == "Test Wire"
