"""The outbox: a SQLite ledger of every entry Jurnal Desk sends, and the posting history.

The rule that makes posting safe: the intent ("sending") is committed before a request
goes out, and the outcome right after the answer. Whatever happens in between (a crash,
a kill, a power cut, a dropped connection), the row says "sending" or "uncertain", and the
next run looks the reference up on the server before it sends anything again.

One connection guarded by a lock serves every worker thread: writes are tiny, and SQLite
allows one writer at a time anyway. WAL with synchronous=FULL makes each commit durable.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from app.core.i18n import tr
from app.core.journal import JournalEntry
from app.core.serialize import entry_from_dict, entry_to_dict, fingerprint
from app.posting.outbox_file import (
    LOOKUP_FIRST_SUFFIX,
    OutboxDamaged,
    OutboxError,
    busy_text,
    create_private,
)
from app.posting.outbox_migration import SCHEMA_VERSION, migrate
from app.posting.reasons import EntryReason

log = logging.getLogger(__name__)

_SCHEMA = """
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
CREATE INDEX IF NOT EXISTS batches_by_content ON batches (profile, content_key);
CREATE INDEX IF NOT EXISTS entries_by_reference ON entries (profile, reference);
CREATE INDEX IF NOT EXISTS entries_by_status ON entries (profile, status);
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
    messages: list[str]
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
    messages: Sequence[str] = ()
    remote_id: str = ""
    remote_number: str = ""
    reason: EntryReason = EntryReason.NONE
    earlier_batch: str = ""


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


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class Outbox:
    """The ledger file. Thread-safe; close() when done (or use as a context manager).

    `on_change`, when set, is called after each committed change with what changed (on the
    thread that made it), so a window can follow a run without reading the whole ledger."""

    on_change: Callable[[OutboxChange], None] | None = None

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        create_private(self.path, _SCHEMA, SCHEMA_VERSION)
        try:
            self._db = sqlite3.connect(
                self.path, check_same_thread=False, isolation_level=None, timeout=30
            )
        except sqlite3.DatabaseError as error:
            raise OutboxDamaged(self.path, str(error)) from error
        try:
            self._open()
        except BaseException:
            self._db.close()
            raise

    def _open(self) -> None:
        with self._locked():
            self._db.row_factory = sqlite3.Row
            # A damaged page must stop us before we read "no history" from it.
            verdict = self._db.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise OutboxDamaged(self.path, str(verdict))
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(_SCHEMA)
            migrate(self._db)

    @contextmanager
    def _locked(self) -> Iterator[sqlite3.Connection]:
        """The connection, for this thread alone; SQLite's failures become messages a user
        can act on (a damaged file, another program holding it), never a traceback."""
        with self._lock:
            try:
                yield self._db
            except sqlite3.OperationalError as error:
                if "locked" in str(error) or "busy" in str(error):
                    raise OutboxError(busy_text(self.path)) from error
                raise OutboxDamaged(self.path, str(error)) from error
            except (sqlite3.IntegrityError, sqlite3.ProgrammingError):
                raise  # a bug in the caller, not damage
            except sqlite3.DatabaseError as error:
                raise OutboxDamaged(self.path, str(error)) from error

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _changed(self, change: OutboxChange) -> None:
        if self.on_change is None:
            return
        try:
            self.on_change(change)
        except Exception:  # the change is committed: a listener's failure must not hide it
            log.exception("an outbox change listener failed")

    @property
    def lookup_first(self) -> bool:
        """This history was started after a damaged one was set aside: the lost history may
        have held any entry, so each is looked up on the server before it is sent."""
        return self.path.with_name(self.path.name + LOOKUP_FIRST_SUFFIX).exists()

    def read(self, query: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Rows of a read-only query, for modules that keep their own tables here."""
        with self._locked() as db:
            return db.execute(query, params).fetchall()

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE: the write lock is taken at once, so two
        processes never decide on the same rows at the same time)."""
        with self._locked() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")

    _transaction = transaction

    # -- batches ---------------------------------------------------------------------------

    def create_batch(
        self,
        profile: str,
        service: str,
        entries: Sequence[JournalEntry],
        *,
        source_file: str = "",
        source_sheet: str = "",
        note: str = "",
    ) -> Batch:
        """Record a batch and every entry in it as pending, in one transaction."""
        batch_id = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
        now = _now()
        key = content_key(profile, entries)
        with self._transaction() as db:
            db.execute(
                "INSERT INTO batches (id, profile, service, source_file, source_sheet,"
                " content_key, created_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (batch_id, profile, service, source_file, source_sheet, key, now, note),
            )
            db.executemany(
                "INSERT INTO entries (batch_id, position, profile, reference, fingerprint,"
                " status, payload, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        batch_id,
                        position,
                        profile,
                        entry.reference,
                        fingerprint(entry),
                        EntryStatus.PENDING,
                        json.dumps(entry_to_dict(entry), ensure_ascii=False),
                        now,
                        now,
                    )
                    for position, entry in enumerate(entries)
                ),
            )
        self._changed(OutboxChange("create_batch", batch_id=batch_id))
        return self.batch(batch_id)

    def unfinished_batch(self, profile: str, entries: Sequence[JournalEntry]) -> Batch | None:
        """The latest unfinished batch of exactly these entries, to resume instead of redo."""
        with self._locked():
            row = self._db.execute(
                "SELECT * FROM batches WHERE profile = ? AND content_key = ?"
                " AND finished_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1",
                (profile, content_key(profile, entries)),
            ).fetchone()
        return Batch(**dict(row)) if row else None

    def batch(self, batch_id: str) -> Batch:
        with self._locked():
            row = self._db.execute("SELECT * FROM batches WHERE id = ?", (batch_id,)).fetchone()
        if row is None:
            raise OutboxError(
                tr(
                    "Batch {b} tidak ada di riwayat posting.",
                    "Batch {b} is not in the posting history.",
                    b=batch_id,
                )
            )
        return Batch(**dict(row))

    def batches(self, profile: str | None = None) -> list[Batch]:
        query = "SELECT * FROM batches"
        params: tuple[str, ...] = ()
        if profile is not None:
            query, params = query + " WHERE profile = ?", (profile,)
        with self._locked():
            rows = self._db.execute(query + " ORDER BY created_at, id", params).fetchall()
        return [Batch(**dict(row)) for row in rows]

    def finish_batch(self, batch_id: str) -> None:
        with self._transaction() as db:
            db.execute("UPDATE batches SET finished_at = ? WHERE id = ?", (_now(), batch_id))
        self._changed(OutboxChange("finish_batch", batch_id=batch_id))

    def counts(self, batch_id: str) -> dict[EntryStatus, int]:
        with self._locked():
            rows = self._db.execute(
                "SELECT status, COUNT(*) FROM entries WHERE batch_id = ? GROUP BY status",
                (batch_id,),
            ).fetchall()
        return {EntryStatus(status): count for status, count in rows}

    def reason_counts(self, batch_id: str) -> dict[tuple[EntryStatus, EntryReason], int]:
        """The batch's entries counted by status and reason (for its summary)."""
        with self._locked():
            rows = self._db.execute(
                "SELECT status, reason, COUNT(*) FROM entries WHERE batch_id = ?"
                " GROUP BY status, reason",
                (batch_id,),
            ).fetchall()
        return {(EntryStatus(s), EntryReason(r)): n for s, r, n in rows}

    # -- entries ---------------------------------------------------------------------------

    def entries(
        self, batch_id: str, statuses: Iterable[EntryStatus] | None = None
    ) -> list[OutboxEntry]:
        query = "SELECT * FROM entries WHERE batch_id = ?"
        params: list[Any] = [batch_id]
        if statuses is not None:
            wanted = list(statuses)
            query += f" AND status IN ({','.join('?' * len(wanted))})"
            params.extend(wanted)
        with self._locked():
            rows = self._db.execute(query + " ORDER BY position", params).fetchall()
        return [_entry_row(row) for row in rows]

    def get(self, entry_id: int) -> OutboxEntry:
        with self._locked():
            row = self._db.execute("SELECT * FROM entries WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise KeyError(entry_id)
        return _entry_row(row)

    def posted_reference(self, profile: str, reference: str) -> OutboxEntry | None:
        """The entry holding this reference on the company's books, if this app posted it."""
        with self._locked():
            row = self._db.execute(
                "SELECT * FROM entries WHERE profile = ? AND reference = ? AND status = ?"
                " ORDER BY id DESC LIMIT 1",
                (profile, reference, EntryStatus.POSTED),
            ).fetchone()
        return _entry_row(row) if row else None

    def unresolved(self, profile: str) -> list[OutboxEntry]:
        """Entries whose fate is unknown (sending or uncertain), in every batch."""
        with self._locked():
            rows = self._db.execute(
                "SELECT * FROM entries WHERE profile = ? AND status IN (?, ?) ORDER BY id",
                (profile, *UNRESOLVED),
            ).fetchall()
        return [_entry_row(row) for row in rows]

    def mark_sending(
        self,
        entry_ids: Sequence[int],
        guard: Callable[[sqlite3.Connection], None] | None = None,
    ) -> None:
        """Commit the intent to send, before the request leaves. `guard` runs first in the
        same transaction (the posting lease: is this run still the company's poster?) and
        may raise to keep anything from being recorded or sent."""
        now = _now()
        with self._transaction() as db:
            if guard is not None:
                guard(db)
            db.executemany(
                "UPDATE entries SET status = ?, attempts = attempts + 1, updated_at = ?"
                " WHERE id = ?",
                ((EntryStatus.SENDING, now, entry_id) for entry_id in entry_ids),
            )
        ids = tuple(entry_ids)
        self._changed(OutboxChange("mark_sending", ids, (EntryStatus.SENDING,) * len(ids)))

    def mark_posted(
        self,
        entry_id: int,
        *,
        remote_id: str = "",
        remote_number: str = "",
        messages: Sequence[str] = (),
        reason: EntryReason = EntryReason.NONE,
    ) -> None:
        now = _now()
        with self._transaction() as db:
            db.execute(
                "UPDATE entries SET status = ?, remote_id = ?, remote_number = ?, messages = ?,"
                " reason = ?, earlier_batch = '', updated_at = ?, posted_at = ? WHERE id = ?",
                (
                    EntryStatus.POSTED,
                    remote_id,
                    remote_number,
                    _json_list(messages),
                    reason,
                    now,
                    now,
                    entry_id,
                ),
            )
        self._changed(OutboxChange("mark_posted", (entry_id,), (EntryStatus.POSTED,)))

    def record_outcomes(self, outcomes: Sequence[Outcome]) -> None:
        """Record the answers to one request in one transaction (one disk sync, not one per
        entry), right after the answer came."""
        now = _now()
        with self._transaction() as db:
            for outcome in outcomes:
                posted = outcome.status is EntryStatus.POSTED
                db.execute(
                    "UPDATE entries SET status = ?, remote_id = ?, remote_number = ?,"
                    " messages = ?, reason = ?, earlier_batch = ?, updated_at = ?,"
                    " posted_at = CASE WHEN ? THEN ? ELSE posted_at END WHERE id = ?",
                    (
                        outcome.status,
                        outcome.remote_id,
                        outcome.remote_number,
                        _json_list(outcome.messages),
                        outcome.reason,
                        outcome.earlier_batch,
                        now,
                        posted,
                        now,
                        outcome.entry_id,
                    ),
                )
        ids = tuple(outcome.entry_id for outcome in outcomes)
        statuses = tuple(outcome.status for outcome in outcomes)
        self._changed(OutboxChange("record_outcomes", ids, statuses))

    def mark_resend(self, entry_id: int) -> None:
        """Pending again, to be re-sent (reason RESENT): its earlier send was unclear and a
        look-up found it surely not on the server. Counted, so re-sends stay bounded across
        runs."""
        with self._transaction() as db:
            db.execute(
                "UPDATE entries SET status = ?, messages = '[]', reason = ?, earlier_batch = '',"
                " resends = resends + 1, updated_at = ? WHERE id = ?",
                (EntryStatus.PENDING, EntryReason.RESENT, _now(), entry_id),
            )
        self._changed(OutboxChange("mark_resend", (entry_id,), (EntryStatus.PENDING,)))

    def mark_verified(self, results: Sequence[tuple[int, Verified]]) -> None:
        """Record what reading the vouchers back found, in one transaction."""
        now = _now()
        with self._transaction() as db:
            db.executemany(
                "UPDATE entries SET verified = ?, verified_at = ? WHERE id = ?",
                ((verified, now, entry_id) for entry_id, verified in results),
            )
        self._changed(OutboxChange("mark_verified", tuple(entry_id for entry_id, _ in results)))

    def mark(
        self,
        entry_id: int,
        status: EntryStatus,
        messages: Sequence[str] = (),
        *,
        reason: EntryReason = EntryReason.NONE,
        earlier_batch: str = "",
    ) -> None:
        """Record an outcome other than posted: rejected, uncertain, skipped, undone, pending."""
        if status is EntryStatus.POSTED:
            raise ValueError("use mark_posted() to record a posted entry")
        with self._transaction() as db:
            db.execute(
                "UPDATE entries SET status = ?, messages = ?, reason = ?, earlier_batch = ?,"
                " updated_at = ? WHERE id = ?",
                (status, _json_list(messages), reason, earlier_batch, _now(), entry_id),
            )
        self._changed(OutboxChange("mark", (entry_id,), (status,)))


def content_key(profile: str, entries: Sequence[JournalEntry]) -> str:
    """Identifies a batch by what it posts, so the same workbook posted again resumes it."""
    digest = hashlib.sha256(profile.encode())
    for print_ in sorted(fingerprint(entry) for entry in entries):
        digest.update(print_.encode())
    return digest.hexdigest()


# A server can answer with megabytes of "messages"; the history keeps what a person reads.
MAX_MESSAGES = 20
MAX_MESSAGE_CHARS = 2000


def _json_list(messages: Sequence[str]) -> str:
    kept = [_shortened(str(message)) for message in list(messages)[:MAX_MESSAGES]]
    if len(messages) > MAX_MESSAGES:
        kept.append(f"(+{len(messages) - MAX_MESSAGES})")
    return json.dumps(kept, ensure_ascii=False)


def _shortened(message: str) -> str:
    if len(message) <= MAX_MESSAGE_CHARS:
        return message
    return message[:MAX_MESSAGE_CHARS] + "…"


def _entry_row(row: sqlite3.Row) -> OutboxEntry:
    data = dict(row)
    data["status"] = EntryStatus(data["status"])
    data["verified"] = Verified(data["verified"])
    data["reason"] = EntryReason(data["reason"])
    data["messages"] = json.loads(data["messages"])
    return OutboxEntry(**data)
