"""Read-only views of ``eventwire.article/1`` records (dicts), as the scorers need them.

Scorers see only the public record, never internal Documents, so a scorer keeps
working while the stages behind the record change.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

Record = Mapping[str, Any]

_WORD = re.compile(r"\w+")


def events(record: Record | None) -> list[Mapping[str, Any]]:
    """The record's events that are not negated, in record order."""
    if record is None:
        return []
    return [e for e in record.get("events", []) if not e.get("negated")]


def top_event(record: Record | None) -> Mapping[str, Any] | None:
    """The highest-confidence non-negated event; the first one wins a tie."""
    coded = events(record)
    return max(coded, key=lambda e: float(e.get("confidence", 0.0))) if coded else None


def actors_by_id(record: Record | None) -> dict[str, Mapping[str, Any]]:
    return {a["id"]: a for a in (record or {}).get("actors", [])}


def role_actors(record: Record | None, event: Mapping[str, Any], role: str) -> list[
        Mapping[str, Any]]:
    """The actors of ``role`` (``source`` or ``target``) of ``event``."""
    by_id = actors_by_id(record)
    return [by_id[i] for i in event.get(role, []) if i in by_id]


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def actors_at(record: Record | None, start: int, end: int) -> list[Mapping[str, Any]]:
    """Actors with a mention that overlaps ``[start, end)``."""
    return [a for a in (record or {}).get("actors", [])
            if any(overlaps(s, e, start, end) for s, e in a.get("mentions", []))]


def word_spans(text: str, spans: Sequence[tuple[int, int]]) -> set[tuple[int, int]]:
    """Offsets of the words inside ``spans``: punctuation and quote marks do not count."""
    out: set[tuple[int, int]] = set()
    for start, end in spans:
        out.update((start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end]))
    return out


def words(text: str) -> set[str]:
    """Lower-cased words of ``text``."""
    return {w.lower() for w in _WORD.findall(text)}


def text_of(record: Record | None) -> str:
    return str((record or {}).get("article", {}).get("text", ""))


def locate(text: str, phrase: str) -> tuple[int, int] | None:
    """Where ``phrase`` first occurs in ``text``: exact, then ignoring case and spacing."""
    phrase = phrase.strip()
    if not phrase:
        return None
    at = text.find(phrase)
    if at >= 0:
        return at, at + len(phrase)
    pattern = r"\s+".join(re.escape(w) for w in phrase.split())
    m = re.search(pattern, text, flags=re.IGNORECASE)
    return (m.start(), m.end()) if m else None
