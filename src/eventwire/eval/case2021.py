"""CASE 2021 task 2 snippets (``snippets.tsv``: id, text, ACLED-style subtype).

Each subtype is mapped through ``data/eval/acled_plover.tsv`` to a PLOVER type and mode
(``map``), to "no event" (``none``), or left out (``skip``, for subtypes that span several
PLOVER types). Our label is the type of our highest-confidence non-negated event, or
"no event".

* ``event_type_accuracy``: share of scored snippets whose label we got right
  ("no event" included).
* ``event_type_precision/recall/f1``: micro scores over the snippets that have an event
  label on either side: a right type is a true positive, our wrong or extra type a false
  positive, a missed or wrong gold type a false negative.
* ``event_type_macro_f1``: mean per-type F1 over the PLOVER types seen.
* ``event_mode_accuracy``: among snippets whose gold has a mode, share where we have the
  right type and the same mode.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import Article
from . import records as rv
from .coding import Coder
from .metrics import Counts, accuracy, macro_f1, ratio
from .report import Metrics, Miss, SetReport, empty_output_notes
from .tables import acled_to_plover

NAME = "case2021"
DEFAULT_FILE = "snippets.tsv"


@dataclass(frozen=True, slots=True)
class Snippet:
    id: str
    text: str
    subtype: str
    type: str | None  # None: the gold says "no PLOVER event"
    mode: str | None


def gold_file(path: Path) -> Path:
    return path / DEFAULT_FILE if path.is_dir() else path


def read_gold(path: Path) -> tuple[list[Snippet], dict[str, int]]:
    """Scorable snippets, and how many of each skipped or unmapped subtype were left out."""
    path = gold_file(path)
    table = acled_to_plover()
    out: list[Snippet] = []
    left_out: dict[str, int] = {}
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for number, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE),
                                         start=1):
                if len(row) != 3:
                    raise InputError(f"{path}:{number}", "expected <id>\\t<text>\\t<subtype>")
                entry = table.get(row[2].strip())
                if entry is None or entry.status == "skip":
                    key = row[2].strip() if entry else f"{row[2].strip()} (not in the table)"
                    left_out[key] = left_out.get(key, 0) + 1
                    continue
                out.append(Snippet(row[0], row[1], entry.subtype, entry.type, entry.mode))
    except OSError as err:
        raise InputError(str(path), f"cannot read: {err}") from None
    return out, left_out


def score(gold: Sequence[Snippet], records: Sequence[rv.Record | None]) -> SetReport:
    tops = [rv.top_event(r) for r in records]
    ours = [str(t.get("type")) if t else None for t in tops]
    golds = [g.type for g in gold]
    counts, misses = Counts(), []
    mode_right = mode_total = 0
    for g, our, top in zip(gold, ours, tops, strict=True):
        counts += Counts(tp=int(our is not None and our == g.type),
                         fp=int(our is not None and our != g.type),
                         fn=int(g.type is not None and our != g.type))
        if g.mode:
            mode_total += 1
            mode_right += our == g.type and top is not None and top.get("mode") == g.mode
        if our != g.type:
            misses.append(Miss(g.id, f"{g.subtype} -> {g.type or 'no event'}",
                               our or "no event", g.text))
    metrics: Metrics = {
        "event_type_accuracy": accuracy(golds, ours),
        **counts.named("event_type"),
        "event_type_macro_f1": macro_f1(golds, ours),
        "event_mode_accuracy": ratio(mode_right, mode_total),
    }
    notes = empty_output_notes(records, {"events": list(metrics)})
    return SetReport(NAME, n=len(gold), metrics=metrics, notes=notes, misses=misses)


def run(path: Path, coder: Coder, limit: int | None) -> SetReport:
    gold, left_out = read_gold(path)
    gold = gold[:limit]
    report = score(gold, coder([Article(text=g.text, input_name=g.id) for g in gold]))
    if left_out:
        report.notes.append("not scored (no single PLOVER type): " + ", ".join(
            f"{k} {v}" for k, v in sorted(left_out.items())))
    return report
