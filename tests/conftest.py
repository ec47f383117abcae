"""Fixtures and helpers every test module may use.

- ``shared_dir``: the ``../shared`` folder beside the checkout (seed, gold sets, corpora);
  a test that asks for it is skipped, with the reason, when it is absent.
- ``pipeline``: one :class:`eventwire.Pipeline` for the whole session (spaCy loads once).
- ``check_record(record)``: asserts a coded record passes ``eventwire.output.validation_errors``;
  import it with ``from conftest import check_record``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eventwire.config import Settings
from eventwire.output import validation_errors
from eventwire.pipeline import Pipeline

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = REPO_ROOT / ".." / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        pytest.skip(f"../shared is absent: expected the shared data folder at {SHARED_DIR}")
    return SHARED_DIR.resolve()


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


def check_record(record: dict[str, Any]) -> None:
    """The record is valid ``eventwire.article/1``: schema and offset/reference rules."""
    assert validation_errors(record) == []
