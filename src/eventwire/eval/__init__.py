"""Measure eventwire on public human-annotated gold sets (``eventwire eval``).

One scorer module per gold format reads the files exactly as they are in
``../shared/eval``, codes the texts with the normal pipeline (a :class:`Coder`), and
scores the ``eventwire.article/1`` records. :mod:`.metrics` holds the shared metric
functions; :mod:`.runner` knows every set and the limits ``eval all`` uses.
"""

from __future__ import annotations

from .coding import Coder, PipelineCoder
from .report import Miss, SetReport
from .runner import COMMANDS, SETS, run_all, run_command

__all__ = ["COMMANDS", "SETS", "Coder", "Miss", "PipelineCoder", "SetReport", "run_all",
           "run_command"]
