"""The first hour at the keyboard in the journal grid, typed with real keys: words go only where
the user typed them (a locked cell of a continuation line hands them to that line's account,
never to another entry), Enter and Tab never stop on a locked cell, Tab visits the same
columns on every line, and Tab or Enter with the account list open takes the highlighted
account."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from app.core.books.journal import JournalEntry, JournalLine
from app.core.grid.columns import EDITABLE_COLUMNS, ENTRY_COLUMNS, Column
from app.core.i18n import set_language
from app.ui.journal.grid.account_completion import highlighted_text
from app.ui.journal.page import JournalPage
from tests.helpers.grid_keys import (
    ENTER,
    LIST_IS_A_POPUP,
    TAB,
    between_keys,
    receiver,
    type_keys,
)
from tests.helpers.grid_pages import CTRL, SHIFT, month_of_entries, set_clipboard, shown_page
from tests.helpers.journal_data import TYPING_CHART as CHART

D = Decimal


# --- keys as a keyboard sends them ----------------------------------------------------------


def all_cells(page: JournalPage) -> dict[tuple[int, int], str]:
    model = page.model
    return {
        (row, column): model.text(row, column)
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    }


def changed_cells(before: dict, after: dict) -> set[tuple[int, int]]:
    assert before.keys() == after.keys(), "rows were added or removed"
    return {cell for cell, text in before.items() if after[cell] != text}


def current(page: JournalPage) -> tuple[int, int]:
    index = page.grid.currentIndex()
    return index.row(), index.column()


def show_optional_column(page: JournalPage, column: Column) -> None:
    """Tick the column in the column titles' menu, as a user does."""
    menu = page.optional_columns.menu()
    (action,) = [a for a in menu.actions() if a.data() == int(column)]
    action.trigger()
    assert not page.grid.isColumnHidden(column)


def office_entries() -> list[JournalEntry]:
    """Three entries whose descriptions, dates and references start with the letters an
    accountant types: a keyboard search would find them."""
    entries = month_of_entries(3)
    entries[1].description = "Biaya internet"
    entries[1].lines[0].account = "6108"
    entries[2].description = "Biaya air"
    return entries


# --- typing on a locked cell ----------------------------------------------------------------

# What an accountant types on each locked cell of an entry's second line, and the cell of
# that same line that takes it.
ACCOUNT = {Column.ACCOUNT, Column.ACCOUNT_NAME}  # the account and the name it shows
LOCKED_CELL_TYPING = [
    (Column.DESCRIPTION, ("Biaya parkir", ENTER), ACCOUNT),
    (Column.DATE, ("1-10001", TAB, "5.000", ENTER), ACCOUNT | {Column.DEBIT}),
    (Column.REFERENCE, ("BKK-0002", ENTER), ACCOUNT),
    (Column.BRANCH, ("Surabaya", ENTER), ACCOUNT),
    (Column.ACCOUNT_NAME, ("Kas", ENTER), ACCOUNT),
    (Column.DIFFERENCE, ("2.000", ENTER), {Column.CREDIT}),
]


@pytest.fixture
def page(qtbot, executor) -> Iterator[JournalPage]:
    with shown_page(qtbot, executor, CHART, width=1400, active=True) as widget:
        yield widget


@LIST_IS_A_POPUP
def test_words_typed_on_every_locked_cell_of_a_second_line_change_no_other_entry(qtbot, page):
    page.model.load_entries(office_entries())
    show_optional_column(page, Column.BRANCH)
    first, second = 0, 1  # the first entry's two lines
    original = all_cells(page)
    for locked, strokes, took in LOCKED_CELL_TYPING:
        page.select_cell(second, locked)
        assert not page.model.flags(page.model.index(second, locked)) & Qt.ItemFlag.ItemIsEditable

        type_keys(page, *strokes)

        changed = changed_cells(original, all_cells(page))
        assert {row for row, _column in changed} <= {first, second}, (
            f"typing on {locked.name} changed another entry: {sorted(changed)}"
        )
        line_changes = {column for row, column in changed if row == second}
        assert line_changes == took, f"typing on {locked.name} went to {line_changes}"
        assert page.model.text(second, min(took)) != ""
        assert "Ketikan Anda masuk ke" in page.banner.message.text()  # says where it went
        while page.undo_stack.canUndo():
            page.edit_actions.undo.trigger()
        assert all_cells(page) == original
    assert page.entries()[1].description == "Biaya internet"  # the victim, untouched


@LIST_IS_A_POPUP
def test_a_description_typed_on_a_second_line_says_where_it_went_in_english(qtbot, page):
    set_language("en")
    try:
        page.model.load_entries(office_entries())
        page.select_cell(1, Column.DESCRIPTION)
        type_keys(page, "Biaya parkir", ENTER)
        assert page.model.text(1, Column.ACCOUNT) == "Biaya parkir"  # kept, marked unknown
        assert page.banner.message.text() == (
            "The date, reference, description and branch are the entry's, typed on its first "
            "line. What you typed went into this line's Account."
        )
        assert page.entries()[1].description == "Biaya internet"
    finally:
        set_language("id")


# --- Enter and Tab ---------------------------------------------------------------------------


def test_enter_and_tab_from_any_cell_never_stop_on_a_locked_cell(qtbot, page):
    page.model.load_entries(office_entries())
    model, grid = page.model, page.grid
    shown = [c for c in range(model.columnCount()) if not grid.isColumnHidden(c)]
    keys = [
        (ENTER, Qt.KeyboardModifier.NoModifier),
        (ENTER, SHIFT),
        (TAB, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_Backtab, SHIFT),
    ]
    for row in range(model.rowCount()):
        for column in shown:
            for key, modifiers in keys:
                page.select_cell(row, column)
                QTest.keyClick(grid, key, modifiers)
                landed = grid.currentIndex()
                if (landed.row(), landed.column()) == (row, column):
                    continue  # at the grid's edge the cursor stays
                assert landed.flags() & Qt.ItemFlag.ItemIsEditable, (
                    f"{key.name} from ({row}, {Column(column).name}) stopped on the locked "
                    f"({landed.row()}, {Column(landed.column()).name})"
                )


@LIST_IS_A_POPUP
def test_an_entry_typed_across_with_tab_and_enter_lands_each_word_in_its_cell(qtbot, page):
    page.grid.setFocus()
    QTest.keyClick(page.grid, ENTER, CTRL | SHIFT)  # a new entry, the cursor on its date
    assert current(page) == (0, Column.DATE)
    type_keys(page, "05/08/2026", TAB, "BKK-0001", TAB, "Bayar listrik", TAB)
    type_keys(page, "6105", TAB, "500.000", ENTER)
    assert current(page) == (1, Column.ACCOUNT)  # the second line's first cell to type in

    type_keys(page, "1102", TAB, TAB, "500.000", TAB, "PLN Agustus", ENTER)

    (entry,) = page.entries()
    assert (entry.reference, entry.description) == ("BKK-0001", "Bayar listrik")
    assert [(line.account, line.debit, line.credit) for line in entry.lines] == [
        ("6105", D("500000"), D("0")),
        ("1102", D("0"), D("500000")),
    ]
    assert entry.lines[1].memo == "PLN Agustus"
    assert page.is_ready()


@LIST_IS_A_POPUP
def test_a_second_entry_typed_with_the_same_keys_as_the_first_lands_in_the_same_cells(qtbot, page):
    page.grid.setFocus()
    typed = [
        ("05/08/2026", "BKK-0001", "Bayar listrik", "6105", "500.000", "1102", "PLN"),
        ("06/08/2026", "BKK-0002", "Bayar air", "6106", "75.000", "1101", "PDAM"),
    ]
    for when, reference, description, debit_account, amount, credit_account, memo in typed:
        QTest.keyClick(page.grid, ENTER, CTRL | SHIFT)  # a new entry, the cursor on its date
        type_keys(page, when, TAB, reference, TAB, description, TAB, debit_account, TAB)
        type_keys(page, amount, ENTER, credit_account, TAB, TAB, amount, TAB, memo, ENTER)

    entries = page.entries()
    assert [(e.date.isoformat(), e.reference, e.description) for e in entries] == [
        ("2026-08-05", "BKK-0001", "Bayar listrik"),
        ("2026-08-06", "BKK-0002", "Bayar air"),
    ]
    assert [(ln.account, ln.debit, ln.credit, ln.memo) for ln in entries[1].lines] == [
        ("6106", D("75000"), D("0"), ""),
        ("1101", D("0"), D("75000"), "PDAM"),
    ]
    assert page.is_ready()


@LIST_IS_A_POPUP
def test_the_same_tab_keys_fill_the_same_columns_on_a_first_and_a_second_line(qtbot, page):
    page.model.load_entries([blank_entry()])
    show_optional_column(page, Column.BRANCH)
    show_optional_column(page, Column.CUSTOMER)
    words = ["6105", TAB, "250.000", TAB, TAB, "Listrik", TAB, "ADM", TAB, "P-01", TAB, "C-07"]
    for row in (0, 1):
        page.select_cell(row, Column.ACCOUNT)
        type_keys(page, *words, ENTER)

    model = page.model
    filled = [
        {Column(c).name: model.text(row, c) for c in LINE_COLUMNS if model.text(row, c)}
        for row in (0, 1)
    ]
    assert filled[0] == filled[1]
    assert filled[0]["CUSTOMER"] == "C-07"
    assert page.entries()[0].branch == ""  # Tab passed the entry's branch by


LINE_COLUMNS = [c for c in EDITABLE_COLUMNS if c not in ENTRY_COLUMNS]


def blank_entry() -> JournalEntry:
    return JournalEntry(None, "BKK-0009", "Listrik kantor", [JournalLine(""), JournalLine("")])


# --- the account list --------------------------------------------------------------------------


def open_list(qtbot, page: JournalPage, row: int, words: str) -> QWidget:
    page.select_cell(row, Column.ACCOUNT)
    QTest.keyClicks(page.grid, words[0])
    editor = page.grid.focusWidget()
    QTest.keyClicks(receiver(page), words[1:])
    between_keys(page)
    popup = editor.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=10_000)
    assert editor.text() == words  # the highlight does not type into the cell
    return popup


@LIST_IS_A_POPUP
def test_tab_with_the_account_list_open_takes_the_highlighted_account(qtbot, page):
    page.model.load_entries([blank_entry()])
    popup = open_list(qtbot, page, 0, "beban ai")
    assert highlighted_text(popup) == "6106 · Beban Air"  # the first match, highlighted

    type_keys(page, TAB, "150.000", ENTER)

    assert page.model.text(0, Column.ACCOUNT) == "6106"
    assert page.model.text(0, Column.ACCOUNT_NAME) == "Beban Air"
    assert page.entries()[0].lines[0].debit == D("150000")  # Tab went on to the debit


@LIST_IS_A_POPUP
def test_enter_with_the_account_list_open_takes_the_highlighted_account_and_moves_down(qtbot, page):
    page.model.load_entries([blank_entry()])
    open_list(qtbot, page, 0, "kas")
    type_keys(page, ENTER)
    assert page.model.text(0, Column.ACCOUNT) == "1101"
    assert current(page) == (1, Column.ACCOUNT)

    open_list(qtbot, page, 1, "beban ai")
    type_keys(page, Qt.Key.Key_Down, Qt.Key.Key_Down, TAB)  # the second match chosen
    assert page.model.text(1, Column.ACCOUNT) == "6107"


@LIST_IS_A_POPUP
def test_a_typed_account_code_is_kept_though_another_account_is_listed_first(qtbot, page):
    page.model.load_entries([blank_entry()])
    popup = open_list(qtbot, page, 0, "2105")
    assert highlighted_text(popup) == "12105 · PPN Masukan Dibayar Dimuka"
    type_keys(page, TAB)
    assert page.model.text(0, Column.ACCOUNT) == "2105"
    assert page.model.text(0, Column.ACCOUNT_NAME) == "PPN Keluaran"


# --- jumping with Ctrl ----------------------------------------------------------------------


PASTED_ROWS = (
    "10/02/2026\tKM-7\tSetoran tunai\t1101\t500.000\t\tKas masuk\r\n"
    "10/02/2026\tKM-7\tSetoran tunai\t4101\t\t500.000\tPenjualan\r\n"
)


@pytest.mark.parametrize(
    ("start", "key", "pasted_after"),
    [((5, Column.MEMO), Qt.Key.Key_Home, "JU-0001"), ((0, Column.DATE), Qt.Key.Key_End, "JU-0003")],
    ids=["ctrl-home", "ctrl-end"],
)
def test_ctrl_jumps_move_the_highlight_with_the_cursor_and_paste_goes_there(
    qtbot, page, start, key, pasted_after
):
    """As in a spreadsheet, Ctrl+Home and Ctrl+End select the cell they jump to: the
    highlight does not stay behind on the old cell, where a paste would land."""
    page.model.load_entries(month_of_entries(3))
    page.select_cell(*start)
    QTest.keyClick(page.grid, key, CTRL)
    current_cell = current(page)
    assert current_cell != start
    assert page.grid.selected_cells() == [current_cell]
    set_clipboard(PASTED_ROWS)
    QTest.keyClick(page.grid, Qt.Key.Key_V, CTRL)
    references = [entry.reference for entry in page.entries()]
    assert references[references.index(pasted_after) + 1] == "KM-7"
