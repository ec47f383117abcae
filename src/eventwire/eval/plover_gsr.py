"""PLOVER gold standard records (``PLOVER_GSR_CAMEO.json``): event types, triples, actors.

Scoring rules:

* The 2016 category names are mapped to current types with ``data/eval/plover_2016_names.tsv``;
  the DOCUMENT record (file documentation) is skipped.
* ``event_type_accuracy``: share of records whose gold type equals the type of our
  highest-confidence non-negated event (a record where we code none counts as wrong).
  ``event_type_macro_f1`` treats the same labels as a single-label classification.
* Triples are (source country, type, target country) with None for a missing target,
  one per source × target actor, compared as sets per record and summed (micro P/R/F1).
  Ours come from every non-negated event. When the record's markup says ``SRC/TAR``
  (a reciprocal actor pair) the gold triples are the unordered pairs of its actors, and
  both gold and our triples of that record are put in one order, so direction does not count.
  The GSR writes a reciprocal pair as several sources and no target; an event of ours with
  that same shape ("Arnor and Gondor agreed": sources Arnor and Gondor, no target) is
  read the same way, as the pairs of its sources.
* Actor accuracy: a gold source/target actor is found in the text (exact, then ignoring
  case and spacing); it is right when one of our actors with a mention overlapping it has
  the gold country (``actor_country_accuracy``) or sector (``actor_sector_accuracy``;
  gold sectors such as ``REFKUR`` compare on their first three letters). A gold actor we
  cannot find in the text counts as wrong and is noted.
* Country codes: the GSR writes ``IGO`` for the UN system and the EU, where eventwire's
  knowledge base (following NGEC) says ``UNO`` and ``EUR``; ours are compared as ``IGO``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article
from . import records as rv
from .coding import Coder
from .metrics import Counts, accuracy, macro_f1, ratio, set_counts
from .report import Metrics, Miss, SetReport, empty_output_notes
from .tables import plover_2016_names, plover_types

NAME = "plover-gsr"
DEFAULT_FILE = "PLOVER_GSR_CAMEO.json"

Triple = tuple[str | None, str, str | None]


@dataclass(frozen=True, slots=True)
class GoldActor:
    text: str
    country: str | None
    sector: str | None


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    type: str
    mode: str | None
    reciprocal: bool
    sources: tuple[GoldActor, ...]
    targets: tuple[GoldActor, ...]


def gold_file(path: Path) -> Path:
    return path / DEFAULT_FILE if path.is_dir() else path


def read_gold(path: Path) -> list[GoldRecord]:
    """The scorable records of a PLOVER GSR file, 2016 names mapped to current types."""
    path = gold_file(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise InputError(str(path), f"cannot read PLOVER gold records: {err}") from None
    if not isinstance(data, list):
        raise InputError(str(path), "expected a JSON list of PLOVER records")
    return [rec for item in data if (rec := _gold_record(item, str(path))) is not None]


def _gold_record(item: Mapping[str, Any], where: str) -> GoldRecord | None:
    event = item.get("event")
    if event == "DOCUMENT" or "text" not in item:
        return None
    renamed = plover_2016_names().get(str(event))
    ptype = renamed.type if renamed else str(event)
    if ptype not in plover_types():
        raise InputError(where, f"record {item.get('id')}: unknown event type {event!r}")
    mode = (renamed.mode if renamed else None) or item.get("mode") or None
    markup = str(item.get("textInfo", {}).get("markup", ""))
    return GoldRecord(
        id=str(item.get("id")), text=str(item["text"]), type=ptype, mode=mode,
        reciprocal="SRC/TAR" in markup,
        sources=_gold_actors(item.get("source")), targets=_gold_actors(item.get("target")),
    )


def _gold_actors(value: Any) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):  # the file uses null, "" or a missing key for "none"
        return ()
    return tuple(GoldActor(str(a.get("actorText", "")), a.get("code") or None,
                           (a.get("sector") or "")[:3].upper() or None)
                 for a in value if isinstance(a, Mapping))


def articles(gold: Sequence[GoldRecord]) -> list[Article]:
    return [Article(text=g.text, input_name=g.id) for g in gold]


def gold_triples(g: GoldRecord) -> set[Triple]:
    if g.reciprocal:
        actors = [a.country for a in (*g.sources, *g.targets)]
        if len(actors) < 2:
            return {_ordered((actors[0] if actors else None, g.type, None))}
        return {_ordered((a, g.type, b)) for i, a in enumerate(actors) for b in actors[i + 1:]}
    targets = [a.country for a in g.targets] or [None]
    return {(s.country, g.type, t) for s in g.sources for t in targets}


_AS_GSR = {"UNO": "IGO", "EUR": "IGO"}


def gsr_country(code: str | None) -> str | None:
    """Our country code as the GSR writes it (the UN system and the EU are ``IGO`` there)."""
    return _AS_GSR.get(code, code) if code else code


def our_triples(record: rv.Record | None, reciprocal: bool) -> set[Triple]:
    out: set[Triple] = set()
    for event in rv.events(record):
        sources = [gsr_country(a.get("country"))
                   for a in rv.role_actors(record, event, "source")] or [None]
        targets = [gsr_country(a.get("country"))
                   for a in rv.role_actors(record, event, "target")]
        kind = str(event.get("type"))
        if reciprocal and not targets and len(sources) > 1:
            # the GSR's own shape of a reciprocal pair (see gold_triples)
            out.update(_ordered((a, kind, b)) for i, a in enumerate(sources)
                       for b in sources[i + 1:])
            continue
        for s in sources:
            for t in targets or [None]:
                triple: Triple = (s, kind, t)
                out.add(_ordered(triple) if reciprocal else triple)
    return out


def show(triples: set[Triple]) -> str:
    """``HUN AGREE ROU; USA AGREE -`` (``-``: no actor country)."""
    return "; ".join(" ".join(x or "-" for x in t) for t in sorted(triples, key=str)) or "-"


def _ordered(triple: Triple) -> Triple:
    a, kind, b = triple
    first, second = sorted((a, b), key=lambda c: (c is None, c or ""))
    return first, kind, second


@dataclass(slots=True)
class _ActorTally:
    country_right: int = 0
    country_total: int = 0
    sector_right: int = 0
    sector_total: int = 0
    unlocated: int = 0


def _score_actors(g: GoldRecord, record: rv.Record | None, tally: _ActorTally) -> None:
    for actor in (*g.sources, *g.targets):
        span = rv.locate(g.text, actor.text)
        ours = rv.actors_at(record, *span) if span else []
        if span is None:
            tally.unlocated += 1
        if actor.country:
            tally.country_total += 1
            tally.country_right += any(gsr_country(a.get("country")) == actor.country
                                       for a in ours)
        if actor.sector:
            tally.sector_total += 1
            tally.sector_right += any(a.get("sector") == actor.sector for a in ours)


def score(gold: Sequence[GoldRecord], records: Sequence[rv.Record | None]) -> SetReport:
    """Score our records (in the order of ``gold``) against the gold records."""
    predicted = [(top.get("type") if (top := rv.top_event(r)) else None) for r in records]
    gold_types = [g.type for g in gold]
    triples, tally, misses = Counts(), _ActorTally(), []
    for g, record, ours in zip(gold, records, predicted, strict=True):
        triples += set_counts(gold_triples(g), our_triples(record, g.reciprocal))
        _score_actors(g, record, tally)
        if ours != g.type:
            misses.append(Miss(g.id, f"{g.type}: {show(gold_triples(g))}",
                               f"{ours or 'no event'}: {show(our_triples(record, g.reciprocal))}",
                               g.text))
    metrics: Metrics = {
        "event_type_accuracy": accuracy(gold_types, predicted),
        "event_type_macro_f1": macro_f1(gold_types, predicted),
        **triples.named("triple"),
        "actor_country_accuracy": ratio(tally.country_right, tally.country_total),
        "actor_sector_accuracy": ratio(tally.sector_right, tally.sector_total),
    }
    notes = empty_output_notes(records, {
        "events": ["event_type_accuracy", "event_type_macro_f1", "triple_*"],
        "actors": ["actor_country_accuracy", "actor_sector_accuracy", "triple_*"],
    })
    if tally.unlocated:
        notes.append(f"{tally.unlocated} gold actor texts are not in their sentence "
                     "(spelling differs): counted as wrong")
    return SetReport(NAME, n=len(gold), metrics=metrics, notes=notes, misses=misses)


def run(path: Path, coder: Coder, limit: int | None) -> SetReport:
    gold = read_gold(path)[:limit]
    return score(gold, coder(articles(gold)))
