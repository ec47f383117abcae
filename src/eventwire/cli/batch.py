"""``eventwire batch``: code many inputs on a Dask cluster into month-partitioned Parquet."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import EventwireError
from .options import FORMATS, build_settings

if TYPE_CHECKING:
    from ..batch import BatchProgress, BatchReport

_SHOWN_FAILURES = 10


@click.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True,
              type=click.Path(file_okay=False, writable=True, path_type=Path),
              help="Output directory: Parquet per publication month, failures, done markers.")
@click.option("--scheduler", metavar="tcp://HOST:8786", default=None,
              help="Address of a running Dask scheduler; without it a local cluster is started.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Local worker processes (default: one per CPU); with --scheduler, how many "
                   "workers to wait for before starting.")
@click.option("--shard-size", type=click.IntRange(min=1), default=500, show_default=True,
              help="Articles per shard, the unit of work that is retried or resumed.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="Input format; auto detects it from the content.")
@click.option("--published", metavar="YYYY-MM-DD", default=None,
              help="Publication date for inputs that give none (times are resolved against it).")
@click.option("--actors", "actor_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra actor knowledge-base file (repeatable).")
@click.option("--patterns", "event_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra event trigger-pattern file in patterns.tsv format (repeatable).")
def batch_command(inputs: tuple[str, ...], out_dir: Path, scheduler: str | None,
                  workers: int | None, shard_size: int, fmt: str, published: str | None,
                  actor_files: tuple[Path, ...], event_files: tuple[Path, ...]) -> None:
    """Code INPUTS (files, directories, globs) on Dask workers into Parquet under --out.

    Inputs are cut into shards with stable ids; a finished shard is marked done, so running
    the same command again after a crash or a lost worker codes only what is left. Rows go
    to OUT/published_month=YYYY-MM/shard-ID.parquet (columns id, input, record: the
    eventwire.article/1 JSON), failures to OUT/_failures/shard-ID.jsonl.
    """
    from ..batch import run_batch

    settings = build_settings(1, published, actor_files, event_files)
    try:
        with _progress_bar() as show:
            report = run_batch(list(inputs), out_dir, settings, scheduler=scheduler,
                               n_workers=workers, shard_size=shard_size,
                               fmt=None if fmt == "auto" else fmt, progress=show)
    except EventwireError as err:
        raise click.ClickException(str(err)) from None
    _summarise(report)
    sys.exit(0 if report.complete and not report.failed else 1)


@contextmanager
def _progress_bar() -> Iterator[Callable[[BatchProgress], None]]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("shards"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[articles]:,} articles"),
               TextColumn("{task.fields[rate]:,.1f} articles/s"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True)) as bar:
        task = bar.add_task("shards", total=None, articles=0, rate=0.0)

        def show(event: BatchProgress) -> None:
            elapsed = bar.tasks[task].elapsed or 0.0
            bar.update(task, total=event.todo, completed=event.completed,
                       articles=event.articles,
                       rate=event.articles / elapsed if elapsed else 0.0)

        yield show


def _summarise(report: BatchReport) -> None:
    echo = _stderr
    for failure in report.listing_failures:
        echo(f"error: {failure.line()}")
    for error in report.errors:
        first = error.inputs[0] if error.inputs else "?"
        more = f" and {len(error.inputs) - 1} more" if len(error.inputs) > 1 else ""
        echo(f"error: shard {error.shard_id} ({first}{more}) did not finish: {error.reason}")
    before = (f" ({report.coded_before:,} more in {len(report.skipped)} shards done by an "
              "earlier run)" if report.skipped else "")
    echo(f"coded {report.coded:,} articles in {report.seconds:,.1f} s "
         f"({report.articles_per_second:,.1f} articles/s){before} into {report.out_dir}")
    coding_failures = report.failed - len(report.listing_failures)
    if coding_failures:
        echo(f"{coding_failures:,} inputs could not be coded; reasons in "
             f"{report.out_dir / '_failures'} (the first ones below)")
        _show_failures(report.out_dir, [r.shard_id for r in [*report.finished, *report.skipped]])
    if report.errors:
        echo("run the same command again to finish the shards that did not")


def _show_failures(out_dir: Path, shard_ids: list[str]) -> None:
    from ..batch import read_failures

    for n, failure in enumerate(read_failures(out_dir, shard_ids)):
        if n == _SHOWN_FAILURES:
            break
        _stderr(f"error: {failure.line()}")


def _stderr(line: str) -> None:
    click.echo(line, err=True)
