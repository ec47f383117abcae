"""``eventwire ingest``: code inputs (or read batch Parquet output) into the event database."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import Progress, ProgressColumn, SpinnerColumn, Task, TimeElapsedColumn
from rich.text import Text

from ..errors import EventwireError
from ..store import DEFAULT_DB, IngestReport, ingest_inputs, ingest_parquet
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
@settings_options
def ingest_command(inputs: tuple[str, ...], db: Path, fmt: str, parquet: Path | None,
                   workers: int, published: str | None, actor_files: tuple[Path, ...],
                 event_files: tuple[Path, ...]) -> None:
    """Code INPUTS (files, directories, globs, or - for stdin) and store them in --db.

    Ingesting is idempotent: an article already stored unchanged is skipped, one whose
    coding changed is replaced. Prints `coded N, unchanged N, replaced N, failed N`; each
    input that failed is reported on stderr as `error: INPUT: reason`.
    """
    if not inputs and parquet is None:
        raise click.UsageError("give INPUTS to code, or --from-parquet DIR")
    settings = build_settings(workers, published, actor_files, event_files)
    console = Console(stderr=True)
    report = IngestReport()
    try:
        with Progress(SpinnerColumn(), RateColumn(), TimeElapsedColumn(), console=console,
                      disable=not console.is_terminal) as bar:
            task = bar.add_task("ingest", total=None)
            base = 0

            def progress(done: int) -> None:
                bar.update(task, completed=base + done)

            if parquet is not None:
                # With INPUTS to follow, index once at the end rather than twice.
                report = ingest_parquet(parquet, db, progress, reindex=not inputs)
                base = report.total
            if inputs:
                report += ingest_inputs(list(inputs), db, settings,
                                        None if fmt == "auto" else fmt, progress)
    except EventwireError as err:
        raise click.ClickException(str(err)) from None
    for failure in report.failed:
        click.echo(f"error: {failure.line()}", err=True)
    click.echo(report.summary())
    sys.exit(1 if report.failed else 0)
