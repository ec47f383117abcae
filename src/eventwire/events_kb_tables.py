"""Reading and checking the event-coding tables (format: data/events/README.md).

Produces the typed records that :mod:`eventwire.events_kb` indexes; every malformed row
raises :class:`~eventwire.errors.ConfigError` naming its file and line. The trigger patterns
(``patterns.tsv`` and user files of its format) are read by :mod:`.events_kb_patterns`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from .errors import ConfigError

DATA_DIR = "data/events"
PatternKind = Literal["verb", "noun", "phrase", "stance"]
ModalityKind = Literal["negation", "future", "hypothetical", "proposed", "denied"]
PATTERN_KINDS: tuple[PatternKind, ...] = ("verb", "noun", "phrase", "stance")
# Object cell values for a kind of object rather than a word: a direct object that names an
# actor ("called Erdogan"), or any direct object at all ("returned the manuscript to Italy").
ACTOR_OBJECT = "@actor"
ANY_OBJECT = "@any"
MODALITY_KINDS: tuple[ModalityKind, ...] = (
    "negation", "future", "hypothetical", "proposed", "denied")
MODALITY_VALUES = frozenset(
    {"neg", "det", "aux", "adv", "mark", "cc", "prep", "governor", "object-clause"})


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO code with its Goldstein score, quad class and PLOVER mapping."""

    code: str
    name: str
    plover_type: str | None
    plover_mode: str | None
    plover_context: tuple[str, ...]
    quad_class: int
    goldstein: float

    @property
    def root(self) -> str:
        return self.code[:2]

    @property
    def parent(self) -> str | None:
        """The code one level up (4 -> 3 digits, 3 -> the 2-digit root); None for a root."""
        return None if len(self.code) == 2 else self.code[: 2 if len(self.code) == 3 else 3]


@dataclass(frozen=True, slots=True)
class PloverMapping:
    type: str
    mode: str | None
    context: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ModalityCue:
    """A negation or modality cue and where it sits relative to a trigger."""

    cue: str
    kind: ModalityKind
    value: str
    note: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(self.cue.split())


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    text: str


@dataclass(frozen=True, slots=True)
class Row:
    where: str
    cells: list[str]


def shipped(name: str) -> Table:
    text = resources.files("eventwire").joinpath(f"{DATA_DIR}/{name}").read_text(encoding="utf-8")
    return Table(f"eventwire/{DATA_DIR}/{name}", text)


def user_table(path: Path) -> Table:
    try:
        return Table(str(path), path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read patterns file ({err})") from err


def table_rows(table: Table, header: tuple[str, ...], required: int) -> Iterator[Row]:
    """Data rows padded to the header width; '#' comments, blanks and the header skipped."""
    for number, line in enumerate(table.text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if tuple(cells) == header[: len(cells)] and cells[0] == header[0]:
            continue
        where = f"{table.name}:{number}"
        if len(cells) > len(header):
            raise ConfigError(f"{where}: {len(cells)} columns, expected at most {len(header)}")
        if len(cells) < required or not all(cells[:required]):
            raise ConfigError(f"{where}: the first {required} columns "
                              f"({', '.join(header[:required])}) must be filled")
        yield Row(where, cells + [""] * (len(header) - len(cells)))


def split_values(cell: str) -> tuple[str, ...]:
    return tuple(v.strip().lower() for v in cell.split("|") if v.strip())


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    types: frozenset[str]
    modes: frozenset[tuple[str, str]]
    contexts: frozenset[str]


def read_vocabulary(table: Table) -> _Vocabulary:
    types: set[str] = set()
    modes: set[tuple[str, str]] = set()
    contexts: set[str] = set()
    for row in table_rows(table, ("field", "type", "value", "note"), 1):
        fld, ptype, value, _note = row.cells
        if fld == "type":
            types.add(value)
        elif fld == "mode":
            modes.add((ptype, value))
        elif fld == "context":
            contexts.add(value)
        else:
            raise ConfigError(f"{row.where}: field must be type, mode or context, not {fld!r}")
    return _Vocabulary(frozenset(types), frozenset(modes), frozenset(contexts))


_CAMEO_HEADER = ("cameo", "name", "plover_type", "plover_mode", "plover_context",
                 "quad_class", "goldstein")


def read_cameo(table: Table, vocab: _Vocabulary) -> dict[str, CameoCode]:
    codes: dict[str, CameoCode] = {}
    for row in table_rows(table, _CAMEO_HEADER, 2):
        code = _cameo_row(row, vocab)
        if code.code in codes:
            raise ConfigError(f"{row.where}: CAMEO code {code.code} is listed twice")
        if code.parent is not None and code.parent not in codes:
            raise ConfigError(f"{row.where}: {code.code} comes before its parent {code.parent}")
        codes[code.code] = code
    return codes


def _cameo_row(row: Row, vocab: _Vocabulary) -> CameoCode:
    code, name, ptype, mode, context, quad, gold = row.cells
    if not (code.isdigit() and 2 <= len(code) <= 4):
        raise ConfigError(f"{row.where}: CAMEO code must be 2-4 digits, not {code!r}")
    if ptype and ptype not in vocab.types:
        raise ConfigError(f"{row.where}: {ptype!r} is not a PLOVER event type")
    if mode and (ptype, mode) not in vocab.modes:
        raise ConfigError(f"{row.where}: {mode!r} is not a PLOVER mode of {ptype or 'no type'}")
    contexts = split_values(context)
    for ctx in contexts:
        if ctx not in vocab.contexts:
            raise ConfigError(f"{row.where}: {ctx!r} is not a PLOVER context")
    try:
        quad_class, goldstein = int(quad), float(gold)
    except ValueError:
        raise ConfigError(f"{row.where}: quad_class must be an integer and goldstein "
                          f"a number, not {quad!r}/{gold!r}") from None
    if quad_class not in (1, 2, 3, 4) or not -10.0 <= goldstein <= 10.0:
        raise ConfigError(f"{row.where}: quad_class must be 1-4 and goldstein in [-10, 10]")
    return CameoCode(code, name, ptype or None, mode or None, contexts, quad_class, goldstein)


def read_modality(table: Table) -> tuple[ModalityCue, ...]:
    cues: list[ModalityCue] = []
    seen: dict[tuple[str, str], str] = {}
    for row in table_rows(table, ("cue", "kind", "value", "note"), 3):
        cue, kind, value, note = row.cells
        if kind not in MODALITY_KINDS:
            raise ConfigError(f"{row.where}: kind must be one of {', '.join(MODALITY_KINDS)}")
        if value not in MODALITY_VALUES:
            raise ConfigError(f"{row.where}: value must be one of "
                              f"{', '.join(sorted(MODALITY_VALUES))}, not {value!r}")
        key = (cue.lower(), value)
        if key in seen:
            raise ConfigError(f"{row.where}: cue {cue!r} ({value}) is already listed at "
                              f"{seen[key]}")
        seen[key] = row.where
        cues.append(ModalityCue(cue.lower(), kind, value, note))
    return tuple(cues)


def read_support(table: Table) -> frozenset[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for row in table_rows(table, ("lemma", "particle", "note"), 1):
        lemma, particle, _note = row.cells
        if " " in lemma or " " in particle:
            raise ConfigError(f"{row.where}: lemma and particle are single words")
        found.add((lemma.lower(), particle.lower()))
    return frozenset(found)


def read_recoding(table: Table, header: tuple[str, str], codes: dict[str, CameoCode],
                   roots: tuple[str, ...]) -> dict[str, str]:
    """A prefix table: CAMEO code prefix -> a code under one of ``roots``."""
    found: dict[str, str] = {}
    for row in table_rows(table, header, 2):
        prefix, code = row.cells
        if not prefix.isdigit() or code not in codes or code[:2] not in roots:
            raise ConfigError(f"{row.where}: expected a CAMEO code prefix and a known "
                              f"{'/'.join(r + 'x' for r in roots)} code, not {prefix!r} {code!r}")
        if prefix in found:
            raise ConfigError(f"{row.where}: {prefix} is listed twice")
        found[prefix] = code
    return found
