"""Options shared by several commands, and the settings they build."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..config import Settings
from ..pipeline import cpu_cores

F = TypeVar("F", bound=Callable[..., Any])

FORMATS = ("auto", "text", "markdown", "html", "json", "jsonl", "warc", "feed")


def settings_options(func: F) -> F:
    """--workers, --published, --actors and --patterns: the settings most commands share."""
    func = click.option(
        "--workers", type=click.IntRange(min=1), default=cpu_cores,
        show_default="one per CPU core",
        help="Processes that code articles, each parsing and running every stage.",
    )(func)
    func = click.option(
        "--published", metavar="YYYY-MM-DD", default=None,
        help="Publication date for inputs that give none (times are resolved against it).",
    )(func)
    func = click.option(
        "--actors", "actor_files", type=click.Path(exists=True, dir_okay=False, path_type=Path),
        multiple=True, help="Extra actor knowledge-base file (repeatable).",
    )(func)
    func = click.option(
        "--patterns", "event_files",
        type=click.Path(exists=True, dir_okay=False, path_type=Path), multiple=True,
        help="Extra event trigger-pattern file in patterns.tsv format (repeatable).",
    )(func)
    return func


def build_settings(workers: int, published: str | None, actor_files: tuple[Path, ...],
                   event_files: tuple[Path, ...] = ()) -> Settings:
    if published is not None:
        _check_date(published)
    return Settings(workers=workers, published=published, actor_files=actor_files,
                    event_files=event_files)


def _check_date(value: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a YYYY-MM-DD date", param_hint="--published")\
            from None
