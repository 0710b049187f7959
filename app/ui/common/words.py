"""Words the window uses in more than one place, and (from `app.core.formatting`) how it
writes numbers and dates.

The window speaks one language at a time, the one `app.core.i18n` has chosen. A widget's
fixed text is set with `bind`, which remembers the `Text`: after a language switch,
`retranslate_tree` sets every remembered text again in the new language; each view redraws
what it computed itself (messages, counts, tables) in its own `retranslate()`.

Amounts, counts and dates follow the language too: Indonesian writes 4.596.996,23 and
05/08/2026, English 4,596,996.23 and 05 Aug 2026 (still day first, and read back by the
same date reader). Workers are handed the language rather than reading the process's. The
journal grid is the exception for numbers: it types and shows them in the number style
chosen in the Settings (EntriesModel.number_style), whatever the language.

Qt has no Indonesian translation of its own standard buttons, so every button is labelled
here (or in its view) rather than taken from `QDialogButtonBox`'s standard set.
"""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtCore import QObject

# How numbers and dates are written (plain Python, shared with the command line); the window
# knows them by this module too.
from app.core.formatting import count as count
from app.core.formatting import date_text as date_text
from app.core.formatting import language_of as language_of
from app.core.formatting import moment_text as moment_text
from app.core.formatting import money as money
from app.core.formatting import number as number
from app.core.formatting import number_style as number_style
from app.core.i18n import Text, ctr, tr

APP_TITLE: Final = "Jurnal Desk"

COPY = tr("Salin")
COPIED = tr("Disalin ke papan klip.")
SHOW = tr("Tampilkan")
HIDE = tr("Sembunyikan")
REFRESH = tr("Muat ulang")
CHECK_AGAIN = tr("Periksa koneksi")
QUIT = tr("&Keluar")
FILE_MENU = tr("&Berkas")
HELP_MENU = tr("Ba&ntuan")
ABOUT = tr("&Tentang Jurnal Desk")
SETTINGS = tr("&Pengaturan…")
CLOSE = tr("Tutup")
CANCEL = tr("Batal")
SAVE = tr("Simpan")
OPEN = tr("Buka")

PAGE_JOURNAL = ctr("nama halaman", "Jurnal")
PAGE_HMAC = tr("Kalkulator HMAC")
PAGE_HISTORY = tr("Riwayat")

COMPANY = tr("Perusahaan")

# Taking a batch's vouchers off the books again (Accurate). One phrase everywhere, without
# the English "batch" the Indonesian side used to borrow.
UNDO_POSTING = tr("Hapus dari pembukuan…")
YES_DELETE = tr("Ya, hapus")

XLSX_FILTER = tr("Buku kerja Excel (*.xlsx)")
SAVING_REPORT = tr("Menyimpan laporan…")

_BOUND: Final = "_jurnal_desk_texts"


class Blank(Text):
    """No words, in every language: a label with nothing to say yet. Never looked up in a
    catalog, where gettext's empty msgid is the catalog's header."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__("")

    def template(self, language: str) -> str:
        return ""


BLANK: Final = Blank()


# --- fixed texts that follow a language switch ------------------------------------------------


def bind(widget: QObject, text: Text, setter: str = "setText", *args: Any) -> None:
    """`widget.<setter>(*args, text)` in the current language, remembered so that
    `retranslate_tree` sets it again after a switch: bind(button, SAVE),
    bind(button, tip, "setToolTip"), bind(combo, name, "setItemText", 2)."""
    texts: dict[tuple[str, tuple[Any, ...]], Text] = widget.__dict__.setdefault(_BOUND, {})
    texts[(setter, args)] = text
    getattr(widget, setter)(*args, text.get())


def retranslate_tree(root: QObject) -> None:
    """Every text `bind` set on `root` and the objects under it, in the language now chosen."""
    for item in (root, *root.findChildren(QObject)):
        for (setter, args), text in getattr(item, _BOUND, {}).items():
            getattr(item, setter)(*args, text.get())


# --- putting messages together ---------------------------------------------------------------


def one_per_line(first: Text, *more: Text) -> Text:
    """Messages one under another, each in the language the whole is read in."""
    joined = first
    for line in more:
        # Translators: a message on the line below another; keep the line break.
        joined = ctr("baris di bawahnya", "{above}\n{below}", above=joined, below=line)
    return joined


def listed(first: Text | str, *more: Text | str) -> Text | str:
    """Names one after another, for a message's placeholder: "Tanggal, Akun, Debit" (a
    `str`: a name from the user's or the service's data, the same in every language)."""
    joined: Text | str = first
    for name in more:
        # Translators: the next name of a list in a sentence (Chinese: "{first}、{second}").
        joined = ctr("daftar", "{first}, {second}", first=joined, second=name)
    return joined


def paragraphs(first: Text, second: Text) -> Text:
    """A message and a second paragraph below it (a note to read after the first)."""
    # Translators: a second paragraph below the first; keep the blank line between.
    return ctr("paragraf berikutnya", "{first}\n\n{second}", first=first, second=second)


# --- words with numbers in them, said in more than one window -------------------------------


def report_saved(path: object) -> Text:
    return tr("Laporan disimpan: {p}", p=path)


def undo_question(posted: int, batch: str, company: str) -> Text:
    """Asked before a batch's vouchers are deleted from the books (both windows)."""
    return tr(
        "Hapus {n} jurnal yang diposting batch {b} dari {c}? Jurnal lain di pembukuan tidak "
        "tersentuh. Penghapusan tidak bisa dibatalkan.",
        n=count(posted),
        b=batch,
        c=company,
    )


def undoing_text(batch_id: str, done: int, total: int) -> Text:
    """How far removing a batch from the books is (the posting window and the history)."""
    return tr(
        "Menghapus jurnal batch {b} dari pembukuan: {d} dari {t} sudah dihapus…",
        b=batch_id,
        d=count(done),
        t=count(total),
    )


def undone_text(undone: int) -> Text:
    """What removing a batch from the books came to (the posting window and the history)."""
    return tr(
        "Dihapus dari pembukuan: {n} jurnal.",
        n=count(undone),
    )


def undo_left_text(left: int) -> Text:
    """Entries undo left in the books: their voucher could not be proven theirs, or the
    service refused to delete it (a closed period)."""
    return tr(
        "Tidak dihapus: {n} jurnal; pesan tiap jurnal menyebut alasannya: voucher dengan id "
        "yang tercatat bukan jurnal itu (periksa di layanan), atau layanan menolak menghapusnya "
        "(mis. periodenya sudah ditutup: batalkan batch itu dengan jurnal balik di Riwayat).",
        n=count(left),
    )


UNDONE_HINT = tr(
    "Statusnya kini Dibatalkan. Untuk mencatatnya lagi, posting ulang dari halaman Jurnal."
)
