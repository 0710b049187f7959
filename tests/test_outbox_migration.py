"""An outbox file written by an earlier version opens with its whole history, and gains the
columns added since (the posting history must never be lost to an upgrade)."""

from __future__ import annotations

import json
import sqlite3

from app.posting.outbox import EntryStatus, Outbox, Verified

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
