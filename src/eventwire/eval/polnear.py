"""PolNeAR attributions (brat standoff ``.ann`` + ``.txt``): quotes, speakers, cues.

Each ``Attribution`` relation (``E`` line) is one gold quote: its Content span(s), its
Source span(s) (absent for ``Attribution-no-source``) and its Cue. The article text is
the ``.txt`` file exactly as it is (its first line is the headline), so the gold offsets
hold. When several annotators annotated one text, the first ``.ann`` file in name order
is used. The publication date comes from ``metadata.tsv`` beside the split folders.

Scoring rules:

* A quote is compared as the set of words inside it (quote marks and punctuation do not
  count); gold and our quotes are paired one-to-one, highest word Jaccard first.
* ``quote_exact_*``: a pair with the same words; ``quote_overlap_*``: Jaccard >= 0.5.
* ``speaker_accuracy``: over overlap-matched pairs whose gold has a Source: right when a
  mention of our speaker actor overlaps the Source span, or our ``speaker_text`` and the
  Source text contain one another (case and spacing ignored).
* ``cue_accuracy``: over overlap-matched pairs: right when our ``cue`` shares a word with
  the gold Cue (``said`` / ``has said``). A gold Cue that is only punctuation (the colon
  of a transcript line ``NAME: text``, the dash of a ``― Name`` byline) has no reporting
  verb, which the spec's ``cue`` is, so there ours is right when it is null.
* Our quotes are first put in PolNeAR's unit, the attribution: consecutive direct quotes
  of one speaker with only their attribution between them (``"A," he said. "B."``) count
  as one quote made of both spans, and a partial quote lying inside another of our quotes
  (the fragment of a mixed clause) is not counted on its own, since PolNeAR annotates the
  clause. Our records keep each quoted span separately.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article
from . import records as rv
from .coding import Coder
from .metrics import Counts, greedy_match, jaccard, ratio
from .report import Metrics, Miss, SetReport, empty_output_notes

NAME = "polnear"
DEFAULT_SPLIT = "dev"
OVERLAP = 0.5

Spans = tuple[tuple[int, int], ...]
_TEXTBOUND = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_RELATION = re.compile(r"^E\d+\t(.*)$")


@dataclass(frozen=True, slots=True)
class GoldQuote:
    content: Spans
    source: Spans
    cue: Spans


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    text: str
    published: str | None
    quotes: tuple[GoldQuote, ...]


def split_folder(path: Path) -> Path:
    return path / DEFAULT_SPLIT if (path / DEFAULT_SPLIT / "text").is_dir() else path


def read_gold(path: Path) -> list[GoldArticle]:
    folder = split_folder(path)
    if not (folder / "text").is_dir() or not (folder / "attributions").is_dir():
        raise InputError(str(path), "expected a PolNeAR split with text/ and attributions/")
    dates = _dates(folder.parent / "metadata.tsv")
    out = []
    for txt in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(f"{txt.stem}_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        out.append(GoldArticle(txt.stem, text, dates.get(txt.stem), read_ann(anns[0])))
    return out


def _dates(metadata: Path) -> dict[str, str]:
    if not metadata.is_file():
        return {}
    with metadata.open(encoding="utf-8", newline="") as fh:
        return {row["filename"]: row["publication_date"]
                for row in csv.DictReader(fh, delimiter="\t")
                if row.get("filename") and row.get("publication_date")}


def read_ann(path: Path) -> tuple[GoldQuote, ...]:
    """Gold quotes of one brat file; lines that are not T or E annotations are ignored."""
    spans: dict[str, Spans] = {}
    relations: list[dict[str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if m := _TEXTBOUND.match(line):
            spans[m[1]] = tuple((int(a), int(b)) for a, b in
                                (part.split() for part in m[3].split(";")))
        elif m := _RELATION.match(line):
            roles: dict[str, list[str]] = {}
            for arg in m[1].split():
                role, _, ref = arg.partition(":")
                roles.setdefault(role.rstrip("0123456789"), []).append(ref)
            relations.append(roles)

    def joined(refs: list[str]) -> Spans:
        return tuple(sorted(s for ref in refs for s in spans.get(ref, ())))

    quotes = (GoldQuote(joined(r.get("Content", [])), joined(r.get("Source", [])),
                        joined(r.get("Cue", []))) for r in relations)
    return tuple(q for q in quotes if q.content)


def _speaker_right(text: str, gold: GoldQuote, quote: Mapping[str, Any],
                   record: rv.Record | None) -> bool:
    actor = rv.actors_by_id(record).get(quote.get("speaker") or "")
    if actor and any(rv.overlaps(s, e, gs, ge) for s, e in actor.get("mentions", [])
                     for gs, ge in gold.source):
        return True
    said = " ".join(str(quote.get("speaker_text") or "").lower().split())
    source = " ".join(" ".join(text[s:e] for s, e in gold.source).lower().split())
    return bool(said and source and (said in source or source in said))


def _cue_right(text: str, gold: GoldQuote, quote: Mapping[str, Any]) -> bool:
    gold_words = rv.words(" ".join(text[s:e] for s, e in gold.cue))
    if not gold_words:
        return not quote.get("cue")
    return bool(rv.words(str(quote.get("cue") or "")) & gold_words)


@dataclass(slots=True)
class _Tally:
    exact: Counts
    overlap: Counts
    speaker: list[bool]
    cue: list[bool]


def _score_article(g: GoldArticle, record: rv.Record | None, tally: _Tally,
                   misses: list[Miss]) -> None:
    ours, our_spans = as_attributions(g.text, list((record or {}).get("quotes", [])))
    gold_words = [rv.word_spans(g.text, q.content) for q in g.quotes]
    our_words = [rv.word_spans(g.text, spans) for spans in our_spans]
    pairs = greedy_match(len(gold_words), len(our_words),
                         lambda i, j: jaccard(gold_words[i], our_words[j]))
    exact = sum(p.score == 1.0 for p in pairs)
    close = [p for p in pairs if p.score >= OVERLAP]
    tally.exact += Counts(exact, len(ours) - exact, len(g.quotes) - exact)
    tally.overlap += Counts(len(close), len(ours) - len(close), len(g.quotes) - len(close))
    for p in close:
        gold, quote = g.quotes[p.gold], ours[p.pred]
        if gold.source:
            tally.speaker.append(_speaker_right(g.text, gold, quote, record))
        if gold.cue:
            tally.cue.append(_cue_right(g.text, gold, quote))
    partial = {p.gold: ours[p.pred]["text"] for p in pairs if p.score < OVERLAP}
    matched = {p.gold for p in close}
    misses.extend(Miss(g.name, " … ".join(g.text[s:e] for s, e in q.content),
                       partial.get(i, "(no quote)"), _lines(g.text, q.content))
                  for i, q in enumerate(g.quotes) if i not in matched)


# Characters of attribution between two joined quotes: PolNeAR's gold joins one source's
# quotes across attributions of up to ~200 (a long "said X, an economist who ...").
_JOIN_GAP = 200


def as_attributions(text: str, quotes: list[Mapping[str, Any]]
                    ) -> tuple[list[Mapping[str, Any]], list[list[tuple[int, int]]]]:
    """Our quotes grouped as PolNeAR attributions, each with its content spans."""
    ordered = sorted(quotes, key=lambda q: (q["start"], -q["end"]))
    kept = [q for q in ordered
            if not (q["kind"] == "partial" and any(
                o is not q and o["start"] <= q["start"] and q["end"] <= o["end"]
                for o in ordered))]
    groups: list[Mapping[str, Any]] = []
    spans: list[list[tuple[int, int]]] = []
    for quote in kept:
        prev = groups[-1] if groups else None
        if prev is not None and _continues(text, prev, spans[-1][-1], quote):
            spans[-1].append((quote["start"], quote["end"]))
            continue
        groups.append(quote)
        spans.append([(quote["start"], quote["end"])])
    return groups, spans


def _continues(text: str, prev: Mapping[str, Any], last: tuple[int, int],
               quote: Mapping[str, Any]) -> bool:
    same = (prev.get("speaker") or prev.get("speaker_text")) == (
        quote.get("speaker") or quote.get("speaker_text"))
    gap = text[last[1]:quote["start"]]
    return (prev["kind"] == quote["kind"] == "direct" and same and bool(prev.get("speaker")
            or prev.get("speaker_text")) and len(gap) <= _JOIN_GAP and "\n\n" not in gap)


def _lines(text: str, spans: Spans) -> str:
    """The whole lines (paragraphs) a gold span lies on, to show it in its context."""
    start = text.rfind("\n", 0, spans[0][0]) + 1
    end = text.find("\n", spans[-1][1])
    return text[start:end if end >= 0 else len(text)].strip()


def score(gold: Sequence[GoldArticle], records: Sequence[rv.Record | None]) -> SetReport:
    tally, misses = _Tally(Counts(), Counts(), [], []), list[Miss]()
    for g, record in zip(gold, records, strict=True):
        _score_article(g, record, tally, misses)
    metrics: Metrics = {
        **tally.exact.named("quote_exact"), **tally.overlap.named("quote_overlap"),
        "speaker_accuracy": ratio(sum(tally.speaker), len(tally.speaker)),
        "cue_accuracy": ratio(sum(tally.cue), len(tally.cue)),
    }
    notes = empty_output_notes(records, {"quotes": list(metrics)})
    if not tally.speaker:
        notes.append("no quote matched: speaker_accuracy and cue_accuracy are 0 by convention")
    return SetReport(NAME, n=len(gold), metrics=metrics, notes=notes, misses=misses)


def run(path: Path, coder: Coder, limit: int | None) -> SetReport:
    gold = read_gold(path)[:limit]
    articles = [Article(text=g.text, input_name=g.name, published=g.published) for g in gold]
    return score(gold, coder(articles))
