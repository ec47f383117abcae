"""``eventwire ingest``: code inputs (or read batch Parquet output) into the event database."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress, ProgressColumn, SpinnerColumn, Task, TimeElapsedColumn
from rich.text import Text

from ..config import Settings
from ..errors import InputError
from ..pipeline import Pipeline
from ..store import DEFAULT_DB, IngestReport, connect, ingest_inputs, ingest_parquet
from .exits import reported_errors
from .options import FORMATS, build_settings, settings_options


class RateColumn(ProgressColumn):
    """Articles handled so far and the average articles per second since the start.

    The average, not rich's recent-window speed: spaCy parses in batches, so articles
    arrive in bursts and a short window swings between zero and hundreds.
    """

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = f"{task.completed / elapsed:,.1f}" if elapsed > 0 and task.completed else "…"
        return Text(f"{int(task.completed):,} articles  {rate} articles/s")


@click.command("ingest")
@click.argument("inputs", nargs=-1)
@click.option("--db", default=DEFAULT_DB, show_default=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Event database file (DuckDB); created when missing.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="Input format; auto detects it from the content.")
@click.option("--from-parquet", "parquet", type=click.Path(exists=True, path_type=Path),
              help="Store the eventwire.article/1 records of the Parquet files `eventwire "
                   "batch` wrote in DIR (column `record`) instead of coding inputs.")
@click.option("--report", "report_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Write this run's ingest report to FILE: JSON Lines, one object per input "
                   "or record (input, article_id, status, reason).")
@click.option("--commit-every", type=click.IntRange(min=1), default=200, show_default=True,
              help="Articles stored per transaction; an interruption loses at most these.")
@click.option("--max-seconds-per-article", "max_seconds", type=click.FloatRange(min=0),
              default=Settings().max_seconds_per_article, show_default=True,
              help="Time the extraction stages may spend on one article before it is "
                   "reported as failed (0: no limit).")
@settings_options
def ingest_command(inputs: tuple[str, ...], db: Path, fmt: str, parquet: Path | None,
                   report_file: Path | None, commit_every: int, max_seconds: float,
                   workers: int, published: str | None, actor_files: tuple[Path, ...],
                   event_files: tuple[Path, ...]) -> None:
    """Code INPUTS (files, directories, globs, or - for stdin) and store them in --db.

    Ingesting is idempotent: an article already stored unchanged is skipped, one whose
    coding changed is replaced. Prints `coded N, unchanged N, replaced N, failed N`; each
    input that failed is reported on stderr as `error: INPUT: reason` and logged in the
    store's `ingest_log` table; the exit status is then 1. If a worker process dies (killed,
    out of memory) the run stops with exit status 3; the batches committed before stay
    stored and running the same command again finishes the rest.
    """
    if not inputs and parquet is None:
        raise click.UsageError("give INPUTS to code, or --from-parquet DIR")
    settings = build_settings(workers, published, actor_files, event_files).with_(
        max_seconds_per_article=max_seconds)
    started = datetime.now(UTC).replace(tzinfo=None)
    # Each batch is one transaction, so what was committed before the death is whole.
    with reported_errors(f"the articles committed before it stay stored in {db}; run the "
                         "same command again to finish (stored articles count as unchanged)"):
        report = _ingest(inputs, db, settings, None if fmt == "auto" else fmt, parquet,
                         commit_every)
        if report_file is not None:
            _write_report(db, started, report_file)
    for failure in report.failed:
        click.echo(f"error: {failure.line()}", err=True)
    click.echo(report.summary())
    sys.exit(1 if report.failed else 0)


def _ingest(inputs: tuple[str, ...], db: Path, settings: Settings, fmt: str | None,
            parquet: Path | None, commit_every: int) -> IngestReport:
    console = Console(stderr=True)
    report = IngestReport()
    with Progress(SpinnerColumn(), RateColumn(), TimeElapsedColumn(), console=console,
                  disable=not console.is_terminal) as bar:
        task = bar.add_task("ingest", total=None)
        base = 0

        def progress(done: int) -> None:
            bar.update(task, completed=base + done)

        if parquet is not None:
            report = ingest_parquet(parquet, db, progress, batch_size=commit_every)
            base = report.total
        if inputs:
            pipeline = Pipeline(settings)
            report += ingest_inputs(list(inputs), db, settings, fmt, progress,
                                    pipeline=pipeline, batch_size=commit_every)
    return report


def _write_report(db: Path, started: datetime, target: Path) -> None:
    """This run's rows of the store's ingest log, as JSON Lines."""
    # A bare connection: Store.open would first rebuild the full-text index the ingest left
    # stale, which the report does not need.
    con = connect(db, read_only=True)
    try:
        rows = con.execute(
            "SELECT input, article_id, status, reason FROM ingest_log WHERE logged_at >= ? "
            "ORDER BY rowid", [started]).fetchall()
    finally:
        con.close()
    try:
        with target.open("w", encoding="utf-8") as out:
            for row in rows:
                entry = dict(zip(("input", "article_id", "status", "reason"), row, strict=True))
                out.write(json.dumps(entry, ensure_ascii=False) + "\n")
    except OSError as err:
        raise InputError(str(target), f"cannot write the report: {err.strerror or err}") from None
