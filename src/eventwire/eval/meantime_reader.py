"""Read MEANTIME CAT XML files: tokens back into text, markables into character spans.

The files hold tokens, not text, so the article text is rebuilt: one sentence per line,
tokens joined by single spaces except before closing punctuation and clitics and after
opening brackets and currency signs. Every gold span is then the character range from
its first token's start to its last token's end in that text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..errors import InputError

Span = tuple[int, int]

_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}]|'[sdm]|'re|'ve|'ll|n't|''|’s|’)$",
                              re.IGNORECASE)
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``", "US$", "£", "€", "‘", "“"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_DMY_DATE = re.compile(r"^(\d{2})-(\d{2})-(\d{4})$")
_TIMEX_SENTENCES = 6  # sentences 0-5 carry TIMEX3 annotation in MEANTIME
_ROLES = {"Arg0": "source", "Arg1": "target"}  # PropBank agent / patient


@dataclass(frozen=True, slots=True)
class GoldEntity:
    start: int
    end: int
    type: str  # PER, ORG, LOC, FIN, PRO, MIX


@dataclass(frozen=True, slots=True)
class GoldTime:
    start: int
    end: int
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class GoldParticipant:
    event: Span
    argument: Span
    role: str  # source (Arg0) | target (Arg1)


@dataclass(frozen=True, slots=True)
class MeantimeDoc:
    name: str
    text: str
    published: str | None
    entities: tuple[GoldEntity, ...]
    times: tuple[GoldTime, ...]
    participants: tuple[GoldParticipant, ...]
    # TIMEX3 is annotated only in the first sentences (title, date line and the first body
    # sentences); our time expressions after this offset are not scored.
    timex_end: int = 0


def rebuild_text(tokens: list[tuple[int, int, str]]) -> tuple[str, dict[int, Span]]:
    """Text and each token's span from (t_id, sentence, token text) triples in order."""
    parts: list[str] = []
    spans: dict[int, Span] = {}
    pos, prev_sentence, prev_text, quote_open = 0, None, "", False
    for t_id, sentence, word in tokens:
        if prev_sentence is None:
            sep = ""
        elif sentence != prev_sentence:
            sep, quote_open = "\n", False
        elif word == '"':
            sep = "" if quote_open else " "
        elif _NO_SPACE_BEFORE.match(word) or prev_text in _NO_SPACE_AFTER or (
                prev_text == '"' and quote_open):
            sep = ""
        else:
            sep = " "
        if word == '"':
            quote_open = not quote_open
        parts.append(sep + word)
        pos += len(sep)
        spans[t_id] = (pos, pos + len(word))
        pos += len(word)
        prev_sentence, prev_text = sentence, word
    return "".join(parts), spans


def read_doc(path: Path) -> MeantimeDoc:
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as err:
        raise InputError(str(path), f"cannot read MEANTIME file: {err}") from None
    tokens = sorted((int(t.get("t_id", "0")), int(t.get("sentence", "0")), t.text or "")
                    for t in root.iter("token"))
    text, token_spans = rebuild_text(tokens)
    markables = root.find("Markables")
    relations = root.find("Relations")
    if markables is None:
        raise InputError(str(path), "no Markables element")
    spans = {m.get("m_id", ""): span for m in markables
             if (span := _span(m, token_spans)) is not None}
    kinds = {m.get("m_id", ""): m for m in markables}
    links = [] if relations is None else list(relations)
    return MeantimeDoc(path.stem, text, _published(markables, text),
                       _entities(kinds, spans, links), _times(markables, spans),
                       _participants(kinds, spans, links),
                       _sentence_end(tokens, token_spans, _TIMEX_SENTENCES))


def _span(markable: ET.Element, token_spans: dict[int, Span]) -> Span | None:
    ids = [int(a.get("t_id", "0")) for a in markable.findall("token_anchor")]
    found = [token_spans[i] for i in ids if i in token_spans]
    return (min(s for s, _ in found), max(e for _, e in found)) if found else None


def _published(markables: ET.Element, text: str) -> str | None:
    """The creation time; else the date line (some files lack one or write DD-MM-YYYY)."""
    for timex in markables.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            value = timex.get("value", "")
            if m := _ISO_DATE.match(value):
                return m.group(0)
            if m := _DMY_DATE.match(value):
                return f"{m.group(3)}-{m.group(2)}-{m.group(1)}"
    return _date_line(text)


def _date_line(text: str) -> str | None:
    """Wikinews files give the date on the line after the title: "March 3, 2009"."""
    for line in text.splitlines()[1:3]:
        with suppress(ValueError):
            return datetime.strptime(line.strip().rstrip("."), "%B %d, %Y").date().isoformat()
    return None


def _sentence_end(tokens: list[tuple[int, int, str]], token_spans: dict[int, Span],
                  sentences: int) -> int:
    ends = [token_spans[t][1] for t, sentence, _ in tokens
            if sentence < sentences and t in token_spans]
    return max(ends, default=0)


def _entities(kinds: dict[str, ET.Element], spans: dict[str, Span],
              links: list[ET.Element]) -> tuple[GoldEntity, ...]:
    """Named (NAM) entity mentions typed by the entity they refer to."""
    out = set()
    for link in links:
        if link.tag != "REFERS_TO":
            continue
        target = link.find("target")
        entity = kinds.get(target.get("m_id", "") if target is not None else "")
        if entity is None or entity.tag != "ENTITY":
            continue
        for source in link.findall("source"):
            mention = kinds.get(source.get("m_id", ""))
            span = spans.get(source.get("m_id", ""))
            if mention is not None and span and mention.get("syntactic_type") == "NAM":
                out.add(GoldEntity(*span, entity.get("ent_type", "")))
    return tuple(sorted(out, key=lambda e: (e.start, e.end, e.type)))


def _times(markables: ET.Element, spans: dict[str, Span]) -> tuple[GoldTime, ...]:
    out = {GoldTime(*span, t.get("type", ""), t.get("value", ""))
           for t in markables.iter("TIMEX3") if (span := spans.get(t.get("m_id", "")))}
    return tuple(sorted(out, key=lambda t: (t.start, t.end)))


def _participants(kinds: dict[str, ET.Element], spans: dict[str, Span],
                  links: list[ET.Element]) -> tuple[GoldParticipant, ...]:
    out = set()
    for link in links:
        role = _ROLES.get(link.get("sem_role", ""))
        if link.tag != "HAS_PARTICIPANT" or role is None:
            continue
        source, target = link.find("source"), link.find("target")
        if source is None or target is None:
            continue
        event, arg = spans.get(source.get("m_id", "")), spans.get(target.get("m_id", ""))
        kind = kinds.get(target.get("m_id", ""))
        if event and arg and kind is not None and kind.tag == "ENTITY_MENTION":
            out.add(GoldParticipant(event, arg, role))
    return tuple(sorted(out, key=lambda p: (p.event, p.argument, p.role)))


def corpus_files(path: Path) -> list[Path]:
    """The ``.xml`` files of a MEANTIME folder (its ``corpus_*`` subfolders) or one file."""
    if path.is_file():
        return [path]
    files = sorted(path.glob("*.xml")) or sorted(path.glob("corpus_*/*.xml"))
    if not files:
        raise InputError(str(path), "no MEANTIME .xml files found")
    return files
