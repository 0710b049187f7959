"""What the journal page says about its files and its fixes, as catalog messages: after an
import, a rounding, a saved report or template, and when a file cannot be read or written.
Plain Python; each message comes with its kind (`INFO`, `WARNING`, `ERROR`), the banner's
colour."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from app.core.books.cents import CentRounding, touched_entries
from app.core.books.journal import entry_name
from app.core.error_text import error_kind, os_reason
from app.core.excel.reader import ImportResult
from app.core.i18n import JurnalError, Text, tr
from app.core.i18n.lists import listed as listed_names
from app.core.i18n.lists import listed_apart

INFO, WARNING, ERROR = "info", "warning", "error"
Message = tuple[str, Text]  # (kind, text)

WORKBOOK_FILTER: Final = tr(
    "Buku kerja Excel dan CSV (*.xlsx *.xlsm *.xls *.ods *.csv);;Semua berkas (*)"
)
XLSX_FILTER: Final = tr("Buku kerja Excel (*.xlsx)")
SAVING_REPORT: Final = tr("Menyimpan laporan masalah…")
SAVING_TEMPLATE: Final = tr("Menyimpan templat…")
UNREADABLE_KEPT: Final = tr("Teks itu tetap di sel, bertanda merah, sampai diperbaiki.")


def reading_text(path: Path) -> Text:
    return tr("Membaca {name}…", name=path.name)


def imported_message(
    result: ImportResult, line_count: int, problem_count: int, fixable: int
) -> Message:
    """After an import: what was read, and what to do about its problems, if any."""
    summary = tr(
        "{name}: {e} jurnal, {l} baris dibaca dari lembar '{s}'.",
        name=result.path.name,
        e=len(result.entries),
        l=line_count,
        s=result.sheet,
    )
    if not problem_count:
        return INFO, summary + tr("Semua jurnal siap diposting.")
    follow = tr(
        "Ada {n} masalah: perbaiki sel yang merah di tabel, atau simpan laporan "
        "masalah untuk memperbaikinya di Excel.",
        n=problem_count,
    )
    if fixable:
        follow += tr(
            "{k} jumlah punya pecahan sen: tekan Bulatkan ke sen untuk membulatkannya.",
            k=fixable,
        )
    return WARNING, summary + follow


def rounded_message(changes: list[CentRounding]) -> Message:
    """After rounding: how many, the first few old → new, and any entry that no longer
    balances (the fix never evens it out by changing another line)."""
    shown = [change.text() for change in changes[:4]]
    more = len(changes) - len(shown)
    listed = listed_apart(shown)
    if more:
        listed += tr("dan {n} lagi", n=more)
    text = tr(
        "{n} jumlah dibulatkan ke sen (setengah ke atas):",
        n=len(changes),
    )
    text += tr("{list}.", list=listed)
    unbalanced = [entry_name(e) for e in touched_entries(changes) if not e.is_balanced]
    if not unbalanced:
        return INFO, text
    text += tr(
        "{e} tidak lagi seimbang setelah pembulatan: perbaiki selisihnya di tabel.",
        e=listed_names(unbalanced),
    )
    return WARNING, text


def report_saved_text(path: Path) -> Text:
    return tr(
        "Laporan masalah disimpan: {p}. Perbaiki sel yang merah di Excel, lalu impor "
        "berkas itu lagi.",
        p=path,
    )


def template_saved_text(path: Path) -> Text:
    return tr(
        "Templat disimpan: {p}. Isi lembar 'Jurnal', lalu impor dengan tombol Impor Excel… "
        "di atas tabel.",
        p=path,
    )


def file_error_text(error: BaseException) -> Text:
    """What to tell the user about a file that could not be read or written."""
    if isinstance(error, JurnalError):
        return error.text
    if isinstance(error, OSError):
        return tr(
            "Berkas tidak bisa dibaca atau disimpan ({e}). Periksa foldernya dan apakah "
            "berkas sedang terbuka di program lain, lalu coba lagi.",
            e=os_reason(error),
        )
    return tr(
        "Terjadi kesalahan tak terduga ({e}); tabel tidak berubah. Coba lagi, dan laporkan "
        "bila terulang.",
        e=error_kind(error),
    )


def readiness(
    line_count: int, problem_count: int, *, entries: int = 0, sent: int = 0
) -> tuple[str, Text]:
    """The badge under the grid: its state ("empty", "problems", "ready", "sent") and its
    words. `sent` of the grid's `entries` are on the books already: they are not called
    ready to post."""
    if line_count == 0:
        return "empty", tr("Belum ada jurnal")
    if problem_count:
        return "problems", tr("✖ Belum siap: {n} masalah", n=problem_count)
    if sent and sent >= entries:
        return "sent", tr("✔ Semua sudah terkirim")
    if sent:
        return "ready", tr(
            "✔ {n} siap diposting · {s} terkirim",
            n=entries - sent,
            s=sent,
        )
    return "ready", tr("✔ Siap diposting")
