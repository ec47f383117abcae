"""The actor knowledge base: every shipped file parses and is consistent, lookups answer the
cases news text needs, user files override, and malformed rows name their file and line."""

from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path

import pycountry
import pytest

from eventwire.errors import ConfigError
from eventwire.kb import KnowledgeBase, Metonym, load_kb, normalize
from eventwire.kb_tables import read_kb

ACTORS = resources.files("eventwire") / "data" / "actors"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def _data_rows(name: str) -> list[list[str]]:
    lines = ACTORS.joinpath(name).read_text(encoding="utf-8").splitlines()
    rows = [ln.split("\t") for ln in lines if ln.strip() and not ln.startswith("#")]
    return rows[1:]


def _first(kb: KnowledgeBase, text: str) -> tuple[str, str, str | None]:
    found = kb.by_alias(text)
    assert found, f"no entry for {text!r}"
    return found[0].kb_id, found[0].country, found[0].sector


# --- the shipped files ----------------------------------------------------------------


def test_every_file_parses_with_the_expected_size(kb: KnowledgeBase) -> None:
    types = Counter(e.type for e in kb.entries)
    assert types["country"] == 250
    assert types["organization"] >= 300
    assert types["group"] >= 120
    assert types["region"] >= 10
    assert len(kb.agents) >= 300
    assert sum(len(p.forms) for p in kb.agents) >= 1000


def test_every_iso_3166_country_is_there_plus_kosovo(kb: KnowledgeBase) -> None:
    codes = {c.iso3 for c in kb.countries}
    assert {c.alpha_3 for c in pycountry.countries} | {"XKX"} == codes
    assert all(len(c) == 3 and c.isalpha() and c.isupper() for c in codes)


def test_kb_ids_are_unique_across_organisations_groups_and_regions() -> None:
    ids = [row[0] for name in ("organizations.tsv", "groups.tsv", "regions.tsv")
           for row in _data_rows(name)]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert all(i.split(":")[0] in ("org", "group", "region") for i in ids)


def test_every_code_used_is_a_known_code(kb: KnowledgeBase) -> None:
    for entry in kb.entries:
        assert entry.country in kb.country_codes, entry.kb_id
        for sector in (entry.sector, entry.sector2):
            assert sector is None or sector in kb.sectors, entry.kb_id
    for country in kb.countries:
        assert all(m.metonym.sector in kb.sectors for m in country.metonyms), country.iso3
    for pattern in kb.agents:
        assert pattern.sector in kb.sectors, pattern.pattern
        assert pattern.sector2 is None or pattern.sector2 in kb.sectors, pattern.pattern


def test_no_country_word_belongs_to_two_countries(kb: KnowledgeBase) -> None:
    def owners(words_of: str) -> Counter[str]:
        return Counter(normalize(w.split("=")[0]).casefold()
                       for c in kb.countries for w in set(getattr(c, words_of)))

    names = Counter(normalize(a).casefold() for c in kb.countries for a in {c.name, *c.aliases})
    assert [a for a, n in names.items() if n > 1] == []
    assert [d for d, n in owners("demonyms").items() if n > 1] == []
    places = Counter(normalize(m.place).casefold() for c in kb.countries for m in c.metonyms)
    assert [p for p, n in places.items() if n > 1] == []


def test_country_columns_hold_what_they_should(kb: KnowledgeBase) -> None:
    for country in kb.countries:
        words = (country.name, *country.aliases, *country.demonyms,
                 *(m.place for m in country.metonyms))
        assert all(w == w.strip() and ";" not in w and "=" not in w for w in words), country
        # Demonyms and metonyms are proper names: a shifted column would break this.
        assert all(d[0].isupper() for d in country.demonyms), country.iso3
        assert all(m.place[0].isupper() for m in country.metonyms), country.iso3


def test_agent_forms_are_lower_case_and_unique() -> None:
    forms = [f for row in _data_rows("agents.tsv") for f in row[0].split("|")]
    assert all(f == f.lower() for f in forms)
    assert [f for f, n in Counter(forms).items() if n > 1] == []


def test_load_is_cached_per_process() -> None:
    # Load time is measured in benchmarks/load_times.py, not asserted here.
    assert read_kb().entries
    assert load_kb() is load_kb(())


# --- lookups --------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "country"), [
    ("US", "USA"), ("U.S.", "USA"), ("America", "USA"), ("United States of America", "USA"),
    ("Britain", "GBR"), ("U.K.", "GBR"), ("Great Britain", "GBR"), ("Turkey", "TUR"),
    ("Türkiye", "TUR"), ("Turkiye", "TUR"), ("Ivory Coast", "CIV"), ("Côte d'Ivoire", "CIV"),
    ("Cote d’Ivoire", "CIV"), ("Russian Federation", "RUS"), ("Iran", "IRN"),
    ("Syria", "SYR"), ("North Korea", "PRK"), ("DPRK", "PRK"), ("South Korea", "KOR"),
    ("Burma", "MMR"), ("Czechia", "CZE"), ("Czech Republic", "CZE"), ("Holland", "NLD"),
    ("the Netherlands", "NLD"), ("DRC", "COD"), ("Kosovo", "XKX"), ("Palestine", "PSE"),
    ("Saudi Arabia", "SAU"), ("Bosnia", "BIH"),
])
def test_country_names(kb: KnowledgeBase, text: str, country: str) -> None:
    assert kb.country_of_name(text) == country


def test_short_capital_aliases_match_only_in_capitals(kb: KnowledgeBase) -> None:
    assert kb.by_alias("us") == []
    assert kb.by_alias("is") == []
    assert kb.by_alias("who") == []
    assert _first(kb, "IS") == ("group:isis", "IMG", "REB")
    assert _first(kb, "UN") == ("org:un", "UNO", None)
    assert _first(kb, "WHO") == ("org:who", "UNO", "HLH")
    assert kb.by_alias("labour unions") == []
    assert _first(kb, "Labour") == ("org:uk_labour", "GBR", "PTY")


def test_lower_case_words_are_not_names(kb: KnowledgeBase) -> None:
    assert kb.by_alias("turkey") == []
    assert kb.by_alias("reunion") == []
    assert kb.by_alias("Turkey")[0].kb_id == "country:TUR"
    assert kb.by_alias("Let") == []
    assert kb.by_alias("LeT")[0].kb_id == "group:let"


def test_the_longest_name_wins_over_a_country_inside_it(kb: KnowledgeBase) -> None:
    assert _first(kb, "New Jersey") == ("region:new_jersey", "USA", None)
    assert _first(kb, "Niger Delta") == ("region:niger_delta", "NGA", None)
    assert kb.by_alias("Defense Department") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Jabhat al-Nusra", ("group:nusra", "SYR", "REB")),
    ("Nusra Front", ("group:nusra", "SYR", "REB")),
    ("HTS", ("group:hts", "SYR", "REB")),
    ("Hayat Tahrir al-Sham", ("group:hts", "SYR", "REB")),
    ("Daesh", ("group:isis", "IMG", "REB")),
    ("ISIL", ("group:isis", "IMG", "REB")),
    ("al-Qaeda", ("group:al_qaeda", "IMG", "REB")),
    ("AQAP", ("group:aqap", "YEM", "REB")),
    ("Taliban", ("group:taliban", "AFG", "REB")),
    ("Hezbollah", ("group:hezbollah", "LBN", "REB")),
    ("Hamas’s", ("group:hamas", "PSE", "REB")),
    ("PKK", ("group:pkk", "TUR", "REB")),
    ("Syrian Democratic Forces", ("group:sdf", "SYR", "REB")),
    ("Ansar Allah", ("group:houthis", "YEM", "REB")),
    ("al-Shabaab", ("group:al_shabaab", "SOM", "REB")),
    ("Wagner Group", ("group:wagner", "RUS", "MIL")),
    ("Rapid Support Forces", ("group:rsf", "SDN", "MIL")),
    ("Hashd al-Shaabi", ("group:pmf", "IRQ", "MIL")),
    ("Kurdish Peshmerga", ("group:peshmerga", "IRQ", "MIL")),
    ("Polisario", ("group:polisario", "ESH", "REB")),
    ("Jaish-e-Mohammed", ("group:jem_pakistan", "PAK", "REB")),
    ("International Court of Justice", ("org:icj", "UNO", "JUD")),
    ("ICC", ("org:icc", "IGO", "JUD")),
    ("UNIFIL", ("org:unifil", "UNO", "MIL")),
    ("United Nations Security Council", ("org:unsc", "UNO", None)),
    ("SECURITY COUNCIL", ("org:unsc", "UNO", None)),
    ("World Health Organization", ("org:who", "UNO", "HLH")),
    ("World Bank", ("org:world_bank", "IGO", None)),
    ("the European Union", ("org:eu", "EUR", None)),
    ("European Parliament", ("org:european_parliament", "EUR", "LEG")),
    ("Nato", ("org:nato", "IGO", "MIL")),
    ("Red Crescent Society", ("org:ifrc", "NGO", "NGO")),
    ("Doctors Without Borders", ("org:msf", "NGO", "NGO")),
    ("CIA", ("org:cia", "USA", "SPY")),
    ("FSB", ("org:fsb", "RUS", "SPY")),
    ("FBI", ("org:fbi", "USA", "COP")),
    ("B’Tselem", ("org:btselem", "ISR", "NGO")),
    ("United Russia", ("org:united_russia", "RUS", "PTY")),
    ("AKP", ("org:akp", "TUR", "PTY")),
    ("South Ossetia", ("region:south_ossetia", "GEO", "PRE")),
    ("Transnistria", ("region:transnistria", "MDA", "PRE")),
    ("Nagorno-Karabakh", ("region:nagorno_karabakh", "AZE", "PRE")),
    ("Donetsk People's Republic", ("region:donetsk_pr", "UKR", "PRE")),
    ("Northern Cyprus", ("region:northern_cyprus", "CYP", "PRE")),
    ("Somaliland", ("region:somaliland", "SOM", "PRE")),
    ("Republika Srpska", ("region:republika_srpska", "BIH", None)),
])
def test_named_actors(kb: KnowledgeBase, text: str, expected: tuple[str, str, str | None]) -> None:
    assert _first(kb, text) == expected


def test_state_news_agency_has_a_second_sector(kb: KnowledgeBase) -> None:
    tass = kb.by_alias("TASS")[0]
    assert (tass.country, tass.sector, tass.sector2) == ("RUS", "GOV", "JRN")


def test_an_alias_shared_by_two_bodies_returns_both(kb: KnowledgeBase) -> None:
    assert {e.kb_id for e in kb.by_alias("Congress")} == {"org:us_congress", "org:inc"}


@pytest.mark.parametrize(("word", "country"), [
    ("Russian", "RUS"), ("Russians", "RUS"), ("American", "USA"), ("Americans", "USA"),
    ("British", "GBR"), ("Briton", "GBR"), ("Britons", "GBR"), ("Turkish", "TUR"),
    ("Turks", "TUR"), ("Saudi", "SAU"), ("Saudis", "SAU"), ("Belorussian", "BLR"),
    ("Belarusian", "BLR"), ("Belorussians", "BLR"), ("Kazakh", "KAZ"), ("Kazakhs", "KAZ"),
    ("Palestinians", "PSE"), ("Brazilians", "BRA"), ("Ivorian", "CIV"), ("Kosovar", "XKX"),
    ("North Korean", "PRK"), ("South Sudanese", "SSD"), ("Sudanese", "SDN"),
])
def test_demonyms(kb: KnowledgeBase, word: str, country: str) -> None:
    assert kb.country_of_demonym(word) == country


def test_a_misspelt_demonym_is_not_guessed(kb: KnowledgeBase) -> None:
    assert kb.country_of_demonym("Kazahks") is None


@pytest.mark.parametrize(("word", "country", "sector"), [
    ("Moscow", "RUS", "GOV"), ("Kremlin", "RUS", "GOV"), ("Ankara", "TUR", "GOV"),
    ("Damascus", "SYR", "GOV"), ("Tehran", "IRN", "GOV"), ("Washington", "USA", "GOV"),
    ("White House", "USA", "GOV"), ("Pentagon", "USA", "MIL"), ("the Pentagon", "USA", "MIL"),
    ("State Department", "USA", "GOV"), ("Downing Street", "GBR", "GOV"),
    ("Whitehall", "GBR", "GOV"), ("Élysée", "FRA", "GOV"), ("Elysee", "FRA", "GOV"),
    ("Quai d’Orsay", "FRA", "GOV"), ("Zhongnanhai", "CHN", "GOV"), ("Kyiv", "UKR", "GOV"),
    ("Kiev", "UKR", "GOV"), ("Jerusalem", "ISR", "GOV"), ("Ramallah", "PSE", "GOV"),
    ("Pyongyang", "PRK", "GOV"), ("Islamabad", "PAK", "GOV"), ("Rawalpindi", "PAK", "MIL"),
    ("Kinshasa", "COD", "GOV"), ("Addis Ababa", "ETH", "GOV"), ("New Delhi", "IND", "GOV"),
])
def test_metonyms(kb: KnowledgeBase, word: str, country: str, sector: str) -> None:
    assert kb.metonym(word) == Metonym(country, sector)


def test_capitals_that_are_common_words_are_not_metonyms(kb: KnowledgeBase) -> None:
    assert kb.metonym("male") is None
    assert kb.metonym("Malé") == Metonym("MDV", "GOV")
    assert kb.metonym("Victoria") is None


@pytest.mark.parametrize(("phrase", "sector", "sector2"), [
    ("troops", "MIL", None), ("warplane", "MIL", None), ("destroyer", "MIL", None),
    ("air force", "MIL", None), ("national guard", "MIL", None),
    ("cyber police", "COP", None), ("riot police", "COP", None), ("gendarmes", "COP", None),
    ("insurgents", "REB", None), ("mujahideen", "REB", None), ("gunmen", "REB", None),
    ("spokeswoman", "GOV", None), ("prime minister", "GOV", None), ("emir", "GOV", None),
    ("defense ministry", "GOV", "MIL"), ("interior minister", "GOV", "COP"),
    ("lawmakers", "LEG", None), ("sen.", "LEG", None), ("mps", "LEG", None),
    ("supreme court", "JUD", None), ("prosecutor", "JUD", None),
    ("dissidents", "OPP", None), ("political prisoners", "CVL", "OPP"),
    ("protesters", "CVL", "OPP"), ("hopeful", "PTY", None), ("villagers", "CVL", None),
    ("news agency", "JRN", None), ("state news agency", "GOV", "JRN"),
    ("investors", "BUS", None), ("agricultural workers", "AGR", None),
    ("professor", "EDU", None), ("ambulance", "MED", None), ("imam", "REL", None),
    ("muslim leaders", "REL", None), ("displaced", "REF", None), ("smugglers", "CRM", None),
    ("white supremacists", "CRM", None), ("breakaway state", "PRE", None),
    ("partially recognized country", "PRE", None), ("labor union", "LAB", None),
    ("intelligence service", "SPY", None), ("rights group", "NGO", "HRI"),
    ("occupiers", "UNK", None), ("former", "ELI", None), ("negotiators", "GOV", None),
    ("aircraft", "MIL", None), ("nationals", "CVL", None), ("elders", "ELI", None),
    ("lt. gen.", "MIL", None), ("opposition coalition", "OPP", None),
])
def test_agent_words(kb: KnowledgeBase, phrase: str, sector: str,
                     sector2: str | None) -> None:
    found = kb.agent(phrase)
    assert found is not None, phrase
    assert (found.sector, found.sector2) == (sector, sector2)


def test_agent_reports_the_lemma(kb: KnowledgeBase) -> None:
    found = kb.agent("Warplanes")
    assert found is not None and found.pattern == "warplane"


@pytest.mark.parametrize(("phrase", "sector"), [
    ("seoul metropolitan police", "COP"), ("paris railway police", "COP"),
    ("an American destroyer", "MIL"), ("retired vice president", "ELI"),
    ("a disgraced former minister", "ELI"), ("ex-minister", "ELI"),
    ("former rebels", "REB"), ("president of the European Council", "GOV"),
    ("Deputy Minister of Defense", "GOV"),
])
def test_head_agent_of_a_phrase(kb: KnowledgeBase, phrase: str, sector: str) -> None:
    found = kb.head_agent(phrase)
    assert found is not None and found.sector == sector


def test_head_agent_is_none_without_an_agent_noun(kb: KnowledgeBase) -> None:
    assert kb.head_agent("the blue sky") is None


def test_ethnic_is_a_modifier_that_makes_a_people_not_an_elite(kb: KnowledgeBase) -> None:
    ethnic = kb.agent("ethnic")
    assert ethnic is not None and ethnic.modifier and ethnic.sector == "CVL"
    officials = kb.head_agent("ethnic Albanian officials")
    assert officials is not None and officials.sector == "GOV"


def test_may_start_knows_the_first_words_of_names(kb: KnowledgeBase) -> None:
    assert kb.may_start("Nusra")  # of "Nusra Front"
    assert kb.may_start("Russia’s")  # a possessive of a country
    assert kb.may_start("People's")  # of "People's Republic of ...", possessive kept
    assert kb.may_start("U.S.") and kb.may_start("the")
    assert not kb.may_start("yesterday")
    assert not kb.may_start("harvest")


def test_people_named_finds_bearers_of_a_withheld_surname(kb: KnowledgeBase) -> None:
    bush = {e.kb_id for e in kb.people_named("Bush")}
    assert bush == {"person:george_h_w_bush", "person:george_w_bush"}
    assert kb.by_alias("Bush") == []
    assert kb.people_named("Nobodyson") == []


def test_agent_words_are_title_words(kb: KnowledgeBase) -> None:
    assert kb.is_agent_word("King") and kb.is_agent_word("Federal")
    assert not kb.is_agent_word("Shanghai")
    assert kb.ends_agent_phrase("group")  # "rebel group", "human rights group"
    assert not kb.ends_agent_phrase("harvest")


@pytest.mark.parametrize(("text", "expected"), [
    ("SPLM/A", ("group:splm_a", "SDN", "REB")),
    ("SPLA", ("group:splm_a", "SDN", "REB")),
    ("NPFL", ("group:npfl", "LBR", "REB")),
    ("ULIMO", ("group:ulimo", "LBR", "REB")),
    ("FDD", ("group:fdd_burundi", "BDI", "REB")),
    ("FMLN", ("group:fmln", "SLV", "REB")),
    ("Contras", ("group:contras", "NIC", "REB")),
    ("Free Aceh Movement", ("group:gam", "IDN", "REB")),
])
def test_groups_of_past_wars(kb: KnowledgeBase, text: str,
                             expected: tuple[str, str, str | None]) -> None:
    assert _first(kb, text) == expected


def test_ambiguous_acronyms_of_past_groups_are_withheld(kb: KnowledgeBase) -> None:
    # "SPLM" names South Sudan's ruling party since 2011; "RAF" is the Royal Air Force.
    assert kb.by_alias("SPLM") == []
    assert [e.kb_id for e in kb.by_alias("RAF")] == ["org:raf"]


def test_country_name(kb: KnowledgeBase) -> None:
    assert kb.country_name("RUS") == "Russia"
    assert kb.country_name("XKX") == "Kosovo"
    assert kb.country_name("ZZZ") is None


# --- user files -----------------------------------------------------------------------

ORG_HEADER = "kb_id\tname\tcountry\tsector\taliases\tsector2\n"
PEOPLE_HEADER = "kb_id\tname\tcountry\tsector\trole\tfrom\tto\taliases\n"


def test_a_user_file_replaces_an_entry_and_adds_one(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(ORG_HEADER
                    + "org:nato\tNorth Atlantic Council\tIGO\tGOV\tNATO|Atlantic Council\t\n"
                    + "group:blue_brigade\tBlue Brigade\tSYR\tREB\tBlue Brigades\n",
                    encoding="utf-8")
    kb = load_kb((path,))
    assert [(e.name, e.sector) for e in kb.by_alias("NATO")] == [
        ("North Atlantic Council", "GOV")]
    assert kb.by_alias("Nato") == []
    added = kb.by_alias("Blue Brigades")
    assert [(e.kb_id, e.type, e.country) for e in added] == [
        ("group:blue_brigade", "group", "SYR")]
    shipped = load_kb()
    assert shipped.by_alias("Nato")[0].name == "NATO"


def test_a_name_a_user_file_lists_means_the_users_entry(tmp_path: Path) -> None:
    # The shipped KB codes Kuwait KWT; a user's file that codes it KUW is what it promises:
    # an override, not a second reading behind the shipped one.
    path = tmp_path / "mine.tsv"
    path.write_text(ORG_HEADER + "org:my_kuwait\tKuwait\tKUW\t\t\t\n", encoding="utf-8")
    kb = load_kb((path,))
    assert [e.country for e in kb.by_alias("Kuwait")] == ["KUW", "KWT"]
    assert load_kb().by_alias("Kuwait")[0].country == "KWT"


def test_organisation_rows_may_be_dated(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(ORG_HEADER.rstrip("\n") + "\tfrom\tto\n"
                    + "org:rhodesia\tZimbabwe\tRHO\t\t\t\t\t1979-06-05\n"
                    + "org:zimbabwe\tZimbabwe\tZBW\t\t\t\t\t\n", encoding="utf-8")
    kb = load_kb((path,))
    rhodesia, zimbabwe = kb.by_alias("Zimbabwe")[:2]
    assert rhodesia.dated and not zimbabwe.dated
    assert rhodesia.valid_on("1978-12-23") and not rhodesia.valid_on("2001-01-01")
    assert not rhodesia.valid_on(None)


def test_a_bad_organisation_date_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(ORG_HEADER.rstrip("\n") + "\tfrom\tto\n" + "org:x\tX\tSYR\t\t\t\tsoon\n",
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"{path}:2: from 'soon' is not YYYY"):
        load_kb((path,))


def test_people_rows_group_into_dated_roles(tmp_path: Path) -> None:
    path = tmp_path / "people.tsv"
    path.write_text(PEOPLE_HEADER
                    + "person:ana_test\tAna Test\tCHL\tGOV\tForeign Minister\t2010-03\t2014\t"
                      "Test\n"
                    + "person:ana_test\tAna Test\tCHL\tGOV\tPresident of Chile\t2018-03-11\t\t"
                      "Ana Test|President Test\n",
                    encoding="utf-8")
    kb = load_kb((path,))
    person = kb.by_alias("Test")[0]
    assert (person.type, person.role, person.country) == ("person", "President of Chile", "CHL")
    assert len(person.roles) == 2
    early = kb.role_on("person:ana_test", "2014-12-31")
    assert early is not None and early.role == "Foreign Minister"
    assert kb.role_on("person:ana_test", "2016-06-01") is None
    now = kb.role_on("person:ana_test", None)
    assert now is not None and now.role == "President of Chile"
    assert kb.by_alias("President Test") == [person]


@pytest.mark.parametrize(("body", "line", "reason"), [
    ("org:x\tX\tSYR\n", 2, "expected 5 to 6 tab-separated fields, found 3"),
    ("org:x\tX\tSYR\tREB\t\n# note\norg:y\tY\tXq\tGOV\t\n", 4, "country 'Xq'"),
    ("org:x\tX\tSYR\tWARLORDS\t\n", 2, "sector 'WARLORDS'"),
    ("x\tX\tSYR\tREB\t\n", 2, "kb_id must look like"),
])
def test_a_malformed_row_names_file_and_line(tmp_path: Path, body: str, line: int,
                                             reason: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(ORG_HEADER + body, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_kb((path,))
    assert f"{path}:{line}: " in str(err.value)
    assert reason in str(err.value)


def test_a_bad_date_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "people.tsv"
    path.write_text(PEOPLE_HEADER + "person:x\tX\tFRA\tGOV\tMayor\tlast spring\t\tX\n",
                    encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"{path}:2: from 'last spring' is not YYYY"):
        load_kb((path,))


def test_a_wrong_header_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("id\tname\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"{path}:1: header must be"):
        load_kb((path,))


def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "missing.tsv"
    with pytest.raises(ConfigError, match="cannot read actor file"):
        load_kb((missing,))


def test_a_user_file_may_bring_its_own_country_code(tmp_path: Path) -> None:
    """Test dictionaries and private codebooks name states the shipped table does not know."""
    extra = tmp_path / "fiction.tsv"
    extra.write_text("kb_id\tname\tcountry\tsector\taliases\n"
                     "org:gondor_army\tArmy of Gondor\tGON\tMIL\tGondor army\n",
                     encoding="utf-8")
    kb = load_kb((extra,))
    (entry,) = kb.by_alias("Gondor army")
    assert (entry.country, entry.sector) == ("GON", "MIL")
