"""Whole journal rows pasted into the grid, from the real system clipboard with the real
Ctrl+V: they become new entries below the entry the cursor is in, whichever column the
cursor stands in, and nothing of an entry already in the grid is written over. Rows that
repeat their entry's date, reference and description (the usual Excel layout) are one entry.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from app.core.grid.columns import OPTIONAL_COLUMNS, Column
from tests.helpers.grid_pages import (
    CTRL,
    SHIFT,
    first_row,
    month_of_entries,
    press,
    set_clipboard,
    snapshot,
)

D = Decimal
# As Excel puts a journal sheet's rows on the clipboard: tab-separated, CRLF, every line
# repeating its entry's date, reference and description.
EXCEL_ROWS = (
    "10/02/2026\tKM-7\tSetoran tunai\t1101\t500.000\t\tKas masuk\r\n"
    "10/02/2026\tKM-7\tSetoran tunai\t4101\t\t500.000\tPenjualan\r\n"
    "11/02/2026\tKK-8\tBayar listrik\t6105\t250.000,50\t\tPLN\r\n"
    "11/02/2026\tKK-8\tBayar listrik\t1102\t\t200.000\tBank BCA\r\n"
    "11/02/2026\tKK-8\tBayar listrik\t2105\t\t50.000,50\tPPN\r\n"
)
SHOWN_COLUMNS = [column for column in Column if column not in OPTIONAL_COLUMNS]


def pasted_entries_are_right(page) -> None:
    entries = page.entries()
    assert [e.reference for e in entries] == ["JU-0001", "JU-0002", "KM-7", "KK-8", "JU-0003"]
    cash, power = entries[2], entries[3]
    assert (cash.date, cash.description) == (date(2026, 2, 10), "Setoran tunai")
    assert [(ln.account, ln.debit, ln.credit, ln.memo) for ln in cash.lines] == [
        ("1101", D("500000.00"), D("0.00"), "Kas masuk"),
        ("4101", D("0.00"), D("500000.00"), "Penjualan"),
    ]
    assert (power.date, power.description) == (date(2026, 2, 11), "Bayar listrik")
    assert [(ln.account, ln.debit, ln.credit) for ln in power.lines] == [
        ("6105", D("250000.50"), D("0.00")),
        ("1102", D("0.00"), D("200000.00")),
        ("2105", D("0.00"), D("50000.50")),
    ]
    assert cash.is_balanced and power.is_balanced


@pytest.mark.parametrize("line", [0, 1], ids=["first-line", "second-line"])
@pytest.mark.parametrize("column", SHOWN_COLUMNS, ids=lambda c: c.name.lower())
def test_whole_rows_pasted_in_any_column_become_new_entries_and_overwrite_nothing(
    qtbot, page, column, line
):
    page.model.load_entries(month_of_entries(3))
    before = [snapshot(entry) for entry in page.entries()]
    page.select_cell(first_row(page, "JU-0002") + line, column)
    set_clipboard(EXCEL_ROWS)

    press(qtbot, page, Qt.Key.Key_V, CTRL)

    after = page.entries()
    assert [snapshot(e) for e in (after[0], after[1], after[4])] == before  # none changed
    pasted_entries_are_right(page)
    assert page.is_ready()
    message = page.banner.message.text()
    assert "2 jurnal baru (5 baris) ditempel di bawah jurnal JU-0002" in message
    assert "dibaca sebagai satu jurnal" in message
    assert "tidak ditempel" not in message and "ditulis" not in message
    assert page.undo_stack.count() == 1  # one step ...
    press(qtbot, page, Qt.Key.Key_Z, CTRL)
    assert [snapshot(entry) for entry in page.entries()] == before  # ... undone at once


def test_rows_with_headers_pasted_in_the_account_column_become_entries(qtbot, page):
    page.model.load_entries(month_of_entries(2))
    before = [snapshot(entry) for entry in page.entries()]
    set_clipboard(
        "Tanggal\tNo. Bukti\tDeskripsi\tKode Akun\tDebit\tKredit\r\n"
        + "".join("\t".join(line.split("\t")[:6]) + "\r\n" for line in EXCEL_ROWS.splitlines())
    )
    page.select_cell(0, Column.ACCOUNT)

    press(qtbot, page, Qt.Key.Key_V, CTRL)

    entries = page.entries()
    assert [e.reference for e in entries] == ["JU-0001", "KM-7", "KK-8", "JU-0002"]
    assert [snapshot(entries[0]), snapshot(entries[3])] == before
    assert "2 jurnal baru (5 baris) ditempel" in page.banner.message.text()


def test_a_later_row_naming_another_description_is_reported_not_silently_dropped(qtbot, page):
    page.model.load_entries(month_of_entries(1))
    set_clipboard(
        "10/02/2026\tKM-7\tSetoran tunai\t1101\t500.000\t\r\n"
        "10/02/2026\tKM-7\tSetoran kas\t4101\t\t500.000\r\n"
    )
    page.select_cell(0, Column.MEMO)
    press(qtbot, page, Qt.Key.Key_V, CTRL)
    pasted = page.entries()[1]
    assert (pasted.reference, pasted.description) == ("KM-7", "Setoran tunai")
    message = page.banner.message.text()
    assert "1 jurnal baru (2 baris) ditempel" in message
    assert "1 sel Tanggal, No. Bukti, Deskripsi atau Cabang di baris berikutnya" in message


def test_rows_without_a_date_under_whole_rows_are_added_to_the_entry_not_written_over_it(
    qtbot, page
):
    page.model.load_entries(month_of_entries(2))
    first = page.entries()[0]
    set_clipboard(
        "\t\t\t2105\t\t1.000\tPPN\r\n"  # a line of the entry above the copied block
        "12/02/2026\tKK-9\tKas kecil\t6105\t50.000\t\tATK\r\n"
        "\t\t\t1101\t\t50.000\tKas\r\n"
    )
    page.select_cell(0, Column.ACCOUNT)
    press(qtbot, page, Qt.Key.Key_V, CTRL)
    entries = page.entries()
    assert [e.reference for e in entries] == ["JU-0001", "KK-9", "JU-0002"]
    lines = entries[0].lines
    assert [(ln.account, ln.memo) for ln in lines[:2]] == [
        (ln.account, ln.memo) for ln in first.lines
    ]  # its own lines as they were, the row without a date added below them
    assert (lines[2].account, lines[2].credit) == ("2105", D("1000.00"))
    assert "1 baris tanpa tanggal dan No. Bukti ditambahkan ke jurnal JU-0001" in (
        page.banner.message.text()
    )


def test_one_date_pasted_into_a_date_cell_is_written_there(qtbot, page):
    page.model.load_entries(month_of_entries(2))
    set_clipboard("17/02/2026\r\n")
    page.select_cell(first_row(page, "JU-0002"), Column.DATE)
    press(qtbot, page, Qt.Key.Key_V, CTRL)
    assert [e.reference for e in page.entries()] == ["JU-0001", "JU-0002"]
    assert page.entries()[1].date == date(2026, 2, 17)


def test_paste_over_still_writes_whole_rows_over_the_rows_below(qtbot, page):
    page.model.load_entries(month_of_entries(2))
    set_clipboard("10/02/2026\tKM-7\tSetoran tunai\t1101\t500.000\t\r\n\t\t\t4101\t\t500.000\r\n")
    page.select_cell(0, Column.ACCOUNT)
    press(qtbot, page, Qt.Key.Key_V, CTRL | SHIFT)  # the explicit choice
    entries = page.entries()
    assert [e.reference for e in entries] == ["KM-7", "JU-0002"]
    assert [ln.account for ln in entries[0].lines] == ["1101", "4101"]
    assert "ditulis menimpa" in page.banner.message.text() or "ditulis di" in (
        page.banner.message.text()
    )


def test_whole_rows_pasted_into_a_new_empty_entry_fill_it_first(qtbot, page):
    page.model.load_entries(month_of_entries(2))
    before = [snapshot(entry) for entry in page.entries()]
    page.select_cell(0, Column.MEMO)
    qtbot.mouseClick(page.add_entry_button, Qt.MouseButton.LeftButton)  # JU-0003, blank
    set_clipboard(EXCEL_ROWS)

    press(qtbot, page, Qt.Key.Key_V, CTRL)

    entries = page.entries()
    assert [e.reference for e in entries] == ["JU-0001", "KM-7", "KK-8", "JU-0002"]
    assert [snapshot(entries[0]), snapshot(entries[3])] == before
    assert "2 jurnal baru (5 baris) ditempel, mulai di jurnal JU-0003 yang masih kosong" in (
        page.banner.message.text()
    )
    assert page.is_ready()
