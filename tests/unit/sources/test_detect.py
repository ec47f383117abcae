"""Formats are told apart by content, whatever the file is called."""

from __future__ import annotations

import pytest

from eventwire.sources.detect import detect_format, looks_like_html, looks_like_markdown


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        (b'[{"text": "a"}]', "json"),
        (b'{\n  "text": "a"\n}\n', "json"),
        (b'{"text": "a"}\n', "json"),
        (b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        (b'{"text": "' + b"a" * 100, "jsonl"),
        (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "feed"),
        (b'<?xml version="1.0"?><!-- hi --><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        (b'<?xml version="1.0"?><!DOCTYPE html><html>', "html"),
        (b"<p>One.</p><p>Two.</p>", "html"),
        (b"\xef\xbb\xbf# Title\n\nBody.", "markdown"),
        (b"Title\n\nBy Jane Doe\n\nBody text.", "text"),
        (b"<https://example.org/x> is where it was first published.", "markdown"),
        (b"a < b and c > d in plain prose", "text"),
    ],
)
def test_detect_format(head: bytes, fmt: str) -> None:
    assert detect_format(head) == fmt


def test_html_and_markdown_in_record_text() -> None:
    assert looks_like_html("Lead.<br><p>Second paragraph.</p>")
    assert not looks_like_html("Turnout was <50% in the north.")
    assert looks_like_markdown("Text\n\n**Related article:** [x](#)")
    assert not looks_like_markdown("Text with 2 * 3 and snake_case.")
