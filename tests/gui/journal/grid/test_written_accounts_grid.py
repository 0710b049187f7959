"""The journal grid with accounts written as accountants write them: the account cell shows the
code the text stands for, its tip what was written; typed with real keys ("110101 - Kas Kecil"
then Enter) it is the same, and a name two accounts share stays as typed, marked, with the
candidates named."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from app.core.books.journal import Account, Chart, JournalEntry, JournalLine
from app.core.excel.reader import read_workbook
from app.core.grid.columns import Column
from app.core.i18n import set_language
from app.ui.journal.page import JournalPage
from tests.helpers.grid_keys import ENTER, LIST_IS_A_POPUP, type_keys
from tests.helpers.grid_pages import shown_page
from tests.helpers.workbooks import write_workbook

TOOLTIP = Qt.ItemDataRole.ToolTipRole
CHART = Chart(
    [
        Account("1101", "Kas dan Setara Kas", is_parent=True),
        Account("110101", "Kas Kecil"),
        Account("110102", "Kas Besar"),
        Account("2101", "Titipan"),
        Account("2102", "Titipan"),
        Account("4101", "Penjualan"),
    ]
)


@pytest.fixture
def page(qtbot, executor) -> Iterator[JournalPage]:
    with shown_page(qtbot, executor, CHART, width=1400, active=True) as widget:
        yield widget
    set_language("id")


def one_entry(debit_account: str, credit_account: str = "4101") -> JournalEntry:
    amount = Decimal("250000.00")
    return JournalEntry(
        date(2026, 3, 2),
        "JU-0001",
        "Setoran kas kecil",
        [JournalLine(debit_account, debit=amount), JournalLine(credit_account, credit=amount)],
    )


def cell(page: JournalPage, row: int, column: Column) -> tuple[str, str | None]:
    """What the cell shows and its tip."""
    index = page.model.index(row, column)
    return page.model.text(row, column), page.model.data(index, TOOLTIP)


def test_an_imported_written_account_shows_its_code_and_the_written_text_in_its_tip(page, tmp_path):
    rows = [
        ["Tanggal", "No. Bukti", "Deskripsi", "Akun Perkiraan", "Debit", "Kredit"],
        [date(2026, 3, 2), "JU-0001", "Setoran", "[110101] Kas Kecil", 1000, None],
        [None, "JU-0001", None, "penjualan", None, 1000],
    ]
    result = read_workbook(write_workbook(tmp_path / "ditulis.xlsx", rows), chart=CHART)
    page.model.load_import(result)
    shown, tip = cell(page, 0, Column.ACCOUNT)
    assert shown == "110101"
    assert tip == "Ditulis: [110101] Kas Kecil\nDibaca sebagai akun 110101."
    assert page.model.text(0, Column.ACCOUNT_NAME) == "Kas Kecil"
    assert cell(page, 1, Column.ACCOUNT)[0] == "4101"
    assert page.model.problem_count == 0
    # What was written is kept (a draft, an export keep it as the user wrote it).
    assert [line.account for line in page.entries()[0].lines] == ["[110101] Kas Kecil", "penjualan"]
    set_language("en")
    assert cell(page, 0, Column.ACCOUNT)[1] == (
        "Written: [110101] Kas Kecil\nRead as account 110101."
    )


@LIST_IS_A_POPUP
def test_typed_with_real_keys_a_code_and_name_shows_the_code_with_the_typed_text_in_the_tip(
    qtbot, page
):
    page.model.load_entries([one_entry("4101", "4101")])
    page.select_cell(0, Column.ACCOUNT)
    page.grid.setFocus()
    type_keys(page, "110101 - Kas Kecil", ENTER)
    qtbot.waitUntil(lambda: page.grid.state() != page.grid.State.EditingState, timeout=10_000)
    shown, tip = cell(page, 0, Column.ACCOUNT)
    assert shown == "110101"
    assert tip == "Ditulis: 110101 - Kas Kecil\nDibaca sebagai akun 110101."
    assert page.model.text(0, Column.ACCOUNT_NAME) == "Kas Kecil"
    assert page.model.problem_count == 0
    assert page.entries()[0].lines[0].account == "110101 - Kas Kecil"
    # One Ctrl+Z brings the old account back.
    page.undo_stack.undo()
    assert cell(page, 0, Column.ACCOUNT) == ("4101", None)


@LIST_IS_A_POPUP
def test_typed_with_a_name_the_chart_gives_another_code_the_cell_is_marked_with_both_names(
    qtbot, page
):
    page.model.load_entries([one_entry("4101", "4101")])
    page.select_cell(0, Column.ACCOUNT)
    page.grid.setFocus()
    type_keys(page, "110101 | Kas Besar", ENTER)
    qtbot.waitUntil(lambda: page.grid.state() != page.grid.State.EditingState, timeout=10_000)
    shown, tip = cell(page, 0, Column.ACCOUNT)
    assert shown == "110101 | Kas Besar"  # not resolved: shown as typed
    assert "kode 110101 di daftar akun bernama 'Kas Kecil', bukan 'Kas Besar'" in tip
    assert "Akun bernama 'Kas Besar': 110102 (Kas Besar)" in tip
    assert page.model.text(0, Column.ACCOUNT_NAME) == ""
    assert page.model.problem_count == 1


def test_a_name_two_accounts_share_is_marked_with_both_candidates(page):
    page.model.load_entries([one_entry("titipan")])
    shown, tip = cell(page, 0, Column.ACCOUNT)
    assert shown == "titipan"
    assert "bisa berarti 2 akun: 2101 (Titipan), 2102 (Titipan)" in tip
    assert page.model.problem_count == 1


def test_the_account_mapping_dialog_lists_a_written_old_code_by_its_code_and_maps_its_lines(
    qtbot, make_window, tmp_path
):
    """A client's workbook writes its own codes with their names: the dialog offers the old
    code (the written text to recognise it by), and saving puts every such line on the
    company's code in one undoable step."""
    window = make_window()
    qtbot.waitUntil(lambda: window.current_chart() is not None, timeout=10_000)
    page = window.journal_page
    rows = [
        ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit"],
        [date(2026, 8, 5), "KL-1", "Penjualan tunai", "K-100 - Kas Klien", 1500000, None],
        [None, "KL-1", None, "[P-400] Penjualan Klien", None, 1500000],
        [date(2026, 8, 6), "KL-2", "Setoran", "K-100", 250000, None],
        [None, "KL-2", None, "Kas Kecil", None, 250000],  # the company's own, by its name
    ]
    page.import_file(write_workbook(tmp_path / "klien.xlsx", rows))
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    assert page.model.problem_count == 3
    assert page.model.text(3, Column.ACCOUNT) == "1-10002"  # "Kas Kecil" needs no mapping
    qtbot.mouseClick(page.account_mapping.button, Qt.MouseButton.LeftButton)
    dialog = page.account_mapping.dialog
    listed = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert listed == ["K-100", "P-400"]
    dialog.choose("K-100", "1-10001 - Kas")  # the company's account, written with its name
    dialog.choose("P-400", "Pendapatan Penjualan")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    codes = [page.model.text(row, Column.ACCOUNT) for row in range(4)]
    assert codes == ["1-10001", "4-40000", "1-10001", "1-10002"] and page.is_ready()
    page.undo_stack.undo()
    assert [line.account for e in page.entries() for line in e.lines][:3] == [
        "K-100 - Kas Klien",
        "[P-400] Penjualan Klien",
        "K-100",
    ]
