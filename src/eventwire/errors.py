"""The one exception library code raises for bad input.

Only the CLI turns it into a message and an exit code; the API turns it into a 4xx.
"""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool


class EventwireError(Exception):
    """Base class for eventwire's own errors."""


class InputError(EventwireError):
    """An input that cannot be read or coded. ``str(err)`` is one line naming the input."""

    def __init__(self, input_name: str, reason: str) -> None:
        super().__init__(f"{input_name}: {reason}")
        self.input_name = input_name
        self.reason = reason


class ConfigError(EventwireError):
    """A setting or data file that is wrong; names the setting or the file."""


class WorkerDiedError(EventwireError, BrokenProcessPool):
    """A worker process of a multi-process run died (killed, or out of memory) and took the
    run down with it: what was yielded before it stands, the rest was not coded.

    Also a ``BrokenProcessPool``, what such a run raised before, so callers catching that
    still do."""
