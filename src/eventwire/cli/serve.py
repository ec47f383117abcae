"""``eventwire serve``: the REST API and the web explorer over a store file."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import click

from ..config import Settings
from ..errors import EventwireError


def default_allowed_hosts(host: str) -> tuple[str, ...]:
    """On a loopback address only this machine's own names; elsewhere any host name."""
    from ..serve.options import LOOPBACK_NAMES

    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        return ()
    return LOOPBACK_NAMES if host in LOOPBACK_NAMES else (*LOOPBACK_NAMES, host)


@click.command("serve")
@click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("eventwire.duckdb"), show_default=True,
              help="The store file to serve (opened read-only).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; the default serves this machine only.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True,
              help="Port to listen on.")
@click.option("--max-code-chars", type=click.IntRange(min=1), default=None,
              help="Longest text POST /api/code accepts [default: 200,000].")
@click.option("--code-wait", type=click.FloatRange(min=0.1), default=None,
              help="Seconds POST /api/code waits while other texts are coded; 503 with "
                   "Retry-After beyond it [default: 30].")
@click.option("--allowed-host", "allowed_hosts", multiple=True,
              help="Host name the server answers to (repeatable); others get 400. [default: "
                   "localhost and the loopback addresses when --host is loopback, else any]")
@click.option("--actors", "actor_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Extra actor knowledge-base file for POST /api/code (repeatable).")
def serve_command(db: Path, host: str, port: int, max_code_chars: int | None,
                  code_wait: float | None, allowed_hosts: tuple[str, ...],
                  actor_files: tuple[Path, ...]) -> None:
    """Serve the store at --db: the API under /api, the explorer at /, the reference at /docs.

    Needs the `serve` extra (FastAPI and uvicorn). Nothing is fetched from the network:
    the explorer's pages, scripts and charts are all served by this process.
    """
    try:
        import uvicorn

        from ..serve import ServeOptions, create_app
        from ..store import Store
    except ModuleNotFoundError as err:
        raise click.ClickException(
            f"{err.name} is not installed: install eventwire with the serve extra "
            "(pip install 'eventwire[serve]')") from None
    settings = Settings(actor_files=actor_files)
    defaults = ServeOptions()
    options = ServeOptions(
        max_code_chars=max_code_chars or defaults.max_code_chars,
        code_wait_seconds=code_wait or defaults.code_wait_seconds,
        allowed_hosts=allowed_hosts or default_allowed_hosts(host))
    try:
        # Opening the store once here reports a missing or foreign file before the server starts.
        Store.open(db, read_only=True).close()
    except EventwireError as err:
        raise click.ClickException(str(err)) from None
    app = create_app(db, settings, options=options)
    # No "server: uvicorn" header: nothing to tell a scanner which version to try.
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
