"""The store: one DuckDB file that coded articles are ingested into, batch by batch.

Ingesting is idempotent: an article's id is stable, so the same article twice is stored
once, and one whose record changed (another content hash) is replaced, its old rows
deleted. Each batch is one transaction: an interruption loses at most the batch in
flight. Rows travel as Arrow tables (one ``INSERT ... SELECT`` per table and batch).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import import_module
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import ConfigError, InputError
from ..model import Document, Failure
from ..output import to_record, validation_errors
from .connect import connect, fts_stale, rebuild_fts_index, refresh_stale_index
from .rows import BatchRows, Incoming, TableRows, add_record
from .schema import ARTICLE_TABLES, SCHEMA_VERSION, migrate, schema_version, set_meta

Progress = Callable[[int], None]
MergeHook = Callable[[duckdb.DuckDBPyConnection, list[str]], None]

# Tables a batch writes, in load order.
_LOADED = ("articles", "entities", "actors", "events", "quotes", "times")

_ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"), "VARCHAR[]": pa.list_(pa.string()),
}


@dataclass(frozen=True)
class IngestReport:
    """What one ingest did: articles newly coded, already stored as they are, replaced, failed."""

    coded: int = 0
    unchanged: int = 0
    replaced: int = 0
    failed: list[Failure] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.coded + self.unchanged + self.replaced + len(self.failed)

    def __add__(self, other: IngestReport) -> IngestReport:
        return IngestReport(self.coded + other.coded, self.unchanged + other.unchanged,
                            self.replaced + other.replaced, [*self.failed, *other.failed])

    def summary(self) -> str:
        return (f"coded {self.coded}, unchanged {self.unchanged}, replaced {self.replaced}, "
                f"failed {len(self.failed)}")


@dataclass
class _Tally:
    counts: dict[str, int] = field(
        default_factory=lambda: {"coded": 0, "unchanged": 0, "replaced": 0})
    failed: list[Failure] = field(default_factory=list)

    def report(self) -> IngestReport:
        c = self.counts
        return IngestReport(c["coded"], c["unchanged"], c["replaced"], list(self.failed))


@dataclass(frozen=True)
class _LogRow:
    input: str
    article_id: str | None
    status: str
    reason: str | None


class Store:
    """An open store file. Use :meth:`open`; close it (or use ``with``) when done."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, *, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only
        self._arrow: dict[str, pa.Schema] = {}
        self._merge: MergeHook | None = _merge_hook()

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False,
             refresh_index: bool = True) -> Store:
        """Open (creating and migrating unless ``read_only``) the store at ``path``.

        ``refresh_index=False`` leaves a stale full-text index as it is when opening
        read-only: for a reader that never searches (an export), since the rebuild reads
        every stored article and its memory grows with the store.
        """
        con = _opened(path, read_only)
        if read_only and refresh_index and fts_stale(con):
            # Ingests leave the full-text index stale; a reader gets it rebuilt once, here,
            # when the file can be written for a moment (else it searches the stale index).
            con.close()
            refresh_stale_index(path)
            con = _opened(path, read_only)
        return cls(con, str(path), read_only=read_only)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, kind: type[BaseException] | None, err: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def ingest(self, items: Iterable[Document | Failure], *, batch_size: int = 200,
               progress: Progress | None = None, reindex: bool = False) -> IngestReport:
        """Store coded documents; a Failure is logged and reported. ``progress(n)`` is called
        after each item with the number of items handled so far.

        The full-text index is only marked stale: rebuilding it reads the whole store (about
        0.1 ms per stored article), so it is rebuilt once, by the first search after the
        ingest (or the first read-only open), however many ingests came before.
        ``reindex=True`` rebuilds it at the end of this call instead.
        """
        def incoming() -> Iterator[Incoming | Failure]:
            for item in items:
                if isinstance(item, Failure):
                    yield item
                else:
                    yield make_incoming(item.article.input_name, to_record(item))
        return self._ingest(incoming(), batch_size, progress, reindex)

    def ingest_records(self, records: Iterable[dict[str, Any] | Failure], *,
                       batch_size: int = 200, progress: Progress | None = None,
                       reindex: bool = False) -> IngestReport:
        """Store ``eventwire.article/1`` records (e.g. read back from Parquet) as
        :meth:`ingest` does; each is validated first and an invalid one is reported as
        failed, not stored."""
        def incoming() -> Iterator[Incoming | Failure]:
            for n, record in enumerate(records, start=1):
                yield record if isinstance(record, Failure) else checked_record(record, n)
        return self._ingest(incoming(), batch_size, progress, reindex)

    def refresh_index(self) -> None:
        """Rebuild the full-text index over article titles and texts now."""
        self._transaction(lambda: rebuild_fts_index(self.con))

    def _ingest(self, items: Iterable[Incoming | Failure], batch_size: int,
                progress: Progress | None, reindex: bool) -> IngestReport:
        if self.read_only:
            raise ConfigError(f"{self.path} is open read-only; cannot ingest")
        if batch_size < 1:
            raise ConfigError(f"batch_size must be at least 1, not {batch_size}")
        tally = _Tally()
        batch: list[Incoming | Failure] = []
        for done, item in enumerate(items, start=1):
            batch.append(item)
            if progress is not None:
                progress(done)
            if len(batch) >= batch_size:
                self._write(batch, tally)
                batch = []
        if batch:
            self._write(batch, tally)
        if reindex and fts_stale(self.con):
            self.refresh_index()
        return tally.report()

    def _write(self, batch: list[Incoming | Failure], tally: _Tally) -> None:
        records = [i for i in batch if isinstance(i, Incoming)]
        stored = self._stored_hashes([r.id for r in records])
        log: list[_LogRow] = []
        known = dict(stored)
        latest: dict[str, Incoming] = {}
        for item in batch:
            if isinstance(item, Failure):
                tally.failed.append(item)
                log.append(_LogRow(item.input, None, "failed", item.reason))
                continue
            before = known.get(item.id)
            status = ("coded" if before is None
                      else "unchanged" if before == item.content_hash else "replaced")
            tally.counts[status] += 1
            log.append(_LogRow(item.input, item.id, status, None))
            known[item.id] = item.content_hash
            latest[item.id] = item
        writes = [i for i in latest.values() if stored.get(i.id) != i.content_hash]
        self._transaction(lambda: self._load(writes, [i.id for i in writes if i.id in stored], log))

    def _load(self, writes: list[Incoming], replaced: list[str], log: list[_LogRow]) -> None:
        if replaced:
            for table in ARTICLE_TABLES:
                # Table names come from the schema module, never from input.
                self.con.execute(f"DELETE FROM {table} WHERE list_contains(?, article_id)",
                                 [replaced])
            self.con.execute("DELETE FROM articles WHERE list_contains(?, id)", [replaced])
        if writes:
            rows = BatchRows({t: TableRows.empty(t, self._schema(t).names) for t in _LOADED})
            now = datetime.now(UTC).replace(tzinfo=None)
            for item in writes:
                add_record(rows, item, now)
            for table in _LOADED:
                self._insert(rows.tables[table])
            set_meta(self.con, "fts_stale", "1")
        self._insert(self._log_rows(log))
        if writes and self._merge is not None:
            self._merge(self.con, [i.id for i in writes])

    def _log_rows(self, log: list[_LogRow]) -> TableRows:
        rows = TableRows.empty("ingest_log", self._schema("ingest_log").names)
        at = datetime.now(UTC).replace(tzinfo=None)
        for entry in log:
            rows.add({"input": entry.input, "article_id": entry.article_id,
                      "status": entry.status, "reason": entry.reason, "logged_at": at})
        return rows

    def _insert(self, rows: TableRows) -> None:
        if not rows.count:
            return
        table = pa.table(rows.columns, schema=self._schema(rows.table))
        view = f"_incoming_{rows.table}"
        self.con.register(view, table)
        try:
            self.con.execute(f"INSERT INTO {rows.table} BY NAME SELECT * FROM {view}")
        finally:
            self.con.unregister(view)

    def _schema(self, table: str) -> pa.Schema:
        """The Arrow schema matching ``table``'s columns, read from the database once."""
        if table not in self._arrow:
            cols = self.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns"
                " WHERE table_name = ? ORDER BY ordinal_position", [table]).fetchall()
            try:
                self._arrow[table] = pa.schema([(n, _ARROW_TYPES[t]) for n, t in cols])
            except KeyError as err:
                raise ConfigError(f"store column type {err} has no Arrow mapping") from None
        return self._arrow[table]

    def _stored_hashes(self, ids: list[str]) -> dict[str, str]:
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT id, content_hash FROM articles WHERE list_contains(?, id)", [ids]).fetchall()
        return {str(r[0]): str(r[1]) for r in rows}

    def _transaction(self, work: Callable[[], object]) -> None:
        self.con.execute("BEGIN TRANSACTION")
        try:
            work()
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")


def make_incoming(input_name: str, record: dict[str, Any]) -> Incoming:
    text = json.dumps(record, ensure_ascii=False)
    canonical = json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return Incoming(input_name, record, text, digest)


def checked_record(record: dict[str, Any], number: int) -> Incoming | Failure:
    """The record ready to store, or a Failure naming what makes it invalid."""
    name = _record_name(record, number)
    problems = validation_errors(record) if isinstance(record, dict) else ["not a JSON object"]
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return Failure(name, f"not a valid eventwire.article/1 record: {problems[0]}{more}")
    return make_incoming(name, record)


def _record_name(record: object, number: int) -> str:
    if isinstance(record, dict):
        article = record.get("article")
        url = article.get("url") if isinstance(article, dict) else None
        if isinstance(url, str) and url:
            return url
        if isinstance(record.get("id"), str):
            return f"record {record['id']}"
    return f"record {number}"


def _opened(path: Path | str, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A connection to the store, migrated (writable) or checked to be current (read-only)."""
    con = connect(path, read_only=read_only)
    try:
        if read_only:
            _check_version(con, str(path))
        else:
            migrate(con)
    except BaseException:
        con.close()
        raise
    return con


def _check_version(con: duckdb.DuckDBPyConnection, path: str) -> None:
    version = schema_version(con)
    if version == 0:
        raise InputError(path, "not an eventwire store (no schema version)")
    if version > SCHEMA_VERSION:
        raise ConfigError(f"{path} has schema version {version}, newer than this eventwire's "
                          f"{SCHEMA_VERSION}: upgrade eventwire to open it")
    if version < SCHEMA_VERSION:
        raise ConfigError(f"{path} has schema version {version}; open it once for writing "
                          f"(eventwire ingest) to migrate it to {SCHEMA_VERSION}")


def _merge_hook() -> MergeHook | None:
    """``eventwire.store.merge.assign_merged`` when that module and function exist."""
    try:
        module = import_module("eventwire.store.merge")
    except ModuleNotFoundError as err:
        if err.name != "eventwire.store.merge":
            raise
        return None
    hook = getattr(module, "assign_merged", None)
    return hook if callable(hook) else None
