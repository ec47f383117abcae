"""ConfliBERT CAMEO quad-class sentences (``cameo_class/train.tsv``: text, class 0-4).

Gold classes: 0 statement / no event, 1 verbal cooperation, 2 material cooperation,
3 verbal conflict, 4 material conflict.

Our label for a sentence is the quad class of our *strongest* non-negated event, 0 when
we code none. Strongest: material conflict (4) before verbal conflict (3) before
cooperation (1 or 2); within the same rank the larger |goldstein| wins, then the
higher confidence. Conflict ranks first because a sentence that reports both a meeting
and an attack is, for conflict monitoring, about the attack.

``quad_class_accuracy`` and ``quad_class_macro_f1`` (the mean F1 of the five classes).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article
from . import records as rv
from .coding import Coder
from .metrics import accuracy, macro_f1
from .report import Miss, SetReport, empty_output_notes

NAME = "conflibert"
DEFAULT_FILE = "cameo_class/train.tsv"
CLASSES = ("0", "1", "2", "3", "4")

# The ranking rule of the module docstring: conflict before cooperation.
_RANK = {4: 3, 3: 2, 2: 1, 1: 1}


@dataclass(frozen=True, slots=True)
class QuadSentence:
    id: str
    text: str
    label: int


def gold_file(path: Path) -> Path:
    return path / DEFAULT_FILE if path.is_dir() else path


def read_gold(path: Path) -> list[QuadSentence]:
    path = gold_file(path)
    out = []
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for number, row in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE),
                                         start=1):
                if len(row) != 2 or row[1].strip() not in CLASSES:
                    raise InputError(f"{path}:{number}", "expected <sentence>\\t<class 0-4>")
                out.append(QuadSentence(f"line-{number}", row[0].strip(), int(row[1])))
    except OSError as err:
        raise InputError(str(path), f"cannot read: {err}") from None
    return out


def strongest_quad_class(record: rv.Record | None) -> int:
    """Quad class of the strongest non-negated event (the rule above), 0 when none."""
    candidates = [e for e in rv.events(record) if e.get("quad_class") in _RANK]
    if not candidates:
        return 0
    best = max(candidates, key=_strength)
    return int(best["quad_class"])


def _strength(event: Mapping[str, Any]) -> tuple[int, float, float]:
    return (_RANK[int(event["quad_class"])], abs(float(event.get("goldstein") or 0.0)),
            float(event.get("confidence", 0.0)))


def score(gold: Sequence[QuadSentence], records: Sequence[rv.Record | None]) -> SetReport:
    ours = [str(strongest_quad_class(r)) for r in records]
    labels = [str(g.label) for g in gold]
    misses = [Miss(g.id, lab, our, g.text)
              for g, lab, our in zip(gold, labels, ours, strict=True) if lab != our]
    metrics: dict[str, float | None] = {
        "quad_class_accuracy": accuracy(labels, ours),
        "quad_class_macro_f1": macro_f1(labels, ours, labels=CLASSES),
    }
    notes = empty_output_notes(records, {"events": list(metrics)})
    return SetReport(NAME, n=len(gold), metrics=metrics, notes=notes, misses=misses)


def run(path: Path, coder: Coder, limit: int | None) -> SetReport:
    gold = read_gold(path)[:limit]
    return score(gold, coder([Article(text=g.text, input_name=g.id) for g in gold]))
