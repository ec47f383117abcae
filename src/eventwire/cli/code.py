"""``eventwire code``: print articles as eventwire.article/1 JSON."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

import click

from .. import code_inputs
from ..errors import WorkerDiedError
from ..model import Document, Failure
from ..output import to_json
from ..pipeline import Pipeline
from .exits import reported_errors
from .options import FORMATS, build_settings, settings_options

_AFTER_WORKER_DEATH = ("the records already printed are complete, the inputs after them "
                       "were not coded (fewer --workers need less memory)")


@click.command("code")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--jsonl", is_flag=True, help="One compact JSON object per line (JSON Lines).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="auto", show_default=True,
              help="Input format; auto detects it from the content.")
@settings_options
def code_command(inputs: tuple[str, ...], jsonl: bool, fmt: str, workers: int,
                 published: str | None, actor_files: tuple[Path, ...],
                 event_files: tuple[Path, ...]) -> None:
    """Code INPUTS (files, directories, globs, or - for stdin) and print JSON.

    One article prints as one indented JSON object; several print as JSON Lines.
    Inputs that fail are reported on stderr, one line each; the rest are still coded.
    If a worker process dies (killed, out of memory) the run stops with exit status 3.
    """
    settings = build_settings(workers, published, actor_files, event_files)
    with reported_errors(_AFTER_WORKER_DEATH):
        pipeline = Pipeline(settings)
        failed = _write(code_inputs(list(inputs), fmt=None if fmt == "auto" else fmt,
                                    pipeline=pipeline), jsonl)
    sys.exit(1 if failed else 0)


def _write(results: Iterable[Document | Failure], jsonl: bool) -> int:
    """Print documents as they come; hold the first so a lone article can be indented."""
    failed = 0
    held: Document | None = None
    streaming = jsonl
    try:
        for item in results:
            if isinstance(item, Failure):
                failed += 1
                click.echo(f"error: {item.line()}", err=True)
                continue
            if not streaming and held is None:
                held = item
                continue
            if held is not None:
                click.echo(to_json(held, indent=None))
                held = None
            streaming = True
            click.echo(to_json(item, indent=None))
    except WorkerDiedError:
        if held is not None:  # coded before the worker died; more were to come, so a line
            click.echo(to_json(held, indent=None))
        raise
    if held is not None:
        click.echo(to_json(held, indent=2))
    return failed
