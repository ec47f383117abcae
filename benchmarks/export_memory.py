"""What the store costs as it grows: ingest time and export peak memory against store size.

    .venv/bin/python benchmarks/export_memory.py [--sizes 1000,10000] [--add 100]

For each size N it builds a store of N synthetic articles (invented words, three events
each, dated over a year), then measures:

- ``ingest s``: storing ``--add`` more articles into the store of N (one ``Store.ingest``
  call, as one ``eventwire ingest`` run does), and ``search s``: the first search after it
  (which rebuilds the full-text index when the ingest left it stale); medians of 3;
- ``open MiB``: the peak resident memory of a fresh process that imported eventwire and
  opened the store read-only; ``<fmt> MiB``: its peak once it has exported the store in
  that format to /dev/null. The export's own cost is the difference.

Memory that does not grow with N is what "exports stream" means. Nothing is asserted:
it prints a table.
"""

from __future__ import annotations

import argparse
import random
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
from eventwire.store.query import search

FORMATS = ("csv", "jsonl", "plover", "gdelt", "parquet")
TYPES = (("ASSAULT", "190", 4), ("CONSULT", "040", 1), ("PROTEST", "140", 3),
         ("AGREE", "030", 1), ("ACCUSE", "112", 3))
COUNTRIES = ("TUR", "SYR", "FRA", "USA", "RUS", "EGY", "IND", "BRA")
_EXPORT = """
import resource, sys
from pathlib import Path
from eventwire.export import export
from eventwire.store import Store
with Store.open(sys.argv[1], read_only=True) as store:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    out = Path(sys.argv[3]) if sys.argv[2] == "parquet" else None
    with open("/dev/null", "w") as sink:
        export(store.con, sys.argv[2], out, sink)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
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


def export_peak_mib(path: Path, fmt: str, out: Path) -> tuple[float, float]:
    """Peak resident MiB of the export process once the store is open, and at the end."""
    done = subprocess.run([sys.executable, "-c", _EXPORT, str(path), fmt, str(out)],
                          check=True, capture_output=True, text=True)
    opened, ended = done.stdout.strip().splitlines()[-2:]
    return int(opened) / 1024, int(ended) / 1024  # ru_maxrss is in KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--add", type=int, default=100)
    parser.add_argument("--no-export", action="store_true", help="time ingest only")
    args = parser.parse_args()
    formats = () if args.no_export else FORMATS
    print("| stored | ingest s | search s | open MiB | "
          + " | ".join(f"{f} MiB" for f in formats) + " |")
    print("|---:|---:|---:|---:|" + "---:|" * len(formats))
    for stored in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bench.duckdb"
            ingest_s, search_s = measure_ingest(path, Sizes(stored, args.add))
            peaks = [export_peak_mib(path, f, Path(tmp) / "out.parquet") for f in formats]
        opened = f"{peaks[0][0]:.0f}" if peaks else ""
        cells = [f"{stored}", f"{ingest_s:.2f}", f"{search_s:.2f}", opened,
                 *(f"{p[1]:.0f}" for p in peaks)]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
