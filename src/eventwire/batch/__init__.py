"""Coding many articles on a Dask cluster: sharded, resumable, written as Parquet.

``run_batch`` lists the inputs, cuts them into shards with stable ids, and codes every shard
not yet marked done on a worker that builds the pipeline once per process. See
``layout.py`` for the output directory and ``plan.py`` for how inputs are cut.
"""

from __future__ import annotations

from .layout import UNKNOWN_MONTH, Layout, ShardResult, published_month, read_failures
from .plan import Plan, Shard, ShardPart, plan_shards, shard_id
from .run import (
    DEFAULT_SHARD_SIZE,
    BatchProgress,
    BatchReport,
    ShardError,
    run_batch,
)
from .shard import (
    ROW_SCHEMA,
    code_shard,
    load_worker_pipeline,
    pipeline_loads,
    read_shard,
    worker_pipeline,
)

__all__ = [
    "DEFAULT_SHARD_SIZE", "ROW_SCHEMA", "UNKNOWN_MONTH", "BatchProgress", "BatchReport", "Layout",
    "Plan", "Shard", "ShardError", "ShardPart", "ShardResult", "code_shard",
    "load_worker_pipeline", "pipeline_loads", "plan_shards", "published_month", "read_failures",
    "read_shard", "run_batch", "shard_id", "worker_pipeline",
]
