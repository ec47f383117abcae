"""Batch sharding, resuming, failure files and month partitions, on small hand-written inputs.

Shards are coded in-process with the session pipeline (``code_shard(..., pipeline=...)``);
the Dask cluster itself is exercised in tests/integration/test_batch.py. (This file is not
tests/unit/test_batch.py: pytest's default import mode needs unique test file names.)
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from eventwire.batch import (
    Layout,
    ShardResult,
    code_shard,
    plan_shards,
    published_month,
    read_failures,
    read_shard,
    run_batch,
    shard_id,
)
from eventwire.cli.batch import batch_command
from eventwire.config import Settings
from eventwire.errors import ConfigError
from eventwire.model import Article, Document, Failure
from eventwire.pipeline import STAGES, Pipeline
from eventwire.sources import read_inputs

SETTINGS = Settings()
STORY = ("Rebels attacked a police station in the north of the country on Monday, officials "
         "said. The government condemned the attack and promised an inquiry.")


def _write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def _jsonl(path: Path, records: list[dict[str, Any] | str]) -> str:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    return _write(path, "\n".join(lines) + "\n")


def _stories(n: int, month: int = 1) -> list[dict[str, Any] | str]:
    return [{"url": f"https://example.org/story-{month}-{i}",
             "published": f"2021-{month:02d}-1{i % 10}", "text": f"{STORY} Story {i}."}
            for i in range(n)]


def _names(items: list[Article | Failure]) -> list[str]:
    return [i.input_name if isinstance(i, Article) else i.input for i in items]


def _rows(out: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(out).to_pylist()
    return rows


# -- planning -------------------------------------------------------------------------------

def test_single_article_files_are_packed_in_order(tmp_path: Path) -> None:
    files = [_write(tmp_path / f"{n:02d}.txt", f"{STORY} {n}") for n in range(7)]
    plan = plan_shards([str(tmp_path)], settings=SETTINGS, shard_size=3)
    assert [[p.input for p in s.parts] for s in plan.shards] == [files[0:3], files[3:6], files[6:]]
    assert [s.records for s in plan.shards] == [3, 3, 1]
    assert all(p.path == str(Path(p.input).resolve()) and p.whole
               for s in plan.shards for p in s.parts)


def test_shard_ids_are_stable_and_depend_on_inputs_and_offsets(tmp_path: Path) -> None:
    for n in range(5):
        _write(tmp_path / f"{n}.txt", STORY)
    first = plan_shards([str(tmp_path)], settings=SETTINGS, shard_size=2)
    again = plan_shards([str(tmp_path)], settings=SETTINGS, shard_size=2)
    assert [s.id for s in first.shards] == [s.id for s in again.shards]
    assert len({s.id for s in first.shards}) == 3
    assert first.shards[0].id == shard_id(first.shards[0].parts)
    other = plan_shards([str(tmp_path)], settings=SETTINGS, shard_size=3)
    assert other.shards[0].id != first.shards[0].id  # other parts, other id
    # The same files and offsets make the same id, however the inputs were named.
    moved = plan_shards([str(tmp_path / "2.txt"), str(tmp_path / "3.txt")], settings=SETTINGS,
                        shard_size=2)
    assert moved.shards[0].id == first.shards[1].id


def test_json_lines_are_cut_between_lines_to_fill_shards(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.txt", STORY)
    b = _write(tmp_path / "b.txt", STORY)
    lines = _jsonl(tmp_path / "c.jsonl", _stories(10))
    plan = plan_shards([a, b, lines], settings=SETTINGS, shard_size=4)
    layout = [[(p.input, p.start, p.stop) for p in s.parts] for s in plan.shards]
    assert layout == [[(a, 0, None), (b, 0, None), (lines, 0, 2)],
                      [(lines, 2, 6)], [(lines, 6, 10)]]


def test_a_sliced_json_lines_file_reads_as_the_whole_file_does(tmp_path: Path) -> None:
    records = _stories(9)
    records[4] = "{not json"
    records.insert(6, "")  # blank lines count as lines, as the reader counts them
    lines = _jsonl(tmp_path / "c.jsonl", records)
    plan = plan_shards([lines], settings=SETTINGS, shard_size=3)
    sliced = [item for shard in plan.shards for item in read_shard(shard, SETTINGS, None)]
    whole = list(read_inputs([lines], settings=SETTINGS))
    assert _names(sliced) == _names(whole)
    assert f"{lines}:5" in _names(sliced)  # the bad line, numbered from the top of the file
    assert [a.text for a in sliced if isinstance(a, Article)] == \
        [a.text for a in whole if isinstance(a, Article)]


def test_containers_are_shards_of_their_own(tmp_path: Path) -> None:
    single = _write(tmp_path / "a.txt", STORY)
    array = _write(tmp_path / "b.json", json.dumps(_stories(3)))
    zipped = tmp_path / "c.jsonl.gz"
    zipped.write_bytes(gzip.compress(b"\n".join(json.dumps(r).encode() for r in _stories(3))))
    plan = plan_shards([single, array, str(zipped)], settings=SETTINGS, shard_size=10)
    assert [[p.input for p in s.parts] for s in plan.shards] == \
        [[single], [array], [str(zipped)]]
    assert all(p.whole for s in plan.shards for p in s.parts)


def test_inputs_that_cannot_be_listed_are_reported(tmp_path: Path) -> None:
    plan = plan_shards([str(tmp_path / "missing.txt"), "-"], settings=SETTINGS, shard_size=5)
    assert plan.shards == ()
    assert [f.input for f in plan.failures] == [str(tmp_path / "missing.txt"), "<stdin>"]
    assert "save it to a file" in plan.failures[1].reason


def test_published_month() -> None:
    assert published_month("2021-03-04") == "2021-03"
    assert published_month("2021-03-04T10:00:00+02:00") == "2021-03"
    assert published_month(None) == "unknown"
    assert published_month("yesterday") == "unknown"


# -- coding a shard -------------------------------------------------------------------------

def test_rows_are_partitioned_by_publication_month(tmp_path: Path, pipeline: Pipeline) -> None:
    lines = _jsonl(tmp_path / "in.jsonl", [*_stories(2, month=1), *_stories(1, month=2),
                                           {"url": "https://example.org/undated", "text": STORY}])
    out = tmp_path / "out"
    (shard,) = plan_shards([lines], settings=SETTINGS, shard_size=10).shards
    result = code_shard(shard, str(out), SETTINGS, pipeline=pipeline)
    assert (result.coded, result.failed, result.months) == (4, 0, ("2021-01", "2021-02",
                                                                   "unknown"))
    months = {p.parent.name: pq.read_table(p).num_rows
              for p in out.glob("published_month=*/*.parquet")}
    assert months == {"published_month=2021-01": 2, "published_month=2021-02": 1,
                      "published_month=unknown": 1}
    rows = _rows(out)
    assert sorted(r["input"] for r in rows) == [f"{lines}:{n}" for n in range(1, 5)]
    for row in rows:
        record = json.loads(row["record"])
        assert record["id"] == row["id"]
        assert published_month(record["article"]["published"]) == row["published_month"]


def test_failures_file_names_each_failed_input(tmp_path: Path, pipeline: Pipeline) -> None:
    empty = _write(tmp_path / "empty.txt", "")
    lines = _jsonl(tmp_path / "in.jsonl", [*_stories(1), "{oops", {"title": "no body"}])
    out = tmp_path / "out"
    (shard,) = plan_shards([empty, lines], settings=SETTINGS, shard_size=10).shards
    result = code_shard(shard, str(out), SETTINGS, pipeline=pipeline)
    assert (result.coded, result.failed) == (1, 3)
    failures = list(read_failures(out, [shard.id]))
    assert [f.input for f in failures] == [empty, f"{lines}:2", f"{lines}:3"]
    assert "invalid JSON" in failures[1].reason
    assert "no text" in failures[2].reason
    lines_on_disk = (out / "_failures" / f"shard-{shard.id}.jsonl").read_text().splitlines()
    assert [json.loads(line)["input"] for line in lines_on_disk] == [f.input for f in failures]


def test_a_shard_marked_done_is_not_coded_again(tmp_path: Path, pipeline: Pipeline) -> None:
    lines = _jsonl(tmp_path / "in.jsonl", _stories(2))
    out = tmp_path / "out"
    (shard,) = plan_shards([lines], settings=SETTINGS, shard_size=10).shards
    first = code_shard(shard, str(out), SETTINGS, pipeline=pipeline)
    marker = Layout(out).done(shard.id)
    assert json.loads(marker.read_text())["coded"] == 2
    parquet = next(out.glob("published_month=*/*.parquet"))
    stamp = parquet.stat().st_mtime_ns
    again = code_shard(shard, str(out), SETTINGS, pipeline=pipeline)
    assert again.skipped and again.coded == first.coded
    assert parquet.stat().st_mtime_ns == stamp


def test_an_unfinished_attempt_is_overwritten(tmp_path: Path, pipeline: Pipeline) -> None:
    lines = _jsonl(tmp_path / "in.jsonl", _stories(2))
    out = tmp_path / "out"
    (shard,) = plan_shards([lines], settings=SETTINGS, shard_size=10).shards
    layout = Layout(out)
    # What a worker killed mid-shard leaves: a half-written temp file, and a month file of
    # an attempt whose marker was never written.
    stale = layout.parquet(shard.id, "1999-01")
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"not parquet")
    half = layout.month_dir("2021-01") / f".shard-{shard.id}.parquet.0123456789ab.tmp"
    half.parent.mkdir(parents=True)
    half.write_bytes(b"PAR1")
    code_shard(shard, str(out), SETTINGS, pipeline=pipeline)
    assert not stale.exists() and not half.exists()
    assert [p.parent.name for p in layout.shard_parquets(shard.id)] == ["published_month=2021-01"]
    assert len(_rows(out)) == 2


def test_an_error_in_one_article_fails_only_that_article(
    tmp_path: Path, pipeline: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Boom:
        name = "boom"
        requires = ()

        def __init__(self, settings: Settings) -> None:
            pass

        def __call__(self, doc: Document) -> None:
            if "Story 1." in doc.text:
                raise KeyError("no such thing")

    monkeypatch.setitem(STAGES, "boom", Boom)
    crashing = Pipeline(SETTINGS, stages=["boom"])
    lines = _jsonl(tmp_path / "in.jsonl", _stories(3))
    (shard,) = plan_shards([lines], settings=SETTINGS, shard_size=10).shards
    result = code_shard(shard, str(tmp_path / "out"), SETTINGS, pipeline=crashing)
    assert (result.coded, result.failed) == (2, 1)
    (failure,) = read_failures(tmp_path / "out", [shard.id])
    assert failure.input == f"{lines}:2"
    assert failure.reason == "internal error in the boom stage (KeyError: 'no such thing')"


# -- running a batch ------------------------------------------------------------------------

def test_run_batch_skips_shards_marked_done(tmp_path: Path) -> None:
    lines = _jsonl(tmp_path / "in.jsonl", _stories(6))
    out = tmp_path / "out"
    plan = plan_shards([lines], settings=SETTINGS, shard_size=2)
    layout = Layout(out)
    for shard in plan.shards:
        marker = ShardResult(shard.id, 2, 0, ("2021-01",), 1.0, 1, 1)
        layout.done(shard.id).parent.mkdir(parents=True, exist_ok=True)
        layout.done(shard.id).write_text(marker.to_json())
    # Every shard is done, so no cluster starts and nothing is coded.
    report = run_batch([lines], out, SETTINGS, shard_size=2, n_workers=1)
    assert report.complete
    assert report.finished == [] and report.coded == 0
    assert [r.shard_id for r in report.skipped] == [s.id for s in plan.shards]
    assert report.coded_before == 6
    assert not list(out.glob("published_month=*"))


def test_a_rerun_with_another_plan_is_refused(tmp_path: Path) -> None:
    lines = _jsonl(tmp_path / "in.jsonl", _stories(4))
    out = tmp_path / "out"
    plan = plan_shards([lines], settings=SETTINGS, shard_size=2)
    layout = Layout(out)
    for shard in plan.shards:
        layout.done(shard.id).parent.mkdir(parents=True, exist_ok=True)
        layout.done(shard.id).write_text(ShardResult(shard.id, 2, 0, (), 1.0, 1, 1).to_json())
    run_batch([lines], out, SETTINGS, shard_size=2)
    with pytest.raises(ConfigError, match="shard_size, shards differ"):
        run_batch([lines], out, SETTINGS, shard_size=3)
    with pytest.raises(ConfigError, match="settings differ"):
        run_batch([lines], out, SETTINGS.with_(published="2020-01-01"), shard_size=2)
    # Speed settings do not change the records, so they may change between runs.
    assert run_batch([lines], out, SETTINGS.with_(batch_size=8), shard_size=2).complete


def test_the_command_reports_a_finished_batch_and_refuses_another(tmp_path: Path) -> None:
    lines = _jsonl(tmp_path / "in.jsonl", _stories(4))
    out = tmp_path / "out"
    plan = plan_shards([lines], settings=SETTINGS, shard_size=2)
    layout = Layout(out)
    for shard in plan.shards:
        layout.done(shard.id).parent.mkdir(parents=True, exist_ok=True)
        layout.done(shard.id).write_text(ShardResult(shard.id, 2, 0, (), 1.0, 1, 1).to_json())
    runner = CliRunner()
    done = runner.invoke(batch_command, [lines, "--out", str(out), "--shard-size", "2"])
    assert done.exit_code == 0, done.output
    assert "coded 0 articles" in done.output
    assert "4 more in 2 shards done by an earlier run" in done.output
    refused = runner.invoke(batch_command, [lines, "--out", str(out), "--shard-size", "3"])
    assert refused.exit_code == 1
    assert "holds another batch" in refused.output
