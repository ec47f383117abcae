"""Actor resolution cases (``actor_resolution_cases.json``, from NGEC's tests).

Only the ``agent_to_code`` and ``short_text_to_agent`` cases are scored; their
arguments are [text, context, date]. They run through
``eventwire.extract.actors.resolve_phrase(text, context=, date=, settings=)``; until that
function exists the set is reported as not yet scorable (never as a zero).

Scoring rules:

* ``country_accuracy``: cases that expect a country ("" expects none) or expect a
  country *not* to be given; ``sector_accuracy``: cases that expect a primary sector
  (``code_1``; "" expects none; ``assert code['code_1'] in [...]`` lists the accepted ones).
* ``none_accuracy``: cases that expect no actor at all (``assert code is None``,
  ``assert not code``, a null value): right when the resolver returns None.
* A date argument of "today" is passed as None; other dates as ``YYYY-MM-DD``.
"""

from __future__ import annotations

import inspect
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from ..config import Settings
from ..errors import InputError
from .metrics import ratio
from .report import Metrics, Miss, SetReport, not_scorable

NAME = "actors"
DEFAULT_FILE = "actor_resolution_cases.json"
METHODS = ("agent_to_code", "short_text_to_agent")
WAITING_FOR = "needs actor resolution (issue 4)"
_ACCEPTED = re.compile(r"code\['code_1'\]\s+in\s+\[([^\]]*)\]")
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y")

Expected = frozenset[str | None]


class ActorLike(Protocol):
    @property
    def country(self) -> str | None: ...

    @property
    def sector(self) -> str | None: ...


Resolver = Callable[..., ActorLike | None]


@dataclass(frozen=True, slots=True)
class ActorCase:
    test: str
    text: str
    context: str | None
    date: str | None
    countries: Expected | None  # accepted countries; None: not checked
    not_country: str | None
    sectors: Expected | None
    expects_none: bool


def gold_file(path: Path) -> Path:
    return path / DEFAULT_FILE if path.is_dir() else path


def read_cases(path: Path) -> list[ActorCase]:
    path = gold_file(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise InputError(str(path), f"cannot read actor cases: {err}") from None
    return [_case(item) for item in data if item.get("method") in METHODS]


def _case(item: Mapping[str, Any]) -> ActorCase:
    args = [*item.get("args", []), None, None][:3]
    expect, other = item.get("expect", {}), " ".join(item.get("other", []))
    accepted = _ACCEPTED.search(other)
    sectors: Expected | None = None
    if "code_1" in expect:
        sectors = frozenset({expect["code_1"] or None})
    elif accepted:
        sectors = frozenset(s.strip(" '\"") for s in accepted.group(1).split(","))
    return ActorCase(
        test=str(item.get("test")), text=str(args[0]), context=args[1] or None,
        date=_date(args[2]),
        countries=frozenset({expect["country"] or None}) if "country" in expect else None,
        not_country=item.get("expect_not", {}).get("country"),
        sectors=sectors,
        expects_none=("code is None" in other or "not code" in other
                      or ("__value__" in expect and expect["__value__"] is None)),
    )


def _date(value: str | None) -> str | None:
    if not value or value.strip().lower() == "today":
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def score(cases: Sequence[ActorCase], resolve: Resolver, settings: Settings) -> SetReport:
    """Score ``resolve`` (any function with resolve_phrase's signature) on ``cases``."""
    country: list[bool] = []
    sector: list[bool] = []
    empty: list[bool] = []
    misses: list[Miss] = []
    for case in cases:
        got = resolve(case.text, context=case.context, date=case.date, settings=settings)
        ours_c, ours_s = (got.country, got.sector) if got is not None else (None, None)
        results = []
        if case.countries is not None:
            results.append(ours_c in case.countries)
            country.append(results[-1])
        if case.not_country is not None:
            results.append(ours_c != case.not_country)
            country.append(results[-1])
        if case.sectors is not None:
            results.append(ours_s in case.sectors)
            sector.append(results[-1])
        if case.expects_none:
            results.append(got is None)
            empty.append(results[-1])
        if not all(results):
            misses.append(Miss(case.test, _expected(case), f"{ours_c} {ours_s}",
                               f"{case.text} | context: {case.context} | date: {case.date}"))
    metrics: Metrics = {"country_accuracy": ratio(sum(country), len(country)),
                        "sector_accuracy": ratio(sum(sector), len(sector)),
                        "none_accuracy": ratio(sum(empty), len(empty))}
    return SetReport(NAME, n=len(cases), metrics=metrics, misses=misses)


def _expected(case: ActorCase) -> str:
    if case.expects_none:
        return "no actor"
    parts = [f"country in {sorted(map(str, case.countries))}" if case.countries else "",
             f"country not {case.not_country}" if case.not_country else "",
             f"sector in {sorted(map(str, case.sectors))}" if case.sectors else ""]
    return "; ".join(p for p in parts if p)


def find_resolver() -> Resolver | str:
    """``resolve_phrase`` when the actors stage provides it, else why the set waits.

    The agreed signature takes ``settings=``; a version that takes the knowledge base
    (``kb``) instead is given the KB built from the same settings.
    """
    try:
        from ..extract.actors import resolve_phrase  # type: ignore[attr-defined,import-not-found,unused-ignore]  # built by issue 4
    except ImportError as err:
        return f"{WAITING_FOR}: {err}"
    params = inspect.signature(resolve_phrase).parameters
    if "settings" in params:
        resolver: Resolver = resolve_phrase
        return resolver
    if "kb" in params:
        return _with_kb(resolve_phrase)
    return f"{WAITING_FOR}: resolve_phrase takes neither settings= nor kb"


def _with_kb(resolve: Callable[..., ActorLike | None]) -> Resolver:
    from ..kb import load_kb  # type: ignore[import-not-found,unused-ignore]  # built by issue 4

    def resolver(text: str, *, context: str | None, date: str | None,
                 settings: Settings) -> ActorLike | None:
        return resolve(text, load_kb(settings.actor_files), context=context, date=date)

    return resolver


def run(path: Path, settings: Settings, limit: int | None, resolver: Resolver | None = None,
        find: Callable[[], Resolver | str] = find_resolver) -> SetReport:
    """Score ``resolver``, by default the library's ``resolve_phrase`` when ``find`` has it."""
    found = resolver if resolver is not None else find()
    if isinstance(found, str):
        return not_scorable(NAME, found)
    return score(read_cases(path)[:limit], found, settings)
