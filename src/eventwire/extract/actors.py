"""Who acts: actor mentions in the text resolved to country, sector and KB entry.

Mentions come from four places, merged so that each character is claimed once: KB phrase
matches (people, organisations, groups, countries, seats of power), spaCy's named entities
the KB does not know (their role is read from appositives and title words around them),
nominal agents ("Turkish officials", "Islamist militants"), and nationality adjectives on
other nouns ("an Australian ultimatum" is Australia's). A capital named as a place ("an
embassy in Tehran") is a mention of its country, not of its government. Actors the text
names without a country get one from their context (``actor_country.py``). Mentions of the
same actor are grouped (``actor_groups.py``); pronouns are linked by ``coref.py``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..config import Settings
from ..kb import AgentPattern, KnowledgeBase, load_kb
from ..model import Document
from ..parse import indices_of_pos
from .actor_context import (
    is_locative,
    left_context,
    noun_phrase,
    np_head,
    of_complement,
    role_from_text,
    token_at,
    with_context,
)
from .actor_country import fill_countries
from .actor_groups import Mention, anchors, group, link_entities, titles
from .actor_phrase import (
    ActorMatch,
    Hit,
    abbreviation_of_name,
    find_hits,
    people_modifier,
    resolve_phrase,
    surname_match,
    words_of,
)
from .coref import link_pronouns

__all__ = ["ActorStage", "resolve_phrase"]

_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_MEDIA = "JRN"
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY"})


class ActorStage:
    """Fills ``doc.actors`` and ``entities[].actor``; corrects entity labels the KB is sure of."""

    name = "actors"
    requires: tuple[str, ...] = ("entities",)

    def __init__(self, settings: Settings) -> None:
        self.kb: KnowledgeBase = load_kb(tuple(settings.actor_files))

    def __call__(self, doc: Document) -> None:
        date = (doc.article.published or "")[:10] or None
        mentions, modifiers = self._kb_mentions(doc, date)
        mentions += self._entity_mentions(doc, mentions, date)
        mentions += _appositive_mentions(doc, mentions, self.kb)
        mentions += self._nominal_mentions(doc, mentions, date)
        kept = _modifier_mentions(doc, modifiers, mentions, self.kb)
        mentions += kept
        mentions.sort(key=lambda m: m.start)
        _abbreviations_join_names(doc.text, mentions)
        fill_countries(doc, mentions, self.kb, [m for m in modifiers if m not in kept
                                                and not _on_no_actor(doc, m, self.kb)])
        mentions = [m for m in mentions if not _stateless_organ(doc, m)]
        doc.actors = group(mentions)
        link_entities(doc, mentions)
        link_pronouns(doc, anchors(doc, mentions))

    def _kb_mentions(self, doc: Document,
                     date: str | None) -> tuple[list[Mention], list[Mention]]:
        """KB names in the text, and nationality adjectives kept back for ``_modifier_mentions``."""
        text = doc.text
        out: list[Mention] = []
        modifiers: list[Mention] = []
        for sent in doc.parse.sents:
            words = words_of(text[sent.start_char:sent.end_char], sent.start_char)
            for hit in find_hits(words, text, self.kb, date):
                start, end = words[hit.first].start, words[hit.last].end
                end = _drop_possessive(text, start, end)
                if hit.match.kind == "demonym":
                    mention = self._demonym(doc, hit, words, start, end)
                    if mention is not None:
                        (out if mention.match.kind == "nominal" else modifiers).append(mention)
                    continue
                match = hit.match
                if match.kind == "metonym" and is_locative(doc, start):
                    match = self._country(match.country)
                if match.kind == "person" and text[start:end].lower().startswith("the "):
                    start += 4  # "the Reagan administration": the article is no part of him
                out.append(Mention(start, end, with_context(doc, start, end, match,
                                                            kb=self.kb, date=date),
                                   named=True))
        return out, modifiers

    def _demonym(self, doc: Document, hit: Hit, words: list[Any], start: int,
                 end: int) -> Mention | None:
        """ "the Palestinians" name a people; "ethnic Albanians" a people of no stated country;
        "Australian" before another noun is Australia's."""
        before = words[hit.first - 1].text if hit.first > 0 else ""
        people = self.kb.agent(before.lower()) if people_modifier(before, self.kb) else None
        token = token_at(doc, words[hit.last].start)
        if token.pos_ in _NOUN_POS and token.dep_ not in ("amod", "compound"):
            if people is not None:
                start = words[hit.first - 1].start
                match = ActorMatch(_nominal_name(doc.text[start:end]), None, people.sector,
                                   people.sector2, kind="nominal")
            else:
                match = replace(hit.match, name=_nominal_name(doc.text[start:end]),
                                kind="nominal", country=self._home(doc, token)
                                or hit.match.country)
            return Mention(start, end, match, head=token.i)
        if people is not None or hit.match.country is None:
            return None
        if doc.text[start:end].lower().startswith("the "):  # "the Turkish border"
            start += 4
        return Mention(start, end, replace(self._country(hit.match.country), kind="demonym"),
                       head=np_head(token).i)

    def _home(self, doc: Document, token: Any) -> str | None:
        """ "the Hungarians of Romania": the people of the country the "of" names."""
        for prep in token.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                sub = list(prep.subtree)[1:]
                if sub:
                    found = resolve_phrase(doc.text[sub[0].idx:sub[-1].idx + len(sub[-1])],
                                           self.kb)
                    return found.country if found is not None else None
        return None

    def _country(self, iso3: str | None) -> ActorMatch:
        """The country itself, as its KB entry names it."""
        name = self.kb.country_name(iso3 or "") or str(iso3)
        return ActorMatch(name, iso3, None, kb_id=f"country:{iso3}", kind="place")

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
                match = self._person(doc, ent.start, ent.end, date)
            elif ent.label == "ORG":
                match = resolve_phrase(ent.text, self.kb, date=date,
                                       context=left_context(doc, ent.start))
                if match is not None and match.kind == "place":
                    continue  # a town the tagger called an organisation
                if match is not None and match.kb_id is None:
                    match = replace(match, name=ent.text)
            else:
                continue
            if match is not None and match.kind == "person" and match.kb_id \
                    and abbreviation_of_name(doc.text, ent.start, ent.end):
                continue  # "the Journalists Association (AKK)": the name's, not a person's
            if match is not None:
                out.append(Mention(ent.start, ent.end, match, ent))
                if match.kind == "person":
                    people.setdefault(ent.text.split()[-1], match)
        return out

    def _person(self, doc: Document, start: int, end: int, date: str | None) -> ActorMatch:
        """A person the KB does not know by this name: country and sector from titles and
        appositives, and from the KB's people of that surname ("Bush": both were American)."""
        name = doc.text[start:end]
        found = role_from_text(doc, start, end, self.kb, date)
        bearer = surname_match(name, self.kb, date) if " " not in name else None
        if bearer is not None and bearer.kb_id:
            return with_context(doc, start, end, bearer, kb=self.kb, date=date)
        if found is None:
            return bearer or ActorMatch(name, kind="person")
        return replace(found, name=name, kind="person", kb_id=None,
                       country=found.country or (bearer.country if bearer else None))

    def _nominal_mentions(self, doc: Document, taken: list[Mention],
                          date: str | None) -> list[Mention]:
        out: list[Mention] = []
        for i in indices_of_pos(doc.parse, _NOUN_POS):
            token = doc.parse[i]
            if token.dep_ == "compound":
                continue
            agent = _agent_of(token, self.kb)
            if agent is None or agent.modifier or agent.sector == "JNK":
                continue
            start, end = noun_phrase(token)
            if _overlaps(token.idx, token.idx + len(token), taken + out):
                continue
            phrase = doc.text[start:end]
            match = resolve_phrase(phrase, self.kb, date=date,
                                   context=of_complement(doc, token))
            if match is None or match.sector is None:
                continue
            title = token.tag_ == "NN" and token.lemma_.lower() in titles() \
                and not _owned(token, taken)
            start = _after_names(doc.text, start, end, taken)
            countries = _conjoined_countries(phrase, self.kb, date)
            if len(countries) > 1:  # "Hungarian and Romanian officials": one actor each
                head = doc.text[token.idx:token.idx + len(token)]
                out += [Mention(start, end, replace(match, country=c, name=f"{word} {head}"),
                                head=token.i)
                        for word, c in countries]
                continue
            out.append(Mention(start, end, replace(match, name=_nominal_name(phrase)),
                               title=title, head=token.i))
        return out


def _owned(token: Any, taken: list[Mention]) -> bool:
    """ "Lukashenko's spokesman", "his spokesman": someone else's aide, not a title of the
    person last named ("Syria's leader" is a title: a country owns it)."""
    for child in token.children:
        if child.dep_ != "poss":
            continue
        if child.pos_ == "PRON":
            return True
        if any(m.start <= child.idx < m.end and m.match.kind in ("person", "org", "group")
               for m in taken):
            return True
    return False


def _after_names(text: str, start: int, end: int, taken: list[Mention]) -> int:
    """The start of a nominal past the names it begins with, so that mentions do not overlap:
    "spokesman" of "Lukashenko's spokesman" (its name keeps the whole phrase)."""
    for mention in sorted(taken, key=lambda m: m.start):
        if start <= mention.start < end and mention.end < end:
            start = mention.end
    rest = text[start:end]
    for prefix in ("'s", "’s", "'", "’"):
        rest = rest.removeprefix(prefix)
    return end - len(rest.lstrip(" ,"))


def _agent_of(token: Any, kb: KnowledgeBase, *, media: bool = False) -> AgentPattern | None:
    """The agent pattern a noun heads, the longest first: "human rights group", "rebel group",
    then "group".

    A longer form of the media ("news agencies", "state media") is not taken: media named in
    a story are mostly the channel of a statement ("told Russian news agencies"), which the
    record keeps as an addressee's words, not as an actor; ``media=True`` takes them.
    """
    for n in (3, 2) if kb.ends_agent_phrase(token.lower_) else ():
        words = token.doc[max(0, token.i - n + 1):token.i + 1]
        if len(words) == n and all(t.dep_ in ("compound", "amod") for t in words[:-1]):
            found = kb.agent(" ".join(t.lower_ for t in words))
            if found is not None and (media or _MEDIA not in (found.sector, found.sector2)):
                return found
    return kb.agent(token.lemma_.lower()) or kb.agent(token.lower_)


def _modifier_mentions(doc: Document, modifiers: list[Mention], taken: list[Mention],
                       kb: KnowledgeBase) -> list[Mention]:
    """ "an Australian ultimatum", "the Iraqi city of Basra": the adjective names the country,
    unless its noun phrase already names an actor ("Turkish President Tayyip Erdogan") or is
    one the stage leaves out on purpose ("Russian news agencies")."""
    out: list[Mention] = []
    for mention in modifiers:
        head = doc.parse[mention.head] if mention.head is not None else None
        if head is not None and (_overlaps(head.idx, head.idx + len(head), taken)
                                 or _agent_of(head, kb, media=True) is not None):
            continue
        if not _overlaps(mention.start, mention.end, taken + out):
            out.append(mention)
    return out


def _on_no_actor(doc: Document, modifier: Mention, kb: KnowledgeBase) -> bool:
    """ "the Russian language": a nationality on a word that names no actor (``JNK``) says
    nothing of where the story is."""
    if modifier.head is None:
        return False
    agent = _agent_of(doc.parse[modifier.head], kb)
    return agent is not None and agent.sector == "JNK"


def _abbreviations_join_names(text: str, mentions: list[Mention]) -> None:
    """ "the European Union (EU)": a bracketed abbreviation right after a KB name is that
    name's, even where the KB (or a user's file) knows the two apart."""
    names = {m.end: m for m in mentions if m.named and m.match.kb_id}
    for mention in mentions:
        if text[mention.end:mention.end + 1] != ")" or not mention.match.kb_id:
            continue
        gap = text.rfind("(", max(0, mention.start - 3), mention.start)
        name = names.get(len(text[:gap].rstrip())) if gap >= 0 else None
        if name is not None and name is not mention and not text[gap + 1:mention.start].strip():
            mention.match = name.match


def _stateless_organ(doc: Document, mention: Mention) -> bool:
    """ "on the authority of a third country", "the ministry": one state organ whose state
    neither the text nor the story says is noise; plural ones ("police said") stay."""
    if mention.match.kind != "nominal" or mention.match.country is not None:
        return False
    if mention.match.sector not in _STATE_SECTORS or mention.head is None:
        return False
    return bool(doc.parse[mention.head].tag_ in ("NN", "NNP"))


def _appositive_mentions(doc: Document, taken: list[Mention],
                         kb: KnowledgeBase) -> list[Mention]:
    """ "Dmitry Peskov, Putin's spokesman", "the opposition newspaper La Prensa": the agent
    noun in apposition to a name is another mention of what the name names."""
    out: list[Mention] = []
    for mention in taken:
        if mention.match.kind not in ("person", "org", "group"):
            continue
        span = doc.parse.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        nouns = [c for c in span.root.children if c.dep_ == "appos"]
        if span.root.dep_ == "appos":
            nouns.append(span.root.head)
        for noun in nouns:
            if noun.pos_ not in _NOUN_POS or _agent_of(noun, kb) is None:
                continue
            start, end = _title_span(noun)
            if not _overlaps(start, end, taken + out):
                out.append(Mention(start, end, mention.match))
    return out


def _title_span(noun: Any) -> tuple[int, int]:
    """The title words of a noun: "foreign minister" in "Turkey's foreign minister"."""
    first = noun
    while first.i > 0 and first.nbor(-1).dep_ in ("amod", "compound") \
            and first.nbor(-1).head.i in (first.i, noun.i):
        first = first.nbor(-1)
    return first.idx, noun.idx + len(noun)


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


def _nominal_name(phrase: str) -> str:
    return phrase.strip()[:1].upper() + phrase.strip()[1:]
