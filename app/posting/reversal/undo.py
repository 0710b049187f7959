"""Undoing a batch: deleting from the books what it posted, and only that.

An id in the outbox is only what a service once answered: an answer may have named another
voucher. So before voucher id N is deleted it is read back (detail.do?id=N) and deleted only
when its number and date are the entry's. A voucher that is gone already counts as undone; one
that is not the entry's is left alone, and the entry stays posted with a message saying why.
A deletion the service refuses (Accurate keeps a closed period's vouchers) leaves the entry
posted too, its message offering reversing entries instead (app.posting.reversal.reverse), and undo
goes on with the next voucher. A batch already reversed is not deleted under its reversal.
"""

from __future__ import annotations

import threading

from app.api.errors import Rejected
from app.api.ratelimit import Cancelled
from app.api.records import RemoteVoucher
from app.api.reply_wording import says_rate_limited
from app.core.i18n import JurnalError, Text, tr
from app.core.i18n.messages import same_message
from app.core.i18n.values import Day
from app.core.tasks import StepCallback
from app.posting.outbox.ledger import EntryStatus, Outbox, OutboxEntry, Outcome
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
                b=batch_id,
            )
        )
    reversal = outbox.reversal_of(batch_id)
    if reversal is not None and _may_be_on_books(outbox, reversal.id):
        raise JurnalError(
            tr(
                "Batch {b} sudah dibalik oleh batch {r}. Menghapusnya akan meninggalkan jurnal "
                "balik tanpa jurnal asalnya; hapus dulu batch {r}, bila memang keduanya harus "
                "keluar dari pembukuan.",
                b=batch_id,
                r=reversal.id,
            )
        )
    undone: list[OutboxEntry] = []
    rows = outbox.entries(batch_id, [EntryStatus.POSTED])
    for row in rows:
        if cancel is not None and cancel.is_set():
            break
        record = RemoteRecord(row.remote_id, row.remote_number or row.reference)
        try:
            found = target.read_id(row.remote_id, cancel=cancel) if row.remote_id else None
            refusal = _not_the_entry(row, found)
            if refusal is not None:
                _keep_posted(outbox, row, refusal)
                continue
            if found is not None or not row.remote_id:
                target.delete(record, row.reference, cancel=cancel)
        except Rejected as refused:
            if says_rate_limited(refused.messages or []):
                raise  # not processed: nothing to say about this voucher
            _keep_posted(outbox, row, delete_refused_text(row, batch_id, refused))
            continue
        except Cancelled:  # stopped while waiting for its turn: this one stays posted
            break
        outbox.mark(row.id, EntryStatus.UNDONE, reason=EntryReason.UNDONE)
        undone.append(outbox.get(row.id))
        if on_progress is not None:
            on_progress(len(undone), len(rows))
    return undone


def _may_be_on_books(outbox: Outbox, batch_id: str) -> bool:
    """The batch holds entries that are (or may be) on the books."""
    counts = outbox.counts(batch_id)
    held = (EntryStatus.POSTED, EntryStatus.SENDING, EntryStatus.UNCERTAIN)
    return any(counts.get(status) for status in held)


def _not_the_entry(row: OutboxEntry, found: RemoteVoucher | None) -> Text | None:
    """Why the voucher read under the entry's id must not be deleted, or None."""
    if found is None:
        return None  # gone already: nothing to delete
    number = row.remote_number or row.reference
    sent_date = row.entry().date
    if found.number == number and found.date == sent_date:
        return None
    return tr(
        "Tidak dihapus: voucher id {vid} di pembukuan bernomor {found} bertanggal {day}, bukan "
        "{ref}. Jurnal Desk tidak menghapus voucher yang bukan milik batch ini; periksa {ref} "
        "di layanan dan hapus di sana bila perlu.",
        vid=row.remote_id,
        found=found.number or "-",
        day=Day(found.date) if found.date else "-",
        ref=number,
    )


def delete_refused_text(row: OutboxEntry, batch_id: str, refused: Rejected) -> Text:
    """The service would not delete the voucher (a closed period, or any other refusal): its
    words, and the way left: reversing entries."""
    # The service's own words as they came; else Jurnal Desk's message, in the reader's language.
    words: str | Text = "; ".join(refused.messages or []) or refused.text
    return tr(
        "Tidak dihapus: layanan menolak menghapus {ref} ({why}). Batalkan batch {b} dengan "
        'jurnal balik: tombol "Batalkan dengan jurnal balik" di Riwayat, atau '
        "`jurnal-desk reverse {b}`.",
        ref=row.remote_number or row.reference,
        why=words,
        b=batch_id,
    )


def _keep_posted(outbox: Outbox, row: OutboxEntry, refusal: Text) -> None:
    """The entry stays posted (it is in the books, under an id nobody knows yet), with why
    undo left it."""
    messages = [message for message in row.messages if not same_message(message, refusal)]
    outcome = Outcome(
        row.id,
        EntryStatus.POSTED,
        [*messages, refusal],
        row.remote_id,
        row.remote_number,
        reason=row.reason,
        earlier_batch=row.earlier_batch,
    )
    outbox.record_outcomes([outcome])
