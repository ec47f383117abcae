"""Opening stores: creation, the schema version, forward migration and refusals."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from eventwire.errors import ConfigError, InputError
from eventwire.store import Store
from eventwire.store.connect import connect, has_fts_index
from eventwire.store.schema import MIGRATIONS, SCHEMA_VERSION, migrate, schema_version


def test_a_new_store_is_created_at_the_current_version(tmp_path: Path) -> None:
    path = tmp_path / "new.duckdb"
    with Store.open(path) as store:
        assert schema_version(store.con) == SCHEMA_VERSION
        tables = {r[0] for r in store.con.execute(
            "SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"meta", "articles", "entities", "actors", "events", "event_mentions", "quotes",
            "times", "merged_events", "ingest_log"} <= tables


def test_migrations_are_numbered_one_by_one() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))


def test_migrate_applies_only_what_is_missing(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    try:
        assert schema_version(con) == 0
        assert migrate(con) == SCHEMA_VERSION
        con.execute("INSERT INTO ingest_log (input, status) VALUES ('x', 'failed')")
        assert migrate(con) == SCHEMA_VERSION  # a second run changes nothing
        assert con.execute("SELECT count(*) FROM ingest_log").fetchone() == (1,)
    finally:
        con.close()


def test_a_store_from_a_newer_eventwire_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    with Store.open(path) as store:
        store.con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(ConfigError, match="newer"):
        Store.open(path)
    with pytest.raises(ConfigError, match="newer"):
        Store.open(path, read_only=True)


def test_read_only_needs_an_existing_store(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such store file"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)
    plain = tmp_path / "plain.duckdb"
    duckdb.connect(str(plain)).close()
    with pytest.raises(InputError, match="not an eventwire store"):
        Store.open(plain, read_only=True)


def test_a_file_that_is_not_a_database_is_an_input_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.duckdb"
    junk.write_text("this is not a database\n" * 200, encoding="utf-8")
    with pytest.raises(InputError, match="cannot open the store"):
        Store.open(junk)


def test_the_fts_extension_loads_offline(tmp_path: Path) -> None:
    con = connect(tmp_path / "x.duckdb")
    try:
        loaded = con.execute(
            "SELECT loaded FROM duckdb_extensions() WHERE extension_name = 'fts'").fetchone()
        assert loaded == (True,)
        assert not has_fts_index(con)
    finally:
        con.close()


def test_an_empty_store_gets_an_index_on_first_search(tmp_path: Path) -> None:
    with Store.open(tmp_path / "e.duckdb") as store:
        report = store.ingest([])
        assert report.total == 0 and has_fts_index(store.con)
