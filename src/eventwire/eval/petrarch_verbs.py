"""Convert a PETRARCH/TABARI verb dictionary into rows of eventwire's ``patterns.tsv``.

Lets the ``petrarch`` set code with the verb dictionary its records were written for, and a
PETRARCH user bring their own verbs file: :func:`convert_verb_dictionary` reads the text,
:func:`write_patterns_tsv` writes a file that ``Settings(event_files=...)`` (CLI
``--patterns``) or ``load_event_kb([path])`` reads.

What is converted (the dictionary syntax is PETRARCH's ``dictionaries.rst``):

* Synsets ``&NAME`` with ``+member`` lines (a member may itself name a synset); a pattern
  using one becomes one row whose object or preposition cell lists the alternatives, or one
  row per alternative where the words form the row's lemma.
* Verb blocks ``--- NAME [code] ---`` (or a verb line after a blank line) and their verb
  lines ``VERB {irregular forms} [code]``; each verb becomes a bare ``verb`` row with its
  code. Verbs are written as spaCy lemmas (``SAID`` → say) since the coder looks verbs up by
  lemma; ``{}`` forms need nothing more. ``+BREAK_DOWN`` is break + particle down.
* Patterns ``- [before] * [after] [code]`` whose words all follow the verb: particles
  (``*_OUT``, ``* DOWN``), a preposition and its object (``* FOR &ECONSANCT``) or an
  object (``* DIPLOMATIC TIES``) become a ``verb`` row with particle/prep/object cells,
  plus a ``phrase`` row of the same words for when they are not the verb's object
  ("vowed to resist"); any other word order becomes a ``phrase`` row only.

What the patterns.tsv format cannot express, and is therefore counted and left out:

* words before the verb (``SAID *``, ``NOT *``, ``PLANES_*``) other than auxiliaries: the
  coder reads negation, modality and reporting from the parse instead; multi-word verbs
  with words before the verb (``WIRE_+TAP``) likewise;
* the source/target markers ``$`` and ``+`` and the skip marker ``^``: they are dropped,
  as the coder takes roles from the parse (a pattern that reverses them, ``+ * FROM $``, is
  converted with the parse's roles); the compound marker ``%`` after the verb likewise;
* a second code of ``[a:b]`` that is not CAMEO or is ``---``.

Kept as the format's own cells: a ``%`` before the verb (``- % * [030:030]``: a compound
subject, whose actors act on one another) becomes the ``subject`` cell ``compound``, the
auxiliaries ``HAVE``/``HAS``/``HAD``, ``WILL``, ``WOULD`` before the verb (``- % HAVE *``)
the ``aux`` cell, and
``[032:033]`` the cameo cell ``032:033`` (the second code read from target back to source).

Codes:

* codes that are not CAMEO: a code is kept when ``cameo.tsv`` has it, else mapped to the
  longest prefix of its digits that is a CAMEO code (``1717`` → 171, ``095`` → 09,
  ``174K`` → 174), else skipped (``903``, ``223``, ``abc``). The null code ``---`` becomes
  :data:`NULL_CODE`, a CAMEO 01x statement code the coder recognises but emits no event for,
  which is what a null code means: "this wording is not an event".

Within one file a lemma/particle/prep/object may be coded only once (the loader's rule):
the first row wins and later conflicting rows are counted as ``duplicate``.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..events_kb_tables import LITERAL_DIRECTIVE, REPLACE_DIRECTIVE

__all__ = ["NULL_CODE", "PatternRow", "VerbConversion", "convert_verb_dictionary",
           "spacy_verb_lemmas", "write_patterns_tsv"]

NULL_CODE = "010"
PATTERN_COLUMNS = ("cameo", "kind", "lemma", "particle", "object", "prep", "note", "subject",
                   "aux")
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

Lemmatizer = Callable[[Sequence[str]], list[str]]


@dataclass(frozen=True, slots=True)
class PatternRow:
    """One row of a patterns.tsv file."""

    cameo: str
    kind: str
    lemma: str
    particle: str = ""
    object: str = ""
    prep: str = ""
    note: str = ""
    subject: str = ""  # "compound": PETRARCH's ``%`` before the verb
    aux: str = ""  # auxiliaries before the verb: ``HAVE *`` → have


@dataclass(slots=True)
class VerbConversion:
    """The rows of a converted dictionary and what was left out, by reason."""

    rows: list[PatternRow] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    mapped_codes: int = 0  # codes replaced by their nearest CAMEO ancestor
    reverse_codes: int = 0  # ``[a:b]`` codes whose b (target → source) is not kept

    def summary(self) -> str:
        left = ", ".join(f"{n} {why}" for why, n in sorted(self.skipped.items()))
        return (f"{len(self.rows)} pattern rows; {self.mapped_codes} non-CAMEO codes mapped "
                f"to a CAMEO ancestor; {self.reverse_codes} reverse codes dropped; "
                f"left out: {left or 'none'}")


@dataclass(slots=True)
class _Verb:
    word: str  # the verb word, upper case as written
    code: str | None  # its own code, else the block's
    after: tuple[str, ...] = ()  # words of a multi-word verb after the verb
    before: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Pattern:
    words: str  # the words between "-" and the code
    code: str
    raw: str  # the line as written, kept in the row's note


@dataclass(slots=True)
class _Block:
    code: str | None
    verbs: list[_Verb] = field(default_factory=list)
    patterns: list[_Pattern] = field(default_factory=list)


@dataclass(slots=True)
class _Dictionary:
    synsets: dict[str, list[str]] = field(default_factory=dict)
    blocks: list[_Block] = field(default_factory=list)


def convert_verb_dictionary(text: str, known_codes: Iterable[str], lemmatize: Lemmatizer,
                            reporting: Callable[[str], bool] = lambda lemma: False,
                            ) -> VerbConversion:
    """Rows for every verb and pattern of ``text`` the patterns format can express.

    ``known_codes`` are the CAMEO codes of ``cameo.tsv``; ``lemmatize`` turns upper-case verb
    words into lemmas (:func:`spacy_verb_lemmas`); ``reporting`` tells the coder's reporting
    verbs (``say``, ``report``), whose bare codes are left out.
    """
    parsed = _parse(text)
    known = frozenset(known_codes)
    out = VerbConversion()
    lemmas = _lemmas(parsed, lemmatize)
    claimed: dict[tuple[str, ...], str] = {}
    seen: set[PatternRow] = set()
    for block in parsed.blocks:
        for row in _block_rows(block, parsed.synsets, known, lemmas, out):
            if row.kind == "verb" and reporting(row.lemma) and not (
                    row.particle or row.object or row.prep):
                # The coder reads such a verb's clause as the event it reports: a code of
                # its own would swallow that event ("X welcomed …, the agency said").
                out.skipped["bare code on a reporting verb"] += 1
            elif (kept := _claim(claimed, row)) is None:
                out.skipped["duplicate"] += 1
            elif kept not in seen:
                seen.add(kept)
                out.rows.append(kept)
    return out


def _claim(claimed: dict[tuple[str, ...], str], row: PatternRow) -> PatternRow | None:
    """``row`` without the object values an earlier row codes differently (the loader's
    one-code rule); None when nothing is left."""
    objects = []
    for obj in row.object.split("|"):
        keys = [(row.kind, row.lemma, part, prep, obj, row.subject)
                for part in row.particle.split("|")
                for prep in row.prep.split("|")]
        if all(claimed.get(k, row.cameo) == row.cameo for k in keys):
            objects.append(obj)
    if not objects:
        return None
    for obj in objects:
        for part in row.particle.split("|"):
            for prep in row.prep.split("|"):
                claimed.setdefault((row.kind, row.lemma, part, prep, obj, row.subject),
                                   row.cameo)
    return replace(row, object="|".join(objects))


def _parse(text: str) -> _Dictionary:
    found = _Dictionary()
    synset: list[str] | None = None
    block: _Block | None = None
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
            block = _Block(_first_code(line))
            found.blocks.append(block)
            new_block = False
        elif line.startswith("-"):
            if block is not None:
                block.patterns.append(_pattern(line, raw.strip()))
        else:
            if block is None or new_block:
                block = _Block(_first_code(line))
                found.blocks.append(block)
                new_block = False
            block.verbs.append(_verb_line(line, block.code))
    return found


def _synset_name(token: str) -> str:
    return token.upper().rstrip("_")


def _first_code(line: str) -> str | None:
    m = _CODE.search(line)
    return m.group(1).strip() if m else None


def _pattern(line: str, raw: str) -> _Pattern:
    body = line[1:]
    return _Pattern(_CODE.split(body, maxsplit=1)[0].strip(), _first_code(body) or "", raw)


def _verb_line(line: str, block_code: str | None) -> _Verb:
    code = _first_code(line) or block_code
    words = _FORMS.sub("", _CODE.sub("", line)).split()[0].split("_")
    if len(words) == 1:
        return _Verb(words[0].lstrip("+"), code)
    at = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    return _Verb(words[at].lstrip("+"), code, tuple(words[at + 1:]), tuple(words[:at]))


def _lemmas(parsed: _Dictionary, lemmatize: Lemmatizer) -> dict[str, str]:
    words = sorted({v.word for b in parsed.blocks for v in b.verbs if v.word})
    found = {w: lemma.lower() for w, lemma in zip(words, lemmatize(words), strict=True)}
    # "LEFT [032:033]" beside "LEAVE [012]": a form the dictionary codes apart from its
    # lemma keeps the form, which the coder looks up before the lemma (user rows only).
    return {w: w.lower() if lemma != w.lower() and lemma.upper() in found else lemma
            for w, lemma in found.items()}


@dataclass(frozen=True, slots=True)
class _Shape:
    """A pattern's words after the verb, sorted into the patterns.tsv cells."""

    particles: tuple[str, ...] = ()
    preps: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()  # word sequences for phrase rows
    compound: bool = False  # "%" before the verb: a compound subject
    auxes: tuple[str, ...] = ()  # auxiliaries before the verb ("HAVE *")


def _block_rows(block: _Block, synsets: dict[str, list[str]], known: frozenset[str],
                lemmas: dict[str, str], out: VerbConversion) -> Iterable[PatternRow]:
    for verb in block.verbs:
        if verb.before:
            out.skipped["multi-word verb with words before the verb"] += 1
            continue
        lemma = lemmas[verb.word]
        code = _code(verb.code, known, out)
        if code is None:
            continue
        yield from _rows(code, lemma, _Shape(tuple(w.lower() for w in verb.after)),
                         f"PETR verb {verb.word}")
    for pattern in block.patterns:
        shape = _pattern_shape(pattern.words, synsets, out)
        code = _code(pattern.code, known, out) if shape is not None else None
        if shape is None or code is None:
            continue
        for verb in block.verbs:
            if not verb.before and not verb.after:
                yield from _rows(code, lemmas[verb.word], shape, f"PETR {pattern.raw}")


def _rows(code: str, lemma: str, shape: _Shape, note: str) -> Iterable[PatternRow]:
    rows = list(_shape_rows(code, lemma, shape, " ".join(note.replace("\t", " ").split())))
    return [replace(r, subject="compound" if shape.compound else "", aux="|".join(shape.auxes))
            for r in rows]


def _shape_rows(code: str, lemma: str, shape: _Shape, note: str) -> Iterable[PatternRow]:
    particle, prep, obj = "|".join(shape.particles), "|".join(shape.preps), "|".join(
        shape.objects)
    if shape.phrases and not (shape.preps or shape.objects):
        for words in shape.phrases:
            yield PatternRow(code, "phrase", " ".join((lemma, *words)), particle, note=note)
        return
    if len(shape.particles) > 1 and not (shape.preps or shape.objects):
        particle = " ".join(shape.particles)  # a two-word particle is a phrase
        yield PatternRow(code, "phrase", f"{lemma} {particle}", note=note)
        return
    yield PatternRow(code, "verb", lemma, particle, obj, prep, note)
    for words in shape.phrases:  # the same words when they are not the verb's object
        yield PatternRow(code, "phrase", " ".join((lemma, *words)), particle, note=note)


def _code(raw: str | None, known: frozenset[str], out: VerbConversion) -> str | None:
    """The cameo cell of a dictionary code (``032:033`` keeps a CAMEO reverse code); None
    (counted) when there is none."""
    if raw is None:
        return None
    first, _, second = raw.partition(":")
    first, second = first.strip(), second.strip()
    if not first or set(first) == {"-"}:
        return NULL_CODE
    code = _cameo(first, known, out)
    if code is None or not second or set(second) == {"-"}:
        return code
    back = _cameo(second, known, VerbConversion())
    out.reverse_codes += back is None
    return f"{code}:{back}" if back else code


def _cameo(first: str, known: frozenset[str], out: VerbConversion) -> str | None:
    digits = re.match(r"\d*", first)
    prefix = digits.group(0) if digits else ""
    for n in range(len(prefix), 1, -1):
        if prefix[:n] in known:
            out.mapped_codes += prefix[:n] != first
            return prefix[:n]
    out.skipped["code not in CAMEO"] += 1
    return None


Slot = tuple[tuple[str, ...], ...]  # the alternatives one pattern word stands for


def _pattern_shape(words: str, synsets: dict[str, list[str]],
                   out: VerbConversion) -> _Shape | None:
    """The cells for a pattern's words; None (counted) when the format cannot say them."""
    pieces = [(p, i > 0) for token in words.split()
              for i, p in enumerate(re.split(r"(?<=.)_(?=.)", token)) if p]
    star = next((i for i, (p, _) in enumerate(pieces) if p == "*"), None)
    if star is None:
        out.skipped["pattern without a verb slot"] += 1
        return None
    before = [p for p, _ in pieces[:star] if p not in _MARKERS]
    if any(p not in _AUXILIARIES for p in before):
        out.skipped["words before the verb"] += 1
        return None
    compound = any(p == "%" for p, _ in pieces[:star])
    slots: list[Slot] = []
    for piece, _ in pieces[star + 1:]:
        slot = None if piece in _MARKERS or piece == "*" else _slot(piece, synsets, ())
        if slot is None and piece.startswith("&"):
            out.skipped["undefined synset"] += 1
            return None
        if slot is not None:
            slots.append(slot)
    # "*_ON": a word joined to the verb is its particle rather than a preposition
    glued = star + 1 < len(pieces) and pieces[star + 1][1] and pieces[star + 1][0] not in _MARKERS
    auxes = tuple(dict.fromkeys(_AUXILIARIES[p] for p in before))
    return replace(_sort_slots(slots, glued), compound=compound, auxes=auxes)


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


def _sort_slots(slots: list[Slot], glued: bool) -> _Shape:
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
        return _Shape(tuple(particles), phrases=tuple(_product(slots[len(particles):])))
    objects = tuple(" ".join(alt) for alt in _product(rest)) if rest else ()
    phrases = tuple(_product(slots[len(particles):])) if rest else ()
    return _Shape(tuple(particles), preps, objects, phrases)


def write_patterns_tsv(rows: Sequence[PatternRow], path: Path, replace: bool = True,
                       literal: bool = True) -> Path:
    """Write ``rows`` as a patterns.tsv file (format: ``data/events/README.md``).

    With ``replace`` the file starts with the ``#! replace`` directive: the words it codes
    keep only its rows, as in PETRARCH, where the dictionary is all the coder knows. With
    ``literal``, ``#! literal``: its codes are used as written, not recoded as intents,
    threats or refusals, since a PETRARCH dictionary codes those by its own patterns.
    """
    with path.open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                         escapechar="\\")
        if replace:
            fh.write(f"{REPLACE_DIRECTIVE}\n")
        if literal:
            fh.write(f"{LITERAL_DIRECTIVE}\n")
        out.writerow(PATTERN_COLUMNS)
        for row in rows:
            out.writerow([row.cameo, row.kind, row.lemma, row.particle, row.object, row.prep,
                          row.note, row.subject, row.aux])
    return path


def spacy_verb_lemmas(model: str) -> Lemmatizer:
    """A lemmatizer for dictionary verb words: the rule lemmatizer of ``model`` on words
    tagged as verbs (``SAID`` → say, ``LEFT`` → leave, ``FOUGHT`` → fight)."""
    from spacy.tokens import Doc  # spaCy only when a dictionary is converted

    from ..parse import load_nlp

    nlp = load_nlp(model)

    def lemmatize(words: Sequence[str]) -> list[str]:
        if not words:
            return []
        doc = Doc(nlp.vocab, words=[w.lower() for w in words], pos=["VERB"] * len(words),
                  tags=["VBD"] * len(words))
        return [t.lemma_ or t.text for t in nlp.get_pipe("lemmatizer")(doc)]

    return lemmatize
