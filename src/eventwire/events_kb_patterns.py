"""Reading ``patterns.tsv`` files (format: data/events/README.md) into trigger patterns.

:class:`PatternRow` is a row as written, its fields the file's columns in order
(:data:`PATTERN_COLUMNS`): the reader here and the writer of converted dictionaries
(:mod:`eventwire.eval.petrarch_verbs`) share it. :class:`TriggerPattern` is a checked row,
ready for matching; every malformed row raises :class:`~eventwire.errors.ConfigError`
naming its file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import astuple, dataclass, field, fields

from .errors import ConfigError
from .events_kb_tables import (
    DATA_DIR,
    PATTERN_KINDS,
    CameoCode,
    PatternKind,
    Row,
    Table,
    split_values,
    table_rows,
)

COMPOUND_SUBJECT = "compound"
REPLACE_DIRECTIVE = "#! replace"
LITERAL_DIRECTIVE = "#! literal"
_DIRECTIVES = frozenset({REPLACE_DIRECTIVE, LITERAL_DIRECTIVE})
_THIRD, _PAST, _GERUND = frozenset({"VBZ"}), frozenset({"VBD", "VBN"}), frozenset({"VBG"})
# A noun pattern's head is the word before its first preposition ("attack on" -> attack).
_NOUN_PREPS = frozenset({"of", "on", "in", "at", "to", "from", "against", "with", "between",
                         "by", "for", "over", "into", "near", "across", "toward", "towards"})


@dataclass(frozen=True, slots=True)
class PatternRow:
    """One row of a patterns.tsv file, as written: the fields are the columns, in order."""

    cameo: str
    kind: str
    lemma: str
    particle: str = ""
    object: str = ""
    prep: str = ""
    note: str = ""
    subject: str = ""  # "compound": only a subject naming several actors
    aux: str = ""  # auxiliaries one of which the verb must carry

    def cells(self) -> tuple[str, ...]:
        return astuple(self)


PATTERN_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(PatternRow))


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
class _FileFlags:
    """What a user file's ``#!`` directives say about all of its rows."""

    replaces: bool = False
    literal: bool = False


def read_patterns(table: Table, codes: dict[str, CameoCode],
                  first_rank: int) -> list[TriggerPattern]:
    patterns: list[TriggerPattern] = []
    claimed: dict[tuple[str, ...], TriggerPattern] = {}
    flags = _file_flags(table)
    for row in table_rows(table, PATTERN_COLUMNS, 3):
        pattern = _pattern_row(row, codes, first_rank + len(patterns), flags)
        _claim(claimed, pattern)
        patterns.append(pattern)
    return patterns


def _file_flags(table: Table) -> _FileFlags:
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


def _pattern_row(row: Row, codes: dict[str, CameoCode], rank: int,
                 flags: _FileFlags) -> TriggerPattern:
    cells = PatternRow(*row.cells)
    code, _, reverse = cells.cameo.partition(":")
    for value in (code, reverse) if reverse else (code,):
        if value not in codes:
            raise ConfigError(f"{row.where}: CAMEO code {value!r} is not in cameo.tsv")
    if cells.subject not in ("", COMPOUND_SUBJECT):
        raise ConfigError(f"{row.where}: subject must be empty or {COMPOUND_SUBJECT!r}, "
                          f"not {cells.subject!r}")
    kind = cells.kind
    if kind not in PATTERN_KINDS:
        raise ConfigError(f"{row.where}: kind must be one of {', '.join(PATTERN_KINDS)}, "
                          f"not {kind!r}")
    lemma = " ".join(cells.lemma.lower().split())
    if kind == "verb" and " " in lemma:
        raise ConfigError(f"{row.where}: a verb lemma is one word; use kind phrase for {lemma!r}")
    if kind == "phrase" and " " not in lemma:
        raise ConfigError(f"{row.where}: a {kind} needs at least two words, not {lemma!r}")
    particles, preps = split_values(cells.particle), split_values(cells.prep)
    auxes = split_values(cells.aux)
    if any(" " in v for v in particles + preps + auxes):
        raise ConfigError(f"{row.where}: particle, prep and aux values are single words")
    return TriggerPattern(code, kind, lemma, particles, split_values(cells.object), preps,
                          cells.note, row.where, rank, flags.replaces, flags.literal, reverse,
                          cells.subject == COMPOUND_SUBJECT, auxes)


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


def regular_forms(lemma: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The regular -s, -ed and -ing forms of a verb lemma, each with the Penn tags it is
    read with. No consonant doubling: spaCy lemmatises the verbs that double."""
    if re.search(r"[^aeiou]y$", lemma):
        third, past, gerund = lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"
    elif lemma.endswith("e"):
        third, past = lemma + "s", lemma + "d"
        gerund = (lemma if lemma.endswith("ee") else lemma[:-1]) + "ing"
    else:
        third = lemma + ("es" if re.search(r"(s|x|z|ch|sh)$", lemma) else "s")
        past, gerund = lemma + "ed", lemma + "ing"
    return (third, _THIRD), (past, _PAST), (gerund, _GERUND)


def index_forms(heads: Iterable[str]) -> dict[str, tuple[str, frozenset[str]]]:
    """Verb lemmas by their regular forms: spaCy gives a verb it does not know an odd lemma
    ("staged" → stag, "waged" → wag, "cordoned" → cordone), and the coder then looks the
    word up by its form. Where two lemmas make one form, "raped" is "rape" rather than
    "rap" (which doubles its consonant: "rapped"); a form two lemmas share otherwise, or
    that is a lemma itself, is left out."""
    heads = frozenset(heads)
    found: dict[str, tuple[str, frozenset[str]]] = {}
    shared: set[str] = set()
    # Lemmas in -e first: their forms win over the undoubled forms of the shorter word.
    for head in sorted(heads, key=lambda h: (not h.endswith("e"), h)):
        if not head.isalpha():
            continue
        for form, tags in regular_forms(head):
            if form not in found:
                found[form] = (head, tags)
            elif not (found[form][0].endswith("e") and found[form][0][:-1] == head):
                shared.add(form)
    return {form: entry for form, entry in found.items()
            if form not in shared and form not in heads}


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
