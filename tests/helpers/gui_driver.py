"""Drives the real Jurnal Desk window in a child process, as a user would, for tests that
must stop the process itself (kill -9) and start it again.

`python tests/helpers/gui_driver.py type` starts the app the way `jurnal-desk` does (`run_gui`),
types two entries into the grid with key presses, prints `TYPED <json>`, waits until the
draft file holds them and prints `DRAFT`, then stays open until it is killed.

`python tests/helpers/gui_driver.py restore` starts the app, waits for the restore question, prints
`ASKED <text>`, presses Pulihkan, prints `RESTORED <json>` with the grid's entries, then
quits with Ctrl+Q, answers "Keluar tanpa menyimpan" and exits with the app's code.

Environment: the child's own JURNAL_DESK_HOME, QT_QPA_PLATFORM=offscreen (process_helpers).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox

from app.core.grid.columns import Column
from app.ui.shell.application import run_gui
from app.ui.shell.main_window import MainWindow

WAIT_SECONDS = 60.0
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
TYPED_ENTRIES = (("JU-0001", "1.500.000,25"), ("JU-0002", "75.000,00"))
UNREADABLE = (3, Column.DEBIT, "12,3,4")  # row, column, text: a debit that cannot be read


def wait_until(done: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not done():
        QApplication.processEvents()
        if time.monotonic() > deadline:
            print(f"TIMEOUT waiting for {what}", flush=True)
            sys.exit(3)
        time.sleep(0.01)


def the_window() -> MainWindow:
    found: list[MainWindow] = []

    def shown() -> bool:
        found[:] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        return bool(found) and found[0].isVisible()

    wait_until(shown, "the window")
    return found[0]


def activate(window: MainWindow) -> None:
    window.activateWindow()
    wait_until(window.isActiveWindow, "the window to be active")


def type_cell(window: MainWindow, row: int, column: Column, text: str) -> None:
    """Type into a cell; once more if a popup took the keys (the account's completion list,
    which the headless platform cannot put behind the window again)."""
    for _attempt in range(3):
        type_once(window, row, column, text)
        if window.journal_page.model.text(row, column) == text:
            return
    print(f"TIMEOUT typing {text!r} into row {row}, column {column.name}", flush=True)
    sys.exit(3)


def type_once(window: MainWindow, row: int, column: Column, text: str) -> None:
    """Select the cell, type (the first key opens the editor), press Enter."""
    page = window.journal_page
    activate(window)
    page.select_cell(row, column)
    QTest.keyClicks(page.grid, text[0])
    editor = QApplication.focusWidget()
    QTest.keyClicks(editor, text[1:])
    QTest.keyClick(editor, Qt.Key.Key_Return)
    editing = QAbstractItemView.State.EditingState
    wait_until(lambda: page.grid.state() != editing, "the cell to be written")


def new_entry(window: MainWindow) -> int:
    page = window.journal_page
    activate(window)
    page.grid.setFocus()
    before = page.model.rowCount()
    QTest.keyClick(page.grid, Qt.Key.Key_Return, CTRL | SHIFT)  # Jurnal baru
    wait_until(lambda: page.model.rowCount() == before + 2, "the new entry")
    return page.grid.currentIndex().row()


def grid_contents(window: MainWindow) -> dict:
    page = window.journal_page
    entries = [
        {
            "date": entry.date.isoformat() if entry.date else None,
            "reference": entry.reference,
            "description": entry.description,
            "lines": [[line.account, str(line.debit), str(line.credit)] for line in entry.lines],
        }
        for entry in page.entries()
    ]
    row, column, _text = UNREADABLE
    return {"entries": entries, "unreadable": page.model.text(row, column)}


def type_entries() -> None:
    window = the_window()
    # The demo company's chart first: the account cells offer its codes from then on.
    wait_until(lambda: window.current_chart() is not None, "the demo company's chart")
    for reference, amount in TYPED_ENTRIES:
        row = new_entry(window)
        if not window.journal_page.model.text(row, Column.DATE):
            type_cell(window, row, Column.DATE, "05/08/2026")
        type_cell(window, row, Column.REFERENCE, reference)
        type_cell(window, row, Column.DESCRIPTION, f"Listrik {reference}")
        type_cell(window, row, Column.ACCOUNT, "6-60005")
        type_cell(window, row, Column.DEBIT, amount)
        type_cell(window, row + 1, Column.ACCOUNT, "1-10100")
        type_cell(window, row + 1, Column.CREDIT, amount)
    type_cell(window, *UNREADABLE)
    print("TYPED " + json.dumps(grid_contents(window)), flush=True)
    store = window.drafts.store

    def draft_written() -> bool:
        draft = store.load() if store.exists() else None
        return draft is not None and draft.typed_cells() == {(3, "debit"): UNREADABLE[2]}

    wait_until(draft_written, "the draft")
    print("DRAFT " + str(store.path), flush=True)  # now the test kills this process


def restore_entries() -> None:
    window = the_window()
    wait_until(lambda: window.drafts.dialog is not None, "the restore question")
    box = window.drafts.dialog
    wait_until(box.isVisible, "the restore question on screen")
    print("ASKED " + json.dumps([box.text(), box.informativeText()]), flush=True)
    press(box, "Pulihkan")
    page = window.journal_page
    wait_until(lambda: page.model.line_count > 0, "the restored entries")
    print("RESTORED " + json.dumps(grid_contents(window)), flush=True)
    activate(window)
    page.grid.setFocus()
    QTest.keyClick(page.grid, Qt.Key.Key_Q, CTRL)
    wait_until(lambda: window.quit_guard.dialog is not None, "the quit question")
    question = window.quit_guard.dialog
    wait_until(question.isVisible, "the quit question on screen")
    print("QUIT " + json.dumps(question.text()), flush=True)
    press(question, "Keluar tanpa menyimpan")


def press(box: QMessageBox, label: str) -> None:
    (button,) = [b for b in box.buttons() if b.text() == label]
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def main() -> int:
    steps = {"type": type_entries, "restore": restore_entries}
    step = steps[sys.argv[1]]
    app = QApplication.instance() or QApplication([sys.argv[0]])
    QTimer.singleShot(0, step)  # runs once run_gui's event loop has started
    code = run_gui([sys.argv[0]])
    del app
    return code


if __name__ == "__main__":
    sys.exit(main())
