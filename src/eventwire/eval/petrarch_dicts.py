"""Convert PETRARCH actor and agent dictionaries into actor-KB rows.

The PETR validation dictionaries (``PETR.Validate.actors.txt`` / ``.agents.txt``) name the
fictional actors the PETRARCH unit tests need. They are converted to
:class:`ExtraActor` records and written as an actor-KB TSV, which the pipeline reads
through ``Settings(actor_files=...)`` -- only for the ``petrarch`` set.

Actor dictionary: ``NAME [CODE]`` lines, ``+ALIAS`` lines, indented ``[CODE <date]`` /
``[CODE >date]`` / ``[CODE date-date]`` lines for date-restricted codes, ``#`` and
``<!-- -->`` comments. Agent dictionary: ``NAME {PLURALS} [~SECTOR]`` (``{}``: no plural)
and ``!MACRO! = A, B`` substitutions. A code is a country (the first three letters;
fictional codes such as ARN or GON are kept as they are) followed by three-letter parts,
the first of which that is a known sector (``data/eval/cameo_sectors.tsv``) is the sector.
``---`` and ``+++`` mark actors PETRARCH deliberately leaves uncoded; they are dropped.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .tables import cameo_sectors

ORG_COLUMNS = ("kb_id", "name", "country", "sector", "aliases", "sector2", "from", "to")

_COMMENT_BLOCK = re.compile(r"<!.*?-->", re.DOTALL)
_CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
_DATED = re.compile(
    r"^\s*(?P<code>[^\s<>\d][^\s<>]*)?\s*"
    r"(?:(?P<op>[<>])\s*(?P<date>\d{6,8})|(?P<start>\d{6,8})\s*-\s*(?P<end>\d{6,8}))?\s*$"
)
_AGENT = re.compile(r"^(?P<name>[^\[{]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]]*)\]")
_MACRO = re.compile(r"^(?P<name>![A-Z]+!)\s*=\s*(?P<values>.+)$")


@dataclass(frozen=True, slots=True)
class ExtraActor:
    """One actor (or agent) row for the actor knowledge base."""

    name: str
    aliases: tuple[str, ...]
    country_code: str | None
    sector: str | None
    valid_from: str | None = None
    valid_to: str | None = None
    kind: str = "country"


@dataclass(slots=True)
class _Entry:
    name: str
    aliases: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


def parse_actor_dictionary(text: str) -> list[ExtraActor]:
    """Every coded entry of a PETR actor dictionary, one record per code period."""
    entries: list[_Entry] = []
    for raw in _COMMENT_BLOCK.sub("", text).splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if line[0].isspace():
            if entries:
                entries[-1].codes.extend(_CODE_BLOCK.findall(line))
        elif line.startswith("+"):
            if entries:
                entries[-1].aliases.append(line[1:].split("[", 1)[0].strip())
        else:
            entries.append(_Entry(line.split("[", 1)[0].strip(), [], _CODE_BLOCK.findall(line)))
    return [actor for entry in entries for actor in _entry_actors(entry)]


def _entry_actors(entry: _Entry) -> list[ExtraActor]:
    names = _name_forms([entry.name, *entry.aliases])
    out = []
    for block in entry.codes:
        m = _DATED.match(block)
        if not m or not m["code"]:
            continue
        country, sector = split_code(m["code"])
        if country is None and sector is None:
            continue
        start = _date(m["date"]) if m["op"] == ">" else _date(m["start"])
        end = _date(m["date"]) if m["op"] == "<" else _date(m["end"])
        out.append(ExtraActor(names[0], tuple(names[1:]), country, sector, start, end,
                              _kind(country, len(m["code"].split("/")[0]) > 3)))
    return out


def parse_agent_dictionary(text: str) -> list[ExtraActor]:
    """Agents (role words such as PRESIDENT) as sector-only records, plurals as aliases."""
    macros: dict[str, list[str]] = {}
    out = []
    for raw in _COMMENT_BLOCK.sub("", text).splitlines():
        line = raw.split("#", 1)[0].strip()
        if macro := _MACRO.match(line):
            macros[macro["name"]] = [v.strip() for v in macro["values"].split(",") if v.strip()]
            continue
        m = _AGENT.match(line)
        if not m:
            continue
        country, sector = split_code(m["code"])
        if country is None and sector is None:
            continue
        forms = _expand(m["name"].strip(), macros)
        if m["plural"] is not None:
            plurals = m["plural"].split()
        else:  # a macro lists its plural forms itself
            plurals = [] if len(forms) > 1 else [_plural(f) for f in forms]
        names = _name_forms([*forms, *plurals], lower=True)
        out.append(ExtraActor(names[0], tuple(names[1:]), country, sector,
                              kind=_kind(country, qualified=True)))
    return out


def split_code(code: str) -> tuple[str | None, str | None]:
    """(country, sector) of a PETR code: ``PSEREBHMS`` → (PSE, REB), ``~GOV`` → (None, GOV)."""
    code = code.split("/", maxsplit=1)[0].strip().upper()
    if code.startswith("~"):
        return None, _first_sector(code[1:])
    if code.endswith("~"):
        return code[:-1][:3] or None, None
    if not code or set(code) <= {"-", "+"}:
        return None, None
    return code[:3], _first_sector(code[3:])


def _first_sector(rest: str) -> str | None:
    chunks = (rest[i:i + 3] for i in range(0, len(rest) - 2, 3))
    return next((c for c in chunks if c in cameo_sectors()), None)


def _kind(country: str | None, qualified: bool) -> str:
    """KB type: a bare three-letter code names a state (fictional ones included)."""
    if country == "IGO":
        return "igo"
    if country in ("NGO", "NGM"):
        return "ngo"
    return "group" if qualified else "country"


def _date(value: str | None) -> str | None:
    if not value:
        return None
    if len(value) == 6:  # TABARI-era YYMMDD; these dictionaries predate 2030
        year = int(value[:2])
        value = f"{2000 + year if year < 30 else 1900 + year}{value[2:]}"
    return f"{value[:4]}-{value[4:6]}-{value[6:8]}"


def _expand(name: str, macros: dict[str, list[str]]) -> list[str]:
    forms = [name]
    for macro, values in macros.items():
        forms = [f.replace(macro, v) for f in forms for v in values] if any(
            macro in f for f in forms) else forms
    return forms


def _plural(name: str) -> str:
    """English plural of the head noun: the last word, or the word before ``_OF_``."""
    if "_OF_" in name:
        before, _, after = name.partition("_OF_")
        return f"{_plural(before)}_OF_{after}"
    head, _, last = name.rpartition("_")
    if last.endswith(("S", "SH", "CH", "X", "Z")):
        last += "ES"
    elif last.endswith("Y") and len(last) > 1 and last[-2] not in "AEIOU":
        last = last[:-1] + "IES"
    else:
        last += "S"
    return f"{head}_{last}" if head else last


def _name_forms(raw_names: Iterable[str], lower: bool = False) -> list[str]:
    """Readable name first, then every other spelling (dictionary case, lower case)."""
    forms: list[str] = []
    for raw in raw_names:
        plain = " ".join(raw.replace("_", " ").split())
        if not plain:
            continue
        variants = [_title(plain), plain] + ([plain.lower()] if lower else [])
        forms.extend(v for v in variants if v not in forms)
    return forms


def _title(text: str) -> str:
    def word(w: str) -> str:
        return "-".join(p if len(p) < 2 or "." in p else p[0].upper() + p[1:].lower()
                        for p in w.split("-"))
    return " ".join(word(w) for w in text.split(" "))


def write_actor_tsv(actors: Sequence[ExtraActor], path: Path, prefix: str = "petr",
                    known_sectors: frozenset[str] | None = None) -> Path:
    """Write ``actors`` as a user actor file in the KB's organisation format.

    Rows need a country code (fictional ones are fine); dictionary agents without one are
    left to the shipped sector vocabulary, and sectors outside ``known_sectors`` are
    dropped. A dictionary's date ranges become the ``from``/``to`` columns.
    """
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, delimiter="\t", lineterminator="\n")
        out.writerow(ORG_COLUMNS)
        for i, a in enumerate(actors, start=1):
            if not a.country_code or not re.fullmatch(r"[A-Z]{3}", a.country_code):
                continue  # the output schema takes three capital letters, so "G77" cannot be
            kind = "group" if a.kind == "group" else "org"
            sector = a.sector if known_sectors is None or a.sector in known_sectors else None
            out.writerow([f"{kind}:{prefix}_{i}", a.name, a.country_code, sector or "",
                          "|".join(a.aliases), "", a.valid_from or "", a.valid_to or ""])
    return path
