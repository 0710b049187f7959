"""Bringing an outbox file written by an earlier version up to this one, keeping every row.

Schema 1 lacked the verification and re-send columns. Schema 2 kept why an entry stood as it
did as marker strings among its messages ("already-posted" followed by a batch id, and a few
fixed English phrases); schema 3 keeps it in the `reason` and `earlier_batch` columns, so the
markers are turned into reasons here, once, and the messages keep only their human text.
Schema 4 adds an index on the voucher id the service gave each entry (no two entries may hold
one id; see app.posting.remote_ids). Schema 6 stores an entry's messages as what they are
(app.core.i18n.messages): the service's words verbatim, Jurnal Desk's notes as their
message id and values, so they read in any language; up to schema 5 a note was stored as
its words in Indonesian and English ("Indonesian / English"), read back here into the
message the catalogs know it as, every other string kept as the service's own words.
Schema 7 adds each posted voucher's edit counter and total as the service reported them
(`remote_version`, `remote_total`), empty for what was posted before: a reconcile reads those
vouchers' lines once and fills them in.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Sequence

from app.core.i18n.messages import Message, messages_to_json
from app.core.i18n.recognized import KNOWN
from app.posting.outbox.file import OutboxTooNew, OutboxUnknownValue
from app.posting.outbox.rows import ADDED_INDEXES
from app.posting.reasons import EntryReason

SCHEMA_VERSION = 7

# Columns added after the first schema, with their definitions: an older file gains them
# when it is opened (ALTER TABLE keeps every row), so its history stays readable.
ADDED_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("entries", "verified", "TEXT NOT NULL DEFAULT ''"),
    ("entries", "verified_at", "TEXT"),
    ("entries", "resends", "INTEGER NOT NULL DEFAULT 0"),
    ("entries", "reason", "TEXT NOT NULL DEFAULT ''"),
    ("entries", "earlier_batch", "TEXT NOT NULL DEFAULT ''"),
    ("entries", "remote_version", "TEXT NOT NULL DEFAULT ''"),
    ("entries", "remote_total", "TEXT NOT NULL DEFAULT ''"),
)

# The markers schema 2 wrote among the messages, exactly as it wrote them.
_ALREADY_POSTED = "already-posted"  # followed by the batch that posted the entry
_MARKERS: dict[str, EntryReason] = {
    "not on the server after an unanswered request; sent again": EntryReason.RESENT,
    "found on the server after an unanswered request": EntryReason.FOUND_ON_SERVER,
    "the server's answer did not mention it": EntryReason.NOT_MENTIONED,
    "deleted by undo": EntryReason.UNDONE,
}
# The two texts schema 2 gave a skipped duplicate (both languages, as Text.both() joins them).
_DUPLICATE = re.compile(
    r"Referensi (?P<ref>.*) sudah diposting dengan isi berbeda \(batch (?P<batch>[^)]*)\); "
    r"dilewati\. / Reference (?P=ref) was already posted with different content "
    r"\(batch (?P=batch)\); skipped\."
)
_ON_SERVER = (
    "Nomor {ref} sudah ada di server; jurnal ini dilewati agar tidak tercatat dua kali. / "
    "Number {ref} already exists on the server; skipped so it is not recorded twice."
)

Converted = tuple[EntryReason, str, list[str]]  # reason, earlier batch, the messages left


def migrate(db: sqlite3.Connection) -> None:
    """Bring the file up to SCHEMA_VERSION in one transaction (a crash leaves it as it was;
    BEGIN IMMEDIATE: a second program opening it at the same time waits, then finds it done).
    A file already up to date is only read; one made by a newer version is refused."""
    refuse_newer(db)
    if _version(db) >= SCHEMA_VERSION and not _missing_columns(db):
        db.executescript(ADDED_INDEXES)  # IF NOT EXISTS: only a file made without them changes
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        version = _version(db)
        for table, column, definition in _missing_columns(db):
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
        if version < 3:
            _reasons_from_markers(db)
        if version < 6:
            _messages_stored_as_messages(db)
        for statement in filter(str.strip, ADDED_INDEXES.split(";")):
            db.execute(statement)
        if version < SCHEMA_VERSION:
            db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def refuse_newer(db: sqlite3.Connection) -> None:
    """Raise OutboxTooNew when the file's schema is newer than this code's: its rows may hold
    columns and statuses this version would misread, and writing could spoil them."""
    version = _version(db)
    if version > SCHEMA_VERSION:
        raise OutboxTooNew(version, SCHEMA_VERSION)


def up_to_date(db: sqlite3.Connection) -> bool:
    """Whether the file can be read as it is, without `migrate` writing to it."""
    return _version(db) == SCHEMA_VERSION and not _missing_columns(db)


def _version(db: sqlite3.Connection) -> int:
    version: int = db.execute("PRAGMA user_version").fetchone()[0]
    return version


def _missing_columns(db: sqlite3.Connection) -> list[tuple[str, str, str]]:
    present = {
        table: {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
        for table in {table for table, _, _ in ADDED_COLUMNS}
    }
    return [added for added in ADDED_COLUMNS if added[1] not in present[added[0]]]


def _reasons_from_markers(db: sqlite3.Connection) -> None:
    rows = db.execute(
        "SELECT id, status, reference, messages FROM entries"
        " WHERE messages != '[]' OR status = 'skipped'"
    ).fetchall()
    changes = []
    for entry_id, status, reference, stored in rows:
        messages = json.loads(stored)
        reason, batch, kept = reason_from_markers(status, reference, messages)
        if reason is not EntryReason.NONE:
            changes.append((reason, batch, json.dumps(kept, ensure_ascii=False), entry_id))
    db.executemany(
        "UPDATE entries SET reason = ?, earlier_batch = ?, messages = ? WHERE id = ?", changes
    )


def _messages_stored_as_messages(db: sqlite3.Connection) -> None:
    rows = db.execute("SELECT id, messages FROM entries WHERE messages != '[]'").fetchall()
    changes = [  # kept short when written: stored whole (a "(+30)" after 20 stays as it is)
        (json.dumps(messages_to_json(messages_read_back(stored)), ensure_ascii=False), entry_id)
        for entry_id, stored in rows
    ]
    db.executemany("UPDATE entries SET messages = ? WHERE id = ?", changes)


def messages_read_back(stored: str) -> list[Message]:
    """A schema-5 `messages` column (a JSON list of strings) as messages: each string one
    of Jurnal Desk's notes (its two languages joined by `Text.both()`) where the catalogs
    know it, else the service's own words, kept verbatim."""
    words = json.loads(stored)
    if not isinstance(words, list):
        raise OutboxUnknownValue("messages", stored)
    return [_message_read_back(str(said)) for said in words]


def _message_read_back(words: str) -> Message:
    known = KNOWN.both(words)
    return words if known is None else known


def reason_from_markers(status: str, reference: str, messages: Sequence[str]) -> Converted:
    """A schema-2 row's reason, read from its messages, and the messages without markers."""
    reason, batch, kept = EntryReason.NONE, "", []
    index = 0
    while index < len(messages):
        message = messages[index]
        index += 1
        found = _reason_of(message, reference)
        if found is None:
            kept.append(message)
            continue
        if message == _ALREADY_POSTED and index < len(messages):
            batch = messages[index]  # the batch id always came next
            index += 1
        elif found is EntryReason.DUPLICATE:
            batch = _DUPLICATE.fullmatch(message)["batch"]  # type: ignore[index]  # matched when read
        if reason is EntryReason.NONE:
            reason = found
    if status == "skipped" and reason is EntryReason.NONE:
        reason = EntryReason.DUPLICATE  # every other skip was for a reference in use
    return reason, batch, kept


def _reason_of(message: str, reference: str) -> EntryReason | None:
    if message == _ALREADY_POSTED:
        return EntryReason.ALREADY_POSTED
    if message in _MARKERS:
        return _MARKERS[message]
    match = _DUPLICATE.fullmatch(message)
    if match is not None and match["ref"] == reference:
        return EntryReason.DUPLICATE
    if message == _ON_SERVER.format(ref=reference):
        return EntryReason.ON_SERVER
    return None
