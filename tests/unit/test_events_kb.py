"""The event-coding knowledge base: shipped tables, indexes, user files and errors."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from eventwire.errors import ConfigError
from eventwire.events_kb import (
    CameoCode,
    EventKB,
    PloverMapping,
    TriggerPattern,
    load_event_kb,
)
from eventwire.events_kb_patterns import PATTERN_COLUMNS, PatternRow, index_forms, regular_forms

PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
CAMEO2PLOVER = SHARED / "eval" / "plover-gsr" / "CAMEO2PLOVER-2021.txt"
HEADER = "cameo\tkind\tlemma\tparticle\tobject\tprep\tnote\n"


@pytest.fixture(scope="module")
def kb() -> EventKB:
    return load_event_kb()


def _quad(root: int) -> int:
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def _write(tmp_path: Path, body: str, name: str = "extra.tsv") -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_shipped_tables_parse_with_every_root_and_many_patterns(kb: EventKB) -> None:
    roots = {c.root for c in kb.codes.values()}
    assert roots == {f"{n:02d}" for n in range(1, 21)}
    assert len(kb.codes) >= 290
    assert len(kb.patterns) >= 1500
    assert {p.kind for p in kb.patterns} == {"verb", "noun", "phrase", "stance"}
    assert {c.kind for c in kb.cues} == {"negation", "future", "hypothetical", "proposed",
                                         "denied"}


def test_every_pattern_names_a_known_code_and_well_formed_lemma(kb: EventKB) -> None:
    for p in kb.patterns:
        assert p.cameo in kb.codes, p.source
        assert p.lemma == p.lemma.lower().strip(), p.source
        if p.kind == "verb":
            assert " " not in p.lemma, p.source
        if p.kind == "phrase":
            assert len(p.words) >= 2, p.source


def test_every_root_has_trigger_patterns(kb: EventKB) -> None:
    per_root = Counter(p.cameo[:2] for p in kb.patterns)
    assert all(per_root[f"{n:02d}"] >= 40 for n in range(1, 21)), per_root


def test_quad_class_follows_the_root(kb: EventKB) -> None:
    for code in kb.codes.values():
        assert code.quad_class == _quad(int(code.root)), code.code


def test_goldstein_scores_are_on_the_scale(kb: EventKB) -> None:
    for code in kb.codes.values():
        assert -10.0 <= code.goldstein <= 10.0, code.code
    assert kb.cameo("057").goldstein == 8.0
    assert kb.cameo("0874").goldstein == 10.0
    assert kb.cameo("1823").goldstein == -10.0
    assert kb.cameo("130").goldstein == -4.4


def test_plover_types_are_the_sixteen(kb: EventKB) -> None:
    used = {c.plover_type for c in kb.codes.values() if c.plover_type}
    assert used == PLOVER_TYPES
    # CAMEO 01x public statements are not PLOVER events.
    assert all(c.plover_type is None for c in kb.codes.values() if c.root == "01")


def _shared_table() -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    for line in CAMEO2PLOVER.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line.split("#")[0].strip())
        if m:
            table.setdefault(m.group(1), set()).add(m.group(2))
    return table


def test_types_agree_with_the_official_2021_cameo_to_plover_table(kb: EventKB) -> None:
    if not CAMEO2PLOVER.is_file():
        pytest.skip(f"../shared is absent: {CAMEO2PLOVER} not found")
    table = _shared_table()
    assert len(table) > 250
    mismatches = {code: (sorted(types), kb.get_cameo(code) and kb.cameo(code).plover_type)
                  for code, types in table.items()
                  if kb.get_cameo(code) is None or kb.cameo(code).plover_type not in types}
    assert mismatches == {}


def test_plover_walks_up_to_the_parent_code() -> None:
    codes = {
        "19": CameoCode("19", "Fight", "ASSAULT", None, ("military",), 4, -10.0),
        "190": CameoCode("190", "Force", "ASSAULT", "firearms", ("military",), 4, -10.0),
        "1901": CameoCode("1901", "Unmapped detail", None, None, (), 4, -10.0),
        "01": CameoCode("01", "Statement", None, None, (), 1, 0.0),
        "010": CameoCode("010", "Statement", None, None, (), 1, 0.0),
    }
    kb = EventKB(codes, (), (), _by_head={})
    assert kb.plover("1901") == PloverMapping("ASSAULT", "firearms", ("military",))
    assert kb.plover("010") is None
    with pytest.raises(KeyError, match="999"):
        kb.plover("999")


def test_shipped_plover_mappings(kb: EventKB) -> None:
    assert kb.plover("057") == PloverMapping("SUPPORT", None, ("diplomatic",))
    assert kb.plover("163") == PloverMapping("COERCE", "restrict", ("diplomatic",))
    assert kb.plover("0841") == PloverMapping("RETREAT", "release", ("legal",))
    assert kb.plover("026") is not None and kb.plover("026") == PloverMapping(
        "REQUEST", "meet", ("diplomatic",))
    assert kb.plover("013") is None


def test_patterns_come_most_specific_first(kb: EventKB) -> None:
    for lemma in ("sign", "pull", "agree", "call", "attack", "impose", "strike", "meet"):
        found = kb.patterns_for(lemma)
        assert found, lemma
        scores = [p.specificity for p in found]
        assert scores == sorted(scores, reverse=True), lemma
    sign = kb.patterns_for("sign", kind="verb")
    assert sign[0].objects and sign[0].cameo == "057"
    assert sign[-1].objects == () and sign[-1].preps == () and sign[-1].particles == ()


def test_brief_examples_are_coded(kb: EventKB) -> None:
    def code(lemma: str, kind: str, *, obj: str = "", prep: str = "", prt: str = "") -> str:
        head = lemma.rsplit(maxsplit=1)[-1] if kind == "noun" else lemma.split(maxsplit=1)[0]
        for p in kb.patterns_for(head):
            if (p.kind == kind and p.lemma == lemma and (obj in p.objects if obj else not p.objects)
                    and (prep in p.preps if prep else not p.preps)
                    and (prt in p.particles if prt else not p.particles)):
                return p.cameo
        raise AssertionError(f"no row for {lemma} {obj} {prep} {prt}")

    assert code("agree", "verb") == "030"
    assert code("sign", "verb", obj="agreement") == "057"
    assert code("pull", "verb", prt="out") == "0874"
    assert code("crack", "verb", prt="down") == "170"
    assert code("impose", "verb", obj="sanction") == "163"
    assert code("launch", "verb", obj="offensive") == "190"
    assert code("open", "verb", obj="fire") == "190"
    assert code("provide", "verb", obj="aid") == "070"
    assert code("accuse", "verb", prep="of") == "112"
    assert code("condemn", "verb") == "111"
    assert code("arrest", "verb") == "173"
    assert code("shell", "verb") == "194"
    assert code("bomb", "verb") == "195"
    assert code("veto", "verb") == "129"
    assert code("call for", "phrase") == "020"
    assert code("airstrike", "noun") == "195"
    assert code("ceasefire", "noun") == "0871"


def test_a_user_file_adds_rows_that_win_ties(tmp_path: Path, kb: EventKB) -> None:
    path = _write(tmp_path, "111\tverb\tfrobnicate\t\t\t\tmade-up verb\n"
                            "043\tverb\tmeet\t\t\t\tthis user codes meetings as hosting\n")
    extended = load_event_kb([path])
    assert kb.patterns_for("frobnicate") == []
    added = extended.patterns_for("frobnicate")
    assert [(p.cameo, p.source) for p in added] == [("111", f"{path}:2")]
    bare_meet = [p for p in extended.patterns_for("meet") if p.specificity == 0]
    assert [p.cameo for p in bare_meet] == ["043", "040"]
    assert len(extended.patterns) == len(kb.patterns) + 2


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("999\tverb\tfrobnicate\t\t\t\t\n", "CAMEO code '999' is not in cameo.tsv"),
        ("111\tadjective\tfrobnicate\t\t\t\t\n", "kind must be one of verb, noun, phrase, stance"),
        ("111\tverb\tcall for\t\t\t\t\n", "use kind phrase"),
        ("111\tphrase\tfrobnicate\t\t\t\t\n", "at least two words"),
        ("111\tverb\tfrobnicate\t\t\t\tnote\tcompound\thave\textra\n", "10 columns"),
        ("111\tverb\tfrobnicate\t\t\t\tnote\t\thave been\n", "single words"),
        ("111\tverb\tfrobnicate\t\t\t\tnote\tplural\n", "subject must be empty or"),
        ("111:999\tverb\tfrobnicate\t\t\t\t\n", "CAMEO code '999' is not in cameo.tsv"),
        ("111\tverb\n", "must be filled"),
        ("111\tverb\tfrobnicate\t\t\tin front of\t\n", "single words"),
    ],
)
def test_a_malformed_row_names_file_and_line(tmp_path: Path, row: str, reason: str) -> None:
    path = _write(tmp_path, "# a comment line\n" + row)
    with pytest.raises(ConfigError) as err:
        load_event_kb([path])
    assert f"{path}:3:" in str(err.value)
    assert reason in str(err.value)


def test_one_file_may_not_code_the_same_trigger_two_ways(tmp_path: Path) -> None:
    path = _write(tmp_path, "111\tverb\tfrobnicate\t\tplan|idea\t\t\n"
                            "120\tverb\tfrobnicate\t\tidea\t\t\n")
    with pytest.raises(ConfigError, match=r"extra\.tsv:3: .*already coded 111 at .*extra\.tsv:2"):
        load_event_kb([path])


def test_an_unreadable_user_file_is_a_config_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.tsv"
    with pytest.raises(ConfigError, match=r"nope\.tsv: cannot read"):
        load_event_kb([missing])


def test_the_load_is_cached_per_file_list(tmp_path: Path) -> None:
    assert load_event_kb() is load_event_kb(())
    path = _write(tmp_path, "111\tverb\tfrobnicate\t\t\t\t\n")
    assert load_event_kb([path]) is load_event_kb((path,))


def test_modality_cues_cover_the_brief(kb: EventKB) -> None:
    by_kind = {kind: {c.cue for c in kb.cues_of(kind)}
               for kind in ("negation", "future", "hypothetical", "proposed", "denied")}
    assert {"not", "no", "never", "n't", "neither", "nor", "without", "fail to",
            "refuse to"} <= by_kind["negation"]
    assert {"will", "would", "shall", "plan to", "intend to", "expect to", "set to", "be to",
            "aim to", "prepare to"} <= by_kind["future"]
    assert {"if", "unless", "could", "might", "may"} <= by_kind["hypothetical"]
    assert {"propose", "suggest", "offer to", "call for", "urge"} <= by_kind["proposed"]
    assert {"deny", "dismiss report", "reject claim"} <= by_kind["denied"]


def test_trigger_pattern_head_and_specificity() -> None:
    noun = TriggerPattern("190", "noun", "attack on")
    assert noun.head == "attack"
    assert TriggerPattern("195", "noun", "air strike").head == "strike"
    assert TriggerPattern("020", "phrase", "call for").head == "call"
    full = TriggerPattern("0874", "verb", "pull", ("out",), ("troop",), ("of",))
    assert full.specificity == 8
    assert TriggerPattern("0874", "verb", "withdraw").specificity == 0


def test_intent_and_refusal_tables_recode_by_longest_prefix(kb: EventKB) -> None:
    assert kb.intent("0874") == "0356"  # promising to withdraw: intent to de-escalate
    assert kb.intent("195") == "1384"  # announcing an air strike: a threat of force
    assert kb.intent("071") == "0331"
    assert kb.intent("010") is None
    assert kb.refusal("0841") == "1243"  # refusing to release people
    assert kb.refusal("085") == "1244"
    assert kb.refusal("190") is None  # only cooperation can be refused
    assert all(kb.cameo(c).root in ("03", "13") for c in kb.intents.values())
    assert all(kb.cameo(c).root == "12" for c in kb.refusals.values())


def test_support_verbs_are_read_with_their_particles(kb: EventKB) -> None:
    assert kb.is_support("hold") and kb.is_support("carry", "out")
    assert not kb.is_support("carry") and not kb.is_support("condemn")


def test_stance_rows_and_actor_objects_are_read(kb: EventKB) -> None:
    stances = {p.lemma: p.cameo for p in kb.patterns if p.kind == "stance"}
    assert stances["have no right"] == "120" and stances["must"] == "100"
    call = [p for p in kb.patterns_for("call", kind="verb") if p.cameo == "041"]
    assert call and all(p.objects for p in call)  # a phone call needs a callee
    assert "@actor" in call[-1].objects


def test_patterns_of_kinds_filters_and_keeps_the_order(kb: EventKB) -> None:
    verbs = kb.patterns_of_kinds("strike", ("verb", "phrase"))
    assert verbs and all(p.kind in ("verb", "phrase") for p in verbs)
    scores = [p.specificity for p in verbs]
    assert scores == sorted(scores, reverse=True)
    assert kb.patterns_of_kinds("strike", ("noun",)) == tuple(kb.patterns_for("strike", "noun"))


def test_a_multi_word_object_value_is_split_for_matching() -> None:
    pattern = TriggerPattern("0814", "verb", "ease", (), ("curfew", "state of emergency"), ())
    assert pattern.object_words == frozenset({"curfew"})
    assert pattern.object_phrases == (("state", "of", "emergency"),)
    assert pattern.phrases_by_word["emergency"] == (("state", "of", "emergency"),)


def test_directives_mark_a_user_files_rows(tmp_path: Path) -> None:
    path = tmp_path / "petr.tsv"
    path.write_text("#! replace\n#! literal\n" + HEADER
                    + "064:064\tverb\trestore\t\t\t\t\tcompound\n", encoding="utf-8")
    found = load_event_kb([path]).patterns_for("restore")
    assert [(p.cameo, p.reverse, p.compound, p.literal, p.replaces) for p in found] == [
        ("064", "064", True, True, True)]


def test_an_unknown_directive_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "odd.tsv"
    path.write_text("#! literally\n" + HEADER + "111\tverb\tfrobnicate\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"odd\.tsv:1: unknown directive"):
        load_event_kb([path])


def test_regular_forms_of_a_verb() -> None:
    assert [form for form, _ in regular_forms("stage")] == ["stages", "staged", "staging"]
    assert [form for form, _ in regular_forms("resupply")] == [
        "resupplies", "resupplied", "resupplying"]
    assert [form for form, _ in regular_forms("relaunch")] == [
        "relaunches", "relaunched", "relaunching"]
    assert [form for form, _ in regular_forms("free")] == ["frees", "freed", "freeing"]


def test_a_regular_form_names_its_lemma_with_the_tags_it_is_read_with(kb: EventKB) -> None:
    assert kb.verb_of_form("staged", "VBD") == "stage"  # spaCy's lemma is "stag"
    assert kb.verb_of_form("staged", "NN") is None
    assert kb.verb_of_form("waging", "VBG") == "wage"
    assert kb.verb_of_form("raped", "VBN") == "rape"  # not "rap", whose form is "rapped"
    forms = index_forms(["wage", "wag", "be", "bed"])
    assert forms["waged"][0] == "wage" and "bed" not in forms  # a lemma is no form


def test_the_pattern_columns_are_the_row_fields(tmp_path: Path) -> None:
    row = PatternRow("064", "verb", "restore", note="a note", aux="have")
    assert PATTERN_COLUMNS == ("cameo", "kind", "lemma", "particle", "object", "prep", "note",
                               "subject", "aux")
    path = tmp_path / "rows.tsv"
    path.write_text("\t".join(PATTERN_COLUMNS) + "\n" + "\t".join(row.cells()) + "\n",
                    encoding="utf-8")
    (pattern,) = [p for p in load_event_kb([path]).patterns_for("restore", "verb")
                  if p.source == f"{path}:2"]
    assert (pattern.cameo, pattern.note, pattern.auxes) == ("064", "a note", ("have",))
