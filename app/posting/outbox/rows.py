"""The outbox's rows: the tables' layout, and what their rows become in Python (entries,
batches, outcomes, the change notices) and back (an entry's messages kept short, a batch's
content key)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import TypeVar

from app.core.books.journal import JournalEntry
from app.core.books.serialize import entry_from_dict, fingerprint
from app.core.i18n import Text
from app.core.i18n.messages import Message, messages_from_json, messages_to_json
from app.core.i18n.stored import StoredTextError
from app.posting.outbox.file import OutboxUnknownValue
from app.posting.reasons import EntryReason

SCHEMA = """
CREATE TABLE IF NOT EXISTS batches (
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
CREATE TABLE IF NOT EXISTS entries (
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
    reason        TEXT NOT NULL DEFAULT '',
    earlier_batch TEXT NOT NULL DEFAULT '',
    remote_version TEXT NOT NULL DEFAULT '',
    remote_total  TEXT NOT NULL DEFAULT '',
    UNIQUE (batch_id, reference)
);
CREATE TABLE IF NOT EXISTS leases (
    profile      TEXT PRIMARY KEY,
    run_id       TEXT NOT NULL,
    front        TEXT NOT NULL,
    pid          INTEGER NOT NULL,
    host         TEXT NOT NULL,
    started_at   TEXT NOT NULL,
    heartbeat_at REAL NOT NULL
);
-- A batch of reversing entries and the batch it reverses (at most one reversal a batch).
CREATE TABLE IF NOT EXISTS reversals (
    batch_id   TEXT PRIMARY KEY REFERENCES batches(id),
    reverses   TEXT NOT NULL UNIQUE REFERENCES batches(id),
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS batches_by_content ON batches (profile, content_key);
CREATE INDEX IF NOT EXISTS entries_by_reference ON entries (profile, reference);
CREATE INDEX IF NOT EXISTS entries_by_status ON entries (profile, status);
"""
# Indexes added after the first schema, made by the migration once their columns exist.
ADDED_INDEXES = """
CREATE INDEX IF NOT EXISTS entries_by_remote_id ON entries (profile, remote_id);
"""


class Verified(StrEnum):
    """What reading a posted voucher back from the service found (`jurnal-desk verify`)."""

    NOT_CHECKED = ""
    MATCHES = "matches"  # the books hold exactly what was sent
    DIFFERS = "differs"  # the voucher is there, but something differs
    MISSING = "missing"  # the service does not have it (deleted there?)


class EntryStatus(StrEnum):
    PENDING = "pending"  # recorded, not yet sent
    SENDING = "sending"  # a request is (or was, before a crash) on its way
    POSTED = "posted"  # the server holds it
    REJECTED = "rejected"  # the server refused it; nothing was stored
    UNCERTAIN = "uncertain"  # sent, but the answer never came: reconcile before re-sending
    SKIPPED = "skipped"  # not sent: already posted before, or a duplicate reference
    UNDONE = "undone"  # posted, then deleted by undo


UNRESOLVED = (EntryStatus.SENDING, EntryStatus.UNCERTAIN)


@dataclass(frozen=True, slots=True)
class OutboxEntry:
    id: int
    batch_id: str
    position: int
    profile: str
    reference: str
    fingerprint: str
    status: EntryStatus
    remote_id: str
    remote_number: str
    messages: list[Message]  # the service's own words and Jurnal Desk's notes
    attempts: int
    payload: str  # the entry as JSON, parsed only when needed (25,000 rows stay small)
    created_at: str
    updated_at: str
    posted_at: str | None
    verified: Verified = Verified.NOT_CHECKED
    verified_at: str | None = None
    resends: int = 0  # times sent again after an unclear answer and a "not there" look-up
    reason: EntryReason = EntryReason.NONE  # why it stands as it does (app.posting.reasons)
    earlier_batch: str = ""  # the batch that posted the reference before, for reason's words
    # The voucher's edit counter and total as the service reported them when it was known
    # to hold what was sent (the save's answer, or a reading that compared it whole); ''
    # when not known. A reconcile that lists the same counter and total for the same id
    # knows the voucher unchanged without reading its lines (app.posting.reconcile.versions).
    remote_version: str = ""
    remote_total: str = ""

    @property
    def posted_before(self) -> bool:
        """Skipped because the same entry was posted before: it is on the books."""
        return self.status is EntryStatus.SKIPPED and self.reason is EntryReason.ALREADY_POSTED

    @property
    def on_books(self) -> bool:
        """Posted by this batch, or posted before (the engine's rule for a complete batch)."""
        return self.status is EntryStatus.POSTED or self.posted_before

    def entry(self) -> JournalEntry:
        return entry_from_dict(json.loads(self.payload))


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one entry, for `record_outcomes`."""

    entry_id: int
    status: EntryStatus
    messages: Sequence[Message] = ()
    remote_id: str = ""
    remote_number: str = ""
    reason: EntryReason = EntryReason.NONE
    earlier_batch: str = ""
    remote_version: str = ""  # a posted voucher's edit counter and total, as answered
    remote_total: str = ""


@dataclass(frozen=True, slots=True)
class Batch:
    id: str
    profile: str
    service: str
    source_file: str
    source_sheet: str
    content_key: str
    created_at: str
    finished_at: str | None
    note: str


@dataclass(frozen=True, slots=True)
class OutboxChange:
    """One committed change, for `Outbox.on_change`: what was done (the method's name), to
    which entries, and the status each has now (same order; empty when the status did not
    change), or to which batch."""

    action: str
    entry_ids: tuple[int, ...] = ()
    statuses: tuple[EntryStatus, ...] = ()
    batch_id: str = ""


def now_text() -> str:
    """Now, as the outbox writes times (UTC, ISO 8601, to the millisecond)."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def content_key(profile: str, entries: Sequence[JournalEntry]) -> str:
    """Identifies a batch by what it posts, so the same workbook posted again resumes it."""
    digest = hashlib.sha256(profile.encode())
    for print_ in sorted(fingerprint(entry) for entry in entries):
        digest.update(print_.encode())
    return digest.hexdigest()


# A server can answer with megabytes of "messages"; the history keeps what a person reads.
MAX_MESSAGES = 20
MAX_MESSAGE_CHARS = 2000


def json_list(messages: Sequence[Message]) -> str:
    """The messages as the `messages` column keeps them (app.core.i18n.messages): the
    service's words verbatim (shortened), Jurnal Desk's notes as ids and values."""
    kept: list[Message] = [_shortened(message) for message in list(messages)[:MAX_MESSAGES]]
    if len(messages) > MAX_MESSAGES:
        kept.append(Text(f"(+{len(messages) - MAX_MESSAGES})"))  # the same in every language
    return json.dumps(messages_to_json(kept), ensure_ascii=False)


def _shortened(message: Message) -> Message:
    if not isinstance(message, str) or len(message) <= MAX_MESSAGE_CHARS:
        return message
    return message[:MAX_MESSAGE_CHARS] + "…"


_Kind = TypeVar("_Kind", bound=StrEnum)


def known(kind: type[_Kind], value: object, column: str) -> _Kind:
    """`value` as one of `kind`; a value this version does not know (written by a newer
    one, or by hand) is an OutboxUnknownValue, told as such, never a ValueError."""
    if not isinstance(value, str):  # SQLite keeps what it is given: a number, a blob, NULL
        raise OutboxUnknownValue(column, value)
    try:
        return kind(value)
    except ValueError:
        raise OutboxUnknownValue(column, value) from None


def entry_row(row: sqlite3.Row) -> OutboxEntry:
    data = dict(row)
    data["status"] = known(EntryStatus, data["status"], "status")
    data["verified"] = known(Verified, data["verified"], "verified")
    data["reason"] = known(EntryReason, data["reason"], "reason")
    data["messages"] = stored_messages(data["messages"])
    return OutboxEntry(**data)


def stored_messages(column: object) -> list[Message]:
    """The `messages` column read back; a value this version cannot read (a newer version or
    a hand edit) is an OutboxUnknownValue, told as such."""
    try:
        return messages_from_json(json.loads(column) if isinstance(column, str) else column)
    except (ValueError, StoredTextError):
        raise OutboxUnknownValue("messages", column) from None
