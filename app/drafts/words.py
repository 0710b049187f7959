"""The words of the journal's draft keeper (app.ui.journal.drafts): the restore question,
and the banners after a restore, a discard or a failed write. Plain Python, no Qt. Their
English and Chinese are in the catalogs (app/resources/locale)."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from app.core.error_text import error_kind
from app.core.i18n import Text, ntr, tr
from app.core.i18n.values import Moment
from app.drafts.file import Draft

RESTORE: Final = tr("Pulihkan")
DISCARD: Final = tr("Buang")


def restore_question(draft: Draft) -> Text:
    return ntr(
        "Pulihkan {n} jurnal yang belum disimpan dari {t}?",
        "Pulihkan {n} jurnal yang belum disimpan dari {t}?",
        draft.entry_count,
        t=Moment(draft.saved_at),
    )


def restore_details(draft: Draft, folder: Path) -> Text:
    details = tr(
        "Jurnal Desk berhenti sebelum jurnal ini diposting atau disimpan sebagai Excel. "
        "Buang memindahkan draf ke {f}; tidak ada yang dihapus.",
        f=folder,
    )
    if not draft.company:
        return details
    return tr("Perusahaan saat itu: {c}.", c=draft.company) + details


def restored_text(entries: int) -> Text:
    return ntr(
        "{n} jurnal dipulihkan dari draf. Simpan sebagai Excel (Ctrl+Shift+S) atau posting "
        "untuk menyimpannya; sampai itu, draf tetap dijaga.",
        "{n} jurnal dipulihkan dari draf. Simpan sebagai Excel (Ctrl+Shift+S) atau posting "
        "untuk menyimpannya; sampai itu, draf tetap dijaga.",
        entries,
    )


def discarded_text(path: Path) -> Text:
    return tr(
        "Draf dibuang dari tabel dan disimpan sebagai {p}; tidak ada yang dihapus.",
        p=path,
    )


def write_failed_text(path: Path, error: BaseException) -> Text:
    return tr(
        "Draf jurnal tidak bisa disimpan ke {p} ({e}). Tabel tetap utuh; simpan sebagai Excel "
        "agar pekerjaan tidak hilang bila Jurnal Desk berhenti.",
        p=path,
        e=error_kind(error),
    )


def damaged_layout_text(error: BaseException) -> Text:
    return tr(
        "Draf tidak bisa ditampilkan ({e}); draf itu disimpan di sampingnya. Laporkan bila "
        "terulang.",
        e=error_kind(error),
    )


def saved_as_excel_text(entries: int, path: Path) -> Text:
    """The banner after the table was saved as a workbook (Ctrl+Shift+S)."""
    return ntr(
        "{n} jurnal disimpan ke {p}. Berkas ini bisa diimpor lagi dengan Impor Excel… (Ctrl+O).",
        "{n} jurnal disimpan ke {p}. Berkas ini bisa diimpor lagi dengan Impor Excel… (Ctrl+O).",
        entries,
        p=path,
    )


def unsaved_on_quit_question(entries: int) -> Text:
    """Asked on quitting while the table holds entries neither posted nor saved."""
    return ntr(
        "Ada {n} jurnal yang belum diposting atau disimpan. Simpan sebagai Excel sebelum keluar?",
        "Ada {n} jurnal yang belum diposting atau disimpan. Simpan sebagai Excel sebelum keluar?",
        entries,
    )
