"""JSON objects, arrays and JSON Lines: record fields, extra keys, bad records among good."""

from __future__ import annotations

import json
from pathlib import Path

from eventwire.config import Settings
from eventwire.model import Article, Failure
from eventwire.sources import read_inputs, read_text

SETTINGS = Settings()


def read(path: Path, settings: Settings = SETTINGS) -> list[Article | Failure]:
    return list(read_inputs([str(path)], settings=settings))


def test_object_fields_and_unknown_keys(tmp_path: Path) -> None:
    record = {
        "id": 42, "title": "Bridge Opens", "body": "The new bridge opened to traffic on Monday.",
        "date": "3 May 2021", "url": "https://apnews.com/article/bridge", "source": "AP",
        "authors": ["Nia Brooks"], "language": "en-US", "desk": "metro", "tags": ["roads"],
    }
    path = tmp_path / "one.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    [art] = read(path)
    assert isinstance(art, Article)
    assert art.input_name == str(path)
    assert art.record_id == "42"
    assert (art.title, art.published, art.source) == ("Bridge Opens", "2021-05-03", "AP")
    assert art.authors == ["Nia Brooks"]
    assert art.publisher == "Associated Press"
    assert art.language == "en"
    assert art.text == "The new bridge opened to traffic on Monday."
    assert art.extra == {"desk": "metro", "tags": ["roads"]}


def test_array_records_are_numbered(tmp_path: Path) -> None:
    path = tmp_path / "many.json"
    path.write_text(json.dumps([{"content": "First story text."}, "not an object",
                                {"title": "No text"}]), encoding="utf-8")
    results = read(path)
    assert isinstance(results[0], Article) and results[0].input_name == f"{path}#1"
    assert results[1] == Failure(f"{path}#2", "a record must be a JSON object, not str")
    assert results[2] == Failure(
        f"{path}#3", "record has no text (expected a 'text', 'body' or 'content' string)")


def test_bad_line_among_good_lines(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl"
    path.write_text(
        '{"text": "The first story is fine."}\n'
        '{"text": "The second story has a broken\n'
        "\n"
        '{"text": "The fourth line is fine again.", "title": 7}\n'
        '{"text": "The fifth story is fine too."}\n',
        encoding="utf-8",
    )
    results = read(path)
    assert [type(r).__name__ for r in results] == ["Article", "Failure", "Failure", "Article"]
    assert isinstance(results[0], Article) and results[0].input_name == f"{path}:1"
    bad = results[1]
    assert isinstance(bad, Failure) and bad.input == f"{path}:2"
    assert bad.reason.startswith("invalid JSON (")
    assert results[2] == Failure(f"{path}:4", "field 'title' must be a string, not int")
    assert isinstance(results[3], Article) and results[3].input_name == f"{path}:5"


def test_markdown_text_is_cleaned_and_record_fields_win() -> None:
    record = {
        "title": "Record title",
        "text": "# Page Title\n\nBy Jane Doe, Reuters\n\nJune 2, 2020\n\nThe strike ended.\n\n"
                "**Related article:** [Older strike](#)\n\nWorkers returned on Tuesday.",
        "published": "2020-06-03",
    }
    art = read_text(json.dumps(record), input_name="r", fmt=None, settings=SETTINGS)
    assert art.title == "Record title"
    assert art.published == "2020-06-03"
    assert (art.source, art.authors) == ("Reuters", ["Jane Doe"])
    assert art.text == "The strike ended.\n\nWorkers returned on Tuesday."


def test_html_text_in_a_record_is_read_as_html() -> None:
    record = {"text": "<p>Polls opened at seven.</p><p>Queues formed early.</p>"}
    art = read_text(json.dumps(record), input_name="r", fmt="json", settings=SETTINGS)
    assert art.text == "Polls opened at seven.\n\nQueues formed early."


def test_plain_text_record_keeps_its_first_line() -> None:
    record = {"text": "Short first paragraph\n\nAnd more text follows here."}
    art = read_text(json.dumps(record), input_name="r", fmt="json", settings=SETTINGS)
    assert art.title is None
    assert art.text.startswith("Short first paragraph")


def test_a_line_over_the_size_limit_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    long_text = "word " * 100
    path.write_text(json.dumps({"text": "Small record one."}) + "\n"
                    + json.dumps({"text": long_text}) + "\n"
                    + json.dumps({"text": "Small record three."}) + "\n", encoding="utf-8")
    results = read(path, Settings(max_input_bytes=200))
    assert isinstance(results[0], Article) and isinstance(results[2], Article)
    assert results[1] == Failure(
        f"{path}:2", "line longer than 200 bytes (setting max_input_bytes)")


def test_json_lines_stream_past_the_whole_file_limit(tmp_path: Path) -> None:
    path = tmp_path / "stream.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": f"Story number {i} is here."}) + "\n"
                            for i in range(200)), encoding="utf-8")
    assert path.stat().st_size > 5000
    results = read(path, Settings(max_input_bytes=100))
    assert len(results) == 200
    assert all(isinstance(r, Article) for r in results)


def test_publication_date_falls_back_to_the_setting() -> None:
    settings = Settings(published="2024-01-09")
    art = read_text('{"text": "Talks resumed."}', input_name="r", fmt=None, settings=settings)
    assert art.published == "2024-01-09"
    dated = read_text('{"text": "Talks resumed.", "published": "2023-12-01"}', input_name="r",
                      fmt=None, settings=settings)
    assert dated.published == "2023-12-01"
