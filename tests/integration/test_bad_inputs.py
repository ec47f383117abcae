"""Bad input never stops a batch and never loses data (issue #9, item 1).

The real ``eventwire ingest`` runs, as its own process, over the corpus of
``bad_corpus.py``: every damaged input gets one ``error: INPUT: reason`` line and a row in
the ingest report, every good article is stored, and the exit status says some failed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from bad_corpus import Case, build_corpus, enumeration_text, story_text

from eventwire.config import Settings
from eventwire.model import Failure
from eventwire.output import validation_errors
from eventwire.sources import read_inputs

pytestmark = pytest.mark.slow

CLI = [sys.executable, "-c", "from eventwire.cli import main; main()"]


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str
    seconds: float


def ingest(*args: str) -> Run:
    started = time.monotonic()
    done = subprocess.run([*CLI, "ingest", *args], capture_output=True, text=True,
                          timeout=600, check=False)
    return Run(done.returncode, done.stdout, done.stderr, time.monotonic() - started)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Case]:
    return build_corpus(tmp_path_factory.mktemp("bad") / "corpus")


@pytest.fixture(scope="module")
def run(corpus: list[Case]) -> tuple[Run, Path, Path]:
    root = corpus[0].path.parent.parent
    db, report = root / "real.duckdb", root / "report.jsonl"
    result = ingest(str(corpus[0].path.parent), "--db", str(db), "--report", str(report))
    print(f"ingest of {len(corpus)} inputs took {result.seconds:.1f} s")
    return result, db, report


def stored(db: Path) -> list[tuple[str, str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [(str(i), str(r)) for i, r in con.execute(
            "SELECT input, record FROM articles ORDER BY input").fetchall()]
    finally:
        con.close()


def articles_from(case: Case, inputs: list[str]) -> int:
    name = str(case.path)
    return sum(1 for i in inputs if i == name or i.startswith((f"{name}:", f"{name}#")))


def test_every_bad_input_gets_one_line_and_no_traceback(
        corpus: list[Case], run: tuple[Run, Path, Path]) -> None:
    result = run[0]
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert all(line.startswith("error: ") for line in lines), lines
    expected = [f for case in corpus for f in case.failures]
    assert len(lines) == len(expected)
    for failure in expected:
        matching = [line for line in lines if line.startswith(f"error: {failure.input}")
                    and not line.startswith(f"error: {failure.input}.")]  # .warc vs .warc.gz
        assert len(matching) == 1, (failure, matching)
        assert failure.reason in matching[0], (failure, matching[0])


def test_exit_status_and_summary_say_some_failed(
        corpus: list[Case], run: tuple[Run, Path, Path]) -> None:
    result = run[0]
    coded = sum(case.coded for case in corpus)
    failed = sum(len(case.failures) for case in corpus)
    assert result.code == 1  # README: 1 when any input failed
    assert result.stdout.strip() == f"coded {coded}, unchanged 0, replaced 0, failed {failed}"


def test_every_good_article_is_stored_and_valid(
        corpus: list[Case], run: tuple[Run, Path, Path]) -> None:
    rows = stored(run[1])
    inputs = [i for i, _ in rows]
    for case in corpus:
        assert articles_from(case, inputs) == case.coded, case
    assert len(rows) == sum(case.coded for case in corpus)
    for _, record in rows:
        assert validation_errors(json.loads(record)) == []


def test_report_has_a_row_per_input(corpus: list[Case], run: tuple[Run, Path, Path]) -> None:
    rows = [json.loads(line) for line in run[2].read_text(encoding="utf-8").splitlines()]
    failed = {(r["input"], r["reason"]) for r in rows if r["status"] == "failed"}
    lines = {tuple(line.removeprefix("error: ").split(": ", 1))
             for line in run[0].stderr.splitlines()}
    assert failed == lines
    coded = [r for r in rows if r["status"] == "coded"]
    assert len(coded) == sum(case.coded for case in corpus)
    assert all(r["article_id"] and r["reason"] is None for r in coded)
    assert len(rows) == len(coded) + len(failed)


def test_ingesting_again_loses_and_duplicates_nothing(
        corpus: list[Case], run: tuple[Run, Path, Path]) -> None:
    again = ingest(str(corpus[0].path.parent), "--db", str(run[1]))
    coded = sum(case.coded for case in corpus)
    failed = sum(len(case.failures) for case in corpus)
    assert again.code == 1
    assert again.stdout.strip() == f"coded 0, unchanged {coded}, replaced 0, failed {failed}"
    assert len(stored(run[1])) == coded


def test_a_file_over_the_size_limit_is_refused_unread(corpus: list[Case]) -> None:
    [huge] = [case for case in corpus if case.kind == "200 MB file"]
    assert huge.path.stat().st_size == 200_000_000
    tracemalloc.start()
    try:
        results = list(read_inputs([str(huge.path)], settings=Settings()))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert results == [Failure(str(huge.path),
                               "larger than 50,000,000 bytes (setting max_input_bytes)")]
    assert peak < 2_000_000, f"peak {peak:,} bytes while refusing a 200 MB file"


def test_an_article_over_the_time_limit_is_reported_not_waited_for(tmp_path: Path) -> None:
    # 8,000 delegates in one sentence: about 3 s in the extraction stages on a laptop core,
    # six times the limit, and still well under max_text_chars.
    slow = tmp_path / "enumeration.md"
    slow.write_text(enumeration_text(8000), encoding="utf-8")
    good = tmp_path / "good.md"
    good.write_text(story_text(0, "time limit"), encoding="utf-8")
    result = ingest(str(slow), str(good), "--db", str(tmp_path / "t.duckdb"),
                    "--max-seconds-per-article", "0.5")
    assert result.code == 1 and "Traceback" not in result.stderr
    assert result.stdout.strip() == "coded 1, unchanged 0, replaced 0, failed 1"
    [line] = result.stderr.splitlines()
    assert line.startswith(f"error: {slow}: coding took longer than 0.5 s "
                           "(setting max_seconds_per_article); stopped ")
