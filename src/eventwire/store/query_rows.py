"""Queries over actors, quotes and the actor network (re-exported by ``store.query``)."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from .connect import has_fts_index
from .filters import EventFilter, Where, check_page, event_where
from .paging import Page, count, iso


@dataclass(frozen=True)
class ActorRow:
    """An actor across the store: one row per knowledge-base id, else per code and name.

    ``name``, ``country`` and ``sector`` are the most frequent values among its mentions;
    ``articles`` counts articles naming it, ``events`` the events it is a source or target of.
    """

    code: str | None
    name: str
    country: str | None
    sector: str | None
    kb_id: str | None
    articles: int
    events: int


@dataclass(frozen=True)
class QuoteRow:
    article_id: str
    quote_id: str
    kind: str
    text: str
    start: int
    end: int
    speaker_id: str | None
    speaker_name: str | None
    speaker_code: str | None
    speaker_text: str | None
    cue: str | None
    title: str | None
    published: str | None


@dataclass(frozen=True)
class Edge:
    """Events from actor code ``source`` to actor code ``target``."""

    source: str
    target: str
    events: int
    mean_goldstein: float | None


@dataclass(frozen=True)
class MapPoint:
    lat: float
    lon: float
    name: str | None
    country: str | None
    events: int


_ACTOR_KEY = "coalesce(t.kb_id, coalesce(upper(t.code), '') || '|' || lower(t.name))"


def list_actors(
    con: duckdb.DuckDBPyConnection, q: str | None = None, limit: int = 50, offset: int = 0
) -> Page[ActorRow]:
    """Actors, those in most events first; ``q`` matches part of a name, code, kb id or role."""
    check_page(limit, offset)
    where = Where()
    if q:
        where = Where("contains(lower(t.name), lower(?)) OR upper(t.code) = upper(?)"
                      " OR t.kb_id = ? OR contains(lower(t.role), lower(?))", [q, q, q, q])
    mentions = f"SELECT {_ACTOR_KEY} AS key, t.* FROM actors t WHERE {where.sql}"
    total = count(con, f"SELECT count(DISTINCT key) FROM ({mentions})", where.params)
    rows = con.execute(
        f"WITH m AS ({mentions}),"
        " ev AS (SELECT article_id, unnest(list_distinct(source_ids || target_ids)) AS actor_id"
        " FROM events),"
        " n AS (SELECT article_id, actor_id, count(*) AS events FROM ev GROUP BY ALL)"
        " SELECT mode(m.code), mode(m.name), mode(m.country), mode(m.sector), any_value(m.kb_id),"
        " count(DISTINCT m.article_id) AS arts, coalesce(sum(n.events), 0) AS evs"
        " FROM m LEFT JOIN n ON n.article_id = m.article_id AND n.actor_id = m.actor_id"
        " GROUP BY m.key ORDER BY evs DESC, arts DESC, mode(m.name), m.key LIMIT ? OFFSET ?",
        [*where.params, limit, offset]).fetchall()
    items = [ActorRow(r[0], r[1], r[2], r[3], r[4], int(r[5]), int(r[6] or 0)) for r in rows]
    return Page(items, total, limit, offset)


def list_quotes(
    con: duckdb.DuckDBPyConnection, speaker: str | None = None, q: str | None = None,
    limit: int = 50, offset: int = 0,
) -> Page[QuoteRow]:
    """Quotes, newest article first; ``speaker`` matches the speaker's name (part), code, kb id
    or the words naming them; ``q`` is part of the quoted text (case-insensitive)."""
    check_page(limit, offset)
    parts: list[str] = ["TRUE"]
    params: list[object] = []
    if speaker:
        parts.append("(contains(lower(u.speaker_name), lower(?)) OR upper(u.speaker_code) ="
                     " upper(?) OR ac.kb_id = ? OR contains(lower(u.speaker_text), lower(?)))")
        params += [speaker, speaker, speaker, speaker]
    if q:
        parts.append("contains(lower(u.text), lower(?))")
        params.append(q)
    source = ("quotes u JOIN articles a ON a.id = u.article_id LEFT JOIN actors ac"
              " ON ac.article_id = u.article_id AND ac.actor_id = u.speaker_id")
    where = " AND ".join(parts)
    total = count(con, f"SELECT count(*) FROM {source} WHERE {where}", params)
    rows = con.execute(
        "SELECT u.article_id, u.quote_id, u.kind, u.text, u.start_char, u.end_char, u.speaker_id,"
        " u.speaker_name, u.speaker_code, u.speaker_text, u.cue, a.title, a.published"
        f" FROM {source} WHERE {where}"
        " ORDER BY a.published DESC NULLS LAST, u.article_id, u.start_char LIMIT ? OFFSET ?",
        [*params, limit, offset]).fetchall()
    return Page([QuoteRow(*map(iso, r)) for r in rows], total, limit, offset)


def network(
    con: duckdb.DuckDBPyConnection, limit: int = 100, *, f: EventFilter | None = None
) -> list[Edge]:
    """The busiest source -> target actor-code pairs (a compound side counts each member)."""
    check_page(limit, 0)
    where = event_where(f, fts=has_fts_index(con)) if f else Where()
    rows = con.execute(
        "SELECT s.code, t.code, count(*) AS n, avg(e.goldstein)"
        " FROM events e JOIN articles a ON a.id = e.article_id,"
        " unnest(e.source_codes) AS s(code), unnest(e.target_codes) AS t(code)"
        f" WHERE s.code IS NOT NULL AND t.code IS NOT NULL AND s.code <> t.code AND {where.sql}"
        " GROUP BY s.code, t.code ORDER BY n DESC, s.code, t.code LIMIT ?",
        [*where.params, limit]).fetchall()
    return [Edge(r[0], r[1], int(r[2]), None if r[3] is None else float(r[3])) for r in rows]
