"""The places stage and the gazetteer: hand-built documents, real tables, no spaCy."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.config import Settings
from eventwire.errors import ConfigError
from eventwire.extract.places import PlaceStage, resolve_toponym
from eventwire.gazetteer import Gazetteer, geonames_dir, load_gazetteer, normalise
from eventwire.gazetteer_tables import load_into
from eventwire.model import Article, Document, Entity, Place

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"


@pytest.fixture(scope="module")
def stage() -> PlaceStage:
    return PlaceStage(Settings())


def annotate(text: str, *spans: tuple[str, str], stage: PlaceStage) -> list[Entity]:
    """A document whose entities are the first unclaimed occurrence of each (text, label)."""
    entities: list[Entity] = []
    cursor: dict[str, int] = {}
    for words, label in spans:
        start = text.index(words, cursor.get(words, 0))
        cursor[words] = start + len(words)
        entities.append(Entity(start, start + len(words), words, label))
    entities.sort(key=lambda e: e.start)
    doc = Document(id="test", article=Article(text=text), entities=entities)
    stage(doc)
    return doc.entities


def place_of(entities: list[Entity], words: str) -> Place:
    place = next(e.place for e in entities if e.text == words)
    assert place is not None, f"{words!r} was not resolved"
    return place


def test_stage_declares_its_name_and_needs() -> None:
    assert PlaceStage.name == "places"
    assert PlaceStage.requires == ("entities",)


def test_a_country_resolves_to_its_centre(stage: PlaceStage) -> None:
    entities = annotate("Troops crossed into Syria before dawn.", ("Syria", "GPE"), stage=stage)
    place = place_of(entities, "Syria")
    assert (place.country, place.precision, place.admin1) == ("SYR", "country", None)
    assert place.lat is not None and place.lon is not None
    assert 32 < place.lat < 37 and 35 < place.lon < 42


def test_province_cue_gives_the_admin1(stage: PlaceStage) -> None:
    entities = annotate("Fighting spread across Idlib province overnight.",
                        ("Idlib", "GPE"), stage=stage)
    place = place_of(entities, "Idlib")
    assert place.precision == "admin1"
    assert (place.name, place.country, place.admin1) == ("Idlib", "SYR", "Idlib Governorate")
    assert place.lat == pytest.approx(35.93, abs=0.2)
    assert place.lon == pytest.approx(36.63, abs=0.2)


def test_city_cue_gives_the_city(stage: PlaceStage) -> None:
    entities = annotate("Shells fell on the city of Idlib.", ("Idlib", "GPE"), stage=stage)
    place = place_of(entities, "Idlib")
    assert (place.precision, place.geonames_id, place.admin1) == (
        "city", 169389, "Idlib Governorate")


def test_a_bare_name_takes_the_cue_of_its_other_mentions(stage: PlaceStage) -> None:
    text = "Rebels still hold Idlib region. A convoy reached Idlib on Tuesday."
    entities = annotate(text, ("Idlib", "GPE"), ("Idlib", "GPE"), stage=stage)
    assert [e.place.precision if e.place else None for e in entities] == ["admin1", "admin1"]


def test_paris_follows_the_story(stage: PlaceStage) -> None:
    french = annotate("Macron met unions in Paris. France faces a strike.",
                      ("Paris", "GPE"), ("France", "GPE"), stage=stage)
    assert place_of(french, "Paris").country == "FRA"
    texan = annotate("Paris, Texas, voted on a new water tower.",
                     ("Paris", "GPE"), ("Texas", "GPE"), stage=stage)
    assert (place_of(texan, "Paris").country, place_of(texan, "Paris").admin1) == (
        "USA", "Texas")
    assert place_of(texan, "Texas").precision == "admin1"


def test_other_places_decide_an_ambiguous_name(stage: PlaceStage) -> None:
    war = annotate("Russia sent tanks into Georgia, and shells fell near Tbilisi.",
                   ("Russia", "GPE"), ("Georgia", "GPE"), ("Tbilisi", "GPE"), stage=stage)
    assert place_of(war, "Georgia").precision == "country"
    assert place_of(war, "Georgia").country == "GEO"
    peach = annotate("Storms hit Atlanta and Savannah, and Georgia declared an emergency.",
                     ("Atlanta", "GPE"), ("Savannah", "GPE"), ("Georgia", "GPE"), stage=stage)
    assert (place_of(peach, "Georgia").country, place_of(peach, "Georgia").precision) == (
        "USA", "admin1")


def test_a_nationality_counts_as_a_mention_of_its_country(stage: PlaceStage) -> None:
    entities = annotate("Lebanese troops deployed in Tripoli after the clashes.",
                        ("Lebanese", "NORP"), ("Tripoli", "GPE"), stage=stage)
    assert place_of(entities, "Tripoli").country == "LBN"
    assert next(e for e in entities if e.label == "NORP").place is None


def test_alias_table_names(stage: PlaceStage) -> None:
    entities = annotate("Talks in Kiev turned to Donbas and the Golan Heights.",
                        ("Kiev", "GPE"), ("Donbas", "LOC"), ("Golan Heights", "LOC"),
                        stage=stage)
    kyiv = place_of(entities, "Kiev")
    assert (kyiv.name, kyiv.country, kyiv.precision) == ("Kyiv", "UKR", "city")
    assert place_of(entities, "Donbas").precision == "feature"
    assert place_of(entities, "Golan Heights").country == "SYR"


def test_a_county_takes_the_point_of_its_town(stage: PlaceStage) -> None:
    text = "Deputies in Rapides Parish arrested a man in Alexandria on Friday."
    entities = annotate(text, ("Rapides Parish", "GPE"), ("Alexandria", "GPE"), stage=stage)
    town = place_of(entities, "Alexandria")
    county = place_of(entities, "Rapides Parish")
    assert (town.country, town.admin1) == ("USA", "Louisiana")
    assert (county.precision, county.admin1) == ("feature", "Louisiana")
    assert (county.lat, county.lon) == (town.lat, town.lon)


def test_unknown_and_unlabelled_strings_get_no_place(stage: PlaceStage) -> None:
    text = "Xyzzyville said the metro in the West had closed, Paris Hilton said."
    entities = annotate(text, ("Xyzzyville", "GPE"), ("metro", "FAC"), ("West", "LOC"),
                        ("Paris Hilton", "PERSON"), stage=stage)
    assert [e.place for e in entities] == [None, None, None, None]


def test_offsets_and_labels_are_untouched(stage: PlaceStage) -> None:
    text = "Aid reached Aleppo and Homs, officials in Damascus said."
    spans = [("Aleppo", "GPE"), ("Homs", "GPE"), ("Damascus", "GPE")]
    entities = annotate(text, *spans, stage=stage)
    assert [(text[e.start:e.end], e.text, e.label) for e in entities] == [
        (words, words, label) for words, label in spans]
    assert all(e.place is not None and e.place.country == "SYR" for e in entities)


def test_resolve_toponym_uses_cues_qualifiers_and_context() -> None:
    province = resolve_toponym("Idlib province")
    assert province is not None and province.precision == "admin1"
    texas = resolve_toponym("Paris, Texas")
    assert texas is not None and texas.admin1 == "Texas"
    state = resolve_toponym("Georgia", context_countries=["USA"])
    assert state is not None and (state.country, state.precision) == ("USA", "admin1")
    assert resolve_toponym("Xyzzyville") is None
    assert resolve_toponym("West") is None


def test_normalise_ignores_case_accents_punctuation_and_the() -> None:
    assert normalise("The Golan Heights") == "golan heights"
    assert normalise("Deir ez-Zor") == normalise("DEIR EZ ZOR")
    assert normalise("Ḩalab") == "halab"
    assert normalise("Łódź") == "lodz"
    assert load_gazetteer().key("St. Louis") == load_gazetteer().key("Saint Louis")


def test_an_alias_pointing_nowhere_names_its_file_and_line(tmp_path: Path) -> None:
    real = Path(__file__).resolve().parents[3] / "src" / "eventwire" / "data" / "places"
    for table in [*real.glob("*.tsv"), *real.glob("*.tsv.gz")]:
        (tmp_path / table.name).write_bytes(table.read_bytes())
    with (tmp_path / "aliases.tsv").open("a", encoding="utf-8") as handle:
        handle.write("Nowhereburg\tNo Such Town\tcity\tUSA\n")
    with pytest.raises(ConfigError, match=r"aliases\.tsv line \d+: no city called 'No Such"):
        load_into(Gazetteer(), tmp_path, geonames_dir())


def test_the_gazetteer_loads_once() -> None:
    # Load time is measured in benchmarks/load_times.py, not asserted here.
    load_gazetteer.cache_clear()
    first = load_gazetteer()
    assert load_gazetteer() is first
    assert len(first.countries) > 240 and len(first.admin1) > 3000


@pytest.mark.shared
def test_the_seed_article_resolves_idlib_to_the_governorate() -> None:
    seed = SHARED / "seed" / "idlib-2019-02-15.txt"
    if not seed.exists():
        pytest.skip(f"../shared is absent: {seed} is needed for the seed article")
    from eventwire.pipeline import Pipeline, register_stage

    register_stage("places", PlaceStage)
    doc = Pipeline(stages=("entities", "places")).code(Article(text=seed.read_text()))
    idlib = [e.place for e in doc.entities if e.text == "Idlib" and e.label in ("GPE", "LOC")]
    assert idlib, "spaCy found no Idlib in the seed"
    assert all(p is not None and (p.country, p.admin1, p.precision) == (
        "SYR", "Idlib Governorate", "admin1") for p in idlib)
