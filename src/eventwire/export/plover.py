"""``plover`` export: one PLOVER JSON event record per line (JSON Lines).

Field names follow the PLOVER manual's "JSON Data Fields" chapter (``id``, ``date``,
``source`` / ``recipient`` lists of actor objects, ``event``, ``mode``, ``context``,
``quad_code``, ``event_scale``, ``event_loc``, ``event_text``, ``text``, ``text_info``,
``cite_info``, ``coder``, ``coded_date``); fields PLOVER has no name for are added under
names of our own, as the manual invites. The JSON Schema every line meets is
``data/export/plover-event.schema.json``; ``data/export/README.md`` maps each field.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any, TextIO

import duckdb

from .. import __version__
from ..store.query import ARTICLE_SCAN
from ..store.slices import iter_sorted
from .codes import country
from .dates import event_day

CODER = f"eventwire {__version__}"


def write_plover(con: duckdb.DuckDBPyConnection, out: TextIO, *, chunk_size: int = 200) -> int:
    """Write every stored event as a PLOVER record; returns the number written."""
    written = 0
    scan = ARTICLE_SCAN.select("a.record, a.ingested_at")
    for chunk in iter_sorted(con, scan, chunk_size=chunk_size):
        for text, ingested in chunk:
            for event in plover_events(json.loads(text), ingested):
                out.write(json.dumps(event, ensure_ascii=False) + "\n")
                written += 1
    return written


def plover_events(record: dict[str, Any], ingested: datetime) -> Iterator[dict[str, Any]]:
    """The PLOVER records of one ``eventwire.article/1`` record's events."""
    art = record["article"]
    actors = {a["id"]: a for a in record["actors"]}
    cite = {"citation": record["id"], "url": art.get("url"), "title": art.get("title"),
            "language": art.get("language"),
            "publication": art.get("publisher") or art.get("source")}
    for ev in record["events"]:
        when = event_day(ev.get("date"), art.get("published"), ingested)
        yield {
            "id": f"{record['id']}-{ev['id']}",
            "has_event": True,
            "date": when.day.isoformat(),
            "date_precision": when.precision,
            "date_text": ev.get("date_text"),
            "source": [_actor(actors.get(i), i, art["text"]) for i in ev["source"]],
            "recipient": [_actor(actors.get(i), i, art["text"]) for i in ev["target"]],
            "event": [ev["type"]],
            "mode": ev.get("mode"),
            "context": list(ev.get("context", [])),
            "quad_code": ev.get("quad_class"),
            "event_scale": ev.get("goldstein"),
            "cameo": ev.get("cameo"),
            "event_loc": _location(ev.get("location")),
            "event_text": [ev["trigger"]["text"]],
            "text": ev["evidence"]["text"],
            "text_info": {"start": ev["evidence"]["start"], "end": ev["evidence"]["end"],
                          "trigger_start": ev["trigger"]["start"],
                          "trigger_end": ev["trigger"]["end"]},
            "negated": bool(ev.get("negated", False)),
            "modality": ev.get("modality", "asserted"),
            "reported_by": _actor(actors.get(ev["reported_by"]), ev["reported_by"], art["text"])
            if ev.get("reported_by") else None,
            "confidence": ev.get("confidence"),
            "cite_info": cite,
            "coder": CODER,
            "coded_date": ingested.date().isoformat(),
        }


def _actor(actor: dict[str, Any] | None, actor_id: str, text: str) -> dict[str, Any]:
    """PLOVER actor object: ``code`` is the top-level (country) code, ``actor_text`` the words
    of the first mention, ``identifier_*`` the knowledge-base id and canonical name."""
    if actor is None:
        return {"code": None, "sector": None, "actor_text": actor_id, "identifier_id": None,
                "identifier_text": None, "office": None, "actor_code": None}
    mentions = sorted(actor.get("mentions", []))
    words = text[mentions[0][0]:mentions[0][1]] if mentions else actor["name"]
    return {"code": actor.get("country"), "sector": actor.get("sector"), "actor_text": words,
            "identifier_id": actor.get("kb_id"), "identifier_text": actor["name"],
            "office": actor.get("role"), "actor_code": actor.get("code")}


def _location(place: dict[str, Any] | None) -> dict[str, Any] | None:
    """PLOVER location object (GeoNames field names, with ``_`` for the manual's spaces)."""
    if not place:
        return None
    found = country(place.get("country"))
    return {"geonameid": place.get("geonames_id"), "name": place["name"],
            "latitude": place.get("lat"), "longitude": place.get("lon"),
            "country_code": found.iso2 if found else None, "cc3": place.get("country"),
            "admin1": place.get("admin1"), "precision": place.get("precision")}
