"""Reading and checking the event-coding tables (format: data/events/README.md).

Produces the typed records that :mod:`eventwire.events_kb` indexes; every malformed row
raises :class:`~eventwire.errors.ConfigError` naming its file and line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
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
# A noun pattern's head is the word before its first preposition ("attack on" -> attack).
_NOUN_PREPS = frozenset({"of", "on", "in", "at", "to", "from", "against", "with", "between",
                         "by", "for", "over", "into", "near", "across", "toward", "towards"})


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
class TriggerPattern:
    """One way a CAMEO code is said: a lemma plus the particle/object/prep it must have."""

    cameo: str
    kind: PatternKind
    lemma: str
    particles: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    preps: tuple[str, ...] = ()
    note: str = ""
    source: str = ""
    rank: int = 0  # load order; user rows get lower ranks so they win ties
    # From a user file marked ``#! replace``: its heads' rows from other files are dropped.
    replaces: bool = False
    # From a user file marked ``#! literal``: the code is used as written, never recoded as
    # an intent, threat or refusal (a PETRARCH dictionary codes "about to restore ties" 064).
    literal: bool = False
    # ``032:033``: the code of the same wording read from the target back to the source
    # ("A arrived in B": A visits B, B hosts A); "" when there is none.
    reverse: str = ""
    # ``subject`` cell ``compound``: only a subject naming several actors matches, and
    # they act on one another when nothing else is the target ("A and B agreed").
    compound: bool = False
    # ``aux`` cell: auxiliaries one of which the verb must carry ("have" delayed).
    auxes: tuple[str, ...] = ()
    # Derived once, for matching (the coder reads them for every candidate token):
    words: tuple[str, ...] = field(init=False, repr=False, compare=False)
    head: str = field(init=False, repr=False, compare=False)  # the index key
    specificity: int = field(init=False, repr=False, compare=False)
    object_words: frozenset[str] = field(init=False, repr=False, compare=False)
    object_phrases: tuple[tuple[str, ...], ...] = field(init=False, repr=False, compare=False)
    # The multi-word values by each of their words: an object's head picks the few to try.
    phrases_by_word: dict[str, tuple[tuple[str, ...], ...]] = field(
        init=False, repr=False, compare=False)

    @property
    def from_user_file(self) -> bool:
        return not self.source.startswith(f"eventwire/{DATA_DIR}/")

    def __post_init__(self) -> None:
        # A frozen dataclass sets derived fields through object.__setattr__.
        words = tuple(self.lemma.split())
        derived = {
            "words": words,
            "head": _head(self.kind, words),
            # Higher wins: object 4, preposition 2, particle 2, each extra lemma word 1.
            "specificity": (4 * bool(self.objects) + 2 * bool(self.preps)
                            + 2 * bool(self.particles) + len(words) - 1 + self.compound
                            + bool(self.auxes)),
            "object_words": frozenset(o for o in self.objects if " " not in o),
            "object_phrases": tuple(tuple(o.split()) for o in self.objects if " " in o),
            "phrases_by_word": _phrases_by_word(self.objects),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)


def _phrases_by_word(objects: tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for value in objects:
        if " " in value:
            phrase = tuple(value.split())
            for word in set(phrase):
                index.setdefault(word, []).append(phrase)
    return {word: tuple(found) for word, found in index.items()}


def _head(kind: str, words: tuple[str, ...]) -> str:
    """The verb of a verb, phrase or stance; the head noun of a noun ("attack on" -> attack)."""
    if kind != "noun":
        return words[0]
    for i, word in enumerate(words[1:], start=1):
        if word in _NOUN_PREPS:
            return words[i - 1]
    return words[-1]


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
class _Table:
    name: str
    text: str


@dataclass(frozen=True, slots=True)
class _Row:
    where: str
    cells: list[str]


def shipped(name: str) -> _Table:
    text = resources.files("eventwire").joinpath(f"{DATA_DIR}/{name}").read_text(encoding="utf-8")
    return _Table(f"eventwire/{DATA_DIR}/{name}", text)


def user_table(path: Path) -> _Table:
    try:
        return _Table(str(path), path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read patterns file ({err})") from err


def _rows(table: _Table, header: tuple[str, ...], required: int) -> Iterator[_Row]:
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
        yield _Row(where, cells + [""] * (len(header) - len(cells)))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(v.strip().lower() for v in cell.split("|") if v.strip())


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    types: frozenset[str]
    modes: frozenset[tuple[str, str]]
    contexts: frozenset[str]


def read_vocabulary(table: _Table) -> _Vocabulary:
    types: set[str] = set()
    modes: set[tuple[str, str]] = set()
    contexts: set[str] = set()
    for row in _rows(table, ("field", "type", "value", "note"), 1):
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


def read_cameo(table: _Table, vocab: _Vocabulary) -> dict[str, CameoCode]:
    codes: dict[str, CameoCode] = {}
    for row in _rows(table, _CAMEO_HEADER, 2):
        code = _cameo_row(row, vocab)
        if code.code in codes:
            raise ConfigError(f"{row.where}: CAMEO code {code.code} is listed twice")
        if code.parent is not None and code.parent not in codes:
            raise ConfigError(f"{row.where}: {code.code} comes before its parent {code.parent}")
        codes[code.code] = code
    return codes


def _cameo_row(row: _Row, vocab: _Vocabulary) -> CameoCode:
    code, name, ptype, mode, context, quad, gold = row.cells
    if not (code.isdigit() and 2 <= len(code) <= 4):
        raise ConfigError(f"{row.where}: CAMEO code must be 2-4 digits, not {code!r}")
    if ptype and ptype not in vocab.types:
        raise ConfigError(f"{row.where}: {ptype!r} is not a PLOVER event type")
    if mode and (ptype, mode) not in vocab.modes:
        raise ConfigError(f"{row.where}: {mode!r} is not a PLOVER mode of {ptype or 'no type'}")
    contexts = _split(context)
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


_PATTERN_HEADER = ("cameo", "kind", "lemma", "particle", "object", "prep", "note", "subject",
                   "aux")
COMPOUND_SUBJECT = "compound"


REPLACE_DIRECTIVE = "#! replace"
LITERAL_DIRECTIVE = "#! literal"
_DIRECTIVES = frozenset({REPLACE_DIRECTIVE, LITERAL_DIRECTIVE})


@dataclass(frozen=True, slots=True)
class _FileFlags:
    """What a user file's ``#!`` directives say about all of its rows."""

    replaces: bool = False
    literal: bool = False


def read_patterns(table: _Table, codes: dict[str, CameoCode],
                   first_rank: int) -> list[TriggerPattern]:
    patterns: list[TriggerPattern] = []
    claimed: dict[tuple[str, ...], TriggerPattern] = {}
    flags = _file_flags(table)
    for row in _rows(table, _PATTERN_HEADER, 3):
        pattern = _pattern_row(row, codes, first_rank + len(patterns), flags)
        _claim(claimed, pattern)
        patterns.append(pattern)
    return patterns


def _file_flags(table: _Table) -> _FileFlags:
    """The ``#!`` directive lines a user file starts with (before its header); an unknown
    one is an error rather than a comment, so that a misspelt directive is not ignored."""
    if table.name.startswith(f"eventwire/{DATA_DIR}/"):
        return _FileFlags()
    found: set[str] = set()
    for number, line in enumerate(table.text.splitlines(), start=1):
        text = line.strip()
        if text and not text.startswith("#"):
            break
        if text.startswith("#!"):
            directive = "#! " + " ".join(text[2:].split()).lower()
            if directive not in _DIRECTIVES:
                raise ConfigError(f"{table.name}:{number}: unknown directive {text!r} "
                                  f"(known: {', '.join(sorted(_DIRECTIVES))})")
            found.add(directive)
    return _FileFlags(REPLACE_DIRECTIVE in found, LITERAL_DIRECTIVE in found)


def _pattern_row(row: _Row, codes: dict[str, CameoCode], rank: int,
                 flags: _FileFlags) -> TriggerPattern:
    cell, kind, lemma, particle, obj, prep, note, subject, aux = row.cells
    code, _, reverse = cell.partition(":")
    for value in (code, reverse) if reverse else (code,):
        if value not in codes:
            raise ConfigError(f"{row.where}: CAMEO code {value!r} is not in cameo.tsv")
    if subject not in ("", COMPOUND_SUBJECT):
        raise ConfigError(f"{row.where}: subject must be empty or {COMPOUND_SUBJECT!r}, "
                          f"not {subject!r}")
    if kind not in PATTERN_KINDS:
        raise ConfigError(f"{row.where}: kind must be one of {', '.join(PATTERN_KINDS)}, "
                          f"not {kind!r}")
    lemma = " ".join(lemma.lower().split())
    if kind == "verb" and " " in lemma:
        raise ConfigError(f"{row.where}: a verb lemma is one word; use kind phrase for {lemma!r}")
    if kind == "phrase" and " " not in lemma:
        raise ConfigError(f"{row.where}: a {kind} needs at least two words, not {lemma!r}")
    particles, preps, objects, auxes = _split(particle), _split(prep), _split(obj), _split(aux)
    if any(" " in v for v in particles + preps + auxes):
        raise ConfigError(f"{row.where}: particle, prep and aux values are single words")
    return TriggerPattern(code, kind, lemma, particles, objects, preps, note, row.where, rank,
                          flags.replaces, flags.literal, reverse, subject == COMPOUND_SUBJECT,
                          auxes)


def _claim(claimed: dict[tuple[str, ...], TriggerPattern], pattern: TriggerPattern) -> None:
    """One file may not code the same lemma/particle/prep/object two ways."""
    for particle in pattern.particles or ("",):
        for prep in pattern.preps or ("",):
            for obj in pattern.objects or ("",):
                key = (pattern.kind, pattern.lemma, particle, prep, obj,
                       str(pattern.compound), "|".join(pattern.auxes))
                other = claimed.setdefault(key, pattern)
                if other.cameo != pattern.cameo:
                    raise ConfigError(
                        f"{pattern.source}: {pattern.lemma!r} with particle={particle!r} "
                        f"prep={prep!r} object={obj!r} is already coded {other.cameo} "
                        f"at {other.source}")


def index_patterns(patterns: list[TriggerPattern]) -> dict[str, tuple[TriggerPattern, ...]]:
    """Patterns by head, most specific first. A head (as a noun, or as a verb) that a
    ``#! replace`` file codes keeps only that file's rows: the file says all it wants said
    about the word (a converted PETRARCH dictionary)."""
    replaced = {(p.head, p.kind == "noun") for p in patterns if p.replaces}
    grouped: dict[str, list[TriggerPattern]] = {}
    for pattern in patterns:
        if pattern.replaces or (pattern.head, pattern.kind == "noun") not in replaced:
            grouped.setdefault(pattern.head, []).append(pattern)
    return {head: tuple(sorted(found, key=lambda p: (-p.specificity, p.rank)))
            for head, found in grouped.items()}


def read_modality(table: _Table) -> tuple[ModalityCue, ...]:
    cues: list[ModalityCue] = []
    seen: dict[tuple[str, str], str] = {}
    for row in _rows(table, ("cue", "kind", "value", "note"), 3):
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


def read_support(table: _Table) -> frozenset[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for row in _rows(table, ("lemma", "particle", "note"), 1):
        lemma, particle, _note = row.cells
        if " " in lemma or " " in particle:
            raise ConfigError(f"{row.where}: lemma and particle are single words")
        found.add((lemma.lower(), particle.lower()))
    return frozenset(found)


def read_recoding(table: _Table, header: tuple[str, str], codes: dict[str, CameoCode],
                   roots: tuple[str, ...]) -> dict[str, str]:
    """A prefix table: CAMEO code prefix -> a code under one of ``roots``."""
    found: dict[str, str] = {}
    for row in _rows(table, header, 2):
        prefix, code = row.cells
        if not prefix.isdigit() or code not in codes or code[:2] not in roots:
            raise ConfigError(f"{row.where}: expected a CAMEO code prefix and a known "
                              f"{'/'.join(r + 'x' for r in roots)} code, not {prefix!r} {code!r}")
        if prefix in found:
            raise ConfigError(f"{row.where}: {prefix} is listed twice")
        found[prefix] = code
    return found
