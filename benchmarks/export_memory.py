"""What the store costs as it grows: ingest time and export peak memory against store size.

    .venv/bin/python benchmarks/export_memory.py [--sizes 1000,10000] [--add 100]
        [--memory-limit 1GB] [--no-export]

For each size N it builds a store of N synthetic articles (invented words, three events
each, dated over a year), then measures:

- ``ingest s``: storing ``--add`` more articles into the store of N (one ``Store.ingest``
  call, as one ``eventwire ingest`` run does), and ``search s``: the first search after it
  (which rebuilds the full-text index when the ingest left it stale); medians of 3;
- ``open MiB``: the peak resident memory of a fresh process that imported eventwire and
  opened the store read-only; ``stale open MiB``: the same when the last ingest left the
  full-text index stale, so that opening rebuilds it first (``eventwire serve`` does; the
  export skips it with ``refresh_index=False``);
- ``<fmt> MiB``: the peak of the first process once it has set DuckDB's memory limit to
  ``--memory-limit`` (as ``eventwire export --memory-limit`` does, default 1GB) and exported
  the store in that format to /dev/null (``fails`` when DuckDB ran out of memory under the
  limit). The export's own cost is the difference.

Peaks are the process's ``VmHWM`` (Linux). Not ``ru_maxrss``: Linux carries it over from
the parent through fork and exec, so a child of this process, which has just built the
store, would report this process's peak instead of its own.

Memory that does not grow with N is what "exports stream" means. Nothing is asserted:
it prints a table.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from eventwire.model import Actor, Article, Document, Event, Span
from eventwire.store import Store
from eventwire.store.connect import mark_fts_stale
from eventwire.store.query import search

FORMATS = ("csv", "jsonl", "plover", "gdelt", "parquet")
TYPES = (("ASSAULT", "190", 4), ("CONSULT", "040", 1), ("PROTEST", "140", 3),
         ("AGREE", "030", 1), ("ACCUSE", "112", 3))
COUNTRIES = ("TUR", "SYR", "FRA", "USA", "RUS", "EGY", "IND", "BRA")
# argv: store, format (or "-" to only open), output file, memory limit. Prints the peak
# resident KiB after opening and at the end.
_EXPORT = """
import sys
from pathlib import Path
from eventwire.export import export
from eventwire.store import Store
def peak():
    with open("/proc/self/status") as status:
        return next(line.split()[1] for line in status if line.startswith("VmHWM:"))
db, fmt, out, limit = sys.argv[1:5]
with Store.open(db, read_only=True, refresh_index=fmt == "-") as store:
    print(peak())
    if fmt != "-":
        store.con.execute(f"SET memory_limit = '{limit}'")
        with open("/dev/null", "w") as sink:
            export(store.con, fmt, Path(out) if fmt == "parquet" else None, sink)
print(peak())
"""


@dataclass(frozen=True)
class Sizes:
    stored: int
    added: int


def synthetic_documents(first: int, count: int, *, seed: int = 7) -> Iterator[Document]:
    """``count`` articles numbered from ``first``: about 300 invented words and three events."""
    rng = random.Random(seed + first)
    vocab = [f"w{n}" for n in range(20_000)]
    for n in range(first, first + count):
        yield synthetic_document(n, rng, vocab)


def synthetic_document(n: int, rng: random.Random, vocab: list[str]) -> Document:
    parts = [" ".join(rng.choices(vocab, k=100)) + "." for _ in range(3)]
    text = "\n\n".join(parts)
    day = date(2024, 1, 1) + timedelta(days=n % 366)
    doc = Document(id=f"{n:064x}", article=Article(
        text=text, input_name=f"synthetic-{n}.txt", title=f"Story {n} {rng.choice(vocab)}",
        published=day.isoformat(), source=f"Wire {n % 17}", url=f"https://example.org/{n}"))
    a, b = rng.sample(COUNTRIES, 2)
    doc.actors = [Actor("A1", a, a, None, a, f"country:{a}", None, [(0, 2)]),
                  Actor("A2", b, b, None, b, f"country:{b}", None, [(3, 5)])]
    start = 0
    for i, part in enumerate(parts, start=1):
        kind, cameo, quad = rng.choice(TYPES)
        doc.events.append(Event(
            f"E{i}", kind, Span(start, start + 2, text[start:start + 2]),
            Span(start, start + len(part), part), cameo=cameo, quad_class=quad,
            goldstein=0.0, source=["A1"], target=["A2"], date=day.isoformat(),
            confidence=0.5))
        start += len(part) + 2
    return doc


def measure_ingest(path: Path, sizes: Sizes, runs: int = 3) -> tuple[float, float]:
    """Median seconds of ``runs`` ingests of ``sizes.added`` articles into the store of
    ``sizes.stored``, and of the first search after each."""
    with Store.open(path) as store:
        store.ingest(synthetic_documents(0, sizes.stored), batch_size=500)
        store.refresh_index()
    ingests, searches = [], []
    for run in range(runs):
        with Store.open(path) as store:
            started = time.perf_counter()
            store.ingest(synthetic_documents(sizes.stored + run * sizes.added, sizes.added))
            ingests.append(time.perf_counter() - started)
            started = time.perf_counter()
            search(store.con, "w17 w4242", limit=5)
            searches.append(time.perf_counter() - started)
    return statistics.median(ingests), statistics.median(searches)


@dataclass(frozen=True)
class Peaks:
    """Peak resident MiB once the store is open and at the end; ``failed`` when the export
    failed (DuckDB ran out of memory under the limit), then ``ended`` is 0."""

    opened: float
    ended: float
    failed: bool = False

    def cell(self) -> str:
        return "fails" if self.failed else f"{self.ended:.0f}"


def export_peak_mib(path: Path, fmt: str, out: Path, limit: str) -> Peaks:
    """The export process's peaks; ``fmt`` "-" only opens the store (rebuilding a stale
    full-text index first)."""
    done = subprocess.run([sys.executable, "-c", _EXPORT, str(path), fmt, str(out), limit],
                          check=False, capture_output=True, text=True)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0:
        if "OutOfMemoryException" not in done.stderr:
            raise RuntimeError(f"{fmt} export failed: {done.stderr.strip()[-2000:]}")
        return Peaks(int(lines[0]) / 1024, 0.0, failed=True)
    return Peaks(int(lines[-2]) / 1024, int(lines[-1]) / 1024)


def stale_open_mib(path: Path, copy: Path) -> float:
    """Peak MiB of opening a copy of the store read-only once its index is marked stale."""
    shutil.copyfile(path, copy)
    with Store.open(copy) as store:
        mark_fts_stale(store.con)
    return export_peak_mib(copy, "-", copy, "").ended


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--add", type=int, default=100)
    parser.add_argument("--memory-limit", default="1GB",
                        help="DuckDB memory limit of the exports (eventwire export's default)")
    parser.add_argument("--no-export", action="store_true", help="time ingest only")
    args = parser.parse_args()
    formats = () if args.no_export else FORMATS
    print("| stored | ingest s | search s | open MiB | stale open MiB | "
          + " | ".join(f"{f} MiB" for f in formats) + " |")
    print("|---:|---:|---:|---:|---:|" + "---:|" * len(formats))
    for stored in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bench.duckdb"
            ingest_s, search_s = measure_ingest(path, Sizes(stored, args.add))
            peaks = [export_peak_mib(path, f, Path(tmp) / "out.parquet", args.memory_limit)
                     for f in formats]
            stale = stale_open_mib(path, Path(tmp) / "stale.duckdb") if formats else None
        opened = f"{peaks[0].opened:.0f}" if peaks else ""
        cells = [f"{stored}", f"{ingest_s:.2f}", f"{search_s:.2f}", opened,
                 f"{stale:.0f}" if stale is not None else "", *(p.cell() for p in peaks)]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
