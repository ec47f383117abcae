"""The measurements ``throughput.py`` runs, each in a fresh child process.

Every function returns a :class:`Measurement`: wall and CPU seconds, peak resident memory of
each process taking part, and (for ``code``) the seconds spent in each part of the pipeline.
"""

from __future__ import annotations

import os
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]  # no stubs; types-psutil is not a dependency
import spacy

from eventwire.batch import read_failures, run_batch
from eventwire.config import Settings
from eventwire.model import Article, Document, Failure
from eventwire.output import to_json
from eventwire.pipeline import Pipeline
from eventwire.sources import read_inputs

MiB = 1 << 20
MODES = ("spacy", "code", "batch")
BATCH_START = "batch start (cluster + pipeline load)"
CODE_PARSE = "spaCy parse"
CODE_WAIT = "waiting on the worker processes (parse and every stage)"


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


def articles_in(path: Path) -> list[Article]:
    return [a for a in read_inputs([str(path)], settings=Settings()) if isinstance(a, Article)]


def measure_spacy(path: Path, workers: int) -> Measurement:
    settings = Settings()
    texts = [a.text for a in articles_in(path)]
    nlp = spacy.load(settings.model)
    with Sampler() as rss:
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=settings.batch_size, n_process=workers):
            pass
        seconds = time.perf_counter() - started
    return Measurement("spacy", workers, len(texts), words(texts), seconds, rss.cpu_seconds(),
                       rss.mib())


def measure_code(path: Path, workers: int) -> Measurement:
    """``code_inputs`` as ``eventwire code --jsonl --workers N`` runs it.

    With one worker every part is timed. With several, the workers parse and run every
    stage; the parent reads, sends chunks, and serialises what comes back, and its waiting
    on the workers is the rest of the wall time.
    """
    texts = [a.text for a in articles_in(path)]
    settings = Settings(workers=workers)
    timer = StageTimer()
    pipeline = TimedPipeline(settings, timer) if workers == 1 else Pipeline(settings)
    with Sampler() as rss:
        started = time.perf_counter()
        items = timer.each("read (sources)", read_inputs([str(path)], settings=settings))
        for item in pipeline.stream(items):
            if isinstance(item, Document):
                timer.run("serialise (to_json)", to_json, item, indent=None)
        seconds = time.perf_counter() - started
    stages = dict(timer.seconds)
    rest = CODE_PARSE if workers == 1 else CODE_WAIT
    stages[rest] = seconds - sum(stages.values())
    return Measurement("code", workers, len(texts), words(texts), seconds, rss.cpu_seconds(),
                       rss.mib(), stages)


def measure_batch(path: Path, workers: int, out: Path) -> Measurement:
    """``run_batch`` on the local cluster it starts, as ``eventwire batch --workers N`` runs.

    Its wall time includes starting the cluster and loading a pipeline on every worker;
    a one-article batch just before measures that start-up alone.
    """
    texts = [a.text for a in articles_in(path)]
    one = out.parent / "one.jsonl"
    one.write_text(path.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")
    started = time.perf_counter()
    run_batch([str(one)], out.parent / "one", n_workers=workers)
    startup = time.perf_counter() - started
    with Sampler() as usage:
        started = time.perf_counter()
        report = run_batch([str(path)], out, n_workers=workers,
                           shard_size=max(50, len(texts) // (4 * workers)))
        seconds = time.perf_counter() - started
    if not report.complete or report.coded != len(texts):
        reasons = [f.line() for f in read_failures(out)][:3]
        raise SystemExit(f"batch coded {report.coded} of {len(texts)}: {reasons or report.errors}")
    peaks: dict[int, float] = {}
    for result in report.finished:
        peaks[result.worker_pid] = max(peaks.get(result.worker_pid, 0.0), result.peak_rss_mib)
    return Measurement("batch", workers, report.coded, words(texts), seconds,
                       usage.cpu_seconds(), sorted(peaks.values()),
                       {BATCH_START: startup})


def words(texts: Iterable[str]) -> int:
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
    """The real pipeline; its stages and segmentation report their seconds to ``timer``.
    One process only: stages timed in worker processes would report to copies of it."""

    def __init__(self, settings: Settings, timer: StageTimer) -> None:
        super().__init__(settings)
        self.timer = timer
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
