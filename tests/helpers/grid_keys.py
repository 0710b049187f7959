"""Typing into the journal grid with real keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from app.ui.journal.page import JournalPage
from tests.helpers.grid_pages import SHIFT

TAB, ENTER = Qt.Key.Key_Tab, Qt.Key.Key_Return


LIST_IS_A_POPUP = pytest.mark.qt_log_ignore("This plugin does not support")


def receiver(page: JournalPage) -> QWidget:
    """Where a key goes: the open completion list if there is one (it hands letters on to
    its editor), else the focused widget (the grid, or the cell's editor)."""
    return QApplication.activePopupWidget() or QApplication.focusWidget() or page.grid


def type_keys(page: JournalPage, *strokes: str | Qt.Key) -> None:
    """Type words and keys in turn. A word's first key goes to the grid (it opens the
    cell's editor with itself), the rest of the word to whatever has the focus then."""
    for stroke in strokes:
        if isinstance(stroke, str):
            QTest.keyClicks(receiver(page), stroke[0])
            if stroke[1:]:
                QTest.keyClicks(receiver(page), stroke[1:])
        else:
            modifiers = SHIFT if stroke == Qt.Key.Key_Backtab else Qt.KeyboardModifier.NoModifier
            QTest.keyClick(receiver(page), stroke, modifiers)
        between_keys(page)


def between_keys(page: JournalPage) -> None:
    """What happens between two real keys: a closed editor is deleted, and a closed list
    gives the window back its keys (the headless platform leaves the list active)."""
    QApplication.processEvents()
    if QApplication.activePopupWidget() is None and not page.isActiveWindow():
        page.activateWindow()
        QApplication.processEvents()
