"""WARC crawls: HTML responses become articles; truncation keeps what came before."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.config import Settings
from eventwire.model import Article, Failure
from eventwire.sources import read_inputs

STORIES = [
    "Lawmakers in the lower house approved the water bill on Thursday by a wide margin.",
    "The central bank held its main rate steady, citing slowing inflation in the spring.",
    "Rescue teams reached the mountain village after the landslide blocked its only road.",
]


def page(text: str, *, dated: bool) -> bytes:
    meta = '<meta property="article:published_time" content="2020-04-02">' if dated else ""
    return (f"<html><head>{meta}</head><body><article><p>{text}</p>"
            f"<p>Officials said more details would follow.</p></article></body></html>").encode()


def write_warc(path: Path, *, gzip: bool) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        for i, text in enumerate(STORIES):
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://www.reuters.com/story-{i}", "response",
                payload=io.BytesIO(page(text, dated=i == 0)), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2020-04-05T12:00:00Z"}))
            if i == 0:
                css = StatusAndHeaders("200 OK", [("Content-Type", "text/css")],
                                       protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    "https://www.reuters.com/site.css", "response",
                    payload=io.BytesIO(b"body { color: black }"), http_headers=css))


def read(path: Path) -> list[Article | Failure]:
    return list(read_inputs([str(path)], settings=Settings()))


def test_plain_warc(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(path, gzip=False)
    results = read(path)
    assert [r.input_name for r in results if isinstance(r, Article)] == [
        f"{path}#1", f"{path}#3", f"{path}#4"]
    first, second = results[0], results[1]
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.text.startswith(STORIES[0])
    assert first.url == "https://www.reuters.com/story-0"
    assert first.publisher == "Reuters"
    assert first.published == "2020-04-02"  # the page's own date
    assert second.published == "2020-04-05"  # else the crawl date


@pytest.mark.parametrize(("cut_bytes", "kept"), [(200, 2), (600, 1)])
def test_truncated_warc_gz_keeps_the_records_before_the_cut(
    tmp_path: Path, cut_bytes: int, kept: int
) -> None:
    whole = tmp_path / "crawl.warc.gz"
    write_warc(whole, gzip=True)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - cut_bytes])
    results = read(cut)
    articles = [r for r in results if isinstance(r, Article)]
    assert [a.text.split("\n\n")[0] for a in articles] == STORIES[:kept]
    assert len(results) == kept + 1
    failure = results[-1]
    assert isinstance(failure, Failure)
    assert failure.input == f"{cut}#{kept + 2}"  # the css record is #2
    assert failure.reason == ("the gzip data ends early (truncated file); "
                              "records from here on were not read")


def test_truncated_plain_warc_reports_the_cut_record(tmp_path: Path) -> None:
    whole = tmp_path / "crawl.warc"
    write_warc(whole, gzip=False)
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: len(data) - 60])
    results = read(cut)
    assert sum(isinstance(r, Article) for r in results) == 2
    assert results[-1] == Failure(
        f"{cut}#4", "the record ends early (truncated file); records from here on were not read")


def test_decompression_limit_stops_a_warc_gz(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzip=True)
    results = list(read_inputs([str(path)], settings=Settings(max_decompressed_bytes=1500)))
    assert isinstance(results[-1], Failure)
    assert "setting max_decompressed_bytes" in results[-1].reason
    assert len(results) < 4


def test_not_a_warc_forced_as_one(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Just some notes.\n", encoding="utf-8")
    [failure] = list(read_inputs([str(path)], settings=Settings(), fmt="warc"))
    assert isinstance(failure, Failure)
    assert failure.input == f"{path}#1"
    assert failure.reason.startswith("unreadable WARC record")
