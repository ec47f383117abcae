"""``eventwire serve`` refuses a missing or foreign store before starting a server."""

from __future__ import annotations

from pathlib import Path

import duckdb
from click.testing import CliRunner

from eventwire.cli.serve import default_allowed_hosts, serve_command
from eventwire.serve.options import LOOPBACK_NAMES


def test_missing_store_file_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "missing.duckdb"
    result = CliRunner().invoke(serve_command, ["--db", str(missing)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {missing}: no such store file"


def test_a_database_that_is_no_store_is_reported(tmp_path: Path) -> None:
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    result = CliRunner().invoke(serve_command, ["--db", str(other)])
    assert result.exit_code == 1
    assert "not an eventwire store" in result.output


def test_options_are_checked(tmp_path: Path) -> None:
    result = CliRunner().invoke(serve_command, ["--db", str(tmp_path / "x"), "--port", "0"])
    assert result.exit_code == 2
    assert "--port" in result.output
    assert CliRunner().invoke(serve_command, ["--help"]).output.count("127.0.0.1") == 1


def test_a_loopback_server_answers_only_to_loopback_host_names() -> None:
    assert default_allowed_hosts("127.0.0.1") == LOOPBACK_NAMES
    assert default_allowed_hosts("localhost") == LOOPBACK_NAMES
    assert default_allowed_hosts("::1") == LOOPBACK_NAMES
    assert default_allowed_hosts("127.0.0.2") == (*LOOPBACK_NAMES, "127.0.0.2")
    assert default_allowed_hosts("0.0.0.0") == ()
    assert default_allowed_hosts("192.168.1.5") == ()
    assert default_allowed_hosts("news.example.org") == ()


def test_serve_help_documents_the_limits() -> None:
    output = CliRunner().invoke(serve_command, ["--help"]).output
    for option in ("--max-code-chars", "--code-wait", "--allowed-host"):
        assert option in output
