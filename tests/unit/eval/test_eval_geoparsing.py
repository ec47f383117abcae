"""The geoparsing scorer on an LGL-style and a GeoVirus-style file written for this test."""

from __future__ import annotations

from pathlib import Path

import pytest
from eval_kit import FakeCoder, at, entity, record

from eventwire.errors import InputError
from eventwire.eval import geoparsing
from eventwire.eval.metrics import haversine_km
from eventwire.model import Place

LGL_TEXT = "Flooding closed roads in Springfield and Shelbyville on Tuesday."
VIRUS_TEXT = "Cases rose in Lyon and in Paris."


def _lgl() -> str:
    spring, shelby = at(LGL_TEXT, "Springfield"), at(LGL_TEXT, "Shelbyville")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="77">
    <title>Floods</title>
    <dltime>2009-03-20 12:24:52.002364-05</dltime>
    <text><![CDATA[{LGL_TEXT}]]></text>
    <toponyms count="2">
      <toponym><start>{spring.start}</start><end>{spring.end}</end><phrase>Springfield</phrase>
        <gaztag geonameid="1"><name>Springfield</name><lat>39.80</lat><lon>-89.64</lon></gaztag>
      </toponym>
      <toponym><start>{shelby.start}</start><end>{shelby.end}</end><phrase>Shelbyville</phrase>
      </toponym>
    </toponyms>
  </article>
</articles>
"""


def _geovirus() -> str:
    # GeoVirus style: offsets one character late, repaired by the reader.
    lyon, paris = at(VIRUS_TEXT, "Lyon"), at(VIRUS_TEXT, "Paris")
    return f"""<articles>
    <article>
        <source>https://example.org/outbreak</source>
        <text>{VIRUS_TEXT}</text>
        <locations>
            <location><name>Lyon</name><start>{lyon.start + 1}</start><end>{lyon.end + 1}</end>
                <lat>45.76</lat><lon>4.84</lon></location>
            <location><name>Paris</name><start>{paris.start + 1}</start><end>{paris.end + 1}</end>
                <lat>48.86</lat><lon>2.35</lon></location>
        </locations>
    </article>
</articles>
"""


def place(lat: float | None, lon: float | None) -> Place:
    return Place("somewhere", None, None, lat, lon, None, "city")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "lgl.xml").write_text(_lgl(), encoding="utf-8")
    (tmp_path / "GeoVirus.xml").write_text(_geovirus(), encoding="utf-8")
    return tmp_path


def test_readers(folder: Path) -> None:
    (lgl,), moved = geoparsing.read_gold(folder / "lgl.xml")
    assert moved == 0
    assert (lgl.id, lgl.published) == ("77", "2009-03-20")
    assert [(t.name, t.lat) for t in lgl.toponyms] == [("Springfield", 39.8),
                                                       ("Shelbyville", None)]
    (virus,), moved = geoparsing.read_gold(folder / "GeoVirus.xml")
    assert moved == 2
    assert [t.name for t in virus.toponyms] == ["Lyon", "Paris"]
    with pytest.raises(InputError, match="not a known geoparsing file"):
        geoparsing.kind_of(folder / "other.xml")


def test_lgl_known_scores(folder: Path) -> None:
    ours = record(LGL_TEXT, entities=[
        entity(LGL_TEXT, "Flooding", "ORG", place(0.0, 0.0)),  # not a gold toponym
        entity(LGL_TEXT, "Springfield", "GPE", place(40.80, -89.64)),  # one degree north
        entity(LGL_TEXT, "Shelbyville", "GPE", place(None, None)),
    ])
    report = geoparsing.run_file(folder / "lgl.xml", FakeCoder({LGL_TEXT: ours}), None)
    m = report.metrics
    assert report.name == "geoparsing-lgl"
    assert m["toponym_precision"] == pytest.approx(2 / 3)
    assert m["toponym_recall"] == 1.0
    assert m["toponym_f1"] == pytest.approx(0.8)
    # Shelbyville has no gold point, so only Springfield is measured: 111 km, within 161
    assert m["accuracy_161km"] == 1.0
    assert m["median_error_km"] == pytest.approx(haversine_km(39.80, -89.64, 40.80, -89.64))


def test_geovirus_known_scores(folder: Path) -> None:
    ours = record(VIRUS_TEXT, entities=[entity(VIRUS_TEXT, "Lyon", "GPE", place(48.86, 2.35))])
    report = geoparsing.run_file(folder / "GeoVirus.xml", FakeCoder({VIRUS_TEXT: ours}), None)
    m = report.metrics
    assert (m["toponym_precision"], m["toponym_recall"]) == (1.0, 0.5)
    assert m["accuracy_161km"] == 0.0  # Lyon placed at Paris: about 390 km off
    assert m["mean_error_km"] == pytest.approx(haversine_km(45.76, 4.84, 48.86, 2.35))
    assert [miss.gold for miss in report.misses] == ["Paris"]
    assert any("2 gold offsets" in n for n in report.notes)


def test_no_places_gives_no_distance(folder: Path) -> None:
    m = geoparsing.run_file(folder / "lgl.xml", FakeCoder(), None).metrics
    assert m["toponym_f1"] == 0.0
    assert m["median_error_km"] is None
    assert m["mean_error_km"] is None
