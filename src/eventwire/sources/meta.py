"""Article metadata shared by every reader: dates, publishers, bylines and language.

The publisher table is data (``data/publishers.tsv``); this module only reads it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import dateparser
import pycountry

from ..config import Settings
from ..errors import InputError
from ..model import Article

# Explicit so a parse never borrows a missing part from today: no relative dates ("yesterday"),
# and day, month and year must all be in the string.
_DATEPARSER_SETTINGS: Mapping[str, Any] = {
    "PARSERS": ["absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "STRICT_PARSING": True,
    "PREFER_DATES_FROM": "past",
    "DATE_ORDER": "MDY",
}
_HAS_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}")
_MAX_DATE_CHARS = 80
# Below this, py3langid guesses on very little evidence; an unset language is coded as usual.
_MIN_LANGUAGE_CONFIDENCE = 0.5
_LANGUAGE_SAMPLE_CHARS = 1000  # about 150 words: a confident guess; classifying costs per byte
# Common dateline layouts, tried with strptime before the slower dateparser.
_DATELINE_FORMATS = ("%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%b. %d, %Y", "%d %b %Y",
                     "%A, %B %d, %Y", "%A %d %B %Y")


@lru_cache(maxsize=4096)
def normalise_date(value: str) -> str | None:
    """``YYYY-MM-DD``, or an ISO datetime when the value gives a time; None when not a full date."""
    text = value.strip()
    if not text or len(text) > _MAX_DATE_CHARS or not _HAS_YEAR.search(text):
        return None
    quick = _from_iso(text) or _from_dateline(text)
    if quick is not None:
        return quick
    parsed = dateparser.parse(text, languages=["en"], settings=dict(_DATEPARSER_SETTINGS))
    if not isinstance(parsed, datetime):
        return None
    if _HAS_TIME.search(text):
        return parsed.isoformat(timespec="seconds")
    return parsed.date().isoformat()


def _from_iso(text: str) -> str | None:
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text).isoformat(timespec="seconds")
    except ValueError:
        return None


def _from_dateline(text: str) -> str | None:
    for layout in _DATELINE_FORMATS:
        try:
            return datetime.strptime(text, layout).date().isoformat()
        except ValueError:
            continue
    return None


@dataclass(frozen=True, slots=True)
class PublisherTable:
    """``data/publishers.tsv`` loaded: domains to publisher names, byline names to publishers."""

    by_domain: Mapping[str, str]
    by_name: Mapping[str, str]


@lru_cache(maxsize=1)
def publishers() -> PublisherTable:
    text = resources.files("eventwire").joinpath("data/publishers.tsv").read_text(encoding="utf-8")
    by_domain: dict[str, str] = {}
    by_name: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        domain, name, *rest = line.split("\t")
        by_domain[domain.strip().lower()] = name.strip()
        aliases = rest[0].split("|") if rest else []
        for alias in [name, *aliases]:
            if alias.strip():
                by_name[_name_key(alias)] = name.strip()
    return PublisherTable(by_domain, by_name)


def _name_key(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip().lower())


def publisher_for_url(url: str) -> str | None:
    """The publisher whose domain the url's host is, or is a subdomain of."""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return None
    table = publishers().by_domain
    labels = host.removeprefix("www.").split(".")
    for i in range(len(labels) - 1):
        name = table.get(".".join(labels[i:]))
        if name:
            return name
    return None


def organisation(name: str) -> str | None:
    """The canonical publisher a byline name means ("AP" -> "Associated Press"), if known."""
    return publishers().by_name.get(_name_key(name))


@dataclass(slots=True)
class Byline:
    source: str | None
    authors: list[str]


_BYLINE_SPLIT = re.compile(r"\s*(?:,|;|\||&|\band\b)\s*")
_BYLINE_PLACE = re.compile(r"\s+in\s+[A-Z][\w .'-]*$")


def parse_byline(names: str) -> Byline:
    """Split "Jane Doe and John Roe, Reuters" into people and the organisation.

    A part is the organisation when the publisher table knows the name, when it is a single
    word (people in bylines are named with at least two), or when its last word marks an
    organisation ("Desk", "Wire Service": ``data/byline_org_words.txt``).
    """
    byline = Byline(source=None, authors=[])
    for piece in _BYLINE_SPLIT.split(names.strip()):
        part = _BYLINE_PLACE.sub("", piece).strip(" .")
        if not part:
            continue
        known = organisation(part)
        if known or " " not in part or part.rsplit(None, 1)[-1].lower() in _org_words():
            byline.source = byline.source or known or part
        elif part not in byline.authors:
            byline.authors.append(part)
    return byline


@lru_cache(maxsize=1)
def _org_words() -> frozenset[str]:
    path = resources.files("eventwire").joinpath("data/byline_org_words.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def language_identifier() -> Any:
    """py3langid's model, loaded once per process (about 0.8 s) at the first article that
    states no language; a long-running caller may load it up front."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, None when py3langid is not confident."""
    sample = text[:_LANGUAGE_SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None
    lang, confidence = language_identifier().classify(sample)
    return str(lang) if float(confidence) >= _MIN_LANGUAGE_CONFIDENCE else None


def normalise_language(value: str) -> str | None:
    """"en", "en-US", "eng" or "English" -> "en"; None when it names no language."""
    code = re.split(r"[-_]", value.strip())[0].lower()
    if len(code) == 2 and code.isalpha():
        return code
    found = None
    if len(code) == 3:
        found = pycountry.languages.get(alpha_3=code)
    if found is None:
        try:
            found = pycountry.languages.lookup(value.strip())
        except LookupError:
            return None
    alpha_2 = getattr(found, "alpha_2", None)
    return str(alpha_2) if alpha_2 else None


Finish = Callable[[Article], Article]
"""``finish`` with its settings bound: what each reader calls on every article it makes."""


def finish(article: Article, settings: Settings) -> Article:
    """Fill what every reader derives the same way: publisher, language, fallback date."""
    if not article.text.strip():
        raise InputError(article.input_name, "no article text found")
    if article.publisher is None and article.url:
        article.publisher = publisher_for_url(article.url)
    if article.language is None:
        article.language = detect_language(article.text)
    if article.published is None:
        article.published = settings.published
    return article
