"""``eventwire eval`` end to end on the real gold sets in ../shared/eval."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.eval import SETS, actors, case2021, ecbplus, petrarch, plover_gsr, polnear
from eventwire.eval.geoparsing import read_gold as read_geo
from eventwire.eval.meantime import read_gold as read_meantime

pytestmark = [pytest.mark.shared, pytest.mark.slow]

PLOVER_METRICS = ["event_type_accuracy", "event_type_macro_f1", "triple_precision",
                  "triple_recall", "triple_f1", "actor_country_accuracy",
                  "actor_sector_accuracy"]


@pytest.fixture(scope="module")
def eval_dir(shared_dir: Path) -> Path:
    return shared_dir / "eval"


def run(*args: str) -> Any:
    result = CliRunner().invoke(cli, ["eval", *args])
    assert result.exit_code == 0, result.output
    return result


def test_plover_json_has_stable_metric_names(eval_dir: Path) -> None:
    out = json.loads(run("plover-gsr", str(eval_dir / "plover-gsr" / "PLOVER_GSR_CAMEO.json"),
                         "--json").stdout)
    assert (out["set"], out["n"], out["status"]) == ("plover-gsr", 152, "scored")
    assert list(out["metrics"]) == PLOVER_METRICS
    assert all(0.0 <= v <= 1.0 for v in out["metrics"].values())


def test_polnear_with_limit_and_errors(eval_dir: Path) -> None:
    out = json.loads(run("polnear", str(eval_dir / "polnear" / "dev"), "--limit", "3",
                         "--errors", "2", "--json").stdout)
    assert out["n"] == 3
    assert len(out["misses"]) <= 2
    assert {"quote_overlap_f1", "speaker_accuracy", "cue_accuracy"} <= set(out["metrics"])


def test_all_lists_every_set_and_why_some_cannot_be_scored(eval_dir: Path,
                                                           tmp_path: Path) -> None:
    page = tmp_path / "accuracy.md"
    out = json.loads(run("all", str(eval_dir), "--limit", "2", "--json", "--markdown",
                         str(page)).stdout)
    by_name = {r["set"]: r for r in out}
    assert {s.name for s in SETS} <= set(by_name)
    for name in ("plover-gsr", "petrarch", "conflibert", "case2021", "polnear", "meantime",
                 "geoparsing-lgl"):
        assert by_name[name]["status"] == "scored", by_name[name]
        assert by_name[name]["n"] == 2
    for name, issue in (("actors", "issue 4"), ("ecbplus", "issue 7")):
        report = by_name[name]
        assert report["status"] in ("scored", "not yet scorable")
        if report["status"] == "not yet scorable":
            assert issue in report["reason"]
            assert report["metrics"] == {}  # never a made-up zero
    assert by_name["india-police-events"]["status"] == "no scorer"
    text = page.read_text(encoding="utf-8")
    assert f"- date: {datetime.now(UTC).date().isoformat()}" in text
    assert "- commit: `" in text
    assert "| plover-gsr | 2 | event_type_accuracy |" in text


def test_table_output_and_misses(eval_dir: Path) -> None:
    result = run("meantime", str(eval_dir / "meantime"), "--limit", "2", "--errors", "1")
    assert "entity_f1" in result.stdout
    assert "misses" in result.stdout


def test_readers_take_the_files_as_they_are(eval_dir: Path) -> None:
    assert len(plover_gsr.read_gold(eval_dir / "plover-gsr")) == 152
    records, errors = petrarch.read_records(eval_dir / "petrarch")
    assert (len(records), errors) == (277, 7)
    assert sum(len(r.codings) for r in records) == 359
    assert len(petrarch.dictionary_actors(eval_dir / "petrarch")) > 150
    snippets, left_out = case2021.read_gold(eval_dir / "case2021-task2")
    assert len(snippets) + sum(left_out.values()) == 545
    articles = polnear.read_gold(eval_dir / "polnear")
    assert len(articles) == 84
    assert all(0 <= s < e <= len(a.text) for a in articles for q in a.quotes
               for s, e in (*q.content, *q.source, *q.cue))
    docs = read_meantime(eval_dir / "meantime")
    assert len(docs) == 60
    assert all(d.text[e.start:e.end].strip() for d in docs for e in d.entities)
    lgl, _ = read_geo(eval_dir / "geoparsing" / "lgl.xml", limit=5)
    assert all(a.text[t.start:t.end] == t.name for a in lgl for t in a.toponyms)
    assert len(actors.read_cases(eval_dir / "actor-resolution")) == 178
    topic = ecbplus.read_corpus(eval_dir / "ecbplus" / "1")
    assert topic and all(d.mentions for d in topic)
    assert len(ecbplus.gold_clusters(topic)) < sum(len(d.mentions) for d in topic)
