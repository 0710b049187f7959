"""An outbox file written by an earlier version opens with its whole history, and gains the
columns added since (the posting history must never be lost to an upgrade); the markers an
earlier version kept among the messages become reasons."""

from __future__ import annotations

import json
import sqlite3

import pytest

from app.core.books.serialize import entry_to_dict, fingerprint
from app.core.i18n import Text
from app.posting.engine import PostingEngine
from app.posting.failures import lookup_failed_text
from app.posting.outbox import migration as outbox_migration
from app.posting.outbox.ledger import EntryStatus, Outbox, Verified
from app.posting.outbox.migration import SCHEMA_VERSION
from app.posting.reasons import EntryReason
from app.posting.report.words import readable_messages
from app.posting.summary import summary_of_counts
from app.posting.targets import AccurateTarget
from app.sandbox import Sandbox
from tests.helpers.posting_helpers import accurate_client, entries

VERSION_1 = """
CREATE TABLE batches (
    id TEXT PRIMARY KEY, profile TEXT NOT NULL, service TEXT NOT NULL,
    source_file TEXT NOT NULL DEFAULT '', source_sheet TEXT NOT NULL DEFAULT '',
    content_key TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, finished_at TEXT,
    note TEXT NOT NULL DEFAULT '');
CREATE TABLE entries (
    id INTEGER PRIMARY KEY, batch_id TEXT NOT NULL REFERENCES batches(id),
    position INTEGER NOT NULL, profile TEXT NOT NULL, reference TEXT NOT NULL,
    fingerprint TEXT NOT NULL, status TEXT NOT NULL, remote_id TEXT NOT NULL DEFAULT '',
    remote_number TEXT NOT NULL DEFAULT '', messages TEXT NOT NULL DEFAULT '[]',
    attempts INTEGER NOT NULL DEFAULT 0, payload TEXT NOT NULL, created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL, posted_at TEXT, UNIQUE (batch_id, reference));
PRAGMA user_version=1;
"""

PAYLOAD = {
    "date": "2026-08-01",
    "reference": "JU/001",
    "description": "Penjualan",
    "sheet": "",
    "lines": [
        {
            "account": "1101",
            "debit": "10",
            "credit": "0",
            "memo": "",
            "department": "",
            "project": "",
            "row": 4,
        },
        {
            "account": "4101",
            "debit": "0",
            "credit": "10",
            "memo": "",
            "department": "",
            "project": "",
            "row": 5,
        },
    ],
}


def test_a_version_1_file_keeps_its_history_and_records_verification(tmp_path):
    path = tmp_path / "outbox.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(VERSION_1)
        db.execute(
            "INSERT INTO batches (id, profile, service, created_at) VALUES"
            " ('B1', 'PT A', 'accurate', '2026-08-01T00:00:00')"
        )
        db.execute(
            "INSERT INTO entries (batch_id, position, profile, reference, fingerprint, status,"
            " remote_id, remote_number, payload, created_at, updated_at) VALUES"
            " ('B1', 0, 'PT A', 'JU/001', 'f', 'posted', '77', 'JU/001', ?, 'x', 'x')",
            (json.dumps(PAYLOAD),),
        )
    db.close()

    with Outbox(path) as outbox:
        [entry] = outbox.entries("B1")
        assert entry.status is EntryStatus.POSTED and entry.remote_id == "77"
        assert entry.verified is Verified.NOT_CHECKED
        assert entry.entry().lines[0].debit == 10
        outbox.mark_verified([(entry.id, Verified.MATCHES)])
    with Outbox(path) as reopened:
        [entry] = reopened.entries("B1")
        assert entry.verified is Verified.MATCHES and entry.verified_at


# The schema the previous version created (schema 2), exactly as it wrote it.
VERSION_2 = """
CREATE TABLE batches (
    id           TEXT PRIMARY KEY,
    profile      TEXT NOT NULL,
    service      TEXT NOT NULL,
    source_file  TEXT NOT NULL DEFAULT '',
    source_sheet TEXT NOT NULL DEFAULT '',
    content_key  TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    finished_at  TEXT,
    note         TEXT NOT NULL DEFAULT ''
);
CREATE TABLE entries (
    id            INTEGER PRIMARY KEY,
    batch_id      TEXT NOT NULL REFERENCES batches(id),
    position      INTEGER NOT NULL,
    profile       TEXT NOT NULL,
    reference     TEXT NOT NULL,
    fingerprint   TEXT NOT NULL,
    status        TEXT NOT NULL,
    remote_id     TEXT NOT NULL DEFAULT '',
    remote_number TEXT NOT NULL DEFAULT '',
    messages      TEXT NOT NULL DEFAULT '[]',
    attempts      INTEGER NOT NULL DEFAULT 0,
    payload       TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    posted_at     TEXT,
    verified      TEXT NOT NULL DEFAULT '',
    verified_at   TEXT,
    resends       INTEGER NOT NULL DEFAULT 0,
    UNIQUE (batch_id, reference)
);
CREATE TABLE leases (
    profile      TEXT PRIMARY KEY,
    run_id       TEXT NOT NULL,
    front        TEXT NOT NULL,
    pid          INTEGER NOT NULL,
    host         TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    heartbeat_at REAL NOT NULL
);
CREATE INDEX batches_by_content ON batches (profile, content_key);
CREATE INDEX entries_by_reference ON entries (profile, reference);
CREATE INDEX entries_by_status ON entries (profile, status);
PRAGMA user_version=2;
"""

LOOKUP_NOTE = (
    "Belum bisa dicek di server: Server sibuk. Jurnal ini akan dicek lagi sebelum dikirim "
    "ulang; jalankan posting lagi nanti. / Could not be looked up on the server yet: Server "
    "busy. It will be looked up again before anything is re-sent; run the posting again later."
)
# Rows of batch B1 as the previous version recorded them: status and messages, with the
# markers it wrote among the messages.
VERSION_2_ROWS = {
    "JU/001": ("posted", ["found on the server after an unanswered request"]),
    "JU/002": ("skipped", ["already-posted", "B0"]),
    "JU/003": (
        "skipped",
        [
            "Referensi JU/003 sudah diposting dengan isi berbeda (batch B0); dilewati. / "
            "Reference JU/003 was already posted with different content (batch B0); skipped."
        ],
    ),
    "JU/004": (
        "skipped",
        [
            "Nomor JU/004 sudah ada di server; jurnal ini dilewati agar tidak tercatat dua kali. "
            "/ Number JU/004 already exists on the server; skipped so it is not recorded twice.",
            "Nomor sudah ada",
        ],
    ),
    "JU/005": (
        "pending",
        ["not on the server after an unanswered request; sent again", "Terlalu banyak"],
    ),
    "JU/006": ("uncertain", ["the server's answer did not mention it", LOOKUP_NOTE]),
    "JU/007": ("undone", ["deleted by undo"]),
    "JU/008": ("rejected", ["Akun tidak aktif"]),
}


def version_2_file(path):
    with sqlite3.connect(path) as db:
        db.executescript(VERSION_2)
        for batch in ("B0", "B1"):
            db.execute(
                "INSERT INTO batches (id, profile, service, created_at) VALUES"
                " (?, 'PT A', 'accurate', '2026-08-01T00:00:00')",
                (batch,),
            )
        db.execute(
            "INSERT INTO entries (batch_id, position, profile, reference, fingerprint, status,"
            " payload, created_at, updated_at) VALUES"
            " ('B0', 0, 'PT A', 'JU/002', 'f', 'posted', ?, 'x', 'x')",
            (json.dumps(PAYLOAD),),
        )
        for position, (reference, (status, messages)) in enumerate(VERSION_2_ROWS.items()):
            db.execute(
                "INSERT INTO entries (batch_id, position, profile, reference, fingerprint,"
                " status, messages, payload, created_at, updated_at) VALUES"
                " ('B1', ?, 'PT A', ?, 'f', ?, ?, ?, 'x', 'x')",
                (position, reference, status, json.dumps(messages), json.dumps(PAYLOAD)),
            )
    db.close()
    return path


def test_a_version_2_file_has_its_markers_turned_into_reasons(tmp_path):
    path = version_2_file(tmp_path / "outbox.sqlite3")
    with Outbox(path) as outbox:
        rows = {row.reference: row for row in outbox.entries("B1")}
    assert {ref: (row.reason, row.earlier_batch) for ref, row in rows.items()} == {
        "JU/001": (EntryReason.FOUND_ON_SERVER, ""),
        "JU/002": (EntryReason.ALREADY_POSTED, "B0"),
        "JU/003": (EntryReason.DUPLICATE, "B0"),
        "JU/004": (EntryReason.ON_SERVER, ""),
        "JU/005": (EntryReason.RESENT, ""),
        "JU/006": (EntryReason.NOT_MENTIONED, ""),
        "JU/007": (EntryReason.UNDONE, ""),
        "JU/008": (EntryReason.NONE, ""),
    }
    # The messages keep only what a person reads.
    assert {ref: row.messages for ref, row in rows.items() if row.messages} == {
        "JU/004": ["Nomor sudah ada"],
        "JU/005": ["Terlalu banyak"],
        "JU/006": [lookup_failed_text(Text("Server sibuk.", "Server busy."))],
        "JU/008": ["Akun tidak aktif"],
    }
    # Jurnal Desk's own note is read back as the catalogs' message: the same words as stored,
    # and Chinese too (the service's reason inside it stays as it came).
    [note] = rows["JU/006"].messages
    assert isinstance(note, Text)
    assert f"{note.id} / {note.en}" == LOOKUP_NOTE
    assert note.get("zh").startswith("暂时无法在服务器上查询：Server sibuk.")
    assert [ref for ref, row in rows.items() if row.on_books] == ["JU/001", "JU/002"]
    assert readable_messages(rows["JU/002"], "en") == [
        "Already posted before with the same content (batch B0); not sent again."
    ]
    assert readable_messages(rows["JU/003"], "id") == [
        "Referensi JU/003 sudah diposting dengan isi berbeda (batch B0); dilewati."
    ]
    assert readable_messages(rows["JU/005"], "en") == [
        "Not on the server after an unanswered request; sent again.",
        "Terlalu banyak",
    ]
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 7
    db.close()


def test_a_migrated_file_counts_and_reopens_the_same(tmp_path):
    path = version_2_file(tmp_path / "outbox.sqlite3")
    with Outbox(path) as outbox:
        first = outbox.entries("B1")
        summary = summary_of_counts(outbox.reason_counts("B1"))
    assert (summary.posted, summary.posted_before, summary.duplicates) == (1, 1, 2)
    assert (summary.pending, summary.uncertain, summary.undone, summary.rejected) == (1, 1, 1, 1)
    with Outbox(path) as reopened:  # the markers are read once: nothing changes on reopening
        assert reopened.entries("B1") == first


def test_a_migration_cut_short_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    path = version_2_file(tmp_path / "outbox.sqlite3")

    def power_cut(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(outbox_migration, "_reasons_from_markers", power_cut)
    with pytest.raises(KeyboardInterrupt):
        Outbox(path)
    monkeypatch.undo()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 2
        columns = {row[1] for row in db.execute("PRAGMA table_info(entries)")}
        assert "reason" not in columns
    db.close()
    with Outbox(path) as outbox:  # the next start migrates it whole
        assert outbox.entries("B1")[1].reason is EntryReason.ALREADY_POSTED


def test_an_entry_marked_re_sent_in_a_version_2_file_is_still_known_as_ours(tmp_path):
    """The previous version sent JV-00001 again after an unanswered request and recorded
    that with a marker; the server holds it. Posting on finds it there: posted, not skipped
    as somebody else's number."""
    [entry] = entries(1)
    path = tmp_path / "outbox.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(VERSION_2)
        db.execute(
            "INSERT INTO batches (id, profile, service, created_at) VALUES"
            " ('B1', 'PT Demo', 'accurate', '2026-08-01T00:00:00')"
        )
        db.execute(
            "INSERT INTO entries (batch_id, position, profile, reference, fingerprint, status,"
            " messages, attempts, resends, payload, created_at, updated_at) VALUES"
            " ('B1', 0, 'PT Demo', ?, ?, 'pending', ?, 1, 1, ?, 'x', 'x')",
            (
                entry.reference,
                fingerprint(entry),
                json.dumps(["not on the server after an unanswered request; sent again"]),
                json.dumps(entry_to_dict(entry)),
            ),
        )
    db.close()
    with Sandbox() as sb, accurate_client(sb) as client, Outbox(path) as outbox:
        target = AccurateTarget(client, bulk=False)
        target.send([entry])  # the earlier send that went unanswered was stored
        report = PostingEngine(outbox, target, "PT Demo").run(outbox.batch("B1"))
        assert len(sb.vouchers()) == 1
    [row] = report.entries
    assert row.status is EntryStatus.POSTED and row.remote_number == entry.reference
    assert report.complete
