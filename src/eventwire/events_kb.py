"""The event-coding knowledge base: CAMEO codes, trigger patterns and modality cues.

All of it is data under ``eventwire/data/events`` (format in that folder's README.md).
:func:`load_event_kb` reads the shipped tables once per process, adds the rows of any
user patterns files, checks every row and builds the look-up indexes the coder uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .events_kb_patterns import TriggerPattern, index_forms, index_patterns, read_patterns
from .events_kb_tables import (
    ACTOR_OBJECT,
    ANY_OBJECT,
    DATA_DIR,
    MODALITY_KINDS,
    MODALITY_VALUES,
    PATTERN_KINDS,
    CameoCode,
    ModalityCue,
    ModalityKind,
    PatternKind,
    PloverMapping,
    read_cameo,
    read_modality,
    read_recoding,
    read_support,
    read_vocabulary,
    shipped,
    user_table,
)

__all__ = [
    "ACTOR_OBJECT", "ANY_OBJECT", "DATA_DIR", "MODALITY_KINDS", "MODALITY_VALUES",
    "PATTERN_KINDS", "CameoCode", "EventKB", "ModalityCue", "ModalityKind", "PatternKind",
    "PloverMapping", "TriggerPattern", "load_event_kb",
]


@dataclass(frozen=True, eq=False)
class EventKB:
    """The loaded tables with their indexes. Build it with :func:`load_event_kb`."""

    codes: dict[str, CameoCode]
    patterns: tuple[TriggerPattern, ...]
    cues: tuple[ModalityCue, ...]
    _by_head: dict[str, tuple[TriggerPattern, ...]] = field(repr=False)
    # Support verbs (support.tsv): (lemma, particle) pairs, particle "" when none.
    support: frozenset[tuple[str, str]] = frozenset()
    # intent.tsv and refusal.tsv: CAMEO code prefix -> the 03x/13x or 12x code it becomes.
    intents: dict[str, str] = field(default_factory=dict)
    refusals: dict[str, str] = field(default_factory=dict)
    # Verb lemmas by their regular forms, each with the tags it is read with.
    verb_forms: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    # A look-up cache filled as the coder asks (the KB is otherwise read-only).
    _by_kinds: dict[tuple[str, tuple[PatternKind, ...]], tuple[TriggerPattern, ...]] = field(
        default_factory=dict, repr=False)

    def cameo(self, code: str) -> CameoCode:
        """The CAMEO code ``code``; KeyError naming it when there is none."""
        try:
            return self.codes[code]
        except KeyError:
            raise KeyError(f"unknown CAMEO code {code!r}") from None

    def get_cameo(self, code: str) -> CameoCode | None:
        return self.codes.get(code)

    def plover(self, code: str) -> PloverMapping | None:
        """PLOVER type/mode/context of ``code``, from its nearest ancestor that has a type.

        None when neither the code nor an ancestor maps to PLOVER (CAMEO 01x statements).
        """
        current: CameoCode | None = self.cameo(code)
        while current is not None:
            if current.plover_type:
                return PloverMapping(current.plover_type, current.plover_mode,
                                     current.plover_context)
            parent = current.parent
            current = self.codes.get(parent) if parent else None
        return None

    def patterns_for(self, lemma: str, kind: PatternKind | None = None) -> list[TriggerPattern]:
        """Patterns whose head is ``lemma``, most specific first (user rows win ties)."""
        found = self._by_head.get(lemma.lower(), ())
        return [p for p in found if kind is None or p.kind == kind]

    def heads(self) -> frozenset[str]:
        """Every lower-case pattern head."""
        return frozenset(self._by_head)

    def patterns_of_kinds(self, head: str,
                          kinds: tuple[PatternKind, ...]) -> tuple[TriggerPattern, ...]:
        """Patterns whose head is ``head`` (lowercase) and kind one of ``kinds``, most specific
        first; cached, for the coder's per-token look-up."""
        key = (head, kinds)
        found = self._by_kinds.get(key)
        if found is None:
            found = tuple(p for p in self._by_head.get(head, ()) if p.kind in kinds)
            self._by_kinds[key] = found
        return found

    def verb_of_form(self, form: str, tag: str) -> str | None:
        """The pattern lemma ``form`` is a regular form of, read with Penn tag ``tag``
        ("staged", VBD → stage); for a verb whose spaCy lemma has no patterns."""
        found = self.verb_forms.get(form)
        return found[0] if found is not None and tag in found[1] else None

    def cues_of(self, kind: ModalityKind) -> list[ModalityCue]:
        return [c for c in self.cues if c.kind == kind]

    def intent(self, code: str) -> str | None:
        """The 03x/13x code of a stated intention to do ``code`` (longest prefix wins)."""
        return _by_prefix(self.intents, code)

    def refusal(self, code: str) -> str | None:
        """The 12x code of a refusal to do ``code`` (longest prefix wins)."""
        return _by_prefix(self.refusals, code)

    def is_support(self, lemma: str, particle: str = "") -> bool:
        """A support verb ("hold", "carry out"): its object noun names the event."""
        return (lemma.lower(), particle.lower()) in self.support


def load_event_kb(extra_files: Sequence[Path] = ()) -> EventKB:
    """The shipped tables plus the rows of ``extra_files`` (patterns.tsv format).

    Cached per process and per list of files. Raises ConfigError naming file:line for
    a malformed row.
    """
    return _load(tuple(Path(p) for p in extra_files))


@lru_cache(maxsize=4)
def _load(extra_files: tuple[Path, ...]) -> EventKB:
    vocab = read_vocabulary(shipped("plover.tsv"))
    codes = read_cameo(shipped("cameo.tsv"), vocab)
    patterns: list[TriggerPattern] = []
    # User files come first so that, at equal specificity, their rows rank ahead.
    for path in extra_files:
        patterns.extend(read_patterns(user_table(path), codes, len(patterns)))
    patterns.extend(read_patterns(shipped("patterns.tsv"), codes, len(patterns)))
    cues = read_modality(shipped("modality.tsv"))
    support = read_support(shipped("support.tsv"))
    intents = read_recoding(shipped("intent.tsv"), ("cameo", "intent"), codes, ("03", "13"))
    refusals = read_recoding(shipped("refusal.tsv"), ("cameo", "refusal"), codes, ("12",))
    verbs = {p.head for p in patterns if p.kind != "noun"}
    return EventKB(codes, tuple(patterns), cues, index_patterns(patterns), support,
                   intents=intents, refusals=refusals, verb_forms=index_forms(verbs))


def _by_prefix(table: dict[str, str], code: str) -> str | None:
    for n in range(len(code), 1, -1):
        if code[:n] in table:
            return table[code[:n]]
    return None
