"""PETRARCH2 unit-test records (``PETR.UnitTest.records.xml``) scored as CAMEO triples.

Scoring rules:

* Each expected ``EventCoding`` is a triple (source, target, CAMEO code). Actors compare
  on their primary three-letter code (the country, or a fictional state such as ARN);
  ours is the first three letters of the actor's ``code``, else its ``country``. A quoted
  gold code (``'"INJURY TOLL"'``) is an actor PETRARCH could not code and compares as None.
* ``triple_root_*`` compare the two-digit CAMEO root, ``triple_full_*`` the full code.
  Our triples come from every non-negated event with a ``cameo`` code.
* ``no_event_accuracy``: share of ``noevents`` records where we code no CAMEO event.
* ``error`` records (tests of the coder's error handling) are not scored.
* The ``PETR.Validate.*`` actor and agent dictionaries are converted
  (:mod:`.petrarch_dicts`) and given to the pipeline as an extra actor file for this set
  only. The verb dictionary is not used: no setting takes verb patterns yet.
"""

from __future__ import annotations

import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..kb import load_kb
from ..model import Article
from . import records as rv
from .coding import Coder
from .metrics import Counts, ratio, set_counts
from .petrarch_dicts import (
    ExtraActor,
    parse_actor_dictionary,
    parse_agent_dictionary,
    write_actor_tsv,
)
from .report import Miss, SetReport, empty_output_notes

__all__ = ["ExtraActor", "PetrCoding", "PetrRecord", "read_records", "run", "score"]

NAME = "petrarch"
RECORDS_FILE = "PETR.UnitTest.records.xml"
ACTORS_FILE = "PETR.Validate.actors.txt"
AGENTS_FILE = "PETR.Validate.agents.txt"

Triple = tuple[str | None, str | None, str]


@dataclass(frozen=True, slots=True)
class PetrCoding:
    source: str | None
    target: str | None
    event: str


@dataclass(frozen=True, slots=True)
class PetrRecord:
    id: str
    date: str | None
    text: str
    codings: tuple[PetrCoding, ...]
    no_events: bool


def records_file(path: Path) -> Path:
    return path / RECORDS_FILE if path.is_dir() else path


def read_records(path: Path) -> tuple[list[PetrRecord], int]:
    """Scorable records and the number of ``error`` records left out."""
    path = records_file(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as err:
        raise InputError(str(path), f"cannot read PETRARCH records: {err}") from None
    out, errors = [], 0
    for sentence in root.iter("Sentence"):
        codings = sentence.findall("EventCoding")
        if any("error" in c.attrib for c in codings):
            errors += 1
            continue
        out.append(PetrRecord(
            id=sentence.get("id", ""), date=_date(sentence.get("date")),
            text=" ".join((sentence.findtext("Text") or "").split()),
            codings=tuple(PetrCoding(_actor(c.get("sourcecode")), _actor(c.get("targetcode")),
                                     c.get("eventcode", "")) for c in codings
                          if c.get("eventcode")),
            no_events=any(c.get("noevents", "").lower() == "true" for c in codings),
        ))
    return out, errors


def _date(value: str | None) -> str | None:
    if value and len(value) == 8 and value.isdigit():
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return None


def _actor(code: str | None) -> str | None:
    if not code or code.startswith('"'):
        return None
    return code[:3].upper()


def gold_triples(record: PetrRecord, root: bool) -> set[Triple]:
    return {(c.source, c.target, c.event[:2] if root else c.event) for c in record.codings}


def our_triples(record: rv.Record | None, root: bool) -> set[Triple]:
    out: set[Triple] = set()
    for event in rv.events(record):
        cameo = event.get("cameo")
        if not cameo:
            continue
        code = str(cameo)[:2] if root else str(cameo)
        sources = [_our_code(a) for a in rv.role_actors(record, event, "source")] or [None]
        targets = [_our_code(a) for a in rv.role_actors(record, event, "target")] or [None]
        out.update((s, t, code) for s in sources for t in targets)
    return out


def _our_code(actor: Mapping[str, object]) -> str | None:
    code = actor.get("code") or actor.get("country")
    return str(code)[:3].upper() if code else None


def _show(triples: set[Triple]) -> str:
    return "; ".join(" ".join(x or "-" for x in t) for t in sorted(triples, key=str)) or "-"


def score(gold: Sequence[PetrRecord], records: Sequence[rv.Record | None]) -> SetReport:
    root, full, misses = Counts(), Counts(), []
    no_event_right = no_event_total = 0
    for g, record in zip(gold, records, strict=True):
        root += set_counts(gold_triples(g, True), our_triples(record, True))
        full += set_counts(gold_triples(g, False), our_triples(record, False))
        if g.no_events:
            no_event_total += 1
            no_event_right += not our_triples(record, False)
        if gold_triples(g, False) != our_triples(record, False):
            misses.append(Miss(g.id, _show(gold_triples(g, False)),
                               _show(our_triples(record, False)), g.text))
    report = SetReport(NAME, n=len(gold), misses=misses, metrics={
        **root.named("triple_root"), **full.named("triple_full"),
        "no_event_accuracy": ratio(no_event_right, no_event_total),
    })
    report.notes = empty_output_notes(records, {
        "events": ["triple_root_*", "triple_full_*"], "actors": ["triple_root_*", "triple_full_*"],
    })
    return report


def dictionary_actors(folder: Path) -> list[ExtraActor]:
    """Actors and agents of the PETR validation dictionaries in ``folder``."""
    out: list[ExtraActor] = []
    for name, parse in ((ACTORS_FILE, parse_actor_dictionary), (AGENTS_FILE,
                                                                parse_agent_dictionary)):
        path = folder / name
        try:
            out.extend(parse(path.read_text(encoding="utf-8")))
        except OSError as err:
            raise InputError(str(path), f"cannot read PETR dictionary: {err}") from None
    return out


def run(path: Path, coder: Coder, limit: int | None) -> SetReport:
    gold, errors = read_records(path)
    gold = gold[:limit]
    articles = [Article(text=g.text, input_name=g.id, published=g.date) for g in gold]
    actors = dictionary_actors(records_file(path).parent)
    with tempfile.TemporaryDirectory(prefix="eventwire-petr-") as tmp:
        kb = write_actor_tsv(actors, Path(tmp) / "petr_actors.tsv",
                             known_sectors=load_kb().sectors)
        report = score(gold, coder.with_actor_files([kb])(articles))
    report.notes.append(f"{errors} error-handling records are not scored; "
                        f"{len(actors)} dictionary actors/agents given as an extra actor file; "
                        "the PETR verb dictionary is not used (no setting takes verb patterns)")
    return report
