"""Quitting with entries that are neither posted nor saved asks first.

The window's close (the title bar, File › Keluar, Ctrl+Q) asks, window-modal and without a
nested event loop: "Simpan sebagai Excel…" saves, then quits once the workbook is written;
"Keluar tanpa menyimpan" quits (the draft is kept and offered again at the next start);
"Batal" (and Escape) stays.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.i18n import Text, tr
from app.drafts.words import unsaved_on_quit_question
from app.ui.common import words as texts
from app.ui.common.words import bind
from app.ui.journal.drafts import DraftKeeper
from app.ui.journal.excel_saving import SAVE_AS_BUTTON, ExcelSaver

QUIT_WITHOUT_SAVING: Final = tr("Keluar tanpa menyimpan")


class QuitGuard(QObject):
    """Asks before the window closes on unsaved work."""

    def __init__(self, window: QWidget, keeper: DraftKeeper, saver: ExcelSaver) -> None:
        super().__init__(window)
        self._window = window
        self._keeper = keeper
        self._saver = saver
        self._leaving = False
        self.dialog: QMessageBox | None = None

    def allows_close(self) -> bool:
        """True to close now; False when the question is asked instead (the close waits)."""
        if not self._leaving:
            self._keeper.commit_typing()  # text being typed counts as unsaved work
        if self._leaving or not self._keeper.has_unsaved_work():
            return True
        if self.dialog is None:
            self.dialog = self._ask()
        return False

    def _ask(self) -> QMessageBox:
        entries = self._keeper.page.model.entry_count
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Warning)
        # Bound texts: a language switch while the question is open changes it too.
        bind(box, tr("Keluar dari Jurnal Desk"), "setWindowTitle")
        bind(box, question(entries))
        bind(box, details(self._keeper.store.path), "setInformativeText")
        save = box.addButton("", QMessageBox.ButtonRole.AcceptRole)
        leave = box.addButton("", QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton("", QMessageBox.ButtonRole.RejectRole)
        labels = ((save, SAVE_AS_BUTTON), (leave, QUIT_WITHOUT_SAVING), (cancel, texts.CANCEL))
        for button, label in labels:
            bind(button, label)
        box.setDefaultButton(save)
        box.setEscapeButton(cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            self.dialog = None
            clicked = box.clickedButton()
            if clicked is leave:
                self._quit()
            elif clicked is save:
                self._saver.choose_and_save(then=self._quit)

        box.finished.connect(answered)
        box.open()
        return box

    def _quit(self) -> None:
        self._leaving = True
        QTimer.singleShot(0, self._window.close)  # once the question has closed


def question(entries: int) -> Text:
    return unsaved_on_quit_question(entries)


def details(draft: object) -> Text:
    return tr(
        "Bila keluar tanpa menyimpan, draf tetap disimpan di {p} dan ditawarkan lagi saat "
        "Jurnal Desk dibuka.",
        p=draft,
    )


__all__ = ["QUIT_WITHOUT_SAVING", "QuitGuard"]
