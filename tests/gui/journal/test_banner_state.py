"""The journal page's banner says only what is still true: a message goes when the state it
is about goes (a problem fixed, a paste undone), and the import's summary is made again
for another company's chart. Driven with real keys on the grid and real workbooks."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.core.grid.columns import Column
from app.ui.journal.page import JournalPage, MessageBanner
from tests.helpers.grid_pages import CTRL, press, set_clipboard, type_in_cell
from tests.helpers.workbooks import write_workbook

WAIT_MS = 10_000
HEADER = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit"]
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def import_and_wait(qtbot, page: JournalPage, path) -> None:
    page.import_file(path)
    qtbot.waitUntil(lambda: not page.busy, timeout=WAIT_MS)


def test_the_import_problem_banner_goes_once_the_problem_is_fixed(qtbot, page, tmp_path):
    rows = [
        HEADER,
        [date(2026, 1, 5), "JU-1", "Listrik", "6105", 250000, None],
        [date(2026, 1, 5), "JU-1", "Listrik", "9999", None, 250000],  # not in the chart
    ]
    import_and_wait(qtbot, page, write_workbook(tmp_path / "jurnal.xlsx", rows))
    banner = page.banner
    assert banner.isVisible() and banner.kind == MessageBanner.WARNING
    assert "Ada 1 masalah" in banner.message.text()

    type_in_cell(qtbot, page, 1, Column.ACCOUNT, "1102")

    assert page.is_ready()
    assert banner.isHidden()  # nothing left to fix: the warning does not linger


def test_a_paste_banner_goes_when_the_paste_is_undone(qtbot, page):
    press(qtbot, page, Qt.Key.Key_Return, CTRL | Qt.KeyboardModifier.ShiftModifier)
    page.select_cell(0, Column.MEMO)
    set_clipboard("Bank BCA\nKas kecil\n")
    press(qtbot, page, Qt.Key.Key_V, CTRL)
    banner = page.banner
    assert banner.isVisible()
    pasted = banner.message.text()
    assert pasted

    press(qtbot, page, Qt.Key.Key_Z, CTRL)

    assert page.model.text(0, Column.MEMO) == ""
    assert banner.isHidden()  # what the paste did is no longer so


def test_a_typed_value_that_cannot_be_read_is_explained_until_the_cell_is_fixed(qtbot, page):
    press(qtbot, page, Qt.Key.Key_Return, CTRL | Qt.KeyboardModifier.ShiftModifier)
    type_in_cell(qtbot, page, 0, Column.DEBIT, "12,3,4")
    assert page.banner.isVisible() and page.banner.kind == MessageBanner.ERROR

    type_in_cell(qtbot, page, 0, Column.DEBIT, "125.000")

    assert page.banner.isHidden()
