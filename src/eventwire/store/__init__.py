"""The event database: coded articles in one DuckDB file, queried by the API and exported.

``ingest_inputs`` codes inputs and stores them; ``ingest_parquet`` stores records that
``eventwire batch`` wrote. ``Store`` is the file itself, ``query`` what readers ask of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..config import Settings
from ..pipeline import Pipeline
from .connect import connect
from .parquet_in import read_parquet_records
from .writer import IngestReport, Progress, Store

__all__ = ["DEFAULT_DB", "IngestReport", "Progress", "Store", "connect", "ingest_inputs",
           "ingest_parquet", "read_parquet_records"]

DEFAULT_DB = "eventwire.duckdb"


def ingest_inputs(
    inputs: Sequence[str],
    db: Path | str = DEFAULT_DB,
    settings: Settings | None = None,
    fmt: str | None = None,
    progress: Progress | None = None,
    *,
    pipeline: Pipeline | None = None,
    batch_size: int = 200,
    reindex: bool = False,
) -> IngestReport:
    """Code ``inputs`` (files, directories, globs, ``-``) and store them in ``db``.

    ``pipeline`` reuses an already loaded pipeline (its settings win over ``settings``);
    ``reindex`` is :meth:`Store.ingest`'s.
    """
    from .. import code_inputs

    with Store.open(db) as store:
        pipeline = pipeline or Pipeline(settings)
        return store.ingest(code_inputs(list(inputs), fmt=fmt, pipeline=pipeline),
                            batch_size=batch_size, progress=progress, reindex=reindex)


def ingest_parquet(
    location: Path, db: Path | str = DEFAULT_DB, progress: Progress | None = None,
    *, batch_size: int = 200, reindex: bool = False,
) -> IngestReport:
    """Store the ``eventwire.article/1`` records in the Parquet files at ``location``."""
    with Store.open(db) as store:
        return store.ingest_records(read_parquet_records(location), batch_size=batch_size,
                                    progress=progress, reindex=reindex)
