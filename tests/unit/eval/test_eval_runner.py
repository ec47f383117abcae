"""Running sets by name, ``all`` over a folder, the JSON shape and the Markdown page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval_kit import FakeCoder, event, record
from test_eval_geoparsing import _geovirus, _lgl
from test_eval_plover_gsr import GOLD

from eventwire.errors import InputError
from eventwire.eval import run_all, run_command
from eventwire.eval.markdown import render
from eventwire.eval.report import Miss, SetReport, empty_output_notes


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "plover-gsr").mkdir()
    (tmp_path / "plover-gsr" / "PLOVER_GSR_CAMEO.json").write_text(json.dumps(GOLD))
    (tmp_path / "geoparsing").mkdir()
    (tmp_path / "geoparsing" / "lgl.xml").write_text(_lgl())
    (tmp_path / "geoparsing" / "GeoVirus.xml").write_text(_geovirus())
    (tmp_path / "case2021-task2").mkdir()
    (tmp_path / "case2021-task2" / "snippets.tsv").write_text("only two\tcolumns\n")
    (tmp_path / "mystery-set").mkdir()
    return tmp_path


def test_all_scores_what_is_there_and_says_what_is_not(root: Path) -> None:
    messages: list[str] = []
    reports = {r.name: r for r in run_all(root, FakeCoder(), progress=messages.append)}
    assert reports["plover-gsr"].status == "scored"
    assert reports["plover-gsr"].n == 3
    assert reports["geoparsing-lgl"].status == "scored"
    assert reports["geoparsing-trnews"].status == "absent"
    assert reports["case2021"].status == "failed"  # a bad gold file fails only its set
    assert "expected <id>" in str(reports["case2021"].reason)
    assert reports["mystery-set"].status == "no scorer"
    assert all(r.seconds is not None for r in reports.values() if r.status == "scored")
    assert any("geoparsing-lgl" in m and "first 100" in m for m in messages)


def test_limit_overrides_the_defaults(root: Path) -> None:
    coder = FakeCoder()
    (report,) = run_command("plover-gsr", root / "plover-gsr", coder, limit=2)
    assert report.n == 2
    assert len(coder.seen) == 2


def test_geoparsing_folder_runs_each_file(root: Path) -> None:
    names = [r.name for r in run_command("geoparsing", root / "geoparsing", FakeCoder())]
    assert names == ["geoparsing-lgl", "geoparsing-geovirus"]
    (one,) = run_command("geoparsing", root / "geoparsing" / "GeoVirus.xml", FakeCoder())
    assert one.name == "geoparsing-geovirus"


def test_single_set_errors_are_raised(root: Path) -> None:
    with pytest.raises(InputError, match="expected <id>"):
        run_command("case2021", root / "case2021-task2", FakeCoder())
    with pytest.raises(InputError, match="unknown gold set"):
        run_command("nonsense", root, FakeCoder())


def test_json_shape() -> None:
    report = SetReport("demo", n=2, metrics={"a_f1": 0.5, "km": None}, notes=["n1"],
                       misses=[Miss("x", "G", "O", "text"), Miss("y", "G", "O", "text")])
    assert report.to_json() == {"set": "demo", "n": 2, "metrics": {"a_f1": 0.5, "km": None},
                                "status": "scored", "notes": ["n1"]}
    assert len(report.to_json(errors=1)["misses"]) == 1


def test_empty_output_notes() -> None:
    text = "Gondor signed."
    with_event = record(text, events=[event(text, "AGREE", "signed")])
    notes = empty_output_notes([with_event, None], {"events": ["x"], "quotes": ["q_f1"]})
    assert notes == [
        "1 gold texts could not be coded and are scored as empty",
        "no coded record has any quotes: q_f1 measure a stage that is not built yet or "
        "coded nothing",
    ]


def test_markdown_page() -> None:
    reports = [SetReport("demo", n=3, metrics={"a_f1": 0.25, "median_error_km": 1234.5,
                                               "mean_error_km": None}, notes=["a note"]),
               SetReport("later", status="not yet scorable", reason="needs issue 9")]
    page = render(reports, date="2030-01-02", commit="abc1234", command="eventwire eval all x",
                  seconds=12.3)
    assert "- date: 2030-01-02" in page
    assert "- commit: `abc1234`" in page
    assert "| demo | 3 | a_f1 | 0.250 |" in page
    assert "|  |  | median_error_km | 1,234 |" in page
    assert "|  |  | mean_error_km | – |" in page
    assert "| later | – | not yet scorable: needs issue 9 | – |" in page
    assert "- **demo**: a note" in page


def test_the_command_help_names_every_set() -> None:
    from eventwire.cli.eval import eval_command
    from eventwire.eval import COMMANDS

    assert all(name in (eval_command.help or "") for name in COMMANDS)
