"""PETRARCH2 unit-test records (``PETR.UnitTest.records.xml``) scored as CAMEO triples.

Scoring rules:

* Each expected ``EventCoding`` is a triple (source, target, CAMEO code). Actors compare
  on their primary three-letter code (the country, or a fictional state such as ARN);
  ours is the first three letters of the actor's ``code``, else its ``country``. A quoted
  gold code (``'"INJURY TOLL"'``) is an actor PETRARCH could not code, and ``---`` is
  PETRARCH's null actor: both compare as None (our event has no actor in that role).
* ``root_code_accuracy`` -- the issue's headline metric: of the expected codings whose code
  is a CAMEO code (root 01-20), the share whose (source, target, two-digit root) is among
  our triples. Both actors must match: a right code with the roles swapped or an actor
  missing counts as a miss. The PETR dictionary also uses test-only codes outside CAMEO
  (``903``, ``345``, WEIS-era ``223``); a CAMEO coder cannot emit them, so they are left out
  of this share and counted in the notes -- ``triple_root_recall`` keeps them in.
* ``triple_root_*`` compare the two-digit CAMEO root, ``triple_full_*`` the full code, as
  precision/recall/F1 over the set of triples of each record.
  Our triples come from every non-negated event with a ``cameo`` code.
* ``no_event_accuracy``: share of ``noevents`` records where we code no CAMEO event.
* ``error`` records (tests of the coder's error handling) are not scored.
* The ``PETR.Validate.*`` actor and agent dictionaries are converted
  (:mod:`.petrarch_dicts`) and given to the pipeline as an extra actor file, and the verb
  dictionary (:mod:`.petrarch_verbs`) as an extra patterns file that replaces the shipped
  rows of the verbs it codes -- for this set only.
"""

from __future__ import annotations

import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..events_kb import load_event_kb
from ..extract.speech import load_cues
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
from .petrarch_verbs import (
    VerbConversion,
    convert_verb_dictionary,
    spacy_verb_lemmas,
    write_patterns_tsv,
)
from .report import Miss, SetReport, empty_output_notes

__all__ = ["ExtraActor", "PetrCoding", "PetrRecord", "read_records", "run", "score"]

NAME = "petrarch"
RECORDS_FILE = "PETR.UnitTest.records.xml"
ACTORS_FILE = "PETR.Validate.actors.txt"
AGENTS_FILE = "PETR.Validate.agents.txt"
VERBS_FILE = "PETR.Validate.verbs.txt"

NULL_ACTOR = "---"

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
    if not code or code.startswith('"') or code.strip() == NULL_ACTOR:
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


def score(gold: Sequence[PetrRecord], records: Sequence[rv.Record | None],
          cameo_roots: frozenset[str] | None = None) -> SetReport:
    """``cameo_roots``: the two-digit CAMEO roots (default: those of ``cameo.tsv``)."""
    roots = cameo_roots if cameo_roots is not None else frozenset(
        code for code in load_event_kb().codes if len(code) == 2)
    root, full, misses = Counts(), Counts(), []
    no_event_right = no_event_total = codable = codable_hit = 0
    for g, record in zip(gold, records, strict=True):
        ours_root = our_triples(record, True)
        root += set_counts(gold_triples(g, True), ours_root)
        full += set_counts(gold_triples(g, False), our_triples(record, False))
        expected = [t for t in gold_triples(g, True) if t[2] in roots]
        codable += len(expected)
        codable_hit += sum(t in ours_root for t in expected)
        if g.no_events:
            no_event_total += 1
            no_event_right += not our_triples(record, False)
        if gold_triples(g, False) != our_triples(record, False):
            misses.append(Miss(g.id, _show(gold_triples(g, False)),
                               _show(our_triples(record, False)), g.text))
    report = SetReport(NAME, n=len(gold), misses=misses, metrics={
        "root_code_accuracy": ratio(codable_hit, codable),
        **root.named("triple_root"), **full.named("triple_full"),
        "no_event_accuracy": ratio(no_event_right, no_event_total),
    })
    report.notes = empty_output_notes(records, {
        "events": ["root_code_accuracy", "triple_root_*", "triple_full_*"],
        "actors": ["root_code_accuracy", "triple_root_*", "triple_full_*"],
    })
    left_out = sum(len(gold_triples(g, True)) for g in gold) - codable
    report.notes.append(f"root_code_accuracy: {codable_hit} of {codable} expected codings "
                        f"with a CAMEO code; {left_out} with a code outside CAMEO left out")
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


def dictionary_verbs(folder: Path, model: str) -> VerbConversion:
    """The PETR validation verb dictionary in ``folder`` as patterns.tsv rows."""
    path = folder / VERBS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(str(path), f"cannot read PETR dictionary: {err}") from None
    kb, cues = load_event_kb(), load_cues()

    def reporting(lemma: str) -> bool:
        """A speech verb the shipped patterns give no event of its own ("say", "report")."""
        return cues.is_speech(lemma) and not any(
            kb.plover(p.cameo) is not None and not (p.particles or p.objects or p.preps)
            for p in kb.patterns_for(lemma, "verb"))

    return convert_verb_dictionary(text, kb.codes, spacy_verb_lemmas(model), reporting)


def run(path: Path, coder: Coder, limit: int | None) -> SetReport:
    gold, errors = read_records(path)
    gold = gold[:limit]
    articles = [Article(text=g.text, input_name=g.id, published=g.date) for g in gold]
    folder = records_file(path).parent
    actors = dictionary_actors(folder)
    verbs = dictionary_verbs(folder, coder.settings.model)
    with tempfile.TemporaryDirectory(prefix="eventwire-petr-") as tmp:
        kb = write_actor_tsv(actors, Path(tmp) / "petr_actors.tsv",
                             known_sectors=load_kb().sectors)
        patterns = write_patterns_tsv(verbs.rows, Path(tmp) / "petr_patterns.tsv")
        report = score(gold, coder.with_actor_files([kb]).with_event_files([patterns])(articles))
    report.notes.append(f"{errors} error-handling records are not scored; "
                        f"{len(actors)} dictionary actors/agents given as an extra actor file")
    report.notes.append(f"PETR verb dictionary given as an extra patterns file: "
                        f"{verbs.summary()}")
    return report
