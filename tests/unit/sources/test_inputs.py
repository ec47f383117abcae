"""Files, directories, globs and stdin; limits; bytes that are empty, binary or not UTF-8."""

from __future__ import annotations

import gzip
import io
import json
import socket
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st

from eventwire.config import Settings
from eventwire.errors import ConfigError, InputError
from eventwire.model import Article, Failure
from eventwire.sources import FORMATS, read_inputs, read_text

SETTINGS = Settings()
STORY = "# Market Day\n\nStalls opened at dawn in the old square.\n"


def read(*inputs: str | Path, settings: Settings = SETTINGS, fmt: str | None = None
         ) -> list[Article | Failure]:
    return list(read_inputs([str(i) for i in inputs], settings=settings, fmt=fmt))


def names(results: list[Article | Failure]) -> list[str]:
    return [r.input_name if isinstance(r, Article) else f"FAIL {r.input}" for r in results]


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.md").write_text(STORY, encoding="utf-8")
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b" / "c").mkdir()
    (tmp_path / "b" / "c" / "three.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "skip.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    return tmp_path


def test_directory_is_read_recursively_in_sorted_order(tree: Path) -> None:
    assert names(read(tree)) == [
        str(tree / "a.txt"), str(tree / "b" / "c" / "three.txt"), str(tree / "b" / "two.md")]


def test_globs_and_missing_inputs(tree: Path) -> None:
    results = read(tree / "**" / "*.txt", tree / "nothing-*.md", tree / "absent.txt")
    assert names(results) == [
        str(tree / "a.txt"), str(tree / "b" / "c" / "three.txt"),
        f"FAIL {tree / 'nothing-*.md'}", f"FAIL {tree / 'absent.txt'}"]
    assert results[2] == Failure(str(tree / "nothing-*.md"), "no files match this pattern")
    assert results[3] == Failure(str(tree / "absent.txt"), "no such file or directory")


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = [json.dumps({"text": f"Story {i} from a pipe."}) + "\n" for i in range(3)]
    fake = io.TextIOWrapper(io.BytesIO("".join(lines).encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    results = read("-")
    assert names(results) == ["<stdin>:1", "<stdin>:2", "<stdin>:3"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty input (no text in it)"),
        (b"  \n\n\t\n", "empty input (no text in it)"),
        (b"PK\x03\x04\x00\x00binary\x00zip", "binary data (NUL bytes), not text"),
        (bytes(range(1, 32)) * 20, "binary data (control characters), not text"),
    ],
)
def test_empty_and_binary_files(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    assert read(path) == [Failure(str(path), reason)]


def test_cp1252_and_latin1_and_utf16_bytes(tmp_path: Path) -> None:
    text = "Protesters in São Paulo said “enough” to the fare rise – again."
    cp1252 = tmp_path / "cp1252.txt"
    cp1252.write_bytes(text.encode("cp1252"))
    utf16 = tmp_path / "utf16.txt"
    utf16.write_bytes(text.encode("utf-16"))
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Café owners in Montréal met on Friday.\x81".encode("latin-1"))
    results = read(cp1252, utf16, latin1)
    assert [r.text for r in results if isinstance(r, Article)] == [
        text, text, "Café owners in Montréal met on Friday.\x81"]


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Word " * 100, encoding="utf-8")
    assert read(path, settings=Settings(max_input_bytes=100)) == [
        Failure(str(path), "larger than 100 bytes (setting max_input_bytes)")]


def test_gzip_text_and_a_truncated_gzip(tmp_path: Path) -> None:
    whole = tmp_path / "story.txt.gz"
    whole.write_bytes(gzip.compress(STORY.encode() * 50))
    [art] = read(whole)
    assert isinstance(art, Article) and art.title == "Market Day"
    cut = tmp_path / "cut.txt.gz"
    cut.write_bytes(whole.read_bytes()[:-10])
    assert read(cut) == [Failure(str(cut), "the gzip data ends early (truncated file)")]


def test_gzip_bomb_is_stopped(tmp_path: Path) -> None:
    path = tmp_path / "bomb.jsonl.gz"
    line = json.dumps({"text": "Padding story. " * 20}) + "\n"
    path.write_bytes(gzip.compress(line.encode() * 2000))
    results = read(path, settings=Settings(max_decompressed_bytes=10_000))
    *articles, failure = results
    assert 0 < len(articles) < 50 and all(isinstance(a, Article) for a in articles)
    assert isinstance(failure, Failure)
    assert failure.reason == ("more than 10,000 bytes once decompressed "
                              "(setting max_decompressed_bytes); stopped reading")


def test_format_override(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<p>Rain fell all week.</p>", encoding="utf-8")
    [as_text] = read(path, fmt="text")
    [as_html] = read(path, fmt="html")
    assert isinstance(as_text, Article) and isinstance(as_html, Article)
    assert as_text.text == "<p>Rain fell all week.</p>"
    assert as_html.text == "Rain fell all week."
    with pytest.raises(ConfigError, match="unknown input format 'pdf'"):
        read(path, fmt="pdf")


def test_published_setting_fills_a_missing_date(tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text("Stalls opened at dawn in the old square.", encoding="utf-8")
    dated = tmp_path / "dated.md"
    dated.write_text("# Fair\n\n12 May 2018\n\nStalls opened.", encoding="utf-8")
    results = read(path, dated, settings=Settings(published="2020-02-02"))
    assert [r.published for r in results if isinstance(r, Article)] == [
        "2020-02-02", "2018-05-12"]


def test_read_text_returns_one_article_or_raises() -> None:
    art = read_text(STORY, input_name="<text>", fmt=None, settings=SETTINGS)
    assert (art.title, art.text) == ("Market Day", "Stalls opened at dawn in the old square.")
    two = json.dumps({"text": "One."}) + "\n" + json.dumps({"text": "Two."}) + "\n"
    with pytest.raises(InputError, match="holds 2 articles"):
        read_text(two, input_name="<text>", fmt=None, settings=SETTINGS)
    with pytest.raises(InputError) as err:
        read_text("", input_name="<text>", fmt=None, settings=SETTINGS)
    assert str(err.value) == "<text>: empty input (no text in it)"
    with pytest.raises(InputError, match=r"^<text>:2: invalid JSON"):
        read_text('{"text": "ok"}\n{broken\n', input_name="<text>", fmt=None, settings=SETTINGS)


def test_unreadable_file_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "sock"
    with socket.socket(socket.AF_UNIX) as server:  # a path that exists but cannot be opened
        server.bind(str(path))
        results = read(path, tmp_path / "none.txt")
    assert len(results) == 2
    assert isinstance(results[0], Failure) and results[0].input == str(path)
    assert results[0].reason.startswith("cannot read: ")
    assert results[1] == Failure(str(tmp_path / "none.txt"), "no such file or directory")


_SAMPLES = [
    STORY.encode(),
    b'{"text": "One story."}\n{"text": 5}\n',
    b"<html><body><article><p>Rain fell.</p></article></body></html>",
    b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>t</title>'
    b"<description>Rain fell.</description></item></channel></rss>",
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 10\r\n\r\nHTTP/1.1 2",
]


@examples(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sample=st.sampled_from(_SAMPLES),
    cut=st.integers(min_value=0, max_value=200),
    noise=st.binary(max_size=64),
    fmt=st.sampled_from([None, *FORMATS]),
    gzipped=st.booleans(),
)
def test_damaged_input_never_raises(
    sample: bytes, cut: int, noise: bytes, fmt: str | None, gzipped: bool
) -> None:
    data = sample[:cut] + noise + sample[cut:]
    if gzipped:
        data = gzip.compress(data)[: len(data) // 2 + 10]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input"
        path.write_bytes(data)
        results = read(path, fmt=fmt)
    assert all(isinstance(r, Article | Failure) for r in results)
