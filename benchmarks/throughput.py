"""Throughput of eventwire on Reuters-21578 stories, against spaCy's bare ``nlp.pipe``.

    .venv/bin/python benchmarks/throughput.py --corpus ../shared/corpora/reuters21578

Reads the first ``--articles`` stories with a body from ``reut2-*.sgm`` (TITLE, DATE, BODY),
writes them to a JSON Lines file, and measures, each in a fresh process so memory peaks
and caches do not leak between runs:

- ``spacy``: bare ``spacy.load(model).pipe(texts, n_process=N)`` on the texts the reader made;
- ``code``: what ``eventwire code --jsonl --workers N`` does: read, parse (spaCy ``n_process``),
  extract, serialise; with the seconds spent in each stage;
- ``batch``: ``run_batch`` on a local Dask cluster of N worker processes (cluster start and
  the pipeline load on each worker included).

Prints the machine, a Markdown results table and the stage breakdown; ``--json`` saves them.
"""

from __future__ import annotations

import argparse
import html
import json
import multiprocessing
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from importlib import import_module
from importlib.metadata import version
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]  # no stubs; types-psutil is not a dependency
import spacy

from eventwire.batch import load_worker_pipeline, read_failures, run_batch, worker_pipeline
from eventwire.config import Settings
from eventwire.model import Article, Document, Failure
from eventwire.output import to_json
from eventwire.pipeline import DEFAULT_STAGES, Pipeline
from eventwire.sources import read_inputs, read_text

MiB = 1 << 20
MODES = ("spacy", "code", "pool", "batch")
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


# -- measuring, in a child process ----------------------------------------------------------

@dataclass(slots=True)
class Measurement:
    mode: str
    workers: int
    articles: int
    words: int
    seconds: float
    cpu_seconds: float  # user + system of every process taking part
    peak_rss_mib: list[float]  # per process doing the work (parent first when it takes part)
    stages: dict[str, float] = field(default_factory=dict)
    load: tuple[float, float] = (0.0, 0.0)  # 1-minute load average before and after


class Sampler:
    """Peak resident memory and CPU time of this process and its children, every 50 ms."""

    def __init__(self) -> None:
        self.peaks: Counter[int] = Counter()
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._cpu_before = 0.0

    def __enter__(self) -> Sampler:
        self._cpu_before = _cpu(psutil.Process())
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.sample()

    def sample(self) -> None:
        """Also called just before worker processes end, so their last CPU seconds count."""
        me = psutil.Process()
        for proc in [me, *me.children(recursive=True)]:
            try:
                with proc.oneshot():
                    self.peaks[proc.pid] = max(self.peaks[proc.pid], proc.memory_info().rss)
                    self.cpu[proc.pid] = _cpu(proc)
            except psutil.NoSuchProcess:
                continue

    def mib(self) -> list[float]:
        me = os.getpid()
        order = [me, *sorted(p for p in self.peaks if p != me)]
        return [round(self.peaks[p] / MiB, 1) for p in order if p in self.peaks]

    def cpu_seconds(self) -> float:
        return round(sum(self.cpu.values()) - self._cpu_before, 2)


def _cpu(proc: Any) -> float:
    times = proc.cpu_times()
    return float(times.user + times.system)


def _articles(path: Path) -> list[Article]:
    return [a for a in read_inputs([str(path)], settings=Settings()) if isinstance(a, Article)]


def measure_spacy(path: Path, workers: int) -> Measurement:
    settings = Settings()
    texts = [a.text for a in _articles(path)]
    nlp = spacy.load(settings.model)
    with Sampler() as rss:
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=settings.batch_size, n_process=workers):
            pass
        seconds = time.perf_counter() - started
    return Measurement("spacy", workers, len(texts), _words(texts), seconds, rss.cpu_seconds(),
                       rss.mib())


def measure_code(path: Path, workers: int) -> Measurement:
    """``code_inputs`` as ``eventwire code --jsonl`` runs it, with each part timed."""
    texts = [a.text for a in _articles(path)]
    pipeline = TimedPipeline(Settings(workers=workers))
    timer = pipeline.timer
    with Sampler() as rss:
        started = time.perf_counter()
        items = timer.each("read (sources)", read_inputs([str(path)], settings=pipeline.settings))
        for item in pipeline.stream(items):
            if isinstance(item, Document):
                timer.run("serialise (to_json)", to_json, item, indent=None)
        seconds = time.perf_counter() - started
    stages = dict(timer.seconds)
    stages["spaCy parse (or waiting on parse processes)"] = seconds - sum(stages.values())
    return Measurement("code", workers, len(texts), _words(texts), seconds, rss.cpu_seconds(),
                       rss.mib(), stages)


def measure_batch(path: Path, workers: int, out: Path) -> Measurement:
    """``run_batch`` on warm local workers (start-up is reported apart, as ``batch start``)."""
    dist: Any = import_module("distributed")  # no annotations mypy could use
    texts = [a.text for a in _articles(path)]
    started = time.perf_counter()
    with dist.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None) as cluster, dist.Client(cluster) as client:
        client.run(load_worker_pipeline, Settings())
        startup = time.perf_counter() - started
        with Sampler() as usage:
            started = time.perf_counter()
            report = run_batch([str(path)], out, scheduler=cluster.scheduler_address,
                               shard_size=max(50, len(texts) // (4 * workers)))
            seconds = time.perf_counter() - started
        peaks: dict[str, float] = client.run(_peak_rss_mib)
    if not report.complete or report.coded != len(texts):
        reasons = [f.line() for f in read_failures(out)][:3]
        raise SystemExit(f"batch coded {report.coded} of {len(texts)}: {reasons or report.errors}")
    return Measurement("batch", workers, report.coded, _words(texts), seconds,
                       usage.cpu_seconds(), sorted(peaks.values()),
                       {"batch start (cluster + pipeline load)": startup})


def measure_pool(path: Path, workers: int) -> Measurement:
    """A prototype for ``eventwire code --workers N``: whole pipeline per forked process.

    Today ``Pipeline.stream`` parses in spaCy's ``n_process`` children but runs every
    extraction stage (and reading, and serialising) in the parent. Here each forked process
    codes whole chunks and sends back Documents; the parent only reads and serialises.
    At most two chunks per process are in flight, so memory stays flat on any input.
    """
    settings = Settings()
    texts = [a.text for a in _articles(path)]
    worker_pipeline(settings)  # built before the fork: the children share it copy-on-write
    context = multiprocessing.get_context("fork")
    with Sampler() as usage, context.Pool(workers) as pool:
        started = time.perf_counter()
        window: deque[Any] = deque()
        for chunk in _chunks(read_inputs([str(path)], settings=settings), settings.batch_size):
            window.append(pool.apply_async(_code_chunk, (settings, chunk)))
            if len(window) >= 2 * workers:
                _serialise(window.popleft().get())
        while window:
            _serialise(window.popleft().get())
        seconds = time.perf_counter() - started
        usage.sample()
    return Measurement("pool", workers, len(texts), _words(texts), seconds,
                       usage.cpu_seconds(), usage.mib())


def _code_chunk(settings: Settings, chunk: list[Article | Failure]) -> list[Document | Failure]:
    return list(worker_pipeline(settings).stream(chunk))


def _serialise(items: list[Document | Failure]) -> None:
    for item in items:
        if isinstance(item, Document):
            to_json(item, indent=None)


def _chunks(items: Iterator[Article | Failure], size: int) -> Iterator[list[Article | Failure]]:
    chunk: list[Article | Failure] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _peak_rss_mib() -> float:
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _words_in(path: Path) -> int:
    return _words([a.text for a in _articles(path)])


def _words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


class StageTimer:
    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)

    def run(self, name: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            self.seconds[name] += time.perf_counter() - started

    def each(self, name: str, items: Iterator[Article | Failure]) -> Iterator[Article | Failure]:
        """``items``, with the time spent producing each one added under ``name``."""
        while True:
            started = time.perf_counter()
            item = next(items, None)
            self.seconds[name] += time.perf_counter() - started
            if item is None:
                return
            yield item


class _TimedStage:
    """A stage that adds the seconds it takes to the timer under its name."""

    def __init__(self, stage: Any, timer: StageTimer) -> None:
        self.stage, self.timer = stage, timer
        self.name, self.requires = stage.name, stage.requires

    def __call__(self, doc: Document) -> None:
        self.timer.run(f"stage {self.name}", self.stage, doc)


class TimedPipeline(Pipeline):
    """The real pipeline; its stages and segmentation report their seconds to ``timer``."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.timer = StageTimer()
        self.stages = [_TimedStage(s, self.timer) for s in self.stages]

    def _annotate(self, article: Article, parsed: object) -> Document:
        before = self._stage_seconds()
        started = time.perf_counter()
        doc = super()._annotate(article, parsed)
        inside = time.perf_counter() - started - (self._stage_seconds() - before)
        self.timer.seconds["paragraphs + sentences"] += inside
        return doc

    def _stage_seconds(self) -> float:
        return sum(v for k, v in self.timer.seconds.items() if k.startswith("stage "))


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
    data = json.loads(done.stdout.strip().splitlines()[-1])
    data["load"] = tuple(data["load"])
    return Measurement(**data)


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
    lines += [f"\n`batch` × {r.workers}: {k} {v:.1f} s, not in its wall time above."
              for r in results if r.mode == "batch" for k, v in r.stages.items()]
    return "\n".join(lines)


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
    parser.add_argument("--measure", choices=MODES, help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        _child_main(args)
        return
    if args.corpus is None or not args.corpus.is_dir():
        parser.error(f"--corpus must be the Reuters-21578 folder (got {args.corpus})")
    with tempfile.TemporaryDirectory() as tmp:
        corpus_file = Path(tmp) / "reuters.jsonl"
        count, refused = write_corpus(args.corpus, args.articles, corpus_file)
        info = machine()
        print("machine: " + "; ".join(f"{k} {v}" for k, v in info.items()), flush=True)
        print(f"corpus: first {count:,} Reuters-21578 stories with a body ({refused} skipped: "
              f"not English to the language guesser), {_words_in(corpus_file):,} words",
              flush=True)
        results = measure_all(args.modes, args.workers, args.repeat, corpus_file)
    print()
    print(table(results))
    print()
    print(stage_table(results))
    if args.json:
        args.json.write_text(json.dumps({"machine": info, "articles": count,
                                         "results": [asdict(r) for r in results]}, indent=1),
                             encoding="utf-8")


if __name__ == "__main__":
    main()
