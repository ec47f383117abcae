"""The parse around one candidate trigger, read once and checked against all its patterns.

A frequent lemma has dozens of rows (``take``, ``hold``, ``send``); the children, particles,
prepositions, object candidates and nearby words of the token are computed once per token
and each row is then a few set look-ups. spaCy builds a Python object on every token access,
so the parse is first copied into plain lists (:class:`Sheet`), once per document.
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import DEP, HEAD, IDX, LEMMA, LOWER, POS, TAG

from ..events_kb import ACTOR_OBJECT, ANY_OBJECT, TriggerPattern
from .event_args import ActorIndex, is_passive, subject_actors

_OBJECT_DEPS = frozenset({"dobj", "obj", "nsubjpass", "attr", "oprd"})
# Quantity and part nouns whose "of" complement is the real object ("25,000 tons of food
# aid", "part of a stronghold", "control of much of Idlib").
_PARTITIVE = frozenset({"part", "portion", "most", "much", "many", "some", "all", "rest", "half",
                        "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands",
                        "million", "millions", "ton", "tons", "tonne", "tonnes", "number",
                        "lot", "lots", "majority", "bulk", "batch", "shipment", "consignment",
                        "amount", "quantity", "kind", "type", "series", "round", "wave"})
_CURRENCIES = frozenset({"dollar", "euro", "pound", "yen", "yuan", "rupee", "franc", "ruble",
                         "rouble", "peso", "dinar", "riyal", "shekel", "lira", "naira", "rand"})
_CLAUSAL = frozenset({"xcomp", "ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj"})
# A verb phrase's words are its complements, not its subject ("the offensive continued").
_OUTSIDE_PHRASE = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})

ObjectKey = tuple[bool, tuple[str, ...], bool]


class Sheet:
    """The parse of one document as plain lists, indexed by token position."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        cols = doc.to_array([LEMMA, LOWER, DEP, POS, TAG, HEAD, IDX]).T.tolist()
        names = _Names(doc.vocab.strings)
        self.lemma: list[str] = [names.lower(x) for x in cols[0]]
        self.lower: list[str] = [names.get(x) for x in cols[1]]
        self.dep: list[str] = [names.get(x) for x in cols[2]]
        self.pos: list[str] = [names.get(x) for x in cols[3]]
        self.tag: list[str] = [names.get(x) for x in cols[4]]
        # HEAD is a relative offset stored unsigned: wrap it back to a signed one.
        self.head: list[int] = [i + (h - (1 << 64) if h >= 1 << 63 else h)
                                for i, h in enumerate(cols[5])]
        self.idx: list[int] = cols[6]  # character offsets
        self.children: list[list[int]] = [[] for _ in self.head]
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)
        # Every form in the document: a multi-word pattern whose words are not all here is
        # ruled out without reading the parse around the token.
        self.words = frozenset(self.lemma) | frozenset(self.lower)

    def forms(self, i: int) -> tuple[str, str]:
        return self.lemma[i], self.lower[i]

    def subtree(self, i: int) -> list[int]:
        found, stack = [], [i]
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(self.children[node])
        return sorted(found)


class _Names:
    """spaCy string ids to strings, each looked up once per document."""

    def __init__(self, strings: Any) -> None:
        self.strings = strings
        self.seen: dict[int, str] = {}
        self.lowered: dict[int, str] = {}

    def get(self, key: int) -> str:
        found = self.seen.get(key)
        if found is None:
            found = self.seen[key] = self.strings[key]
        return found

    def lower(self, key: int) -> str:
        found = self.lowered.get(key)
        if found is None:
            found = self.lowered[key] = self.get(key).lower()
        return found


class _Object:
    """An object candidate; its phrase is read only when a multi-word value is asked for."""

    __slots__ = ("_pos", "_seq", "_words", "forms", "i", "sheet")

    def __init__(self, sheet: Sheet, i: int) -> None:
        self.sheet = sheet
        self.i = i
        forms = set(sheet.forms(i))  # the head's lemma and text
        if any(sheet.tag[c] == "$" or sheet.lemma[c] in _CURRENCIES for c in sheet.children[i]):
            forms.add("money")  # "provided €3.5 million", "gave $2 million"
        self.forms = frozenset(forms)
        self._seq: list[tuple[str, str]] | None = None
        self._words: frozenset[str] = frozenset()
        self._pos = 0

    def phrase(self) -> tuple[list[tuple[str, str]], int, frozenset[str]]:
        """(lemma, text) of each word of the object's phrase, the head's place in it, and
        every form in it (to rule a value out cheaply)."""
        if self._seq is None:
            span = self.sheet.subtree(self.i)
            self._seq = [self.sheet.forms(j) for j in span]
            self._words = frozenset(f for pair in self._seq for f in pair)
            self._pos = span.index(self.i)
        return self._seq, self._pos, self._words


class Scene:
    """The parse around one token: what every pattern of its lemma is checked against."""

    def __init__(self, sheet: Sheet, i: int, actors: ActorIndex) -> None:
        self.sheet = sheet
        self.i = i
        self.actors = actors
        dep, lower = sheet.dep, sheet.lower
        self.children = sheet.children[i]
        self.particles = {lower[c] for c in self.children if dep[c] in ("prt", "prep", "advmod")}
        self.has_particle = any(dep[c] == "prt" for c in self.children)
        self.auxes = {f for c in self.children if dep[c] in ("aux", "auxpass")
                      for f in sheet.forms(c)}
        self.preps = {lower[c] for c in self.children if dep[c] in ("prep", "agent", "dative")}
        # "agreed to take steps": the infinitive marker stands for the preposition "to".
        if any(dep[c] == "xcomp" and any(dep[g] == "aux" and lower[g] == "to"
                                         for g in sheet.children[c]) for c in self.children):
            self.preps.add("to")
        self._objects: dict[ObjectKey, list[_Object]] = {}
        self._pools: dict[bool, dict[str, list[int]]] = {}
        self._compound: bool | None = None

    def satisfied(self, pattern: TriggerPattern) -> tuple[frozenset[int], int] | None:
        """When every constraint holds: the tokens matching the pattern's extra words and how
        well the object matched (2 a multi-word value, 1 a word, 0 no object asked)."""
        if pattern.particles:
            # spaCy parses "pulled out of" with "out" as a preposition as often as a particle.
            if self.particles.isdisjoint(pattern.particles):
                return None
        elif self.has_particle and pattern.kind == "verb":
            return None  # "free up", "take over": the bare row means the verb without one
        if pattern.preps and self.preps.isdisjoint(pattern.preps):
            return None
        if not self._clause_holds(pattern):
            return None
        quality = self._object_match(pattern) if pattern.objects else 0
        if quality is None:
            return None
        words = self._extra_words(pattern)
        return (words, quality) if words is not None else None

    def _clause_holds(self, pattern: TriggerPattern) -> bool:
        """The subject and the auxiliary the row asks for: several actors, "have" delayed."""
        if pattern.compound and not self.compound_subject():
            return False
        return not pattern.auxes or not self.auxes.isdisjoint(pattern.auxes)

    def compound_subject(self) -> bool:
        """The subject names several actors ("Gondor and Osgiliath agreed")."""
        if self._compound is None:
            token = self.sheet.doc[self.i]
            self._compound = len(subject_actors(token, self.actors, is_passive(token))) > 1
        return self._compound

    def _object_match(self, pattern: TriggerPattern) -> int | None:
        """2 when an object matches a multi-word value, 1 a one-word value (or an actor, for
        ``@actor``, ``@any``), None when no object matches."""
        words, index = pattern.object_words, pattern.phrases_by_word
        quality: int | None = None
        for cand in self._candidates(pattern):
            phrases = [p for form in cand.forms for p in index.get(form, ())]
            if phrases and _has_phrase(cand, phrases):
                return 2
            if not cand.forms.isdisjoint(words) or self._kind_of_object(words, cand.i):
                quality = 1
        return quality

    def _kind_of_object(self, words: frozenset[str], i: int) -> bool:
        """``@any``: a direct object; ``@actor``: a direct object that names an actor."""
        if self.sheet.dep[i] not in ("dobj", "obj", "dative"):
            return False
        return ANY_OBJECT in words or (
            ACTOR_OBJECT in words and bool(self.actors.of_phrase(self.sheet.doc[i])))

    def _candidates(self, pattern: TriggerPattern) -> list[_Object]:
        key = (pattern.kind == "noun", pattern.preps, pattern.kind == "verb")
        if key not in self._objects:
            found = _object_tokens(self.sheet, self.children, pattern)
            self._objects[key] = [_Object(self.sheet, j) for j in found]
        return self._objects[key]

    def _extra_words(self, pattern: TriggerPattern) -> frozenset[int] | None:
        """The other words of a multi-word lemma ("call for", "air strike") sit around the
        head: among its children (a noun) or in its phrase, or within three words."""
        words = pattern.words
        if len(words) == 1:
            return frozenset()
        if not self.sheet.words.issuperset(words):
            return None
        pool = self._pool(pattern.kind == "noun")
        matched: set[int] = set()
        head_seen = False
        for word in words:
            if word == pattern.head and not head_seen:
                head_seen = True
                continue
            found = next((j for j in pool.get(word, ()) if j not in matched), None)
            if found is None:
                return None
            matched.add(found)
        return frozenset(matched)

    def _pool(self, noun: bool) -> dict[str, list[int]]:
        if noun not in self._pools:
            sheet, i = self.sheet, self.i
            near = self.children if noun else phrase_pool(sheet, i)
            # A noun's words sit on both sides ("air strike"); a verb's follow it.
            window = range(max(0, i - 3) if noun else i + 1, min(len(sheet.head), i + 4))
            pool: dict[str, list[int]] = {}
            for j in (*near, *window):
                if j != i:
                    for form in set(sheet.forms(j)):
                        pool.setdefault(form, []).append(j)
            self._pools[noun] = pool
        return self._pools[noun]


def _object_tokens(sheet: Sheet, children: list[int], pattern: TriggerPattern) -> list[int]:
    dep, lower, kids = sheet.dep, sheet.lower, sheet.children
    if pattern.kind == "noun":
        return [g for c in children if dep[c] == "prep" for g in kids[c]
                if dep[g] == "pobj"] + [c for c in children if dep[c] == "compound"]
    found = []
    if pattern.preps:
        # "agree to a ceasefire", "accuse of espionage": the preposition's object first.
        found = [g for c in children if dep[c] in ("prep", "dative") and lower[c] in pattern.preps
                 for g in kids[c] if dep[g] in ("pobj", "pcomp")]
    found += [c for c in children if dep[c] in _OBJECT_DEPS]
    # "provided the army with aircraft", "attacked the town with drones"
    found += [g for c in children if dep[c] == "prep" and lower[c] == "with"
              for g in kids[c] if dep[g] == "pobj"]
    if pattern.kind != "verb":
        found += [g for c in children if dep[c] == "prep" for g in kids[c] if dep[g] == "pobj"]
    # "a new round of joint exercises", "25,000 tons of food aid": the "of" complement
    # stands for a quantity or part noun
    out: list[int] = []
    for c in found:
        inner = _of_objects(sheet, c) if _partitive(sheet, c) else []
        out.extend(inner or [c])
    return out


def _partitive(sheet: Sheet, i: int) -> bool:
    word = sheet.lower[i]
    return (sheet.lemma[i] in _PARTITIVE or word.replace(",", "").replace(".", "").isdigit()
            or any(sheet.dep[c] == "nummod" for c in sheet.children[i]))


def _of_objects(sheet: Sheet, i: int) -> list[int]:
    return [g for c in sheet.children[i] if sheet.dep[c] == "prep" and sheet.lower[c] == "of"
            for g in sheet.children[c] if sheet.dep[g] == "pobj"]


def _has_phrase(cand: _Object, phrases: list[tuple[str, ...]]) -> bool:
    """A multi-word value occurs in order in the object's phrase, over the object's head."""
    seq, pos, words = cand.phrase()
    for phrase in phrases:
        if not words.issuperset(phrase):
            continue
        size = len(phrase)
        for first in range(max(0, pos - size + 1), min(pos, len(seq) - size) + 1):
            if all(w in seq[first + k] for k, w in enumerate(phrase)):
                return True
    return False


def phrase_pool(sheet: Sheet, i: int) -> list[int]:
    """The verb's phrase without the clauses inside it ("take steps to clear …" is no
    "take control")."""
    pool: list[int] = []
    stack = [c for c in sheet.children[i] if sheet.dep[c] not in _OUTSIDE_PHRASE]
    while stack:
        node = stack.pop()
        if sheet.dep[node] in _CLAUSAL:
            # "called for the leader to leave": the clause's "for" still belongs to the verb.
            pool.extend(c for c in sheet.children[node] if sheet.dep[c] == "mark")
            continue
        pool.append(node)
        stack.extend(sheet.children[node])
    return pool
