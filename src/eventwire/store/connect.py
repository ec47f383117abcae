"""Opening a store file: a DuckDB connection with the full-text extension loaded offline.

The ``fts`` extension ships as a file inside the ``duckdb-extension-fts`` package, pinned to
the DuckDB version; it is loaded from there, and DuckDB's own auto-install (which would
download) is switched off so nothing is fetched at run time.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import duckdb

from ..errors import ConfigError, InputError

FTS_SCHEMA = "fts_main_articles"


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
    row = con.execute(
        "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = ?", [FTS_SCHEMA]
    ).fetchone()
    return bool(row and row[0])


def rebuild_fts_index(con: duckdb.DuckDBPyConnection) -> None:
    """Index title and text of every article (English stemmer and stop words)."""
    con.execute(
        "PRAGMA create_fts_index('articles', 'id', 'title', 'text', "
        "stemmer = 'porter', stopwords = 'english', overwrite = 1)"
    )


def _first_line(err: Exception) -> str:
    return str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
