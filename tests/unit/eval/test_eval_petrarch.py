"""The PETRARCH scorer and the PETR dictionary converter on files written for this test."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval_kit import FakeCoder, actor, event, record

from eventwire.eval import petrarch
from eventwire.eval.petrarch import ExtraActor
from eventwire.eval.petrarch_dicts import (
    parse_actor_dictionary,
    parse_agent_dictionary,
    split_code,
    write_actor_tsv,
)

RECORDS = """<Validation>
<Sentences>
<!-- a comment the reader ignores -->
<Sentence date="19950105" id="T-01" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GONGOV" eventcode="043"></EventCoding>
<EventCoding sourcecode="ARN" targetcode="MOR" eventcode="111"></EventCoding>
<Text>
Arnor visited the king of Gondor
and criticised Mordor.
</Text>
<Parse>(ROOT (S))</Parse>
</Sentence>
<Sentence date="19950106" id="T-02" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>The weather in Bree was fine.</Text>
</Sentence>
<Sentence date="19950107" id="T-03" category="ERROR" sentence="true">
<EventCoding error="True"></EventCoding>
<Text>A sentence the coder must refuse.</Text>
</Sentence>
<Sentence date="19950108" id="T-04" category="ACTOR" sentence="true">
<EventCoding sourcecode='"THE ENTS"' targetcode="MOR" eventcode="190"></EventCoding>
<Text>The ents attacked Mordor.</Text>
</Sentence>
</Sentences>
</Validation>
"""

ACTORS = """<!-- a dictionary written for this test
     spanning lines -->
ARNOR [ARN]
+ARNORIAN
GONDOR_KING [GONGOV]  # a comment
MORDOR
\t[MOR <950101]
\t[MORMIL >950102]
BOROMIR [---]
LORIEN [ELR/GAL]
"""

AGENTS = """!PERSON! = MAN, MEN
KING [~GOV]
ORC {} [~REB]
POLICE!PERSON! [~COP]
RELIEF_AGENCY [NGO~] # an agent that is a primary code
"""

VERBS = """&TIES
+RELATIONS
+TIES

--- VISIT [043] ---
VISIT
- * &TIES [064]
"""

T1 = "Arnor visited the king of Gondor and criticised Mordor."
T4 = "The ents attacked Mordor."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / petrarch.RECORDS_FILE).write_text(RECORDS, encoding="utf-8")
    (tmp_path / petrarch.ACTORS_FILE).write_text(ACTORS, encoding="utf-8")
    (tmp_path / petrarch.AGENTS_FILE).write_text(AGENTS, encoding="utf-8")
    (tmp_path / petrarch.VERBS_FILE).write_text(VERBS, encoding="utf-8")
    return tmp_path


def test_split_code() -> None:
    assert split_code("PSEREBHMS") == ("PSE", "REB")
    assert split_code("PSEHMSGOV") == ("PSE", "GOV")
    assert split_code("~GOVMED") == (None, "GOV")
    assert split_code("NGO~") == ("NGO", None)
    assert split_code("IGOEEU") == ("IGO", None)
    assert split_code("---") == (None, None)
    assert split_code("elr/gal") == ("ELR", None)


def test_actor_dictionary() -> None:
    assert parse_actor_dictionary(ACTORS) == [
        ExtraActor("Arnor", ("ARNOR", "Arnorian", "ARNORIAN"), "ARN", None),
        ExtraActor("Gondor King", ("GONDOR KING",), "GON", "GOV", kind="group"),
        ExtraActor("Mordor", ("MORDOR",), "MOR", None, valid_to="1995-01-01"),
        ExtraActor("Mordor", ("MORDOR",), "MOR", "MIL", valid_from="1995-01-02", kind="group"),
        ExtraActor("Lorien", ("LORIEN",), "ELR", None),
    ]


def test_agent_dictionary() -> None:
    agents = parse_agent_dictionary(AGENTS)
    assert [(a.name, a.country_code, a.sector, a.kind) for a in agents] == [
        ("King", None, "GOV", "group"), ("Orc", None, "REB", "group"),
        ("Policeman", None, "COP", "group"), ("Relief Agency", "NGO", None, "ngo")]
    assert agents[0].aliases == ("KING", "king", "Kings", "KINGS", "kings")
    assert agents[1].aliases == ("ORC", "orc")  # {} means no plural
    assert "policemen" in agents[2].aliases
    assert "relief agencies" in agents[3].aliases


def test_actor_tsv(tmp_path: Path) -> None:
    path = write_actor_tsv(parse_actor_dictionary(ACTORS)[:3], tmp_path / "kb.tsv")
    assert path.read_text(encoding="utf-8").splitlines() == [
        "kb_id\tname\tcountry\tsector\taliases\tsector2\tfrom\tto",
        "org:petr_1\tArnor\tARN\t\tARNOR|Arnorian|ARNORIAN\t\t\t",
        "group:petr_2\tGondor King\tGON\tGOV\tGONDOR KING\t\t\t",
        "org:petr_3\tMordor\tMOR\t\tMORDOR\t\t\t1995-01-01",
    ]


def test_reader(folder: Path) -> None:
    gold, errors = petrarch.read_records(folder)
    assert errors == 1
    assert [(g.id, g.date, g.no_events) for g in gold] == [
        ("T-01", "1995-01-05", False), ("T-02", "1995-01-06", True),
        ("T-04", "1995-01-08", False)]
    assert gold[0].text == T1
    assert petrarch.gold_triples(gold[2], root=False) == {(None, "MOR", "190")}


def test_known_scores(folder: Path) -> None:
    coder = FakeCoder({
        T1: record(T1, actors=[actor(T1, "A1", "Arnor", "ARN"),
                               actor(T1, "A2", "king of Gondor", "GON", "GOV", code="GONGOV"),
                               actor(T1, "A3", "Mordor", "MOR")],
                   events=[event(T1, "CONSULT", "visited", cameo="043", source=["A1"],
                                 target=["A2"]),
                           event(T1, "ACCUSE", "criticised", n=2, cameo="112", source=["A1"],
                                 target=["A3"])]),
        T4: record(T4, actors=[actor(T4, "A1", "Mordor", "MOR")],
                   events=[event(T4, "ASSAULT", "attacked", cameo="190", target=["A1"])]),
    })
    report = petrarch.run(folder, coder, None)
    m = report.metrics
    assert report.n == 3
    # full codes: 043 and 190 right, 112 instead of 111 -> tp 2, fp 1, fn 1
    assert m["triple_full_precision"] == pytest.approx(2 / 3)
    assert m["triple_full_recall"] == pytest.approx(2 / 3)
    # roots: 04, 11 and 19 all right
    assert m["triple_root_f1"] == 1.0
    assert m["root_code_accuracy"] == 1.0
    assert m["no_event_accuracy"] == 1.0
    assert [miss.item for miss in report.misses] == ["T-01"]
    # The dictionaries reached the coder as one actor-KB file; dates became published.
    assert len(coder.actor_files) == 1
    assert "\tArnor\tARN\t\t" in coder.actor_files[0]
    assert "\tKing\t" not in coder.actor_files[0]  # an agent without a country is left out
    assert [a.published for a in coder.seen] == ["1995-01-05", "1995-01-06", "1995-01-08"]
    # The verb dictionary reached it as one patterns file that replaces the shipped rows.
    assert len(coder.event_files) == 1
    assert coder.event_files[0].startswith("#! replace\n#! literal\ncameo\tkind\t")
    assert "\n043\tverb\tvisit\t" in coder.event_files[0]
    assert "\n064\tverb\tvisit\t\trelations|ties\t" in coder.event_files[0]


def test_root_code_accuracy_leaves_out_codes_outside_cameo() -> None:
    text = "Arnor visited Gondor."
    gold = [petrarch.PetrRecord("T", None, text, (petrarch.PetrCoding("ARN", "GON", "043"),
                                                  petrarch.PetrCoding("ARN", "GON", "903"),
                                                  petrarch.PetrCoding("GON", "ARN", "043")),
                                False)]
    ours = record(text, actors=[actor(text, "A1", "Arnor", "ARN"),
                                actor(text, "A2", "Gondor", "GON")],
                  events=[event(text, "CONSULT", "visited", cameo="042", source=["A1"],
                                target=["A2"])])
    m = petrarch.score(gold, [ours], cameo_roots=frozenset({"04"})).metrics
    # 903 is no CAMEO code: of the two CAMEO codings one (ARN GON 04) is ours; the
    # reversed GON ARN 04 is not, so roles count.
    assert m["root_code_accuracy"] == 0.5
    assert m["triple_root_recall"] == pytest.approx(1 / 3)


def test_null_actor_compares_as_none() -> None:
    assert petrarch._actor("---") is None
    assert petrarch._actor('"INJURY TOLL"') is None
    assert petrarch._actor("GONGOV") == "GON"


def test_an_event_on_a_no_event_record_costs(folder: Path) -> None:
    text = "The weather in Bree was fine."
    coder = FakeCoder({text: record(text, events=[event(text, "PROTEST", "fine", cameo="141")])})
    m = petrarch.run(folder, coder, None).metrics
    assert m["no_event_accuracy"] == 0.0
    assert m["triple_full_precision"] == 0.0
