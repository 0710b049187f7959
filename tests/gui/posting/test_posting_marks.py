"""Posting from the window, as a user does it: the demo company asks first like a real one
(saying it is the sandbox), and afterwards the grid marks what is on the books, so "Siap
diposting" no longer claims posted work is unsent; the sent entries can be taken out of the
grid as one undoable step."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.core.grid.columns import Column
from app.ui.posting.window import Phase, PostingView
from app.ui.shell.main_window import MainWindow
from tests.helpers.grid_pages import CTRL, press, type_in_cell
from tests.helpers.posting_helpers import entries

WAIT_MS = 15_000
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def ready_grid(qtbot, window: MainWindow, count: int) -> None:
    page = window.journal_page
    qtbot.waitUntil(lambda: window.current_chart() is not None, timeout=WAIT_MS)
    page.model.load_entries(entries(count))
    qtbot.waitUntil(page.post_button.isEnabled, timeout=WAIT_MS)


def button(box: QMessageBox, label: str):
    return next(each for each in box.buttons() if each.text() == label)


def post_and_finish(qtbot, window: MainWindow) -> PostingView:
    qtbot.mouseClick(window.journal_page.post_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(window.posting.opened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(button(window.posting.dialog, "Ya, posting"), Qt.MouseButton.LeftButton)
    view = opened.args[0]
    qtbot.waitUntil(lambda: view.phase is Phase.DONE, timeout=WAIT_MS)
    return view


def test_posting_to_the_demo_company_asks_first_and_says_it_is_the_sandbox(qtbot, make_window):
    window = make_window()
    ready_grid(qtbot, window, 2)
    assert window.session.is_demo

    qtbot.mouseClick(window.journal_page.post_button, Qt.MouseButton.LeftButton)

    box = window.posting.dialog
    assert box is not None and box.isVisible()
    assert "Kirim 2 jurnal dengan total debit 3.000,50" in box.text()
    assert "perusahaan demo" in box.text() and "sandbox" in box.text()
    assert {each.text() for each in box.buttons()} == {"Ya, posting", "Batal"}
    qtbot.mouseClick(button(box, "Batal"), Qt.MouseButton.LeftButton)
    assert window.findChildren(PostingView) == []
    assert window.companies.demo.sandbox.vouchers() == []


def test_after_posting_the_grid_marks_the_sent_entries_and_can_take_them_out(qtbot, make_window):
    window = make_window()
    ready_grid(qtbot, window, 3)
    page = window.journal_page
    assert page.ready_badge.text() == "✔ Siap diposting"

    view = post_and_finish(qtbot, window)
    view.close()
    window.activateWindow()  # back to the main window, as the user is
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)

    model = page.model
    qtbot.waitUntil(lambda: model.sent_count == 3, timeout=WAIT_MS)
    assert page.ready_badge.text() == "✔ Semua sudah terkirim"
    assert model.index(0, Column.DIFFERENCE).data() == "✔ Terkirim"
    banner = page.banner
    assert banner.isVisible() and "3 jurnal di grid sudah terkirim" in banner.message.text()
    assert banner.action_button.text() == "Hapus jurnal yang sudah terkirim dari grid"

    # An entry edited after it was sent is no longer what the books hold.
    type_in_cell(qtbot, page, 0, Column.DESCRIPTION, "Transaksi diubah")
    assert model.index(0, Column.DIFFERENCE).data() == ""
    assert page.ready_badge.text() == "✔ 1 siap diposting · 2 terkirim"
    press(qtbot, page, Qt.Key.Key_Z, CTRL)  # undone: it is again as sent
    assert model.text(0, Column.DESCRIPTION) == "Transaksi 1", model.undo_stack.index()
    assert model.index(0, Column.DIFFERENCE).data() == "✔ Terkirim"

    qtbot.mouseClick(banner.action_button, Qt.MouseButton.LeftButton)
    assert model.entry_count == 0
    assert "Urungkan (Ctrl+Z)" in banner.message.text()
    press(qtbot, page, Qt.Key.Key_Z, CTRL)
    assert model.entry_count == 3 and model.sent_count == 3
