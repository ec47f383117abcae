"""Check ``src/eventwire/data/actors/people.tsv``: format, dates, codes and aliases.

Run ``python scripts/check_people.py [FILE]``; it prints one line per problem and a
summary, and exits 1 when there are problems. ``tests/unit/test_people_kb.py`` imports the
functions below and runs the same checks.

The loader (``eventwire.kb``) checks what it must to load the file; this script checks what
makes the data trustworthy: real calendar dates, ``from`` not after ``to``, ISO 3166-1
country codes, one name per ``kb_id``, and no alias shared by two people unless it is the
full name of both.
"""

from __future__ import annotations

import calendar
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pycountry

HEADER = ("kb_id", "name", "country", "sector", "role", "from", "to", "aliases")
# Codes that are not ISO 3166-1 alpha-3 but are valid here (see actors/codes.tsv).
EXTRA_COUNTRIES = frozenset({"XKX", "PSE", "UNO", "EUR", "IGO", "IMG"})
# Beyond the office sectors: CRM for cartel and gang bosses, REL for clerics and PRE for
# leaders of breakaway states, as groups.tsv and regions.tsv code their bodies.
SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "REB", "ELI", "OPP", "PTY", "SPY",
                     "CRM", "REL", "PRE"})
DEFAULT_FILE = (Path(__file__).resolve().parents[1]
                / "src" / "eventwire" / "data" / "actors" / "people.tsv")

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_KB_ID = re.compile(r"person:[a-z0-9]+(?:_[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class PersonRow:
    """One (person, role) row of people.tsv."""

    line: int
    kb_id: str
    name: str
    country: str
    sector: str
    role: str
    start: str
    end: str
    aliases: tuple[str, ...]

    def holds_on(self, day: date) -> bool:
        """True when the role covers ``day`` (partial dates widen to the whole month/year)."""
        if self.start and day < date_bound(self.start, upper=False):
            return False
        return not self.end or day <= date_bound(self.end, upper=True)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the file, tied to a line (0: the file as a whole)."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class Summary:
    rows: int
    people: int
    countries: int


def date_bound(value: str, *, upper: bool) -> date:
    """The first (or, with ``upper``, the last) day a YYYY[-MM[-DD]] value can mean.

    Raises ValueError for a value that is not such a date.
    """
    match = _DATE.fullmatch(value)
    if match is None:
        raise ValueError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year = int(match.group(1))
    try:
        if match.group(2) is None:
            return date(year, 12, 31) if upper else date(year, 1, 1)
        month = int(match.group(2))
        if match.group(3) is None:
            return date(year, month, calendar.monthrange(year, month)[1] if upper else 1)
        return date(year, month, int(match.group(3)))
    except (ValueError, calendar.IllegalMonthError) as err:
        raise ValueError(f"{value!r}: {err}") from None


def parse(text: str) -> tuple[list[PersonRow], list[Problem]]:
    """Rows of a people file, and the problems of shape (header, column count)."""
    rows: list[PersonRow] = []
    problems: list[Problem] = []
    header_seen = False
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        if not header_seen:
            header_seen = True
            if tuple(fields) != HEADER:
                problems.append(Problem(number, f"header must be {' '.join(HEADER)}"))
            continue
        if len(fields) != len(HEADER):
            problems.append(Problem(number, f"{len(fields)} columns, expected {len(HEADER)}"))
            continue
        kb_id, name, country, sector, role, start, end, aliases = fields
        rows.append(PersonRow(number, kb_id, name, country, sector, role, start, end,
                              tuple(a for a in aliases.split("|") if a)))
    if not header_seen:
        problems.append(Problem(0, "no header line"))
    return rows, problems


def valid_countries() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries) | EXTRA_COUNTRIES


def check_row(row: PersonRow, countries: frozenset[str]) -> list[Problem]:
    """Problems confined to one row: id, name, codes, dates."""
    found: list[Problem] = []
    if not _KB_ID.fullmatch(row.kb_id):
        found.append(Problem(row.line, f"kb_id {row.kb_id!r} is not person:lower_case_ascii"))
    if not row.name or not row.role:
        found.append(Problem(row.line, "name and role must not be empty"))
    if row.country not in countries:
        found.append(Problem(row.line, f"country {row.country!r} is not ISO 3166-1 alpha-3"))
    if row.sector not in SECTORS:
        found.append(Problem(row.line, f"sector {row.sector!r} is not one of "
                                       f"{' '.join(sorted(SECTORS))}"))
    if not row.aliases:
        found.append(Problem(row.line, "no aliases"))
    found.extend(_check_dates(row))
    return found


def _check_dates(row: PersonRow) -> list[Problem]:
    bounds: dict[str, date] = {}
    found: list[Problem] = []
    for column, value, upper in (("from", row.start, False), ("to", row.end, True)):
        if not value:
            continue
        try:
            bounds[column] = date_bound(value, upper=upper)
        except ValueError as err:
            found.append(Problem(row.line, f"{column}: {err}"))
    if not row.start:
        found.append(Problem(row.line, "from is empty"))
    if "from" in bounds and "to" in bounds and bounds["from"] > bounds["to"]:
        found.append(Problem(row.line, f"from {row.start} is after to {row.end}"))
    return found


def check_people(rows: list[PersonRow]) -> list[Problem]:
    """Problems across rows: one name per kb_id, duplicate roles, shared aliases."""
    found: list[Problem] = []
    names: dict[str, str] = {}
    seen_roles: set[tuple[str, str, str]] = set()
    owners: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if names.setdefault(row.kb_id, row.name) != row.name:
            found.append(Problem(row.line, f"{row.kb_id} is named {names[row.kb_id]!r} "
                                           f"elsewhere, {row.name!r} here"))
        key = (row.kb_id, row.role, row.start)
        if key in seen_roles:
            found.append(Problem(row.line, f"duplicate role {row.role!r} from {row.start}"))
        seen_roles.add(key)
        for alias in row.aliases:
            owners[alias.casefold()].add(row.kb_id)
    for alias, kb_ids in sorted(owners.items()):
        if len(kb_ids) > 1 and any(names[k].casefold() != alias for k in kb_ids):
            found.append(Problem(0, f"alias {alias!r} is shared by {', '.join(sorted(kb_ids))}"))
    return found


def check_text(text: str) -> list[Problem]:
    """Every problem of a people file's text."""
    rows, found = parse(text)
    countries = valid_countries()
    for row in rows:
        found.extend(check_row(row, countries))
    found.extend(check_people(rows))
    return found


def load(path: Path) -> list[PersonRow]:
    return parse(path.read_text(encoding="utf-8"))[0]


def summarize(rows: list[PersonRow]) -> Summary:
    return Summary(len(rows), len({r.kb_id for r in rows}), len({r.country for r in rows}))


def roles_on(rows: list[PersonRow], alias: str, day: date) -> list[PersonRow]:
    """The rows of people called ``alias`` (any case) whose role covers ``day``."""
    wanted = alias.casefold()
    return [r for r in rows
            if r.holds_on(day) and any(a.casefold() == wanted for a in r.aliases)]


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_FILE
    text = path.read_text(encoding="utf-8")
    problems = check_text(text)
    for problem in problems:
        print(problem)
    summary = summarize(parse(text)[0])
    print(f"{path}: {summary.rows} rows, {summary.people} people, "
          f"{summary.countries} countries, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
