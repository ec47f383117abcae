"""people.tsv: the checks of scripts/check_people.py, and dated roles of well-known people."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = ROOT / "src" / "eventwire" / "data" / "actors" / "people.tsv"
HEADER = "kb_id\tname\tcountry\tsector\trole\tfrom\tto\taliases\n"


def _load_checker() -> ModuleType:
    path = ROOT / "scripts" / "check_people.py"
    spec = importlib.util.spec_from_file_location("check_people", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses look their module up in sys.modules while the class is built
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


cp = _load_checker()
# Rows are check_people.PersonRow; the module is loaded by path, so mypy sees them as Any.
Rows = list[Any]


@pytest.fixture(scope="module")
def rows() -> Rows:
    return list(cp.load(PEOPLE))


def test_shipped_file_passes_every_check() -> None:
    problems = cp.check_text(PEOPLE.read_text(encoding="utf-8"))
    assert [str(p) for p in problems] == []


def test_shipped_file_is_large(rows: Rows) -> None:
    summary = cp.summarize(rows)
    assert summary.rows >= 3000
    assert summary.people >= 2500
    assert summary.countries >= 100


# (alias as written in news, date, kb_id, country, sector, role)
SEED_ROLES = [
    ("Putin", "2019-02-15", "person:vladimir_putin", "RUS", "GOV", "President of Russia"),
    ("Vladimir Putin", "2010-06-01", "person:vladimir_putin", "RUS", "GOV",
     "Prime Minister of Russia"),
    ("Peskov", "2019-02-15", "person:dmitry_peskov", "RUS", "GOV", "Kremlin spokesman"),
    ("Dmitry Peskov", "2010-06-01", "person:dmitry_peskov", "RUS", "GOV",
     "Press Secretary of the Prime Minister of Russia"),
    ("Tayyip Erdogan", "2019-02-15", "person:recep_tayyip_erdogan", "TUR", "GOV",
     "President of Turkey"),
    ("Erdoğan", "2010-06-01", "person:recep_tayyip_erdogan", "TUR", "GOV",
     "Prime Minister of Turkey"),
    ("Hassan Rouhani", "2019-02-15", "person:hassan_rouhani", "IRN", "GOV", "President of Iran"),
    ("Bashar Assad", "2019-02-15", "person:bashar_al_assad", "SYR", "GOV", "President of Syria"),
    ("Maria Zakharova", "2019-02-15", "person:maria_zakharova", "RUS", "GOV",
     "Spokesperson of the Ministry of Foreign Affairs of Russia"),
    ("Lavrov", "2019-02-15", "person:sergei_lavrov", "RUS", "GOV",
     "Minister of Foreign Affairs of Russia"),
    ("Cavusoglu", "2019-02-15", "person:mevlut_cavusoglu", "TUR", "GOV",
     "Minister of Foreign Affairs of Turkey"),
    ("Javad Zarif", "2019-02-15", "person:mohammad_javad_zarif", "IRN", "GOV",
     "Minister of Foreign Affairs of Iran"),
    ("Angela Merkel", "2017-04-01", "person:angela_merkel", "DEU", "GOV", "Chancellor of Germany"),
    ("Jean-Yves Le Drian", "2015-05-10", "person:jean_yves_le_drian", "FRA", "GOV",
     "Minister of the Armed Forces of France"),
    ("Le Drian", "2019-02-15", "person:jean_yves_le_drian", "FRA", "GOV",
     "Minister of Foreign Affairs of France"),
    ("Thierry Burkhard", "2022-01-01", "person:thierry_burkhard", "FRA", "MIL",
     "Chief of the Defence Staff of France"),
    ("Kathleen Hicks", "2022-01-01", "person:kathleen_hicks", "USA", "GOV",
     "Deputy Secretary of Defense of the United States"),
    ("Kassym-Jomart Tokayev", "2022-01-01", "person:kassym_jomart_tokayev", "KAZ", "GOV",
     "President of Kazakhstan"),
    ("Nikol Pashinyan", "2022-01-01", "person:nikol_pashinyan", "ARM", "GOV",
     "Prime Minister of Armenia"),
    ("Alexander Lukashenko", "2022-01-01", "person:alexander_lukashenko", "BLR", "GOV",
     "President of Belarus"),
    ("Gitanas Nauseda", "2022-01-01", "person:gitanas_nauseda", "LTU", "GOV",
     "President of Lithuania"),
    ("Ibrahim Mohamed Solih", "2022-01-01", "person:ibrahim_mohamed_solih", "MDV", "GOV",
     "President of the Maldives"),
    ("Mahinda Rajapaksa", "2021-01-01", "person:mahinda_rajapaksa", "LKA", "GOV",
     "Prime Minister of Sri Lanka"),
    ("Hashim Thaci", "2019-01-01", "person:hashim_thaci", "XKX", "GOV", "President of Kosovo"),
    ("Albin Kurti", "2022-01-01", "person:albin_kurti", "XKX", "GOV", "Prime Minister of Kosovo"),
    ("Mohamed Hussein Roble", "2022-03-01", "person:mohamed_hussein_roble", "SOM", "GOV",
     "Prime Minister of Somalia"),
    ("Diego Molano", "2022-01-01", "person:diego_molano", "COL", "GOV",
     "Minister of Defence of Colombia"),
    ("Abu Mohammad al-Jolani", "2019-02-15", "person:ahmed_al_sharaa", "SYR", "REB",
     "Leader of Hayat Tahrir al-Sham"),
    ("Ahmed al-Sharaa", "2025-06-01", "person:ahmed_al_sharaa", "SYR", "GOV", "President of Syria"),
    ("Haibatullah Akhundzada", "2019-02-15", "person:haibatullah_akhundzada", "AFG", "REB",
     "Supreme Leader of the Taliban"),
    ("Haibatullah Akhundzada", "2022-01-01", "person:haibatullah_akhundzada", "AFG", "GOV",
     "Supreme Leader of the Islamic Emirate of Afghanistan"),
    ("Nasrallah", "2019-02-15", "person:hassan_nasrallah", "LBN", "REB",
     "Secretary-General of Hezbollah"),
    ("Abu Bakr al-Baghdadi", "2019-02-15", "person:abu_bakr_al_baghdadi", "IMG", "REB",
     "Leader of the Islamic State"),
    ("Abdul-Malik al-Houthi", "2019-02-15", "person:abdul_malik_al_houthi", "YEM", "REB",
     "Leader of the Houthi movement"),
    ("Shekau", "2019-02-15", "person:abubakar_shekau", "NGA", "REB", "Leader of Boko Haram"),
    ("António Guterres", "2019-02-15", "person:antonio_guterres", "UNO", "GOV",
     "Secretary-General of the United Nations"),
    ("Stoltenberg", "2019-02-15", "person:jens_stoltenberg", "IGO", "GOV",
     "Secretary General of NATO"),
    ("Federica Mogherini", "2019-02-15", "person:federica_mogherini", "EUR", "GOV",
     "High Representative of the Union for Foreign Affairs and Security Policy"),
    # Cold War office holders, for archives of the 1980s.
    ("Reagan", "1985-05-01", "person:ronald_reagan", "USA", "GOV",
     "President of the United States"),
    ("Gorbachev", "1987-06-01", "person:mikhail_gorbachev", "RUS", "GOV",
     "General Secretary of the Communist Party of the Soviet Union"),
    ("Shultz", "1985-05-01", "person:george_shultz", "USA", "GOV",
     "Secretary of State of the United States"),
    ("George H. W. Bush", "1985-05-01", "person:george_h_w_bush", "USA", "GOV",
     "Vice President of the United States"),
]


@pytest.mark.parametrize("case", SEED_ROLES, ids=[f"{c[0]}@{c[1]}" for c in SEED_ROLES])
def test_seed_people_hold_the_right_role(rows: Rows, case: tuple[str, ...]) -> None:
    alias, day, kb_id, country, sector, role = case
    held = cp.roles_on(rows, alias, date.fromisoformat(day))
    found = {(r.kb_id, r.country, r.sector, r.role) for r in held}
    assert (kb_id, country, sector, role) in found
    assert {r.kb_id for r in held} == {kb_id}


@pytest.mark.parametrize(("alias", "day"), [
    ("Hassan Rouhani", "2022-01-01"),
    ("Bashar al-Assad", "2025-03-01"),
    ("Angela Merkel", "2022-01-10"),
    ("Osama bin Laden", "2012-01-01"),
])
def test_former_office_holders_hold_nothing(rows: Rows, alias: str, day: str) -> None:
    assert cp.roles_on(rows, alias, date.fromisoformat(day)) == []


def test_erdogan_changes_office_on_the_day(rows: Rows) -> None:
    before = cp.roles_on(rows, "Erdogan", date(2014, 8, 27))
    after = cp.roles_on(rows, "Erdogan", date(2014, 8, 29))
    assert [r.role for r in before] == ["Prime Minister of Turkey"]
    assert [r.role for r in after] == ["President of Turkey"]


@pytest.mark.parametrize("surname", ["Bush", "Clinton", "Kim", "Khan", "Singh", "Castro",
                                     "Aliyev", "Gandhi", "Sharif", "Bhutto", "Hariri",
                                     "Carter", "Ford"])
def test_ambiguous_surnames_are_not_aliases(rows: Rows, surname: str) -> None:
    assert not [r for r in rows if surname.casefold() in (a.casefold() for a in r.aliases)]


def test_assad_alone_means_bashar(rows: Rows) -> None:
    owners = {r.kb_id for r in rows if "Assad" in r.aliases}
    assert owners == {"person:bashar_al_assad"}
    assert all(r.start >= "2000" for r in rows if r.kb_id == "person:bashar_al_assad")


def test_file_lists_the_withheld_surnames() -> None:
    text = PEOPLE.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.startswith("# Ambiguous surnames")]
    assert lines and "bush" in lines[0] and "clinton" in lines[0]


def _problems(body: str) -> list[str]:
    return [str(p) for p in cp.check_text(HEADER + body)]


def test_checker_accepts_a_good_row() -> None:
    assert _problems("person:a_b\tA B\tRUS\tGOV\tMinister\t2001-02\t2003\tA B|B\n") == []


@pytest.mark.parametrize(("row", "message"), [
    ("person:a_b\tA B\tRUS\tGOV\tMinister\t2001-13-01\t\tA B\n", "from: '2001-13-01'"),
    ("person:a_b\tA B\tRUS\tGOV\tMinister\t2001-02-30\t\tA B\n", "day is out of range"),
    ("person:a_b\tA B\tRUS\tGOV\tMinister\t1990s\t\tA B\n", "is not YYYY"),
    ("person:a_b\tA B\tRUS\tGOV\tMinister\t2005\t2004-12\tA B\n", "from 2005 is after to 2004-12"),
    ("person:a_b\tA B\tXYZ\tGOV\tMinister\t2005\t\tA B\n", "country 'XYZ'"),
    ("person:a_b\tA B\tRUS\tBOSS\tMinister\t2005\t\tA B\n", "sector 'BOSS'"),
    ("leader:a_b\tA B\tRUS\tGOV\tMinister\t2005\t\tA B\n", "kb_id 'leader:a_b'"),
    ("person:a_b\tA B\tRUS\tGOV\tMinister\t2005\t\n", "7 columns"),
    ("person:a_b\tA B\tRUS\tGOV\tMinister\t\t\tA B\n", "from is empty"),
])
def test_checker_reports_a_bad_row(row: str, message: str) -> None:
    problems = _problems(row)
    assert any(message in p for p in problems), problems


def test_checker_accepts_partial_dates_in_the_same_month() -> None:
    assert _problems("person:a_b\tA B\tRUS\tGOV\tMinister\t2005-03-20\t2005-03\tA B\n") == []


def test_checker_reports_a_surname_shared_by_two_people() -> None:
    body = ("person:a_smith\tA Smith\tGBR\tGOV\tMinister\t2001\t\tA Smith|Smith\n"
            "person:b_smith\tB Smith\tUSA\tGOV\tSecretary\t2001\t\tB Smith|Smith\n")
    assert any("alias 'smith' is shared by person:a_smith, person:b_smith" in p
               for p in _problems(body))


def test_checker_allows_one_full_name_for_two_people() -> None:
    body = ("person:john_smith\tJohn Smith\tGBR\tGOV\tMinister\t2001\t\tJohn Smith\n"
            "person:john_smith_2\tJohn Smith\tUSA\tGOV\tSecretary\t2001\t\tJohn Smith\n")
    assert _problems(body) == []


def test_checker_reports_two_names_for_one_kb_id() -> None:
    body = ("person:a_b\tA B\tRUS\tGOV\tMinister\t2001\t2002\tA B\n"
            "person:a_b\tA. B.\tRUS\tGOV\tPresident\t2002\t\tA. B.\n")
    assert any("is named 'A B' elsewhere" in p for p in _problems(body))


def test_checker_reports_a_bad_header() -> None:
    problems = [str(p) for p in cp.check_text("kb_id\tname\n")]
    assert any("header must be" in p for p in problems)
