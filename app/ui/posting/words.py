"""What the posting window says: its phases, its buttons, and the banner for each moment,
as `Text`s rendered in the language chosen (a switch rewords them). Plain Python: the view
hands in what it knows and shows what comes back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Final

from app.core.error_text import error_kind, unexpected_error
from app.core.error_text import error_text as core_error_text
from app.core.i18n import JurnalError, Text, ctr, ntr, tr
from app.posting.checks.closing_date import closing_date_summary
from app.posting.engine import PostingReport
from app.posting.engine import Progress as EngineProgress
from app.posting.service import Checked
from app.posting.summary import RunSummary
from app.ui.common import words as texts
from app.ui.common.words import count, listed, money, number
from app.ui.posting.work import Pace

Banner = tuple[str, Text, Text | None]  # kind ("info", "busy", "ok", ...), headline, body


class Phase(StrEnum):
    PREPARING = "preparing"  # the table's rows are being made on a worker
    IDLE = "idle"  # nothing started, or the problems were declined
    CHECKING = "checking"
    PROBLEMS = "problems"  # waiting for "only valid" or cancel
    POSTING = "posting"
    STOPPING = "stopping"  # stop asked; requests under way are finishing
    DONE = "done"  # a run ended (complete, stopped or with failures)
    UNDOING = "undoing"
    FAILED = "failed"  # a task failed before posting produced a report


TITLE: Final = tr("Posting jurnal")
ONLY_VALID: Final = tr("Posting yang valid saja")
CANCEL: Final = texts.CANCEL
STOP: Final = tr("Hentikan")
RESUME: Final = tr("Lanjutkan")
POST_AGAIN: Final = tr("Posting lagi")
CHECK_AGAIN: Final = tr("Periksa lagi")
TRY_AGAIN: Final = tr("Coba lagi")
START: Final = tr("Mulai posting")
SAVE_REPORT: Final = tr("Simpan laporan hasil…")
UNDO: Final = texts.UNDO_POSTING
YES_DELETE: Final = texts.YES_DELETE
STOP_AND_CLOSE: Final = tr("Hentikan dan tutup")
KEEP_POSTING: Final = tr("Teruskan posting")
ATTENTION_ONLY: Final = tr("Hanya yang perlu perhatian")
CLOSE: Final = texts.CLOSE


def window_title(company: str) -> Text:
    """The posting window's own title, so it is told apart from the main window."""
    if not company:
        return tr("Posting — {app}", app=texts.APP_TITLE)
    return tr("Posting ke {c} — {app}", c=company, app=texts.APP_TITLE)


def duration_text(seconds: float | None) -> str:
    return duration(seconds).get()


def duration(seconds: float | None) -> Text:
    """A time in the language it is read in: "< 1 dtk", "20 dtk", "2 mnt 05 dtk", "1 jam 04 mnt"."""
    if seconds is None:
        return tr("–")
    whole = round(seconds)
    if whole < 1:
        return tr("< 1 dtk")
    minutes, secs = divmod(whole, 60)
    if minutes == 0:
        return tr("{s} dtk", s=secs)
    hours, minutes = divmod(minutes, 60)
    if hours == 0:
        return tr("{m} mnt {s:02} dtk", m=minutes, s=secs)
    return tr("{h} jam {m:02} mnt", h=hours, m=minutes)


def error_text(error: BaseException) -> Text:
    """What to tell the user about a failed posting task (a JurnalError says it itself)."""
    if isinstance(error, OSError) and not isinstance(error, JurnalError):
        return _not_written(error_kind(error))
    return core_error_text(error, _unexpected)


def _not_written(reason: Text) -> Text:
    return tr(
        "Berkas tidak bisa ditulis: {e}. Pilih folder lain, atau tutup berkas itu bila "
        "sedang dibuka di Excel.",
        e=reason,
    )


def _unexpected(kind: Text) -> Text:
    return unexpected_error(kind) + tr(
        "Yang sudah terposting tercatat dan tidak akan dikirim dua kali."
    )


def rate_text(pace: Pace, progress: EngineProgress, *, running: bool) -> str:
    """This run's speed and time left, once it has sent enough to tell (`Pace.known`);
    until then what it is doing; after it, how long it took."""
    parts = []
    if pace.known:
        parts.append(
            tr(
                "{e} jurnal/dtk · {q} permintaan/dtk",
                e=number(pace.entries_per_second),
                q=number(progress.requests / pace.seconds),
            ).get()
        )
    if running:
        left = pace.seconds_left(progress.total - progress.done)
        if left is not None:
            parts.append(tr("sisa ± {t}", t=duration_text(left)).get())
        else:
            parts.append(tr("mengukur kecepatan…").get())
    elif pace.sent:
        parts.append(tr("selesai dalam {t}", t=duration_text(pace.seconds)).get())
    else:
        parts.append(tr("tidak ada yang dikirim").get())
    return " · ".join(parts)


def phase_banner(
    phase: Phase, *, company: str, entries: int, declined: bool, error: Text | None
) -> Banner | None:
    """The banner while nothing has ended yet; None once a run or an undo has its summary."""
    n = count(entries)
    if phase is Phase.PREPARING:
        return (
            "busy",
            tr("Menyiapkan {n} jurnal…", n=n),
            tr(
                "Tabel jurnal sedang disusun; pemeriksaan terhadap {c} dimulai sesudahnya.",
                c=company,
            ),
        )
    if phase is Phase.IDLE and declined:
        return (
            "warning",
            tr("Tidak ada yang dikirim."),
            tr(
                "Perbaiki jurnal yang bermasalah di halaman Jurnal lalu posting lagi; bila "
                "yang diperbaiki adalah daftar akun di {c}, tekan Periksa lagi.",
                c=company,
            ),
        )
    if phase is Phase.IDLE:
        return (
            "info",
            tr("{n} jurnal siap diposting.", n=n),
            tr(
                "Jurnal diperiksa dulu terhadap daftar akun {c}; tidak ada yang dikirim "
                "sebelum semuanya valid.",
                c=company,
            ),
        )
    if phase is Phase.CHECKING:
        return (
            "busy",
            tr("Memeriksa {n} jurnal…", n=n),
            tr(
                "Menghubungi {c} dan mencocokkan setiap akun dengan daftar akunnya saat ini.",
                c=company,
            ),
        )
    if phase is Phase.PROBLEMS:
        return (
            "error",
            tr("Belum ada yang dikirim."),
            tr(
                "Perbaiki jurnal yang bermasalah di halaman Jurnal, atau posting jurnal yang "
                "valid saja; yang tidak valid tetap di daftar untuk diperbaiki nanti."
            ),
        )
    if phase is Phase.POSTING:
        return (
            "busy",
            tr("Memposting ke {c}…", c=company),
            tr(
                "Hentikan kapan saja: permintaan yang sedang berjalan diselesaikan dulu, dan "
                "sisanya bisa dilanjutkan tanpa duplikasi."
            ),
        )
    if phase is Phase.STOPPING:
        return (
            "busy",
            tr("Menghentikan posting…"),
            tr("Menunggu permintaan yang sedang berjalan selesai; tidak ada yang dikirim lagi."),
        )
    if phase is Phase.UNDOING:
        return (
            "busy",
            tr("Menghapus dari pembukuan…"),
            tr(
                "Menghapus dari {c} jurnal yang diposting batch ini.",
                c=company,
            ),
        )
    if phase is Phase.FAILED:
        return ("error", tr("Tidak bisa dilanjutkan."), error)
    return None


def undone_banner(undone: int, left: int = 0) -> Banner:
    if left:
        return ("warning", texts.undone_text(undone), texts.undo_left_text(left))
    return ("ok", texts.undone_text(undone), texts.UNDONE_HINT)


def undo_failed_banner(error: BaseException) -> Banner:
    return (
        "error",
        tr("Jurnal batch ini tidak bisa dihapus dari pembukuan."),
        error_text(error),
    )


SHOWN_CLASSIFICATIONS: Final = 15  # named in the question; the table has them all
YES_CREATE: Final = tr("Ya, buat")
NOT_NOW: Final = tr("Jangan buat")


def create_classifications_question(missing: Sequence[tuple[int, str]], company: str) -> Text:
    """Asked once after a check: create the data classifications the company lacks?"""
    names = listed(*(f"{index}: {name}" for index, name in missing[:SHOWN_CLASSIFICATIONS]))
    if len(missing) > SHOWN_CLASSIFICATIONS:
        # Translators: a list that goes on beyond the names shown.
        names = ctr("daftar yang berlanjut", "{names} ...", names=names)
    return ntr(
        "{n} klasifikasi data (Kategori Keuangan) yang dipakai jurnal belum ada di {c}: "
        "{names}. Buat sekarang di Accurate? Bila tidak, perbaiki isinya di tabel; "
        "tidak ada jurnal yang dikirim sebelum masalahnya selesai.",
        "{n} klasifikasi data (Kategori Keuangan) yang dipakai jurnal belum ada di {c}: "
        "{names}. Buat sekarang di Accurate? Bila tidak, perbaiki isinya di tabel; "
        "tidak ada jurnal yang dikirim sebelum masalahnya selesai.",
        len(missing),
        c=company,
        names=names,
    )


def stop_question() -> Text:
    return tr(
        "Posting masih berjalan. Hentikan dulu? Permintaan yang sedang berjalan diselesaikan, "
        "lalu jendela ini ditutup. Sisanya bisa dilanjutkan nanti tanpa duplikasi."
    )


def problems_headline(checked: Checked) -> Text:
    return tr(
        "{n} masalah pada {k} jurnal · {r} jurnal lainnya valid",
        n=count(len(checked.problems)),
        k=count(len(checked.invalid_references)),
        r=count(len(checked.ready)),
    )


# --- the summary of a run -----------------------------------------------------------------------


def run_summary(
    report: PostingReport,
    *,
    total: int,
    invalid: int,
    debits: Mapping[str, Decimal],
    company: str,
) -> Banner:
    """What a run came to: complete, stopped, cancelled or with failures. `debits`: each
    reference's debit total (the window has them at hand; no payload is read again)."""
    summary = report.summary(
        invalid=invalid, debit_of=lambda e: debits.get(e.reference, Decimal(0))
    )
    posted, before, left = summary.posted, summary.posted_before, summary.pending
    debit = summary.debit_posted or Decimal("0.00")
    counts = dict(p=count(posted), t=count(total), w=count(left), d=money(debit))
    resume_note = tr("Yang sudah terposting tidak akan dikirim dua kali.")
    if report.stopped_by is not None:
        return (
            "error",
            tr("Posting berhenti sebelum selesai."),
            report.stopped_by
            + tr(
                "{p} dari {t} jurnal terposting; {w} belum dikirim. Setelah masalahnya "
                "diatasi, tekan Lanjutkan.",
                **counts,
            )
            + resume_note,
        )
    if report.cancelled and left:
        return (
            "warning",
            tr("Posting dihentikan."),
            tr(
                "{p} dari {t} jurnal terposting; {w} belum dikirim. Tekan Lanjutkan untuk "
                "meneruskan.",
                **counts,
            )
            + resume_note,
        )
    if report.complete and not summary.invalid:
        if not posted:
            return ("ok", _nothing_sent_headline(), _already_body(before))
        return (
            "ok",
            tr(
                "Semua {t} jurnal sudah ada di pembukuan {c}.",
                c=company,
                **counts,
            ),
            _complete_body(before, counts),
        )
    body = _failures_body(summary)
    closed = closing_date_summary(report.entries)  # one message for all of them
    return ("warning", _failures_headline(summary, total), body + closed[0] if closed else body)


def _nothing_sent_headline() -> Text:
    return tr("Semua jurnal sudah ada di pembukuan; tidak ada yang dikirim.")


def _already_body(before: int) -> Text:
    return tr(
        "{b} sudah terposting sebelumnya; tidak dikirim lagi, dan tidak ada batch baru di Riwayat.",
        b=count(before),
    )


def _complete_body(before: int, counts: dict[str, str]) -> Text:
    body = tr("{p} diposting sekarang, total debit {d}.", **counts)
    if not before:
        return body
    return body + tr(
        "{b} sudah terposting sebelumnya; tidak dikirim lagi.",
        b=count(before),
    )


def _failures_headline(summary: RunSummary, total: int) -> Text:
    return tr(
        "{k} dari {t} jurnal belum masuk pembukuan.",
        k=count(total - summary.on_books),
        t=count(total),
    )


def _count_parts(summary: RunSummary) -> list[Text]:
    """ "3 terposting", "1 ditolak", …: each outcome the run had, with how many."""
    parts = []
    if summary.posted:
        parts.append(tr("{n} terposting", n=count(summary.posted)))
    if summary.rejected:
        parts.append(tr("{n} ditolak", n=count(summary.rejected)))
    if summary.uncertain:
        parts.append(tr("{n} belum pasti", n=count(summary.uncertain)))
    if summary.duplicates:
        parts.append(tr("{n} dilewati (nomor sudah dipakai)", n=count(summary.duplicates)))
    if summary.invalid:
        parts.append(tr("{n} tidak valid (tidak dikirim)", n=count(summary.invalid)))
    return parts


def _counts_sentence(parts: list[Text]) -> Text:  # at least one part
    """The parts as one sentence: "3 terposting; 1 ditolak."."""
    joined = parts[0]
    for part in parts[1:]:
        # Translators: the next part of a sentence listing counts ("3 posted; 1 rejected").
        joined = ctr("bagian kalimat berikutnya", "{first}; {second}", first=joined, second=part)
    # Translators: a sentence made of the parts above, with its full stop.
    return ctr("akhir kalimat", "{parts}.", parts=joined)


def _failures_body(summary: RunSummary) -> Text:
    if summary.rejected + summary.uncertain:
        what_to_do = tr(
            "Alasannya ada di kolom Pesan. Setelah diperbaiki, tekan Posting lagi; yang "
            "sudah terposting tidak akan dikirim dua kali."
        )
    else:
        what_to_do = tr(
            "Alasannya ada di kolom Pesan. Perbaiki jurnal itu di halaman Jurnal lalu posting "
            "lagi dari sana; yang sudah terposting tidak akan dikirim dua kali."
        )
    parts = _count_parts(summary)
    return _counts_sentence(parts) + what_to_do if parts else what_to_do
