"""Reading a PETRARCH/TABARI verb dictionary: synsets, verb blocks and their patterns.

The syntax is PETRARCH's ``dictionaries.rst``; :mod:`.petrarch_verbs` turns what is read
here into rows of eventwire's ``patterns.tsv``. :func:`parse_dictionary` gives the synsets
and the verb blocks; :func:`pattern_shape` sorts the words of one pattern into the cells a
row can hold, or says (by counting a reason) that the format cannot express them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

__all__ = ["Block", "Dictionary", "Pattern", "Shape", "Verb", "parse_dictionary",
           "pattern_shape", "with_particles"]

# Words that, right after the verb, are phrasal particles rather than prepositions.
_PARTICLES = frozenset({"up", "down", "out", "off", "back", "away"})
_PREPS = frozenset({"about", "across", "after", "against", "at", "before", "between", "by",
                    "during", "for", "from", "in", "into", "near", "of", "on", "over",
                    "through", "to", "toward", "towards", "under", "until", "upon", "with",
                    "without"})
_MARKERS = frozenset({"$", "+", "%", "^"})
# Words before the verb that the ``aux`` cell can say: the auxiliary's lemma.
_AUXILIARIES = {"HAVE": "have", "HAS": "have", "HAD": "have", "WILL": "will", "WOULD": "would"}
_COMMENT_BLOCK = re.compile(r"<!--.*?-->", re.DOTALL)
_CODE = re.compile(r"\[([^\]]*)\]")
_FORMS = re.compile(r"\{[^}]*\}")

Slot = tuple[tuple[str, ...], ...]  # the alternatives one pattern word stands for


@dataclass(slots=True)
class Verb:
    word: str  # the verb word, upper case as written
    code: str | None  # its own code, else the block's
    after: tuple[str, ...] = ()  # words of a multi-word verb after the verb
    before: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Pattern:
    words: str  # the words between "-" and the code
    code: str
    raw: str  # the line as written, kept in the row's note


@dataclass(slots=True)
class Block:
    code: str | None
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


@dataclass(slots=True)
class Dictionary:
    synsets: dict[str, list[str]] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Shape:
    """A pattern's words after the verb, sorted into the patterns.tsv cells."""

    particles: tuple[str, ...] = ()
    preps: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()  # word sequences for phrase rows
    compound: bool = False  # "%" before the verb: a compound subject
    auxes: tuple[str, ...] = ()  # auxiliaries before the verb ("HAVE *")


def parse_dictionary(text: str) -> Dictionary:
    found = Dictionary()
    synset: list[str] | None = None
    block: Block | None = None
    new_block = True
    for raw in _COMMENT_BLOCK.sub("", text).splitlines():
        line = re.split(r"[#;]", raw, maxsplit=1)[0].strip()
        if not line:
            synset, new_block = None, True
        elif line.startswith("&"):
            synset = found.synsets.setdefault(_synset_name(line.split()[0]), [])
        elif line.startswith("+") and synset is not None:
            synset.append(line[1:].strip())
        elif line.startswith("---"):
            block = Block(_first_code(line))
            found.blocks.append(block)
            new_block = False
        elif line.startswith("-"):
            if block is not None:
                block.patterns.append(_pattern(line, raw.strip()))
        else:
            if block is None or new_block:
                block = Block(_first_code(line))
                found.blocks.append(block)
                new_block = False
            block.verbs.append(_verb_line(line, block.code))
    return found


def _synset_name(token: str) -> str:
    return token.upper().rstrip("_")


def _first_code(line: str) -> str | None:
    m = _CODE.search(line)
    return m.group(1).strip() if m else None


def _pattern(line: str, raw: str) -> Pattern:
    body = line[1:]
    return Pattern(_CODE.split(body, maxsplit=1)[0].strip(), _first_code(body) or "", raw)


def _verb_line(line: str, block_code: str | None) -> Verb:
    code = _first_code(line) or block_code
    words = _FORMS.sub("", _CODE.sub("", line)).split()[0].split("_")
    if len(words) == 1:
        return Verb(words[0].lstrip("+"), code)
    at = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    return Verb(words[at].lstrip("+"), code, tuple(words[at + 1:]), tuple(words[:at]))


def pattern_shape(words: str, synsets: dict[str, list[str]],
                  skipped: Counter[str]) -> Shape | None:
    """The cells for a pattern's words; None (the reason counted in ``skipped``) when the
    format cannot say them."""
    pieces = [(p, i > 0) for token in words.split()
              for i, p in enumerate(re.split(r"(?<=.)_(?=.)", token)) if p]
    star = next((i for i, (p, _) in enumerate(pieces) if p == "*"), None)
    if star is None:
        skipped["pattern without a verb slot"] += 1
        return None
    before = [p for p, _ in pieces[:star] if p not in _MARKERS]
    if any(p not in _AUXILIARIES for p in before):
        skipped["words before the verb"] += 1
        return None
    compound = any(p == "%" for p, _ in pieces[:star])
    slots: list[Slot] = []
    for piece, _ in pieces[star + 1:]:
        slot = None if piece in _MARKERS or piece == "*" else _slot(piece, synsets, ())
        if slot is None and piece.startswith("&"):
            skipped["undefined synset"] += 1
            return None
        if slot is not None:
            slots.append(slot)
    # "*_ON": a word joined to the verb is its particle rather than a preposition
    glued = star + 1 < len(pieces) and pieces[star + 1][1] and pieces[star + 1][0] not in _MARKERS
    auxes = tuple(dict.fromkeys(_AUXILIARIES[p] for p in before))
    return replace(_sort_slots(slots, glued), compound=compound, auxes=auxes)


def with_particles(shape: Shape, words: Sequence[str]) -> Shape | None:
    """The shape of a block's pattern for a phrasal verb of the block (``+CORDON_OFF`` with
    ``- * FOR CONSTRUCTION``): the verb's particles, then the pattern's other words. None
    when the verb's words after it are not all particles, or the pattern names particles
    of its own (``- *_OFF`` is about the bare verb)."""
    if not words:
        return shape
    particles = tuple(w.lower() for w in words)
    if shape.particles or not all(p in _PARTICLES for p in particles):
        return None
    return replace(shape, particles=particles)


def _slot(piece: str, synsets: dict[str, list[str]], seen: tuple[str, ...]) -> Slot | None:
    if not piece.startswith("&"):
        return ((piece.lower().rstrip("_"),),)
    name = _synset_name(piece)
    if name not in synsets or name in seen:
        return None
    found: list[tuple[str, ...]] = []
    for member in synsets[name]:
        words: list[Slot] = []
        for word in member.replace("_", " ").split():
            inner = _slot(word, synsets, (*seen, name))
            if inner is None:
                return None
            words.append(inner)
        found.extend(alt for alt in _product(words) if alt not in found)
    return tuple(found)


def _product(slots: Sequence[Slot]) -> list[tuple[str, ...]]:
    combos: list[tuple[str, ...]] = [()]
    for slot in slots:
        combos = [c + alt for c in combos for alt in slot]
    return combos


def _single(slot: Slot, vocabulary: frozenset[str]) -> bool:
    return all(len(alt) == 1 and alt[0] in vocabulary for alt in slot)


def _sort_slots(slots: list[Slot], glued: bool) -> Shape:
    """Particles, then a preposition, then object words; anything else is a phrase."""
    i = 0
    particles: list[str] = []
    if slots and glued and _single(slots[0], _PARTICLES | {"on", "in", "upon", "over"}):
        particles.append(slots[0][0][0])
        i = 1
    while i < len(slots) and _single(slots[i], _PARTICLES):
        particles.append(slots[i][0][0])
        i += 1
    preps: tuple[str, ...] = ()
    if i < len(slots) and _single(slots[i], _PREPS):
        preps = tuple(alt[0] for alt in slots[i])
        i += 1
    rest = slots[i:]
    if any(_single(s, _PREPS | _PARTICLES) for s in rest):
        return Shape(tuple(particles), phrases=tuple(_product(slots[len(particles):])))
    objects = tuple(" ".join(alt) for alt in _product(rest)) if rest else ()
    phrases = tuple(_product(slots[len(particles):])) if rest else ()
    return Shape(tuple(particles), preps, objects, phrases)
