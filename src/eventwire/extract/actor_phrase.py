"""Resolve a short actor phrase ("Turkish officials", "Chile's Ministry of Mines",
"Armenian Prime Minister Nikol Pashinyan") to a country, a sector and a KB entry.

This works on words alone, with no parse, so it serves three callers: the in-text actor
stage (on the words around a mention), ``eventwire actor`` and the actor-resolution eval.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..kb import AgentPattern, KBEntry, KnowledgeBase
from ..model import Place

_WORD = re.compile(r"[\w][\w.'’\-]*[\w.]|[\w]")
_POSSESSIVE = re.compile(r"['’]s?$")
MAX_NGRAM = 6
# A city this large is known well enough that a bare modifier naming it means it.
NOTABLE_CITY = 250_000


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """What a phrase says about who acts. ``code`` is CAMEO-style: country + sector."""

    name: str
    country: str | None = None
    sector: str | None = None
    sector2: str | None = None
    kb_id: str | None = None
    role: str | None = None
    kind: str = "nominal"  # person | org | group | country | metonym | nominal

    @property
    def code(self) -> str | None:
        return ((self.country or "") + (self.sector or "")) or None

    @property
    def is_empty(self) -> bool:
        return self.country is None and self.sector is None and self.kb_id is None


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    start: int
    end: int

    @property
    def bare(self) -> str:
        """The word without a possessive ending ("Russia's" → "Russia")."""
        return _POSSESSIVE.sub("", self.text) if self.text[-2:] in ("'s", "’s") else self.text


def words_of(text: str, offset: int = 0) -> list[Word]:
    """Words with their offsets (plus ``offset``, where ``text`` starts in the document); a
    sentence's full stop is not part of its last word, but the dots of abbreviations
    ("U.S.", "Sen.", "Gen.") are."""
    out: list[Word] = []
    for m in _WORD.finditer(text):
        word, end = m.group(), m.end()
        if word.endswith(".") and len(word) > 4 and "." not in word[:-1]:
            word, end = word[:-1], end - 1
        out.append(Word(word, m.start() + offset, end + offset))
    return out


@dataclass(frozen=True, slots=True)
class Hit:
    """One KB match inside a phrase: words ``[first, last]`` and what they matched."""

    first: int
    last: int
    match: ActorMatch


def entry_match(entry: KBEntry, kb: KnowledgeBase, date: str | None) -> ActorMatch:
    """An actor from a KB entry; a person's sector and role come from the role held on ``date``."""
    if entry.type == "person":
        role = kb.role_on(entry.kb_id, date)
        if role is None and date is None:
            # Without a date nothing says they have left office: read their latest role.
            return ActorMatch(entry.name, entry.country, entry.sector, entry.sector2,
                              entry.kb_id, entry.role, "person")
        if role is None:
            return ActorMatch(entry.name, entry.country, "ELI", None, entry.kb_id,
                              None, "person")
        return ActorMatch(entry.name, role.country, role.sector, role.sector2, entry.kb_id,
                          role.role, "person")
    kind = entry.type if entry.type in ("country", "group") else "org"
    return ActorMatch(entry.name, entry.country, entry.sector, entry.sector2, entry.kb_id,
                      None, kind)


def find_hits(words: Sequence[Word], text: str, kb: KnowledgeBase, date: str | None) -> list[Hit]:
    """Longest-first, non-overlapping KB matches over the words of ``text``."""
    hits: list[Hit] = []
    i = 0
    while i < len(words):
        hit = _longest_at(words, i, text, kb, date)
        if hit is None:
            i += 1
            continue
        if not _spelled_out_before(hit, words, text):
            hits.append(hit)
        i = hit.last + 1
    return hits


def _spelled_out_before(hit: Hit, words: Sequence[Word], text: str) -> bool:
    return hit.match.kind == "person" and hit.first == hit.last \
        and abbreviation_of_name(text, words[hit.first].start, words[hit.last].end)


_NAME_BEFORE = re.compile(r"[A-Z][\w.'’\-]*\s*\($")


def abbreviation_of_name(text: str, start: int, end: int) -> bool:
    """ "the Bosnian Journalists Association (AKK)": a bracketed abbreviation right after
    a name is that name's, not the person the KB knows by those initials."""
    before = _NAME_BEFORE.search(text, max(0, start - 80), start)
    return text[end:end + 1] == ")" and before is not None


def _longest_at(words: Sequence[Word], i: int, text: str, kb: KnowledgeBase,
                date: str | None) -> Hit | None:
    if not kb.may_start(words[i].text):
        return None
    for n in range(min(MAX_NGRAM, len(words) - i), 0, -1):
        last = i + n - 1
        span = text[words[i].start:words[last].end]
        if n == 1:
            span = words[i].bare
        elif span.endswith(("'s", "’s")):
            span = span[:-2]
        if not kb.may_name(span):  # the one-set pre-check of every index _lookup reads
            continue
        match = _lookup(span, kb, date)
        if match is not None:
            return Hit(i, last, match)
    return None


def _lookup(span: str, kb: KnowledgeBase, date: str | None) -> ActorMatch | None:
    entries = kb.by_alias(span)
    if entries:
        return entry_match(_prefer(entries, kb, date), kb, date)
    metonym = kb.metonym(span)
    if metonym is not None:
        iso3, sector = metonym
        return ActorMatch(f"Government of {kb.country_name(iso3) or iso3}", iso3, sector,
                          kb_id=f"gov:{iso3}", kind="metonym")
    demonym = kb.country_of_demonym(span)
    if demonym is not None:
        return ActorMatch(span, demonym, None, kind="demonym")
    return None


def _prefer(entries: Sequence[KBEntry], kb: KnowledgeBase, date: str | None) -> KBEntry:
    """Several entries share an alias: prefer a person in office on ``date``, then a body
    whose dates cover ``date`` ("Zimbabwe" before 1979 names Rhodesia), then an undated one,
    then the first."""
    in_office = [e for e in entries if e.type == "person" and kb.role_on(e.kb_id, date)]
    covering = [e for e in entries if e.dated and e.valid_on(date)]
    undated = [e for e in entries if not e.dated]
    return (in_office or covering or undated or list(entries))[0]


def surname_match(name: str, kb: KnowledgeBase, date: str | None) -> ActorMatch | None:
    """A surname several KB people share, which the KB therefore lists only in full names:
    the one of them in office on ``date``, else what they all share ("Bush": USA, GOV)."""
    bearers = kb.people_named(name)
    if len(bearers) < 2:
        return None
    if date is not None:
        in_office = [e for e in bearers if kb.role_on(e.kb_id, date) is not None]
        if len(in_office) == 1:
            return entry_match(in_office[0], kb, date)
    matches = [entry_match(e, kb, date) for e in bearers]
    countries = {m.country for m in matches}
    if len(countries) != 1:
        return None
    sectors = {m.sector for m in matches}
    return ActorMatch(name, countries.pop(), sectors.pop() if len(sectors) == 1 else None,
                      kind="person")


def agent_sector(words: Sequence[Word], kb: KnowledgeBase, skip: set[int]) -> ActorMatch | None:
    """The sector of the rightmost agent noun ("Defense Ministry" → GOV), and ELI for "former"
    before an office."""
    found: ActorMatch | None = None
    former = False
    i = 0
    while i < len(words):
        if i in skip:
            i += 1
            continue
        n, agent = _agent_at(words, i, kb)
        if agent is None:
            i += 1
            continue
        if agent.modifier and agent.sector == "ELI":
            former = True
        else:
            found = ActorMatch(" ".join(w.text for w in words[i:i + n]), None, agent.sector,
                               agent.sector2)
        i += n
    if former and found is not None and found.sector in ("GOV", "MIL", "LEG", "JUD", None):
        return replace(found, sector="ELI", sector2=None)
    return found


def _agent_at(words: Sequence[Word], i: int,
              kb: KnowledgeBase) -> tuple[int, AgentPattern | None]:
    for n in range(min(4, len(words) - i), 0, -1):
        phrase = " ".join(w.bare.lower() for w in words[i:i + n])
        agent = kb.agent(phrase)
        if agent is not None:
            return n, agent
    return 1, None


def resolve_phrase(
    text: str, kb: KnowledgeBase, *, context: str | None = None, date: str | None = None
) -> ActorMatch | None:
    """The actor a short phrase names, or None when it names none.

    A person, organisation or group in the KB decides; otherwise a country (name, demonym,
    possessive or seat of power) plus the sector of the head agent noun. ``context`` (words
    around the phrase, e.g. "Colombian defense") fills a country or sector the phrase lacks.
    """
    match = _resolve_words(text, kb, date)
    if context and (match is None or match.country is None or match.sector is None):
        extra = _resolve_words(context, kb, date)
        if extra is not None:
            match = _fill(match, extra, text)
    return None if match is None or match.is_empty else match


_PREPOSITIONS = frozenset({"to", "at", "of", "for", "in", "from", "with", "on"})


def _resolve_words(text: str, kb: KnowledgeBase, date: str | None) -> ActorMatch | None:
    """The head part decides ("Canadian Ambassador" in "… to the United Nations"); the
    complement after a preposition only fills a country the head lacks."""
    words = words_of(text)
    if not words:
        return None
    cut = next((i for i, w in enumerate(words) if i > 0 and w.text.lower() in _PREPOSITIONS),
               None)
    if cut is not None and any(h.first < cut <= h.last for h in find_hits(words, text, kb, date)):
        cut = None  # the preposition is inside a name: "International Court of Justice"
    if cut is not None:
        head_text = text[:words[cut].start]
        head = _resolve_head(words_of(head_text), head_text, kb, date)
        if head is not None and head.kind != "demonym" and (head.sector or head.kb_id):
            if head.country is None:
                rest = _resolve_head(words[cut + 1:], text, kb, date)
                country = rest.country if rest else _place_country(words[cut + 1:], text, kb)
                head = replace(head, country=country)
            return head
    return _resolve_head(words, text, kb, date)


def _resolve_head(words: Sequence[Word], text: str, kb: KnowledgeBase,
                  date: str | None) -> ActorMatch | None:
    if not words:
        return None
    hits = find_hits(words, text, kb, date)
    covered = {i for h in hits for i in range(h.first, h.last + 1)}
    agent = agent_sector(words, kb, covered)
    named = [h for h in hits if h.match.kind in ("person", "org", "group")]
    if named:
        owned = _possessed(named[-1], words, text, kb)
        return owned or _named_with_agent(named[-1].match, agent, hits, words, kb)
    country = _first_country(hits, words, kb)
    if country is None and agent is not None:
        country = _surname_country(words, kb, date) or _place_country(words, text, kb,
                                                                      notable=True)
    places = [h.match for h in hits if h.match.kind in ("metonym", "country", "demonym")]
    if agent is not None:
        name = text[words[0].start:words[-1].end].strip()
        return ActorMatch(name, country, agent.sector, agent.sector2, kind="nominal")
    if places:
        top = places[0]
        return replace(top, country=country or top.country)
    place = _place_country(words, text, kb)
    if place is not None:  # a town named alone ("Puerto Penasco") stands for its country
        return ActorMatch(text[words[0].start:words[-1].end].strip(), place, kind="place")
    return None


def _possessed(owner: Hit, words: Sequence[Word], text: str,
               kb: KnowledgeBase) -> ActorMatch | None:
    """ "Putin's spokesman", "the Reagan administration", "Hamas's negotiators": an agent
    after a possessive name, or after a person's name, is someone else, of the owner's
    country (and of a body's own sector: Hamas's men are REB)."""
    possessive = words[owner.last].text.endswith(("'s", "’s", "s'", "s’"))
    if not possessive and owner.match.kind != "person":
        return None
    agent = agent_sector(words[owner.last + 1:], kb, set())
    if agent is None:
        return None
    match = owner.match
    sector = match.sector if match.kind in ("org", "group") and match.sector else agent.sector
    name = text[words[0].start:words[-1].end].strip()
    return ActorMatch(name, match.country, sector, agent.sector2 if sector == agent.sector
                      else match.sector2, kind="nominal")


def _named_with_agent(best: ActorMatch, agent: ActorMatch | None, hits: Sequence[Hit],
                      words: Sequence[Word], kb: KnowledgeBase) -> ActorMatch:
    """A KB name plus the title words around it: "former" makes ELI, an office title
    beats a stale ELI, and a region without a sector takes the agent's ("Rakhine rebels")."""
    if best.country is None:
        best = replace(best, country=_first_country(hits, words, kb))
    if agent is None:
        return best
    if agent.sector == "ELI" and best.kind == "person":
        return replace(best, sector="ELI", sector2=None)
    if best.sector is None or (best.kind == "person" and best.sector == "ELI"):
        return replace(best, sector=agent.sector, sector2=agent.sector2)
    return best


def _surname_country(words: Sequence[Word], kb: KnowledgeBase, date: str | None) -> str | None:
    """ "the Bush administration": the country of the people of that surname."""
    for word in words:
        if word.text[:1].isupper() and not kb.is_agent_word(word.bare):  # not "King"
            bearer = surname_match(word.bare, kb, date)
            if bearer is not None and bearer.country:
                return bearer.country
    return None


def _place_country(words: Sequence[Word], text: str, kb: KnowledgeBase, *,
                   notable: bool = False) -> str | None:
    """A capitalised run of words that names a city or region ("Shanghai police"); a title
    word ("King", "Minister") is no place. ``notable``: only a region, a capital or a large
    city counts, for a word that merely modifies an agent noun ("Reserve Bank" is no bank of
    Reserve, Louisiana)."""
    from .places import resolve_toponym  # the gazetteer loads only when a phrase needs it

    def is_name(word: Word) -> bool:
        return word.text[:1].isupper() and not kb.is_agent_word(word.bare)

    i = 0
    while i < len(words):
        if not is_name(words[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(words) and is_name(words[j + 1]):
            j += 1
        name = text[words[i].start:words[j].end]
        place = resolve_toponym(name)
        if place is not None and place.country and (not notable or _is_notable(name, place)):
            return place.country
        i = j + 1
    return None


def _is_notable(name: str, place: Place) -> bool:
    from ..gazetteer import load_gazetteer

    chosen = [c.entry for c in load_gazetteer().candidates(name)
              if c.entry.geonames_id == place.geonames_id]
    return any(e.kind in ("country", "admin1") or e.capital or e.population >= NOTABLE_CITY
               for e in chosen)


def _first_country(hits: Sequence[Hit], words: Sequence[Word],
                   kb: KnowledgeBase) -> str | None:
    """The first country named; "ethnic Albanians" are a people, not Albania's citizens."""
    return next((h.match.country for h in hits if h.match.country
                 and not (h.match.kind == "demonym" and h.first > 0
                          and people_modifier(words[h.first - 1].text, kb))), None)


def people_modifier(word: str, kb: KnowledgeBase) -> bool:
    """A modifier such as "ethnic" (agents.tsv: a ``_`` pattern coded other than ELI) makes
    the nationality after it a people, whose country is where they live, not the one named."""
    agent = kb.agent(word.lower())
    return agent is not None and agent.modifier and agent.sector != "ELI"


def _fill(match: ActorMatch | None, extra: ActorMatch, text: str) -> ActorMatch:
    if match is None:
        return ActorMatch(text.strip(), extra.country, extra.sector, extra.sector2)
    return replace(match, country=match.country or extra.country,
                   sector=match.sector or extra.sector)
