"""Reading and checking the actor knowledge-base files (format: data/actors/README.md).

Produces the typed records that :mod:`eventwire.kb` indexes; every malformed row raises
:class:`~eventwire.errors.ConfigError` naming its file and line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from .errors import ConfigError

ORG_COLUMNS = ("kb_id", "name", "country", "sector", "aliases", "sector2", "from", "to")
PEOPLE_COLUMNS = ("kb_id", "name", "country", "sector", "role", "from", "to", "aliases", "sector2")
COUNTRY_COLUMNS = ("iso3", "name", "aliases", "demonyms", "metonyms")
AGENT_COLUMNS = ("pattern", "sector", "sector2", "note")
CODE_COLUMNS = ("code", "kind", "description")
ORG_FILES = (("regions.tsv", "region"), ("organizations.tsv", "organization"),
             ("groups.tsv", "group"))
_TYPE_OF_PREFIX = {"group": "group", "region": "region", "person": "person",
                   "country": "country"}
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_ISO3 = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True, slots=True)
class RoleSpell:
    """One office a person held, with its dates (``None`` end: still in office)."""

    role: str
    country: str
    sector: str | None
    sector2: str | None
    start: str | None
    end: str | None

    def covers(self, date: str) -> bool:
        day = _bound(date, upper=False)
        starts = self.start is None or _bound(self.start, upper=False) <= day
        return starts and (self.end is None or day <= _bound(self.end, upper=True))


@dataclass(frozen=True, slots=True)
class KBEntry:
    """A named actor. For a person, country/sector/role/start/end are the latest role's."""

    kb_id: str
    name: str
    type: str  # country | region | organization | group | person
    country: str
    sector: str | None
    sector2: str | None
    role: str | None
    start: str | None
    end: str | None
    aliases: tuple[str, ...]
    roles: tuple[RoleSpell, ...] = ()

    def role_on(self, date: str | None) -> RoleSpell | None:
        """The role held on ``date`` (YYYY[-MM[-DD]]), or the current one when date is None."""
        if date is None or not _DATE.fullmatch(date):
            held = [r for r in self.roles if r.end is None]
        else:
            held = [r for r in self.roles if r.covers(date)]
        return max(held, key=lambda r: _bound(r.start or "0000", upper=False), default=None)

    @property
    def dated(self) -> bool:
        """A body or place whose name means it only between ``start`` and ``end``."""
        return self.type != "person" and (self.start is not None or self.end is not None)

    def valid_on(self, date: str | None) -> bool:
        """Whether the name means this entry on ``date`` (None: today)."""
        if date is None or not _DATE.fullmatch(date):
            return self.end is None
        return RoleSpell("", self.country, None, None, self.start, self.end).covers(date)


class Metonym(NamedTuple):
    """A place that stands for a state organ: "Kremlin" → RUS GOV, "Pentagon" → USA MIL."""

    country: str
    sector: str


class MetonymPlace(NamedTuple):
    place: str
    metonym: Metonym


@dataclass(frozen=True, slots=True)
class CountryEntry:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    metonyms: tuple[MetonymPlace, ...]


@dataclass(frozen=True, slots=True)
class AgentPattern:
    """A sector noun: ``pattern`` is the lemma, ``forms`` every spelling that matches it."""

    pattern: str
    forms: tuple[str, ...]
    sector: str
    sector2: str | None
    note: str

    @property
    def modifier(self) -> bool:
        """A prefix such as "former _" that changes the sector of the noun after it."""
        return "_" in self.pattern


@dataclass(frozen=True, slots=True)
class Code:
    code: str
    kind: str  # sector | country
    description: str


@dataclass(frozen=True, slots=True)
class _Row:
    where: str
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values.get(column, "")

    def fail(self, reason: str) -> ConfigError:
        return ConfigError(f"{self.where}: {reason}")


def _bound(date: str, *, upper: bool) -> str:
    parts = date.split("-")
    fill = ["12", "31"] if upper else ["01", "01"]
    return "-".join(parts + fill[len(parts) - 1:])


def _split(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in value.split("|") if p.strip())


@dataclass(frozen=True, slots=True)
class KBData:
    """Everything the files hold, checked, before indexing."""

    entries: tuple[KBEntry, ...]
    countries: tuple[CountryEntry, ...]
    agents: tuple[AgentPattern, ...]
    codes: tuple[Code, ...]


def _table(where: str, text: str, columns: tuple[str, ...], required: int) -> list[_Row]:
    rows: list[_Row] = []
    header: list[str] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        fields = [f.strip() for f in line.split("\t")]
        if header is None:
            if len(fields) < required or tuple(fields) != columns[:len(fields)]:
                raise ConfigError(f"{where}:{number}: header must be the tab-separated "
                                  f"columns {' '.join(columns[:required])} (optionally more "
                                  f"of {' '.join(columns[required:])}), got {line!r}")
            header = fields
            continue
        if not required <= len(fields) <= len(header):
            raise ConfigError(f"{where}:{number}: expected {required} to {len(header)} "
                              f"tab-separated fields, found {len(fields)}")
        rows.append(_Row(f"{where}:{number}", dict(zip(header, fields, strict=False))))
    if header is None:
        raise ConfigError(f"{where}: no header line")
    return rows


@dataclass(frozen=True, slots=True)
class _Checker:
    """Checks codes and dates in rows against codes.tsv and countries.tsv."""

    sectors: frozenset[str]
    countries: frozenset[str]
    # User files may bring country codes of their own (a private or fictional state).
    open_countries: bool = False

    def sector(self, row: _Row, column: str, *, required: bool = False) -> str | None:
        value = row[column]
        if not value and not required:
            return None
        if value not in self.sectors:
            raise row.fail(f"{column} {value!r} is not a sector code of codes.tsv")
        return value

    def country(self, row: _Row) -> str:
        if self.open_countries and _ISO3.fullmatch(row["country"]):
            return row["country"]
        if row["country"] not in self.countries:
            raise row.fail(f"country {row['country']!r} is neither in countries.tsv "
                           "nor a country code of codes.tsv")
        return row["country"]

    def org(self, row: _Row, kind: str) -> KBEntry:
        kb_id, name = row["kb_id"], row["name"]
        if ":" not in kb_id or not name:
            raise row.fail("kb_id must look like 'type:name' and name must not be empty")
        return KBEntry(kb_id, name, kind, self.country(row), self.sector(row, "sector"),
                       self.sector(row, "sector2"), None, *self.period(row),
                       _split(row["aliases"]))

    def period(self, row: _Row) -> tuple[str | None, str | None]:
        for column in ("from", "to"):
            if row[column] and not _DATE.fullmatch(row[column]):
                raise row.fail(f"{column} {row[column]!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        return row["from"] or None, row["to"] or None

    def role(self, row: _Row) -> RoleSpell:
        return RoleSpell(row["role"], self.country(row),
                         self.sector(row, "sector", required=True),
                         self.sector(row, "sector2"), *self.period(row))


def _people(rows: Sequence[_Row], check: _Checker) -> list[KBEntry]:
    """One entry per kb_id; each row of a person is one dated role."""
    grouped: dict[str, list[_Row]] = {}
    for row in rows:
        if not row["kb_id"].startswith("person:") or not row["name"]:
            raise row.fail("kb_id must start with 'person:' and name must not be empty")
        grouped.setdefault(row["kb_id"], []).append(row)
    people = []
    for kb_id, group in grouped.items():
        roles = tuple(check.role(row) for row in group)
        latest = max(roles, key=lambda r: (r.end is None, _bound(r.start or "0000",
                                                                 upper=False)))
        aliases = tuple(dict.fromkeys(a for row in group for a in _split(row["aliases"])))
        people.append(KBEntry(kb_id, group[0]["name"], "person", latest.country, latest.sector,
                              latest.sector2, latest.role, latest.start, latest.end, aliases,
                              roles))
    return people


def _country(row: _Row, check: _Checker) -> CountryEntry:
    iso3 = row["iso3"]
    if not _ISO3.fullmatch(iso3) or not row["name"]:
        raise row.fail(f"iso3 {iso3!r} must be three capital letters and name must be given")
    metonyms = []
    for item in _split(row["metonyms"]):
        place, _, sector = item.partition("=")
        sector = sector.strip() or "GOV"
        if sector not in check.sectors:
            raise row.fail(f"metonym {item!r}: {sector!r} is not a sector code of codes.tsv")
        metonyms.append(MetonymPlace(place.strip(), Metonym(iso3, sector)))
    return CountryEntry(iso3, row["name"], _split(row["aliases"]), _split(row["demonyms"]),
                        tuple(metonyms))


def _agent(row: _Row, check: _Checker) -> AgentPattern:
    forms = _split(row["pattern"])
    if not forms or any(f != f.lower() for f in forms):
        raise row.fail("pattern must list lower-case forms")
    return AgentPattern(forms[0], forms, str(check.sector(row, "sector", required=True)),
                        check.sector(row, "sector2"), row["note"])


def _shipped(name: str) -> tuple[str, str] | None:
    resource = resources.files("eventwire") / "data" / "actors" / name
    if not resource.is_file():
        return None
    return f"eventwire/data/actors/{name}", resource.read_text(encoding="utf-8")


def _must(name: str) -> tuple[str, str]:
    found = _shipped(name)
    if found is None:
        raise ConfigError(f"eventwire/data/actors/{name}: missing from the installed package")
    return found


def _user_entries(path: Path, check: _Checker) -> list[KBEntry]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read actor file: {err}") from err
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")), "")
    if "\trole\t" in first:
        return _people(_table(str(path), text, PEOPLE_COLUMNS, 8), check)
    rows = _table(str(path), text, ORG_COLUMNS, 5)
    return [check.org(r, _TYPE_OF_PREFIX.get(r["kb_id"].partition(":")[0], "organization"))
            for r in rows]


def _merge(base: list[KBEntry], extra: Iterable[KBEntry]) -> list[KBEntry]:
    """User entries replace shipped ones with the same kb_id, in place; new ones go first.

    First, because several entries may share a name and the resolver takes the first it is
    not told to skip: a name the user's file lists means what the file says ("Kuwait" coded
    KUW by a file beside the shipped KWT), as the file is meant to override the shipped KB.
    """
    position = {e.kb_id: i for i, e in enumerate(base)}
    merged = list(base)
    added: dict[str, KBEntry] = {}
    for entry in extra:
        if entry.kb_id in position:
            merged[position[entry.kb_id]] = entry
        else:
            added[entry.kb_id] = entry
    return [*added.values(), *merged]


def _country_entries(countries: Sequence[CountryEntry]) -> list[KBEntry]:
    return [KBEntry(f"country:{c.iso3}", c.name, "country", c.iso3, None, None, None, None,
                    None, c.aliases) for c in countries]


def read_kb(extra_files: Sequence[Path] = ()) -> KBData:
    """Read the shipped files, then ``extra_files`` over them (same kb_id: replaced)."""
    codes = [Code(r["code"], r["kind"], r["description"])
             for r in _table(*_must("codes.tsv"), CODE_COLUMNS, 3)]
    sectors = frozenset(c.code for c in codes if c.kind == "sector")
    check = _Checker(sectors, frozenset())
    countries = [_country(r, check) for r in _table(*_must("countries.tsv"), COUNTRY_COLUMNS, 2)]
    check = _Checker(sectors, frozenset([c.iso3 for c in countries] +
                                        [c.code for c in codes if c.kind == "country"]))
    entries = _country_entries(countries)
    seen: dict[str, str] = {}
    for name, kind in ORG_FILES:
        rows = _unique(_table(*_must(name), ORG_COLUMNS, 5), seen)
        entries += [check.org(row, kind) for row in rows]
    people = _shipped("people.tsv")
    if people is not None:
        entries += _people(_unique(_table(*people, PEOPLE_COLUMNS, 8), seen), check)
    agents = [_agent(r, check) for r in _table(*_must("agents.tsv"), AGENT_COLUMNS, 2)]
    user_check = replace(check, open_countries=True)
    for path in extra_files:
        entries = _merge(entries, _user_entries(path, user_check))
    return KBData(tuple(entries), tuple(countries), tuple(agents), tuple(codes))


def _unique(rows: list[_Row], seen: dict[str, str]) -> list[_Row]:
    """Rows whose kb_id no earlier file defined (a person's rows share one within a file)."""
    before = dict(seen)
    for row in rows:
        kb_id = row["kb_id"]
        if kb_id in before or (kb_id in seen and not kb_id.startswith("person:")):
            raise row.fail(f"kb_id {kb_id!r} is already defined at "
                           f"{before.get(kb_id, seen.get(kb_id))}")
        seen.setdefault(kb_id, row.where)
    return rows
