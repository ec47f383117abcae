"""How a command ends on an error: one line on stderr and an exit status.

0 every input coded, 1 some input failed (or a setting or data file is wrong), 2 a usage
error (click's), 3 the run stopped part-way because a worker process died: what was
printed or stored before it stands, the inputs after it were not coded.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

import click

from ..errors import EventwireError, WorkerDiedError

EXIT_STOPPED = 3


class RunStopped(click.ClickException):
    """The run stopped before every input was coded; shown as one ``error: ...`` line."""

    exit_code = EXIT_STOPPED

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(f"error: {self.format_message()}", file=file, err=True)


@contextmanager
def reported_errors(after_worker_death: str) -> Iterator[None]:
    """Eventwire errors become click's one-line errors. A dead worker process stops the run
    with :data:`EXIT_STOPPED`, its message followed by ``after_worker_death``: what stands
    and what to do next, which only the command knows."""
    try:
        yield
    except WorkerDiedError as err:
        raise RunStopped(f"{err}; {after_worker_death}") from None
    except EventwireError as err:
        raise click.ClickException(str(err)) from None
