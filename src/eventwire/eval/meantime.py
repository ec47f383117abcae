"""MEANTIME Wikinews articles: entity spans, time expressions, event participants.

The document creation time is passed as the article's ``published`` date.

Scoring rules:

* Entities: gold named (NAM) mentions of PER, ORG and LOC entities against our entities,
  their spaCy labels mapped by ``data/eval/spacy_meantime_labels.tsv``; a match needs the
  same span and type, after a leading "the" is taken off the gold span (MEANTIME
  extents include it: "the United States Air Force"). ``entity_*`` is micro over the
  three types, ``entity_f1_per`` etc. per type.
* Times: ``time_strict_*`` needs the same span, ``time_relaxed_*`` overlapping spans
  (paired one-to-one, largest overlap first). ``time_value_accuracy``: over relaxed
  pairs whose gold TIMEX3 value is a calendar date (``YYYY``, ``YYYY-MM``,
  ``YYYY-MM-DD``, optionally followed by a time): both values are cut to the coarser of
  the two precisions and must then be equal (our ``2008-03`` is right for gold
  ``2008-03-01``); our null value is wrong. Other gold values (durations, ``PRESENT_REF``,
  ``XXXX-XX-XX``) are not scored for value.
* Participants: gold HAS_PARTICIPANT links with role Arg0 (our ``source``) or Arg1 (our
  ``target``) to an entity mention. One of ours is (event trigger, a mention of a
  source/target actor inside the event's evidence sentence, role); it matches a gold
  link when the trigger overlaps the gold event, the mention overlaps the gold argument
  and the roles agree. Precision counts our tuples that match some gold link, recall
  the gold links some tuple of ours matches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..model import Article
from . import records as rv
from .coding import Coder
from .meantime_reader import (
    GoldParticipant,
    MeantimeDoc,
    corpus_files,
    read_doc,
)
from .metrics import Counts, greedy_match, ratio, set_counts
from .report import Metrics, Miss, SetReport, empty_output_notes
from .tables import entity_label_map

NAME = "meantime"
ENTITY_TYPES = ("PER", "ORG", "LOC")
_CALENDAR = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T.*)?$")


def read_gold(path: Path) -> list[MeantimeDoc]:
    return [read_doc(f) for f in corpus_files(path)]


def _entity_counts(doc: MeantimeDoc, record: rv.Record | None) -> dict[str, Counts]:
    labels = entity_label_map()
    ours = {(e["start"], e["end"], labels[e["label"]])
            for e in (record or {}).get("entities", []) if e.get("label") in labels}
    gold = {(*_without_article(doc.text, e.start, e.end), e.type) for e in doc.entities
            if e.type in ENTITY_TYPES}
    return {t: set_counts({g for g in gold if g[2] == t}, {o for o in ours if o[2] == t})
            for t in ENTITY_TYPES}


def _without_article(text: str, start: int, end: int) -> tuple[int, int]:
    """MEANTIME extents include a leading "the"; entity names (ours, spaCy's) do not."""
    if text.startswith(("the ", "The "), start) and end - start > 4:
        return start + 4, end
    return start, end


def value_right(gold_value: str, ours: str | None) -> bool | None:
    """Whether our normalised value agrees with a gold TIMEX3 value; None: not scorable."""
    m = _CALENDAR.match(gold_value)
    if m is None:
        return None
    if not ours:
        return False
    gold = m.group(1)
    cut = min(len(gold), len(ours))
    return gold[:cut] == ours[:cut]


def _time_scores(doc: MeantimeDoc, record: rv.Record | None) -> tuple[Counts, Counts,
                                                                       list[bool]]:
    limit = doc.timex_end or len(doc.text)
    ours = [t for t in (record or {}).get("times", []) if t["start"] < limit]
    strict = set_counts({(t.start, t.end) for t in doc.times},
                        {(t["start"], t["end"]) for t in ours})

    def overlap(i: int, j: int) -> float:
        g, o = doc.times[i], ours[j]
        return float(max(0, min(g.end, o["end"]) - max(g.start, o["start"])))

    pairs = greedy_match(len(doc.times), len(ours), overlap)
    relaxed = Counts(len(pairs), len(ours) - len(pairs), len(doc.times) - len(pairs))
    values = [v for p in pairs
              if (v := value_right(doc.times[p.gold].value, ours[p.pred].get("value")))
              is not None]
    return strict, relaxed, values


@dataclass(frozen=True, slots=True)
class OurParticipant:
    trigger: tuple[int, int]
    argument: tuple[int, int]
    role: str


def our_participants(record: rv.Record | None) -> list[OurParticipant]:
    out: list[OurParticipant] = []
    for event in rv.events(record):
        trig, evid = event["trigger"], event["evidence"]
        for role in ("source", "target"):
            for actor in rv.role_actors(record, event, role):
                out.extend(OurParticipant((trig["start"], trig["end"]), (s, e), role)
                           for s, e in actor.get("mentions", [])
                           if evid["start"] <= s and e <= evid["end"])
    return out


def _hit(g: GoldParticipant, o: OurParticipant) -> bool:
    return (o.role == g.role and rv.overlaps(*o.trigger, *g.event)
            and rv.overlaps(*o.argument, *g.argument))


def _participant_counts(doc: MeantimeDoc, record: rv.Record | None) -> Counts:
    ours = our_participants(record)
    found = sum(any(_hit(g, o) for o in ours) for g in doc.participants)
    right = sum(any(_hit(g, o) for g in doc.participants) for o in ours)
    return Counts(tp=found, fp=len(ours) - right, fn=len(doc.participants) - found)


def score(gold: Sequence[MeantimeDoc], records: Sequence[rv.Record | None]) -> SetReport:
    entities = {t: Counts() for t in ENTITY_TYPES}
    strict, relaxed, participants = Counts(), Counts(), Counts()
    values: list[bool] = []
    misses: list[Miss] = []
    for doc, record in zip(gold, records, strict=True):
        for t, c in _entity_counts(doc, record).items():
            entities[t] += c
        s, r, v = _time_scores(doc, record)
        strict, relaxed, values = strict + s, relaxed + r, values + v
        participants += _participant_counts(doc, record)
        misses.extend(_time_misses(doc, record))
    total = sum(entities.values(), Counts())
    metrics: Metrics = {
        **total.named("entity"),
        **{f"entity_f1_{t.lower()}": entities[t].f1 for t in ENTITY_TYPES},
        **strict.named("time_strict"), **relaxed.named("time_relaxed"),
        "time_value_accuracy": ratio(sum(values), len(values)),
        **participants.named("participant"),
    }
    notes = empty_output_notes(records, {
        "times": ["time_*"], "events": ["participant_*"], "actors": ["participant_*"]})
    return SetReport(NAME, n=len(gold), metrics=metrics, notes=notes, misses=misses)


def _time_misses(doc: MeantimeDoc, record: rv.Record | None) -> list[Miss]:
    ours = {(t["start"], t["end"]): t.get("value") for t in (record or {}).get("times", [])}
    misses = []
    for t in doc.times:
        found = (t.start, t.end) in ours
        if found and value_right(t.value, ours[(t.start, t.end)]) is not False:
            continue
        start = doc.text.rfind("\n", 0, t.start) + 1
        end = doc.text.find("\n", t.end)
        misses.append(Miss(doc.name, f"{doc.text[t.start:t.end]} = {t.value}",
                           str(ours[(t.start, t.end)]) if found else "(not found)",
                           doc.text[start:end if end >= 0 else len(doc.text)]))
    return misses


def run(path: Path, coder: Coder, limit: int | None) -> SetReport:
    gold = read_gold(path)[:limit]
    articles = [Article(text=d.text, input_name=d.name, published=d.published) for d in gold]
    report = score(gold, coder(articles))
    undated = sum(d.published is None for d in gold)
    if undated:
        report.notes.append(f"{undated} articles have no creation time: published is null")
    return report
