"""The eventwire.article/1 serialisation and its validator, on hand-built documents."""

from __future__ import annotations

import copy
from typing import Any

from eventwire.model import Actor, Article, Document, Entity, Event, Place, Quote, Span, TimeRef
from eventwire.output import SCHEMA_ID, schema, to_record, validation_errors

TEXT = 'Leader Ana Lopez said on Monday that Freedonia had agreed. "We are ready," she said.'


def _at(word: str, start: int = 0) -> tuple[int, int]:
    i = TEXT.index(word, start)
    return i, i + len(word)


def _doc() -> Document:
    art = Article(text=TEXT, title="A title", published="2020-03-03", source="Wire",
                  url="https://example.org/a", language="en")
    doc = Document(id="a" * 64, article=art)
    doc.actors = [Actor("A1", "Ana Lopez", "FRE", "GOV", "FREGOV", None, "Leader",
                        [_at("Ana Lopez"), _at("she")]),
                  Actor("A2", "Freedonia", "FRE", None, "FRE", None, None, [_at("Freedonia")])]
    doc.entities = [Entity(*_at("Ana Lopez"), "Ana Lopez", "PERSON", "A1"),
                    Entity(*_at("Freedonia"), "Freedonia", "GPE", "A2",
                           Place("Freedonia", "FRE", None, 1.0, 2.0, None, "country"))]
    doc.times = [TimeRef(*_at("on Monday"), "on Monday", "2020-03-02")]
    doc.events = [Event("E1", "AGREE", Span(*_at("agreed"), "agreed"), Span(0, 58, TEXT[:58]),
                        cameo="030", quad_class=1, goldstein=4.0, source=["A2"],
                        date="2020-03-02", date_text="on Monday", reported_by="A1")]
    doc.quotes = [Quote("Q1", "direct", *_at("We are ready"), "We are ready", "A1", "she", "said")]
    return doc


def test_record_has_the_spec_shape_and_validates() -> None:
    record = to_record(_doc())
    assert record["schema"] == SCHEMA_ID
    assert list(record) == ["schema", "id", "article", "entities", "times", "actors", "events",
                            "quotes"]
    assert validation_errors(record) == []
    assert record["events"][0]["cameo"] == "030"
    assert record["entities"][1]["place"]["precision"] == "country"
    assert "place" not in record["entities"][0]


def test_empty_document_is_valid() -> None:
    doc = Document(id="b" * 64, article=Article(text="Nothing happened."))
    assert validation_errors(to_record(doc)) == []


def _broken(change: Any) -> list[str]:
    record = copy.deepcopy(to_record(_doc()))
    change(record)
    return validation_errors(record)


def test_offsets_that_do_not_match_the_text_are_reported() -> None:
    problems = _broken(lambda r: r["entities"][0].update(start=8))
    assert problems and "entities/0" in problems[0]


def test_dangling_actor_references_are_reported() -> None:
    problems = _broken(lambda r: r["quotes"][0].update(speaker="A9"))
    assert problems == ["quotes/0: actor 'A9' is not in actors"]


def test_schema_rejects_unknown_event_types_and_extra_keys() -> None:
    assert _broken(lambda r: r["events"][0].update(type="GOSSIP"))
    assert _broken(lambda r: r["article"].update(extra={}))
    assert _broken(lambda r: r["times"][0].update(value="2020-3-2"))


def test_shipped_schema_names_the_contract() -> None:
    assert schema()["title"] == SCHEMA_ID
    assert set(schema()["required"]) == {"schema", "id", "article", "entities", "times",
                                         "actors", "events", "quotes"}
