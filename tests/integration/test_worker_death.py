"""A worker process killed (SIGKILL, as the OOM killer sends it) while ``eventwire code`` or
``eventwire ingest`` runs with ``--workers 2``.

The command must stop with one ``error:`` line on stderr, no traceback, exit status 3, and
keep what it finished before: the records it printed are whole, the batches it committed
stay in the store.

The kill lands at a known point, not a guessed moment. The articles come on standard input
as JSON Lines in two parts. The first is four chunks of ``batch_size`` articles (two workers
hold two chunks each in flight), then blank lines the reader skips; the parent hands on the
first chunk's results and then reads on for a fifth chunk, so once the pipe is empty the
first chunk is printed or committed and the parent waits for more input. Then a worker is
killed, and once the pool has noticed (it ends the other worker) the second part arrives:
its chunk cannot be handed to the broken pool, which stops the run.
"""

from __future__ import annotations

import array
import fcntl
import json
import os
import signal
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest
from bad_corpus import story_text

from eventwire.config import Settings
from eventwire.store import Store

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"),
                       reason="finds the worker processes and the pipe fill through Linux /proc"),
]

CLI = [sys.executable, "-c", "from eventwire.cli import main; main()"]
WORKERS = 2
CHUNK = Settings().batch_size
FIRST_PART = 2 * WORKERS * CHUNK
# More blank lines than the readers buffer ahead (a few 8 kB buffers), so an empty pipe
# means the reader went through all of them looking for the next article.
PADDING = b"\n" * 256_000
EXIT_STOPPED = 3
DEADLINE = 120.0  # seconds any one wait may take before the test fails, not hangs


@dataclass(frozen=True)
class Stopped:
    """How a killed run ended."""

    returncode: int
    stdout: str
    stderr: str


def records(start: int, count: int) -> bytes:
    lines = [json.dumps({"title": f"story {n}", "published": "2024-05-0" + str(1 + n % 9),
                         "text": story_text(n, f"desk {n}", title=False)})
             for n in range(start, start + count)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def wait_until(ready: Callable[[], bool], what: str, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + DEADLINE
    while not ready():
        assert proc.poll() is None, f"the command ended (status {proc.returncode}) before {what}"
        assert time.monotonic() < deadline, f"waited {DEADLINE:.0f} s for {what}"
        time.sleep(0.02)


def unread_bytes(pipe: IO[bytes]) -> int:
    count = array.array("i", [0])
    fcntl.ioctl(pipe.fileno(), termios.FIONREAD, count)
    return count[0]


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid``, the not yet reaped included."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended while we looked
            continue
        # The command name in brackets may hold spaces; the parent's pid is 2nd after it.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def run_and_kill_a_worker(args: list[str], tmp_path: Path) -> Stopped:
    out, err = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        # Files, not pipes: a parent blocked on a full stdout pipe would stop reading input.
        proc = subprocess.Popen([*CLI, *args, "-", "--format", "jsonl", "--workers", str(WORKERS)],
                                stdin=subprocess.PIPE, stdout=stdout, stderr=stderr,
                                start_new_session=True)
    assert proc.stdin is not None
    stdin = proc.stdin
    try:
        stdin.write(records(0, FIRST_PART) + PADDING)
        stdin.flush()
        wait_until(lambda: unread_bytes(stdin) == 0, "the parent to read the first part", proc)
        workers = children(proc.pid)
        assert len(workers) == WORKERS, f"expected {WORKERS} worker processes, found {workers}"
        os.kill(workers[0], signal.SIGKILL)
        wait_until(lambda: not children(proc.pid), "the pool to end its other worker", proc)
        stdin.write(records(FIRST_PART, 3))
        stdin.close()
        proc.wait(timeout=DEADLINE)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return Stopped(proc.returncode, out.read_text(encoding="utf-8"),
                   err.read_text(encoding="utf-8"))


def assert_one_error_line(stopped: Stopped, after: str) -> None:
    lines = stopped.stderr.splitlines()
    assert "Traceback" not in stopped.stderr, stopped.stderr
    assert len(lines) == 1, stopped.stderr
    assert lines[0].startswith(
        "error: a worker process died (killed, or out of memory?) while coding; "), lines[0]
    assert after in lines[0], lines[0]
    assert stopped.returncode == EXIT_STOPPED, stopped.stderr


def test_code_stops_with_one_line_and_keeps_the_printed_records(tmp_path: Path) -> None:
    stopped = run_and_kill_a_worker(["code", "--jsonl"], tmp_path)
    assert_one_error_line(stopped, "the records already printed are complete")
    printed = [json.loads(line) for line in stopped.stdout.splitlines()]
    assert [r["article"]["title"] for r in printed] == [f"story {n}" for n in range(CHUNK)]


def test_ingest_stops_with_one_line_and_keeps_the_committed_batches(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    stopped = run_and_kill_a_worker(["ingest", "--db", str(db), "--commit-every", "8"],
                                    tmp_path)
    assert_one_error_line(stopped, f"stay stored in {db}; run the same command again")
    assert stopped.stdout == ""  # no `coded N, ...` summary: the run did not finish
    with Store.open(db, read_only=True) as store:
        titles = store.con.execute("SELECT title FROM articles ORDER BY title").fetchall()
        logged = store.con.execute("SELECT count(*) FROM ingest_log").fetchone()
    assert sorted(t for (t,) in titles) == sorted(f"story {n}" for n in range(CHUNK))
    assert logged == (CHUNK,)
