"""The actor stage on hand-written sentences, through the real pipeline.

Each test names one behaviour: KB names and the tagger's entities merged, roles from
appositives and titles, nominal actors, within-article coreference, compound actors, and
the country of an actor the text names without one.
"""

from __future__ import annotations

import time
from pathlib import Path

from eventwire.config import Settings
from eventwire.model import Actor, Article, Document
from eventwire.pipeline import Pipeline, Stage


def code(pipeline: Pipeline, text: str, published: str | None = None) -> Document:
    return pipeline.code(Article(text=text, published=published))


def actor_at(doc: Document, words: str, nth: int = 0) -> Actor:
    """The actor one of whose mentions covers the ``nth`` occurrence of ``words``."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(words, start + 1)
    end = start + len(words)
    found = [a for a in doc.actors if any(s < end and start < e for s, e in a.mentions)]
    assert found, f"no actor covers {words!r}; actors: {[a.name for a in doc.actors]}"
    return found[0]


def mentioned(doc: Document, actor: Actor) -> list[str]:
    return [doc.text[s:e] for s, e in actor.mentions]


def code_of(actor: Actor) -> tuple[str | None, str | None]:
    return actor.country, actor.sector


# --- KB names and the tagger's entities ---------------------------------------------------


def test_a_kb_person_resolves_to_country_sector_and_entry(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Erdogan said Turkey would act soon.", published="2019-02-15")
    erdogan = actor_at(doc, "Erdogan")
    assert erdogan.kb_id == "person:recep_tayyip_erdogan"
    assert (erdogan.country, erdogan.sector, erdogan.code) == ("TUR", "GOV", "TURGOV")
    assert erdogan.role == "President of Turkey"


def test_the_kb_corrects_a_tagger_label(pipeline: Pipeline) -> None:
    # The tagger calls a lone "Erdogan" at the start of this sentence a place.
    doc = code(pipeline, "Erdogan said Turkey would act soon.")
    (entity,) = [e for e in doc.entities if e.text == "Erdogan"]
    assert entity.label == "PERSON"
    assert entity.place is None
    assert entity.actor == actor_at(doc, "Erdogan").id


def test_the_kb_corrects_a_country_the_tagger_called_a_person(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Sri Lanka has established diplomatic ties with Iran.")
    (entity,) = [e for e in doc.entities if e.text == "Sri Lanka"]
    assert (entity.label, entity.actor) == ("GPE", actor_at(doc, "Sri Lanka").id)
    assert entity.place is not None and entity.place.country == "LKA"


def test_every_entity_that_names_an_actor_points_at_it(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Putin told Erdogan and Rouhani that the plan would work.")
    ids = {a.id for a in doc.actors}
    for name in ("Putin", "Erdogan", "Rouhani"):
        (entity,) = [e for e in doc.entities if e.text == name]
        assert entity.label == "PERSON"
        assert entity.actor in ids and entity.actor == actor_at(doc, name).id


def test_a_person_role_is_read_on_the_article_date(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Gorbachev said the talks had gone well.", published="1987-06-01")
    gorbachev = actor_at(doc, "Gorbachev")
    assert code_of(gorbachev) == ("RUS", "GOV")
    assert gorbachev.role is not None and "General Secretary" in gorbachev.role


def test_an_armed_group_resolves_to_its_entry(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Fighters of the Nusra Front and the YPG clashed near the town.")
    assert actor_at(doc, "Nusra Front").kb_id == "group:nusra"
    assert code_of(actor_at(doc, "Nusra Front")) == ("SYR", "REB")
    assert actor_at(doc, "YPG").kb_id == "group:ypg"


# --- roles from the words around a name ---------------------------------------------------


def test_an_appositive_gives_an_unknown_person_role_country_and_sector(
        pipeline: Pipeline) -> None:
    doc = code(pipeline, "Anna Petrova, a spokeswoman for Belarus's Ministry of Defence, "
                         "said the drills would go ahead.")
    petrova = actor_at(doc, "Anna Petrova")
    assert petrova.kb_id is None
    assert code_of(petrova) == ("BLR", "GOV")
    assert petrova.role == "spokeswoman for Belarus's Ministry of Defence"
    assert "spokeswoman" in mentioned(doc, petrova)


def test_a_possessed_title_in_apposition_is_the_named_person(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Dmitry Peskov, Putin's spokesman, told reporters there was no plan.")
    peskov = actor_at(doc, "Dmitry Peskov")
    assert peskov.kb_id == "person:dmitry_peskov"
    assert "spokesman" in mentioned(doc, peskov)
    assert actor_at(doc, "Putin").kb_id == "person:vladimir_putin"
    assert actor_at(doc, "Putin") is not peskov


def test_someones_spokesman_is_not_that_someone(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Alexander Lukashenko spoke on Monday. On Tuesday, "
                         "Lukashenko's spokesman denied the report.")
    boss = actor_at(doc, "Lukashenko", nth=1)
    aide = actor_at(doc, "spokesman")
    assert boss.kb_id == "person:alexander_lukashenko"
    assert aide is not boss
    assert code_of(aide) == ("BLR", "GOV")


def test_a_countrys_minister_before_an_unknown_name(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Estonia's foreign minister Mart Kask met his Latvian counterpart.")
    kask = actor_at(doc, "Mart Kask")
    assert code_of(kask) == ("EST", "GOV")
    assert "foreign minister" in mentioned(doc, kask)


def test_a_title_before_a_name_gives_sector_and_role(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Interior Minister Karel Dvorak said the border would stay open.")
    dvorak = actor_at(doc, "Karel Dvorak")
    assert dvorak.sector == "GOV"
    assert dvorak.role == "Interior Minister"


def test_the_complement_of_a_titled_name_gives_its_country(pipeline: Pipeline) -> None:
    doc = code(pipeline, "King Hassan of Morocco said he would host the meeting.")
    assert code_of(actor_at(doc, "Hassan")) == ("MAR", "GOV")


# --- nominal actors ------------------------------------------------------------------------


def test_nationality_and_agent_noun_make_an_actor(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Turkish officials said the crossing would reopen.")
    officials = actor_at(doc, "Turkish officials")
    assert code_of(officials) == ("TUR", "GOV")
    assert officials.kb_id is None


def test_militants_who_belonged_to_a_group_take_its_country(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Moscow says Islamist militants who used to belong to the Nusra Front "
                         "have seized two villages.")
    militants = actor_at(doc, "Islamist militants")
    assert code_of(militants) == ("SYR", "REB")
    assert militants is not actor_at(doc, "Nusra Front")


def test_a_title_joins_the_person_it_names(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Vladimir Putin arrived in Minsk on Tuesday. "
                         "The Russian president said he wanted closer ties.")
    putin = actor_at(doc, "Vladimir Putin")
    assert actor_at(doc, "Russian president") is putin


def test_a_presidents_administration_is_its_own_actor(pipeline: Pipeline) -> None:
    doc = code(pipeline, "The Reagan administration rejected the offer, President Reagan said.",
               published="1985-03-01")
    reagan = actor_at(doc, "President Reagan")
    administration = actor_at(doc, "administration")
    assert reagan.kb_id == "person:ronald_reagan"
    assert administration is not reagan
    assert code_of(administration) == ("USA", "GOV")
    assert "Reagan" in mentioned(doc, reagan)  # the first mention, without "The"


def test_the_bush_administration_is_american(pipeline: Pipeline) -> None:
    doc = code(pipeline, "The Bush administration declared that China must drop its barriers.")
    assert code_of(actor_at(doc, "Bush administration")) == ("USA", "GOV")


def test_ethnic_albanians_belong_where_they_live(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Ethnic Albanians clashed with police near Tetovo, "
                         "Macedonian officials said.")
    albanians = actor_at(doc, "Ethnic Albanians")
    assert code_of(albanians) == ("MKD", "CVL")


# --- places and nationality words ----------------------------------------------------------


def test_a_capital_acting_is_the_government(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Tehran said on Monday it would not attend the talks.")
    tehran = actor_at(doc, "Tehran")
    assert (tehran.kb_id, tehran.code) == ("gov:IRN", "IRNGOV")
    assert "it" in mentioned(doc, tehran)


def test_a_capital_named_as_a_place_is_the_country(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Sri Lanka opened an embassy in Tehran on Wednesday.")
    iran = actor_at(doc, "Tehran")
    assert (iran.name, iran.kb_id, iran.country, iran.sector) == (
        "Iran", "country:IRN", "IRN", None)


def test_a_nationality_adjective_names_its_country(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Serbia flatly rejected an Australian ultimatum on Thursday.")
    australia = actor_at(doc, "Australian")
    assert (australia.name, australia.kb_id) == ("Australia", "country:AUS")
    # An adjective names no entity of its own: the tagger's NORP stays as it was.
    (norp,) = [e for e in doc.entities if e.text == "Australian"]
    assert norp.label == "NORP" and norp.actor == australia.id


def test_a_nationality_before_a_title_is_part_of_the_person(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Turkish President Tayyip Erdogan met the delegation.")
    assert [a.kb_id for a in doc.actors] == ["person:recep_tayyip_erdogan"]


# --- coreference -------------------------------------------------------------------------


def test_surnames_and_pronouns_join_the_person(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Interior Minister Karel Dvorak said the border would stay open. "
                         "Dvorak added that he expected no trouble.")
    dvorak = actor_at(doc, "Karel Dvorak")
    assert mentioned(doc, dvorak) == ["Karel Dvorak", "Dvorak", "he"]
    assert len(doc.actors) == 1


def test_it_joins_the_country_last_acting(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Turkey has not done enough, Moscow said. "
                         "It also said Ankara must keep its side of the bargain.")
    moscow = actor_at(doc, "Moscow")
    assert moscow.kb_id == "gov:RUS"
    assert "It" in mentioned(doc, moscow)
    assert "its" in mentioned(doc, actor_at(doc, "Ankara"))


# --- several actors ----------------------------------------------------------------------


def test_a_compound_subject_is_several_actors(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Russia, Turkey and Iran agreed on Thursday to hold another summit.")
    found = [actor_at(doc, name) for name in ("Russia", "Turkey", "Iran")]
    assert [a.kb_id for a in found] == ["country:RUS", "country:TUR", "country:IRN"]
    assert len({a.id for a in found}) == 3


def test_conjoined_nationalities_make_one_actor_each(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Hungarian and Romanian officials met on Friday.")
    officials = [a for a in doc.actors if a.sector == "GOV"]
    assert sorted(a.country or "" for a in officials) == ["HUN", "ROU"]


# --- a country the text leaves out -----------------------------------------------------------


def test_a_titled_stranger_takes_the_only_country_of_the_sentence(pipeline: Pipeline) -> None:
    doc = code(pipeline, "The Fijian rebels said they would free Prime Minister Jona Tuilagi "
                         "on Sunday.")
    assert code_of(actor_at(doc, "Jona Tuilagi")) == ("FJI", "GOV")


def test_a_titled_stranger_takes_the_articles_dominant_country(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Fijian police arrested two men in Suva on Monday. "
                         "Fiji's opposition called the arrests unlawful. "
                         "Prime Minister Jona Tuilagi said the arrests were lawful.")
    assert code_of(actor_at(doc, "Jona Tuilagi")) == ("FJI", "GOV")


def test_no_country_is_guessed_when_the_story_has_none(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Prime Minister Jona Tuilagi said the arrests were lawful.")
    assert code_of(actor_at(doc, "Jona Tuilagi")) == (None, "GOV")


def test_unnamed_forces_abroad_take_no_country_from_the_place(pipeline: Pipeline) -> None:
    doc = code(pipeline, "All three countries have forces on the ground in Syria.")
    assert code_of(actor_at(doc, "forces")) == (None, "MIL")


def test_a_story_without_actors_has_none(pipeline: Pipeline) -> None:
    doc = code(pipeline, "The weather was mild and the harvest came early this year.")
    assert doc.actors == []


def test_a_stateless_people_with_a_nationality_is_that_countrys(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Syrian Kurds marched in Qamishli.")
    assert code_of(actor_at(doc, "Kurds")) == ("SYR", "CVL")


def test_a_people_of_a_country_belong_to_it(pipeline: Pipeline) -> None:
    doc = code(pipeline, "The Hungarians of Romania protested on Sunday.")
    assert actor_at(doc, "Hungarians").country == "ROU"


def test_a_nationality_on_a_language_names_no_actor(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Estonian officials lifted limits on the Russian language.")
    assert {a.country for a in doc.actors} == {"EST"}


def test_a_bracketed_abbreviation_of_a_name_is_no_person(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Bosnian Journalists Association (AKK) officials demanded an inquiry.")
    assert all(a.kb_id is None or not a.kb_id.startswith("person:") for a in doc.actors)
    assert {a.country for a in doc.actors} == {"BIH"}


# --- long texts ----------------------------------------------------------------------------

_FIRST = ("John", "Maria", "Ahmed", "Li", "Olga", "Pierre", "Sven", "Kofi", "Ana", "Raj")
_SYLLABLES = ("ka", "lo", "mi", "ren", "to", "sa", "vik", "dor", "el", "an")
_ENDINGS = ("smith", "garcia", "khan", "wang", "ivanova", "dubois", "larsen", "mensah", "silva",
            "patel", "brown", "costa")


class _TimedStage:
    """Runs the real stage and adds up the seconds it takes."""

    def __init__(self, stage: Stage) -> None:
        self.stage, self.name, self.requires = stage, stage.name, stage.requires
        self.seconds = 0.0

    def __call__(self, doc: Document) -> None:
        began = time.perf_counter()
        self.stage(doc)
        self.seconds += time.perf_counter() - began


def test_a_long_list_of_names_codes_in_linear_time() -> None:
    # Each name of a list once re-read the words of the whole list before it (the first
    # name's phrase spans the list): 1,000 names took seconds, now a fraction of one.
    def name(i: int) -> str:
        surname = _SYLLABLES[i // 10 % 10] + _SYLLABLES[i // 100 % 10] + _SYLLABLES[i % 7]
        return f"{_FIRST[i % 10]} {surname.capitalize()}{_ENDINGS[i % 12]}"

    text = "Delegates " + ", ".join(name(i) for i in range(1000)) + " met in Geneva."
    pipeline = Pipeline(Settings(), stages=("entities", "actors"))
    timed = _TimedStage(pipeline.stages[1])
    pipeline.stages[1] = timed
    doc = pipeline.code(Article(text=text))
    assert len(doc.actors) > 900
    assert timed.seconds < 2.5, f"actor stage took {timed.seconds:.1f} s for 1,000 names"


def test_a_bracketed_abbreviation_is_the_name_before_it(tmp_path: Path) -> None:
    # A user's file codes "European Union" apart from the shipped "EU": "(EU)" right after
    # the name still stands for the name, so the sentence names one actor, not two.
    path = tmp_path / "mine.tsv"
    path.write_text("kb_id\tname\tcountry\tsector\taliases\n"
                    "org:my_eu\tEuropean Union\tIGO\t\t\n", encoding="utf-8")
    doc = code(Pipeline(Settings(actor_files=(path,))),
               "The Philippines and the European Union (EU) signed a deal.")
    union = actor_at(doc, "European Union")
    assert (union.kb_id, union.country) == ("org:my_eu", "IGO")
    assert mentioned(doc, union) == ["the European Union", "EU"]


def test_a_nominal_takes_the_country_of_the_place_it_is_in(pipeline: Pipeline) -> None:
    doc = code(pipeline, "Lawmakers and officials in Kenya welcomed talks with Somalia and Egypt.")
    assert code_of(actor_at(doc, "Lawmakers")) == ("KEN", "LEG")
    assert code_of(actor_at(doc, "officials")) == ("KEN", "GOV")
