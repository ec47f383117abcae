"""Serialise a Document as ``eventwire.article/1`` and validate it against the shipped schema."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

import jsonschema

from .model import Actor, Document, Entity, Event, Place, Quote, Span, TimeRef

SCHEMA_ID = "eventwire.article/1"


def to_record(doc: Document) -> dict[str, Any]:
    """The public JSON object for one coded article, keys in the spec's order."""
    art = doc.article
    return {
        "schema": SCHEMA_ID,
        "id": doc.id,
        "article": {
            "title": art.title,
            "published": art.published,
            "source": art.source,
            "publisher": art.publisher,
            "authors": list(art.authors),
            "credits": list(art.credits),
            "url": art.url,
            "language": art.language,
            "text": art.text,
        },
        "entities": [_entity(e) for e in doc.entities],
        "times": [_time(t) for t in doc.times],
        "actors": [_actor(a) for a in doc.actors],
        "events": [_event(e) for e in doc.events],
        "quotes": [_quote(q) for q in doc.quotes],
    }


def to_json(doc: Document, *, indent: int | None = 2) -> str:
    return json.dumps(to_record(doc), ensure_ascii=False, indent=indent)


def _place(p: Place | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"name": p.name, "country": p.country, "admin1": p.admin1, "lat": p.lat,
            "lon": p.lon, "geonames_id": p.geonames_id, "precision": p.precision}


def _span(s: Span) -> dict[str, Any]:
    return {"start": s.start, "end": s.end, "text": s.text}


def _entity(e: Entity) -> dict[str, Any]:
    rec: dict[str, Any] = {"start": e.start, "end": e.end, "text": e.text, "label": e.label,
                           "actor": e.actor}
    if e.place is not None:
        rec["place"] = _place(e.place)
    return rec


def _time(t: TimeRef) -> dict[str, Any]:
    return {"start": t.start, "end": t.end, "text": t.text, "value": t.value}


def _actor(a: Actor) -> dict[str, Any]:
    return {"id": a.id, "name": a.name, "country": a.country, "sector": a.sector, "code": a.code,
            "kb_id": a.kb_id, "role": a.role, "mentions": [[s, e] for s, e in a.mentions]}


def _event(e: Event) -> dict[str, Any]:
    return {
        "id": e.id, "type": e.type, "mode": e.mode, "context": list(e.context), "cameo": e.cameo,
        "quad_class": e.quad_class, "goldstein": e.goldstein, "source": list(e.source),
        "target": list(e.target), "date": e.date, "date_text": e.date_text,
        "location": _place(e.location), "negated": e.negated, "modality": e.modality,
        "reported_by": e.reported_by, "trigger": _span(e.trigger), "evidence": _span(e.evidence),
        "confidence": round(e.confidence, 3),
    }


def _quote(q: Quote) -> dict[str, Any]:
    return {"id": q.id, "kind": q.kind, "start": q.start, "end": q.end, "text": q.text,
            "speaker": q.speaker, "speaker_text": q.speaker_text, "cue": q.cue,
            "addressees": list(q.addressees), "addressee_text": q.addressee_text}


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of ``eventwire.article/1`` shipped in the package."""
    text = resources.files("eventwire").joinpath("data/schema/article-1.schema.json").read_text(
        encoding="utf-8"
    )
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def validation_errors(record: dict[str, Any]) -> list[str]:
    """Schema violations plus the contract rules a schema cannot express (offsets, id refs)."""
    validator = jsonschema.Draft202012Validator(schema())
    problems = [f"{'/'.join(map(str, e.path)) or '<root>'}: {e.message}"
                for e in validator.iter_errors(record)]
    if problems:
        return problems
    return _contract_errors(record)


def _contract_errors(record: dict[str, Any]) -> list[str]:
    text: str = record["article"]["text"]
    problems: list[str] = []

    def check_span(where: str, item: dict[str, Any]) -> None:
        if text[item["start"]:item["end"]] != item["text"]:
            problems.append(f"{where}: text[{item['start']}:{item['end']}] != {item['text']!r}")

    actor_ids = {a["id"] for a in record["actors"]}

    def check_ref(where: str, ref: str | None) -> None:
        if ref is not None and ref not in actor_ids:
            problems.append(f"{where}: actor {ref!r} is not in actors")

    for i, ent in enumerate(record["entities"]):
        check_span(f"entities/{i}", ent)
        check_ref(f"entities/{i}/actor", ent["actor"])
    for i, t in enumerate(record["times"]):
        check_span(f"times/{i}", t)
    for i, actor in enumerate(record["actors"]):
        for s, e in actor["mentions"]:
            if not 0 <= s < e <= len(text):
                problems.append(f"actors/{i}/mentions: [{s}, {e}] outside the text")
    for i, ev in enumerate(record["events"]):
        check_span(f"events/{i}/trigger", ev["trigger"])
        check_span(f"events/{i}/evidence", ev["evidence"])
        for ref in [*ev["source"], *ev["target"], ev["reported_by"]]:
            check_ref(f"events/{i}", ref)
    for i, q in enumerate(record["quotes"]):
        check_span(f"quotes/{i}", q)
        for ref in [q["speaker"], *q["addressees"]]:
            check_ref(f"quotes/{i}", ref)
    return problems
