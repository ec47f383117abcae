"""Geoparsing gold sets: LGL, TR-News and GeoVirus XML (toponyms with coordinates).

Scoring rules:

* Our toponyms are our entities that have a ``place``. Gold and ours are paired
  one-to-one by overlapping spans (largest overlap first): ``toponym_precision/recall/f1``.
* ``accuracy_161km``: over paired toponyms whose gold has coordinates, the share where our
  place is within 161 km (100 miles) of the gold point; a place of ours without
  coordinates counts as wrong. ``median_error_km`` / ``mean_error_km`` are over the pairs
  where both sides have coordinates, and null when there are none (never a fake 0 km).
* GeoVirus gives every offset one character late and TR-News some offsets up to ten
  characters early: a gold span whose text is not its phrase is moved to the nearest
  occurrence of the phrase within 12 characters (the count is noted in the report).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import Article
from . import records as rv
from .coding import Coder
from .metrics import (
    Counts,
    greedy_match,
    haversine_km,
    mean_or_none,
    median_or_none,
    ratio,
)
from .report import Metrics, Miss, SetReport, empty_output_notes

FILES = {"lgl": "lgl.xml", "trnews": "TR-News.xml", "geovirus": "GeoVirus.xml"}
KM_LIMIT = 161.0
_SHIFT = 12


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class GeoArticle:
    id: str
    text: str
    published: str | None
    toponyms: tuple[GoldToponym, ...]


def set_name(kind: str) -> str:
    return f"geoparsing-{kind}"


def kind_of(path: Path) -> str:
    for kind, name in FILES.items():
        if path.name.lower() == name.lower():
            return kind
    raise InputError(str(path), f"not a known geoparsing file ({', '.join(FILES.values())})")


def read_gold(path: Path, limit: int | None = None) -> tuple[list[GeoArticle], int]:
    """Articles of one geoparsing XML file, and how many gold offsets were repaired."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as err:
        raise InputError(str(path), f"cannot read geoparsing XML: {err}") from None
    out: list[GeoArticle] = []
    moved = 0
    for number, art in enumerate(root.iter("article")):
        if limit is not None and len(out) >= limit:
            break
        text = art.findtext("text") or ""
        toponyms = []
        for node in [*art.iter("toponym"), *art.iter("location")]:
            topo = _toponym(node, text)
            moved += (topo.start, topo.end) != _offsets(node)
            toponyms.append(topo)
        dltime = (art.findtext("dltime") or "").strip()
        out.append(GeoArticle(art.get("docid") or f"article-{number + 1}", text,
                              dltime[:10] or None, tuple(toponyms)))
    return out, moved


def _offsets(node: ET.Element) -> tuple[int, int]:
    return int(node.findtext("start") or 0), int(node.findtext("end") or 0)


def _toponym(node: ET.Element, text: str) -> GoldToponym:
    start, end = _offsets(node)
    phrase = (node.findtext("phrase") or node.findtext("name") or "").strip()
    if phrase and text[start:end] != phrase:
        near = [s for s in range(max(0, start - _SHIFT), start + _SHIFT + 1)
                if text.startswith(phrase, s)]
        if near:
            start = min(near, key=lambda s: abs(s - start))
            end = start + len(phrase)
    gaztag = node.find("gaztag")
    point = gaztag if gaztag is not None else node
    lat, lon = point.findtext("lat"), point.findtext("lon")
    return GoldToponym(start, end, text[start:end], float(lat) if lat else None,
                       float(lon) if lon else None)


@dataclass(slots=True)
class _Tally:
    counts: Counts
    within: list[bool]
    errors_km: list[float]


def _score_article(g: GeoArticle, record: rv.Record | None, tally: _Tally,
                   misses: list[Miss]) -> None:
    ours = [e for e in (record or {}).get("entities", []) if e.get("place")]

    def overlap(i: int, j: int) -> float:
        t, e = g.toponyms[i], ours[j]
        return float(max(0, min(t.end, e["end"]) - max(t.start, e["start"])))

    pairs = greedy_match(len(g.toponyms), len(ours), overlap)
    tally.counts += Counts(len(pairs), len(ours) - len(pairs), len(g.toponyms) - len(pairs))
    for p in pairs:
        gold, place = g.toponyms[p.gold], ours[p.pred]["place"]
        if gold.lat is None or gold.lon is None:
            continue
        if place.get("lat") is None or place.get("lon") is None:
            tally.within.append(False)
            continue
        km = haversine_km(gold.lat, gold.lon, float(place["lat"]), float(place["lon"]))
        tally.errors_km.append(km)
        tally.within.append(km <= KM_LIMIT)
    paired = {p.gold for p in pairs}
    misses.extend(Miss(g.id, t.name, "(no place)", g.text[max(0, t.start - 60):t.end + 60])
                  for i, t in enumerate(g.toponyms) if i not in paired)


def score(name: str, gold: Sequence[GeoArticle],
          records: Sequence[rv.Record | None]) -> SetReport:
    tally, misses = _Tally(Counts(), [], []), list[Miss]()
    for g, record in zip(gold, records, strict=True):
        _score_article(g, record, tally, misses)
    metrics: Metrics = {
        **tally.counts.named("toponym"),
        "accuracy_161km": ratio(sum(tally.within), len(tally.within)),
        "median_error_km": median_or_none(tally.errors_km),
        "mean_error_km": mean_or_none(tally.errors_km),
    }
    notes = empty_output_notes(records, {"places": list(metrics)})
    return SetReport(name, n=len(gold), metrics=metrics, notes=notes, misses=misses)


def run_file(path: Path, coder: Coder, limit: int | None) -> SetReport:
    kind = kind_of(path)
    gold, moved = read_gold(path, limit)
    articles = [Article(text=g.text, input_name=g.id, published=g.published) for g in gold]
    report = score(set_name(kind), gold, coder(articles))
    if moved:
        report.notes.append(f"{moved} gold offsets were off by a few characters and repaired")
    return report
