"""Loaders for the evaluation tables shipped in ``eventwire/data/eval`` (see its README)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..errors import ConfigError

TABLE_DIR = "data/eval"


def rows(name: str, columns: int) -> list[list[str]]:
    """Tab-separated rows of a shipped table, '#' comment and blank lines skipped.

    Trailing empty columns may be left out; every row is padded to ``columns``.
    """
    text = resources.files("eventwire").joinpath(f"{TABLE_DIR}/{name}").read_text(
        encoding="utf-8")
    out = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) > columns:
            raise ConfigError(f"{TABLE_DIR}/{name}:{number}: {len(cells)} columns, "
                              f"expected at most {columns}")
        out.append(cells + [""] * (columns - len(cells)))
    return out


@lru_cache(maxsize=1)
def plover_types() -> frozenset[str]:
    """The 16 current PLOVER event types."""
    return frozenset(r[0] for r in rows("plover_types.txt", 1))


@dataclass(frozen=True, slots=True)
class TypeMode:
    type: str
    mode: str | None


@lru_cache(maxsize=1)
def plover_2016_names() -> dict[str, TypeMode]:
    """2016 PLOVER category names that are no longer types, with their current type/mode."""
    table = {}
    for old, new, mode in rows("plover_2016_names.tsv", 3):
        _check_type(new, "plover_2016_names.tsv")
        table[old] = TypeMode(new, mode or None)
    return table


@dataclass(frozen=True, slots=True)
class AcledMapping:
    """How one ACLED/CASE 2021 subtype is scored: ``map`` to a type, ``none``, or ``skip``."""

    subtype: str
    status: str
    type: str | None
    mode: str | None


@lru_cache(maxsize=1)
def acled_to_plover() -> dict[str, AcledMapping]:
    table = {}
    for subtype, status, ptype, mode, _why in rows("acled_plover.tsv", 5):
        if status not in ("map", "none", "skip"):
            raise ConfigError(f"{TABLE_DIR}/acled_plover.tsv: {subtype}: bad status {status!r}")
        if status == "map":
            _check_type(ptype, "acled_plover.tsv")
        table[subtype] = AcledMapping(subtype, status, ptype or None, mode or None)
    return table


@lru_cache(maxsize=1)
def cameo_sectors() -> frozenset[str]:
    """Three-letter CAMEO/PLOVER sector codes (used to split PETR actor codes)."""
    return frozenset(r[0] for r in rows("cameo_sectors.tsv", 2))


@lru_cache(maxsize=1)
def entity_label_map() -> dict[str, str]:
    """spaCy entity label → MEANTIME entity type."""
    return {row[0]: row[1] for row in rows("spacy_meantime_labels.tsv", 2)}


def _check_type(name: str, table: str) -> None:
    if name not in plover_types():
        raise ConfigError(f"{TABLE_DIR}/{table}: {name!r} is not a PLOVER event type")
