"""JSON objects, JSON arrays of objects, and JSON Lines (streamed line by line).

A record's own fields (``title``, ``published``, ``url`` ...) take priority over what the
text reader finds in its body; keys eventwire does not know are kept in ``Article.extra``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..config import Settings
from ..errors import InputError
from ..model import Article, Failure
from .detect import looks_like_html, looks_like_markdown
from .html import read_html
from .meta import Byline, Finish, normalise_date, normalise_language, parse_byline
from .streams import Opened, decode
from .text import read_wire_text

_TEXT_KEYS = ("text", "body", "content")
_DATE_KEYS = ("published", "date")
_FIELDS = frozenset({"id", "title", "url", "source", "publisher", "authors", "credits",
                     "language", *_TEXT_KEYS, *_DATE_KEYS})


def read_json(
    text: str, name: str, settings: Settings, finish: Finish
) -> Iterator[Article | Failure]:
    """A JSON document: one object is one article, an array holds one per element (``name#N``)."""
    try:
        data = json.loads(text)
    except ValueError as err:
        yield Failure(name, f"invalid JSON ({err})")
        return
    if not isinstance(data, list):
        yield _result(data, name, settings, finish)
        return
    for n, item in enumerate(data, start=1):
        yield _result(item, f"{name}#{n}", settings, finish)


def read_json_lines(
    opened: Opened, name: str, settings: Settings, finish: Finish
) -> Iterator[Article | Failure]:
    """One record per line, read a line at a time (``name:LINE``); blank lines are skipped."""
    limit = settings.max_input_bytes
    number = 0
    while line := opened.stream.readline(limit + 1):
        number += 1
        line_name = f"{name}:{number}"
        if len(line) > limit and not line.endswith(b"\n"):
            _skip_rest_of_line(opened)
            yield Failure(line_name, f"line longer than {limit:,} bytes (setting max_input_bytes)")
            continue
        if not line.endswith(b"\n") and opened.stop_reason():
            break  # a line cut off by the decompression guard: reported below
        if line.strip():
            yield _line_result(line, line_name, settings, finish)
    if reason := opened.stop_reason():
        yield Failure(f"{name}:{number}", reason)


def _skip_rest_of_line(opened: Opened) -> None:
    while chunk := opened.stream.readline(1 << 20):
        if chunk.endswith(b"\n"):
            return


def _line_result(line: bytes, name: str, settings: Settings, finish: Finish) -> Article | Failure:
    try:
        record = json.loads(decode(line, name))
    except InputError as err:
        return Failure(name, err.reason)
    except ValueError as err:
        return Failure(name, f"invalid JSON ({err})")
    return _result(record, name, settings, finish)


def _result(record: Any, name: str, settings: Settings, finish: Finish) -> Article | Failure:
    try:
        return finish(record_article(record, name, settings))
    except InputError as err:
        return Failure(name, err.reason)


def record_article(record: Any, name: str, settings: Settings) -> Article:
    """An Article from one JSON record; InputError when it is not an object or has no text."""
    if not isinstance(record, dict):
        raise InputError(name, f"a record must be a JSON object, not {type(record).__name__}")
    body_key = next((k for k in _TEXT_KEYS if isinstance(record.get(k), str)), None)
    if body_key is None:
        raise InputError(name, "record has no text (expected a 'text', 'body' or 'content' string)")
    article = _body_article(record[body_key], name, settings)
    _apply_record(article, record, name)
    article.extra.update(
        {k: v for k, v in record.items() if k not in _FIELDS or (k in _TEXT_KEYS and k != body_key)}
    )
    return article


def _body_article(body: str, name: str, settings: Settings) -> Article:
    """Clean a record's text with the reader its layout needs."""
    if looks_like_html(body):
        return read_html(body, name, settings.max_html_depth)
    return read_wire_text(body, name, header=looks_like_markdown(body))


def _apply_record(article: Article, record: dict[str, Any], name: str) -> None:
    title, url, source, publisher = (_string(record, k, name)
                                     for k in ("title", "url", "source", "publisher"))
    article.title = title or article.title
    article.url = url or article.url
    article.source = source or article.source
    article.publisher = publisher or article.publisher
    for key in _DATE_KEYS:
        value = _string(record, key, name)
        if value and (published := normalise_date(value)):
            article.published = published
            break
    if (language := _string(record, "language", name)) is not None:
        article.language = normalise_language(language)
    if "id" in record and record["id"] is not None:
        article.record_id = str(record["id"])
    authors = _names(record, "authors", name)
    article.authors = authors.authors or article.authors
    article.source = article.source or authors.source
    article.credits = _names(record, "credits", name).authors or article.credits


def _string(record: dict[str, Any], key: str, name: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(name, f"field '{key}' must be a string, not {type(value).__name__}")
    return value.strip() or None


def _names(record: dict[str, Any], key: str, name: str) -> Byline:
    """A list of names, or a byline string of them ("Jane Doe and John Roe, Reuters")."""
    value = record.get(key)
    if value is None:
        return Byline(None, [])
    if isinstance(value, str):
        return parse_byline(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return Byline(None, [v.strip() for v in value if v.strip()])
    raise InputError(name, f"field '{key}' must be a list of strings or a string")
