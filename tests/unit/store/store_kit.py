"""Hand-built documents for the store and export tests (texts written for these tests).

``full_doc`` has actors, entities with places, times, a quote and four events covering a
compound source, a month-only date, a missing date and a location; ``plain_doc`` has no
events and no publication date; ``undated_doc`` has an event and no date anywhere. Spans
are found with ``str.index`` so offsets always agree with the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from eventwire.model import Actor, Article, Document, Entity, Event, Place, Quote, Span, TimeRef
from eventwire.store import Store

FULL_ID, PLAIN_ID, UNDATED_ID = "a" * 64, "b" * 64, "c" * 64

FULL_TEXT = (
    "Turkish Foreign Minister Selin Kaya met Syrian envoy Omar Haddad in Ankara on Monday. "
    "Turkey and Syria agreed to a ceasefire along the border.\n\n"
    "\"We will not tolerate another attack,\" Kaya told reporters.\n\n"
    "Syrian troops shelled villages near Aleppo in March 2019."
)
PLAIN_TEXT = "Talks on the river dam resumed in Cairo. No agreement was reported."
UNDATED_TEXT = "Rebels seized the northern checkpoint after a long night of fighting."

ANKARA = Place("Ankara", "TUR", "Ankara Province", 39.92, 32.85, 323786, "city")
ALEPPO = Place("Aleppo", "SYR", "Aleppo Governorate", 36.2, 37.16, 170063, "city")
CAIRO = Place("Cairo", "EGY", "Cairo Governorate", 30.06, 31.25, 360630, "city")


def span(text: str, words: str, start: int = 0) -> Span:
    at = text.index(words, start)
    return Span(at, at + len(words), words)


def sentence(text: str, first_words: str, last_words: str) -> Span:
    start = text.index(first_words)
    end = text.index(last_words, start) + len(last_words)
    return Span(start, end, text[start:end])


def _mentions(text: str, *words: str) -> list[tuple[int, int]]:
    """Spans of each word; ``"Kaya|told"`` is the "Kaya" right before "told"."""
    found = []
    for item in words:
        word, _, after = item.partition("|")
        at = text.index(f"{word} {after}".strip())
        found.append((at, at + len(word)))
    return found


def _actors(t: str) -> list[Actor]:
    return [
        Actor("A1", "Selin Kaya", "TUR", "GOV", "TURGOV", "person:selin_kaya",
              "Foreign Minister of Turkey", _mentions(t, "Selin Kaya", "Kaya|told")),
        Actor("A2", "Omar Haddad", "SYR", "GOV", "SYRGOV", None, "envoy",
              _mentions(t, "Omar Haddad")),
        Actor("A3", "Turkey", "TUR", None, "TUR", "country:TUR", None,
              _mentions(t, "Turkey|and")),
        Actor("A4", "Syria", "SYR", None, "SYR", "country:SYR", None,
              _mentions(t, "Syria|agreed")),
        Actor("A5", "Syrian troops", "SYR", "MIL", "SYRMIL", None, None,
              _mentions(t, "Syrian troops")),
    ]


def _events(t: str) -> list[Event]:
    first = sentence(t, "Turkish Foreign", "on Monday.")
    second = sentence(t, "Turkey and Syria", "the border.")
    quote = sentence(t, "\"We will", "told reporters.")
    last = sentence(t, "Syrian troops", "March 2019.")
    return [
        Event("E1", "CONSULT", span(t, "met"), first, cameo="040", quad_class=1, goldstein=1.0,
              source=["A1", "A2"], date="2019-04-01", date_text="on Monday", location=ANKARA,
              confidence=0.9),
        Event("E2", "AGREE", span(t, "agreed"), second, cameo="030", quad_class=1,
              goldstein=4.0, source=["A3"], target=["A4"], context=["military"],
              date="2019-04-01", confidence=0.8),
        Event("E3", "THREATEN", span(t, "tolerate"), quote, cameo="138", quad_class=3,
              goldstein=-7.0, source=["A1"], negated=True, modality="future", reported_by="A1",
              confidence=0.6),
        Event("E4", "ASSAULT", span(t, "shelled"), last, cameo="190", quad_class=4,
              goldstein=-10.0, mode="conventional", source=["A5"], date="2019-03",
              date_text="in March 2019", location=ALEPPO, confidence=0.7),
    ]


def full_doc(*, title: str = "Turkey and Syria agree border ceasefire") -> Document:
    t = FULL_TEXT
    art = Article(text=t, input_name="full.txt", title=title, published="2019-04-02",
                  source="Test Wire", url="https://example.org/full", language="en")
    doc = Document(id=FULL_ID, article=art)
    doc.actors = _actors(t)
    doc.entities = [
        Entity(*_mentions(t, "Selin Kaya")[0], "Selin Kaya", "PERSON", "A1"),
        Entity(*_mentions(t, "Ankara")[0], "Ankara", "GPE", None, ANKARA),
        Entity(*_mentions(t, "Aleppo")[0], "Aleppo", "GPE", None, ALEPPO),
    ]
    doc.times = [TimeRef(*_mentions(t, "on Monday")[0], "on Monday", "2019-04-01"),
                 TimeRef(*_mentions(t, "in March 2019")[0], "in March 2019", "2019-03")]
    doc.events = _events(t)
    words = "We will not tolerate another attack"
    doc.quotes = [Quote("Q1", "direct", *_mentions(t, words)[0], words, "A1", "Kaya", "told")]
    return doc


def plain_doc() -> Document:
    art = Article(text=PLAIN_TEXT, input_name="plain.txt", title="Dam talks resume",
                  url="https://example.org/plain", language="en")
    doc = Document(id=PLAIN_ID, article=art)
    doc.entities = [Entity(*_mentions(PLAIN_TEXT, "Cairo")[0], "Cairo", "GPE", None, CAIRO)]
    return doc


def undated_doc() -> Document:
    t = UNDATED_TEXT
    doc = Document(id=UNDATED_ID, article=Article(text=t, input_name="undated.txt"))
    doc.actors = [Actor("A1", "Rebels", None, "REB", None, None, None, _mentions(t, "Rebels"))]
    doc.events = [Event("E1", "COERCE", span(t, "seized"), Span(0, len(t), t), cameo="170",
                        quad_class=4, goldstein=-7.0, source=["A1"], confidence=0.5)]
    return doc


def all_docs() -> list[Document]:
    return [full_doc(), plain_doc(), undated_doc()]


TABLES = ("articles", "entities", "actors", "events", "event_mentions", "quotes", "times",
          "merged_events")


def counts(store: Store) -> dict[str, int]:
    """Rows in every table (the ingest log grows on purpose and is left out)."""
    found: dict[str, int] = {}
    for table in TABLES:
        row = store.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        found[table] = int(row[0]) if row else 0
    return found


@contextmanager
def filled_store(path: Path) -> Iterator[Store]:
    """A store at ``path`` holding the three hand-built documents."""
    with Store.open(path) as store:
        store.ingest(all_docs())
        yield store
