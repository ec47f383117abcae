"""Opening a store file: a DuckDB connection with the full-text extension loaded offline.

The ``fts`` extension ships as a file inside the ``duckdb-extension-fts`` package, pinned to
the DuckDB version; it is loaded from there, and DuckDB's own auto-install (which would
download) is switched off so nothing is fetched at run time.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources
from pathlib import Path

import duckdb

from ..errors import ConfigError, InputError

FTS_SCHEMA = "fts_main_articles"
_STALE_KEY = "fts_stale"  # meta: "1" while articles changed since the last rebuild


def fts_extension_path() -> Path:
    """The ``fts.duckdb_extension`` file matching the installed DuckDB."""
    version = duckdb.__version__
    path = Path(str(resources.files("duckdb_extension_fts"))) / "extensions" / f"v{version}" / (
        "fts.duckdb_extension"
    )
    if not path.is_file():
        raise ConfigError(
            f"no fts extension for DuckDB {version} at {path}: install the "
            f"duckdb-extension-fts package of the same version"
        )
    return path


def connect(path: Path | str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the store file with ``fts`` loaded; InputError when it cannot be opened."""
    name = str(path)
    if read_only and not Path(name).is_file():
        raise InputError(name, "no such store file")
    config: dict[str, str | bool | int | float | list[str]] = {
        "autoinstall_known_extensions": False, "autoload_known_extensions": False}
    try:
        con = duckdb.connect(name, read_only=read_only, config=config)
    except (duckdb.IOException, duckdb.InvalidInputException) as err:
        raise InputError(name, f"cannot open the store: {_first_line(err)}") from None
    try:
        con.load_extension(str(fts_extension_path()))
    except BaseException:
        con.close()
        raise
    return con


def has_fts_index(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether full-text search can use the index, bringing it up to date first.

    Ingesting marks the index stale instead of rebuilding it (a rebuild reads every stored
    article); the first search after that rebuilds it here, once, when the connection can
    write. A read-only connection searches the index as it is (:func:`refresh_stale_index`
    is how ``Store.open`` keeps readers current).
    """
    if _is_store(con) and fts_stale(con) and not _read_only(con):
        _in_transaction(con, lambda: rebuild_fts_index(con))
    return _index_exists(con)


def fts_stale(con: duckdb.DuckDBPyConnection) -> bool:
    """True when articles were stored or replaced since the index was last built."""
    row = con.execute("SELECT value FROM meta WHERE key = ?", [_STALE_KEY]).fetchone()
    return (row is not None and row[0] == "1") or not _index_exists(con)


def mark_fts_stale(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, '1')", [_STALE_KEY])


def rebuild_fts_index(con: duckdb.DuckDBPyConnection) -> None:
    """Index title and text of every article (English stemmer and stop words) and mark the
    index fresh. The fts extension has no incremental update: this reads every article."""
    con.execute(
        "PRAGMA create_fts_index('articles', 'id', 'title', 'text', "
        "stemmer = 'porter', stopwords = 'english', overwrite = 1)"
    )
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, '0')", [_STALE_KEY])


def refresh_stale_index(path: Path | str) -> bool:
    """Rebuild the stale index of the store file at ``path`` through a short writable
    connection, for a reader about to open it read-only; True when the index is current.

    False, leaving the index as it is, when the file cannot be opened for writing now
    (another process has it open, or this one has it open read-only): searches then
    miss what was stored since the last rebuild, and the next writer or reader that can
    write brings it up to date.
    """
    try:
        con = connect(path)
    except (InputError, duckdb.ConnectionException, duckdb.IOException):
        return False
    try:
        has_fts_index(con)
    finally:
        con.close()
    return True


def _index_exists(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute(
        "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = ?", [FTS_SCHEMA]
    ).fetchone()
    return bool(row and row[0])


def _is_store(con: duckdb.DuckDBPyConnection) -> bool:
    """False for a file the schema was never created in (there is nothing to index)."""
    row = con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main'"
                      " AND table_name IN ('meta', 'articles')").fetchone()
    return bool(row and row[0] == 2)


def _read_only(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute("SELECT current_setting('access_mode')").fetchone()
    return bool(row and row[0] == "read_only")


def _in_transaction(con: duckdb.DuckDBPyConnection, work: Callable[[], None]) -> None:
    """Run ``work`` in a transaction of its own, or in the caller's when one is open."""
    try:
        con.execute("BEGIN TRANSACTION")
    except duckdb.TransactionException:
        work()  # the caller's transaction commits or rolls back the rebuild with its work
        return
    try:
        work()
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def _first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
