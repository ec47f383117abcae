"""Reporting verbs ("said", "told", "according to") from ``data/speech/cues.tsv``."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ..errors import ConfigError


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    kind: str  # speech | belief | source
    addressee: bool
    clause_only: bool = False  # reports a clause or an infinitive, never a bare noun object


@dataclass(frozen=True, slots=True)
class Cues:
    by_lemma: dict[str, Cue]
    # First words of every cue ("call" of "call for"): a token whose lemma is not here
    # cues nothing, so the per-token search for reported clauses can stop at one look-up.
    first_words: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        # Derived from by_lemma here so that the two can never disagree (frozen: set once).
        object.__setattr__(self, "first_words",
                           frozenset(key.split()[0] for key in self.by_lemma))

    def may_cue(self, lemma: str) -> bool:
        return lemma.lower() in self.first_words

    def get(self, lemma: str) -> Cue | None:
        return self.by_lemma.get(lemma.lower())

    def is_speech(self, lemma: str) -> bool:
        cue = self.by_lemma.get(lemma.lower())
        return cue is not None and cue.kind in ("speech", "belief")


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    path = "data/speech/cues.tsv"
    text = resources.files("eventwire").joinpath(path).read_text(encoding="utf-8")
    cues: dict[str, Cue] = {}
    for n, line in enumerate(text.splitlines()[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) not in (3, 4) or cols[1] not in ("speech", "belief", "source") \
                or cols[3:] not in ([], ["clause"]):
            raise ConfigError(f"{path}:{n}: expected lemma, kind, addressee[, clause]")
        cues[cols[0]] = Cue(cols[0], cols[1], cols[2] == "yes", cols[3:] == ["clause"])
    return Cues(cues)
