"""From actor mentions to actors: mentions of the same actor are grouped under one id, the
tagger's entities are pointed at their actors, and pronoun anchors are listed for ``coref.py``.

Grouping keys: the KB id when there is one (every "Putin" is person:vladimir_putin, every
"Turkey" and "Turkish ultimatum" country:TUR); for a person the KB does not know, the
surname ("Chaudhry" joins "Mahendra Chaudhry"); for a nominal, its country, sector and words.
A title alone ("the Syrian leader") joins the last person named of the same country and sector.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..model import Actor, Document, Entity
from .actor_phrase import ActorMatch
from .coref import Anchor


@dataclass(slots=True)
class Mention:
    """One span of text that names an actor, with what the KB and the context say of it."""

    start: int
    end: int
    match: ActorMatch
    entity: Entity | None = None
    actor_key: str = ""
    title: bool = False  # "the Syrian leader": may name a person already in the article
    head: int | None = None  # token index of the head noun, for nominal mentions
    named: bool = False  # the span is a name the KB knows, not a title or a pronoun


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Office nouns that let a nominal join a named person (data/actors/titles.txt)."""
    path = resources.files("eventwire").joinpath("data/actors/titles.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _key(match: ActorMatch) -> str:
    if match.kb_id:
        return match.kb_id
    if match.kind == "person":
        return "name:" + match.name.split()[-1].lower()
    return f"nominal:{match.country}:{match.sector}:{match.name.lower()}"


def group(mentions: list[Mention]) -> list[Actor]:
    """One actor per key; a bare surname or title joins the person it names."""
    by_key: dict[str, Actor] = {}
    surnames: dict[str, str] = {}
    people: list[tuple[ActorMatch, str]] = []
    for mention in mentions:
        key = _key(mention.match)
        key = surnames.get(key, key) if key.startswith("name:") else key
        if mention.title:
            key = _titled_person(mention.match, people) or key
        elif mention.match.kind == "person":
            people.append((mention.match, key))
        if mention.match.kind == "person" and mention.match.kb_id:
            surnames.setdefault("name:" + mention.match.name.split()[-1].lower(), key)
        mention.actor_key = key
        actor = by_key.get(key)
        if actor is None:
            actor = _new_actor(f"A{len(by_key) + 1}", mention.match)
            by_key[key] = actor
        actor.mentions.append((mention.start, mention.end))
    return list(by_key.values())


def _titled_person(match: ActorMatch, people: list[tuple[ActorMatch, str]]) -> str | None:
    """The most recent person of the title's country and sector."""
    for person, key in reversed(people):
        if match.country and person.country == match.country and person.sector == match.sector:
            return key
    return None


def _new_actor(actor_id: str, match: ActorMatch) -> Actor:
    return Actor(actor_id, match.name, match.country, match.sector, match.code, match.kb_id,
                 match.role)


def anchors(doc: Document, mentions: list[Mention]) -> list[Anchor]:
    """The mentions a pronoun may point back to, with their actor ids."""
    ids = {(s, e): a.id for a in doc.actors for s, e in a.mentions}
    return [Anchor(m.start, m.end, ids[(m.start, m.end)], m.match.kind) for m in mentions
            if (m.start, m.end) in ids]


_KIND_LABEL = {"person": "PERSON", "group": "ORG", "org": "ORG", "country": "GPE",
               "metonym": "GPE"}


# Labels the KB is sure of for a name it knows, whatever the tagger said.
_SURE_LABEL = {"person": "PERSON", "country": "GPE"}


def link_entities(doc: Document, mentions: list[Mention]) -> None:
    """Point entities at their actors; add KB names the tagger missed; fix labels it got wrong."""
    ids = {(s, e): a.id for a in doc.actors for s, e in a.mentions}
    for mention in mentions:
        actor_id = ids.get((mention.start, mention.end))
        inside = [e for e in doc.entities
                  if mention.start <= e.start and e.end <= mention.end + 2]
        sure = _SURE_LABEL.get(mention.match.kind) if mention.match.kb_id else None
        for ent in inside:
            ent.actor = actor_id
            if sure and (ent.start, ent.end) == (mention.start, mention.end):
                ent.label = sure  # "Erdogan" tagged GPE, "Sri Lanka" tagged PERSON
        label = _KIND_LABEL.get(mention.match.kind) if mention.named else None
        if not inside and label and not any(e.start < mention.end and mention.start < e.end
                                            for e in doc.entities):
            doc.entities.append(Entity(mention.start, mention.end,
                                       doc.text[mention.start:mention.end], label, actor_id))
    doc.entities.sort(key=lambda e: e.start)
