"""The store side of merging: candidate merged events fetched by SQL, results written in bulk.

``assign`` reads the new articles' events, fetches every stored merged event that has a
member of a type family the batch has, on a day within the date window of a new mention,
rebuilds those clusters, places the new mentions with the same rule as ``merge_events``,
and writes ``events.merged_id``, ``event_mentions`` and ``merged_events`` through
registered Arrow tables. Values always go in as parameters; the SQL text is constant.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb
import pyarrow as pa

from .merge import MergeRule
from .merge_match import (
    ActorKey,
    ClusterIndex,
    Mention,
    MentionFacts,
    actor_key,
    make_mention,
    where_of,
)

# Lists go in as registered Arrow tables (_merge_*), not list parameters: DuckDB converts a
# list parameter element by element, each time trying to import pandas.
_NEW = "e.article_id IN (SELECT article_id FROM _merge_new)"
_WINDOW = """e.merged_id IN (
    SELECT c.merged_id FROM events c
    WHERE c.merged_id IS NOT NULL AND c.article_id NOT IN (SELECT article_id FROM _merge_new)
      AND c.type IN (SELECT type FROM _merge_types)
      AND (c.day IN (SELECT day FROM _merge_days) OR (? AND c.day IS NULL)))
  AND e.article_id NOT IN (SELECT article_id FROM _merge_new)"""

_ACTORS = """SELECT ac.article_id, ac.actor_id, ac.name, ac.code, ac.country, ac.kb_id,
    EXISTS (SELECT 1 FROM entities en WHERE en.article_id = ac.article_id
            AND en.actor_id = ac.actor_id AND en.label = 'PERSON')
FROM actors ac WHERE ac.article_id IN (SELECT DISTINCT e.article_id FROM events e WHERE {where})"""

_EVENTS = """SELECT e.article_id, e.event_id, e.type, e.negated, e.modality,
    coalesce(e.date, a.published_text), e.trigger_text, e.source_ids, e.target_ids,
    e.location_country, e.location_admin1, e.location_lat, e.location_lon,
    e.location_precision, e.merged_id
FROM events e JOIN articles a ON a.id = e.article_id WHERE {where}"""

_SET_IDS = """UPDATE events SET merged_id = m.merged_id FROM _merge_ids m
WHERE events.article_id = m.article_id AND events.event_id = m.event_id"""

# One row per article sentence that reports the merged event (GDELT's Mentions table):
# two events of one sentence merged together are one mention, the more confident one.
_MENTIONS = """INSERT INTO event_mentions (merged_id, article_id, event_id, sentence_start,
    sentence_end, actor1_offset, actor2_offset, action_offset, confidence)
SELECT merged_id, article_id, event_id, sentence_start, sentence_end, actor1_offset,
    actor2_offset, action_offset, confidence FROM (
  SELECT e.merged_id, e.article_id, e.event_id, e.evidence_start AS sentence_start,
      e.evidence_end AS sentence_end, s.first_start AS actor1_offset,
      t.first_start AS actor2_offset, e.trigger_start AS action_offset, e.confidence,
      row_number() OVER (PARTITION BY e.merged_id, e.article_id, e.evidence_start
                         ORDER BY e.confidence DESC, e.event_id) AS rank
  FROM events e
  LEFT JOIN actors s ON s.article_id = e.article_id AND s.actor_id = e.source_ids[1]
  LEFT JOIN actors t ON t.article_id = e.article_id AND t.actor_id = e.target_ids[1]
  WHERE e.merged_id IS NOT NULL AND e.article_id IN (SELECT article_id FROM _merge_new))
WHERE rank = 1"""

# The merged row takes type, codes and date from its most confident member, the place
# from its most precise located member; counts follow GDELT (NumMentions, NumSources,
# NumArticles). An article with neither publisher nor source counts as a source of its own.
_REFRESH = """INSERT INTO merged_events (merged_id, type, cameo, quad_class, goldstein,
    source_code, target_code, date, day, location_name, location_country, location_admin1,
    location_lat, location_lon, location_geonames_id, location_precision,
    num_mentions, num_sources, num_articles, first_seen)
WITH members AS (
  SELECT e.*, a.ingested_at, coalesce(a.publisher, a.source, a.id) AS outlet,
    row_number() OVER (PARTITION BY e.merged_id
                       ORDER BY e.confidence DESC, e.article_id, e.event_id) AS lead,
    row_number() OVER (PARTITION BY e.merged_id ORDER BY e.location_name IS NULL,
        CASE e.location_precision WHEN 'feature' THEN 0 WHEN 'city' THEN 1
             WHEN 'admin1' THEN 2 ELSE 3 END,
        e.confidence DESC, e.article_id, e.event_id) AS located
  FROM events e JOIN articles a ON a.id = e.article_id
  WHERE e.merged_id IN (SELECT merged_id FROM _merge_touched)),
counts AS (
  SELECT merged_id, count(DISTINCT article_id) AS articles, count(DISTINCT outlet) AS sources,
    min(ingested_at) AS first_seen
  FROM members GROUP BY merged_id),
said AS (
  SELECT merged_id, count(*) AS mentions FROM event_mentions
  WHERE merged_id IN (SELECT merged_id FROM _merge_touched) GROUP BY merged_id)
SELECT l.merged_id, l.type, l.cameo, l.quad_class, l.goldstein, l.source_codes[1],
  l.target_codes[1], l.date, l.day, p.location_name, p.location_country, p.location_admin1,
  p.location_lat, p.location_lon, p.location_geonames_id, p.location_precision,
  coalesce(s.mentions, 0), c.sources, c.articles, coalesce(c.first_seen, current_timestamp)
FROM members l
JOIN members p ON p.merged_id = l.merged_id AND p.located = 1
JOIN counts c ON c.merged_id = l.merged_id
LEFT JOIN said s ON s.merged_id = l.merged_id
WHERE l.lead = 1"""

# When an article is replaced its rows are gone before ``assign`` runs, and with them the
# link to the merged events it was part of; every mention row it had is gone too, so the
# totals tell cheaply whether some merged event lost members, and then which ones.
_TOTALS = """SELECT (SELECT count(*) FROM event_mentions WHERE merged_id IS NOT NULL),
    (SELECT coalesce(sum(num_mentions), 0) FROM merged_events)"""
_STALE = """SELECT m.merged_id FROM merged_events m LEFT JOIN (
    SELECT merged_id, count(*) AS n FROM event_mentions WHERE merged_id IS NOT NULL
    GROUP BY merged_id) c USING (merged_id)
WHERE coalesce(c.n, 0) <> m.num_mentions"""


def assign(con: duckdb.DuckDBPyConnection, article_ids: list[str], rule: MergeRule) -> None:
    if not article_ids:
        return
    with ExitStack() as tables:
        stale = _stale(con)
        tables.enter_context(_registered(con, "_merge_new", article_id=_strings(article_ids)))
        rows = _read(con, _NEW, [], rule)
        new = [r.mention for r in rows]
        index = ClusterIndex(rule)
        stored = _stored(con, new, rule)
        for cluster_id in sorted(stored):
            index.seed(cluster_id, stored[cluster_id])
        assigned = [(m.ref, index.place(m)[0].id) for m in sorted(new, key=Mention.sort_key)]
        tables.enter_context(_registered(
            con, "_merge_ids", article_id=_strings([r[0] for r, _ in assigned]),
            event_id=_strings([r[1] for r, _ in assigned]),
            merged_id=_strings([mid for _, mid in assigned])))
        con.execute(_SET_IDS)
        con.execute("DELETE FROM event_mentions WHERE article_id IN "
                    "(SELECT article_id FROM _merge_new)")
        con.execute(_MENTIONS)
        # Only merged events that gained or lost a member change.
        touched = {r.merged_id for r in rows if r.merged_id} | stale | {m for _, m in assigned}
        tables.enter_context(_registered(con, "_merge_touched",
                                         merged_id=_strings(sorted(touched))))
        con.execute("DELETE FROM merged_events WHERE merged_id IN "
                    "(SELECT merged_id FROM _merge_touched)")
        con.execute(_REFRESH)


@contextmanager
def _registered(con: duckdb.DuckDBPyConnection, name: str,
                **columns: pa.Array) -> Iterator[None]:
    con.register(name, pa.table(columns))
    try:
        yield
    finally:
        con.unregister(name)


def _strings(values: Sequence[str]) -> pa.Array:
    return pa.array(values, type=pa.string())


def _stale(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Merged events that lost members since they were written."""
    totals = con.execute(_TOTALS).fetchone()
    if totals is None or totals[0] == totals[1]:
        return set()
    return {str(row[0]) for row in con.execute(_STALE).fetchall()}


@dataclass(frozen=True, slots=True)
class StoredEvent:
    mention: Mention
    merged_id: str | None


def _read(con: duckdb.DuckDBPyConnection, where: str, params: Sequence[object],
          rule: MergeRule) -> list[StoredEvent]:
    """The events ``where`` selects, as mentions, with the merged id each has."""
    keys: dict[tuple[str, str], ActorKey] = {
        (row[0], row[1]): actor_key(row[2], row[3], row[4], row[5], person=bool(row[6]))
        for row in con.execute(_ACTORS.format(where=where), params).fetchall()}
    out: list[StoredEvent] = []
    for (article, event, kind, negated, modality, when, trigger, src, tgt, country, admin1,
         lat, lon, precision, merged_id) in con.execute(_EVENTS.format(where=where),
                                                         params).fetchall():
        mention = make_mention(rule, MentionFacts(
            (article, event), kind, negated=bool(negated), modality=modality or "asserted",
            when=when, trigger=trigger or "",
            source=[keys[(article, i)] for i in src or [] if (article, i) in keys],
            target=[keys[(article, i)] for i in tgt or [] if (article, i) in keys],
            place=where_of(country, admin1, lat, lon, precision)))
        out.append(StoredEvent(mention, merged_id))
    return out


def _stored(con: duckdb.DuckDBPyConnection, new: list[Mention],
            rule: MergeRule) -> dict[str, list[Mention]]:
    """Every member of each stored merged event that a new mention could join."""
    if not new:
        return {}
    families = {m.rule.family for m in new}
    types = sorted({t for t, r in rule.types.items() if r.family in families}
                   | {m.type for m in new})
    days: set[date] = set()
    for m in new:
        if m.day is not None:
            first = date.fromordinal(m.day)
            window = rule.date_window_days
            days.update(first + timedelta(days=d) for d in range(-window, window + 1))
        elif m.period != "undated":
            days.add(_first_day(m.period))
    undated = any(m.day is None and m.period == "undated" for m in new)
    out: dict[str, list[Mention]] = defaultdict(list)
    with _registered(con, "_merge_types", type=_strings(types)), \
            _registered(con, "_merge_days", day=pa.array(sorted(days), type=pa.date32())):
        for row in _read(con, _WINDOW, [undated], rule):
            if row.merged_id:
                out[row.merged_id].append(row.mention)
    return dict(out)


def _first_day(period: str) -> date:
    """The first day of a ``YYYY-MM`` or ``YYYY`` period (``events.day`` holds the same)."""
    parts = period.split("-")
    try:
        return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, 1)
    except (ValueError, IndexError):
        return date.min
