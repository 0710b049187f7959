"""The journal grid as a safe place to type: undo and redo of everything the grid does,
driven through the real widgets (keys on the table view, the real clipboard, the Edit
menu's actions)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from app.api.ratelimit import LimiterRegistry
from app.core.books.journal import Chart
from app.core.books.number_style import NumberStyle
from app.core.grid.columns import Column
from app.core.grid.entry_table import EntryTable
from app.core.i18n import Text, set_language
from app.profiles.secrets import SecretStore
from app.profiles.store import ProfileStore
from app.ui.journal.grid.edit_menu import add_edit_menu
from app.ui.journal.grid.model import EntriesModel
from app.ui.journal.page import JournalPage, MessageBanner
from app.ui.shell.main_window import MainWindow
from tests.helpers.grid_pages import (
    CTRL,
    SHIFT,
    click_column_header,
    month_of_entries,
    press,
    press_enter_in_editor,
    set_clipboard,
    type_in_cell,
)
from tests.helpers.grid_tables import state_of
from tests.helpers.journal_data import CHART, sale
from tests.helpers.memory_keyring import MemoryKeyring
from tests.helpers.workbooks import write_workbook

D = Decimal


def debits(page: JournalPage) -> list[Decimal]:
    return [line.debit for entry in page.entries() for line in entry.lines if line.debit]


# --- the column wipe ----------------------------------------------------------------------


def ctrl_click_cell(qtbot, page: JournalPage, row: int, column: Column) -> None:
    """Ctrl+click: the cell joins the selection, or leaves it if it was in it."""
    spot = page.grid.visualRect(page.model.index(row, column)).center()
    qtbot.mouseClick(page.grid.viewport(), Qt.MouseButton.LeftButton, CTRL, spot)


def tooltip(page: JournalPage, row: int, column: Column) -> str:
    return page.model.data(page.model.index(row, column), Qt.ItemDataRole.ToolTipRole) or ""


def test_a_delete_over_separate_blocks_empties_exactly_the_selected_cells(qtbot, page):
    entries = month_of_entries(6)
    entries[1].lines[0].account = "9999"  # not in the chart: marked before and after
    page.model.load_entries(entries)
    before = page.entries()
    click_column_header(qtbot, page, Column.DEBIT)
    ctrl_click_cell(qtbot, page, 4, Column.DEBIT)  # taken out again: the column in two
    ctrl_click_cell(qtbot, page, 1, Column.MEMO)
    ctrl_click_cell(qtbot, page, 6, Column.MEMO)

    press(qtbot, page, Qt.Key.Key_Delete)

    after = page.entries()
    assert [e.lines[0].debit for e in after] == [0, 0, before[2].lines[0].debit, 0, 0, 0]
    assert [line.memo for e in after for line in e.lines] == [
        "PLN 1", "", "PLN 2", "Bank BCA", "PLN 3", "Bank BCA",
        "", "Bank BCA", "PLN 5", "Bank BCA", "PLN 6", "Bank BCA",
    ]  # fmt: skip
    assert "7 sel dikosongkan" in page.banner.message.text()
    assert page.undo_stack.count() == 1
    assert "9999" in tooltip(page, 2, Column.ACCOUNT)  # its debit emptied, its account still
    assert page.model.problem_count == 1 + 5 * 2  # each emptied line: no amount, unbalanced

    press(qtbot, page, Qt.Key.Key_Z, CTRL)

    assert page.entries() == before
    assert page.model.problem_count == 1
    assert "9999" in tooltip(page, 2, Column.ACCOUNT)


def test_undo_and_redo_of_a_delete_check_again_under_a_chart_changed_since(qtbot, page):
    page.model.load_entries(month_of_entries(3))
    click_column_header(qtbot, page, Column.DEBIT)
    press(qtbot, page, Qt.Key.Key_Delete)
    assert page.model.problem_count == 3 * 2  # each entry: no amount, unbalanced
    without_6105 = Chart([account for account in CHART.values() if account.code != "6105"])
    page.model.set_chart(without_6105)  # e.g. the company's chart read again meanwhile
    assert page.model.problem_count == 3 * 3

    press(qtbot, page, Qt.Key.Key_Z, CTRL)

    assert page.model.problem_count == 3  # 6105 is still unknown on each debit line
    assert "6105" in tooltip(page, 0, Column.ACCOUNT)
    press(qtbot, page, Qt.Key.Key_Y, CTRL)
    assert page.model.problem_count == 3 * 3
    page.model.set_chart(CHART)
    press(qtbot, page, Qt.Key.Key_Z, CTRL)
    assert page.model.problem_count == 0


def test_removing_lines_of_separate_blocks_takes_out_those_rows_and_undo_restores(qtbot, page):
    entries = month_of_entries(4)
    entries[3].lines[1].account = "9999"
    page.model.load_entries(entries)
    before = page.entries()
    page.select_cell(0, Column.MEMO)
    ctrl_click_cell(qtbot, page, 1, Column.ACCOUNT)  # the same entry's other line
    ctrl_click_cell(qtbot, page, 5, Column.DEBIT)
    ctrl_click_cell(qtbot, page, 6, Column.ACCOUNT)
    ctrl_click_cell(qtbot, page, 7, Column.ACCOUNT)  # the last entry, its bad line too

    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)

    assert [e.reference for e in page.entries()] == ["JU-0002", "JU-0003"]
    assert page.model.line_count == 3
    assert page.model.problem_count == 1  # JU-0003 has one line left: too few

    press(qtbot, page, Qt.Key.Key_Z, CTRL)

    assert page.entries() == before
    assert page.model.problem_count == 1
    assert "9999" in tooltip(page, 7, Column.ACCOUNT)


def test_a_whole_column_delete_is_one_step_that_one_undo_restores(qtbot, page):
    page.model.load_entries(month_of_entries(62))
    before = debits(page)
    assert len(before) == 62
    click_column_header(qtbot, page, Column.DEBIT)
    assert len(page.grid.selected_cells()) == 124  # every row of the Debit column

    press(qtbot, page, Qt.Key.Key_Delete)

    assert debits(page) == []
    assert page.undo_stack.count() == 1
    assert "124" not in page.banner.message.text()  # only the 62 filled cells were emptied
    assert "62 sel dikosongkan" in page.banner.message.text()
    assert not page.is_ready()
    assert page.edit_actions.undo.text() == "&Urungkan: Hapus isi sel"

    press(qtbot, page, Qt.Key.Key_Z, CTRL)

    assert debits(page) == before
    assert page.is_ready()
    assert page.is_clean()
    press(qtbot, page, Qt.Key.Key_Y, CTRL)
    assert debits(page) == []
    press(qtbot, page, Qt.Key.Key_Z, CTRL)
    press(qtbot, page, Qt.Key.Key_Z, CTRL | SHIFT)  # the other redo key
    assert debits(page) == []


# --- typing -------------------------------------------------------------------------------


def test_typing_is_undone_and_redone_and_typing_on_in_a_cell_is_one_step(qtbot, page):
    page.model.load_entries([sale()])
    type_in_cell(qtbot, page, 2, Column.MEMO, "PPN Desember")
    assert page.entries()[0].lines[2].memo == "PPN Desember"
    type_in_cell(qtbot, page, 2, Column.MEMO, "PPN 11% Desember")
    assert page.undo_stack.count() == 1  # the same cell typed again: merged
    assert not page.is_clean()

    press(qtbot, page, Qt.Key.Key_Z, CTRL)
    assert page.entries()[0].lines[2].memo == "PPN Keluaran 11%"
    assert page.is_clean()
    press(qtbot, page, Qt.Key.Key_Y, CTRL)
    assert page.entries()[0].lines[2].memo == "PPN 11% Desember"

    type_in_cell(qtbot, page, 0, Column.DEBIT, "1.765.000")
    assert page.model.text(0, Column.DIFFERENCE) == "100.000,00"
    assert page.undo_stack.count() == 2
    page.edit_actions.undo.trigger()
    assert page.model.text(0, Column.DEBIT) == "1.665.000,00"
    assert page.is_ready()
    current = page.grid.currentIndex()
    assert (current.row(), current.column()) == (0, Column.DEBIT)  # the undone cell is shown


@pytest.mark.parametrize(
    ("column", "typed"), [(Column.MEMO, "dicek Bu Sari"), (Column.DEBIT, "1.234.567")]
)
def test_what_is_being_typed_stays_while_the_grid_changes_around_it(qtbot, page, column, typed):
    # The company's chart arriving a moment after the user started typing (it re-checks
    # and repaints every cell), the number style or the language switched, marks of what
    # was sent dropped: the cell's editor keeps the words typed, and Enter keeps them.
    page.model.load_entries(month_of_entries(2))
    page.select_cell(1, column)
    qtbot.keyClicks(page.grid, typed[0])
    editor = page.grid.focusWidget()
    qtbot.keyClicks(editor, typed[1:])

    page.refresh_chart()
    page.model.forget_sent()
    page.model.set_number_style(NumberStyle.EN)
    page.model.set_number_style(NumberStyle.ID)
    set_language("en")
    page.retranslate()
    set_language("id")
    page.retranslate()

    assert editor.text() == typed
    press_enter_in_editor(qtbot, page)
    assert page.model.text(1, column).startswith(typed)


def test_an_editor_opened_without_typing_shows_the_cells_value_as_it_becomes(qtbot, page):
    page.model.load_entries(month_of_entries(2))
    page.select_cell(0, Column.DEBIT)
    page.grid.edit(page.grid.currentIndex())  # F2 or a double click: nothing typed yet
    editor = page.grid.focusWidget()
    shown = editor.text()
    page.model.set_number_style(NumberStyle.EN)
    assert editor.text() != shown and editor.text().replace(",", "") == shown.replace(
        ".", ""
    ).replace(",", ".")


def test_a_bad_value_typed_stays_visible_with_its_reason(qtbot, page):
    page.model.load_entries([sale()])
    type_in_cell(qtbot, page, 0, Column.DEBIT, "12,3,4")

    model = page.model
    assert model.text(0, Column.DEBIT) == "12,3,4"
    tip = model.data(model.index(0, Column.DEBIT), Qt.ItemDataRole.ToolTipRole)
    assert "'12,3,4' bukan angka gaya Indonesia" in tip
    assert page.banner.kind == MessageBanner.ERROR
    assert "tetap di sel" in page.banner.message.text()
    problems = page.problems_panel.model
    messages = [problems.problem(row).text.id for row in range(problems.rowCount())]
    assert any("12,3,4" in message for message in messages)
    assert not page.is_ready() and not page.post_button.isEnabled()
    page.select_cell(0, Column.DEBIT)
    press(qtbot, page, Qt.Key.Key_F2)
    assert page.grid.focusWidget().text() == "12,3,4"  # the editor opens with it
    page.grid.focusWidget().selectAll()
    qtbot.keyClicks(page.grid.focusWidget(), "1.665.000,00")
    press_enter_in_editor(qtbot, page)
    assert page.is_ready()


def test_a_cell_the_import_could_not_read_shows_what_it_held(qtbot, page, tmp_path):
    header = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit"]
    path = write_workbook(
        tmp_path / "salah.xlsx",
        [
            header,
            ["31/02/2026", "JU-1", "Listrik", "6105", "12,3,4", None],
            ["31/02/2026", "JU-1", "Listrik", "1102", None, 1000],
        ],
    )
    page.import_file(path)
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    model = page.model
    assert model.text(0, Column.DATE) == "31/02/2026"
    assert model.text(0, Column.DEBIT) == "12,3,4"
    assert model.cell_problems(0, Column.DATE) and model.cell_problems(0, Column.DEBIT)
    type_in_cell(qtbot, page, 0, Column.DEBIT, "1.000")
    assert model.text(0, Column.DEBIT) == "1.000,00"
    press(qtbot, page, Qt.Key.Key_Z, CTRL)
    assert model.text(0, Column.DEBIT) == "12,3,4"  # the file's text and problem come back
    assert model.cell_problems(0, Column.DEBIT)


# --- rows ---------------------------------------------------------------------------------


def test_insert_line_new_entry_and_remove_rows_each_undo_and_redo(qtbot, page):
    page.model.load_entries(month_of_entries(3))
    original = page.entries()
    page.select_cell(2, Column.ACCOUNT)
    press(qtbot, page, Qt.Key.Key_Return, CTRL)  # Tambah baris
    assert page.model.line_count == 7 and page.model.entry_rows(3) == (2, 4)
    press(qtbot, page, Qt.Key.Key_Return, CTRL | SHIFT)  # Jurnal baru
    assert page.model.entry_count == 4
    assert page.entries()[2].reference == "JU-0004"
    page.select_cell(0, Column.ACCOUNT)
    press(qtbot, page, Qt.Key.Key_Delete, CTRL)  # Hapus baris
    assert page.model.line_count == 8
    assert page.undo_stack.count() == 3

    for _ in range(3):
        page.edit_actions.undo.trigger()
    assert page.entries() == original
    assert page.is_clean() and page.is_ready()
    for _ in range(3):
        page.edit_actions.redo.trigger()
    assert page.model.line_count == 8 and page.model.entry_count == 4
    page.undo_stack.setIndex(0)
    assert page.entries() == original


def test_removing_whole_entries_undoes_with_their_problems(qtbot, page):
    entries = month_of_entries(4)
    entries[1].lines[0].account = "9999"  # not in the chart: a problem on that cell
    page.model.load_entries(entries)
    assert page.model.problem_count == 1
    page.grid.select_area(2, 5, Column.DATE, Column.DEBIT)  # JU-0002 and JU-0003
    page.edit_actions.remove_lines.trigger()
    assert [e.reference for e in page.entries()] == ["JU-0001", "JU-0004"]
    assert page.model.problem_count == 0
    page.edit_actions.undo.trigger()
    assert [e.reference for e in page.entries()] == ["JU-0001", "JU-0002", "JU-0003", "JU-0004"]
    assert page.model.problem_count == 1
    assert page.model.cell_problems(2, Column.ACCOUNT)


def test_round_to_cents_is_undone_and_redone(qtbot, page):
    entries = month_of_entries(2)
    entries[0].lines[0].debit = D("101000.125")
    page.model.load_entries(entries)
    assert page.problems_panel.fixable_count == 1
    qtbot.mouseClick(page.problems_panel.round_button, Qt.MouseButton.LeftButton)
    assert page.entries()[0].lines[0].debit == D("101000.13")
    assert page.edit_actions.undo.text() == "&Urungkan: Bulatkan ke sen"
    page.edit_actions.undo.trigger()
    assert page.entries()[0].lines[0].debit == D("101000.125")
    assert page.problems_panel.fixable_count == 1
    assert page.model.total_debit == D("101000.125") + D("102000.00")
    page.edit_actions.redo.trigger()
    assert page.entries()[0].lines[0].debit == D("101000.13")
    assert page.problems_panel.fixable_count == 0


# --- the menus ----------------------------------------------------------------------------


def test_the_edit_menu_and_the_context_menu_hold_the_same_actions(qtbot, page):
    window = QMainWindow()
    qtbot.addWidget(window)
    menu = add_edit_menu(window.menuBar(), page.edit_actions)
    assert menu.title() == "&Sunting"
    context = page.edit_actions.context_menu(page.grid)
    in_menu = [a for a in menu.actions() if not a.isSeparator()]
    assert in_menu == [a for a in context.actions() if not a.isSeparator()]
    names = [a.text().replace("&", "") for a in in_menu]
    assert names[:7] == [
        "Urungkan",
        "Ulangi",
        "Potong",
        "Salin",
        "Tempel",
        "Tempel menimpa baris di bawah",
        "Hapus isi sel",
    ]
    assert "Cari…" in names and "Ganti…" in names and "Pilih semua" in names
    keys = {a.text().replace("&", ""): [k.toString() for k in a.shortcuts()] for a in in_menu}
    assert keys["Ulangi"] == ["Ctrl+Y", "Ctrl+Shift+Z"]
    assert keys["Cari…"] == ["Ctrl+F"] and keys["Ganti…"] == ["Ctrl+H"]
    assert not page.edit_actions.undo.isEnabled()
    set_language("en")
    try:
        page.retranslate()
        assert menu.title() == "&Edit"
        assert [a.text().replace("&", "") for a in in_menu][:3] == ["Undo", "Redo", "Cut"]
    finally:
        set_language("id")
        page.retranslate()


def test_select_all_then_delete_then_undo_from_the_context_menu(qtbot, page):
    page.model.load_entries(month_of_entries(5))
    original = page.entries()
    press(qtbot, page, Qt.Key.Key_A, CTRL)
    page.edit_actions.delete.trigger()
    assert all(not e.reference and not e.lines[0].account for e in page.entries())
    context = page.edit_actions.context_menu(page.grid)
    (undo,) = [a for a in context.actions() if a.text().startswith("&Urungkan")]
    undo.trigger()
    assert page.entries() == original


def test_find_and_replace_in_a_column_is_one_undoable_step(qtbot, page):
    page.model.load_entries(month_of_entries(10))
    page.select_cell(0, Column.ACCOUNT)
    press(qtbot, page, Qt.Key.Key_F, CTRL)
    bar = page.find_bar
    assert bar.isVisible() and not bar.replace_edit.isVisible()
    bar.find_edit.setText("listrik 7")
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Return)
    current = page.grid.currentIndex()
    assert (current.row(), current.column()) == (12, Column.DESCRIPTION)
    bar.find_edit.setText("tidak ada di mana pun")
    assert not bar.find_next()
    assert bar.status.text() == "Tidak ditemukan."
    qtbot.keyClick(bar.find_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()

    page.select_cell(0, Column.ACCOUNT)
    press(qtbot, page, Qt.Key.Key_H, CTRL)
    assert bar.replace_edit.isVisible()
    assert bar.column_combo.currentText() == "Kode Akun"
    bar.find_edit.setText("6105")
    bar.replace_edit.setText("1101")
    qtbot.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    assert [e.lines[0].account for e in page.entries()] == ["1101"] * 10
    assert "10 sel diganti di kolom Kode Akun" in bar.status.text()
    assert page.undo_stack.count() == 1
    page.edit_actions.undo.trigger()
    assert [e.lines[0].account for e in page.entries()] == ["6105"] * 10


def test_row_changes_and_their_undo_keep_the_qt_model_consistent(qtmodeltester, qtbot, page):
    page.model.load_entries(month_of_entries(3))
    qtmodeltester.check(page.model)  # the tester stays attached and checks every change
    page.select_cell(1, Column.ACCOUNT)
    page.edit_actions.add_line.trigger()
    page.edit_actions.add_entry.trigger()
    # Whole entries: removing only an entry's first line moves its date and number to the
    # next line, which the tester (comparing the rows beside a removal at once) would flag.
    page.grid.select_area(0, 2, Column.DATE, Column.DATE)  # JU-0001, now three lines
    page.edit_actions.remove_lines.trigger()
    set_clipboard("1101\t5\r\n4101\t\t5\r\n6105\t1\r\n")
    page.select_cell(0, Column.ACCOUNT)
    page.edit_actions.paste.trigger()
    done = page.entries()
    assert page.undo_stack.count() == 4
    while page.undo_stack.canUndo():
        page.edit_actions.undo.trigger()
    assert page.entries() == month_of_entries(3)
    while page.undo_stack.canRedo():
        page.edit_actions.redo.trigger()
    assert page.entries() == done


def test_the_main_window_shows_the_journal_pages_edit_menu(qtbot, jurnal_home, executor):
    store = ProfileStore(jurnal_home, SecretStore(MemoryKeyring()))
    window = MainWindow(
        home=jurnal_home, store=store, executor=executor, limiters=LimiterRegistry()
    )
    qtbot.addWidget(window)
    try:
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus == ["&Berkas", "&Sunting", "&Alat", "Ba&ntuan"]
        edit = window.menuBar().actions()[1].menu()
        assert window.journal_page.edit_actions.paste in edit.actions()
    finally:
        window.shutdown()


# --- checks kept for the way back -----------------------------------------------------------

TYPED = [
    (Column.DATE, ""), (Column.DATE, "01/02/2026"),
    (Column.REFERENCE, ""), (Column.REFERENCE, "JU-0001"), (Column.REFERENCE, "JU-0009"),
    (Column.ACCOUNT, ""), (Column.ACCOUNT, "9999"), (Column.ACCOUNT, "1100"),
    (Column.ACCOUNT, "1101"), (Column.DEBIT, ""), (Column.DEBIT, "12.345,675"),
    (Column.DEBIT, "-5"), (Column.CREDIT, ""), (Column.CREDIT, "100"), (Column.MEMO, ""),
]  # fmt: skip


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_problems_after_changes_undos_and_redos_are_those_a_fresh_check_finds(qapp, data):
    model = EntriesModel(chart=CHART)
    model.load_entries(month_of_entries(4))

    def as_checked_afresh() -> None:
        fresh = EntryTable.build(model.table.copied_entries(), CHART)
        assert state_of(model.table) == state_of(fresh)

    for _ in range(data.draw(st.integers(1, 4))):
        typed = st.tuples(st.integers(0, 7), st.sampled_from(TYPED))
        edits = data.draw(st.lists(typed, min_size=1, max_size=8))
        model.set_cells([(row, column, text) for row, (column, text) in edits], Text("x", "x"))
        as_checked_afresh()
    while model.undo_stack.canUndo():
        model.undo_stack.undo()
        as_checked_afresh()
    while model.undo_stack.canRedo():
        model.undo_stack.redo()
        as_checked_afresh()
