"""Byte streams under the readers: gzip with a size guard, a peek at the head, decoding.

Nothing here reads an input whole unless asked to (:func:`read_limited`), so JSON Lines
and WARC files of any size stream through in constant memory.
"""

from __future__ import annotations

import codecs
import gzip
import io
import re
import zlib
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Protocol

from ..config import Settings
from ..errors import InputError

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

GZIP_MAGIC = b"\x1f\x8b"
HEAD_BYTES = 65_536
_READ_CHUNK = 1 << 20
_BINARY_CONTROL_SHARE = 0.02  # text has next to no control characters; binary data has ~25%
_STRAY_CONTROLS = 3  # a few stray ones (a latin-1 \x81) do not make a short text binary
# C0 and C1 control characters, less the ones text uses (tab, newlines, form feed, escape).
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")


class Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


class _Chain(io.RawIOBase):
    """Bytes already read (the head), then the rest of the stream."""

    def __init__(self, head: bytes, rest: Readable) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        if self._head:
            n = min(len(view), len(self._head))
            view[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(view))
        view[: len(data)] = data
        return len(data)


class GuardedReader(io.RawIOBase):
    """Reads a gzip stream, stopping at a decompressed-size limit or a damaged end.

    Either stop reads as end-of-file and is kept in :attr:`error`, so a reader yields what
    came before and then reports why it stopped (warcio, for one, swallows EOFError).
    """

    def __init__(self, inner: gzip.GzipFile, *, limit: int) -> None:
        self._inner = inner
        self._limit = limit
        self._count = 0
        self.error: str | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        if self.error is not None:
            return 0
        try:
            # read1: a full read() that meets the damaged end loses what it had decompressed.
            data = self._inner.read1(len(view))
        except EOFError:
            self.error = "the gzip data ends early (truncated file)"
            return 0
        except (OSError, zlib.error) as err:
            self.error = f"damaged gzip data ({err})"
            return 0
        if self._count + len(data) > self._limit:
            self.error = (f"more than {self._limit:,} bytes once decompressed "
                          "(setting max_decompressed_bytes); stopped reading")
            data = data[: self._limit - self._count]
        self._count += len(data)
        view[: len(data)] = data
        return len(data)


@dataclass(slots=True)
class Opened:
    """An input ready to read: its first bytes for detection, the whole stream from byte 0."""

    head: bytes
    stream: io.BufferedReader
    guard: GuardedReader | None

    def stop_reason(self) -> str | None:
        """Why decompression stopped before the end, if it did."""
        return self.guard.error if self.guard else None


def open_stream(raw: IO[bytes], settings: Settings) -> Opened:
    """Peek at ``raw``; gzip data is decompressed on the fly, guarded by max_decompressed_bytes."""
    head = _read_head(raw)
    if not head.startswith(GZIP_MAGIC):
        return Opened(head, io.BufferedReader(_Chain(head, raw)), None)
    unzipped = gzip.GzipFile(fileobj=io.BufferedReader(_Chain(head, raw)), mode="rb")
    guard = GuardedReader(unzipped, limit=settings.max_decompressed_bytes)
    guarded = io.BufferedReader(guard)
    inner_head = _read_head(guarded)
    return Opened(inner_head, io.BufferedReader(_Chain(inner_head, guarded)), guard)


def _read_head(stream: Readable) -> bytes:
    parts: list[bytes] = []
    size = 0
    while size < HEAD_BYTES:
        chunk = stream.read(HEAD_BYTES - size)
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)


def read_limited(opened: Opened, name: str, settings: Settings) -> bytes:
    """The whole input, refused when over max_input_bytes or when decompression stopped."""
    limit = settings.max_input_bytes
    # In chunks: read(limit + 1) would set aside the whole limit (50 MB) even for a 2 kB file.
    parts: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = opened.stream.read(min(_READ_CHUNK, limit + 1 - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    if size > limit:
        raise InputError(name, too_large(limit))
    reason = opened.stop_reason()
    if reason is not None:
        raise InputError(name, reason)
    return b"".join(parts)


def too_large(limit: int) -> str:
    """The reason given for an input over max_input_bytes."""
    return f"larger than {limit:,} bytes (setting max_input_bytes)"


def decode(data: bytes, name: str, declared: str | None = None) -> str:
    """Text from bytes: a BOM or declared charset, else UTF-8, cp1252, latin-1 in that order.

    Raises InputError for data that is binary rather than text.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _checked(_try(data, "utf-16") or "", name)
    if b"\x00" in data:
        raise InputError(name, "binary data (NUL bytes), not text")
    candidates = [declared] if declared and _known_codec(declared) else []
    for encoding in [*candidates, "utf-8-sig", "cp1252", "latin-1"]:
        text = _try(data, encoding)
        if text is not None:
            return _checked(text, name)
    raise InputError(name, "cannot be decoded as text")  # unreachable: latin-1 decodes anything


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _known_codec(name: str) -> bool:
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def _checked(text: str, name: str) -> str:
    sample = text[:HEAD_BYTES]
    controls = len(_CONTROLS.findall(sample))
    if controls > _STRAY_CONTROLS and controls / len(sample) > _BINARY_CONTROL_SHARE:
        raise InputError(name, "binary data (control characters), not text")
    return text

