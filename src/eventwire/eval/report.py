"""What a scorer hands back: metrics, notes, misses, or the reason a set cannot be scored."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["scored", "not yet scorable", "no scorer", "absent", "failed"]
Metrics = dict[str, float | None]


@dataclass(frozen=True, slots=True)
class Miss:
    """One gold item we got wrong, shown side by side with what we coded."""

    item: str
    gold: str
    ours: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {"item": self.item, "gold": self.gold, "ours": self.ours, "text": self.text}


@dataclass(slots=True)
class SetReport:
    """The score of one gold set. ``n`` counts the gold items scored (records or articles)."""

    name: str
    n: int = 0
    metrics: Metrics = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    misses: list[Miss] = field(default_factory=list)
    status: Status = "scored"
    reason: str | None = None
    seconds: float | None = None

    def to_json(self, errors: int = 0) -> dict[str, Any]:
        out: dict[str, Any] = {"set": self.name, "n": self.n, "metrics": dict(self.metrics),
                               "status": self.status}
        if self.reason:
            out["reason"] = self.reason
        out["notes"] = list(self.notes)
        if self.seconds is not None:
            out["seconds"] = round(self.seconds, 2)
        if errors:
            out["misses"] = [m.to_json() for m in self.misses[:errors]]
        return out


def not_scorable(name: str, reason: str) -> SetReport:
    return SetReport(name=name, status="not yet scorable", reason=reason)


def empty_output_notes(
    records: Sequence[Mapping[str, Any] | None], needs: Mapping[str, Sequence[str]]
) -> list[str]:
    """Say which metrics are 0 only because a whole part of the output is empty.

    ``needs`` maps a record field (``events``, ``quotes``, ``times``, ``actors``, or
    ``places`` for entities with a resolved place) to the metrics that depend on it.
    """
    notes = []
    failed = sum(record is None for record in records)
    if failed:
        notes.append(f"{failed} gold texts could not be coded and are scored as empty")
    for part, metric_names in needs.items():
        if not any(_has(record, part) for record in records if record is not None):
            notes.append(
                f"no coded record has any {part}: {', '.join(metric_names)} "
                f"measure a stage that is not built yet or coded nothing"
            )
    return notes


def _has(record: Mapping[str, Any], part: str) -> bool:
    if part == "places":
        return any(e.get("place") for e in record.get("entities", []))
    return bool(record.get(part))
