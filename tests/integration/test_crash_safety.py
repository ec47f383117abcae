"""Crash safety of ``eventwire ingest`` (issue #9, item 3).

``eventwire ingest`` runs as its own process over 40 small articles, committing every 3,
and is killed with SIGKILL (with its worker processes) at a random moment of its writing
(three seeds). The store must then open, and a rerun must leave it equal, table by table,
to a clean run: every article exactly once, no row lost or doubled.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from bad_corpus import story_text

from eventwire.store import Store

pytestmark = pytest.mark.slow

CLI = [sys.executable, "-c", "from eventwire.cli import main; main()"]
ARTICLES = 40
COMMIT_EVERY = "3"
SEEDS = (1, 2, 3)
# Columns that say when a row was written, which no two runs share.
WRITE_TIMES = frozenset({"ingested_at", "logged_at", "first_seen"})
# The log of attempts grows with every run by design; it is checked on its own below.
LOGS = frozenset({"ingest_log"})


@dataclass(frozen=True)
class Ingest:
    """One ingest process: its exit status and how many times its write-ahead log grew."""

    returncode: int
    writes: int


def command(inputs: Path, db: Path) -> list[str]:
    return [*CLI, "ingest", str(inputs), "--db", str(db), "--commit-every", COMMIT_EVERY]


def run_ingest(inputs: Path, db: Path, kill: tuple[int, float] | None = None) -> Ingest:
    """Run ingest; ``kill=(n, s)`` sends SIGKILL ``s`` seconds after the store's write-ahead
    log has been seen growing ``n`` times (each commit appends to it), so that the kills land
    among the commits rather than while spaCy loads."""
    wal = Path(f"{db}.wal")
    # A session of its own: the kill takes the ingest and its worker processes at once.
    proc = subprocess.Popen(command(inputs, db), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    writes, last = 0, 0
    while proc.poll() is None:
        try:
            size = wal.stat().st_size
        except FileNotFoundError:  # not written yet, or checkpointed into the store at the end
            size = 0
        writes += size > last
        last = size
        if kill is not None and writes >= kill[0]:
            time.sleep(kill[1])
            os.killpg(proc.pid, signal.SIGKILL)
            break
        time.sleep(0.005)
    proc.wait(timeout=300)
    assert proc.stderr is not None
    errors = proc.stderr.read().decode()
    proc.stderr.close()
    if kill is None:
        assert proc.returncode == 0, errors
    return Ingest(proc.returncode, writes)


def snapshot(db: Path) -> dict[str, list[str]]:
    """Every table's rows, write times left out, in a stable order."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [str(t) for (t,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "ORDER BY table_name").fetchall() if t not in LOGS]
        result = {}
        for table in tables:
            columns = [str(c) for (c,) in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "ORDER BY ordinal_position", [table]).fetchall() if c not in WRITE_TIMES]
            # Names come from the database's own catalogue, never from input.
            rows = con.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
            result[table] = sorted(repr(row) for row in rows)
        return result
    finally:
        con.close()


def coded_ids(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return sorted(str(i) for (i,) in con.execute(
            "SELECT article_id FROM ingest_log WHERE status = 'coded'").fetchall())
    finally:
        con.close()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "articles"
    folder.mkdir()
    for i in range(ARTICLES):
        (folder / f"story-{i:02d}.md").write_text(story_text(i, f"desk {i}"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def clean(inputs: Path) -> tuple[dict[str, list[str]], int]:
    db = inputs.parent / "clean.duckdb"
    started = time.monotonic()
    ingest = run_ingest(inputs, db)
    state = snapshot(db)
    print(f"clean run: {time.monotonic() - started:.1f} s, {ingest.writes} log writes seen")
    assert len(state["articles"]) == ARTICLES
    return state, ingest.writes


@pytest.mark.parametrize("seed", SEEDS)
def test_killed_ingest_reruns_to_the_clean_store(
        inputs: Path, clean: tuple[dict[str, list[str]], int], seed: int) -> None:
    expected, writes = clean
    db = inputs.parent / f"killed-{seed}.duckdb"
    rng = random.Random(seed)
    # Two thirds in at most: polling can miss a write, and the kill must come before the end.
    kill = (rng.randint(1, max(1, writes * 2 // 3)), rng.uniform(0.0, 0.5))
    killed = run_ingest(inputs, db, kill)
    assert killed.returncode == -signal.SIGKILL, "ingest ended before the kill"
    with Store.open(db) as store:  # opens (and recovers) after the kill
        row = store.con.execute("SELECT count(*) FROM articles").fetchone()
    committed = int(row[0]) if row else 0
    print(f"seed {seed}: killed {kill[1]:.2f} s after log write {kill[0]} of ~{writes}, "
          f"{committed} of {ARTICLES} articles committed")
    started = time.monotonic()
    run_ingest(inputs, db)
    print(f"seed {seed}: rerun {time.monotonic() - started:.1f} s")
    assert snapshot(db) == expected
    # Exactly once: no article was coded twice across the killed run and the rerun.
    coded = coded_ids(db)
    assert len(coded) == len(set(coded)) == ARTICLES
