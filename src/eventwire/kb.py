"""The actor knowledge base: countries, regions, organisations, armed groups, people and the
sector vocabulary that say who acts in news text and code it as country + sector.

The knowledge lives in the TSV files of ``eventwire/data/actors`` (their format is in that
folder's README.md); this module only reads them, checks them and indexes them. User files
in the organisation or people format add entries or replace shipped ones with the same kb_id.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Generic, TypeVar

from .kb_tables import (
    AgentPattern,
    Code,
    CountryEntry,
    KBEntry,
    Metonym,
    RoleSpell,
    read_kb,
)

__all__ = ["AgentPattern", "Code", "CountryEntry", "KBEntry", "KnowledgeBase", "Metonym",
           "RoleSpell", "load_kb", "normalize"]

# A "former"/"retired" modifier makes ELI only of people who held an office.
OFFICE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
# News text mixes typographic and plain punctuation; aliases are written plain.
_PLAIN = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "‐": "-", "‑": "-",
                        "–": "-", "—": "-", "“": '"', "”": '"', "\u00a0": " "})

T = TypeVar("T")
# The first word of an alias as ``actor_phrase.words_of`` cuts it, without a final dot.
_FIRST_WORD = re.compile(r"[\w][\w.'\-]*[\w.]|[\w]")


def normalize(text: str) -> str:
    """Plain apostrophes and dashes, NFC, single spaces: the form aliases are indexed in."""
    if text.isascii():  # most news text: NFC and the table change nothing there
        return " ".join(text.split())
    return " ".join(unicodedata.normalize("NFC", text).translate(_PLAIN).split())


def _exact_only(alias: str) -> bool:
    """Short acronyms ("US", "IS", "WHO", "LeT", "BoE") would match common words if folded."""
    letters = [c for c in alias if c.isalpha()]
    inner_capital = any(c.isupper() for c in letters[1:])
    return 0 < len(letters) <= 5 and inner_capital and letters[0].isupper()


class _Index(Generic[T]):
    """Alias → values, matched as the README says: exact for short all-caps or ``=``-marked
    aliases, casefolded otherwise, and an alias with a capital never matches all-lower text.
    """

    def __init__(self) -> None:
        self.exact: dict[str, list[T]] = {}
        self.folded: dict[str, list[T]] = {}
        self.lower: dict[str, list[T]] = {}
        self.first_words: set[str] = set()
        # Every key casefolded: a text none of whose variants folds to one matches nothing.
        self.folded_keys: set[str] = set()

    def add(self, alias: str, value: T) -> None:
        exact = alias.startswith("=") or _exact_only(alias)
        key = normalize(alias.removeprefix("="))
        first = _FIRST_WORD.search(key)
        if first is not None:
            self.first_words.add(first.group().rstrip(".").casefold())
        if exact:
            table = self.exact
            self.folded_keys.add(key.casefold())
        else:
            table = self.lower if key == key.lower() else self.folded
            key = key.casefold()
            self.folded_keys.add(key)
        bucket = table.setdefault(key, [])
        if value not in bucket:
            bucket.append(value)

    def get(self, text: str) -> list[T]:
        key = normalize(text)
        for candidate in _variants(key):
            folded = candidate.casefold()
            found = self.lower.get(folded, [])
            if candidate != candidate.lower():
                # "turkey", "reunion" and "labour" in lower case are words, not names.
                found = self.exact.get(candidate, []) + self.folded.get(folded, []) + found
            if found:
                return list(dict.fromkeys(found))
        return []


def _variants(key: str) -> Iterable[str]:
    """The text, then without a leading "the" or a trailing possessive."""
    yield key
    bare = key[4:] if key.casefold().startswith("the ") else key
    bare = bare[:-2] if bare.endswith("'s") else bare
    if bare != key:
        yield bare


class KnowledgeBase:
    """Indexed lookups over every entry, country, agent pattern and code."""

    def __init__(self, entries: Sequence[KBEntry], countries: Sequence[CountryEntry],
                 agents: Sequence[AgentPattern], codes: Sequence[Code]) -> None:
        self.entries = tuple(entries)
        self.countries = tuple(countries)
        self.agents = tuple(agents)
        self.codes = tuple(codes)
        self.sectors = frozenset(c.code for c in codes if c.kind == "sector")
        self.country_codes = frozenset(
            [c.iso3 for c in countries] + [c.code for c in codes if c.kind == "country"])
        self._by_id = {e.kb_id: e for e in self.entries}
        self._countries = {c.iso3: c for c in self.countries}
        self._aliases: _Index[KBEntry] = _Index()
        for entry in self.entries:
            for alias in (entry.name, *entry.aliases):
                self._aliases.add(alias, entry)
        self._demonyms: _Index[str] = _Index()
        self._metonyms: _Index[Metonym] = _Index()
        for country in self.countries:
            for demonym in country.demonyms:
                self._demonyms.add(demonym, country.iso3)
            for place, metonym in country.metonyms:
                self._metonyms.add(place, metonym)
        self._surnames: dict[str, list[KBEntry]] = {}
        for entry in self.entries:
            if entry.type == "person":
                surname = normalize(entry.name).split()[-1].casefold()
                self._surnames.setdefault(surname, []).append(entry)
        self._first_words = frozenset(
            self._aliases.first_words | self._demonyms.first_words | self._metonyms.first_words)
        self._folded_names = frozenset(
            self._aliases.folded_keys | self._demonyms.folded_keys | self._metonyms.folded_keys)
        self._agents = {_agent_key(f): p for p in self.agents for f in p.forms}
        self._agent_words = frozenset(w for key in self._agents for w in key.split())
        self._agent_ends = frozenset(key.split()[-1] for key in self._agents if " " in key)
        self._glued = tuple(f[:-1] for p in self.agents for f in p.forms if f.endswith("-_"))

    def may_start(self, word: str) -> bool:
        """Whether some alias, demonym or seat of power begins with ``word`` (a fast pre-check
        so that phrase matching tries n-grams only where a name can start)."""
        # One word from ``words_of`` holds no spaces: only non-ASCII needs normalising.
        key = (word if word.isascii() else normalize(word)).rstrip(".").casefold()
        return key in self._first_words or (key.endswith("'s")
                                            and key[:-2] in self._first_words)

    def may_name(self, text: str) -> bool:
        """False when ``text`` is surely no alias, demonym or seat of power: one set look-up,
        where :meth:`by_alias`, :meth:`metonym` and :meth:`country_of_demonym` would each
        normalise it and try its variants (most n-grams tried in a phrase name nothing)."""
        return any(v.casefold() in self._folded_names for v in _variants(normalize(text)))

    def by_id(self, kb_id: str) -> KBEntry | None:
        return self._by_id.get(kb_id)

    def by_alias(self, text: str) -> list[KBEntry]:
        """Every entry named ``text``: countries, regions, organisations, groups, people."""
        return self._aliases.get(text)

    def people_named(self, surname: str) -> list[KBEntry]:
        """Every person whose name ends in ``surname`` ("Bush": both presidents), whether or
        not the surname alone is one of their aliases."""
        return list(self._surnames.get(normalize(surname).casefold(), ()))

    def role_on(self, kb_id: str, date: str | None) -> RoleSpell | None:
        entry = self._by_id.get(kb_id)
        return None if entry is None else entry.role_on(date)

    def country(self, iso3: str) -> CountryEntry | None:
        return self._countries.get(iso3)

    def country_name(self, iso3: str) -> str | None:
        entry = self._countries.get(iso3)
        return None if entry is None else entry.name

    def country_of_name(self, text: str) -> str | None:
        """The ISO3 code a country name or alias stands for ("Britain" → GBR)."""
        return next((e.country for e in self.by_alias(text) if e.type == "country"), None)

    def country_of_demonym(self, word: str) -> str | None:
        """"Russians" → RUS, "Belorussian" → BLR; None for words that are no demonym."""
        found = self._demonyms.get(word)
        return found[0] if found else None

    def metonym(self, word: str) -> Metonym | None:
        found = self._metonyms.get(word)
        return found[0] if found else None

    def agent(self, phrase: str) -> AgentPattern | None:
        """The pattern one of whose forms is exactly ``phrase`` ("warplanes", "former")."""
        return self._agents.get(_agent_key(phrase))

    def is_agent_word(self, word: str) -> bool:
        """Whether ``word`` is part of some agent form ("federal" of "federal police",
        "king"): a title word, not a place or a surname, even when capitalised."""
        return normalize(word).casefold() in self._agent_words

    def ends_agent_phrase(self, word: str) -> bool:
        """Whether some agent form of several words ends in ``word`` ("group" of "rebel
        group"): a fast pre-check before looking the words before it up."""
        return normalize(word).casefold() in self._agent_ends

    def head_agent(self, phrase: str) -> AgentPattern | None:
        """The sector noun heading a short phrase ("seoul metropolitan police" → police).

        The longest agent form ending the phrase (or its part before "of") wins; a modifier
        such as "former" before an office ("a former minister") gives the modifier's ELI.
        """
        words = self._words(phrase)
        parts = [words] + ([words[:words.index("of")]] if "of" in words else [])
        for part in parts:
            for i in range(len(part)):
                head = self._agents.get(" ".join(part[i:]))
                if head is None or head.modifier:
                    continue
                modifier = self._modifier(part[:i])
                return modifier if modifier and head.sector in OFFICE_SECTORS else head
        return None

    def _words(self, phrase: str) -> list[str]:
        words: list[str] = []
        for word in _agent_key(phrase).split():
            prefix = next((g for g in self._glued if word.startswith(g) and word != g), None)
            words.extend([prefix, word[len(prefix):]] if prefix else [word])
        return words

    def _modifier(self, words: Sequence[str]) -> AgentPattern | None:
        text = f" {' '.join(words)} "
        for pattern in self.agents:
            if not pattern.modifier or pattern.sector != "ELI":
                continue  # "ethnic _" makes a people, not an elite
            if any(f" {_agent_key(f)} " in text for f in pattern.forms):
                return pattern
        return None


def _agent_key(form: str) -> str:
    """"former _" and "ex-_" are looked up as the bare words "former" and "ex-"."""
    return normalize(form.replace("_", " ")).casefold()


@functools.lru_cache(maxsize=8)
def _load(extra_files: tuple[Path, ...]) -> KnowledgeBase:
    data = read_kb(extra_files)
    return KnowledgeBase(data.entries, data.countries, data.agents, data.codes)


def load_kb(extra_files: Sequence[Path] = ()) -> KnowledgeBase:
    """The shipped knowledge base plus ``extra_files``; built once per process per file list."""
    return _load(tuple(Path(p) for p in extra_files))
