"""Text still being typed in a cell (no Enter yet) is not lost: Save as Excel (Ctrl+Shift+S),
quitting (Ctrl+Q), the last draft written on the way out, and posting all take the open
editor's text first, as Enter would have."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from app.core.excel.reader import read_workbook
from app.core.grid.columns import Column
from app.ui.journal.drafts import DraftKeeper
from app.ui.shell.main_window import MainWindow
from tests.helpers.draft_windows import (
    WAIT_MS,
    active,
    click,
    quick,
    quit_box,
    restore_box,
    save_to,
    type_entry,
    wait_for_draft,
)
from tests.helpers.grid_pages import CTRL, SHIFT, month_of_entries, shown_page, type_in_cell
from tests.helpers.journal_data import CHART
from tests.helpers.posting_helpers import entries
from tests.helpers.window_helpers import say_yes_to_posting

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def start_typing(qtbot, window: MainWindow, row: int, column: Column, text: str) -> None:
    """Select a cell and type into it, leaving the editor open (no Enter, no Tab)."""
    page = window.journal_page
    page.select_cell(row, column)
    page.grid.setFocus()
    qtbot.keyClicks(page.grid, text[0])
    editor = page.grid.focusWidget()
    assert editor is not page.grid, "typing did not open the cell's editor"
    qtbot.keyClicks(editor, text[1:])
    assert page.grid.state() == QAbstractItemView.State.EditingState
    assert page.model.text(row, column) != text  # not in the grid yet


def test_ctrl_shift_s_saves_the_text_still_being_typed(qtbot, window, tmp_path):
    page = window.journal_page
    type_entry(qtbot, window, "JU-1", "1.500.000")
    start_typing(qtbot, window, 0, Column.MEMO, "tagihan Agustus")
    target = tmp_path / "diketik.xlsx"
    save_to(window, target)
    with qtbot.waitSignal(window.excel_saver.saved, timeout=WAIT_MS):
        qtbot.keyClick(page.grid.focusWidget(), Qt.Key.Key_S, CTRL | SHIFT)
    assert read_workbook(target).entries[0].lines[0].memo == "tagihan Agustus"
    assert page.model.text(0, Column.MEMO) == "tagihan Agustus"
    assert page.grid.state() != QAbstractItemView.State.EditingState
    assert page.is_clean()  # saved with the typing: nothing left unsaved


def test_ctrl_q_while_typing_in_an_imported_grid_asks_and_the_draft_has_the_text(qtbot, window):
    page = window.journal_page
    page.model.load_entries(month_of_entries(2))  # as an import: nothing unsaved yet
    assert not window.drafts.has_unsaved_work()
    start_typing(qtbot, window, 1, Column.MEMO, "dicek Bu Sari")
    active(window)
    qtbot.keyClick(page.grid.focusWidget(), Qt.Key.Key_Q, CTRL)
    box = quit_box(qtbot, window)  # the typing is unsaved work: the question comes
    assert box.text().startswith("Ada 2 jurnal yang belum diposting")
    click(qtbot, box, "Keluar tanpa menyimpan")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)
    draft = window.drafts.store.load()
    assert draft.entries[0].lines[1].memo == "dicek Bu Sari"


def test_the_last_draft_written_on_the_way_out_has_the_text_being_typed(qtbot, make_window):
    first = quick(make_window())
    type_entry(qtbot, first, "JU-1", "75.000")
    wait_for_draft(qtbot, first, 1)
    start_typing(qtbot, first, 1, Column.MEMO, "Bank BCA")
    first.shutdown()  # the app stopped without asking (a logout): the last write still goes
    draft = first.drafts.store.load()
    assert draft.entries[0].lines[1].memo == "Bank BCA"


def test_posting_while_typing_posts_the_text_being_typed(qtbot, window):
    page = window.journal_page
    qtbot.waitUntil(lambda: window.current_chart() is not None, timeout=WAIT_MS)
    page.model.load_entries(entries(1))
    qtbot.waitUntil(page.post_button.isEnabled, timeout=WAIT_MS)
    start_typing(qtbot, window, 0, Column.DESCRIPTION, "Sewa kantor Agustus")
    with qtbot.waitSignal(window.posting.opened, timeout=WAIT_MS) as opened:
        window.open_posting()  # as the post key or button does, the editor still open
        say_yes_to_posting(qtbot, window)
    view = opened.args[0]
    assert [entry.description for entry in view._entries] == ["Sewa kantor Agustus"]
    view.close()


# --- the questions follow a language switch while open ------------------------------------


def test_the_quit_question_switches_language_while_it_is_open(qtbot, window):
    type_entry(qtbot, window, "JU-1", "75.000")
    window.close()
    box = quit_box(qtbot, window)
    window.set_language("en")
    try:
        assert box.text() == (
            "There is 1 entry that is neither posted nor saved. Save it as Excel before quitting?"
        )
        assert box.windowTitle() == "Quit Jurnal Desk"
        assert "the draft is still kept" in box.informativeText()
        labels = sorted(button.text() for button in box.buttons())
        assert labels == ["Cancel", "Quit without saving", "Save as Excel…"]
        click(qtbot, box, "Cancel")  # the buttons still do what they say
        qtbot.waitUntil(lambda: window.quit_guard.dialog is None, timeout=WAIT_MS)
        assert window.isVisible()
    finally:
        window.set_language("id")


def test_the_restore_question_switches_language_while_it_is_open(qtbot, make_window):
    first = quick(make_window())
    type_entry(qtbot, first, "JU-1", "75.000")
    wait_for_draft(qtbot, first, 1)
    first.shutdown()
    again = make_window()
    box = restore_box(qtbot, again)
    assert box.text().startswith("Pulihkan 1 jurnal")
    again.set_language("en")
    try:
        assert box.text().startswith("Restore 1 unsaved entry from ")
        assert box.windowTitle() == "Restore the draft"
        assert "nothing is deleted" in box.informativeText()
        assert "Pulihkan" not in box.text() + box.informativeText()
        assert sorted(button.text() for button in box.buttons()) == ["Discard", "Restore"]
        again.set_language("zh")
        assert box.text().startswith("要恢复 ") and "的 1 条未保存分录吗？" in box.text()
        assert box.windowTitle() == "恢复草稿"
        assert "不会删除任何内容" in box.informativeText()
        assert sorted(button.text() for button in box.buttons()) == ["丢弃", "恢复"]
        again.set_language("id")
        assert sorted(button.text() for button in box.buttons()) == ["Buang", "Pulihkan"]
        with qtbot.waitSignal(again.drafts.restored, timeout=WAIT_MS):
            click(qtbot, box, "Pulihkan")
        assert again.journal_page.model.entry_count == 1
    finally:
        again.set_language("id")


def test_the_first_company_coming_during_a_save_leaves_the_saved_grid_clean(
    qtbot, executor, jurnal_home
):
    """The window's first company can arrive while Save as Excel runs: its draft is written
    for that company, and the grid the save copied still counts as saved."""
    with shown_page(qtbot, executor, CHART) as page:
        keeper = DraftKeeper(page, executor, jurnal_home, page)
        keeper.set_delay(50)
        page.model.load_entries(month_of_entries(1))  # as an import: nothing unsaved yet
        type_in_cell(qtbot, page, 0, Column.MEMO, "dicatat Bu Sari")
        copied = keeper.version  # what a save started now copies

        keeper.set_company("PT Maju")

        assert keeper.version == copied  # the grid did not change: the save keeps its mark
        store = keeper.store
        qtbot.waitUntil(store.exists, timeout=WAIT_MS)  # the typed work is the company's now
        assert store.load().entries[0].lines[0].memo == "dicatat Bu Sari"
        assert keeper.shutdown()
