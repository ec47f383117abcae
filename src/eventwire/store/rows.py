"""One ``eventwire.article/1`` record spread over the store's tables, as column lists.

A batch fills one :class:`TableRows` per table row by row; the writer turns each into a
single Arrow table and loads it with one ``INSERT ... SELECT``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass
class TableRows:
    """Columns of one table for a batch. A row may omit columns (they load as NULL)."""

    table: str
    columns: dict[str, list[Any]]
    count: int = 0

    @classmethod
    def empty(cls, table: str, names: list[str]) -> TableRows:
        return cls(table, {name: [] for name in names})

    def add(self, row: dict[str, Any]) -> None:
        unknown = row.keys() - self.columns.keys()
        if unknown:
            raise KeyError(f"{self.table} has no column {', '.join(sorted(unknown))}")
        for name, values in self.columns.items():
            values.append(row.get(name))
        self.count += 1


@dataclass(frozen=True)
class Incoming:
    """A record on its way into the store, with the input it came from and its content hash."""

    input: str
    record: dict[str, Any]
    json_text: str
    content_hash: str

    @property
    def id(self) -> str:
        return str(self.record["id"])


@dataclass
class BatchRows:
    """Every table's rows for one batch."""

    tables: dict[str, TableRows] = field(default_factory=dict)

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.tables[table].add(row)


def first_day(value: str | None) -> date | None:
    """The first day of a ``YYYY[-MM[-DD]]`` value (a datetime's date); None if it is not one."""
    match = _PERIOD.match(value or "")
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        return date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None


def _place(prefix: str, place: dict[str, Any] | None) -> dict[str, Any]:
    if not place:
        return {}
    return {f"{prefix}_name": place.get("name"), f"{prefix}_country": place.get("country"),
            f"{prefix}_admin1": place.get("admin1"), f"{prefix}_lat": place.get("lat"),
            f"{prefix}_lon": place.get("lon"), f"{prefix}_geonames_id": place.get("geonames_id"),
            f"{prefix}_precision": place.get("precision")}


def add_record(rows: BatchRows, item: Incoming, now: datetime) -> None:
    """Add ``item``'s rows to every table of the batch."""
    record, aid = item.record, item.id
    art = record["article"]
    published = first_day(art.get("published"))
    rows.add("articles", {
        "id": aid, "title": art.get("title"), "published": published,
        "published_text": art.get("published"), "source": art.get("source"),
        "publisher": art.get("publisher"), "url": art.get("url"),
        "language": art.get("language"), "text": art["text"], "record": item.json_text,
        "content_hash": item.content_hash, "input": item.input, "ingested_at": now,
    })
    actors = {a["id"]: a for a in record.get("actors", [])}
    for i, ent in enumerate(record.get("entities", [])):
        rows.add("entities", {
            "article_id": aid, "idx": i, "start_char": ent["start"], "end_char": ent["end"],
            "text": ent["text"], "label": ent["label"], "actor_id": ent.get("actor"),
            **_place("place", ent.get("place")),
        })
    for a in actors.values():
        rows.add("actors", _actor_row(aid, a))
    lead_end = _lead_end(art["text"])
    for ev in record.get("events", []):
        rows.add("events", _event_row(aid, ev, actors, published, lead_end))
    for q in record.get("quotes", []):
        rows.add("quotes", _quote_row(aid, q, actors))
    for i, t in enumerate(record.get("times", [])):
        rows.add("times", {"article_id": aid, "idx": i, "start_char": t["start"],
                           "end_char": t["end"], "text": t["text"], "value": t.get("value")})


def _actor_row(aid: str, a: dict[str, Any]) -> dict[str, Any]:
    starts = [m[0] for m in a.get("mentions", [])]
    return {"article_id": aid, "actor_id": a["id"], "name": a["name"], "country": a.get("country"),
            "sector": a.get("sector"), "code": a.get("code"), "kb_id": a.get("kb_id"),
            "role": a.get("role"), "mention_count": len(starts),
            "first_start": min(starts) if starts else None}


def _quote_row(aid: str, q: dict[str, Any], actors: dict[str, dict[str, Any]]) -> dict[str, Any]:
    speaker = actors.get(q.get("speaker") or "")
    return {
        "article_id": aid, "quote_id": q["id"], "kind": q["kind"], "start_char": q["start"],
        "end_char": q["end"], "text": q["text"], "speaker_id": q.get("speaker"),
        "speaker_name": speaker["name"] if speaker else None,
        "speaker_code": speaker.get("code") if speaker else None,
        "speaker_text": q.get("speaker_text"), "cue": q.get("cue"),
        "addressee_ids": list(q.get("addressees", [])), "addressee_text": q.get("addressee_text"),
    }


def _lead_end(text: str) -> int:
    """End of the first paragraph (paragraphs are separated by a blank line)."""
    stripped = len(text) - len(text.lstrip())
    cut = text.find("\n\n", stripped)
    return len(text) if cut < 0 else cut


def _side(prefix: str, ids: list[str], actors: dict[str, dict[str, Any]]) -> dict[str, Any]:
    found = [actors.get(i, {}) for i in ids]
    return {f"{prefix}_ids": list(ids), f"{prefix}_codes": [a.get("code") for a in found],
            f"{prefix}_names": [a.get("name", i) for a, i in zip(found, ids, strict=True)],
            f"{prefix}_countries": [a.get("country") for a in found],
            f"{prefix}_sectors": [a.get("sector") for a in found]}


def _event_row(aid: str, ev: dict[str, Any], actors: dict[str, dict[str, Any]],
               published: date | None, lead_end: int) -> dict[str, Any]:
    reporter = actors.get(ev.get("reported_by") or "")
    trigger, evidence = ev["trigger"], ev["evidence"]
    return {
        "article_id": aid, "event_id": ev["id"], "type": ev["type"], "mode": ev.get("mode"),
        "context": list(ev.get("context", [])), "cameo": ev.get("cameo"),
        "quad_class": ev.get("quad_class"), "goldstein": ev.get("goldstein"),
        **_side("source", ev.get("source", []), actors),
        **_side("target", ev.get("target", []), actors),
        "date": ev.get("date"), "day": first_day(ev.get("date")) or published,
        "date_text": ev.get("date_text"), **_place("location", ev.get("location")),
        "negated": bool(ev.get("negated", False)), "modality": ev.get("modality", "asserted"),
        "reported_by": ev.get("reported_by"),
        "reported_by_name": reporter["name"] if reporter else None,
        "trigger_start": trigger["start"], "trigger_end": trigger["end"],
        "trigger_text": trigger["text"], "evidence_start": evidence["start"],
        "evidence_end": evidence["end"], "evidence_text": evidence["text"],
        "in_lead": evidence["start"] < lead_end, "confidence": ev.get("confidence"),
    }
