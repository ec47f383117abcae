"""Throughput of eventwire on Reuters-21578 stories, against spaCy's bare ``nlp.pipe``.

    .venv/bin/python benchmarks/throughput.py --corpus ../shared/corpora/reuters21578

Reads the first ``--articles`` stories with a body from ``reut2-*.sgm`` (TITLE, DATE, BODY),
writes them to a JSON Lines file, and measures, each in a fresh process so memory peaks
and caches do not leak between runs:

- ``spacy``: bare ``spacy.load(model).pipe(texts, n_process=N)`` on the texts the reader made;
- ``code``: what ``eventwire code --jsonl --workers N`` does: read, code (with N > 1 in N
  worker processes that each parse and run every stage), serialise; with one worker, the
  seconds spent in each stage;
- ``batch``: ``run_batch`` on a local Dask cluster of N worker processes (cluster start and
  the pipeline load on each worker included).

Then ``spacy`` and ``code`` with one worker again on the first ``--small`` stories (issue 5
states its target on 200). The measurements themselves are in ``throughput_measures.py``.

Prints the machine, the results table, the stage breakdown and the targets of issues 5 and 8
met or not, in Markdown ready for benchmarks/README.md; ``--json`` saves them.
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
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]  # no stubs; types-psutil is not a dependency
import spacy
from throughput_measures import (
    MODES,
    Measurement,
    articles_in,
    measure_batch,
    measure_code,
    measure_spacy,
    words,
)
from throughput_report import print_report

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
            "model": f"{model} {model_version}", "distributed": _version("distributed"),
            "os": platform.platform(), "stages": ", ".join(DEFAULT_STAGES),
            "commit": _commit(), "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "load avg (1, 5, 15 min) at start": ", ".join(f"{x:.2f}" for x in os.getloadavg())}


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def _commit() -> str:
    done = subprocess.run(["git", "describe", "--always", "--dirty"], check=False,
                          capture_output=True, text=True, cwd=Path(__file__).parent)
    return done.stdout.strip() or "unknown"


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
    parser.add_argument("--small", type=int, default=200,
                        help="Also measure spacy and code with one worker on the first this "
                             "many stories (issue 5 states its target on 200); 0 skips it.")
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
        print_report([_measurement(r) for r in saved["results"]],
                     [_measurement(r) for r in saved.get("small", [])])
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
        small: list[Measurement] = []
        if 0 < args.small < count:
            small_file = Path(tmp) / "reuters-small.jsonl"
            write_corpus(args.corpus, args.small, small_file)
            print(f"first {args.small} stories, one worker:", flush=True)
            small = measure_all(["spacy", "code"], [1], args.repeat, small_file)
    print_report(results, small)
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "articles": count,
                                         "results": [asdict(r) for r in results],
                                         "small": [asdict(r) for r in small]}, indent=1),
                             encoding="utf-8")


if __name__ == "__main__":
    main()
