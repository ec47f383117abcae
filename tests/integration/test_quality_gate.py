"""The CI quality gate: a fast subset of the gold sets must not fall below its floors.

Floors live in ``tests/quality_floors.json`` (set, path under ``../shared/eval``, item
limit, metric floors). A score more than ``tolerance`` below its floor fails the gate; a
metric that disappears from the report (renamed, or the set became unscorable) fails too.
To re-pin after an improvement, run the same subset (``eventwire eval SET PATH --limit N
--json``) and copy the new values, rounded down.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eventwire.eval import PipelineCoder, run_command

FLOORS_FILE = Path(__file__).resolve().parents[1] / "quality_floors.json"
FLOORS: dict[str, Any] = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))

pytestmark = [pytest.mark.shared, pytest.mark.slow]


@pytest.fixture(scope="module")
def coder() -> PipelineCoder:
    return PipelineCoder()


def test_floors_file_is_well_formed() -> None:
    assert 0 < FLOORS["tolerance"] <= 0.05
    for name, spec in FLOORS["sets"].items():
        assert spec["metrics"], f"{name} pins no metric"
        assert all(0.0 <= v <= 1.0 for v in spec["metrics"].values()), name


@pytest.mark.parametrize("set_name", sorted(FLOORS["sets"]))
def test_scores_stay_above_their_floors(set_name: str, shared_dir: Path,
                                        coder: PipelineCoder) -> None:
    spec = FLOORS["sets"][set_name]
    (report,) = run_command(set_name, shared_dir / "eval" / spec["path"], coder, spec["limit"])
    assert report.status == "scored", f"{set_name}: {report.status}: {report.reason}"
    tolerance = FLOORS["tolerance"]
    drops = []
    for metric, floor in spec["metrics"].items():
        value = report.metrics.get(metric)
        if value is None:
            drops.append(f"{metric}: missing from the report (floor {floor})")
        elif value < floor - tolerance:
            drops.append(f"{metric}: {value:.4f} is below its floor {floor:.4f} - {tolerance}")
    assert not drops, f"{set_name} fell below its quality floors:\n" + "\n".join(drops)
