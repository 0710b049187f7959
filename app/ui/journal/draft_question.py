"""The question at start (or on a company switch) whether a draft found in the drafts folder
goes back into the journal grid: "Pulihkan N jurnal yang belum disimpan dari <waktu>?" with
Pulihkan / Buang (app.ui.journal.drafts asks it and acts on the answer)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.i18n import tr
from app.drafts.file import Draft
from app.drafts.words import DISCARD, RESTORE, restore_details, restore_question
from app.ui.common.words import bind


def ask_restore(
    parent: QWidget, draft: Draft, folder: Path, answered: Callable[[bool], None]
) -> QMessageBox:
    """Open the question (window-modal, not blocking); `answered(True)` once Pulihkan is
    chosen, `answered(False)` for Buang or closing it. `folder`: where Buang moves the draft."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    # Bound texts: a language switch while the question is open changes it too.
    bind(box, tr("Pulihkan draf", "Restore the draft"), "setWindowTitle")
    bind(box, restore_question(draft))
    bind(box, restore_details(draft, folder), "setInformativeText")
    restore = box.addButton("", QMessageBox.ButtonRole.AcceptRole)
    bind(restore, RESTORE)
    discard = box.addButton("", QMessageBox.ButtonRole.DestructiveRole)
    bind(discard, DISCARD)
    box.setDefaultButton(restore)
    box.setEscapeButton(discard)  # closing the question keeps nothing in the grid, loses
    box.setWindowModality(Qt.WindowModality.WindowModal)  # nothing: it is set aside
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.finished.connect(lambda _result: answered(box.clickedButton() is restore))
    box.open()
    return box


__all__ = ["ask_restore"]
