"""The outbox: a SQLite ledger of every entry Jurnal Desk sends, and the posting history.

The rule that makes posting safe: the intent ("sending") is committed before a request
goes out, and the outcome right after the answer. Whatever happens in between (a crash,
a kill, a power cut, a dropped connection), the row says "sending" or "uncertain", and the
next run looks the reference up on the server before it sends anything again.

One connection guarded by a lock serves every worker thread: writes are tiny, and SQLite
allows one writer at a time anyway. WAL with synchronous=FULL makes each commit durable.

The ledger is built in layers: the rows and the tables' layout (`outbox_rows`), the file
(`outbox_file`, `outbox_migration`), the connection (`outbox_connection`), the reads
(`outbox_queries`) and, here, the writes: the `Outbox` every caller uses. Its row types are
imported from here too.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from app.core.books.journal import JournalEntry
from app.core.books.serialize import entry_from_dict, entry_to_dict, fingerprint
from app.posting.outbox.file import OutboxDamaged, OutboxError
from app.posting.outbox.queries import OutboxQueries
from app.posting.outbox.rows import (
    MAX_MESSAGE_CHARS,
    MAX_MESSAGES,
    UNRESOLVED,
    Batch,
    EntryStatus,
    OutboxChange,
    OutboxEntry,
    Outcome,
    Verified,
    content_key,
    json_list,
    now_text,
)
from app.posting.reasons import EntryReason

__all__ = [
    "MAX_MESSAGES",
    "MAX_MESSAGE_CHARS",
    "UNRESOLVED",
    "Batch",
    "EntryStatus",
    "Outbox",
    "OutboxChange",
    "OutboxDamaged",
    "OutboxEntry",
    "OutboxError",
    "Outcome",
    "Verified",
    "content_key",
]


class Outbox(OutboxQueries):
    """The ledger file. Thread-safe; close() when done (or use as a context manager).

    `on_change`, when set, is called after each committed change with what changed (on the
    thread that made it), so a window can follow a run without reading the whole ledger."""

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
        reverses: str = "",
    ) -> Batch:
        """Record a batch and every entry in it as pending, in one transaction; `reverses`:
        the batch these entries reverse, linked in the same transaction (a batch has at most
        one reversal: a second one is refused by the table)."""
        batch_id = datetime.now(UTC).strftime("%Y%m%d-%H%M%S-") + uuid.uuid4().hex[:6]
        now = now_text()
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
            if reverses:
                db.execute(
                    "INSERT INTO reversals (batch_id, reverses, created_at) VALUES (?, ?, ?)",
                    (batch_id, reverses, now),
                )
        self._changed(OutboxChange("create_batch", batch_id=batch_id))
        return self.batch(batch_id)

    def finish_batch(self, batch_id: str) -> None:
        with self._transaction() as db:
            db.execute("UPDATE batches SET finished_at = ? WHERE id = ?", (now_text(), batch_id))
        self._changed(OutboxChange("finish_batch", batch_id=batch_id))

    def replace_unsent(self, batch_id: str, entries: Sequence[tuple[int, JournalEntry]]) -> None:
        """Entries of the batch that are not on the books and were never stored (pending or
        rejected) take new content (a reversal's new date), pending again; the batch is
        unfinished again and keyed by what it now holds. Rows of any other status are left."""
        now = now_text()
        with self._transaction() as db:
            db.executemany(
                "UPDATE entries SET payload = ?, fingerprint = ?, status = ?, messages = '[]',"
                " reason = '', earlier_batch = '', updated_at = ?"
                " WHERE id = ? AND batch_id = ? AND status IN (?, ?)",
                (
                    (
                        json.dumps(entry_to_dict(entry), ensure_ascii=False),
                        fingerprint(entry),
                        EntryStatus.PENDING,
                        now,
                        entry_id,
                        batch_id,
                        EntryStatus.PENDING,
                        EntryStatus.REJECTED,
                    )
                    for entry_id, entry in entries
                ),
            )
            batch = db.execute("SELECT profile FROM batches WHERE id = ?", (batch_id,)).fetchone()
            payloads = db.execute(
                "SELECT payload FROM entries WHERE batch_id = ? ORDER BY position", (batch_id,)
            ).fetchall()
            key = content_key(
                batch["profile"], [entry_from_dict(json.loads(row[0])) for row in payloads]
            )
            db.execute(
                "UPDATE batches SET content_key = ?, finished_at = NULL WHERE id = ?",
                (key, batch_id),
            )
        ids = tuple(entry_id for entry_id, _ in entries)
        self._changed(OutboxChange("replace_unsent", ids, batch_id=batch_id))

    # -- entries ---------------------------------------------------------------------------

    def mark_sending(
        self,
        entry_ids: Sequence[int],
        guard: Callable[[sqlite3.Connection], None] | None = None,
    ) -> None:
        """Commit the intent to send, before the request leaves. `guard` runs first in the
        same transaction (the posting lease: is this run still the company's poster?) and
        may raise to keep anything from being recorded or sent."""
        now = now_text()
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
        now = now_text()
        with self._transaction() as db:
            db.execute(
                "UPDATE entries SET status = ?, remote_id = ?, remote_number = ?, messages = ?,"
                " reason = ?, earlier_batch = '', updated_at = ?, posted_at = ? WHERE id = ?",
                (
                    EntryStatus.POSTED,
                    remote_id,
                    remote_number,
                    json_list(messages),
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
        now = now_text()
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
                        json_list(outcome.messages),
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
                (EntryStatus.PENDING, EntryReason.RESENT, now_text(), entry_id),
            )
        self._changed(OutboxChange("mark_resend", (entry_id,), (EntryStatus.PENDING,)))

    def mark_verified(self, results: Sequence[tuple[int, Verified]]) -> None:
        """Record what reading the vouchers back found, in one transaction."""
        now = now_text()
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
                (status, json_list(messages), reason, earlier_batch, now_text(), entry_id),
            )
        self._changed(OutboxChange("mark", (entry_id,), (status,)))
