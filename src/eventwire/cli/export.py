"""``eventwire export``: write the event database as csv, parquet, jsonl, PLOVER or GDELT."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click
import duckdb

from ..errors import EventwireError
from ..export import FORMATS, export
from ..store import DEFAULT_DB, Store


def _check_size(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """Only digits, a dot, spaces and a unit pass: the value is spliced into a SET statement."""
    if not re.fullmatch(r"\d+(\.\d+)?\s*[KMGT]?i?B", value.strip(), flags=re.I):
        raise click.BadParameter(f"{value!r} is not a size like 512MB or 2GB")
    return value.strip()


def _limit_memory(store: Store, limit: str) -> None:
    try:
        # SET takes no query parameters; ``limit`` passed _check_size.
        store.con.execute(f"SET memory_limit = '{limit}'")
    except duckdb.Error as err:
        raise click.BadParameter(str(err).splitlines()[0], param_hint="--memory-limit") from None


@click.command("export")
@click.option("--db", default=DEFAULT_DB, show_default=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Event database file written by `eventwire ingest`.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True,
              help="csv/parquet: one row per event; jsonl: the stored eventwire.article/1 "
                   "records; plover: PLOVER JSON event records; gdelt: GDELT 2.0 event rows.")
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="File to write; text formats go to stdout without it.")
@click.option("--memory-limit", default="128MB", show_default=True, metavar="SIZE",
              callback=_check_size,
              help="Memory DuckDB may use (64MB at least); the store is read in date slices "
                   "sorted one at a time, so a larger store takes more slices, not more memory.")
def export_command(db: Path, fmt: str, out: Path | None, memory_limit: str) -> None:
    """Export the events (or, with jsonl, the articles) stored in --db.

    Rows are streamed in chunks, oldest first, so memory stays within --memory-limit
    however large the store is.
    """
    if fmt == "parquet" and out is None:
        raise click.UsageError("--format parquet writes a binary file: give --out FILE")
    try:
        # An export never searches: a full-text index left stale by ingest stays stale
        # rather than be rebuilt over every article first.
        with Store.open(db, read_only=True, refresh_index=False) as store:
            _limit_memory(store, memory_limit)
            written = export(store.con, fmt, out, sys.stdout)
    except EventwireError as err:
        raise click.ClickException(str(err)) from None
    if out is not None:
        click.echo(f"wrote {written} rows to {out}", err=True)
