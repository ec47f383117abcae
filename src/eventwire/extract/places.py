"""Toponyms resolved to places: country, admin1 subdivision, US county, city or named feature.

Every GPE, LOC and FAC entity is looked up in the gazetteer (:mod:`eventwire.gazetteer`) and,
when some place has that name, the most likely one is attached as ``entity.place``. What
decides between same-named places, in order of weight:

* a qualifier after a comma ("Paris, Texas", "Alexandria, La.");
* words that say the kind of place ("Idlib province", "the city of Idlib"), which also carry
  over to bare mentions of the same name in the article;
* the article's other places and nationalities: each other name votes for the countries
  and admin1s it could lie in (first all its readings share one vote, then its chosen
  reading votes by its margin), so a story full of Minnesota towns pulls an ambiguous
  "Alexandria" to Minnesota;
* population, and a small prior for the kind (a country name usually means the country).

A US county has no coordinates of its own in the offline sources; it takes those of the
article's most-mentioned town in the same state, else its namesake town, else the state's
centre. Its precision is "feature" (the record has no admin2 level).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from ..config import Settings
from ..gazetteer import Candidate, GazEntry, Gazetteer, load_gazetteer
from ..model import Document, Entity, Place

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PRECISION = {"country": "country", "admin1": "admin1", "county": "feature", "city": "city",
             "feature": "feature"}
# Score terms, in log10-population units (a factor of 10 in population is worth 1.0).
KIND_PRIOR = {"country": 1.5, "admin1": 0.5, "county": 0.0, "city": 0.5, "feature": 0.5}
ALTERNATE_PENALTY = 1.5  # matched only by a city's alternate name
CURATED_BONUS = 1.0  # the alias table says the name means this place
COUNTRY_BONUS = 4.0  # most: the article's other toponyms are in the candidate's country
ADMIN1_BONUS = 4.0  # most: they are in its admin1 (state, province)
CAPITAL_BONUS = 1.0  # a national capital
CUE_BONUS = 4.0  # the text says which kind of place it is
INHERITED_CUE_BONUS = 3.0  # a cue found on another mention of the same name
NAMESAKE_PENALTY = 1.5  # an admin1 under its namesake city, when nothing says otherwise
QUALIFIER_BONUS = 8.0  # "Paris, Texas": the candidate lies in the named state or country
NO_POINT_PENALTY = 1.0  # an admin1 the tables have no coordinates for

_NEXT_WORDS = re.compile(r"\s+([A-Za-z]+)(?:\s+([A-Za-z]+))?")
_QUALIFIER = re.compile(r",\s*((?:[A-Z][\w.]*\.?)(?:\s+[A-Z][\w.]*\.?){0,2})")


@dataclass(frozen=True, slots=True)
class Qualifier:
    countries: frozenset[str]
    admin1_keys: frozenset[str]

    def admits(self, entry: GazEntry) -> bool:
        return entry.country in self.countries or entry.admin1_key in self.admin1_keys


@dataclass(slots=True)
class Mention:
    entity: Entity | None
    key: str
    candidates: list[Candidate]
    cue: str | None = None
    inherited_cue: str | None = None
    qualifier: Qualifier | None = None
    chosen: GazEntry | None = None
    margin: float = 0.0  # how far the chosen reading scored above the next one


@dataclass(slots=True)
class Context:
    """Votes for each country (ISO3) and admin1 key from the article's other toponyms."""

    countries: dict[str, float] = field(default_factory=dict)
    admin1: dict[str, float] = field(default_factory=dict)

    def vote(self, entries: list[GazEntry], weight: float = 1.0) -> None:
        """Split ``weight`` between the countries, and between the admin1s, of ``entries``."""
        countries = {e.country for e in entries if e.country}
        admin1s = {e.admin1_key for e in entries if e.admin1_key}
        for country in countries:
            self.countries[country] = self.countries.get(country, 0.0) + weight / len(countries)
        for key in admin1s:
            self.admin1[key] = self.admin1.get(key, 0.0) + weight / len(admin1s)

    def plus(self, other: Context, sign: float = 1.0) -> Context:
        total = Context(dict(self.countries), dict(self.admin1))
        for mine, theirs in ((total.countries, other.countries), (total.admin1, other.admin1)):
            for key, value in theirs.items():
                mine[key] = mine.get(key, 0.0) + sign * value
        return total


class PlaceStage:
    """Attaches a resolved :class:`~eventwire.model.Place` to GPE, LOC and FAC entities."""

    name = "places"
    requires: tuple[str, ...] = ("entities",)

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.gazetteer = load_gazetteer()

    def __call__(self, doc: Document) -> None:
        gaz = self.gazetteer
        mentions = []
        for entity in doc.entities:
            if entity.label in PLACE_LABELS and _named(gaz, entity.text):
                mention = _read_mention(gaz, doc.text, name=entity.text, start=entity.start,
                                        end=entity.end, entity=entity)
                if not mention.candidates and entity.label == "GPE":
                    mention.candidates = _demonym_country(gaz, entity.text)
                if mention.candidates:
                    mentions.append(mention)
        _share_cues(mentions)
        base = Context()
        for entity in doc.entities:
            country = gaz.country_of_demonym(entity.text) if entity.label == "NORP" else None
            if country:
                base.countries[country] = base.countries.get(country, 0.0) + 1.0
        _choose_all(mentions, _leave_one_out(mentions, _possible_votes), base)
        _choose_all(mentions, _leave_one_out(mentions, _chosen_votes), base)
        for mention in mentions:
            if mention.entity is not None and mention.chosen is not None:
                mention.entity.place = _place(gaz, mention.chosen, mentions)


def _demonym_country(gaz: Gazetteer, text: str) -> list[Candidate]:
    """spaCy tags some adjectives of nationality as GPE ("Sri Lankan"): they name the country."""
    country = gaz.countries.get(gaz.country_of_demonym(text) or "")
    return [Candidate(country, True)] if country else []


def _named(gaz: Gazetteer, text: str) -> bool:
    """Toponyms are capitalised ("metro", "the gulf" are not); stop names never stand alone."""
    return any(ch.isupper() for ch in text) and gaz.key(text) not in gaz.stopnames


def resolve_toponym(name: str, *, context_countries: Collection[str] = ()) -> Place | None:
    """The most likely place called ``name`` ("Idlib province", "Paris, Texas"), or None.

    ``context_countries`` (ISO3 codes) are countries the surrounding text is about.
    """
    gaz = load_gazetteer()
    mention = _read_mention(gaz, name, name=name, start=0, end=len(name), entity=None)
    if not mention.candidates or gaz.key(name) in gaz.stopnames:
        return None
    base = Context(countries=dict.fromkeys(context_countries, 1.0))
    mention.chosen, mention.margin = _best(mention, base)
    return _place(gaz, mention.chosen, [mention])


def _read_mention(gaz: Gazetteer, text: str, *, name: str, start: int, end: int,
                  entity: Entity | None) -> Mention:
    """Look ``name`` (the span ``text[start:end]``) up, with the cues and qualifier around it."""
    head, comma, tail = name.partition(",")
    qualifier = _qualifier(gaz, tail) if comma else _qualifier_after(gaz, text, end)
    key, candidates, cue = _lookup(gaz, head.strip() if comma else name)
    if cue is None:
        cue = _outer_cue(gaz, text, start, end)
        if cue == "county" and not any(c.entry.kind == "county" for c in candidates):
            key, candidates, _ = _lookup(gaz, f"{name} County")
    if qualifier is not None and not any(qualifier.admits(c.entry) for c in candidates):
        qualifier = None  # a list ("Syria, Iraq and Iran"), not "Paris, Texas"
    return Mention(entity, key, candidates, cue=cue, qualifier=qualifier)


def _lookup(gaz: Gazetteer, name: str) -> tuple[str, list[Candidate], str | None]:
    """Candidates for the whole name, else for it without a kind word ("Idlib province")."""
    key = gaz.key(name)
    candidates = gaz.candidates(key) if len(key) > 1 and not key.isdigit() else []
    if candidates:
        return key, candidates, None
    words = key.split()
    for size in (2, 1):
        if len(words) <= size:
            continue
        if (kind := gaz.cues.suffixes.get(" ".join(words[-size:]))) is not None:
            rest = " ".join(words[:-size])
            return rest, gaz.candidates(rest), kind
        if (kind := gaz.cues.prefixes.get(" ".join(words[:size]))) is not None:
            rest = " ".join(words[size:])
            return rest, gaz.candidates(rest), None if kind == "direction" else kind
    return key, [], None


def _outer_cue(gaz: Gazetteer, text: str, start: int, end: int) -> str | None:
    """A kind word just after the name ("Idlib province") or just before it ("city of")."""
    after = _NEXT_WORDS.match(text, end)
    if after is not None:
        words = [w for w in after.groups() if w]
        for size in (2, 1):
            if len(words) >= size and (kind := gaz.cues.suffixes.get(
                    gaz.key(" ".join(words[:size])))) is not None:
                return kind
    before = gaz.key(text[max(0, start - 40):start]).split()
    for size in (3, 2):
        if (kind := gaz.cues.prefixes.get(" ".join(before[-size:]))) not in (None, "direction"):
            return kind
    return None


def _qualifier_after(gaz: Gazetteer, text: str, end: int) -> Qualifier | None:
    match = _QUALIFIER.match(text, end)
    return _qualifier(gaz, match.group(1)) if match else None


def _qualifier(gaz: Gazetteer, words: str) -> Qualifier | None:
    """The admin1 or country that ``words`` (or their first one or two words) names."""
    parts = words.split()
    for size in range(min(3, len(parts)), 0, -1):
        found = [c.entry for c in gaz.candidates(" ".join(parts[:size]))
                 if c.primary and c.entry.kind in ("admin1", "country")]
        if found:
            return Qualifier(
                frozenset(e.country for e in found if e.kind == "country" and e.country),
                frozenset(e.admin1_key for e in found if e.kind == "admin1" and e.admin1_key))
    return None


def _share_cues(mentions: list[Mention]) -> None:
    """A bare "Idlib" in an article that also says "Idlib province" means the province."""
    cues: dict[str, Counter[str]] = {}
    for mention in mentions:
        if mention.cue in ("admin1", "city", "county"):
            cues.setdefault(mention.key, Counter())[mention.cue] += 1
    for mention in mentions:
        if mention.cue is None and mention.key in cues:
            ranked = cues[mention.key].most_common()
            tied = [kind for kind, n in ranked if n == ranked[0][1]]
            mention.inherited_cue = "admin1" if "admin1" in tied else tied[0]


def _possible_votes(mention: Mention, context: Context) -> None:
    """Every country and admin1 the name could be in shares one vote."""
    entries = [c.entry for c in mention.candidates if c.primary] or [
        c.entry for c in mention.candidates]
    context.vote(entries)


def _chosen_votes(mention: Mention, context: Context) -> None:
    """A reading chosen by a clear margin votes fully; a near tie hardly votes."""
    if mention.chosen is not None:
        context.vote([mention.chosen], 1.0 - math.exp(-mention.margin))


def _leave_one_out(mentions: list[Mention],
                   vote: Callable[[Mention, Context], None]) -> dict[str, Context]:
    """Per name, the votes of the other names: a name must not vote for its own reading."""
    parts: dict[str, Context] = {}
    for mention in mentions:
        vote(mention, parts.setdefault(mention.key, Context()))
    total = Context()
    for part in parts.values():
        total = total.plus(part)
    return {key: total.plus(part, -1.0) for key, part in parts.items()}


def _choose_all(mentions: list[Mention], contexts: dict[str, Context], base: Context) -> None:
    for mention in mentions:
        context = contexts.get(mention.key, Context()).plus(base)
        mention.chosen, mention.margin = _best(mention, context)


def _best(mention: Mention, context: Context) -> tuple[GazEntry, float]:
    """The best-scoring candidate and its margin over the best one elsewhere."""
    city_keys = {c.entry.admin1_key for c in mention.candidates if c.entry.kind == "city"}
    scored = sorted(((_score(c, mention, context, city_keys), -i, c.entry)
                     for i, c in enumerate(mention.candidates)), key=lambda s: (s[0], s[1]),
                    reverse=True)
    best = scored[0]
    rivals = [s[0] for s in scored[1:] if not _near(s[2], best[2])]
    return best[2], best[0] - max(rivals, default=best[0] - 10.0)


def _near(one: GazEntry, other: GazEntry) -> bool:
    """Readings in the same admin1 (a city and its namesake province) are no real rivals."""
    return one.admin1_key is not None and one.admin1_key == other.admin1_key


def _score(candidate: Candidate, mention: Mention, context: Context,
           city_keys: set[str | None]) -> float:
    entry = candidate.entry
    score = math.log10(entry.population + 10) + KIND_PRIOR[entry.kind]
    if not candidate.primary:
        score -= ALTERNATE_PENALTY
    if candidate.curated:
        score += CURATED_BONUS
    if entry.lat is None and entry.kind != "county":
        score -= NO_POINT_PENALTY
    if entry.capital:
        score += CAPITAL_BONUS
    score += _context_bonus(context.countries.get(entry.country or "", 0.0), COUNTRY_BONUS)
    score += _context_bonus(context.admin1.get(entry.admin1_key or "", 0.0), ADMIN1_BONUS)
    if mention.cue is not None:
        score += CUE_BONUS if entry.kind == mention.cue else 0.0
    elif mention.inherited_cue is not None:
        score += INHERITED_CUE_BONUS if entry.kind == mention.inherited_cue else 0.0
    elif entry.kind == "admin1" and entry.admin1_key in city_keys:
        score -= NAMESAKE_PENALTY
    if mention.qualifier is not None:
        score += QUALIFIER_BONUS if mention.qualifier.admits(entry) else -QUALIFIER_BONUS
    return score


def _context_bonus(votes: float, bonus: float) -> float:
    """Grows with the votes and levels off: the first clear mention counts most."""
    return bonus * (1.0 - math.exp(-votes)) if votes > 0 else 0.0


def _place(gaz: Gazetteer, entry: GazEntry, mentions: list[Mention]) -> Place:
    lat, lon = entry.lat, entry.lon
    if entry.kind == "county" and lat is None:
        lat, lon = _county_point(gaz, entry, mentions)
    return Place(name=entry.name, country=entry.country,
                 admin1=entry.admin1 if entry.kind != "country" else None,
                 lat=lat, lon=lon, geonames_id=entry.geonames_id,
                 precision=PRECISION[entry.kind])


def _county_point(gaz: Gazetteer, county: GazEntry,
                  mentions: list[Mention]) -> tuple[float | None, float | None]:
    """The article's most-mentioned town in the county's state, else its namesake, else the
    state's centre."""
    towns = Counter(m.chosen for m in mentions if m.chosen is not None
                    and m.chosen.kind == "city" and m.chosen.admin1_key == county.admin1_key)
    if towns:
        town = max(towns, key=lambda t: (towns[t], t.population))
        return town.lat, town.lon
    base = " ".join(county.name.split()[:-1])
    namesakes = [c.entry for c in gaz.candidates(base)
                 if c.entry.kind == "city" and c.entry.admin1_key == county.admin1_key]
    if namesakes:
        town = max(namesakes, key=lambda t: t.population)
        return town.lat, town.lon
    state = gaz.admin1.get(county.admin1_key or "")
    return (state.lat, state.lon) if state else (None, None)
