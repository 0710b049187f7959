"""The account cell's completion list, shown again and again: one list serves every editor
(a completer made inside each editor could be used after its editor was gone, which crashed
the headless platform once its popup had been shown)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.core.grid.columns import Column
from app.ui.journal.page import JournalPage
from tests.helpers.grid_pages import month_of_entries

ROUNDS = 20


def open_account_editor(qtbot, page: JournalPage, row: int, text: str):
    page.select_cell(row, Column.ACCOUNT)
    page.grid.setFocus()
    qtbot.keyClicks(page.grid, text[0])
    editor = page.grid.focusWidget()
    assert editor is not page.grid, "typing did not open the cell's editor"
    qtbot.keyClicks(editor, text[1:])
    return editor


@pytest.mark.qt_log_ignore("This plugin does not support")  # the list is a popup window
def test_the_account_list_pops_up_twenty_times_in_a_row_and_the_grid_goes_on(qtbot, page):
    page.model.load_entries(month_of_entries(ROUNDS // 2))
    shared = page.grid.itemDelegate().completer
    for row in range(ROUNDS):
        editor = open_account_editor(qtbot, page, row, "Ba" if row % 2 else "Ka")
        assert editor.completer() is shared  # one list, lent to each editor in turn
        popup = shared.popup()  # asked each time: the wrapper goes with the editor it served
        qtbot.waitUntil(popup.isVisible, timeout=10_000)
        assert popup.model().rowCount() >= 1  # "Kas ..." / "Bank ..." are offered
        qtbot.keyClick(popup, Qt.Key.Key_Escape)  # the list closes, the editor stays
        qtbot.waitUntil(lambda shown=popup: not shown.isVisible(), timeout=10_000)
        qtbot.keyClick(page.grid.focusWidget(), Qt.Key.Key_Escape)  # the edit is cancelled
        qtbot.waitUntil(lambda: page.grid.state() != page.grid.State.EditingState, timeout=10_000)
        QApplication.processEvents()  # the closed editor is deleted here
    assert page.undo_stack.count() == 0  # every edit was cancelled: the grid is unchanged
    # ... and the next edit still completes and is kept.
    editor = open_account_editor(qtbot, page, 0, "1102")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.grid.state() != page.grid.State.EditingState, timeout=10_000)
    assert page.model.text(0, Column.ACCOUNT) == "1102"


@pytest.mark.qt_log_ignore("This plugin does not support")  # the list is a popup window
def test_a_key_reaching_the_list_after_its_editor_closed_goes_to_the_grid(qtbot, page):
    # Keys typed fast into a busy app: the account, Tab (the list closes with its editor),
    # Tab to Credit, "1.500". The app, catching up, had shown the list again by the time
    # the "1" came; the list took it for the closed editor and Credit got ".500".
    page.model.load_entries(month_of_entries(2))
    editor = open_account_editor(qtbot, page, 1, "110")
    shared = page.grid.itemDelegate().completer
    popup = shared.popup()
    qtbot.waitUntil(popup.isVisible, timeout=10_000)
    qtbot.keyClick(popup, Qt.Key.Key_Tab)  # takes the highlighted account, to Debit
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=10_000)
    # The closed editor gave the list back: nothing still queued for it can show the list.
    assert editor.completer() is None and shared.widget() is not editor
    qtbot.keyClick(page.grid, Qt.Key.Key_Tab)  # to Credit
    assert page.grid.currentIndex().column() == Column.CREDIT
    popup.show()  # shown again as the busy app caught up
    qtbot.waitUntil(popup.isVisible, timeout=10_000)

    qtbot.keyClicks(popup, "1")
    assert not popup.isVisible()
    amount_editor = page.grid.focusWidget()
    assert amount_editor is not page.grid and amount_editor is not editor
    qtbot.keyClicks(amount_editor, ".500")
    assert amount_editor.text() == "1.500"


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_an_account_chosen_in_the_list_stays_when_the_chart_arrives_before_tab(qtbot, page):
    # "ba" lists Bank BCA and Beban Listrik; Down twice chooses the second. The company's
    # chart then arrives (it repaints every cell and fills the list again): Tab takes the
    # account the user chose, not the first match nor the cell's old account.
    page.model.load_entries(month_of_entries(1))
    editor = open_account_editor(qtbot, page, 1, "ba")
    popup = page.grid.itemDelegate().completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=10_000)
    assert popup.model().rowCount() == 2
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    chosen = popup.currentIndex().data().split(" · ")[0]

    page.refresh_chart()
    qtbot.keyClick(popup if popup.isVisible() else editor, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=10_000)
    assert page.model.text(1, Column.ACCOUNT) == chosen
