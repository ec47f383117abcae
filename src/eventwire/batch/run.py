"""``run_batch``: plan the shards, skip the finished ones, code the rest on Dask workers."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from importlib import import_module
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import ConfigError
from ..model import Failure
from ..pipeline import cpu_cores
from .layout import Layout, ShardResult, write_atomic
from .plan import Plan, Shard, plan_shards
from .shard import code_shard

DEFAULT_SHARD_SIZE = 500
MMAP_THRESHOLD = 32 << 20  # glibc's own ceiling for the threshold it adjusts by itself
# Settings that change how fast articles are coded, not what the records say.
_SPEED_SETTINGS = frozenset({"workers", "batch_size"})


@dataclass(frozen=True, slots=True)
class ShardError:
    """A shard that did not finish (its worker died too often, or writing failed)."""

    shard_id: str
    inputs: tuple[str, ...]
    reason: str


@dataclass(slots=True)
class BatchReport:
    out_dir: Path
    shards: int
    finished: list[ShardResult] = field(default_factory=list)  # in this run
    skipped: list[ShardResult] = field(default_factory=list)  # done by an earlier run
    errors: list[ShardError] = field(default_factory=list)
    listing_failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def coded(self) -> int:
        return sum(r.coded for r in self.finished)

    @property
    def coded_before(self) -> int:
        """Articles in shards an earlier run finished."""
        return sum(r.coded for r in self.skipped)

    @property
    def failed(self) -> int:
        """Inputs that failed in every shard done so far, and inputs that could not be listed."""
        done = [*self.finished, *self.skipped]
        return sum(r.failed for r in done) + len(self.listing_failures)

    @property
    def articles_per_second(self) -> float:
        return self.coded / self.seconds if self.seconds else 0.0

    @property
    def complete(self) -> bool:
        """Every shard is done; a rerun would have nothing left to code."""
        return not self.errors and len(self.finished) + len(self.skipped) == self.shards


@dataclass(frozen=True, slots=True)
class BatchProgress:
    """Sent once the plan is known (``last`` None), then after every shard of this run."""

    shards: int  # planned in all
    todo: int  # left to code in this run
    completed: int  # of ``todo``, finished or failed so far
    articles: int  # coded so far in this run
    last: ShardResult | ShardError | None


Progress = Callable[[BatchProgress], None]


def run_batch(
    inputs: Sequence[str],
    out_dir: Path | str,
    settings: Settings | None = None,
    *,
    scheduler: str | None = None,
    n_workers: int | None = None,
    shard_size: int = DEFAULT_SHARD_SIZE,
    fmt: str | None = None,
    progress: Progress | None = None,
) -> BatchReport:
    """Code ``inputs`` into Parquet under ``out_dir`` on a Dask cluster; rerun to resume.

    Without ``scheduler`` a local cluster of ``n_workers`` processes (default: one per core)
    runs the shards; with one, ``n_workers`` is how many workers to wait for before starting.
    Paths (inputs, ``out_dir``, actor and pattern files) must be readable from every worker.
    """
    started = time.perf_counter()
    settings = _portable(settings or Settings())
    plan = plan_shards(inputs, settings=settings, shard_size=shard_size, fmt=fmt)
    layout = Layout(Path(out_dir).resolve())
    layout.root.mkdir(parents=True, exist_ok=True)
    layout.check_manifest(_manifest(plan, settings, shard_size, fmt))
    write_atomic(layout.listing_failures(), "".join(
        json.dumps({"input": f.input, "reason": f.reason}, ensure_ascii=False) + "\n"
        for f in plan.failures))
    report = BatchReport(layout.root, len(plan.shards), listing_failures=list(plan.failures))
    done = layout.done_ids()
    todo = [s for s in plan.shards if s.id not in done]
    for shard in plan.shards:
        if shard.id in done and (result := layout.read_done(shard.id)) is not None:
            report.skipped.append(replace(result, skipped=True))
    if progress is not None:
        progress(BatchProgress(len(plan.shards), len(todo), 0, 0, None))
    if todo:
        with _client(scheduler, n_workers) as client:
            _run(client, todo, layout=layout, settings=settings, fmt=fmt, report=report,
                 progress=progress)
    report.seconds = time.perf_counter() - started
    return report


def _run(client: Any, todo: list[Shard], *, layout: Layout, settings: Settings,
         fmt: str | None, report: BatchReport, progress: Progress | None) -> None:
    # pure=False: a shard is a side effect on the output directory, never a cached value.
    futures = {client.submit(code_shard, shard, str(layout.root), settings, fmt, pure=False,
                             retries=1): shard for shard in todo}
    for completed, future in enumerate(_distributed().as_completed(futures), start=1):
        shard = futures[future]
        item: ShardResult | ShardError
        if future.status == "finished":
            result: ShardResult = future.result()
            (report.skipped if result.skipped else report.finished).append(result)
            item = result
        else:
            item = ShardError(shard.id, tuple(p.input for p in shard.parts),
                              _one_line(future.exception()))
            report.errors.append(item)
        future.release()
        if progress is not None:
            progress(BatchProgress(report.shards, len(todo), completed, report.coded, item))


@contextmanager
def _client(scheduler: str | None, n_workers: int | None) -> Iterator[Any]:
    dist = _distributed()
    if scheduler is not None:
        with dist.Client(scheduler) as client:
            if n_workers:
                client.wait_for_workers(n_workers)
            yield client
        return
    # One thread per process: spaCy work holds the GIL, so processes are what scale.
    # silence_logs: shutdown chatter ("still alive after 4 seconds, killing") is not news.
    config: Any = import_module("dask.config")  # imported with distributed, above
    with config.set(_local_worker_config(config)), \
            dist.LocalCluster(n_workers=n_workers or cpu_cores(), threads_per_worker=1,
                              processes=True, dashboard_address=None,
                              silence_logs=logging.ERROR) as cluster, \
            dist.Client(cluster) as client:
        yield client


def _local_worker_config(config: Any) -> dict[str, Any]:
    """Worker settings measured to code ~15% faster (see benchmarks/README.md).

    Dask sets MALLOC_TRIM_THRESHOLD_ for workers, and setting it stops glibc from raising its
    mmap threshold: every array over 128 KiB that spaCy allocates, each batch, becomes an
    mmap and a munmap. A fixed 32 MiB threshold keeps them on the heap (and keeps the trim).
    The statistical profiler walks the busy thread's deep Python stack every 10 ms. Nannies
    read both when they are created, so a worker they restart after a crash gets them too.
    """
    environ = dict(config.get("distributed.nanny.pre-spawn-environ", {}))
    environ.setdefault("MALLOC_MMAP_THRESHOLD_", MMAP_THRESHOLD)
    return {"distributed.nanny.pre-spawn-environ": environ,
            "distributed.worker.profile.enabled": False}


def _distributed() -> Any:
    """The optional ``distributed`` package (its API carries no annotations mypy could use)."""
    try:
        return import_module("distributed")
    except ModuleNotFoundError as err:
        if (err.name or "").split(".")[0] not in ("distributed", "dask"):
            raise
        raise ConfigError(
            "batch coding needs Dask: pip install 'eventwire[cluster]'"
        ) from err


def _portable(settings: Settings) -> Settings:
    """Paths a worker can open from any working directory."""
    return settings.with_(actor_files=tuple(p.resolve() for p in settings.actor_files),
                          event_files=tuple(p.resolve() for p in settings.event_files))


def _manifest(plan: Plan, settings: Settings, shard_size: int, fmt: str | None
              ) -> dict[str, Any]:
    coding = {k: (list(map(str, v)) if isinstance(v, tuple) else v)
              for k, v in asdict(settings).items() if k not in _SPEED_SETTINGS}
    return {"shard_size": shard_size, "format_option": fmt, "settings": coding,
            "shards": [s.id for s in plan.shards]}


def _one_line(err: BaseException | None) -> str:
    text = (str(err).splitlines() or [""])[0] if err is not None else ""
    return f"{type(err).__name__}: {text}" if err is not None else "unknown error"
