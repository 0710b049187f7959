"""Why an outbox entry stands as it does, as data: the engine decides on it (a re-sent entry
the server says it already holds may be ours; an entry posted before is on the books), and
`reason_text` is the one place that puts it into words.

An entry has at most one reason at a time; its messages hold only what a person reads (the
server's answers, notes on look-ups), never a marker for the program to search for.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from app.core.i18n import Text, tr


class EntryReason(StrEnum):
    NONE = ""
    # Skipped: the same entry (same content) was posted before, by `earlier_batch`.
    ALREADY_POSTED = "already-posted"
    # Skipped: this app posted other content under the same reference, in `earlier_batch`.
    DUPLICATE = "duplicate"
    # Skipped: the server already holds this number (not from an unanswered send of ours).
    ON_SERVER = "on-server"
    # Sent again: an earlier send went unanswered, and a look-up found it surely not there.
    RESENT = "resent"
    # Posted: found on the server by a look-up after an unanswered send; not sent again.
    FOUND_ON_SERVER = "found-on-server"
    # Uncertain: the server answered the request without a word about this entry.
    NOT_MENTIONED = "not-mentioned"
    # Undone: posted, then deleted from the books by undo.
    UNDONE = "undone"
    # Uncertain: answered "saved" without naming the voucher sent (no id, another number).
    ANSWER_UNCONFIRMED = "answer-unconfirmed"
    # Uncertain: the voucher id it was answered with was given to another entry too.
    SHARED_ID = "shared-id"
    # Uncertain: its number is in the books, but for a voucher that is not the one sent.
    NOT_OURS = "not-ours"


class Reasoned(Protocol):
    """What `reason_text` reads of an outbox entry (read only: entries are frozen)."""

    @property
    def reference(self) -> str: ...
    @property
    def reason(self) -> EntryReason: ...
    @property
    def earlier_batch(self) -> str: ...


def reason_text(row: Reasoned) -> Text | None:
    """The words for the entry's reason (None when it has none)."""
    reason = row.reason
    if reason is EntryReason.ALREADY_POSTED:
        return _already_posted_text(row.earlier_batch)
    if reason is EntryReason.DUPLICATE:
        return _duplicate_text(row.reference, row.earlier_batch)
    if reason is EntryReason.ON_SERVER:
        return tr(
            "Nomor {ref} sudah ada di server; jurnal ini dilewati agar tidak tercatat dua kali.",
            ref=row.reference,
        )
    return _PHRASES.get(reason)


_PHRASES: dict[EntryReason, Text] = {
    EntryReason.FOUND_ON_SERVER: tr(
        "Ditemukan di server setelah permintaan yang tidak terjawab; tidak dikirim ulang."
    ),
    EntryReason.RESENT: tr(
        "Tidak ada di server setelah permintaan yang tidak terjawab; dikirim ulang."
    ),
    EntryReason.NOT_MENTIONED: tr(
        "Jawaban server tidak menyebut jurnal ini; akan diperiksa di server sebelum dikirim ulang."
    ),
    EntryReason.ANSWER_UNCONFIRMED: tr(
        "Jawaban simpan tidak menyebut jurnal ini (tanpa id, atau nomor lain); akan dicari di "
        "server sebelum dicatat terposting."
    ),
    EntryReason.SHARED_ID: tr(
        "Id voucher yang dijawab juga diberikan ke jurnal lain; akan dicari di server "
        "berdasarkan nomornya."
    ),
    EntryReason.NOT_OURS: tr(
        "Nomornya ada di pembukuan untuk voucher lain (isi berbeda); periksa di layanan."
    ),
    EntryReason.UNDONE: tr("Dihapus dari pembukuan lewat Jurnal Desk (Hapus dari pembukuan)."),
}


def _already_posted_text(batch: str) -> Text:
    if not batch:
        return tr("Sudah diposting sebelumnya dengan isi yang sama; tidak dikirim lagi.")
    return tr(
        "Sudah diposting sebelumnya dengan isi yang sama (batch {b}); tidak dikirim lagi.",
        b=batch,
    )


def _duplicate_text(reference: str, batch: str) -> Text:
    if not batch:
        return tr(
            "Referensi {ref} sudah diposting dengan isi berbeda; dilewati.",
            ref=reference,
        )
    return tr(
        "Referensi {ref} sudah diposting dengan isi berbeda (batch {b}); dilewati.",
        ref=reference,
        b=batch,
    )
