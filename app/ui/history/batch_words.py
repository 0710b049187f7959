"""What the history's batch panel says about a batch: the line of facts under its caption,
what to do about it, why it cannot be taken off the books here, and the notices of its
actions (loading, saving, removing, reading back). Plain Python: `Text`s read in the
language chosen when shown, counts and amounts too."""

from __future__ import annotations

from typing import Final

from app.core.books.money import ZERO
from app.core.i18n import Text, tr
from app.core.services import service_name
from app.posting.outbox.ledger import Batch
from app.posting.report.workbook import FAILED_SHEET
from app.posting.reversal.reverse import reversed_by_text, reverses_text
from app.posting.run_report import PostingReport
from app.posting.verify import Verification
from app.ui.common.words import count, money, one_per_line, paragraphs
from app.ui.history.batch_work import BatchDetails
from app.ui.posting.words import duration, error_text


def standing_note(details: BatchDetails) -> Text | None:
    """What to do about this batch, shown while nothing more pressing is."""
    notes = []
    summary = details.summary
    left = summary.entries - summary.on_books - summary.undone
    if details.interrupted:
        unsent = summary.pending + summary.uncertain
        notes.append(interrupted_note(unsent))
        left -= unsent  # the rest: rejected or skipped, said below
    if left:
        notes.append(
            tr(
                "{n} jurnal belum masuk pembukuan; alasannya ada di kolom Pesan. Simpan "
                "laporan hasil: sheet '{s}' memuat jurnal itu, siap diperbaiki lalu diimpor "
                "dan diposting lagi (yang sudah terposting tidak dikirim dua kali).",
                n=count(left),
                s=FAILED_SHEET,
            )
        )
    linked = details.reversed_by or details.reverses
    if details.batch.service != "accurate" and summary.posted and not linked:
        notes.append(sempoa_note(details.batch))
    if not notes:
        return None
    note = notes[0]
    for more in notes[1:]:
        note += more
    return note


def interrupted_note(unsent: int) -> Text:
    return tr(
        "Posting batch ini terhenti sebelum selesai: {n} jurnal belum terkirim. Tekan "
        '"Lanjutkan posting" untuk mengirim sisanya ke perusahaan yang sama; yang sudah '
        "terposting tidak dikirim lagi.",
        n=count(unsent),
    )


def facts_text(details: BatchDetails) -> str:
    """The line under the batch's caption: service, entries, on the books, debit."""
    batch = details.batch
    parts = [  # the file is named in the batch's row just above
        service_name(batch.service),
        tr("{n} jurnal", n=count(details.total)).get(),
    ]
    summary = details.summary
    parts.append(tr("{k} di pembukuan", k=count(summary.on_books)).get())
    if summary.debit_posted:
        parts.append(
            tr(
                "total debit terposting {d}",
                d=money(summary.debit_posted),
            ).get()
        )
    link = link_text(details)
    if link is not None:
        parts.append(link.get())
    return " · ".join(parts)


def sempoa_note(batch: Batch) -> Text:
    return tr(
        "Sempoa tidak menyediakan penghapusan jurnal lewat API, jadi batch ini tidak bisa "
        'dihapus dari pembukuan lewat Jurnal Desk; tekan "Batalkan dengan jurnal balik" untuk '
        "membatalkannya dengan jurnal balik, atau hapus jurnal batch {b} di aplikasi Sempoa.",
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
            b=batch.id,
        )
    if details.reversal_held:
        return tr(
            "Batch {b} sudah dibalik oleh batch {r}; menghapusnya akan meninggalkan jurnal "
            "balik tanpa jurnal asalnya. Hapus dulu batch {r} bila keduanya harus keluar dari "
            "pembukuan.",
            b=batch.id,
            r=details.reversed_by,
        )
    if profile != batch.profile:
        return tr(
            "Batch {b} diposting ke '{p}'. Pilih perusahaan itu di atas untuk menghapusnya dari "
            "pembukuan.",
            b=batch.id,
            p=batch.profile,
        )
    return None


# --- the notices of the batch panel ----------------------------------------------------------

DIFFERENCES_SHOWN: Final = 5  # differences listed in the notice; the report has them all


def loading_text(done: int, total: int) -> Text:
    return tr("Memuat {d} dari {t} jurnal…", d=count(done), t=count(total))


def load_failed_text(error: BaseException) -> Text:
    lead = tr("Jurnal batch ini tidak bisa dibaca.")
    return lead + error_text(error)


def report_failed_text(error: BaseException) -> Text:
    return tr("Laporan tidak tersimpan.") + error_text(error)


def undo_failed_text(error: BaseException) -> Text:
    lead = tr("Jurnal batch ini tidak bisa dihapus seluruhnya dari pembukuan.")
    return (
        lead
        + error_text(error)
        + tr(
            "Jurnal yang sudah dihapus berstatus Dibatalkan; tekan Hapus dari pembukuan lagi "
            "untuk menghapus sisanya."
        )
    )


def verification_text(verification: Verification) -> Text:
    """What reading the batch back found: all the same, or the first differences."""
    if verification.ok:
        return tr(
            "Terverifikasi: {n} voucher di pembukuan sama persis dengan yang dikirim.",
            n=count(len(verification.checks)),
        )
    shown = verification.differences[:DIFFERENCES_SHOWN]
    lines = [d.text for d in shown]
    more = len(verification.differences) - len(shown)
    if more > 0:
        lines.append(tr("… dan {n} lagi di laporan hasil.", n=more))
    return one_per_line(verification.summary(), *lines)


def verifying_text(batch_id: str, done: int, total: int, seconds_left: float | None) -> Text:
    """How far reading a batch back is: "Membaca ulang 37 dari 200 · sisa ± 20 dtk" (the
    time left once the pace is known)."""
    if seconds_left is None:
        return tr(
            "Membaca ulang batch {b} dari pembukuan: {d} dari {t}…",
            b=batch_id,
            d=count(done),
            t=count(total),
        )
    return tr(
        "Membaca ulang batch {b} dari pembukuan: {d} dari {t} · sisa ± {left}",
        b=batch_id,
        d=count(done),
        t=count(total),
        left=duration(seconds_left),
    )


def verify_failed_text(error: BaseException) -> Text:
    lead = tr("Batch tidak bisa dibaca ulang.")
    return lead + error_text(error)


# --- reversing entries -----------------------------------------------------------------------


def link_text(details: BatchDetails) -> Text | None:
    """The batch's link to its reversal: "Dibalik oleh batch N" / "Membalik batch M"."""
    if details.reversed_by:
        return reversed_by_text(details.reversed_by)
    if details.reverses:
        return reverses_text(details.reverses)
    return None


def reversal_refusal_text(details: BatchDetails, profile: str | None) -> Text | None:
    """Why this batch cannot be reversed from here (`profile`: the company selected now)."""
    batch = details.batch
    if details.reverses:
        return tr(
            "Batch {b} berisi jurnal balik untuk batch {m}; jurnal balik tidak dibalik lagi.",
            b=batch.id,
            m=details.reverses,
        )
    if details.interrupted or details.summary.uncertain or details.summary.pending:
        return tr(
            "Posting batch {b} belum selesai. Lanjutkan posting dulu, agar jelas jurnal mana "
            "yang ada di pembukuan, lalu batalkan dengan jurnal balik.",
            b=batch.id,
        )
    if profile != batch.profile:
        return tr(
            "Batch {b} diposting ke '{p}'. Pilih perusahaan itu di atas untuk membaliknya.",
            b=batch.id,
            p=batch.profile,
        )
    return None


def reversal_question(details: BatchDetails, company: str, example: tuple[str, str]) -> Text:
    """What reversing will post, asked before anything is sent."""
    batch = details.batch
    if details.reversed_by:
        return tr(
            "Batch {r} sudah berisi jurnal balik batch {b}, tetapi belum semuanya di pembukuan "
            "{c}. Lanjutkan posting batch {r}? Yang sudah terposting tidak dikirim lagi; "
            "tanggal yang dipilih di bawah hanya berlaku untuk jurnal balik yang belum "
            "tersimpan.",
            r=details.reversed_by,
            b=batch.id,
            c=company,
        )
    question = tr(
        "Posting {n} jurnal balik ke {c} untuk membatalkan batch {b}: setiap baris dengan "
        "debit dan kredit ditukar, akun dan jumlahnya sama (total {d}). Nomornya diturunkan "
        'dari nomor asli (mis. {old} → {new}), deskripsinya "Pembalik: <deskripsi asli>". '
        "Jurnal asli tetap di pembukuan; keduanya saling meniadakan, dan Riwayat menautkan "
        "kedua batch.",
        n=count(details.summary.posted),
        c=company,
        b=batch.id,
        d=money(details.summary.debit_posted or ZERO),
        old=example[0],
        new=example[1],
    )
    if batch.service != "accurate":
        note = tr(
            "Sempoa tidak bisa menghapus jurnal lewat API: jurnal balik pun tetap di pembukuan."
        )
        question = paragraphs(question, note)
    return question


def reversing_text(batch_id: str, done: int, total: int) -> Text:
    return tr(
        "Memposting jurnal balik batch {b}: {d} dari {t}…",
        b=batch_id,
        d=count(done),
        t=count(total),
    )


def reversed_text(original_id: str, report: PostingReport) -> tuple[Text, bool]:
    """What a reversal run came to, and whether it is all on the books."""
    summary = report.summary()
    if report.complete:
        return (
            tr(
                "Batch {m} dibalik: {n} jurnal balik di pembukuan, dalam batch {r}. Keduanya "
                "kini saling meniadakan.",
                m=original_id,
                n=count(summary.on_books),
                r=report.batch.id,
            ),
            True,
        )
    lead = tr(
        "Jurnal balik batch {m} (batch {r}): {p} di pembukuan, {k} belum; alasannya ada di "
        "batch {r}. Tekan Batalkan dengan jurnal balik lagi untuk melanjutkan (pilih tanggal "
        "di periode terbuka bila periode aslinya sudah ditutup).",
        m=original_id,
        r=report.batch.id,
        p=count(summary.on_books),
        k=count(summary.entries - summary.on_books),
    )
    if report.stopped_by is not None:
        lead += report.stopped_by
    return lead, False


def reverse_failed_text(error: BaseException) -> Text:
    lead = tr("Jurnal balik tidak diposting.")
    return lead + error_text(error)


def undo_left_offer(left: int) -> Text:
    """Entries undo left on the books: why is in each entry's message; a refused deletion
    (a closed period) is cancelled with reversing entries instead."""
    return tr(
        "Tidak dihapus: {n} jurnal; pesan tiap jurnal menyebut alasannya. Bila layanan menolak "
        "menghapus (mis. periodenya sudah ditutup), batalkan batch ini dengan jurnal balik: "
        'tekan "Batalkan dengan jurnal balik".',
        n=count(left),
    )
