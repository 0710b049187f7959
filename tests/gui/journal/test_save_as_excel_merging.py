"""Save as Excel never writes a workbook that imports to other entries: two neighbouring
entries the re-import would read as one are named, the cursor goes to the second, nothing is
written, and once one is given another reference the saved file imports to the same entries."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.core.excel.reader import read_workbook
from app.core.grid.columns import Column
from tests.helpers.draft_windows import WAIT_MS, save_to, type_entry
from tests.helpers.grid_pages import CTRL, SHIFT, snapshot, type_in_cell

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def test_two_neighbours_with_one_reference_are_named_and_not_saved(qtbot, window, tmp_path):
    page = window.journal_page
    type_entry(qtbot, window, "JU-1", "1.500.000")
    type_entry(qtbot, window, "JU-1", "75.000")  # the same reference, typed again
    assert page.model.entry_count == 2
    target = tmp_path / "gabung.xlsx"
    save_to(window, target)
    qtbot.keyClick(page.grid, Qt.Key.Key_S, CTRL | SHIFT)
    message = page.banner.message.text()
    assert "Tidak disimpan" in message and "No. Bukti JU-1 di baris 1 dan 3" in message
    assert not target.exists() and not window.excel_saver.busy
    current = page.grid.currentIndex()
    assert (current.row(), current.column()) == (2, Column.REFERENCE)  # the second entry
    assert window.drafts.has_unsaved_work()  # still unsaved: quitting would ask

    type_in_cell(qtbot, page, 2, Column.REFERENCE, "JU-2")
    with qtbot.waitSignal(window.excel_saver.saved, timeout=WAIT_MS):
        qtbot.keyClick(page.grid, Qt.Key.Key_S, CTRL | SHIFT)
    saved = read_workbook(target).entries
    assert [snapshot(e) for e in saved] == [snapshot(e) for e in page.entries()]
    assert [e.reference for e in saved] == ["JU-1", "JU-2"]
