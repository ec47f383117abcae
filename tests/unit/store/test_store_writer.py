"""Store.ingest on hand-built documents: rows per table, idempotence, replacement, failures,
transactions, and records read back from article/1 dicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

import pyarrow as pa
import pytest
from store_kit import (
    FULL_ID,
    PLAIN_ID,
    UNDATED_ID,
    all_docs,
    counts,
    filled_store,
    full_doc,
    plain_doc,
    undated_doc,
)

from eventwire.errors import ConfigError
from eventwire.model import Document, Failure
from eventwire.output import to_record
from eventwire.store import Store
from eventwire.store.connect import fts_stale
from eventwire.store.query import search


def test_every_part_of_a_record_lands_in_its_table(tmp_path: Path) -> None:
    with filled_store(tmp_path / "s.duckdb") as store:
        found = counts(store)
        assert found["articles"] == 3
        assert found["entities"] == 4 and found["actors"] == 6
        assert found["events"] == 5 and found["quotes"] == 1 and found["times"] == 2
        row = store.con.execute(
            "SELECT source_codes, source_names, target_countries, day, location_name,"
            " in_lead, negated FROM events WHERE article_id = ? AND event_id = 'E1'",
            [FULL_ID]).fetchone()
        assert row is not None
        assert row[0] == ["TURGOV", "SYRGOV"] and row[1] == ["Selin Kaya", "Omar Haddad"]
        assert row[2] == [] and str(row[3]) == "2019-04-01" and row[4] == "Ankara"
        assert row[5] is True and row[6] is False


def test_event_day_is_the_period_start_or_the_publication_date(tmp_path: Path) -> None:
    with filled_store(tmp_path / "s.duckdb") as store:
        days = dict(store.con.execute(
            "SELECT article_id || '/' || event_id, CAST(day AS VARCHAR) FROM events").fetchall())
    assert days[f"{FULL_ID}/E4"] == "2019-03-01"  # "2019-03" in the text
    assert days[f"{FULL_ID}/E3"] == "2019-04-02"  # no date: the article's publication date
    assert days[f"{UNDATED_ID}/E1"] is None  # neither


def test_quote_speaker_and_reporter_names_are_resolved(tmp_path: Path) -> None:
    with filled_store(tmp_path / "s.duckdb") as store:
        quote = store.con.execute("SELECT speaker_name, speaker_code FROM quotes").fetchone()
        reporter = store.con.execute(
            "SELECT reported_by_name FROM events WHERE event_id = 'E3'").fetchone()
    assert quote == ("Selin Kaya", "TURGOV")
    assert reporter == ("Selin Kaya",)


def test_ingesting_again_changes_nothing(tmp_path: Path) -> None:
    with filled_store(tmp_path / "s.duckdb") as store:
        before = counts(store)
        report = store.ingest(all_docs())
        assert (report.coded, report.unchanged, report.replaced, report.failed) == (0, 3, 0, [])
        assert counts(store) == before


def test_a_changed_article_is_replaced_not_duplicated(tmp_path: Path) -> None:
    with filled_store(tmp_path / "s.duckdb") as store:
        before = counts(store)
        report = store.ingest([full_doc(title="A new headline")])
        assert (report.coded, report.unchanged, report.replaced) == (0, 0, 1)
        assert counts(store) == before
        title = store.con.execute("SELECT title FROM articles WHERE id = ?", [FULL_ID]).fetchone()
        assert title == ("A new headline",)


def test_an_article_that_loses_its_events_loses_their_rows(tmp_path: Path) -> None:
    with filled_store(tmp_path / "s.duckdb") as store:
        bare = full_doc()
        bare.events, bare.quotes = [], []
        store.ingest([bare])
        found = counts(store)
    assert found["events"] == 1 and found["quotes"] == 0  # only the undated article's event
    assert found["event_mentions"] == 1


def test_the_same_article_twice_in_one_batch_is_stored_once(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.duckdb") as store:
        report = store.ingest([plain_doc(), plain_doc(), full_doc(), full_doc(title="Later")])
        assert (report.coded, report.unchanged, report.replaced) == (2, 1, 1)
        assert counts(store)["articles"] == 2
        title = store.con.execute("SELECT title FROM articles WHERE id = ?", [FULL_ID]).fetchone()
    assert title == ("Later",)


def test_failures_are_reported_and_logged(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.duckdb") as store:
        report = store.ingest([Failure("bad.html", "no article text found"), plain_doc()])
        assert report.coded == 1 and report.failed == [Failure("bad.html", "no article text found")]
        log = store.con.execute(
            "SELECT input, status, reason FROM ingest_log ORDER BY input").fetchall()
    assert log == [("bad.html", "failed", "no article text found"), ("plain.txt", "coded", None)]


def test_progress_is_called_with_the_running_count(tmp_path: Path) -> None:
    seen: list[int] = []
    with Store.open(tmp_path / "s.duckdb") as store:
        store.ingest(all_docs(), batch_size=2, progress=seen.append)
    assert seen == [1, 2, 3]


def test_an_interruption_mid_batch_keeps_the_committed_batches(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"

    def stop_at_third(done: int) -> None:
        if done == 3:
            raise KeyboardInterrupt

    with Store.open(path) as store, pytest.raises(KeyboardInterrupt):
        store.ingest([plain_doc(), undated_doc(), full_doc()], batch_size=2,
                     progress=stop_at_third)
    with Store.open(path) as store:
        ids = {r[0] for r in store.con.execute("SELECT id FROM articles").fetchall()}
        assert ids == {PLAIN_ID, UNDATED_ID}
        report = store.ingest(all_docs())
        assert (report.coded, report.unchanged) == (1, 2)


def test_a_batch_that_fails_while_loading_is_rolled_back(tmp_path: Path) -> None:
    """The replacement of the full article breaks inside its transaction (a goldstein that is
    not a number reaches the events table after the old rows were deleted): the old version
    and the batch before it survive."""
    path = tmp_path / "s.duckdb"
    with filled_store(path) as store:
        before = counts(store)
        broken = full_doc(title="Broken")
        broken.events[0].goldstein = cast(float, "very high")
        with pytest.raises(pa.ArrowInvalid, match="very high"):
            store.ingest([broken])
    with Store.open(path, read_only=True) as store:
        assert counts(store) == before
        title = store.con.execute("SELECT title FROM articles WHERE id = ?", [FULL_ID]).fetchone()
    assert title == ("Turkey and Syria agree border ceasefire",)


def test_records_are_validated_and_stored(tmp_path: Path) -> None:
    good = to_record(full_doc())
    bad = to_record(plain_doc())
    bad["entities"][0]["start"] = 1  # no longer matches the text
    with Store.open(tmp_path / "s.duckdb") as store:
        report = store.ingest_records([good, bad, cast(dict[str, Any], ["not", "a", "dict"])])
        assert report.coded == 1 and len(report.failed) == 2
        assert "not a valid eventwire.article/1 record" in report.failed[0].reason
        assert report.failed[0].input == "https://example.org/plain"
        stored = store.con.execute("SELECT record FROM articles").fetchone()
    assert stored is not None and json.loads(stored[0]) == good


def test_records_and_documents_are_the_same_article(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.duckdb") as store:
        store.ingest([full_doc()])
        report = store.ingest_records([to_record(full_doc())])
    assert report.unchanged == 1


def test_a_read_only_store_refuses_to_ingest(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    Store.open(path).close()
    with Store.open(path, read_only=True) as store, pytest.raises(ConfigError, match="read-only"):
        store.ingest([plain_doc()])


def _indexed(store: Store) -> int:
    """Articles in the full-text index as it stands (0 when there is none), never rebuilding."""
    built = store.con.execute("SELECT count(*) FROM duckdb_schemas()"
                              " WHERE schema_name = 'fts_main_articles'").fetchone()
    if not built or not built[0]:
        return 0
    row = store.con.execute("SELECT count(*) FROM fts_main_articles.docs").fetchone()
    return int(row[0]) if row else 0


def _found(store: Store, words: str) -> list[str]:
    return sorted(hit.article_id for hit in search(store.con, words))


def test_the_index_is_rebuilt_when_an_ingest_stopped_before_it(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store.open(path) as store:
        store.ingest([plain_doc()], reindex=True)
        # What a crash between a batch's commit and the index rebuild leaves behind.
        store.con.execute("UPDATE meta SET value = '1' WHERE key = 'fts_stale'")
        store.con.execute("INSERT INTO articles (id, title, text) VALUES (?, 'Late', 'zebra')",
                          ["d" * 64])
    with Store.open(path) as store:
        hits = _found(store, "zebra")
        stale = store.con.execute("SELECT value FROM meta WHERE key = 'fts_stale'").fetchone()
    assert stale == ("0",) and hits == ["d" * 64]

def test_documents_without_events_quotes_or_times_store_fine(tmp_path: Path) -> None:
    docs: list[Document | Failure] = [plain_doc()]
    with Store.open(tmp_path / "s.duckdb") as store:
        report = store.ingest(docs)
        found = counts(store)
    assert report.coded == 1
    assert found["events"] == found["quotes"] == found["times"] == found["actors"] == 0


def test_ingest_leaves_the_index_to_the_first_search(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.duckdb") as store:
        store.ingest([plain_doc()])
        assert fts_stale(store.con) and _indexed(store) == 0
        assert _found(store, "dam") == [PLAIN_ID]
        assert not fts_stale(store.con) and _indexed(store) == 1
        store.ingest([undated_doc()])
        # The second ingest did not rebuild: the index still holds the first article only.
        assert fts_stale(store.con) and _indexed(store) == 1
        assert _found(store, "dam checkpoint") == [PLAIN_ID, UNDATED_ID]
        assert _indexed(store) == 2


def test_search_is_right_after_an_article_is_replaced(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.duckdb") as store:
        store.ingest([full_doc(title="Quokka truce signed")])
        assert _found(store, "quokka") == [FULL_ID]
        store.ingest([full_doc(title="Kaya visits the zoo")])
        # The old title's words are gone from the index, the new one's are in it.
        assert _found(store, "quokka") == []
        assert _found(store, "zoo") == [FULL_ID]
        assert _found(store, "ceasefire") == [FULL_ID]


def test_a_reader_opened_after_an_ingest_searches_what_it_stored(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store.open(path) as store:
        store.ingest([plain_doc()], reindex=True)
    with Store.open(path) as store:
        store.ingest([undated_doc()])
    with Store.open(path, read_only=True) as reader:
        assert _found(reader, "checkpoint") == [UNDATED_ID]
        assert not fts_stale(reader.con)


def test_reindex_rebuilds_at_the_end_of_the_ingest(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.duckdb") as store:
        store.ingest([plain_doc()], reindex=False)
        store.ingest([undated_doc()], reindex=True)
        assert not fts_stale(store.con) and _indexed(store) == 2
        store.ingest([full_doc()], reindex=False)
        store.refresh_index()
        assert not fts_stale(store.con) and _indexed(store) == 3
