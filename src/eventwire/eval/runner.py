"""The gold sets eventwire knows, and running one of them or all of them.

``eval all`` bounds the articles coded per set (``all_limit``) so that it finishes in
about a minute on two cores: the geoparsing files are cut to their first 100 (LGL),
50 (TR-News) and 100 (GeoVirus) articles; every other set is scored in full (PLOVER
152 records, PETRARCH 277, ConfliBERT 1,349 sentences, CASE 2021 522 snippets, PolNeAR
dev 84 articles, MEANTIME 60). ``limit`` overrides these bounds for every set.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import EventwireError, InputError
from . import (
    actors,
    case2021,
    conflibert,
    ecbplus,
    geoparsing,
    meantime,
    petrarch,
    plover_gsr,
    polnear,
)
from .coding import Coder
from .report import SetReport

SetRunner = Callable[[Path, Coder, int | None], SetReport]
Progress = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class EvalSet:
    name: str  # the report's set name
    command: str  # the SET argument of ``eventwire eval``
    where: str  # path under the eval root that ``eval all`` reads
    all_limit: int | None  # items coded by ``eval all`` (None: every item)
    run: SetRunner


SETS: tuple[EvalSet, ...] = (
    EvalSet(plover_gsr.NAME, "plover-gsr", "plover-gsr/PLOVER_GSR_CAMEO.json", None,
            plover_gsr.run),
    EvalSet(petrarch.NAME, "petrarch", "petrarch/PETR.UnitTest.records.xml", None, petrarch.run),
    EvalSet(conflibert.NAME, "conflibert", "conflibert/cameo_class/train.tsv", None,
            conflibert.run),
    EvalSet(case2021.NAME, "case2021", "case2021-task2/snippets.tsv", None, case2021.run),
    EvalSet(polnear.NAME, "polnear", "polnear/dev", None, polnear.run),
    EvalSet(meantime.NAME, "meantime", "meantime", None, meantime.run),
    EvalSet(geoparsing.set_name("lgl"), "geoparsing", "geoparsing/lgl.xml", 100,
            geoparsing.run_file),
    EvalSet(geoparsing.set_name("trnews"), "geoparsing", "geoparsing/TR-News.xml", 50,
            geoparsing.run_file),
    EvalSet(geoparsing.set_name("geovirus"), "geoparsing", "geoparsing/GeoVirus.xml", 100,
            geoparsing.run_file),
    EvalSet(actors.NAME, "actors", "actor-resolution/actor_resolution_cases.json", None,
            lambda path, coder, limit: actors.run(path, coder.settings, limit)),
    EvalSet(ecbplus.NAME, "ecbplus", "ecbplus", None, ecbplus.run),
)

COMMANDS: tuple[str, ...] = (*dict.fromkeys(s.command for s in SETS), "all")


def run_command(command: str, path: Path, coder: Coder, limit: int | None = None,
                progress: Progress | None = None) -> list[SetReport]:
    """Run ``eventwire eval COMMAND PATH``: one set, the geoparsing files, or ``all``."""
    if command == "all":
        return run_all(path, coder, limit, progress)
    matching = [s for s in SETS if s.command == command]
    if not matching:
        raise InputError(command, f"unknown gold set; known: {', '.join(COMMANDS)}")
    if command == "geoparsing" and path.is_dir():
        return [_timed(s, path / Path(s.where).name, coder, limit, progress, catch=False)
                for s in matching if (path / Path(s.where).name).is_file()]
    if command == "geoparsing":
        kind = geoparsing.kind_of(path)
        matching = [s for s in matching if s.name == geoparsing.set_name(kind)]
    return [_timed(matching[0], path, coder, limit, progress, catch=False)]


def run_all(root: Path, coder: Coder, limit: int | None = None,
            progress: Progress | None = None) -> list[SetReport]:
    """Every known set found under ``root``, plus a line for each folder no scorer reads."""
    if not root.is_dir():
        raise InputError(str(root), "expected the folder that holds the gold sets")
    reports = []
    for entry in SETS:
        path = root / entry.where
        if not path.exists():
            reports.append(SetReport(entry.name, status="absent",
                                     reason=f"{entry.where} is not under {root}"))
            continue
        reports.append(_timed(entry, path, coder,
                              limit if limit is not None else entry.all_limit, progress,
                              catch=True))
    covered = {Path(s.where).parts[0] for s in SETS}
    reports.extend(SetReport(p.name, status="no scorer",
                             reason="no scorer is written for this set yet")
                   for p in sorted(root.iterdir()) if p.is_dir() and p.name not in covered)
    return reports


def _timed(entry: EvalSet, path: Path, coder: Coder, limit: int | None,
           progress: Progress | None, *, catch: bool) -> SetReport:
    """Run one set and time it; under ``all`` a bad gold file fails only its own set."""
    if progress:
        progress(f"{entry.name}: {path}" + (f" (first {limit})" if limit else ""))
    started = time.perf_counter()
    try:
        report = entry.run(path, coder, limit)
    except EventwireError as err:
        if not catch:
            raise
        report = SetReport(entry.name, status="failed", reason=str(err))
    report.seconds = time.perf_counter() - started
    return report
