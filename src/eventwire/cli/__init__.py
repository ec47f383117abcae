"""The ``eventwire`` command: thin wrappers that parse options and call the library.

Only this package prints or chooses exit codes: 0 all inputs coded, 1 some input
failed (one line each on stderr), 2 usage errors, 3 a worker process died and stopped
the run.
"""

from __future__ import annotations

import click

from .. import __version__
from .code import code_command
from .info import info_command, schema_command
from .summary import summary_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="eventwire")
def cli() -> None:
    """eventwire: turn news articles into political event data (PLOVER/CAMEO, quotes, actors)."""


cli.add_command(code_command)
cli.add_command(schema_command)
cli.add_command(info_command)
cli.add_command(summary_command)


def _add_optional_commands() -> None:
    """Commands of later stages register here so each lives in its own module."""
    from importlib import import_module

    for module, attr in (("eval", "eval_command"), ("actor", "actor_command"),
                         ("ingest", "ingest_command"), ("export", "export_command"),
                         ("serve", "serve_command"), ("batch", "batch_command")):
        try:
            mod = import_module(f"{__name__}.{module}")
        except ModuleNotFoundError as err:
            if err.name != f"{__name__}.{module}":
                raise
            continue
        cli.add_command(getattr(mod, attr))


_add_optional_commands()


def main() -> None:
    cli()
