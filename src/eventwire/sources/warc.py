"""WARC and WARC.gz crawls, streamed a record at a time with warcio.

Each HTML ``response`` record is one article (``name#N``, N counting every record in the
file); other records are skipped. A crawl that ends early yields what it held, then one
Failure for the rest.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from ..config import Settings
from ..errors import InputError
from ..model import Article, Failure
from .html import read_html
from .meta import Finish, normalise_date
from .streams import Opened, decode

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_CUT = "the record ends early (truncated file)"


def read_warc(
    opened: Opened, name: str, settings: Settings, finish: Finish
) -> Iterator[Article | Failure]:
    number = 0
    last: Any = None
    records = iter(ArchiveIterator(opened.stream))
    while True:
        try:
            record = next(records, None)
        except Exception as err:  # warcio meets malformed headers with AttributeError, TypeError
            yield Failure(f"{name}#{number + 1}",
                          f"unreadable WARC record ({type(err).__name__}: {err}); stopped")
            return
        if record is None:
            break
        number, last = number + 1, record
        if _is_html_response(record):
            result = _record_result(record, f"{name}#{number}", settings, finish)
            if not _is_cut(record):
                yield result
    cut = last is not None and _is_cut(last)
    reason = opened.stop_reason()
    if cut or reason:
        where = number if cut else number + 1
        yield Failure(f"{name}#{where}", f"{reason or _CUT}; records from here on were not read")


def _is_cut(record: Any) -> bool:
    """The record's block ended before its Content-Length: the file was cut short."""
    return bool(getattr(record.raw_stream, "limit", 0) > 0)


def _is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.startswith(_HTML_TYPES)


def _record_result(record: Any, name: str, settings: Settings, finish: Finish) -> Article | Failure:
    try:
        page = _record_page(record, name, settings.max_input_bytes)
    except InputError as err:
        return Failure(name, err.reason)
    except Exception as err:  # warcio meets malformed records with AttributeError, TypeError ...
        return Failure(name, f"unreadable WARC record ({type(err).__name__}: {err})")
    try:
        article = read_html(page.html, name, settings.max_html_depth, url=page.url)
        if article.published is None and page.crawled:
            # The crawl date only bounds the publication date, so its time of day is dropped.
            article.published = page.crawled[:10]
        return finish(article)
    except InputError as err:
        return Failure(name, err.reason)


@dataclass(frozen=True, slots=True)
class _Page:
    html: str
    url: str | None
    crawled: str | None


def _record_page(record: Any, name: str, limit: int) -> _Page:
    payload: bytes = record.content_stream().read(limit + 1)
    if len(payload) > limit:
        raise InputError(name, f"page larger than {limit:,} bytes (setting max_input_bytes)")
    charset = _CHARSET.search(record.http_headers.get_header("Content-Type") or "")
    return _Page(
        html=decode(payload, name, charset[1] if charset else None),
        url=record.rec_headers.get_header("WARC-Target-URI") or None,
        crawled=normalise_date(record.rec_headers.get_header("WARC-Date") or ""),
    )
