"""The country of an actor the text names without one.

News leaves the country out where the story makes it plain: "Prime Minister Mahendra
Chaudhry" in a story about Fijian rebels, "police said" in a story set in one country,
"militants who used to belong to the Nusra Front". This module counts the countries an
article names (every actor mention with a country, and the places the tagger found) and
gives a country-less actor, in this order:

1. the country of an armed group its own phrase names ("militants who belonged to X"),
   or of the place it puts the actor in ("lawmakers in X");
2. the one country its sentence names, when the sentence names exactly one;
3. the article's dominant country: one named in more than one sentence and holding more
   than half of the votes (one sentence that names several countries says little of where
   the story is).

Only actors that belong to a state or a society get a country this way (office holders,
state organs, civilians, parties); NGOs and other international bodies do not, nor do
unnamed armed forces ("forces", "troops"), which serve abroad as often as at home.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from ..kb import KnowledgeBase
from ..model import Document
from .actor_groups import Mention

# Sectors that say an actor belongs to some country's state or society.
FILLED_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY", "OPP", "PTY", "CVL",
                            "REB", "CRM", "JRN", "MED", "EDU", "BUS", "AGR", "LAB", "REL",
                            "REF", "ELI", "UNK"})
# Nominals of these sectors are as often abroad as at home: their sentence says little.
ABROAD_SECTORS = frozenset({"MIL"})
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_MAJORITY = 0.5


@dataclass(slots=True)
class CountryVotes:
    """Countries named in an article: per sentence and in all."""

    sentence_starts: list[int]
    by_sentence: dict[int, Counter[str]] = field(default_factory=dict)
    total: Counter[str] = field(default_factory=Counter)

    def add(self, char: int, country: str) -> None:
        sentence = bisect_right(self.sentence_starts, char) - 1
        self.by_sentence.setdefault(sentence, Counter())[country] += 1
        self.total[country] += 1

    def near(self, char: int) -> str | None:
        """The sentence's only country, else the article's dominant one, else None."""
        sentence = bisect_right(self.sentence_starts, char) - 1
        here = self.by_sentence.get(sentence, Counter())
        if len(here) == 1:
            return next(iter(here))
        if not self.total:
            return None
        (top, count), = self.total.most_common(1)
        # One sentence naming several countries says little of where the story is.
        sentences = sum(1 for votes in self.by_sentence.values() if top in votes)
        if sentences < 2:
            return None
        return top if count > _MAJORITY * sum(self.total.values()) else None


def count_countries(doc: Document, mentions: list[Mention], kb: KnowledgeBase) -> CountryVotes:
    """One vote per actor mention with a state's country and per place the tagger found;
    ``mentions`` may include nationality words that are no actor themselves."""
    votes = CountryVotes([s.start for s in doc.sentences] or [0])
    for mention in mentions:
        country = mention.match.country
        if country and kb.country(country) is not None:
            votes.add(mention.start, country)
    for ent in doc.entities:
        if ent.label not in _PLACE_LABELS or _inside(ent.start, ent.end, mentions):
            continue
        country = _toponym_country(ent.text)
        if country is not None:
            votes.add(ent.start, country)
    return votes


def fill_countries(doc: Document, mentions: list[Mention], kb: KnowledgeBase,
                   also_named: list[Mention]) -> None:
    """Give country-less actors of a state or society the country their context names;
    ``also_named`` are nationality words that name a country but no actor."""
    votes: CountryVotes | None = None
    for mention in mentions:
        match = mention.match
        if match.country is not None or match.sector not in FILLED_SECTORS:
            continue
        if match.kind == "nominal" and match.sector in ABROAD_SECTORS:
            continue  # "have forces on the ground in Syria": armies serve abroad
        country = _member_country(doc, mention, mentions) or _place_country(doc, mention,
                                                                             mentions)
        if country is None:
            votes = votes or count_countries(doc, mentions + also_named, kb)
            country = votes.near(mention.start)
        if country is not None:
            mention.match = replace(match, country=country)


def _member_country(doc: Document, mention: Mention, mentions: list[Mention]) -> str | None:
    """ "Islamist militants who used to belong to the Nusra Front": the group's country."""
    if mention.head is None:
        return None
    head: Any = doc.parse[mention.head]
    for token in head.subtree:
        if token.i <= head.i:
            continue
        for other in mentions:
            if other.match.kind == "group" and other.start <= token.idx < other.end:
                return other.match.country
    return None


def _place_country(doc: Document, mention: Mention, mentions: list[Mention]) -> str | None:
    """ "Lawmakers in Fornost and Gondor": the country of the place the phrase puts them in
    (the first, when it names several), whatever else the sentence names."""
    if mention.head is None:
        return None
    head = doc.parse[mention.head]
    # "lawmakers and officials in X": conjoined nouns share the place.
    nouns = [head, *([head.head] if head.dep_ == "conj" else []),
             *(c for c in head.children if c.dep_ == "conj")]
    for prep in (p for noun in nouns for p in noun.rights):
        if prep.dep_ != "prep" or prep.lower_ != "in":
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            found = next((m.match.country for m in mentions if m.start <= obj.idx < m.end
                          and m.match.kind != "person"), None)
            if found is not None:
                return found
    return None


def _inside(start: int, end: int, mentions: list[Mention]) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


@lru_cache(maxsize=4096)
def _toponym_country(name: str) -> str | None:
    from .places import resolve_toponym  # the gazetteer loads only when an article needs it

    place = resolve_toponym(name)
    return place.country if place is not None else None
