"""Undoing a batch: deleting from the books what it posted, and only that."""

from __future__ import annotations

import threading

from app.api.ratelimit import Cancelled
from app.core.i18n import JurnalError, tr
from app.core.tasks import StepCallback
from app.posting.outbox import EntryStatus, Outbox, OutboxEntry
from app.posting.reasons import EntryReason
from app.posting.target_protocol import PostingTarget, RemoteRecord


def delete_posted(
    outbox: Outbox,
    target: PostingTarget,
    batch_id: str,
    *,
    on_progress: StepCallback | None = None,
    cancel: threading.Event | None = None,
) -> list[OutboxEntry]:
    """Delete from the books what this batch posted (and only that); returns the entries
    undone. `on_progress(done, total)` follows each deletion. `cancel` stops between
    deletions and ends a deletion's waits: each entry is marked undone right after its
    deletion (and deleting is idempotent), so stopping loses nothing and undo goes on
    later from where it stopped."""
    if not target.can_delete:
        raise JurnalError(
            tr(
                "Sempoa tidak menyediakan penghapusan jurnal lewat API; hapus jurnal "
                "batch {b} dari aplikasi Sempoa.",
                "Sempoa offers no way to delete journals through its API; delete batch {b}'s "
                "journals in the Sempoa app.",
                b=batch_id,
            )
        )
    undone: list[OutboxEntry] = []
    rows = outbox.entries(batch_id, [EntryStatus.POSTED])
    for row in rows:
        if cancel is not None and cancel.is_set():
            break
        record = RemoteRecord(row.remote_id, row.remote_number or row.reference)
        try:
            target.delete(record, row.reference, cancel=cancel)
        except Cancelled:  # stopped while waiting for its turn: this one stays posted
            break
        outbox.mark(row.id, EntryStatus.UNDONE, reason=EntryReason.UNDONE)
        undone.append(outbox.get(row.id))
        if on_progress is not None:
            on_progress(len(undone), len(rows))
    return undone
