"""``eventwire summary``: code articles and show one readable row per article."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from .. import code_inputs
from ..model import Document, Failure
from ..pipeline import Pipeline
from .exits import reported_errors
from .options import build_settings, settings_options


@click.command("summary")
@click.argument("inputs", nargs=-1, required=True)
@settings_options
def summary_command(inputs: tuple[str, ...], workers: int, published: str | None,
                    actor_files: tuple[Path, ...],
                    event_files: tuple[Path, ...]) -> None:
    """Code INPUTS and print a table: article, date, entities, actors, events, quotes."""
    settings = build_settings(workers, published, actor_files, event_files)
    # A pipe reports 80 columns; the table needs more to show the counts beside the titles.
    console = Console(width=None if sys.stdout.isatty() else 140)
    table = Table(title="eventwire: coded articles", show_lines=False)
    table.add_column("article", max_width=48, no_wrap=True, overflow="ellipsis")
    table.add_column("published", no_wrap=True)
    for column in ("entities", "actors", "events", "quotes"):
        table.add_column(column, justify="right")
    table.add_column("event types", max_width=40)
    failed = 0
    with (reported_errors("no table printed (fewer --workers need less memory)"),
          console.status("coding articles…")):
        for item in code_inputs(list(inputs), pipeline=Pipeline(settings)):
            if isinstance(item, Failure):
                failed += 1
                click.echo(f"error: {item.line()}", err=True)
                continue
            table.add_row(*summary_row(item))
    console.print(table)
    sys.exit(1 if failed else 0)


def summary_row(doc: Document) -> tuple[str, ...]:
    art = doc.article
    top = ", ".join(sorted({e.type for e in doc.events})[:4]) or "-"
    return (art.title or art.input_name, art.published or "?", str(len(doc.entities)),
            str(len(doc.actors)), str(len(doc.events)), str(len(doc.quotes)), top)
