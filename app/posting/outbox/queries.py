"""What the outbox is asked: its batches, their entries and counts, the entries on a
company's books or of unknown fate. Reads only: a part of `app.posting.outbox.ledger.Outbox`,
which answers these questions through it and makes the writes itself."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from app.core.books.journal import JournalEntry
from app.core.i18n import tr
from app.posting.outbox.connection import OutboxConnection
from app.posting.outbox.file import OutboxError
from app.posting.outbox.rows import (
    UNRESOLVED,
    Batch,
    EntryStatus,
    OutboxEntry,
    content_key,
    entry_row,
    known,
)
from app.posting.reasons import EntryReason


class OutboxQueries:
    """The outbox's reads (thread-safe, as every use of its connection)."""

    connection: OutboxConnection

    def __init__(self, connection: OutboxConnection) -> None:
        self.connection = connection

    # -- batches ---------------------------------------------------------------------------

    def unfinished_batch(self, profile: str, entries: Sequence[JournalEntry]) -> Batch | None:
        """The latest unfinished batch of exactly these entries, to resume instead of redo."""
        with self.connection.locked() as db:
            row = db.execute(
                "SELECT * FROM batches WHERE profile = ? AND content_key = ?"
                " AND finished_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 1",
                (profile, content_key(profile, entries)),
            ).fetchone()
        return Batch(**dict(row)) if row else None

    def interrupted_batches(self, profile: str) -> list[Batch]:
        """The company's unfinished batches that still hold entries not sent (pending) or of
        unknown fate (sending, uncertain): posting them stopped before the end. Newest first."""
        with self.connection.locked() as db:
            rows = db.execute(
                "SELECT * FROM batches WHERE profile = ? AND finished_at IS NULL AND EXISTS"
                " (SELECT 1 FROM entries WHERE entries.batch_id = batches.id"
                " AND entries.status IN (?, ?, ?))"
                " ORDER BY created_at DESC, id DESC",
                (profile, EntryStatus.PENDING, *UNRESOLVED),
            ).fetchall()
        return [Batch(**dict(row)) for row in rows]

    def batch(self, batch_id: str) -> Batch:
        with self.connection.locked() as db:
            row = db.execute("SELECT * FROM batches WHERE id = ?", (batch_id,)).fetchone()
        if row is None:
            raise OutboxError(
                tr(
                    "Batch {b} tidak ada di riwayat posting.",
                    b=batch_id,
                )
            )
        return Batch(**dict(row))

    def batches(self, profile: str | None = None) -> list[Batch]:
        query = "SELECT * FROM batches"
        params: tuple[str, ...] = ()
        if profile is not None:
            query, params = query + " WHERE profile = ?", (profile,)
        with self.connection.locked() as db:
            rows = db.execute(query + " ORDER BY created_at, id", params).fetchall()
        return [Batch(**dict(row)) for row in rows]

    # -- reversals --------------------------------------------------------------------------

    def reversal_of(self, batch_id: str) -> Batch | None:
        """The batch of reversing entries made for this batch, if any."""
        with self.connection.locked() as db:
            row = db.execute(
                "SELECT batches.* FROM reversals JOIN batches ON batches.id = reversals.batch_id"
                " WHERE reversals.reverses = ?",
                (batch_id,),
            ).fetchone()
        return Batch(**dict(row)) if row else None

    def reversed_batch(self, batch_id: str) -> str:
        """The batch this batch's entries reverse, or "" when it is an ordinary batch."""
        with self.connection.locked() as db:
            row = db.execute(
                "SELECT reverses FROM reversals WHERE batch_id = ?", (batch_id,)
            ).fetchone()
        return row[0] if row else ""

    def reversal_links(self, profile: str) -> dict[str, str]:
        """The company's reversal batches, each with the batch it reverses."""
        with self.connection.locked() as db:
            rows = db.execute(
                "SELECT reversals.batch_id, reversals.reverses FROM reversals"
                " JOIN batches ON batches.id = reversals.batch_id WHERE batches.profile = ?",
                (profile,),
            ).fetchall()
        return {row[0]: row[1] for row in rows}

    def counts(self, batch_id: str) -> dict[EntryStatus, int]:
        with self.connection.locked() as db:
            rows = db.execute(
                "SELECT status, COUNT(*) FROM entries WHERE batch_id = ? GROUP BY status",
                (batch_id,),
            ).fetchall()
        return {known(EntryStatus, status, "status"): count for status, count in rows}

    def reason_counts(self, batch_id: str) -> dict[tuple[EntryStatus, EntryReason], int]:
        """The batch's entries counted by status and reason (for its summary)."""
        with self.connection.locked() as db:
            rows = db.execute(
                "SELECT status, reason, COUNT(*) FROM entries WHERE batch_id = ?"
                " GROUP BY status, reason",
                (batch_id,),
            ).fetchall()
        return {
            (known(EntryStatus, s, "status"), known(EntryReason, r, "reason")): n
            for s, r, n in rows
        }

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
        with self.connection.locked() as db:
            rows = db.execute(query + " ORDER BY position", params).fetchall()
        return [entry_row(row) for row in rows]

    def get(self, entry_id: int) -> OutboxEntry:
        with self.connection.locked() as db:
            row = db.execute("SELECT * FROM entries WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise KeyError(entry_id)
        return entry_row(row)

    def posted_reference(self, profile: str, reference: str) -> OutboxEntry | None:
        """The entry holding this reference on the company's books, if this app posted it."""
        with self.connection.locked() as db:
            # `+status`: found by the reference index (a few rows), not the status index
            # (every posted row of the company), so a restart over a half-posted
            # 10,000-entry batch checks its pending entries in a moment, not in 15 s.
            row = db.execute(
                "SELECT * FROM entries WHERE profile = ? AND reference = ? AND +status = ?"
                " ORDER BY id DESC LIMIT 1",
                (profile, reference, EntryStatus.POSTED),
            ).fetchone()
        return entry_row(row) if row else None

    def holding_remote_ids(self, profile: str, remote_ids: Iterable[str]) -> list[OutboxEntry]:
        """The company's entries recorded with one of these voucher ids: posted, or uncertain
        because another entry was answered with the same id (app.posting.remote_ids)."""
        wanted = sorted({remote_id for remote_id in remote_ids if remote_id})
        found: list[OutboxEntry] = []
        for start in range(0, len(wanted), 500):  # SQLite's limit on parameters
            part = wanted[start : start + 500]
            with self.connection.locked() as db:
                rows = db.execute(
                    "SELECT * FROM entries WHERE profile = ? AND status IN (?, ?)"
                    f" AND remote_id IN ({','.join('?' * len(part))}) ORDER BY id",
                    (profile, EntryStatus.POSTED, EntryStatus.UNCERTAIN, *part),
                ).fetchall()
            found.extend(entry_row(row) for row in rows)
        return found

    def unresolved(self, profile: str) -> list[OutboxEntry]:
        """Entries whose fate is unknown (sending or uncertain), in every batch."""
        with self.connection.locked() as db:
            rows = db.execute(
                "SELECT * FROM entries WHERE profile = ? AND status IN (?, ?) ORDER BY id",
                (profile, *UNRESOLVED),
            ).fetchall()
        return [entry_row(row) for row in rows]
