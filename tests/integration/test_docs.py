"""Every command, option and setting is documented (the datasette / sqlite-utils habit)."""

from __future__ import annotations

from pathlib import Path

import click

from eventwire.cli import cli
from eventwire.config import Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme_and_has_help() -> None:
    for name, command in cli.commands.items():
        assert f"`eventwire {name}" in README, f"command {name} missing from README"
        assert command.help, f"command {name} has no help text"


def test_every_option_has_help_text() -> None:
    for name, command in cli.commands.items():
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, f"eventwire {name} {param.opts[0]} has no help"


def test_every_setting_is_in_the_readme_with_help() -> None:
    for name, help_text in Settings.documented().items():
        assert help_text, f"setting {name} has no help text"
        assert f"| `{name}` |" in README, f"setting {name} missing from README's settings table"


def test_readme_gives_demo_and_test_commands() -> None:
    assert "make demo" in README
    assert "make test" in README
