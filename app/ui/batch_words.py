"""What the history's batch panel says about a batch: the line of facts under its caption,
what to do about it, and why it cannot be taken off the books here. Plain Python: `Text`s in
both languages, counts and amounts in the language now chosen."""

from __future__ import annotations

from app.core.i18n import Text, tr
from app.core.services import service_name
from app.posting.outbox import Batch
from app.posting.report import FAILED_SHEET
from app.ui.batch_work import BatchDetails
from app.ui.texts import count, money


def standing_note(details: BatchDetails) -> Text | None:
    """What to do about this batch, shown while nothing more pressing is."""
    notes = []
    summary = details.summary
    left = summary.entries - summary.on_books - summary.undone
    if left:
        notes.append(
            tr(
                "{n} jurnal belum masuk pembukuan; alasannya ada di kolom Pesan. Simpan "
                "laporan hasil: sheet '{s}' memuat jurnal itu, siap diperbaiki lalu diimpor "
                "dan diposting lagi (yang sudah terposting tidak dikirim dua kali).",
                "{n} entries are not on the books; the reasons are in the Messages column. "
                "Save the result report: its '{s}' sheet holds those entries, ready to fix, "
                "import and post again (nothing already posted is sent twice).",
                n=count(left),
                s=FAILED_SHEET,
            )
        )
    if details.batch.service != "accurate" and summary.posted:
        notes.append(sempoa_note(details.batch))
    if not notes:
        return None
    return notes[0] if len(notes) == 1 else notes[0] + notes[1]


def facts_text(details: BatchDetails) -> str:
    """The line under the batch's caption: service, entries, on the books, debit."""
    batch = details.batch
    parts = [  # the file is named in the batch's row just above
        service_name(batch.service),
        tr("{n} jurnal", "{n} entries", n=count(details.total)).get(),
    ]
    summary = details.summary
    parts.append(tr("{k} di pembukuan", "{k} on the books", k=count(summary.on_books)).get())
    if summary.debit_posted:
        parts.append(
            tr(
                "total debit terposting {d}",
                "debit total posted {d}",
                d=money(summary.debit_posted),
            ).get()
        )
    return " · ".join(parts)


def sempoa_note(batch: Batch) -> Text:
    return tr(
        "Sempoa tidak menyediakan penghapusan jurnal lewat API, jadi batch ini tidak bisa "
        "dihapus dari pembukuan lewat Jurnal Desk; hapus jurnal batch {b} di aplikasi Sempoa.",
        "Sempoa offers no way to delete journals through its API, so this batch cannot be "
        "removed from the books by Jurnal Desk; delete batch {b}'s journals in the Sempoa app.",
        b=batch.id,
    )


def undo_refusal(details: BatchDetails, profile: str | None) -> Text | None:
    """Why this batch cannot be removed from the books here (`profile`: the company
    selected now), or None."""
    batch = details.batch
    if batch.service != "accurate":
        return sempoa_note(batch)
    if not details.summary.posted:
        return tr(
            "Batch {b} tidak punya jurnal terposting untuk dihapus dari pembukuan.",
            "Batch {b} has no posted entries to remove from the books.",
            b=batch.id,
        )
    if profile != batch.profile:
        return tr(
            "Batch {b} diposting ke '{p}'. Pilih perusahaan itu di atas untuk menghapusnya dari "
            "pembukuan.",
            "Batch {b} was posted to '{p}'. Choose that company above to remove it from the books.",
            b=batch.id,
            p=batch.profile,
        )
    return None
