"""An outbox written by the previous version (schema 5: an entry's messages as strings,
Jurnal Desk's own notes as "Indonesian / English") opens with every message, each in the
language chosen: the notes become their message ids and values, the service's words stay
verbatim. The file is a real one, made by posting to the sandbox with that version
(data/make_outbox_v5.py)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from app.api.accurate_refusals import BRANCH_NEEDED
from app.core.i18n import catalog, set_language
from app.posting.checks import closing_date
from app.posting.engine import PostingEngine
from app.posting.outbox.ledger import EntryStatus, Outbox
from app.posting.outbox.migration import SCHEMA_VERSION
from app.posting.reasons import reason_text
from app.posting.report.words import readable_messages
from app.posting.targets import AccurateTarget
from app.sandbox import Sandbox
from tests.helpers.pair_catalogs import catalogs_with_code_pairs
from tests.helpers.posting_helpers import accurate_client, entries

V5 = Path(__file__).parent / "data" / "outbox_v5.sqlite3"
# The service's own words in that file (Accurate's, verbatim).
SERVICE = (
    "Tanggal transaksi tidak dapat lebih kecil",
    "berhasil disimpan",
    "Profil pengguna anda memiliki akses ke lebih dari satu cabang",
)


@pytest.fixture(autouse=True)
def shipped_catalogs_after():
    yield
    set_language("id")
    catalog.use_folder(None)


@pytest.fixture
def v5_file(tmp_path) -> Path:
    path = tmp_path / "outbox.sqlite3"
    shutil.copyfile(V5, path)
    return path


def old_messages(path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 5
        rows = db.execute("SELECT reference, messages FROM entries ORDER BY id").fetchall()
    db.close()
    return {reference: json.loads(messages) for reference, messages in rows}


def ours(words: str) -> bool:
    return not any(said in words for said in SERVICE)


def migrated(path: Path) -> dict[str, dict[str, list[str]]]:
    """reference -> language -> the entry's messages as the history shows them (after the
    words for its reason, when it has one)."""
    with Outbox(path) as outbox:
        rows = [row for batch in outbox.batches() for row in outbox.entries(batch.id)]
    return {
        row.reference: {
            language: readable_messages(row, language)[1 if reason_text(row) else 0 :]
            for language in ("id", "en", "zh")
        }
        for row in rows
    }


def test_the_file_is_the_previous_versions():
    assert SCHEMA_VERSION == 7  # the file is schema 5's: 6 stored messages, 7 edit counters
    every = [words for messages in old_messages(V5).values() for words in messages]
    assert sum(map(ours, every)) >= 5  # notes of four kinds, some with a note inside
    assert all(" / " in words for words in every if ours(words))


@pytest.mark.slow
def test_every_note_reads_in_each_language_and_the_service_words_as_they_came(tmp_path, v5_file):
    """With every message in the catalogs (as once each pair is converted)."""
    catalog.use_folder(catalogs_with_code_pairs(tmp_path / "locale"))
    old = old_messages(v5_file)
    shown = migrated(v5_file)
    assert set(shown) == set(old)
    for reference, messages in old.items():
        expected_id = [w.partition(" / ")[0] if ours(w) else w for w in messages]
        expected_en = [w.partition(" / ")[2] if ours(w) else w for w in messages]
        assert shown[reference]["id"] == expected_id, reference
        assert shown[reference]["en"] == expected_en, reference
        for words, indonesian, chinese in zip(
            messages, expected_id, shown[reference]["zh"], strict=True
        ):
            assert chinese != indonesian if ours(words) else chinese == words
    [_uncertain, lookup] = shown["UA-00001"]["zh"]
    assert "HTTP 500" in lookup


@pytest.mark.slow
def test_the_notes_are_stored_as_ids_and_values(tmp_path, v5_file):
    catalog.use_folder(catalogs_with_code_pairs(tmp_path / "locale"))
    migrated(v5_file)
    with sqlite3.connect(v5_file) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        stored = dict(db.execute("SELECT reference, messages FROM entries"))
    db.close()
    service, held = json.loads(stored["JT-00002"])
    assert service == {"service": old_messages(V5)["JT-00002"][0]}
    assert held == {"text": {"msgid": closing_date._held_note_for("").msgid,
                             "params": {"ref": "JT-00001"}}}  # fmt: skip
    branch = json.loads(stored["CB-00001"])[1]["text"]
    assert branch == {"msgid": BRANCH_NEEDED.msgid, "params": {}}
    # A note's value that is itself a message (the server's trouble) is read back as one,
    # so it too reads in the language chosen.
    lookup = json.loads(stored["UA-00001"])[1]["text"]
    reason = lookup["params"]["reason"]["text"]
    assert reason["msgid"].startswith("Server {service} sedang bermasalah")
    assert reason["params"] == {
        "service": "Accurate Online",
        "detail": "HTTP 500; Terjadi kesalahan pada server. Silakan coba lagi.",
    }


@pytest.mark.slow
def test_a_held_note_is_still_told_from_the_services_refusal(tmp_path, v5_file):
    """The closing date's summary reads the dates of the refused entries only."""
    catalog.use_folder(catalogs_with_code_pairs(tmp_path / "locale"))
    migrated(v5_file)
    with Outbox(v5_file) as outbox:
        [batch] = outbox.batches("PT Demo")
        rows = outbox.entries(batch.id)
    text, references = closing_date.closing_date_summary(rows)
    assert references == ["JT-00001", "JT-00002", "JT-00003"]
    assert "04/08/2026" in text.get("id")


def test_with_the_shipped_catalogs_no_message_is_lost(v5_file):
    """A note the catalogs do not know yet is kept as the words it was."""
    old = old_messages(v5_file)
    shown = migrated(v5_file)
    for reference, messages in old.items():
        for language, side in (("id", 0), ("en", 2)):
            for words, now in zip(messages, shown[reference][language], strict=True):
                assert now in (words, words.partition(" / ")[side])


def test_the_migrated_file_opens_again_unchanged(v5_file):
    first = migrated(v5_file)
    before = v5_file.read_bytes()
    assert migrated(v5_file) == first
    with Outbox(v5_file) as outbox:
        counts = outbox.counts(outbox.batches("PT Demo")[0].id)
    assert counts[EntryStatus.REJECTED] == 3 and counts[EntryStatus.POSTED] == 4
    assert len(before) > 0


def test_a_posting_stores_its_notes_as_ids_and_shows_them_in_the_language_chosen(tmp_path):
    catalog.use_folder(catalogs_with_code_pairs(tmp_path / "locale"))
    path = tmp_path / "outbox.sqlite3"
    with Outbox(path) as outbox, Sandbox() as sb, accurate_client(sb) as client:
        sb.master_data().closing_date = date(2026, 8, 4)
        engine = PostingEngine(outbox, AccurateTarget(client, bulk=False, workers=1), "PT Demo",
                               workers=1)  # fmt: skip
        report = engine.run(engine.open_batch(entries(4, prefix="JT")))
    with sqlite3.connect(path) as db:
        stored = dict(db.execute("SELECT reference, messages FROM entries"))
    db.close()
    refused, held = json.loads(stored["JT-00002"])
    assert "Tanggal transaksi tidak dapat lebih kecil" in refused["service"]
    assert held["text"]["params"] == {"ref": "JT-00001"}
    [row] = [row for row in report.entries if row.reference == "JT-00002"]
    zh = readable_messages(row, "zh")
    id_words = readable_messages(row, "id")[1]
    assert zh[0] == refused["service"] and zh[1] != id_words and "JT-00001" in zh[1]
    assert readable_messages(row, "en")[1].startswith("Not sent: Accurate refused entry JT-00001")


def test_a_row_already_kept_short_keeps_every_message_and_its_count_of_the_rest(v5_file):
    flood = [f"Kesalahan {n}" for n in range(20)] + ["(+30)"]
    with sqlite3.connect(v5_file) as db:
        db.execute(
            "UPDATE entries SET messages = ? WHERE reference = 'JT-00001'", (json.dumps(flood),)
        )
    db.close()
    assert migrated(v5_file)["JT-00001"]["en"] == flood
