"""A batch on a two-worker Dask cluster survives a killed worker and a rerun, losing nothing.

The inputs are the 20 sample articles plus 280 variants of them made at run time (other urls
and publication dates, so other ids and months) in one JSON Lines file, and two bad inputs.
One worker is killed while it codes a shard; with ``allowed-failures`` at 0 that shard
fails the first run, as it would after a crash. The rerun, on a fresh local cluster, must
code exactly what is left: every input once in the output, and the records ``code_inputs``
makes from the same inputs.
"""

from __future__ import annotations

import json
import os
import signal
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import dask
import distributed
import pyarrow.parquet as pq
import pytest

import eventwire
from eventwire.batch import BatchProgress, read_failures, run_batch
from eventwire.config import Settings
from eventwire.model import Article, Document, Failure
from eventwire.output import to_record
from eventwire.pipeline import Pipeline
from eventwire.sources import read_inputs

pytestmark = pytest.mark.slow
dist: Any = distributed  # its API carries no annotations mypy could check calls against

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "articles"
VARIANTS_PER_ARTICLE = 14
SHARD_SIZE = 25


def _variants(settings: Settings) -> Iterator[dict[str, Any]]:
    """Each sample's first two paragraphs (short, so the test stays quick), redated."""
    for article in read_inputs([str(EXAMPLES)], settings=settings):
        assert isinstance(article, Article) and article.url and article.published
        day = date.fromisoformat(article.published[:10])
        lead = "\n\n".join(article.text.split("\n\n")[:2])
        for k in range(1, VARIANTS_PER_ARTICLE + 1):
            yield {"url": f"{article.url}-variant-{k}", "title": f"{article.title} ({k})",
                   "published": (day + timedelta(days=37 * k)).isoformat(), "text": lead}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = tmp_path_factory.mktemp("batch-inputs")
    lines = [json.dumps(v) for v in _variants(Settings())]
    lines.insert(100, json.dumps({"title": "a record without a body"}))
    (folder / "variants.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return [str(EXAMPLES), str(folder / "variants.jsonl"), str(folder / "empty.txt")]


def _kill_a_busy_worker(client: Any, after: int
                        ) -> tuple[list[str], Callable[[BatchProgress], None]]:
    killed: list[str] = []

    def on_progress(event: BatchProgress) -> None:
        if killed or event.completed < after:
            return
        busy = [addr for addr, keys in client.processing().items() if keys]
        if busy:
            killed.append(busy[0])
            pids: dict[str, int] = client.run(os.getpid, workers=[busy[0]])
            os.kill(pids[busy[0]], signal.SIGKILL)

    return killed, on_progress


def _expected(inputs: list[str], pipeline: Pipeline) -> tuple[list[dict[str, Any]], list[str]]:
    records: list[dict[str, Any]] = []
    failed: list[str] = []
    for item in eventwire.code_inputs(inputs, pipeline=pipeline):
        if isinstance(item, Document):
            records.append({"input": item.article.input_name, **to_record(item)})
        else:
            assert isinstance(item, Failure)
            failed.append(item.input)
    return records, failed


def _events(record: dict[str, Any]) -> str:
    return json.dumps(record["events"], sort_keys=True)


def test_a_killed_worker_loses_and_doubles_nothing(
    inputs: list[str], tmp_path: Path, pipeline: Pipeline
) -> None:
    out = tmp_path / "out"
    settings = Settings()
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), \
            dist.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, dist.Client(cluster) as client:
        killed, on_progress = _kill_a_busy_worker(client, after=3)
        first = run_batch(inputs, out, settings, scheduler=cluster.scheduler_address,
                          shard_size=SHARD_SIZE, progress=on_progress)
        assert killed, "no worker was busy to kill"
        assert first.errors and not first.complete
        assert all("KilledWorker" in e.reason for e in first.errors)
    # The rerun starts its own local cluster, as `eventwire batch` run again would.
    second = run_batch(inputs, out, settings, n_workers=2, shard_size=SHARD_SIZE)

    assert second.complete and not second.errors
    assert {r.shard_id for r in second.skipped} == {r.shard_id for r in first.finished}
    assert {r.shard_id for r in second.finished} == {e.shard_id for e in first.errors}
    assert first.coded + second.coded == 300
    # The pipeline loads once per worker process, however many shards the process codes.
    assert {r.pipeline_loads for r in [*first.finished, *second.finished]} == {1}
    # Issue 8's memory target: under 1.5 GB per worker.
    assert all(0 < r.peak_rss_mib < 1536 for r in [*first.finished, *second.finished])
    assert not list(out.rglob("*.tmp")), "temporary files of the killed attempt are left"

    rows = pq.read_table(out).to_pylist()
    expected, expected_failures = _expected(inputs, pipeline)
    assert Counter(r["input"] for r in rows) == Counter(r["input"] for r in expected)
    assert max(Counter(r["input"] for r in rows).values()) == 1
    failures = [f.input for f in read_failures(out)]
    assert sorted(failures) == sorted(expected_failures) and len(expected_failures) == 2

    got = {(r["id"], _events(json.loads(r["record"]))) for r in rows}
    assert got == {(r["id"], _events(r)) for r in expected}
    by_input = {r["input"]: json.loads(r["record"]) for r in rows}
    for record in expected:
        assert by_input[record.pop("input")] == record
    months = {r["published_month"] for r in rows}
    assert len(months) > 100 and "unknown" not in months
