"""Throughput of eventwire on Reuters-21578 stories, against spaCy's bare ``nlp.pipe``.

    .venv/bin/python benchmarks/throughput.py --corpus ../shared/corpora/reuters21578

Reads the first ``--articles`` stories with a body from ``reut2-*.sgm`` (TITLE, DATE, BODY),
writes them to a JSON Lines file, and measures, each in a fresh process so memory peaks
and caches do not leak between runs:

- ``spacy``: bare ``spacy.load(model).pipe(texts, n_process=N)`` on the texts the reader made;
- ``code``: what ``eventwire code --jsonl --workers N`` does: read, parse (spaCy ``n_process``),
  extract, serialise; with the seconds spent in each stage;
- ``pool``: a prototype of whole-pipeline worker processes (see benchmarks/README.md);
- ``batch``: ``run_batch`` on a local Dask cluster of N worker processes (cluster start and
  the pipeline load on each worker included).

The measurements themselves are in ``throughput_measures.py``.

Prints the machine, a Markdown results table and the stage breakdown; ``--json`` saves them.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]  # no stubs; types-psutil is not a dependency
import spacy
from throughput_measures import (
    BATCH_START,
    MODES,
    Measurement,
    articles_in,
    measure_batch,
    measure_code,
    measure_pool,
    measure_spacy,
    words,
)

from eventwire.config import Settings
from eventwire.pipeline import DEFAULT_STAGES
from eventwire.sources import read_text

_STORY = re.compile(r"<REUTERS\b.*?</REUTERS>", re.DOTALL)
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.DOTALL)
          for name in ("TITLE", "DATE", "BODY")}
_DATE = re.compile(r"\d{1,2}-[A-Z]{3}-\d{4}")
_PARAGRAPH = re.compile(r"\n {2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")


# -- corpus ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Story:
    title: str
    published: str | None
    text: str


def reuters_stories(corpus: Path) -> Iterator[Story]:
    """Stories with a body, in file order; the wire's hard line breaks joined into paragraphs."""
    for path in sorted(corpus.glob("reut2-*.sgm")):
        raw = path.read_bytes().decode("latin-1")
        for block in _STORY.findall(raw):
            fields = {k: (m[1] if (m := pattern.search(block)) else "")
                      for k, pattern in _FIELD.items()}
            body = _clean(fields["BODY"]).removesuffix("Reuter").strip()
            if not body:
                continue
            paragraphs = [" ".join(p.split()) for p in _PARAGRAPH.split(body)]
            yield Story(_clean(fields["TITLE"]), _date(fields["DATE"]),
                        "\n\n".join(p for p in paragraphs if p))


def _clean(text: str) -> str:
    return _CONTROL.sub("", html.unescape(text)).strip()


def _date(text: str) -> str | None:
    match = _DATE.search(text)
    return datetime.strptime(match[0], "%d-%b-%Y").date().isoformat() if match else None


def write_corpus(corpus: Path, articles: int, path: Path) -> tuple[int, int]:
    """The first ``articles`` stories eventwire codes; also how many it would refuse (language)."""
    settings = Settings()
    count = refused = 0
    with path.open("w", encoding="utf-8") as handle:
        for story in reuters_stories(corpus):
            line = json.dumps(asdict(story))
            language = read_text(line, input_name="story", fmt="json", settings=settings).language
            if language is not None and language not in settings.languages:
                refused += 1  # short tables the language guesser misreads; never coded
                continue
            handle.write(line + "\n")
            count += 1
            if count == articles:
                break
    return count, refused


def _child_main(args: argparse.Namespace) -> None:
    load_before = os.getloadavg()[0]
    path = Path(args.input)
    (workers,) = args.workers
    if args.measure == "spacy":
        result = measure_spacy(path, workers)
    elif args.measure == "code":
        result = measure_code(path, workers)
    elif args.measure == "pool":
        result = measure_pool(path, workers)
    else:
        with tempfile.TemporaryDirectory() as out:
            result = measure_batch(path, workers, Path(out) / "batch")
    result.load = (round(load_before, 2), round(os.getloadavg()[0], 2))
    print(json.dumps(asdict(result)))


# -- the parent: run each measurement, print the tables -------------------------------------

def run_child(mode: str, workers: int, corpus_file: Path) -> Measurement:
    command = [sys.executable, __file__, "--measure", mode, "--workers", str(workers),
               "--input", str(corpus_file)]
    done = subprocess.run(command, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{mode} × {workers} failed:\n{done.stderr[-3000:]}")
    return _measurement(json.loads(done.stdout.strip().splitlines()[-1]))


def measure_all(modes: list[str], workers: list[int], repeat: int, corpus_file: Path
                ) -> list[Measurement]:
    best: dict[tuple[str, int], Measurement] = {}
    for round_ in range(1, repeat + 1):
        for mode in modes:
            for n in workers:
                result = run_child(mode, n, corpus_file)
                print(f"  round {round_}: {mode} × {n}: {result.seconds:.1f} s "
                      f"(load {result.load[0]:.2f})", flush=True)
                kept = best.get((mode, n))
                if kept is None or result.seconds < kept.seconds:
                    best[(mode, n)] = result
    return [best[(mode, n)] for mode in modes for n in workers]


def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
                if line.startswith("model name")), platform.processor())
    model = Settings().model
    model_version = spacy.load(model).meta.get("version", "?")
    return {"nproc": str(os.cpu_count()), "cpu": cpu,
            "ram": f"{psutil.virtual_memory().total / (1 << 30):.1f} GiB",
            "python": platform.python_version(), "spacy": version("spacy"),
            "model": f"{model} {model_version}", "os": platform.platform(),
            "stages": ", ".join(DEFAULT_STAGES), "commit": _commit()}


def _commit() -> str:
    done = subprocess.run(["git", "describe", "--always", "--dirty"], check=False,
                          capture_output=True, text=True, cwd=Path(__file__).parent)
    return done.stdout.strip() or "unknown"


def table(results: list[Measurement]) -> str:
    bare = {r.workers: r for r in results if r.mode == "spacy"}
    one = {r.mode: r for r in results if r.workers == 1}
    lines = ["| run | workers | wall s | articles/s | words/s | vs bare spaCy, same workers "
             "| vs 1 worker | CPU s | vs bare spaCy, CPU s | peak RSS per process (MiB) "
             "| load avg before → after |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    for r in results:
        rate = r.articles / r.seconds
        base = bare.get(r.workers)
        vs_bare = f"{rate / (base.articles / base.seconds):.0%}" if base else "–"
        vs_bare_cpu = f"{base.cpu_seconds / r.cpu_seconds:.0%}" if base else "–"
        first = one.get(r.mode)
        vs_one = f"{rate / (first.articles / first.seconds):.2f}×" if first else "–"
        lines.append(
            f"| {r.mode} | {r.workers} | {r.seconds:.1f} | {rate:.1f} "
            f"| {r.words / r.seconds:,.0f} | {vs_bare} | {vs_one} | {r.cpu_seconds:.1f} "
            f"| {vs_bare_cpu} | {', '.join(f'{m:,.0f}' for m in r.peak_rss_mib)} "
            f"| {r.load[0]:.2f} → {r.load[1]:.2f} |")
    return "\n".join(lines)


def stage_table(results: list[Measurement]) -> str:
    coded = [r for r in results if r.mode == "code"]
    lines = ["| where the time goes (`code`) | " + " | ".join(f"{r.workers} worker(s)"
                                                            for r in coded) + " |",
             "|---|" + "---:|" * len(coded)]
    names = list(dict.fromkeys(k for r in coded for k in r.stages))
    for name in names:
        cells = [f"{r.stages.get(name, 0.0):.1f} s ({r.stages.get(name, 0.0) / r.seconds:.0%})"
                 for r in coded]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    bare = {r.workers: r for r in results if r.mode == "spacy"}
    for r in results:
        startup = r.stages.get(BATCH_START)
        if r.mode != "batch" or startup is None:
            continue
        rate = r.articles / (r.seconds - startup)
        base = bare.get(r.workers)
        versus = f", {rate / (base.articles / base.seconds):.0%} of bare spaCy" if base else ""
        lines.append(f"\n`batch` × {r.workers}: {startup:.1f} s of its wall time is start-up "
                     f"(cluster, a pipeline per worker); without it {rate:.1f} articles/s{versus}.")
    return "\n".join(lines)


def _print_tables(results: list[Measurement]) -> None:
    print()
    print(table(results))
    print()
    print(stage_table(results))


def _measurement(data: dict[str, Any]) -> Measurement:
    return Measurement(**{**data, "load": tuple(data["load"])})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, help="Folder holding reut2-*.sgm.")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--modes", nargs="+", default=list(MODES), choices=MODES)
    parser.add_argument("--repeat", type=int, default=1,
                        help="Run every configuration this many times, interleaved, and keep "
                             "each one's fastest run (on a shared machine the others are noise).")
    parser.add_argument("--json", type=Path, help="Also save machine and results here.")
    parser.add_argument("--from-json", type=Path,
                        help="Print the tables of results saved earlier with --json; run nothing.")
    parser.add_argument("--measure", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        _child_main(args)
        return
    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        print("machine: " + "; ".join(f"{k} {v}" for k, v in saved["machine"].items()))
        _print_tables([_measurement(r) for r in saved["results"]])
        return
    if args.corpus is None or not args.corpus.is_dir():
        parser.error(f"--corpus must be the Reuters-21578 folder (got {args.corpus})")
    with tempfile.TemporaryDirectory() as tmp:
        corpus_file = Path(tmp) / "reuters.jsonl"
        count, refused = write_corpus(args.corpus, args.articles, corpus_file)
        info = machine()
        print("machine: " + "; ".join(f"{k} {v}" for k, v in info.items()), flush=True)
        total = words(a.text for a in articles_in(corpus_file))
        print(f"corpus: first {count:,} Reuters-21578 stories with a body ({refused} skipped: "
              f"not English to the language guesser), {total:,} words", flush=True)
        results = measure_all(args.modes, args.workers, args.repeat, corpus_file)
    _print_tables(results)
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "articles": count,
                                         "results": [asdict(r) for r in results]}, indent=1),
                             encoding="utf-8")


if __name__ == "__main__":
    main()
