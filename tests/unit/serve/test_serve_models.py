"""Store rows map onto the API's models; the record model round-trips a record unchanged."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import HTTPException

from eventwire.serve.convert import event_item
from eventwire.serve.record_schema import ArticleRecord
from eventwire.serve.routes.params import event_filter, event_types
from eventwire.store.query import EventRow

TEXT = "Kenya sent aid to Somalia."


def row(**changes: Any) -> EventRow:
    values: dict[str, Any] = {
        "article_id": "a1", "event_id": "E1", "merged_id": None, "date": "2020-05",
        "day": "2020-05-01", "date_text": "in May", "type": "AID", "mode": None, "context": [],
        "cameo": "070", "quad_class": 2, "goldstein": 7.0,
        "source_ids": ["A1"], "source_codes": ["KEN"], "source_names": ["Kenya"],
        "source_countries": ["KEN"], "source_sectors": [None],
        "target_ids": ["A2", "A3"], "target_codes": ["SOM", None],
        "target_names": ["Somalia", "aid groups"], "target_countries": ["SOM", None],
        "target_sectors": [None, "NGO"],
        "location_name": None, "location_country": None, "location_admin1": None,
        "location_lat": None, "location_lon": None, "location_geonames_id": None,
        "location_precision": None, "negated": False, "modality": "asserted",
        "reported_by": None, "reported_by_name": None, "trigger_start": 11, "trigger_end": 14,
        "trigger_text": "aid", "evidence_start": 0, "evidence_end": 26, "evidence_text": TEXT,
        "confidence": 0.7, "title": "Aid", "published": "2020-05-02", "article_source": "Desk",
        "publisher": None, "url": None,
    }
    values.update(changes)
    return EventRow(**values)


def test_event_item_pairs_the_parallel_actor_lists() -> None:
    item = event_item(row())
    assert [(a.id, a.code, a.name, a.sector) for a in item.target] == [
        ("A2", "SOM", "Somalia", None), ("A3", None, "aid groups", "NGO")]
    assert item.source[0].country == "KEN"
    assert item.location is None
    assert (item.trigger.text, item.evidence.text) == ("aid", TEXT)
    assert item.article.source == "Desk"


def test_event_item_location_when_the_row_has_one() -> None:
    item = event_item(row(location_name="Mogadishu", location_country="SOM", location_lat=2.04,
                          location_lon=45.34, location_precision="city"))
    assert item.location is not None
    assert (item.location.name, item.location.lat, item.location.precision) == (
        "Mogadishu", 2.04, "city")


def test_record_model_round_trips_without_adding_keys() -> None:
    record = {
        "schema": "eventwire.article/1", "id": "x",
        "article": {"title": None, "published": None, "source": None, "publisher": None,
                    "authors": [], "credits": [], "url": None, "language": "en", "text": TEXT},
        "entities": [
            {"start": 0, "end": 5, "text": "Kenya", "label": "GPE", "actor": "A1",
             "place": {"name": "Kenya", "country": "KEN", "admin1": None, "lat": 1.0,
                       "lon": 38.0, "geonames_id": 192950, "precision": "country"}},
            {"start": 18, "end": 25, "text": "Somalia", "label": "GPE", "actor": None},
        ],
        "times": [], "events": [], "quotes": [],
        "actors": [{"id": "A1", "name": "Kenya", "country": "KEN", "sector": None,
                    "code": "KEN", "kb_id": None, "role": None, "mentions": [[0, 5]]}],
    }
    model = ArticleRecord.model_validate(record)
    assert model.model_dump(mode="json", by_alias=True, exclude_unset=True) == record


def test_event_filter_normalises_and_checks_the_type() -> None:
    f = event_filter(actor="", country="rus", type="assault", quad_class=4, date_from=None,
                     date_to="2020", place=None, q="")
    assert (f.actor, f.country, f.type, f.quad_class, f.date_to, f.q) == (
        None, "RUS", "ASSAULT", 4, "2020", None)
    with pytest.raises(HTTPException) as caught:
        event_filter(type="PARTY")
    assert caught.value.status_code == 422
    assert "'PARTY' is not a PLOVER event type" in str(caught.value.detail)


def test_event_types_are_the_sixteen_plover_types() -> None:
    types = event_types()
    assert len(types) == 16 and {"AGREE", "ASSAULT", "MOBILIZE"} <= set(types)
