"""Input readers: every supported format in, :class:`~eventwire.model.Article` out.

``read_inputs`` streams files, directories, globs and stdin and never raises for bad input:
each unreadable input or record becomes a :class:`~eventwire.model.Failure` and reading
goes on. ``read_text`` reads one article from a string.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from functools import partial
from typing import IO

from ..config import Settings
from ..errors import ConfigError, InputError
from ..model import Article, Failure
from . import meta
from .detect import FORMATS, detect_format
from .feed import read_feed
from .html import read_html
from .jsonl import read_json, read_json_lines
from .meta import Finish
from .paths import expand, open_binary
from .streams import decode, open_stream, read_limited, too_large
from .text import read_wire_text
from .warc import read_warc

__all__ = ["FORMATS", "read_inputs", "read_text"]


def read_text(text: str, *, input_name: str, fmt: str | None, settings: Settings) -> Article:
    """The one article in ``text``; InputError when it holds none, a bad record, or several."""
    _check_format(fmt)
    data = io.BytesIO(text.encode("utf-8", errors="replace"))
    results = list(_read_stream(data, input_name, fmt, settings))
    failure = next((r for r in results if isinstance(r, Failure)), None)
    if failure is not None:
        raise InputError(failure.input, failure.reason)
    articles = [r for r in results if isinstance(r, Article)]
    if len(articles) != 1:
        raise InputError(input_name, f"holds {len(articles)} articles; read it as a file instead")
    return articles[0]


def read_inputs(
    inputs: Sequence[str], *, settings: Settings, fmt: str | None = None
) -> Iterator[Article | Failure]:
    """Articles from every input in order, a Failure for each input or record that is bad."""
    _check_format(fmt)
    for item in expand(inputs):
        if isinstance(item, Failure):
            yield item
            continue
        try:
            size = item.path.stat().st_size if item.path is not None else None
            with open_binary(item) as raw:
                yield from _read_stream(raw, item.name, fmt, settings, size)
        except OSError as err:
            yield Failure(item.name, f"cannot read: {err.strerror or err}")


def _check_format(fmt: str | None) -> None:
    if fmt is not None and fmt not in FORMATS:
        raise ConfigError(f"unknown input format {fmt!r}; known: {', '.join(FORMATS)}")


def _read_stream(
    raw: IO[bytes], name: str, fmt: str | None, settings: Settings, size: int | None = None
) -> Iterator[Article | Failure]:
    """``size`` is the input's size on disk, when it is a file: a plain (not gzip) input read
    whole is refused by it before a byte of it is read."""
    opened = open_stream(raw, settings)
    if not opened.head.strip():
        yield Failure(name, opened.stop_reason() or "empty input (no text in it)")
        return
    fmt = fmt or detect_format(opened.head)
    finish = partial(meta.finish, settings=settings)
    if fmt == "warc":
        yield from read_warc(opened, name, settings, finish)
    elif fmt == "jsonl":
        yield from read_json_lines(opened, name, settings, finish)
    elif size is not None and opened.guard is None and size > settings.max_input_bytes:
        yield Failure(name, too_large(settings.max_input_bytes))
    else:
        try:
            data = read_limited(opened, name, settings)
            yield from _read_document(data, name, fmt, settings, finish)
        except InputError as err:
            yield Failure(name, err.reason)


def _read_document(
    data: bytes, name: str, fmt: str, settings: Settings, finish: Finish
) -> Iterator[Article | Failure]:
    """Formats read whole (within max_input_bytes): text, Markdown, HTML, JSON, feeds."""
    if fmt == "feed":
        yield from read_feed(data, name, settings, finish)
        return
    text = decode(data, name)
    if fmt == "json":
        yield from read_json(text, name, settings, finish)
    elif fmt == "html":
        yield finish(read_html(text, name, settings.max_html_depth))
    else:
        yield finish(read_wire_text(text, name))
