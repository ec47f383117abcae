"""``eventwire eval``: score the pipeline on a public gold set and print the result."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from ..config import Settings
from ..eval import COMMANDS, PipelineCoder, SetReport, run_command
from ..eval.markdown import fmt, render
from .exits import reported_errors


@click.command("eval")
@click.argument("set_name", metavar="SET", type=click.Choice(COMMANDS))
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True,
              help='Print {"set", "n", "metrics", ...} as JSON (a list for several sets).')
@click.option("--errors", type=click.IntRange(min=0), default=0, show_default=True,
              help="Show the first N misses of each set: gold vs ours, with the text.")
@click.option("--limit", type=click.IntRange(min=1), default=None,
              help="Score only the first N records or articles of each set (eval all "
                   "otherwise codes every set in full except LGL 100, TR-News 50 and "
                   "GeoVirus 100 articles).")
@click.option("--markdown", "markdown_file", default=None,
              type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Also write the scores as Markdown with the date and git commit "
                   "(make accuracy writes docs/accuracy.md this way).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Processes that code the texts, each parsing and running every stage.")
def eval_command(set_name: str, path: Path, as_json: bool, errors: int, limit: int | None,
                 markdown_file: Path | None, workers: int) -> None:
    """Score eventwire on the gold set SET read from PATH (a file or folder).

    SET is plover-gsr, petrarch, conflibert, case2021, polnear, meantime, geoparsing,
    actors or ecbplus, or `all` with PATH the folder holding them (../shared/eval):
    every set found there is scored, and sets that cannot be scored yet are listed with
    the reason. Texts are coded by the normal pipeline.
    """
    started = time.perf_counter()
    with reported_errors("no scores printed (fewer --workers need less memory)"):
        coder = PipelineCoder(Settings(workers=workers))
        reports = run_command(set_name, path, coder, limit,
                              progress=lambda msg: click.echo(f"eval {msg}", err=True))
    seconds = time.perf_counter() - started
    if as_json:
        items = [r.to_json(errors) for r in reports]
        click.echo(json.dumps(items if set_name == "all" or len(items) != 1 else items[0],
                              indent=2, ensure_ascii=False))
    else:
        _print(reports, errors, seconds)
    if markdown_file is not None:
        command = " ".join(["eventwire eval", set_name, str(path),
                            *([f"--limit {limit}"] if limit else [])])
        markdown_file.write_text(render(reports, date=datetime.now(UTC).date().isoformat(),
                                        commit=_commit(), command=command, seconds=seconds),
                                 encoding="utf-8")


def _print(reports: Sequence[SetReport], errors: int, seconds: float) -> None:
    console = Console(file=sys.stdout, soft_wrap=True)
    table = Table(title=f"eventwire eval ({seconds:.0f} s)")
    for column in ("set", "n", "metric", "value"):
        table.add_column(column, justify="right" if column in ("n", "value") else "left")
    for r in reports:
        if r.status != "scored":
            table.add_row(r.name, "", f"{r.status}: {r.reason}", "", end_section=True)
            continue
        for i, (name, value) in enumerate(r.metrics.items()):
            table.add_row(r.name if i == 0 else "", str(r.n) if i == 0 else "", name,
                          fmt(value), end_section=i == len(r.metrics) - 1)
    console.print(table)
    for r in reports:
        for note in r.notes:
            console.print(f"[bold]{r.name}[/bold]: {note}", highlight=False)
    if errors:
        for r in reports:
            _print_misses(console, r, errors)


def _print_misses(console: Console, report: SetReport, errors: int) -> None:
    if not report.misses:
        return
    table = Table(title=f"{report.name}: first {min(errors, len(report.misses))} of "
                        f"{len(report.misses)} misses", show_lines=True)
    for column in ("item", "gold", "ours", "text"):
        table.add_column(column, overflow="fold")
    for miss in report.misses[:errors]:
        table.add_row(miss.item, miss.gold, miss.ours, miss.text)
    console.print(table)


def _commit() -> str:
    """The checked-out commit, marked when the code that makes the numbers has changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True, check=True).stdout.strip()
        # Only src/ and pyproject.toml decide the scores; the page being rewritten does not.
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src", "pyproject.toml"],
                               capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return f"{head} (with uncommitted changes)" if dirty else head
