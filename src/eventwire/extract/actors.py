"""Who acts: actor mentions in the text resolved to country, sector and KB entry.

Mentions come from three places, merged so that each character is claimed once:
KB phrase matches (people, organisations, groups, countries, seats of power), spaCy's
named entities the KB does not know (their role is read from appositives and title
words around them), and nominal agents ("Turkish officials", "Islamist militants").
Mentions of the same actor are grouped (same KB id, same surname, a title that fits a
person already named); pronouns are linked by ``coref.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from ..config import Settings
from ..kb import KnowledgeBase, load_kb
from ..model import Actor, Document, Entity
from .actor_phrase import ActorMatch, find_hits, resolve_phrase, words_of
from .coref import Anchor, link_pronouns

_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"})
_LOCATIVE = frozenset({"in", "at", "near", "inside", "across", "throughout", "around", "into",
                       "outside", "within", "to", "from", "toward", "towards"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY"})


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    match: ActorMatch
    entity: Entity | None = None
    actor_key: str = ""
    title: bool = False  # "the Syrian leader": may name a person already in the article


class ActorStage:
    """Fills ``doc.actors`` and ``entities[].actor``; corrects entity labels the KB is sure of."""

    name = "actors"
    requires: tuple[str, ...] = ("entities",)

    def __init__(self, settings: Settings) -> None:
        self.kb: KnowledgeBase = load_kb(tuple(settings.actor_files))

    def __call__(self, doc: Document) -> None:
        date = (doc.article.published or "")[:10] or None
        mentions = self._kb_mentions(doc, date)
        mentions += self._entity_mentions(doc, mentions, date)
        mentions += _appositive_mentions(doc, mentions, self.kb)
        mentions += self._nominal_mentions(doc, mentions, date)
        mentions.sort(key=lambda m: m.start)
        doc.actors = _group(mentions)
        _link_entities(doc, mentions)
        link_pronouns(doc, _anchors(doc, mentions))

    def _kb_mentions(self, doc: Document, date: str | None) -> list[Mention]:
        text = doc.text
        out: list[Mention] = []
        for sent in doc.parse.sents:
            words = words_of(text[sent.start_char:sent.end_char])
            shifted = [replace(w, start=w.start + sent.start_char, end=w.end + sent.start_char)
                       for w in words]
            for hit in find_hits(shifted, text, self.kb, date):
                if hit.match.kind == "demonym" and not _stands_alone(doc, shifted[hit.first]):
                    continue
                start, end = shifted[hit.first].start, shifted[hit.last].end
                end = _drop_possessive(text, start, end)
                if hit.match.kind == "metonym" and _is_locative(doc, start):
                    continue
                out.append(Mention(start, end, _with_context(doc, start, end, hit.match,
                                                             kb=self.kb, date=date)))
        return out

    def _entity_mentions(self, doc: Document, taken: list[Mention],
                         date: str | None) -> list[Mention]:
        out: list[Mention] = []
        people = {m.match.name.split()[-1]: m.match for m in taken if m.match.kind == "person"}
        for ent in doc.entities:
            if ent.label not in _NAME_LABELS or _overlaps(ent.start, ent.end, taken):
                continue
            if ent.text in people:
                # The tagger often calls a lone surname NORP or GPE ("Rouhani had said").
                out.append(Mention(ent.start, ent.end, people[ent.text], ent))
                continue
            match: ActorMatch | None
            if ent.label == "PERSON":
                match = _person_from_context(doc, ent, self.kb, date)
            elif ent.label in ("ORG",):
                match = resolve_phrase(ent.text, self.kb, date=date,
                                       context=_left_context(doc, ent.start))
            else:
                continue
            if match is not None:
                out.append(Mention(ent.start, ent.end, match, ent))
                if match.kind == "person":
                    people.setdefault(ent.text.split()[-1], match)
        return out

    def _nominal_mentions(self, doc: Document, taken: list[Mention],
                          date: str | None) -> list[Mention]:
        out: list[Mention] = []
        for token in doc.parse:
            if token.pos_ not in _NOUN_POS or token.dep_ == "compound":
                continue
            agent = self.kb.agent(token.lemma_.lower()) or self.kb.agent(token.lower_)
            if agent is None or agent.sector in ("ELI",):
                continue
            start, end = _noun_phrase(token)
            if _overlaps(token.idx, token.idx + len(token), taken + out):
                continue
            phrase = doc.text[start:end]
            match = resolve_phrase(phrase, self.kb, date=date,
                                   context=_of_complement(doc, token))
            if match is None or match.sector is None:
                continue
            if match.country is None and match.sector in _STATE_SECTORS:
                continue  # "the authority", "forces": a state organ without a state is noise
            title = token.tag_ == "NN" and token.lemma_.lower() in _titles()
            countries = _conjoined_countries(phrase, self.kb, date)
            if len(countries) > 1:  # "Hungarian and Romanian officials": one actor each
                head = doc.text[token.idx:token.idx + len(token)]
                out += [Mention(start, end, replace(match, country=c,
                                                    name=f"{word} {head}"))
                        for word, c in countries]
                continue
            out.append(Mention(start, end, replace(match, name=_nominal_name(phrase)),
                               title=title))
        return out


def _appositive_mentions(doc: Document, taken: list[Mention],
                         kb: KnowledgeBase) -> list[Mention]:
    """ "Dmitry Peskov, Putin's spokesman": the appositive noun is another mention of him."""
    out: list[Mention] = []
    for mention in taken:
        if mention.match.kind != "person":
            continue
        span = doc.parse.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        for child in span.root.children:
            if child.dep_ != "appos" or child.pos_ != "NOUN" or kb.agent(child.lemma_) is None:
                continue
            mods = [t for t in child.lefts if t.dep_ in ("amod", "compound")]
            start = mods[0].left_edge.idx if mods else child.idx
            end = child.idx + len(child)
            if not _overlaps(start, end, taken + out):
                out.append(Mention(start, end, mention.match))
    return out


def _stands_alone(doc: Document, word: Any) -> bool:
    """A nationality used as a noun ("Palestinians", "the Israelis") names a people."""
    token = _token_at(doc, word.start)
    return token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("amod", "compound")


def _conjoined_countries(phrase: str, kb: KnowledgeBase,
                         date: str | None) -> list[tuple[str, str]]:
    words = words_of(phrase)
    seen: dict[str, str] = {}
    for hit in find_hits(words, phrase, kb, date):
        if hit.match.kind in ("demonym", "country") and hit.match.country:
            seen.setdefault(hit.match.country, phrase[words[hit.first].start:
                                                      words[hit.last].end])
    return [(word, country) for country, word in seen.items()]


def _drop_possessive(text: str, start: int, end: int) -> int:
    return end - 2 if text.endswith(("'s", "’s"), start, end) else end


def _overlaps(start: int, end: int, mentions: list[Mention]) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


def _token_at(doc: Document, char: int) -> Any:
    return doc.parse.char_span(char, char + 1, alignment_mode="expand")[0]


def _is_locative(doc: Document, start: int) -> bool:
    """A capital named as a place ("a summit in Moscow") is not the government acting."""
    token = _token_at(doc, start)
    head = token.head
    return token.dep_ == "pobj" and head.lower_ in _LOCATIVE


def _left_context(doc: Document, start: int) -> str:
    """The title words right before a name: "Turkish President" in "Turkish President X"."""
    token = _token_at(doc, start)
    head = token.head if token.dep_ == "compound" else token
    left = [t for t in head.lefts if t.dep_ in ("compound", "amod", "poss", "nmod")
            and t.i < token.i]
    if not left:
        return ""
    # "Turkish" modifies "President", not the name: take the modifier's whole subtree.
    return doc.text[left[0].left_edge.idx:token.idx]


def _appositive(doc: Document, start: int, end: int) -> str:
    """The appositive of a name: "a spokeswoman for Russia's Ministry of Foreign Affairs"."""
    span = doc.parse.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ""
    for child in span.root.children:
        if child.dep_ == "appos":
            sub = list(child.subtree)
            return doc.text[sub[0].idx:sub[-1].idx + len(sub[-1])]
    return ""


def _with_context(doc: Document, start: int, end: int, match: ActorMatch, *,
                  kb: KnowledgeBase, date: str | None) -> ActorMatch:
    """A KB person keeps the KB's facts but gains a role from the text when the KB has none."""
    if match.kind != "person" or match.role is not None:
        return match
    extra = _role_from_text(doc, start, end, kb, date)
    if extra is None:
        return match
    return replace(match, role=extra.role or match.role, sector=extra.sector or match.sector)


def _person_from_context(doc: Document, ent: Entity, kb: KnowledgeBase,
                         date: str | None) -> ActorMatch:
    """A person the KB does not know: country and sector from titles and appositives."""
    found = _role_from_text(doc, ent.start, ent.end, kb, date)
    if found is None:
        return ActorMatch(ent.text, kind="person")
    return replace(found, name=ent.text, kind="person", kb_id=None)


def _role_from_text(doc: Document, start: int, end: int, kb: KnowledgeBase,
                    date: str | None) -> ActorMatch | None:
    for context in (_appositive(doc, start, end), _left_context(doc, start)):
        if not context:
            continue
        match = _role_phrase(context, kb, date)
        if match is not None and match.sector is not None:
            return match
    return None


def _role_phrase(context: str, kb: KnowledgeBase, date: str | None) -> ActorMatch | None:
    """Read "Putin's spokesman" as the possessor's country; ignore other people named."""
    words = words_of(context)
    hits = find_hits(words, context, kb, date)
    people = [h for h in hits if h.match.kind == "person"]
    match = resolve_phrase(_without(context, words, people), kb, date=date)
    if match is None:
        return None
    country = match.country
    for hit in people:
        if words[hit.last].text.endswith(("'s", "’s")) and country is None:
            country = hit.match.country
    role = context.strip(" ,").removeprefix("a ").removeprefix("an ").removeprefix("the ")
    return replace(match, country=country, role=role[:80] or None, kb_id=None)


def _without(text: str, words: list[Any], hits: list[Any]) -> str:
    out = text
    for hit in reversed(hits):
        out = out[:words[hit.first].start] + out[words[hit.last].end:]
    return out


def _noun_phrase(token: Any) -> tuple[int, int]:
    """The noun with its modifiers: "U.S.-backed Kurdish YPG militia", "Turkish officials"."""
    left = [t for t in token.lefts if t.dep_ in ("compound", "amod", "poss", "nmod", "nummod")]
    first = left[0] if left else token
    first = min((first, *[t for t in first.subtree if t.i < token.i]), key=lambda t: t.i)
    while first.i < token.i and (first.is_punct or first.lower_ in ("the", "a", "an")):
        first = first.doc[first.i + 1]
    return first.idx, token.idx + len(token)


def _of_complement(doc: Document, token: Any) -> str:
    """ "officials of the Russian government", "a spokeswoman for Russia" → the complement."""
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "from"):
            sub = list(child.subtree)
            return doc.text[sub[0].idx:sub[-1].idx + len(sub[-1])]
    return ""


def _nominal_name(phrase: str) -> str:
    return phrase.strip()[:1].upper() + phrase.strip()[1:]


def _key(match: ActorMatch) -> str:
    if match.kb_id:
        return match.kb_id
    if match.kind == "person":
        return "name:" + match.name.split()[-1].lower()
    return f"nominal:{match.country}:{match.sector}:{match.name.lower()}"


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    path = resources.files("eventwire").joinpath("data/actors/titles.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _group(mentions: list[Mention]) -> list[Actor]:
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


def _anchors(doc: Document, mentions: list[Mention]) -> list[Anchor]:
    ids = {(s, e): a.id for a in doc.actors for s, e in a.mentions}
    return [Anchor(m.start, m.end, ids[(m.start, m.end)], m.match.kind) for m in mentions
            if (m.start, m.end) in ids]


_KIND_LABEL = {"person": "PERSON", "group": "ORG", "org": "ORG", "country": "GPE",
               "metonym": "GPE"}


def _link_entities(doc: Document, mentions: list[Mention]) -> None:
    """Point entities at their actors; add KB names the tagger missed; fix labels it got wrong."""
    ids = {(s, e): a.id for a in doc.actors for s, e in a.mentions}
    for mention in mentions:
        actor_id = ids.get((mention.start, mention.end))
        inside = [e for e in doc.entities
                  if mention.start <= e.start and e.end <= mention.end + 2]
        for ent in inside:
            ent.actor = actor_id
            exact = (ent.start, ent.end) == (mention.start, mention.end)
            if exact and mention.match.kind == "person" and ent.label != "PERSON":
                ent.label = "PERSON"
        label = _KIND_LABEL.get(mention.match.kind) if mention.match.kb_id else None
        if not inside and label and not any(e.start < mention.end and mention.start < e.end
                                            for e in doc.entities):
            doc.entities.append(Entity(mention.start, mention.end,
                                       doc.text[mention.start:mention.end], label, actor_id))
    doc.entities.sort(key=lambda e: e.start)
