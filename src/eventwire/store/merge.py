"""One real-world event reported by many articles: event mentions merged into events.

GDELT keeps one row per event and one per mention of it; this module decides which
mentions (``(article id, event id)``) are the same event, by the rule in ``data/merge/``
(its README.md): mentions merge only inside one type family, one realis group and the
date window; a mention joins the best-scoring cluster when it shares evidence (an actor
or a place) with it and nothing conflicts (a known side with no actor in common, places
too far apart, a date out of the window of any member).

``merge_events(records)`` is the pure form (used by ``eventwire eval ecbplus``);
``assign_merged(con, article_ids)`` applies the same rule in the store after each ingest
batch. The engine is in ``merge_match``, the SQL in ``merge_sql``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import lru_cache
from importlib import resources
from typing import Any

import duckdb

from ..errors import ConfigError
from .merge_match import (
    EventRef,
    Mention,
    MentionFacts,
    actor_key,
    make_mention,
    merge_mentions,
    merged_id,
    where_of,
)

__all__ = ["EventRef", "MergeRule", "TypeRule", "Weights", "assign_merged", "merge_events",
           "merged_id", "record_mentions"]

DATA_DIR = "data/merge"
_YES_NO = {"yes": True, "no": False}


@dataclass(frozen=True, slots=True)
class TypeRule:
    family: str
    reciprocal: bool


@dataclass(frozen=True, slots=True)
class Weights:
    same_type: float
    same_day: float
    same_trigger: float
    actor_kb: float
    actor_name: float
    actor_name_part: float
    actor_code: float
    actor_country: float
    actor_generic: float
    place_near: float
    place_admin1: float
    place_country: float


@dataclass(frozen=True, slots=True)
class MergeRule:
    """The merge rule of ``data/merge/`` (``families.tsv`` and ``rule.tsv``)."""

    types: Mapping[str, TypeRule]
    weights: Weights
    date_window_days: int
    place_km: float
    separate_unreal: bool
    threshold: float
    undated_threshold: float

    @classmethod
    def load(cls) -> MergeRule:
        """The shipped rule, read once per process."""
        return _load_rule()

    def type_rule(self, kind: str) -> TypeRule:
        # A type the table does not list is a family of its own: it never merges wrongly.
        return self.types.get(kind, TypeRule(kind, reciprocal=False))


def _table(name: str) -> Iterator[tuple[str, list[str]]]:
    """(file:line, cells) of each data line; comments, blanks and the header skipped."""
    text = resources.files("eventwire").joinpath(f"{DATA_DIR}/{name}").read_text(encoding="utf-8")
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1)
             if line.strip() and not line.startswith("#")]
    for number, line in lines[1:]:
        yield f"eventwire/{DATA_DIR}/{name}:{number}", [c.strip() for c in line.split("\t")]


@lru_cache(maxsize=1)
def _load_rule() -> MergeRule:
    types: dict[str, TypeRule] = {}
    for where, cells in _table("families.tsv"):
        if len(cells) < 3 or cells[2] not in _YES_NO or not cells[1]:
            raise ConfigError(f"{where}: expected type, family, reciprocal (yes|no)")
        types[cells[0]] = TypeRule(cells[1], _YES_NO[cells[2]])
    values: dict[str, str] = {}
    for where, cells in _table("rule.tsv"):
        if len(cells) < 2:
            raise ConfigError(f"{where}: expected key and value")
        values[cells[0]] = cells[1]
    name = f"eventwire/{DATA_DIR}/rule.tsv"
    try:
        weights = Weights(**{f.name: float(values.pop(f"weight_{f.name}"))
                             for f in fields(Weights)})
        rule = MergeRule(types, weights, int(values.pop("date_window_days")),
                         float(values.pop("place_km")), _YES_NO[values.pop("separate_unreal")],
                         float(values.pop("threshold")), float(values.pop("undated_threshold")))
    except (KeyError, ValueError) as err:
        raise ConfigError(f"{name}: missing or bad value ({err})") from None
    if values:
        raise ConfigError(f"{name}: unknown keys {', '.join(sorted(values))}")
    return rule


def record_mentions(record: Mapping[str, Any], rule: MergeRule) -> list[Mention]:
    """The mentions of one ``eventwire.article/1`` record."""
    people = {e.get("actor") for e in record.get("entities", []) if e.get("label") == "PERSON"}
    actors = {a["id"]: actor_key(a.get("name"), a.get("code"), a.get("country"), a.get("kb_id"),
                                 person=a["id"] in people)
              for a in record.get("actors", [])}
    published = (record.get("article") or {}).get("published")
    out = []
    for ev in record.get("events", []):
        loc = ev.get("location") or {}
        out.append(make_mention(rule, MentionFacts(
            (str(record["id"]), str(ev["id"])), str(ev["type"]),
            negated=bool(ev.get("negated")), modality=str(ev.get("modality") or "asserted"),
            when=ev.get("date") or published, trigger=str(ev["trigger"]["text"]),
            source=[actors[i] for i in ev.get("source", []) if i in actors],
            target=[actors[i] for i in ev.get("target", []) if i in actors],
            place=where_of(loc.get("country"), loc.get("admin1"), loc.get("lat"),
                           loc.get("lon"), loc.get("precision")))))
    return out


def merge_events(records: Sequence[Mapping[str, Any]],
                 rule: MergeRule | None = None) -> list[list[EventRef]]:
    """Clusters of ``(record id, event id)``: the events of ``records`` that are one event.

    Every event is in exactly one cluster (a singleton when nothing matches). The result
    is the same for any order of ``records``.
    """
    chosen = rule or MergeRule.load()
    return merge_mentions((m for r in records for m in record_mentions(r, chosen)), chosen)


def assign_merged(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str],
                  rule: MergeRule | None = None) -> None:
    """Merge the events of newly stored articles into the store's merged events.

    Fills ``events.merged_id`` for their events, their ``event_mentions`` rows, and the
    ``merged_events`` rows they touch. Runs inside the caller's transaction.
    """
    from . import merge_sql

    merge_sql.assign(con, list(dict.fromkeys(article_ids)), rule or MergeRule.load())
