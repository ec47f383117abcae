"""The store's tables, its schema version and the forward migrations between versions.

A ``meta`` table holds ``schema_version``. :func:`migrate` applies, in order, every
migration newer than the file's version, each in its own transaction, so a store
written by an older eventwire opens in a newer one. A file newer than this code is
refused rather than guessed at.

Column conventions (every engineer writing or reading the store relies on them):

- Character offsets are ``*_start`` / ``*_end`` (``end`` alone is an SQL keyword), ``[start, end)``
  into ``articles.text``, as in ``eventwire.article/1``.
- A place is spread over ``<prefix>_name, _country, _admin1, _lat, _lon, _geonames_id,
  _precision`` (prefix ``place`` on entities, ``location`` on events and merged events).
- ``events.date`` is the record's value as given (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``);
  ``events.day`` is the first day of that period, or the article's publication date when the
  event has none: it is what filters, dyads and exports sort and group on.
- ``events`` keeps each side's actors as parallel lists (ids, codes, names, countries,
  sectors: one element per actor, NULL where the actor has none) so that queries and exports
  need no join back to ``actors``.
- ``merged_id`` (``events``, ``event_mentions``, ``merged_events``) is filled by
  ``eventwire.store.merge``; it is NULL until then.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from ..errors import ConfigError

SCHEMA_VERSION = 1

_V1 = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);

CREATE TABLE articles (
    id VARCHAR PRIMARY KEY, title VARCHAR, published DATE, published_text VARCHAR,
    source VARCHAR, publisher VARCHAR, url VARCHAR, language VARCHAR, text VARCHAR,
    record JSON, content_hash VARCHAR, input VARCHAR, ingested_at TIMESTAMP
);

CREATE TABLE entities (
    article_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
    label VARCHAR, actor_id VARCHAR,
    place_name VARCHAR, place_country VARCHAR, place_admin1 VARCHAR, place_lat DOUBLE,
    place_lon DOUBLE, place_geonames_id BIGINT, place_precision VARCHAR
);

CREATE TABLE actors (
    article_id VARCHAR, actor_id VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR,
    code VARCHAR, kb_id VARCHAR, role VARCHAR, mention_count INTEGER, first_start INTEGER
);

CREATE TABLE events (
    article_id VARCHAR, event_id VARCHAR, type VARCHAR, mode VARCHAR, context VARCHAR[],
    cameo VARCHAR, quad_class INTEGER, goldstein DOUBLE,
    source_ids VARCHAR[], source_codes VARCHAR[], source_names VARCHAR[],
    source_countries VARCHAR[], source_sectors VARCHAR[],
    target_ids VARCHAR[], target_codes VARCHAR[], target_names VARCHAR[],
    target_countries VARCHAR[], target_sectors VARCHAR[],
    date VARCHAR, day DATE, date_text VARCHAR,
    location_name VARCHAR, location_country VARCHAR, location_admin1 VARCHAR,
    location_lat DOUBLE, location_lon DOUBLE, location_geonames_id BIGINT,
    location_precision VARCHAR,
    negated BOOLEAN, modality VARCHAR, reported_by VARCHAR, reported_by_name VARCHAR,
    trigger_start INTEGER, trigger_end INTEGER, trigger_text VARCHAR,
    evidence_start INTEGER, evidence_end INTEGER, evidence_text VARCHAR,
    in_lead BOOLEAN, confidence DOUBLE, merged_id VARCHAR
);

CREATE TABLE event_mentions (
    merged_id VARCHAR, article_id VARCHAR, event_id VARCHAR,
    sentence_start INTEGER, sentence_end INTEGER,
    actor1_offset INTEGER, actor2_offset INTEGER, action_offset INTEGER,
    confidence DOUBLE
);

CREATE TABLE quotes (
    article_id VARCHAR, quote_id VARCHAR, kind VARCHAR, start_char INTEGER, end_char INTEGER,
    text VARCHAR, speaker_id VARCHAR, speaker_name VARCHAR, speaker_code VARCHAR,
    speaker_text VARCHAR, cue VARCHAR, addressee_ids VARCHAR[], addressee_text VARCHAR
);

CREATE TABLE times (
    article_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
    value VARCHAR
);

CREATE TABLE merged_events (
    merged_id VARCHAR PRIMARY KEY, type VARCHAR, cameo VARCHAR, quad_class INTEGER,
    goldstein DOUBLE, source_code VARCHAR, target_code VARCHAR, date VARCHAR, day DATE,
    location_name VARCHAR, location_country VARCHAR, location_admin1 VARCHAR,
    location_lat DOUBLE, location_lon DOUBLE, location_geonames_id BIGINT,
    location_precision VARCHAR,
    num_mentions INTEGER, num_sources INTEGER, num_articles INTEGER, first_seen TIMESTAMP
);

CREATE TABLE ingest_log (
    input VARCHAR, article_id VARCHAR, status VARCHAR, reason VARCHAR, logged_at TIMESTAMP
);
"""

# Tables holding one article's rows, keyed by ``article_id``: replacing an article deletes
# from each of them.
ARTICLE_TABLES = ("entities", "actors", "events", "event_mentions", "quotes", "times")


@dataclass(frozen=True)
class Migration:
    """Brings a store from ``version - 1`` to ``version``."""

    version: int
    apply: Callable[[duckdb.DuckDBPyConnection], None]


def _create_v1(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(_V1)


# Append only: a released migration never changes, a new version adds one.
MIGRATIONS: tuple[Migration, ...] = (Migration(1, _create_v1),)


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The store's version; 0 for an empty file."""
    has_meta = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
    ).fetchone()
    if not has_meta or not has_meta[0]:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply every migration newer than the store; returns the version reached."""
    current = schema_version(con)
    if current > SCHEMA_VERSION:
        raise ConfigError(
            f"the store has schema version {current}, newer than this eventwire's "
            f"{SCHEMA_VERSION}: upgrade eventwire to open it"
        )
    for migration in MIGRATIONS:
        if migration.version <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            migration.apply(con)
            set_meta(con, "schema_version", str(migration.version))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        current = migration.version
    return current


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])


def get_meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return None if row is None else str(row[0])
