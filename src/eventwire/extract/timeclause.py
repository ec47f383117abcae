"""Where a time expression sits in the parse: the tense of the verb it attaches to, and
which time dates a given token (an event trigger).

:class:`~.times.TimeStage` asks :func:`clause_tense` whether "Tuesday" is the last or the
next one; stages that run after it ask :func:`time_for_token` which of ``doc.times``
dates their word. Both walk spaCy's dependency parse, so they need ``doc.parse``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, cast

from spacy.tokens import Token

from ..model import Document, TimeRef
from .timeparse import Tense

if TYPE_CHECKING:
    from .times import Lexicon

VerbTense = Literal["past", "future", "present", "none"]
CLAUSE_LINKS = frozenset({"conj", "xcomp"})  # clauses that share their head's time


def token_at(parse: Any, start: int, end: int) -> Any:
    """The syntactic root of the tokens covering ``[start, end)``, or None."""
    span = parse.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def clause_head(token: Any) -> Any:
    """The verb (or sentence root) heading the clause ``token`` is in."""
    while token.head.i != token.i:
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
            return token
        token = token.head
    return token


def clause_tense(token: Any, lex: Lexicon) -> Tense:
    """The tense of the verb a time attaches to: 'future' for will/modals, 'expected to',
    scheduled passives, and a present tense when the time modifies the verb itself ('the
    talks resume on Monday', not 'the drop in January is surprising'); else past or none."""
    if token is None:
        return "none"
    verb = clause_head(token)
    tense = verb_tense(verb, lex)
    if tense == "none" and verb.dep_ in CLAUSE_LINKS and verb.head.i != verb.i:
        tense = verb_tense(verb.head, lex)
    if tense == "present":
        return "none" if _through_noun(token, verb) else "future"
    return tense


def _through_noun(token: Any, verb: Any) -> bool:
    """Whether the path from ``token`` up to ``verb`` passes a noun the time modifies."""
    for ancestor in token.ancestors:
        if ancestor.i == verb.i:
            return False
        if ancestor.pos_ in ("NOUN", "PROPN", "PRON"):
            return True
    return False


def verb_tense(verb: Any, lex: Lexicon) -> VerbTense:  # noqa: PLR0911 (one return per cue)
    """The tense of one verb from its tag and auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    if "have" in aux_words and not aux_words & {"will", "'ll", "shall"}:
        return "past"  # 'would have been delivered by 2011', 'must have left on Monday'
    if aux_words & lex.future_auxiliaries:
        return "future"
    passive = any(c.dep_ == "auxpass" for c in auxes)
    if passive and verb.lemma_ in lex.scheduling_verbs:
        return "future"  # 'a hearing has been scheduled for June 3'
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if "to" in aux_words:
        return _infinitive_tense(verb, lex)  # before 'has': 'GM has until May to act'
    if aux_words & {"has", "have", "'ve"}:
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"  # news reports the past in the past tense; a present is scheduled
    return "past" if verb.tag_ == "VBN" else "none"  # 'the accord signed on March 3'


def _infinitive_tense(verb: Any, lex: Lexicon) -> VerbTense:
    """'to meet': a headline's future, or the tense of 'expected'/'plans' above it."""
    governor = verb.head
    if verb.dep_ == "ROOT" or governor.i == verb.i:
        return "future"  # a headline: 'Putin to visit Turkey on Friday'
    if verb.dep_ == "xcomp" and governor.lemma_ in lex.future_governors:
        return "past" if verb_tense(governor, lex) == "past" else "future"
    if verb.dep_ in CLAUSE_LINKS:
        return verb_tense(governor, lex)
    return "none"


@dataclass(frozen=True, slots=True)
class _Anchored:
    # Token indices, not Tokens: a Token kept in its Doc's user_data would keep it alive.
    ref: TimeRef
    root: int
    head: int


def _anchored(doc: Document, with_value: bool) -> list[_Anchored]:
    """Built once per document (events ask for every trigger) and kept in the parse's
    ``user_data``; rebuilt when ``doc.times`` changed since."""
    signature = tuple((id(r), r.start, r.end, r.value is None) for r in doc.times)
    key = ("eventwire.times", "anchors", with_value)
    cached = doc.parse.user_data.get(key)
    if cached is not None and cached[0] == signature:
        return cast(list[_Anchored], cached[1])
    found = _locate(doc, with_value)
    doc.parse.user_data[key] = (signature, found)
    return found


def _locate(doc: Document, with_value: bool) -> list[_Anchored]:
    found = []
    for ref in doc.times:
        if with_value and ref.value is None:
            continue
        root = token_at(doc.parse, ref.start, ref.end)
        if root is not None:
            found.append(_Anchored(ref, root.i, clause_head(root).i))
    return found


def time_for_token(
    doc: Document, token: int | Token, *, with_value: bool = True
) -> TimeRef | None:
    """The time expression that dates ``token`` (a spaCy Token of ``doc.parse``, or its index).

    Looks first for a time in the token's own subtree and clause ("met on Thursday",
    "Thursday's summit"), then anywhere in its clause, then in the clauses that share
    their head's time (a conjoined verb, an xcomp: "met and signed a deal on Thursday"),
    never in a reported or subordinate clause ("said on Thursday that they attacked" does
    not date "attacked"). Among several, the nearest in the text wins. With
    ``with_value`` (the default) times without a value (durations, "the 1990s") are
    passed over. Needs ``doc.parse``, so call it from a stage that requires "times".
    """
    if doc.parse is None:
        raise ValueError("time_for_token needs doc.parse; call it from a stage")
    word: Any = doc.parse[token] if isinstance(token, int) else token
    anchored = _anchored(doc, with_value)
    head = clause_head(word)
    inside = [a for a in anchored
              if a.head == head.i and word.is_ancestor(doc.parse[a.root])]
    if inside:
        return _nearest(inside, word)
    for _ in range(4):
        same = [a for a in anchored if a.head == head.i]
        if same:
            return _nearest(same, word)
        if head.dep_ not in CLAUSE_LINKS or head.head.i == head.i:
            return None
        head = clause_head(head.head)
    return None


def time_for_char(doc: Document, char: int, *, with_value: bool = True) -> TimeRef | None:
    """:func:`time_for_token` for the token covering character offset ``char``."""
    token = token_at(doc.parse, char, char + 1) if doc.parse is not None else None
    return time_for_token(doc, token, with_value=with_value) if token is not None else None


def _nearest(found: list[_Anchored], token: Any) -> TimeRef:
    return min(found, key=lambda a: abs(a.root - token.i)).ref
