"""Cancelling a posted batch with reversing entries: one reversing entry per voucher the batch
posted (app.posting.reversal.entries), posted as a batch of its own, linked to the original
in the outbox.

This is how a Sempoa batch is taken back (Sempoa has no delete), and an Accurate one whose
vouchers the service will not delete (a closed period) or that the accountant prefers to
keep. The reversal batch is posted by the engine like any batch, so it reaches the books
exactly once: a second `reverse` of the same batch finds the reversal batch and sends only
what is not on the books yet (nothing, once it is complete); a run killed half-way is
resumed, its unanswered entries looked up first. Entries the service refused (or never
got) may take another date on a later run; the rest keep theirs.
"""

from __future__ import annotations

import dataclasses
import threading
from datetime import date

from app.core.books.journal import JournalEntry
from app.core.i18n import JurnalError, Text, tr
from app.posting.engine import PostingEngine
from app.posting.outbox.lease import FRONT_COMMAND, PostingLease
from app.posting.outbox.ledger import UNRESOLVED, Batch, EntryStatus, Outbox
from app.posting.reversal.entries import DESCRIPTION_LIMITS, NUMBER_LIMITS, reversal_entries
from app.posting.run_report import PostingReport, Progress, ProgressCallback, recount
from app.posting.service import Company


def reverse_batch(
    outbox: Outbox,
    company: Company,
    original: Batch,
    *,
    on_date: date | None = None,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    front: str = FRONT_COMMAND,
    wait: float = 0.0,
) -> PostingReport:
    """Post (or go on posting) the reversal of `original` to `company`; the report is the
    reversal batch's. `on_date`: every reversing entry's date (None: each original's own);
    on a later run it re-dates only the reversing entries not stored yet. Holds the company's
    lease, as posting does. Raises JurnalError when the batch cannot be reversed (yet)."""
    if original.profile != company.profile.name:
        raise ValueError("the batch belongs to another profile")
    with PostingLease(outbox, company.profile.name, front=front) as lease:
        lease.acquire(wait=wait, cancel=cancel)
        reversal = outbox.reversal_of(original.id)
        if reversal is None:
            refusal = reversal_refusal(outbox, original)
            if refusal is not None:
                raise JurnalError(refusal)
            reversal = _new_reversal(outbox, company, original, on_date)
        else:
            shrunk = originals_removed(outbox, original, reversal)
            if shrunk is not None:
                raise JurnalError(shrunk)
            if on_date is not None:
                redate_unsent(outbox, reversal, on_date)
            done = _complete(outbox, reversal)
            if done is not None:
                return done  # nothing to send: not a request to the service
        company.branches()  # Accurate: the default branch as the company spells it
        engine = PostingEngine(
            outbox,
            company.target,
            company.profile.name,
            lease=lease,
            refuses_repeated_numbers=not company.profile.accepts_repeated_numbers,
        )
        return engine.run(reversal, on_progress=on_progress, cancel=cancel)


def _complete(outbox: Outbox, reversal: Batch) -> PostingReport | None:
    """The report of a reversal whose every entry is on the books already, or None."""
    rows = outbox.entries(reversal.id)
    if not all(row.on_books for row in rows):
        return None
    progress = Progress(total=len(rows), batch_id=reversal.id)
    recount(progress, outbox.counts(reversal.id))
    earlier = frozenset(row.id for row in rows if row.status is EntryStatus.POSTED)
    return PostingReport(reversal, progress, rows, posted_earlier=earlier)


def reversed_by_text(reversal_id: str) -> Text:
    """How an original batch is marked once reversed."""
    return tr("Dibalik oleh batch {r}", r=reversal_id)


def reverses_text(original_id: str) -> Text:
    """How a reversal batch is marked."""
    return tr("Membalik batch {m}", m=original_id)


def reversal_link(outbox: Outbox, batch_id: str) -> Text | None:
    """The batch's link to its reversal (or, for a reversal, to the batch it reverses)."""
    reversal = outbox.reversal_of(batch_id)
    if reversal is not None:
        return reversed_by_text(reversal.id)
    original = outbox.reversed_batch(batch_id)
    return reverses_text(original) if original else None


def reversal_refusal(outbox: Outbox, original: Batch) -> Text | None:
    """Why `original` cannot be reversed now (no reversal of it exists yet), or None."""
    reversed_batch = outbox.reversed_batch(original.id)
    if reversed_batch:
        return tr(
            "Batch {b} berisi jurnal balik untuk batch {m}; jurnal balik tidak dibalik lagi. "
            "Bila batch {m} memang harus masuk pembukuan, posting lagi jurnalnya.",
            b=original.id,
            m=reversed_batch,
        )
    counts = outbox.counts(original.id)
    unsettled = counts.get(EntryStatus.PENDING, 0) + sum(counts.get(s, 0) for s in UNRESOLVED)
    if unsettled:
        return tr(
            "Posting batch {b} belum selesai: {n} jurnal belum terkirim atau belum pasti. "
            "Lanjutkan posting batch itu dulu, agar jelas jurnal mana yang ada di pembukuan, "
            "lalu batalkan dengan jurnal balik.",
            b=original.id,
            n=unsettled,
        )
    if not counts.get(EntryStatus.POSTED, 0):
        return tr(
            "Batch {b} tidak punya jurnal terposting untuk dibalik.",
            b=original.id,
        )
    return None


def originals_removed(outbox: Outbox, original: Batch, reversal: Batch) -> Text | None:
    """Why the reversal of `original` must not be sent on: entries it reverses were taken
    off the books since it was made (an original batch's posted entries only ever leave the
    books, so fewer posted originals than reversing entries says so). None when all stand."""
    posted = outbox.counts(original.id).get(EntryStatus.POSTED, 0)
    made = sum(outbox.counts(reversal.id).values())
    if posted >= made:
        return None
    return tr(
        "Sebagian jurnal batch {m} sudah dihapus dari pembukuan sejak jurnal baliknya dibuat "
        "(batch {r}); Jurnal Desk tidak mengirim jurnal balik untuk jurnal yang sudah tidak "
        "ada. Periksa kedua batch di Riwayat dan catat sisanya di layanan.",
        m=original.id,
        r=reversal.id,
    )


def _new_reversal(outbox: Outbox, company: Company, original: Batch, on_date: date | None) -> Batch:
    entries = _reversing_entries(outbox, original, on_date)
    return outbox.create_batch(
        company.profile.name,
        original.service,
        entries,
        note=f"reverses {original.id}",
        reverses=original.id,
    )


def _reversing_entries(outbox: Outbox, original: Batch, on_date: date | None) -> list[JournalEntry]:
    posted = outbox.entries(original.id, [EntryStatus.POSTED])

    def in_use(number: str) -> bool:
        return outbox.posted_reference(original.profile, number) is not None

    return reversal_entries(
        (row.entry() for row in posted),
        on_date,
        limit=NUMBER_LIMITS.get(original.service),
        in_use=in_use,
        description_limit=DESCRIPTION_LIMITS.get(original.service),
    )


def redate_unsent(outbox: Outbox, reversal: Batch, on_date: date) -> int:
    """Reversing entries never stored (not sent yet, or refused) take `on_date`; returns
    how many changed. Entries on the books, or of unknown fate, keep theirs."""
    rows = outbox.entries(reversal.id, [EntryStatus.PENDING, EntryStatus.REJECTED])
    changed = []
    for row in rows:
        entry = row.entry()
        if entry.date != on_date:
            changed.append((row.id, dataclasses.replace(entry, date=on_date)))
    if changed:
        outbox.replace_unsent(reversal.id, changed)
    return len(changed)
