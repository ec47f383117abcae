"""Convert a PETRARCH/TABARI verb dictionary into rows of eventwire's ``patterns.tsv``.

Lets the ``petrarch`` set code with the verb dictionary its records were written for, and a
PETRARCH user bring their own verbs file: :func:`convert_verb_dictionary` reads the text,
:func:`write_patterns_tsv` writes a file that ``Settings(event_files=...)`` (CLI
``--patterns``) or ``load_event_kb([path])`` reads.

What is converted (the dictionary syntax is PETRARCH's ``dictionaries.rst``; the text is
read by :mod:`.petrarch_verb_reader`):

* Synsets ``&NAME`` with ``+member`` lines (a member may itself name a synset); a pattern
  using one becomes one row whose object or preposition cell lists the alternatives, or one
  row per alternative where the words form the row's lemma.
* Verb blocks ``--- NAME [code] ---`` (or a verb line after a blank line) and their verb
  lines ``VERB {irregular forms} [code]``; each verb becomes a bare ``verb`` row with its
  code. Verbs are written as spaCy lemmas (``SAID`` → say) since the coder looks verbs up by
  lemma (and reads a regular form of a row's lemma as that lemma, whatever lemma spaCy
  gives it: ``cordoned``); ``{}`` forms need nothing more. ``+BREAK_DOWN`` is break +
  particle down, and takes the block's patterns after its particle (``- * FOR
  CONSTRUCTION``: cordon off for construction).
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

from ..events_kb_patterns import (
    LITERAL_DIRECTIVE,
    PATTERN_COLUMNS,
    REPLACE_DIRECTIVE,
    PatternRow,
)
from .petrarch_verb_reader import (
    Block,
    Dictionary,
    Shape,
    parse_dictionary,
    pattern_shape,
    with_particles,
)

__all__ = ["NULL_CODE", "PatternRow", "VerbConversion", "convert_verb_dictionary",
           "spacy_verb_lemmas", "write_patterns_tsv"]

NULL_CODE = "010"

Lemmatizer = Callable[[Sequence[str]], list[str]]


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


def convert_verb_dictionary(text: str, known_codes: Iterable[str], lemmatize: Lemmatizer,
                            reporting: Callable[[str], bool] = lambda lemma: False,
                            ) -> VerbConversion:
    """Rows for every verb and pattern of ``text`` the patterns format can express.

    ``known_codes`` are the CAMEO codes of ``cameo.tsv``; ``lemmatize`` turns upper-case verb
    words into lemmas (:func:`spacy_verb_lemmas`); ``reporting`` tells the coder's reporting
    verbs (``say``, ``report``), whose bare codes are left out.
    """
    parsed = parse_dictionary(text)
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


def _lemmas(parsed: Dictionary, lemmatize: Lemmatizer) -> dict[str, str]:
    words = sorted({v.word for b in parsed.blocks for v in b.verbs if v.word})
    found = {w: lemma.lower() for w, lemma in zip(words, lemmatize(words), strict=True)}
    # "LEFT [032:033]" beside "LEAVE [012]": a form the dictionary codes apart from its
    # lemma keeps the form, which the coder looks up before the lemma (user rows only).
    return {w: w.lower() if lemma != w.lower() and lemma.upper() in found else lemma
            for w, lemma in found.items()}


def _block_rows(block: Block, synsets: dict[str, list[str]], known: frozenset[str],
                lemmas: dict[str, str], out: VerbConversion) -> Iterable[PatternRow]:
    for verb in block.verbs:
        if verb.before:
            out.skipped["multi-word verb with words before the verb"] += 1
            continue
        code = _code(verb.code, known, out)
        if code is None:
            continue
        yield from _rows(code, lemmas[verb.word], Shape(tuple(w.lower() for w in verb.after)),
                         f"PETR verb {verb.word}")
    for pattern in block.patterns:
        shape = pattern_shape(pattern.words, synsets, out.skipped)
        code = _code(pattern.code, known, out) if shape is not None else None
        if shape is None or code is None:
            continue
        for verb in block.verbs:
            own = with_particles(shape, verb.after) if not verb.before else None
            if own is not None:
                yield from _rows(code, lemmas[verb.word], own, f"PETR {pattern.raw}")


def _rows(code: str, lemma: str, shape: Shape, note: str) -> Iterable[PatternRow]:
    rows = list(_shape_rows(code, lemma, shape, " ".join(note.replace("\t", " ").split())))
    return [replace(r, subject="compound" if shape.compound else "", aux="|".join(shape.auxes))
            for r in rows]


def _shape_rows(code: str, lemma: str, shape: Shape, note: str) -> Iterable[PatternRow]:
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
        out.writerows(row.cells() for row in rows)
    return path


def spacy_verb_lemmas(model: str) -> Lemmatizer:
    """A lemmatizer for dictionary verb words: the rule lemmatizer of ``model`` on words
    tagged as past-tense verbs (``SAID`` → say, ``LEFT`` → leave, ``FOUGHT`` → fight),
    except that a word spaCy lists as a verb lemma is its own lemma (``EXPRESS`` is not
    the past of "expres")."""
    # spaCy only when a dictionary is converted
    from spacy.pipeline import Lemmatizer as RuleLemmatizer
    from spacy.tokens import Doc

    from ..parse import load_nlp

    nlp = load_nlp(model)
    lemmatizer = nlp.get_pipe("lemmatizer")
    index: frozenset[str] = frozenset()
    irregular: frozenset[str] = frozenset()
    if isinstance(lemmatizer, RuleLemmatizer):
        tables = lemmatizer.lookups
        if tables.has_table("lemma_index"):
            index = frozenset(tables.get_table("lemma_index").get("verb", ()))
        if tables.has_table("lemma_exc"):
            irregular = frozenset(tables.get_table("lemma_exc").get("verb", {}))

    def lemmatize(words: Sequence[str]) -> list[str]:
        if not words:
            return []
        lowered = [w.lower() for w in words]
        doc = Doc(nlp.vocab, words=lowered, pos=["VERB"] * len(words),
                  tags=["VBD"] * len(words))
        return [w if w in index and w not in irregular else (t.lemma_ or t.text)
                for w, t in zip(lowered, lemmatizer(doc), strict=True)]

    return lemmatize
