"""The merge engine: mentions reduced to what is compared, scored against clusters, indexed.

A mention joins the best-scoring cluster that shares evidence (an actor or a place key)
with it and conflicts with none of its members' dates or places nor with its known
sides (see ``data/merge/README.md``). The index blocks clusters by (family, realis, day
or period) and then by evidence key, so a mention is compared with the clusters of a
few days that share something with it, never with the whole store.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the rule module imports this one; only its types are needed here
    from .merge import MergeRule, TypeRule, Weights

EventRef = tuple[str, str]  # (article/record id, event id)
EARTH_RADIUS_KM = 6371.0088
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True, slots=True)
class ActorKey:
    """What identifies an actor across articles, most specific first."""

    kb_id: str | None
    name: str | None  # lower case, leading "the" dropped
    words: frozenset[str]  # the name's words, for "Heller" against "Mark Jay Heller"
    code: str | None
    country: str | None
    person: bool  # a named individual: shares no identity with anyone of another name

    @property
    def generic(self) -> bool:
        """A sector-only agent ("police", "man"): its name does not single anyone out."""
        return self.kb_id is None and self.country is None and self.code is not None

    def evidence(self) -> Iterator[str]:
        """Index keys: a cluster sharing none of them cannot score on this actor."""
        levels = (("kb", self.kb_id), ("name", self.name), ("code", self.code),
                  ("country", self.country))
        yield from (f"{level}:{value}" for level, value in levels if value)
        if not self.generic:
            yield from (f"word:{w}" for w in self.words)


def actor_key(name: str | None, code: str | None, country: str | None, kb_id: str | None,
              *, person: bool = False) -> ActorKey:
    folded = " ".join((name or "").lower().split()).removeprefix("the ")
    return ActorKey(kb_id or None, folded or None, frozenset(_WORD.findall(folded)),
                    code or None, country or None, person)


@dataclass(frozen=True, slots=True)
class Point:
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Where:
    country: str | None
    admin1: str | None
    point: Point | None  # None when the place is known only to the country


def where_of(country: str | None, admin1: str | None, lat: float | None, lon: float | None,
             precision: str | None) -> Where | None:
    if not (country or admin1 or lat is not None):
        return None
    point = None if precision == "country" or lat is None or lon is None else Point(lat, lon)
    return Where(country or None, admin1 or None, point)


@dataclass(frozen=True, slots=True)
class Mention:
    """One event of one article, reduced to what merging compares."""

    ref: EventRef
    type: str
    rule: TypeRule
    real: bool
    day: int | None  # proleptic ordinal of a YYYY-MM-DD date
    period: str  # the date when it is coarser than a day ("2019-02"), "undated", or ""
    trigger: str  # the trigger's words, lower case
    source: frozenset[ActorKey]
    target: frozenset[ActorKey]
    place: Where | None
    evidence: frozenset[str]  # what a cluster must share with it: actor and place keys

    def sort_key(self) -> tuple[bool, int, str, EventRef]:
        return (self.day is None, self.day or 0, self.period, self.ref)

    @property
    def undated(self) -> bool:
        return self.period == "undated"


@dataclass(frozen=True, slots=True)
class MentionFacts:
    """An event as the record or the store gives it, before it is reduced."""

    ref: EventRef
    type: str
    negated: bool
    modality: str
    when: str | None  # the event's date, else the article's publication date
    trigger: str
    source: Sequence[ActorKey]
    target: Sequence[ActorKey]
    place: Where | None


def make_mention(rule: MergeRule, facts: MentionFacts) -> Mention:
    day, period = None, facts.when or "undated"
    if facts.when and len(facts.when) >= 10:
        try:
            day, period = date.fromisoformat(facts.when[:10]).toordinal(), ""
        except ValueError:
            day, period = None, facts.when
    real = not facts.negated and facts.modality == "asserted"
    source, target = frozenset(facts.source), frozenset(facts.target)
    keys = {k for a in source | target for k in a.evidence()}
    if facts.place is not None and facts.place.country:
        keys.add(f"place:{facts.place.country}")
    return Mention(facts.ref, facts.type, rule.type_rule(facts.type),
                   real or not rule.separate_unreal, day, period,
                   " ".join(facts.trigger.lower().split()), source, target, facts.place,
                   frozenset(keys))


def merged_id(ref: EventRef) -> str:
    """A merged event's id: stable, from the mention that opened it."""
    return "M" + hashlib.sha256(f"{ref[0]}/{ref[1]}".encode()).hexdigest()[:20]


Dyad = tuple[frozenset[ActorKey], frozenset[ActorKey]]


@dataclass(slots=True)
class Cluster:
    id: str
    members: list[EventRef] = field(default_factory=list)
    types: set[str] = field(default_factory=set)
    triggers: set[str] = field(default_factory=set)
    reciprocal: bool = False
    days: set[int] = field(default_factory=set)
    dyads: set[Dyad] = field(default_factory=set)  # each member's (source, target), oriented
    places: set[Where] = field(default_factory=set)

    def add(self, m: Mention, swapped: bool) -> None:
        self.members.append(m.ref)
        self.types.add(m.type)
        self.triggers.add(m.trigger)
        self.reciprocal = self.reciprocal or m.rule.reciprocal
        if m.day is not None:
            self.days.add(m.day)
        self.dyads.add((m.target, m.source) if swapped else (m.source, m.target))
        if m.place is not None:
            self.places.add(m.place)


@dataclass(frozen=True, slots=True)
class Match:
    score: float
    swapped: bool


def _actor_score(a: ActorKey, b: ActorKey, w: Weights) -> float:
    if a.kb_id and a.kb_id == b.kb_id:
        return w.actor_kb
    if a.generic or b.generic:
        same = bool(a.name and a.name == b.name) or bool(a.code and a.code == b.code)
        return w.actor_generic if same else 0.0
    best = 0.0
    if a.name and a.name == b.name:
        best = w.actor_name
    elif a.words and b.words and (a.words <= b.words or b.words <= a.words):
        best = w.actor_name_part
    if a.person and b.person:
        # Two people of different names are two people, whatever office they share.
        return best
    # A bare country code ("RUS") is no more than the country.
    if a.code and a.code == b.code and a.code != a.country:
        best = max(best, w.actor_code)
    if a.country and a.country == b.country:
        best = max(best, w.actor_country)
    return best


def _side(a: Iterable[ActorKey], b: Iterable[ActorKey], w: Weights) -> float | None:
    """The best shared actor; 0 when a side is unknown; None when both are known and differ."""
    pairs = [(x, y) for x in a for y in b]
    if not pairs:
        return 0.0
    best = max(_actor_score(x, y, w) for x, y in pairs)
    return best if best > 0 else None


def _dyad(m: Mention, c: Cluster, w: Weights, swapped: bool) -> float | None:
    """The best agreement with a member's sides; None when any member's sides conflict."""
    src, tgt = (m.target, m.source) if swapped else (m.source, m.target)
    best = 0.0
    for source, target in c.dyads:
        first, second = _side(src, source, w), _side(tgt, target, w)
        if first is None or second is None:
            return None
        best = max(best, first + second)
    return best


def _km(a: Point, b: Point) -> float:
    p1, p2, dl = math.radians(a.lat), math.radians(b.lat), math.radians(b.lon - a.lon)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _place_pair(a: Where, b: Where, rule: MergeRule) -> float | None:
    w = rule.weights
    if a.point is not None and b.point is not None and _km(a.point, b.point) <= rule.place_km:
        return w.place_near
    if a.country and b.country and a.country != b.country:
        return None
    if a.admin1 and b.admin1:
        return w.place_admin1 if a.admin1 == b.admin1 else None
    return w.place_country if a.country and a.country == b.country else 0.0


def _places(m: Mention, c: Cluster, rule: MergeRule) -> float | None:
    """Compatible with every member's place (complete link); the best agreement counts."""
    if m.place is None or not c.places:
        return 0.0
    scores = [_place_pair(m.place, p, rule) for p in c.places]
    return None if any(s is None for s in scores) else max(s or 0.0 for s in scores)


def match(m: Mention, c: Cluster, rule: MergeRule) -> Match | None:
    """How well ``m`` fits ``c``; None when something conflicts or no evidence is shared."""
    window = rule.date_window_days
    if m.day is not None and c.days and not (max(c.days) - window <= m.day
                                             <= min(c.days) + window):
        return None
    place = _places(m, c, rule)
    if place is None:
        return None
    options = [(_dyad(m, c, rule.weights, False), False)]
    if m.rule.reciprocal or c.reciprocal:
        options.append((_dyad(m, c, rule.weights, True), True))
    scored = [(s, swapped) for s, swapped in options if s is not None]
    if not scored:
        return None
    actors, swapped = max(scored, key=lambda o: (o[0], not o[1]))
    if actors + place <= 0:
        return None
    w = rule.weights
    total = (actors + place + (w.same_type if m.type in c.types else 0.0)
             + (w.same_day if m.day in c.days else 0.0)
             + (w.same_trigger if m.trigger in c.triggers else 0.0))
    return Match(total, swapped)


BlockKey = tuple[str, bool, int | str]


class ClusterIndex:
    """Clusters by (family, realis, day or period) and then by evidence key."""

    def __init__(self, rule: MergeRule) -> None:
        self.rule = rule
        self.blocks: dict[BlockKey, dict[str, dict[str, Cluster]]] = {}

    def _blocks(self, m: Mention, *, around: bool) -> list[BlockKey]:
        head = (m.rule.family, m.real)
        if m.day is None:
            return [(*head, m.period)]
        span = self.rule.date_window_days if around else 0
        return [(*head, d) for d in range(m.day - span, m.day + span + 1)]

    def add(self, c: Cluster, m: Mention) -> None:
        block = self.blocks.setdefault(self._blocks(m, around=False)[0], {})
        for key in m.evidence:
            block.setdefault(key, {})[c.id] = c

    def candidates(self, m: Mention) -> list[Cluster]:
        found: dict[str, Cluster] = {}
        for b in self._blocks(m, around=True):
            block = self.blocks.get(b, {})
            for key in m.evidence:
                found.update(block.get(key, {}))
        return [found[k] for k in sorted(found)]

    def place(self, m: Mention) -> tuple[Cluster, bool]:
        """Put ``m`` in its best cluster or a new one; returns the cluster and whether new."""
        best: tuple[Match, Cluster] | None = None
        bar = self.rule.undated_threshold if m.undated else self.rule.threshold
        for c in self.candidates(m):
            found = match(m, c, self.rule)
            if found and found.score >= bar and (best is None or found.score > best[0].score):
                best = (found, c)
        if best is None:
            cluster, swapped, new = Cluster(merged_id(m.ref)), False, True
        else:
            cluster, swapped, new = best[1], best[0].swapped, False
        cluster.add(m, swapped)
        self.add(cluster, m)
        return cluster, new

    def seed(self, cluster_id: str, members: Sequence[Mention]) -> Cluster:
        """Rebuild a stored cluster from its members, each oriented as it fits best."""
        cluster = Cluster(cluster_id)
        for m in sorted(members, key=Mention.sort_key):
            fit = match(m, cluster, self.rule) if cluster.members else None
            cluster.add(m, fit.swapped if fit else False)
            self.add(cluster, m)
        return cluster


def merge_mentions(mentions: Iterable[Mention], rule: MergeRule) -> list[list[EventRef]]:
    """Every mention in exactly one cluster; the same clusters for any input order."""
    index = ClusterIndex(rule)
    clusters: list[Cluster] = []
    for m in sorted(mentions, key=Mention.sort_key):
        cluster, new = index.place(m)
        if new:
            clusters.append(cluster)
    return sorted((sorted(c.members) for c in clusters), key=lambda refs: refs[0])
