"""The journal grid's clipboard, with the real system clipboard and the real keys: a paste
inserts the rows it needs and never writes over another entry; copy gives Excel a block of
cells; each is one undoable step."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt

from app.core.grid.columns import Column
from tests.helpers.grid_pages import (
    CTRL,
    SHIFT,
    clipboard_text,
    entry_by_reference,
    first_row,
    month_of_entries,
    press,
    set_clipboard,
    snapshot,
)

D = Decimal
# Three lines as copied from a workbook's Kode Akun, Debit, Kredit, Keterangan columns.
THREE_LINES = "6105\t100.000,00\t\tListrik\r\n2105\t11.000,00\t\tPPN\r\n1101\t\t111.000,00\tKas\r\n"


def test_three_rows_pasted_into_a_new_two_line_entry_add_a_line_and_spare_the_next_entry(
    qtbot, page
):
    page.model.load_entries(month_of_entries(60))
    next_entry = snapshot(entry_by_reference(page, "JU-0031"))
    page.select_cell(first_row(page, "JU-0030"), Column.ACCOUNT)
    qtbot.mouseClick(page.add_entry_button, Qt.MouseButton.LeftButton)  # JU-0061, blank
    new_row = first_row(page, "JU-0061")
    assert page.grid.currentIndex().row() == new_row
    assert page.grid.currentIndex().column() == Column.DATE  # the new entry's date
    set_clipboard(THREE_LINES)  # account lines: they go to its lines, from Kode Akun

    press(qtbot, page, Qt.Key.Key_V, CTRL)

    assert snapshot(entry_by_reference(page, "JU-0031")) == next_entry
    pasted = entry_by_reference(page, "JU-0061")
    assert [(ln.account, ln.debit, ln.credit, ln.memo) for ln in pasted.lines] == [
        ("6105", D("100000.00"), D("0.00"), "Listrik"),
        ("2105", D("11000.00"), D("0.00"), "PPN"),
        ("1101", D("0.00"), D("111000.00"), "Kas"),
    ]
    assert page.model.entry_count == 61 and page.model.line_count == 123
    assert first_row(page, "JU-0031") == new_row + 3  # the third row was inserted
    message = page.banner.message.text()
    assert "3 baris ditempel: 2 ditulis di jurnal JU-0061" in message
    assert "1 baris baru ditambahkan" in message and "Jurnal lain tidak diubah" in message
    assert page.is_ready()
    assert page.undo_stack.count() == 2  # the new entry, the paste
    page.edit_actions.undo.trigger()
    assert page.model.line_count == 122
    assert [ln.account for ln in entry_by_reference(page, "JU-0061").lines] == ["", ""]
    assert snapshot(entry_by_reference(page, "JU-0031")) == next_entry


def test_pasting_at_the_end_of_the_grid_keeps_every_row(qtbot, page):
    page.model.load_entries(month_of_entries(60))
    last = page.model.line_count - 1
    page.select_cell(last, Column.ACCOUNT)  # JU-0060's second line
    set_clipboard(THREE_LINES)
    press(qtbot, page, Qt.Key.Key_V, CTRL)
    lines = entry_by_reference(page, "JU-0060").lines
    assert [line.account for line in lines] == ["6105", "6105", "2105", "1101"]
    assert page.model.line_count == 122  # two added, none dropped
    whole = "20/01/2026\tKK-9\tKas kecil\t6105\t50.000\t\t\r\n\t\t\t1101\t\t50.000\t\r\n"
    set_clipboard(whole)
    page.select_cell(page.model.line_count - 1, Column.DATE)
    page.edit_actions.paste.trigger()
    added = page.entries()[-1]
    assert (added.reference, added.date, added.description) == (
        "KK-9",
        date(2026, 1, 20),
        "Kas kecil",
    )
    assert [(ln.account, ln.debit, ln.credit) for ln in added.lines] == [
        ("6105", D("50000.00"), D("0.00")),
        ("1101", D("0.00"), D("50000.00")),
    ]


def test_ctrl_v_into_an_empty_grid_creates_the_entries_mapped_by_their_headers(qtbot, page):
    # As copied from a typical workbook: its own column order, a name column, a running number.
    block = (
        "No\tTanggal\tNo. Bukti\tKode Akun\tNama Akun\tKeterangan\tDebit\tKredit\r\n"
        "1\t05/02/2026\tKM-01\t1101\tKas\tSetoran tunai\t500.000\t\r\n"
        "2\t05/02/2026\tKM-01\t4101\tPenjualan\tSetoran tunai\t\t500.000\r\n"
        "3\t06/02/2026\tKK-01\t6105\tBeban Listrik\tPLN\t250.000,50\t\r\n"
        "4\t\t\t1102\tBank BCA\tPLN\t\t250.000,50\r\n"
    )
    set_clipboard(block)
    assert page.model.line_count == 0

    press(qtbot, page, Qt.Key.Key_V, CTRL)

    entries = page.entries()
    assert [(e.reference, e.date) for e in entries] == [
        ("KM-01", date(2026, 2, 5)),
        ("KK-01", date(2026, 2, 6)),
    ]
    assert [ln.account for ln in entries[0].lines] == ["1101", "4101"]
    assert [ln.memo for ln in entries[1].lines] == ["PLN", "PLN"]
    assert entries[1].lines[1].credit == D("250000.50")
    assert page.model.text(0, Column.ACCOUNT_NAME) == "Kas"  # from the chart, not the paste
    assert page.is_ready()
    assert "2 jurnal baru (4 baris) ditempel di akhir tabel" in page.banner.message.text()


def test_a_block_copied_from_the_template_lands_in_the_right_columns(qtbot, page):
    set_clipboard(
        "05/01/2026\tJU-1\tPenjualan tunai\t1101\t1.665.000\t\tKas diterima\tUmum\r\n"
        "\t\t\t4101\t\t1.665.000\tPenjualan\tUmum\r\n"
    )
    page.grid.setFocus()
    page.edit_actions.paste.trigger()
    (entry,) = page.entries()
    assert (entry.reference, entry.description) == ("JU-1", "Penjualan tunai")
    assert [(ln.account, ln.memo, ln.department) for ln in entry.lines] == [
        ("1101", "Kas diterima", "Umum"),
        ("4101", "Penjualan", "Umum"),
    ]


def test_copy_gives_tab_separated_cells_in_the_grid_style_and_pastes_back_as_entries(qtbot, page):
    page.model.load_entries(month_of_entries(3))
    page.grid.select_area(0, 1, Column.DATE, Column.CREDIT)
    press(qtbot, page, Qt.Key.Key_C, CTRL)
    assert clipboard_text() == (
        "02/01/2026\tJU-0001\tBeban listrik 1\t6105\tBeban Listrik\t101.000,00\t\r\n"
        "\t\t\t1102\tBank BCA\t\t101.000,00\r\n"
    )
    page.select_cell(5, Column.DATE)  # JU-0003's second line: pasted below it
    page.edit_actions.paste.trigger()
    assert [e.reference for e in page.entries()] == ["JU-0001", "JU-0002", "JU-0003", "JU-0001"]
    copied, original = page.entries()[3], page.entries()[0]
    assert snapshot(copied)[:3] == snapshot(original)[:3]
    assert [(ln.account, ln.debit, ln.credit) for ln in copied.lines] == [
        (ln.account, ln.debit, ln.credit) for ln in original.lines
    ]
    assert page.model.cell_problems(6, Column.REFERENCE)  # the number is used twice: marked
    page.grid.select_area(2, 3, Column.ACCOUNT, Column.DEBIT)  # with Nama Akun between
    press(qtbot, page, Qt.Key.Key_C, CTRL)
    page.select_cell(0, Column.ACCOUNT)
    press(qtbot, page, Qt.Key.Key_V, CTRL)  # back where it came from: Nama Akun skipped
    assert page.model.text(0, Column.DEBIT) == "102.000,00"
    assert page.model.text(1, Column.ACCOUNT) == "1102"
    assert page.model.text(1, Column.DEBIT) == ""
    page.grid.select_area(0, 0, Column.DEBIT, Column.DEBIT)
    press(qtbot, page, Qt.Key.Key_C, CTRL)
    page.select_cell(1, Column.CREDIT)  # elsewhere: where it is pasted
    press(qtbot, page, Qt.Key.Key_V, CTRL)
    assert page.model.text(1, Column.CREDIT) == "102.000,00"
    assert page.entries()[0].is_balanced


def test_paste_over_writes_a_column_down_across_entries_and_adds_what_is_past_the_end(qtbot, page):
    page.model.load_entries(month_of_entries(2))
    set_clipboard("1\r\n2\r\n3\r\n4\r\n5\r\n")
    page.select_cell(0, Column.MEMO)
    press(qtbot, page, Qt.Key.Key_V, CTRL | SHIFT)
    memos = [line.memo for entry in page.entries() for line in entry.lines]
    assert memos == ["1", "2", "3", "4", "5"]
    assert len(page.entries()[1].lines) == 3  # the fifth row was added, not dropped
    assert "ditulis menimpa baris di 2 jurnal" in page.banner.message.text()
    page.edit_actions.undo.trigger()
    assert [line.memo for entry in page.entries() for line in entry.lines] == [
        "PLN 1",
        "Bank BCA",
        "PLN 2",
        "Bank BCA",
    ]


def test_one_value_pasted_on_a_selection_fills_it(qtbot, page):
    page.model.load_entries(month_of_entries(4))
    set_clipboard("Umum\r\n")
    page.grid.select_area(0, 7, Column.DEPARTMENT, Column.DEPARTMENT)
    press(qtbot, page, Qt.Key.Key_V, CTRL)
    assert [ln.department for e in page.entries() for ln in e.lines] == ["Umum"] * 8
    assert page.model.line_count == 8
    assert page.undo_stack.count() == 1


def test_cut_is_copy_then_clear_as_one_step(qtbot, page):
    page.model.load_entries(month_of_entries(2))
    page.grid.select_area(0, 1, Column.MEMO, Column.MEMO)
    press(qtbot, page, Qt.Key.Key_X, CTRL)
    assert clipboard_text() == "PLN 1\r\nBank BCA\r\n"
    assert [ln.memo for ln in page.entries()[0].lines] == ["", ""]
    press(qtbot, page, Qt.Key.Key_Z, CTRL)
    assert [ln.memo for ln in page.entries()[0].lines] == ["PLN 1", "Bank BCA"]


def test_pasting_an_empty_clipboard_says_so(qtbot, page):
    page.model.load_entries(month_of_entries(1))
    set_clipboard("")
    page.select_cell(0, Column.MEMO)
    press(qtbot, page, Qt.Key.Key_V, CTRL)
    assert "Papan klip kosong" in page.banner.message.text()
    assert page.undo_stack.count() == 0


def test_pasted_values_that_cannot_be_read_stay_as_pasted_and_are_counted(qtbot, page):
    page.model.load_entries(month_of_entries(1))
    set_clipboard("satu juta\r\n31/02/2026\r\n")
    page.select_cell(0, Column.DEBIT)
    press(qtbot, page, Qt.Key.Key_V, CTRL)
    assert page.model.text(0, Column.DEBIT) == "satu juta"
    assert page.model.text(1, Column.DEBIT) == "31/02/2026"
    assert page.model.cell_problems(0, Column.DEBIT)
    assert "2 nilai tidak bisa dibaca" in page.banner.message.text()
    assert page.banner.kind == "warning"
    assert not page.is_ready()


def test_a_reference_and_description_pasted_on_a_new_entrys_number_stay_there(qtbot, page):
    page.model.load_entries(month_of_entries(3))
    page.select_cell(first_row(page, "JU-0003"), Column.ACCOUNT)
    qtbot.mouseClick(page.add_entry_button, Qt.MouseButton.LeftButton)  # JU-0004, blank
    row = first_row(page, "JU-0004")
    press(qtbot, page, Qt.Key.Key_Right)  # from its date to its number
    set_clipboard("KK-77\tKas kecil\r\n")

    press(qtbot, page, Qt.Key.Key_V, CTRL)

    (pasted,) = [e for e in page.entries() if e.reference == "KK-77"]
    assert pasted.description == "Kas kecil"
    assert first_row(page, "KK-77") == row
    assert [line.account for line in pasted.lines] == ["", ""]
