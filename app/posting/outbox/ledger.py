"""The outbox: a SQLite ledger of every entry Jurnal Desk sends, and the posting history.

The rule that makes posting safe: the intent ("sending") is committed before a request
goes out, and the outcome right after the answer. Whatever happens in between (a crash,
a kill, a power cut, a dropped connection), the row says "sending" or "uncertain", and the
next run looks the reference up on the server before it sends anything again.

One connection guarded by a lock serves every worker thread: writes are tiny, and SQLite
allows one writer at a time anyway. WAL with synchronous=FULL makes each commit durable.

The ledger is built of parts: the rows and the tables' layout (`rows`), the file (`file`,
`migration`), the connection (`connection.OutboxConnection`) and the reads
(`queries.OutboxQueries`). Here, the `Outbox` every caller uses owns a connection and its
reads, makes the writes, and tells `on_change` of each. Its row types are imported from here
too.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from app.core.books.journal import JournalEntry
from app.core.books.serialize import entry_from_dict, entry_to_dict, fingerprint
from app.core.i18n.messages import Message
from app.posting.outbox.connection import OutboxConnection
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

log = logging.getLogger(__name__)

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


class Outbox:
    """The ledger file. Thread-safe; close() when done (or use as a context manager).

    `on_change`, when set, is called after each committed change with what changed (on the
    thread that made it), so a window can follow a run without reading the whole ledger."""

    connection: OutboxConnection
    queries: OutboxQueries
    on_change: Callable[[OutboxChange], None] | None

    def __init__(self, path: Path | str) -> None:
        self.connection = OutboxConnection(path)
        self.queries = OutboxQueries(self.connection)
        self.on_change = None

    # -- the file ----------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self.connection.path

    @property
    def read_only(self) -> bool:
        """Opened for reading only: the file's disk or folder could not be written."""
        return self.connection.read_only

    @property
    def lookup_first(self) -> bool:
        """Each entry is looked up on the server before it is sent: this history was
        started after a damaged one was set aside."""
        return self.connection.lookup_first

    def require_writable(self) -> None:
        """Raise why the history cannot be written, before work that must record."""
        self.connection.require_writable()

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """One write transaction, for modules that keep their own tables here (the lease)."""
        return self.connection.transaction()

    def read(self, query: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Rows of a read-only query, for modules that keep their own tables here."""
        return self.connection.read(query, params)

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _changed(self, change: OutboxChange) -> None:
        if self.on_change is None:
            return
        try:
            self.on_change(change)
        except Exception:  # the change is committed: a listener's failure must not hide it
            log.exception("an outbox change listener failed")

    # -- reads, answered by `queries` ---------------------------------------------------------

    def unfinished_batch(self, profile: str, entries: Sequence[JournalEntry]) -> Batch | None:
        return self.queries.unfinished_batch(profile, entries)

    def interrupted_batches(self, profile: str) -> list[Batch]:
        return self.queries.interrupted_batches(profile)

    def batch(self, batch_id: str) -> Batch:
        return self.queries.batch(batch_id)

    def batches(self, profile: str | None = None) -> list[Batch]:
        return self.queries.batches(profile)

    def reversal_of(self, batch_id: str) -> Batch | None:
        return self.queries.reversal_of(batch_id)

    def reversed_batch(self, batch_id: str) -> str:
        return self.queries.reversed_batch(batch_id)

    def reversal_links(self, profile: str) -> dict[str, str]:
        return self.queries.reversal_links(profile)

    def counts(self, batch_id: str) -> dict[EntryStatus, int]:
        return self.queries.counts(batch_id)

    def reason_counts(self, batch_id: str) -> dict[tuple[EntryStatus, EntryReason], int]:
        return self.queries.reason_counts(batch_id)

    def entries(
        self, batch_id: str, statuses: Iterable[EntryStatus] | None = None
    ) -> list[OutboxEntry]:
        return self.queries.entries(batch_id, statuses)

    def get(self, entry_id: int) -> OutboxEntry:
        return self.queries.get(entry_id)

    def posted_reference(self, profile: str, reference: str) -> OutboxEntry | None:
        return self.queries.posted_reference(profile, reference)

    def holding_remote_ids(self, profile: str, remote_ids: Iterable[str]) -> list[OutboxEntry]:
        return self.queries.holding_remote_ids(profile, remote_ids)

    def unresolved(self, profile: str) -> list[OutboxEntry]:
        return self.queries.unresolved(profile)

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
        with self.connection.transaction() as db:
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
        with self.connection.transaction() as db:
            db.execute("UPDATE batches SET finished_at = ? WHERE id = ?", (now_text(), batch_id))
        self._changed(OutboxChange("finish_batch", batch_id=batch_id))

    def replace_unsent(self, batch_id: str, entries: Sequence[tuple[int, JournalEntry]]) -> None:
        """Entries of the batch that are not on the books and were never stored (pending or
        rejected) take new content (a reversal's new date), pending again; the batch is
        unfinished again and keyed by what it now holds. Rows of any other status are left."""
        now = now_text()
        with self.connection.transaction() as db:
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
        with self.connection.transaction() as db:
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
        messages: Sequence[Message] = (),
        reason: EntryReason = EntryReason.NONE,
    ) -> None:
        now = now_text()
        with self.connection.transaction() as db:
            db.execute(
                "UPDATE entries SET status = ?, remote_id = ?, remote_number = ?, messages = ?,"
                " reason = ?, earlier_batch = '', remote_version = '', remote_total = '',"
                " updated_at = ?, posted_at = ? WHERE id = ?",
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
        with self.connection.transaction() as db:
            for outcome in outcomes:
                posted = outcome.status is EntryStatus.POSTED
                db.execute(
                    "UPDATE entries SET status = ?, remote_id = ?, remote_number = ?,"
                    " messages = ?, reason = ?, earlier_batch = ?, remote_version = ?,"
                    " remote_total = ?, updated_at = ?,"
                    " posted_at = CASE WHEN ? THEN ? ELSE posted_at END WHERE id = ?",
                    (
                        outcome.status,
                        outcome.remote_id,
                        outcome.remote_number,
                        json_list(outcome.messages),
                        outcome.reason,
                        outcome.earlier_batch,
                        outcome.remote_version,
                        outcome.remote_total,
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
        with self.connection.transaction() as db:
            db.execute(
                "UPDATE entries SET status = ?, messages = '[]', reason = ?, earlier_batch = '',"
                " resends = resends + 1, updated_at = ? WHERE id = ?",
                (EntryStatus.PENDING, EntryReason.RESENT, now_text(), entry_id),
            )
        self._changed(OutboxChange("mark_resend", (entry_id,), (EntryStatus.PENDING,)))

    def mark_verified(self, results: Sequence[tuple[int, Verified]]) -> None:
        """Record what reading the vouchers back found, in one transaction."""
        now = now_text()
        with self.connection.transaction() as db:
            db.executemany(
                "UPDATE entries SET verified = ?, verified_at = ? WHERE id = ?",
                ((verified, now, entry_id) for entry_id, verified in results),
            )
        self._changed(OutboxChange("mark_verified", tuple(entry_id for entry_id, _ in results)))

    def remember_versions(self, proven: Sequence[tuple[int, str, str]]) -> None:
        """Record, per entry (id, edit counter, total), the voucher's edit counter and
        total as the service listed them when a reading proved it to hold what was sent."""
        if not proven:
            return
        with self.connection.transaction() as db:
            db.executemany(
                "UPDATE entries SET remote_version = ?, remote_total = ? WHERE id = ?",
                ((version, total, entry_id) for entry_id, version, total in proven),
            )
        self._changed(
            OutboxChange("remember_versions", tuple(entry_id for entry_id, _, _ in proven))
        )

    def mark(
        self,
        entry_id: int,
        status: EntryStatus,
        messages: Sequence[Message] = (),
        *,
        reason: EntryReason = EntryReason.NONE,
        earlier_batch: str = "",
    ) -> None:
        """Record an outcome other than posted: rejected, uncertain, skipped, undone, pending."""
        if status is EntryStatus.POSTED:
            raise ValueError("use mark_posted() to record a posted entry")
        with self.connection.transaction() as db:
            db.execute(
                "UPDATE entries SET status = ?, messages = ?, reason = ?, earlier_batch = ?,"
                " updated_at = ? WHERE id = ?",
                (status, json_list(messages), reason, earlier_batch, now_text(), entry_id),
            )
        self._changed(OutboxChange("mark", (entry_id,), (status,)))
