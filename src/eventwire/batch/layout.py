"""Where a batch writes, and how each file lands whole or not at all.

An output directory holds::

    _batch.json                               what was planned (checked on a rerun)
    published_month=YYYY-MM/shard-<id>.parquet one row per coded article
    _failures/shard-<id>.jsonl                 one {"input", "reason"} object per failure
    _done/shard-<id>                           written last: the shard is finished

Every file is written under a temporary name that starts with a dot (Parquet readers skip
such names) and renamed into place, so a reader or a rerun never sees half a file.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..model import Failure

BATCH_FORMAT = "eventwire.batch/1"
UNKNOWN_MONTH = "unknown"
_MONTH = re.compile(r"(\d{4})-(\d{2})")


def published_month(published: str | None) -> str:
    """``YYYY-MM`` of an ISO date or datetime, ``unknown`` when there is none."""
    match = _MONTH.match(published or "")
    return f"{match[1]}-{match[2]}" if match else UNKNOWN_MONTH


@dataclass(frozen=True, slots=True)
class ShardResult:
    """What one shard produced; the done marker holds it as JSON."""

    shard_id: str
    coded: int
    failed: int
    months: tuple[str, ...]
    seconds: float
    worker_pid: int
    pipeline_loads: int
    peak_rss_mib: float = 0.0  # of the worker process so far
    skipped: bool = False

    def to_json(self) -> str:
        return json.dumps({**asdict(self), "skipped": False}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ShardResult:
        data: dict[str, Any] = json.loads(text)
        data["months"] = tuple(data["months"])
        return cls(**data)


@dataclass(frozen=True, slots=True)
class Layout:
    """The paths of one batch output directory."""

    root: Path

    @property
    def manifest(self) -> Path:
        return self.root / "_batch.json"

    def month_dir(self, month: str) -> Path:
        return self.root / f"published_month={month}"

    def parquet(self, shard_id: str, month: str) -> Path:
        return self.month_dir(month) / f"shard-{shard_id}.parquet"

    def failures(self, shard_id: str) -> Path:
        return self.root / "_failures" / f"shard-{shard_id}.jsonl"

    def listing_failures(self) -> Path:
        return self.root / "_failures" / "listing.jsonl"

    def done(self, shard_id: str) -> Path:
        return self.root / "_done" / f"shard-{shard_id}"

    def done_ids(self) -> set[str]:
        folder = self.root / "_done"
        if not folder.is_dir():
            return set()
        return {p.name.removeprefix("shard-") for p in folder.glob("shard-*")}

    def read_done(self, shard_id: str) -> ShardResult | None:
        try:
            text = self.done(shard_id).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        return ShardResult.from_json(text)

    def shard_parquets(self, shard_id: str) -> list[Path]:
        """Month files of a shard present now, from this attempt or an earlier one."""
        return sorted(self.root.glob(f"published_month=*/shard-{shard_id}.parquet"))

    def check_manifest(self, manifest: dict[str, Any]) -> None:
        """Write the plan on the first run; refuse a rerun whose plan differs.

        Shard ids depend on the inputs and the shard size, so a different plan in the same
        directory would leave earlier shards beside new ones and double articles.
        """
        manifest = json.loads(json.dumps({"format": BATCH_FORMAT, **manifest}))
        if self.manifest.exists():
            old = json.loads(self.manifest.read_text(encoding="utf-8"))
            if old != manifest:
                changed = sorted(k for k in manifest.keys() | old.keys()
                                 if old.get(k) != manifest.get(k))
                raise ConfigError(
                    f"{self.root} holds another batch (its {', '.join(changed)} differ); "
                    "rerun with the same inputs, shard size and settings, or use a new --out"
                )
            return
        write_atomic(self.manifest, json.dumps(manifest, indent=1, sort_keys=True) + "\n")


def read_failures(out_dir: Path | str, shard_ids: Iterable[str] | None = None
                  ) -> Iterator[Failure]:
    """Failures recorded in a batch output directory (of the given shards, else of all)."""
    layout = Layout(Path(out_dir))
    if shard_ids is None:
        paths = sorted((layout.root / "_failures").glob("*.jsonl"))
    else:
        paths = [layout.failures(s) for s in shard_ids]
    for path in paths:
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                data = json.loads(line)
                yield Failure(data["input"], data["reason"])


def temp_name(final: Path) -> Path:
    """A unique hidden name beside ``final``: two attempts at one shard never share one."""
    return final.with_name(f".{final.name}.{uuid.uuid4().hex[:12]}.tmp")


def write_atomic(final: Path, text: str) -> None:
    """``final`` holds ``text`` whole, or keeps what it held before."""
    final.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_name(final)
    try:
        temp.write_text(text, encoding="utf-8")
        replace_durably(temp, final)
    finally:
        temp.unlink(missing_ok=True)


def replace_durably(temp: Path, final: Path) -> None:
    """Rename ``temp`` to ``final`` after its data is on disk, so the name never comes first."""
    fd = os.open(temp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    temp.replace(final)


def remove_stale_temps(layout: Layout, shard_id: str) -> None:
    """Temporary files a killed attempt at this shard left behind."""
    for pattern in (f"published_month=*/.shard-{shard_id}.parquet.*.tmp",
                    f"_failures/.shard-{shard_id}.jsonl.*.tmp", f"_done/.shard-{shard_id}.*.tmp"):
        for path in layout.root.glob(pattern):
            path.unlink(missing_ok=True)
