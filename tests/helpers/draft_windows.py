"""A window with drafts under test: typing entries, waiting for the draft, the questions."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from app.core.grid.columns import Column
from app.ui.company.company_bar import DEMO_ENTRIES
from app.ui.shell.main_window import MainWindow
from tests.helpers.grid_pages import CTRL, SHIFT, press, type_in_cell

WAIT_MS = 15_000


@pytest.fixture
def window(make_window) -> MainWindow:
    return quick(make_window())


def quick(window: MainWindow) -> MainWindow:
    window.drafts.set_delay(50)  # the user's pause, shortened (the real one: AUTOSAVE_MS)
    return active(window)


def active(window: MainWindow) -> MainWindow:
    """The window in front, as the user's is (its keys go to it)."""
    window.activateWindow()
    QApplication.instance().processEvents()
    assert window.isActiveWindow()
    return window


def type_account(qtbot, window: MainWindow, row: int, code: str) -> None:
    type_in_cell(qtbot, window.journal_page, row, Column.ACCOUNT, code)
    active(window)  # the completion list took the focus for a moment


def type_entry(qtbot, window: MainWindow, reference: str, amount: str) -> None:
    """A new entry typed as a user does: Ctrl+Shift+Enter, then each cell."""
    page = window.journal_page
    press(qtbot, page, Qt.Key.Key_Return, CTRL | SHIFT)
    row = page.grid.currentIndex().row()
    if page.model.text(row, Column.DATE) == "":
        type_in_cell(qtbot, page, row, Column.DATE, "05/08/2026")
    type_in_cell(qtbot, page, row, Column.REFERENCE, reference)
    type_in_cell(qtbot, page, row, Column.DESCRIPTION, f"Listrik {reference}")
    type_account(qtbot, window, row, "6105")
    type_in_cell(qtbot, page, row, Column.DEBIT, amount)
    type_account(qtbot, window, row + 1, "1102")
    type_in_cell(qtbot, page, row + 1, Column.CREDIT, amount)


def wait_for_draft(qtbot, window: MainWindow, entries: int) -> None:
    """Until the draft on disk is the grid as it stands (its last write done, none waiting),
    holding `entries` entries: an earlier draft may hold as many entries, not the last edit."""
    drafts = window.drafts
    qtbot.waitUntil(
        lambda: (
            drafts.settled and drafts.store.exists() and drafts.store.load().entry_count == entries
        ),
        timeout=WAIT_MS,
    )


def on_company(qtbot, window: MainWindow, name: str) -> None:
    qtbot.waitUntil(lambda: window.drafts.company == name, timeout=WAIT_MS)


def choose(qtbot, window: MainWindow, number: int) -> None:
    """Pick a demo company in the company bar, as the user does."""
    window.companies.select(DEMO_ENTRIES[number].key)
    on_company(qtbot, window, DEMO_ENTRIES[number].name)


def switch_box(qtbot, window: MainWindow) -> QMessageBox:
    qtbot.waitUntil(lambda: window.drafts.on_company_switch.dialog is not None, timeout=WAIT_MS)
    box = window.drafts.on_company_switch.dialog
    qtbot.waitUntil(box.isVisible, timeout=WAIT_MS)
    return box


def restore_box(qtbot, window: MainWindow) -> QMessageBox:
    qtbot.waitUntil(lambda: window.drafts.dialog is not None, timeout=WAIT_MS)
    box = window.drafts.dialog
    qtbot.waitUntil(box.isVisible, timeout=WAIT_MS)
    return box


def click(qtbot, box: QMessageBox, label: str) -> None:
    buttons = {button.text(): button for button in box.buttons()}
    qtbot.mouseClick(buttons[label], Qt.MouseButton.LeftButton)


def quit_box(qtbot, window: MainWindow) -> QMessageBox:
    qtbot.waitUntil(lambda: window.quit_guard.dialog is not None, timeout=WAIT_MS)
    box = window.quit_guard.dialog
    qtbot.waitUntil(box.isVisible, timeout=WAIT_MS)
    return box


def save_to(window: MainWindow, path: Path) -> list[Path]:
    """The save dialog answered with `path`; returns the folders it was asked to start from."""
    asked: list[Path] = []

    def choose(_parent, suggested: Path, _settings) -> Path:
        asked.append(suggested)
        return path

    window.excel_saver.choose_path = choose
    return asked
