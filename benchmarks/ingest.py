"""What storing costs: `eventwire ingest` against `eventwire code` alone on Reuters stories.

    .venv/bin/python benchmarks/ingest.py [--stories 200] [--runs 3]

Reads the first N stories with a body from ../shared/corpora/reuters21578/reut2-000.sgm
(parsing the SGML <REUTERS> elements' <TITLE>, <DATE> and <BODY> here), writes them as a
temporary JSON Lines file and times, median of --runs each, the two runs of a pair taken
one after the other so that load from other processes falls on both alike:

- the commands, each in a fresh process (model loading included, as a user sees it):
  `eventwire code --jsonl FILE > /dev/null` and `eventwire ingest FILE --db NEW.duckdb`;
- in one process with the pipeline already loaded: coding and serialising every story,
  and storing the coded documents into a new file (the store's own cost, which is what
  ingest adds to code).

The target is ingest within 10% of code alone. Nothing is asserted: it prints a table.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / ".." / "shared" / "corpora" / "reuters21578" / "reut2-000.sgm"
_STORY = re.compile(r"<REUTERS\b.*?</REUTERS>", re.S)
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in ("TITLE", "DATE", "BODY")}
# The command objects themselves: the same code `eventwire code` / `eventwire ingest` run.
_CLI = "from eventwire.cli.{0} import {0}_command as c; c()"


@dataclass(frozen=True)
class Story:
    title: str
    published: str | None
    text: str


def _field(name: str, element: str) -> str | None:
    found = _FIELD[name].search(element)
    return html.unescape(found.group(1)).strip() if found else None


def _date(raw: str | None) -> str | None:
    try:  # "26-FEB-1987 15:01:01.79"
        return datetime.strptime((raw or "").split()[0].title(), "%d-%b-%Y").date().isoformat()
    except (ValueError, IndexError):
        return None


def read_stories(path: Path, limit: int) -> Iterator[Story]:
    # The collection is Latin-1 with stray control characters; neither matters here.
    sgml = path.read_text(encoding="latin-1")
    count = 0
    for match in _STORY.finditer(sgml):
        element = match.group(0)
        body = _field("BODY", element)
        if not body:
            continue
        body = re.sub(r"\s*\breuter\s*$", "", body.replace("\x03", ""), flags=re.I).strip()
        yield Story(_field("TITLE", element) or "", _date(_field("DATE", element)), body)
        count += 1
        if count == limit:
            return


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def interleaved(first: Callable[[], object], second: Callable[[], object],
                runs: int) -> tuple[float, float]:
    """Median seconds of each, run alternately so load from elsewhere hits both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        times[0].append(timed(first))
        times[1].append(timed(second))
    return statistics.median(times[0]), statistics.median(times[1])


def run_command(command: str, *args: str) -> None:
    done = subprocess.run([sys.executable, "-c", _CLI.format(command), *args], cwd=REPO,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                          check=False)
    if done.returncode not in (0, 1):  # 1: some stories failed, reported, the rest coded
        sys.exit(f"{command} failed: {done.stderr.strip()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    opts = parser.parse_args()
    if not CORPUS.is_file():
        sys.exit(f"../shared is absent: no Reuters-21578 file at {CORPUS}")
    stories = list(read_stories(CORPUS, opts.stories))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "reuters.jsonl"
        source.write_text("".join(json.dumps(s.__dict__) + "\n" for s in stories),
                          encoding="utf-8")
        dbs = (folder / f"cli-{n}.duckdb" for n in range(opts.runs + 1))
        code, ingest = interleaved(
            lambda: run_command("code", "--jsonl", str(source)),
            lambda: run_command("ingest", str(source), "--db", str(next(dbs))), opts.runs)
        rows = [("eventwire code --jsonl (process)", code),
                ("eventwire ingest (process)", ingest),
                *_in_process(source, folder, opts.runs)]
    print(f"{len(stories)} Reuters-21578 stories, median of {opts.runs} runs\n")
    print("| what | seconds | stories/s |")
    print("|---|---|---|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {len(stories) / seconds:.1f} |")
    print(f"\ningest / code, as commands: {rows[1][1] / rows[0][1]:.3f}")
    print(f"(code + store) / code, in process: {(rows[2][1] + rows[3][1]) / rows[2][1]:.3f}")


def _in_process(source: Path, folder: Path, runs: int) -> list[tuple[str, float]]:
    """Coding time, and the time to store the coded documents alone (the store's own cost)."""
    from eventwire import Document, Pipeline, code_inputs, to_json
    from eventwire.store import Store

    pipeline = Pipeline()
    docs: list[Document] = []

    def code_only() -> None:
        docs.clear()
        for item in code_inputs([str(source)], pipeline=pipeline):
            if isinstance(item, Document):
                to_json(item, indent=None)
                docs.append(item)

    dbs = (folder / f"lib-{n}.duckdb" for n in range(runs))

    def store_only() -> None:
        with Store.open(next(dbs)) as store:
            store.ingest(docs)

    code_only()  # warm caches (gazetteer, knowledge base) before anything is timed
    code, store = interleaved(code_only, store_only, runs)
    return [("code + serialise (in process)", code), ("store the coded documents", store)]


if __name__ == "__main__":
    main()
