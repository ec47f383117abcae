"""Re-measure the quality-gate subset and update tests/quality_floors.json.

Floors only go up unless ``--lower REASON`` is given; the reason is recorded in the file
and belongs in the commit message too. Usage:

    .venv/bin/python scripts/pin_floors.py [--shared ../shared] [--lower "why"]
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
from datetime import date
from pathlib import Path

from eventwire.eval import PipelineCoder, run_command

ROOT = Path(__file__).resolve().parents[1]
FLOORS = ROOT / "tests" / "quality_floors.json"


def _round_down(value: float) -> float:
    return math.floor(value * 10_000) / 10_000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--lower", metavar="REASON", default=None,
                        help="allow floors to go down, for this recorded reason")
    args = parser.parse_args()
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    coder = PipelineCoder()
    changes: list[str] = []
    for name, spec in floors["sets"].items():
        (report,) = run_command(name, args.shared / "eval" / spec["path"], coder, spec["limit"])
        for metric, old in spec["metrics"].items():
            new = _round_down(report.metrics.get(metric, 0.0))
            if new > old or (args.lower and new < old):
                spec["metrics"][metric] = new
                changes.append(f"{name}.{metric}: {old} -> {new}")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True, cwd=ROOT, check=False).stdout.strip()
    floors["measured"] = f"{date.today().isoformat()}, commit {commit}"
    if args.lower:
        floors.setdefault("lowered", []).append(f"{date.today().isoformat()}: {args.lower}")
    FLOORS.write_text(json.dumps(floors, indent=2) + "\n", encoding="utf-8")
    print("\n".join(changes) or "no floor changed")  # a script's output, not library code


if __name__ == "__main__":
    main()
