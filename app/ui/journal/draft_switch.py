"""Switching company with unsaved entries in the grid: they go along, or stay the old one's.

The grid is one for the whole window, and choosing the company after importing or typing is
normal, so a switch never empties it by itself. When the grid holds entries that are neither
posted nor saved, their draft is first written as the old company's, then a window-modal
question (no nested event loop) asks:

- "Bawa ke <baru>" (the default, and Escape: nothing disappears from view): the grid stays
  and its draft becomes the new company's (a draft that company already had is set aside,
  never overwritten); the old company's draft goes.
- "Simpan sebagai draf <lama>": the entries stay in the old company's draft, offered again
  when it is chosen; the grid starts empty for the new company, whose own draft is offered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.i18n import Text, tr
from app.ui.common.words import bind, count

if TYPE_CHECKING:
    from app.ui.journal.drafts import DraftKeeper


class CompanySwitch(QObject):
    """Asks where the grid's unsaved entries belong after a company switch."""

    asked = Signal(object)  # the QMessageBox (tests answer it)

    def __init__(self, keeper: DraftKeeper, window: QWidget) -> None:
        super().__init__(keeper)
        self._keeper = keeper
        self._window = window
        self.dialog: QMessageBox | None = None

    def ask(self, previous: str, company: str) -> QMessageBox:
        keeper = self._keeper
        keeper.flush_to(previous)  # kept as the old company's until the user says otherwise
        keeper.suspend()
        page = keeper.page
        entries = page.model.entry_count if page is not None else 0
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Question)
        bind(box, tr("Ganti perusahaan", "Switch company"), "setWindowTitle")
        bind(box, switch_question(entries, previous, company))
        bind(box, switch_details(previous, company), "setInformativeText")
        along = box.addButton("", QMessageBox.ButtonRole.AcceptRole)
        bind(along, take_along_label(company))
        stay = box.addButton("", QMessageBox.ButtonRole.RejectRole)
        bind(stay, keep_label(previous))
        box.setDefaultButton(along)
        box.setEscapeButton(along)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._answered(box.clickedButton() is stay, previous))
        self.dialog = box
        box.open()
        self.asked.emit(box)
        return box

    def _answered(self, keep: bool, previous: str) -> None:
        self.dialog = None
        keeper = self._keeper
        keeper.resume()
        if keep:
            keeper.start_empty()
            keeper.tell_info(kept_text(previous))
        else:
            keeper.take_along(previous)


def switch_question(entries: int, previous: str, company: str) -> Text:
    english = "entry that is" if entries == 1 else "entries that are"
    return tr(
        "Tabel berisi {n} jurnal untuk {a} yang belum diposting atau disimpan. Bawa ke {b}?",
        "The table holds {n_en} {what} neither posted nor saved for {a}. Take them to {b}?",
        n=count(entries, "id"),
        n_en=count(entries, "en"),
        what=english,
        a=previous,
        b=company,
    )


def switch_details(previous: str, company: str) -> Text:
    return tr(
        "Bawa: tabel tetap dan menjadi draf {b} (draf {b} yang sudah ada disisihkan, tidak "
        "dihapus). Simpan sebagai draf {a}: tabel dikosongkan untuk {b}, dan jurnal ini "
        "ditawarkan lagi saat {a} dipilih.",
        "Take them: the table stays and becomes {b}'s draft (a draft {b} already had is set "
        "aside, not deleted). Keep as {a}'s draft: the table is emptied for {b}, and these "
        "entries are offered again when {a} is chosen.",
        a=previous,
        b=company,
    )


def take_along_label(company: str) -> Text:
    return tr("Bawa ke {b}", "Take to {b}", b=company)


def keep_label(previous: str) -> Text:
    return tr("Simpan sebagai draf {a}", "Keep as {a}'s draft", a=previous)


def kept_text(previous: str) -> Text:
    return tr(
        "Jurnal yang belum disimpan tetap menjadi draf {a}; pilih {a} lagi untuk melanjutkannya.",
        "The unsaved entries stay {a}'s draft; choose {a} again to go on with them.",
        a=previous,
    )


__all__ = ["CompanySwitch"]
