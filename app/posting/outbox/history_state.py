"""What the posting history says a run got done, for a message written after the disk under
the history failed mid-run ("the disk is full": and then what is in the books?).

Told from the outbox alone, which records every intent before its request leaves: entries
it holds as posted are in the books, those recorded as sending or uncertain may be (the next
run looks each up on the server before sending it again), and pending ones were not sent.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.books.journal import JournalEntry
from app.core.i18n import Text, tr
from app.posting.outbox.ledger import UNRESOLVED, EntryStatus, Outbox, OutboxError


def history_state(outbox: Outbox, profile: str, entries: Sequence[JournalEntry]) -> Text:
    """One sentence: what the history holds for the batch of these entries."""
    try:
        batch = outbox.unfinished_batch(profile, entries)
        counts = outbox.counts(batch.id) if batch is not None else {}
    except OutboxError:
        return tr(
            "Riwayat posting juga tidak bisa dibaca sekarang; setelah masalahnya teratasi, "
            "`jurnal-desk history` menunjukkan apa yang sudah terposting."
        )
    if batch is None:
        return tr(
            "Riwayat posting belum mencatat batch jurnal ini, jadi tidak ada satu pun yang dikirim."
        )
    unresolved = sum(counts.get(status, 0) for status in UNRESOLVED)
    return tr(
        "Menurut riwayat posting (batch {b}): {p} terposting, {u} belum pasti (dicari dulu "
        "di server sebelum dikirim lagi), {n} belum dikirim, {o} lainnya (ditolak atau "
        "dilewati).",
        b=batch.id,
        p=counts.get(EntryStatus.POSTED, 0),
        u=unresolved,
        n=counts.get(EntryStatus.PENDING, 0),
        o=sum(counts.values())
        - unresolved
        - counts.get(EntryStatus.POSTED, 0)
        - counts.get(EntryStatus.PENDING, 0),
    )
