"""The actor-resolution scorer with a resolver passed in (the library one is not built yet)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from eventwire.config import Settings
from eventwire.eval import actors

CASES = [
    {"test": "t1", "method": "agent_to_code", "args": ["Gondorian soldiers", "", "today"],
     "expect": {"country": "GON", "code_1": "MIL"}},
    {"test": "t2", "method": "agent_to_code", "args": ["the Arnor parliament", "", "2019-05-01"],
     "expect": {"country": "ARN", "code_1": "LEG"}},
    {"test": "t3", "method": "short_text_to_agent", "args": ["village elders"],
     "expect": {"code_1": "CVL"}},
    {"test": "t4", "method": "agent_to_code", "args": ["Bilbo Baggins"], "expect": {},
     "other": ["assert code is None"]},
    {"test": "t5", "method": "agent_to_code", "args": ["Rohirrim"], "expect": {},
     "expect_not": {"country": "GON"}},
    {"test": "t6", "method": "agent_to_code", "args": ["the Ents", "Fangorn", "10 May 2015"],
     "expect": {"country": "ENT"}, "other": ["assert code['code_1'] in ['REB', 'OPP']"]},
    {"test": "t7", "method": "query_wiki", "args": ["Gondor"], "expect": {"title": "Gondor"}},
]


@dataclass(frozen=True)
class Match:
    country: str | None
    sector: str | None


class TableResolver:
    """A stand-in with resolve_phrase's signature, answering from a table."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None, str | None]] = []
        self.table = {"Gondorian soldiers": Match("GON", "MIL"),
                      "the Arnor parliament": Match("GON", "LEG"),
                      "village elders": Match(None, "ELI"),
                      "Bilbo Baggins": Match("HOB", "CVL"),
                      "Rohirrim": Match("ROH", "MIL"),
                      "the Ents": Match("ENT", "REB")}

    def __call__(self, text: str, context: str | None = None, date: str | None = None, *,
                 settings: Settings) -> Match | None:
        self.calls.append((text, context, date))
        return self.table.get(text)


@pytest.fixture
def cases_file(tmp_path: Path) -> Path:
    path = tmp_path / "cases.json"
    path.write_text(json.dumps(CASES), encoding="utf-8")
    return path


def test_reader(cases_file: Path) -> None:
    cases = actors.read_cases(cases_file)
    assert [c.test for c in cases] == ["t1", "t2", "t3", "t4", "t5", "t6"]
    assert cases[0].date is None
    assert cases[3].expects_none
    assert cases[5].sectors == frozenset({"REB", "OPP"})
    assert (cases[5].context, cases[5].date) == ("Fangorn", "2015-05-10")


def test_known_scores(cases_file: Path) -> None:
    resolver = TableResolver()
    report = actors.run(cases_file, Settings(), None, resolver=resolver)
    m = report.metrics
    assert report.n == 6
    assert m["country_accuracy"] == 0.75  # t2 wrong; t1, t5 (not GON), t6 right
    assert m["sector_accuracy"] == 0.75  # t3 wrong; t1, t2, t6 right
    assert m["none_accuracy"] == 0.0  # Bilbo should not resolve
    assert [miss.item for miss in report.misses] == ["t2", "t3", "t4"]
    assert resolver.calls[1] == ("the Arnor parliament", None, "2019-05-01")


def test_not_scorable_until_the_resolver_exists(cases_file: Path) -> None:
    report = actors.run(cases_file, Settings(), None,
                        find=lambda: f"{actors.WAITING_FOR}: no module")
    assert report.status == "not yet scorable"
    assert report.metrics == {}
    assert report.reason is not None and "issue 4" in report.reason
    assert report.to_json()["status"] == "not yet scorable"
