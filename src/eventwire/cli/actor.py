"""``eventwire actor``: resolve one phrase to an actor (country, sector, KB entry)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import EventwireError
from ..extract.actor_phrase import resolve_phrase
from ..kb import load_kb


@click.command("actor")
@click.argument("text")
@click.option("--context", default=None, help="Words around the phrase (e.g. the sentence).")
@click.option("--date", "date", metavar="YYYY-MM-DD", default=None,
              help="Date the phrase is read at: a person's role on that day decides the sector.")
@click.option("--actors", "actor_files", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), multiple=True, help="Extra actor knowledge-base file (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def actor_command(text: str, context: str | None, date: str | None,
                  actor_files: tuple[Path, ...], as_json: bool) -> None:
    """Resolve TEXT ("Turkish officials", "Maria Zakharova") to country, sector and code."""
    try:
        match = resolve_phrase(text, load_kb(actor_files), context=context, date=date)
    except EventwireError as err:
        raise click.ClickException(str(err)) from None
    record = {
        "name": match.name if match else None,
        "country": match.country if match else None,
        "sector": match.sector if match else None,
        "code": match.code if match else None,
        "kb_id": match.kb_id if match else None,
        "role": match.role if match else None,
    }
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False))
        return
    for key, value in record.items():
        click.echo(f"{key}: {value if value is not None else '-'}")
