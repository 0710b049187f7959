"""Working at speed in the journal grid, through the real widgets: Enter and Tab move on as
in a spreadsheet, a selection's sum in the status bar, each entry's subtotals, column widths
kept between runs, whole texts in tooltips and an account list wide enough to read."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from app.core.books.number_style import NumberStyle
from app.core.grid.columns import Column
from app.core.i18n import set_language
from app.profiles.settings import COLUMN_WIDTHS, Settings
from app.ui.journal.page import JournalPage
from tests.helpers.grid_pages import CTRL, SHIFT, month_of_entries, press
from tests.helpers.journal_data import CHART

D = Decimal
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def current(page: JournalPage) -> tuple[int, Column]:
    index = page.grid.currentIndex()
    return index.row(), Column(index.column())


def type_keys(qtbot, page: JournalPage, text: str) -> None:
    """Type into the current cell as a user does: the first key opens its editor."""
    qtbot.keyClicks(page.grid, text[0])
    editor = page.grid.focusWidget()
    assert editor is not page.grid, "typing did not open the cell's editor"
    qtbot.keyClicks(editor, text[1:])


def key_in_editor(qtbot, page: JournalPage, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(page.grid.focusWidget(), key, modifiers)
    qtbot.waitUntil(lambda: page.grid.state() != page.grid.State.EditingState, timeout=10_000)


# --- Enter and Tab --------------------------------------------------------------------------


@pytest.mark.qt_log_ignore("This plugin does not support")  # the account list pops up
def test_a_line_is_typed_across_with_tab_and_enter_lands_on_the_next_lines_account(qtbot, page):
    page.model.load_entries(month_of_entries(2))
    page.select_cell(2, Column.ACCOUNT)

    type_keys(qtbot, page, "1101")
    key_in_editor(qtbot, page, Qt.Key.Key_Tab)  # over the account name
    assert current(page) == (2, Column.DEBIT)
    type_keys(qtbot, page, "250000")
    key_in_editor(qtbot, page, Qt.Key.Key_Tab)
    assert current(page) == (2, Column.CREDIT)
    press(qtbot, page, Qt.Key.Key_Tab)  # not editing: Tab moves on just the same
    assert current(page) == (2, Column.MEMO)  # over the difference
    type_keys(qtbot, page, "Kas kecil")
    key_in_editor(qtbot, page, Qt.Key.Key_Return)

    assert current(page) == (3, Column.ACCOUNT)  # where the Tabs began, one line down
    line = page.model.table.lines[2]
    assert (line.account, line.debit, line.memo) == ("1101", D("250000"), "Kas kecil")


def test_enter_keeps_the_typed_value_and_moves_down_shift_enter_moves_up(qtbot, page):
    page.model.load_entries(month_of_entries(2))
    page.select_cell(1, Column.MEMO)

    type_keys(qtbot, page, "Giro")
    key_in_editor(qtbot, page, Qt.Key.Key_Return)
    assert current(page) == (2, Column.MEMO)
    assert page.model.text(1, Column.MEMO) == "Giro"

    type_keys(qtbot, page, "Tunai")
    key_in_editor(qtbot, page, Qt.Key.Key_Return, SHIFT)
    assert current(page) == (1, Column.MEMO)
    assert page.model.text(2, Column.MEMO) == "Tunai"

    press(qtbot, page, Qt.Key.Key_Return, SHIFT)
    press(qtbot, page, Qt.Key.Key_Return, SHIFT)
    assert current(page) == (0, Column.MEMO)  # the first row: it stays


def test_enter_on_the_last_line_stays_there_and_adds_nothing(qtbot, page):
    page.model.load_entries(month_of_entries(2))
    page.select_cell(3, Column.MEMO)

    type_keys(qtbot, page, "Akhir")
    key_in_editor(qtbot, page, Qt.Key.Key_Return)
    press(qtbot, page, Qt.Key.Key_Return)

    assert current(page) == (3, Column.MEMO)
    assert page.model.rowCount() == 4
    assert page.model.text(3, Column.MEMO) == "Akhir"
    assert page.undo_stack.count() == 1  # the typing, nothing else


def test_shift_tab_goes_back_over_the_computed_columns_and_wraps_up(qtbot, page):
    page.model.load_entries(month_of_entries(2))
    page.select_cell(3, Column.DEBIT)

    press(qtbot, page, Qt.Key.Key_Backtab, SHIFT)
    assert current(page) == (3, Column.ACCOUNT)  # over the account name
    press(qtbot, page, Qt.Key.Key_Backtab, SHIFT)
    assert current(page) == (2, Column.PROJECT)  # the line above's last column


@pytest.mark.qt_log_ignore("This plugin does not support")  # the list is a popup window
def test_tab_in_the_account_list_takes_the_account_and_moves_to_the_debit(qtbot, page):
    page.model.load_entries(month_of_entries(2))
    page.select_cell(2, Column.ACCOUNT)
    type_keys(qtbot, page, "Bank")
    popup = page.grid.focusWidget().completer().popup()
    qtbot.waitUntil(popup.isVisible)

    qtbot.keyClick(popup, Qt.Key.Key_Down)  # the list has the keyboard while it is open
    qtbot.keyClick(popup, Qt.Key.Key_Tab)

    qtbot.waitUntil(lambda: page.grid.state() != page.grid.State.EditingState, timeout=10_000)
    assert current(page) == (2, Column.DEBIT)
    assert page.model.text(2, Column.ACCOUNT) == "1102"


# --- whole texts and a readable account list ------------------------------------------------


def hover(qtbot, page: JournalPage, row: int, column: Column) -> str:
    """Rest the mouse on a cell until its tooltip shows; the tooltip's text ('' for none)."""
    # Hidden on Qt's hide timer; asked again while it is still shown: the mouse rests on the
    # cell before, and Qt's own tooltip for it (its wake-up timer, late on a busy machine)
    # can show it again after the first ask, which would keep it up for its whole 13 s.
    qtbot.waitUntil(lambda: QToolTip.hideText() or not QToolTip.isVisible(), timeout=10_000)
    grid = page.grid
    rect = grid.visualRect(page.model.index(row, column))
    viewport = grid.viewport()
    qtbot.mouseMove(viewport, rect.center())
    event = QHelpEvent(QEvent.Type.ToolTip, rect.center(), viewport.mapToGlobal(rect.center()))
    QApplication.sendEvent(viewport, event)
    return QToolTip.text() if QToolTip.isVisible() else ""


@pytest.mark.qt_log_ignore("This plugin does not support")  # the tooltip is a window
def test_a_cut_off_cell_shows_its_whole_text_in_its_tooltip(qtbot, page):
    entries = month_of_entries(2)
    long = "Pembayaran sewa gudang Cikarang periode Januari sampai Maret 2026 (termin kedua)"
    entries[0].description = long
    page.model.load_entries(entries)

    assert hover(qtbot, page, 0, Column.DESCRIPTION) == long
    assert hover(qtbot, page, 2, Column.DESCRIPTION) == ""  # "Beban listrik 2" fits
    page.grid.setColumnWidth(Column.DESCRIPTION, 1200)
    assert hover(qtbot, page, 0, Column.DESCRIPTION) == ""  # it fits now


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_a_cut_off_cell_with_a_problem_shows_its_text_then_the_problem(qtbot, page):
    entries = month_of_entries(1)
    entries[0].lines[0].account = "9999-tidak-ada-di-daftar-akun-perusahaan"
    page.model.load_entries(entries)

    tip = hover(qtbot, page, 0, Column.ACCOUNT)

    assert tip.startswith("9999-tidak-ada-di-daftar-akun-perusahaan\n\n")
    assert page.model.cell_problems(0, Column.ACCOUNT)[0].get() in tip


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_the_account_list_is_wide_enough_for_code_and_name(qtbot, page):
    page.model.load_entries(month_of_entries(1))
    page.select_cell(0, Column.ACCOUNT)
    type_keys(qtbot, page, "B")
    popup = page.grid.focusWidget().completer().popup()
    qtbot.waitUntil(popup.isVisible)

    widest = max(
        popup.fontMetrics().horizontalAdvance(f"{a.code} · {a.name}") for a in CHART.postable()
    )
    assert popup.width() >= widest + 20
    assert popup.width() > page.grid.columnWidth(Column.ACCOUNT) * 2


# --- the selection's sum --------------------------------------------------------------------


def click_cell(qtbot, page: JournalPage, row: int, column: Column, modifiers=NO_MODIFIER):
    rect = page.grid.visualRect(page.model.index(row, column))
    qtbot.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton, modifiers, rect.center())


def status_sum(qtbot, page: JournalPage) -> str:
    label = page.grid_status.selection_label
    qtbot.wait(1)  # the sum is worked out on the event loop's next turn
    return label.text() if label.isVisible() else ""


def test_a_block_of_amounts_selected_with_the_mouse_shows_its_sum_and_count(qtbot, page):
    page.model.load_entries(month_of_entries(3))  # debits 101.000, 102.000, 103.000
    click_cell(qtbot, page, 0, Column.DEBIT)
    assert status_sum(qtbot, page) == ""  # one cell: nothing to add up

    click_cell(qtbot, page, 5, Column.CREDIT, SHIFT)
    assert status_sum(qtbot, page) == "Jumlah: Rp 612.000,00 · 12 sel"

    click_cell(qtbot, page, 0, Column.MEMO, CTRL)  # a text cell more, no amount
    assert status_sum(qtbot, page) == "Jumlah: Rp 612.000,00 · 13 sel"

    set_language("en")
    try:
        page.retranslate()
        # The words follow the language; the numbers, the grid's number style.
        assert status_sum(qtbot, page) == "Sum: Rp 612.000,00 · 13 cells"
        page.model.set_number_style(NumberStyle.EN)  # as the Settings dialog sets it
        assert status_sum(qtbot, page) == "Sum: Rp 612,000.00 · 13 cells"
    finally:
        set_language("id")


def test_the_sum_follows_a_value_typed_under_the_selection_and_texts_only_count(qtbot, page):
    page.model.load_entries(month_of_entries(2))
    click_cell(qtbot, page, 0, Column.DEBIT)
    click_cell(qtbot, page, 2, Column.DEBIT, SHIFT)
    assert status_sum(qtbot, page) == "Jumlah: Rp 203.000,00 · 3 sel"

    page.model.setData(page.model.index(2, Column.DEBIT), "1.000,50")  # changed under the selection
    assert status_sum(qtbot, page) == "Jumlah: Rp 102.000,50 · 3 sel"

    click_cell(qtbot, page, 0, Column.MEMO)
    click_cell(qtbot, page, 3, Column.MEMO, SHIFT)
    assert status_sum(qtbot, page) == "4 sel"


# --- each entry's subtotals -----------------------------------------------------------------


def test_the_status_bar_shows_the_totals_of_the_entry_the_cursor_is_in(qtbot, page):
    entries = month_of_entries(2)
    entries[1].lines[0].debit += D("500")  # JU-0002 is 500 short on the credit side
    page.model.load_entries(entries)
    label = page.grid_status.entry_label

    click_cell(qtbot, page, 1, Column.MEMO)
    qtbot.wait(1)
    assert label.text() == "JU-0001: D 101.000,00 · K 101.000,00 · seimbang"
    assert label.property("balanced") is True

    press(qtbot, page, Qt.Key.Key_Down)  # the next entry's first line
    qtbot.wait(1)
    assert label.text() == "JU-0002: D 102.500,00 · K 102.000,00 · selisih 500,00"
    assert label.property("balanced") is False  # shown red

    click_cell(qtbot, page, 3, Column.CREDIT, SHIFT)  # several cells: the sum instead
    qtbot.wait(1)
    assert not label.isVisible()
    assert page.grid_status.selection_label.isVisible()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_an_amount_cell_tooltip_gives_its_entrys_debit_credit_and_difference(qtbot, page):
    entries = month_of_entries(2)
    entries[1].lines[1].credit -= D("0.50")
    page.model.load_entries(entries)

    assert hover(qtbot, page, 1, Column.CREDIT) == (
        "JU-0001 · Debit 101.000,00 · Kredit 101.000,00 · Selisih 0,00"
    )
    assert hover(qtbot, page, 3, Column.DEBIT) == (
        "JU-0002 · Debit 102.000,00 · Kredit 101.999,50 · Selisih 0,50"
    )
    set_language("en")
    try:
        page.retranslate()
        assert hover(qtbot, page, 2, Column.DIFFERENCE).startswith("Entry JU-0002 does not")
        assert hover(qtbot, page, 0, Column.DEBIT) == (
            "JU-0001 · Debit 101.000,00 · Credit 101.000,00 · Difference 0,00"
        )  # the grid's number style, not the language's
    finally:
        set_language("id")


# --- column widths --------------------------------------------------------------------------


def settings_page(qtbot, executor, home: Path) -> JournalPage:
    """A journal page of the app on `home`'s settings file, shown as the window shows it."""
    widget = JournalPage(executor, lambda: CHART)
    widget.settings = Settings(home)
    qtbot.addWidget(widget)
    widget.resize(1280, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def drag_column_edge(qtbot, page: JournalPage, column: Column, by: int) -> None:
    """Drag the column's right edge in the header, as a user widens a column."""
    header = page.grid.horizontalHeader()
    y = header.height() // 2
    edge = QPoint(header.sectionViewportPosition(column) + header.sectionSize(column) - 1, y)
    target = QPoint(edge.x() + by, y)
    qtbot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=edge)
    qtbot.mouseMove(header.viewport(), QPoint(edge.x() + by // 2, y))
    qtbot.mouseMove(header.viewport(), target)
    qtbot.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=target)


def test_a_column_widened_by_dragging_is_as_wide_at_the_next_start(qtbot, executor, tmp_path):
    first = settings_page(qtbot, executor, tmp_path)
    before = first.grid.columnWidth(Column.MEMO)
    drag_column_edge(qtbot, first, Column.MEMO, 80)
    assert first.grid.columnWidth(Column.MEMO) == before + 80
    first.hide()  # the window closes: the width is written at once
    assert first.shutdown(timeout=5)

    assert f"memo={before + 80}" in Settings(tmp_path).get(COLUMN_WIDTHS)
    again = settings_page(qtbot, executor, tmp_path)
    assert again.grid.columnWidth(Column.MEMO) == before + 80
    assert again.grid.columnWidth(Column.DEBIT) == first.grid.columnWidth(Column.DEBIT)
    assert again.shutdown(timeout=5)


def test_without_saved_widths_the_columns_have_their_defaults_and_nothing_is_written(
    qtbot, executor, tmp_path
):
    widget = settings_page(qtbot, executor, tmp_path)
    widget.model.load_entries(month_of_entries(3))
    widths = [widget.grid.columnWidth(c) for c in (Column.DATE, Column.DEBIT, Column.MEMO)]
    widget.hide()
    assert widget.shutdown(timeout=5)
    assert widths[:2] == [80, 104]
    assert 90 <= widths[2] <= 170  # Keterangan gives up width to fit a narrow window
    assert not (tmp_path / "settings.json").exists()


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_no_bukti_is_sized_to_the_longest_reference_on_import(qtbot, page):
    entries = month_of_entries(3)
    entries[1].reference = "BKK/2026/000017"
    default = page.grid.columnWidth(Column.REFERENCE)

    page.model.load_entries(entries)

    assert page.grid.columnWidth(Column.REFERENCE) > default  # it would show "BKK/2026/00…"
    assert hover(qtbot, page, 2, Column.REFERENCE) == ""  # nothing cut off: no tooltip
    page.model.load_entries(month_of_entries(1))
    assert page.grid.columnWidth(Column.REFERENCE) > default  # never narrowed under the user
