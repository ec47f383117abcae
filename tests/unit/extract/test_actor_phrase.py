"""Phrase-level actor resolution (``resolve_phrase``): words alone, no parse."""

from __future__ import annotations

import pytest

from eventwire.extract.actor_phrase import (
    ActorMatch,
    find_hits,
    resolve_phrase,
    surname_match,
    words_of,
)
from eventwire.kb import KnowledgeBase, load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def resolve(kb: KnowledgeBase, text: str, *, context: str | None = None,
            date: str | None = None) -> ActorMatch:
    found = resolve_phrase(text, kb, context=context, date=date)
    assert found is not None, text
    return found


@pytest.mark.parametrize(("text", "country", "sector"), [
    ("Turkish officials", "TUR", "GOV"),
    ("the Syrian foreign ministry", "SYR", "GOV"),
    ("Chile's Ministry of Mines", "CHL", "GOV"),
    ("Canadian Ambassador to the United Nations", "CAN", "GOV"),
    ("Russian aircraft", "RUS", "MIL"),
    ("Russian negotiators", "RUS", "GOV"),
    ("British nationals", "GBR", "CVL"),
    ("Israeli peace movement", "ISR", "OPP"),
    ("Shanghai police", "CHN", "COP"),
    ("Kurdish YPG militia", "SYR", "REB"),
    ("the Kremlin", "RUS", "GOV"),
    ("the Pentagon", "USA", "MIL"),
])
def test_country_plus_agent_noun(kb: KnowledgeBase, text: str, country: str,
                                 sector: str) -> None:
    found = resolve(kb, text)
    assert (found.country, found.sector) == (country, sector)


def test_a_kb_person_with_title_keeps_the_kb_entry(kb: KnowledgeBase) -> None:
    found = resolve(kb, "Turkish President Tayyip Erdogan", date="2019-02-15")
    assert (found.kb_id, found.country, found.sector, found.kind) == (
        "person:recep_tayyip_erdogan", "TUR", "GOV", "person")
    assert found.code == "TURGOV"


def test_a_persons_sector_follows_the_date(kb: KnowledgeBase) -> None:
    assert resolve(kb, "Ronald Reagan", date="1985-05-01").sector == "GOV"
    assert resolve(kb, "Ronald Reagan", date="1995-05-01").sector == "ELI"
    assert resolve(kb, "former President Jimmy Carter", date="2010-01-01").sector == "ELI"


def test_someone_elses_aide_is_not_that_someone(kb: KnowledgeBase) -> None:
    aide = resolve(kb, "Putin's spokesman")
    assert (aide.country, aide.sector, aide.kb_id, aide.kind) == ("RUS", "GOV", None, "nominal")
    fighters = resolve(kb, "Hamas's negotiators")
    assert (fighters.country, fighters.sector) == ("PSE", "REB")
    assert resolve(kb, "Putin's").kb_id == "person:vladimir_putin"


def test_ethnic_before_a_nationality_names_a_people_not_a_state(kb: KnowledgeBase) -> None:
    people = resolve(kb, "ethnic Albanians")
    assert (people.country, people.sector) == (None, "CVL")
    rebels = resolve(kb, "ethnic Albanian rebels")
    assert (rebels.country, rebels.sector) == (None, "REB")
    assert resolve(kb, "Albanian rebels").country == "ALB"


def test_a_title_word_is_no_place(kb: KnowledgeBase) -> None:
    # "King" and "Federal" are also towns; as title words they say no country.
    assert (resolve(kb, "King").country, resolve(kb, "King").sector) == (None, "GOV")
    assert resolve(kb, "The Federal Minister for Interior").country is None


def test_a_persons_administration_is_not_the_person(kb: KnowledgeBase) -> None:
    found = resolve(kb, "the Reagan administration", date="1985-01-01")
    assert (found.country, found.sector, found.kb_id) == ("USA", "GOV", None)
    assert resolve(kb, "President Reagan").kb_id == "person:ronald_reagan"


def test_a_small_town_is_no_country_of_the_noun_it_modifies(kb: KnowledgeBase) -> None:
    # Reserve, Louisiana is a town; "Reserve Bank" is no bank of it. Shanghai is a city.
    assert resolve(kb, "Reserve Bank").country is None
    assert resolve(kb, "Shanghai police").country == "CHN"
    # Named alone, a town stands for its country.
    assert resolve(kb, "Puerto Penasco").country == "MEX"


def test_a_shared_surname_names_what_its_bearers_share(kb: KnowledgeBase) -> None:
    found = resolve(kb, "the Bush administration")
    assert (found.country, found.sector) == ("USA", "GOV")


def test_surname_match(kb: KnowledgeBase) -> None:
    in_office = surname_match("Bush", kb, "2003-05-01")
    assert in_office is not None and in_office.kb_id == "person:george_w_bush"
    undated = surname_match("Bush", kb, None)
    assert undated is not None
    assert (undated.country, undated.sector, undated.kb_id) == ("USA", "GOV", None)
    assert surname_match("Hassan", kb, None) is None  # bearers of four countries
    assert surname_match("Putin", kb, None) is None  # one bearer: his alias decides


@pytest.mark.parametrize(("text", "kb_id", "country", "sector"), [
    ("SPLM/A", "group:splm_a", "SDN", "REB"),
    ("NPFL", "group:npfl", "LBR", "REB"),
    ("Forces for Defence of Democracy", "group:fdd_burundi", "BDI", "REB"),
    ("Khmer Rouge", "group:khmer_rouge", "KHM", "REB"),
])
def test_armed_groups_of_past_wars(kb: KnowledgeBase, text: str, kb_id: str, country: str,
                                   sector: str) -> None:
    found = resolve(kb, text)
    assert (found.kb_id, found.country, found.sector) == (kb_id, country, sector)


def test_a_rank_abbreviation_is_military(kb: KnowledgeBase) -> None:
    assert resolve(kb, "Lt. Gen.").sector == "MIL"


def test_context_fills_what_the_phrase_lacks(kb: KnowledgeBase) -> None:
    found = resolve(kb, "the minister", context="Colombian defense")
    assert (found.country, found.sector) == ("COL", "GOV")


@pytest.mark.parametrize("text", ["the blue sky", "", "quickly"])
def test_a_phrase_naming_no_actor_gives_none(kb: KnowledgeBase, text: str) -> None:
    assert resolve_phrase(text, kb) is None


def test_words_keep_abbreviation_dots_but_not_a_full_stop() -> None:
    assert [w.text for w in words_of("Sen. Smith met U.S. officials in Washington.")] == [
        "Sen.", "Smith", "met", "U.S.", "officials", "in", "Washington"]
    assert words_of("Russia's")[0].bare == "Russia"


def test_hits_are_longest_first_and_skip_words_no_name_starts(kb: KnowledgeBase) -> None:
    text = "The Palestinians said the Nusra Front and New Jersey police disagreed."
    hits = find_hits(words_of(text), text, kb, None)
    assert [(h.match.kind, h.match.kb_id, h.match.country) for h in hits] == [
        ("demonym", None, "PSE"), ("group", "group:nusra", "SYR"),
        ("org", "region:new_jersey", "USA")]
    assert [text[words_of(text)[h.first].start:words_of(text)[h.last].end] for h in hits] == [
        "The Palestinians", "the Nusra Front", "New Jersey"]


def test_a_bracketed_abbreviation_after_a_name_is_not_a_persons(kb: KnowledgeBase) -> None:
    text = "Bosnian Journalists Association (AKK) officials"
    assert all(h.match.kind != "person" for h in find_hits(words_of(text), text, kb, None))
    assert resolve(kb, text).country == "BIH"
    assert any(h.match.kind == "person" for h in find_hits(words_of("AKK"), "AKK", kb, None))
