"""The journal grid's model: what an accountant sees and types in each cell, checked as they
type, one entry at a time."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

import app.core.grid.problems as grid_problems
from app.core.books.journal import Account, Chart
from app.core.excel.reader import read_workbook
from app.core.i18n import set_language
from app.ui.journal.grid.model import Column, EntriesModel, EntryTable
from tests.helpers.journal_data import CHART, D, electricity, sale
from tests.helpers.workbooks import write_workbook

DISPLAY = Qt.ItemDataRole.DisplayRole
EDIT = Qt.ItemDataRole.EditRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole
ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole


@pytest.fixture
def model(qtmodeltester) -> EntriesModel:
    journal = EntriesModel(chart=CHART)
    journal.load_entries([sale(), electricity()])
    qtmodeltester.check(journal)
    return journal


@pytest.fixture
def english():
    set_language("en")
    yield
    set_language("id")


def text(model: EntriesModel, row: int, column: Column, role=DISPLAY) -> object:
    return model.data(model.index(row, column), role)


def type_into(model: EntriesModel, row: int, column: Column, value: str) -> bool:
    return model.setData(model.index(row, column), value, EDIT)


def is_red(model: EntriesModel, row: int, column: Column) -> bool:
    return bool(model.cell_problems(row, column))


def test_one_row_per_line_with_the_entry_shown_on_its_first_line(model):
    assert model.rowCount() == 5
    assert model.columnCount() == len(Column)
    assert text(model, 0, Column.DATE) == "05/01/2026"
    assert text(model, 0, Column.REFERENCE) == "JU-2026-0001"
    assert text(model, 1, Column.REFERENCE) == ""  # the same entry: shown once, on top
    assert text(model, 3, Column.REFERENCE) == "JU-2026-0002"
    assert text(model, 0, Column.ACCOUNT_NAME) == "Kas"
    assert text(model, 4, Column.ACCOUNT_NAME) == "Bank BCA"
    assert text(model, 3, Column.DEPARTMENT) == "Umum"
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in Column]
    assert headers[:5] == ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Nama Akun"]
    assert "Debit" in headers and "Kredit" in headers and "Keterangan" in headers


def test_amounts_are_shown_indonesian_style_right_aligned_and_blank_when_zero(model):
    assert text(model, 0, Column.DEBIT) == "1.665.000,00"
    assert text(model, 0, Column.CREDIT) == ""
    assert text(model, 1, Column.CREDIT) == "1.500.000,00"
    alignment = text(model, 0, Column.DEBIT, ALIGNMENT)
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert text(model, 0, Column.DESCRIPTION, ALIGNMENT) is None


def test_entries_are_shaded_alternately_so_their_lines_read_as_one(model):
    first = {text(model, row, Column.MEMO, BACKGROUND).color().name() for row in range(3)}
    second = {text(model, row, Column.MEMO, BACKGROUND).color().name() for row in (3, 4)}
    assert len(first) == 1 and len(second) == 1
    assert first != second


def test_a_balanced_batch_with_real_accounts_is_ready(model):
    assert model.problem_count == 0
    assert model.is_ready
    assert model.entry_count == 2 and model.line_count == 5
    assert model.total_debit == model.total_credit == D("4015000.00")


def test_typing_an_indonesian_amount_stores_a_decimal_and_shows_the_difference(model):
    assert type_into(model, 0, Column.DEBIT, "1.765.000,00")
    assert model.table.lines[0].debit == D("1765000.00")
    assert isinstance(model.table.lines[0].debit, Decimal)
    assert text(model, 0, Column.DEBIT) == "1.765.000,00"
    assert text(model, 0, Column.DIFFERENCE) == "100.000,00"
    assert is_red(model, 0, Column.DIFFERENCE)
    tip = text(model, 0, Column.DIFFERENCE, TOOLTIP)
    assert "tidak seimbang" in tip and "100.000,00" in tip
    assert not model.is_ready
    assert model.total_debit == D("4115000.00")
    assert text(model, 3, Column.DIFFERENCE) == ""  # the other entry still balances


def test_fixing_the_amount_makes_the_batch_ready_again(qtbot, model):
    type_into(model, 1, Column.CREDIT, "1.400.000")
    assert not model.is_ready
    with qtbot.waitSignal(model.status_changed):
        type_into(model, 1, Column.CREDIT, "1500000")
    assert model.is_ready
    assert text(model, 0, Column.DIFFERENCE) == ""


def test_an_edit_rechecks_and_repaints_only_the_edited_entry(qtbot, model, monkeypatch):
    checked = []
    real_check, real_amounts = grid_problems.check_entry, grid_problems.check_amounts

    def counting_check(entry, chart, lines=None):
        checked.append(entry.reference)
        return real_check(entry, chart, lines)

    def counting_amounts(entry, lines, before, own_before):  # an amount typed: checked
        checked.append(entry.reference)
        return real_amounts(entry, lines, before, own_before)

    monkeypatch.setattr(grid_problems, "check_entry", counting_check)
    monkeypatch.setattr(grid_problems, "check_amounts", counting_amounts)
    repainted = []

    def on_changed(top, bottom, roles=()):
        repainted.append((top.row(), bottom.row()))

    model.dataChanged.connect(on_changed)
    type_into(model, 4, Column.CREDIT, "2.000.000,00")
    assert checked == ["JU-2026-0002"]
    assert repainted == [(3, 4)]
    assert model.problem_count == 1


def test_unknown_parent_and_suspended_accounts_are_marked_on_the_account_cell(model):
    type_into(model, 0, Column.ACCOUNT, "9999")
    assert is_red(model, 0, Column.ACCOUNT)
    assert "9999" in text(model, 0, Column.ACCOUNT, TOOLTIP)
    assert "daftar akun" in text(model, 0, Column.ACCOUNT, TOOLTIP)
    assert text(model, 0, Column.ACCOUNT_NAME) == ""
    assert text(model, 0, Column.ACCOUNT, BACKGROUND).color().name() == "#f8d7da"
    type_into(model, 1, Column.ACCOUNT, "1100")
    assert "akun induk" in text(model, 1, Column.ACCOUNT, TOOLTIP)
    type_into(model, 2, Column.ACCOUNT, "6199")
    assert "dinonaktifkan" in text(model, 2, Column.ACCOUNT, TOOLTIP)
    assert model.problem_count == 3
    type_into(model, 0, Column.ACCOUNT, "1101")
    assert not is_red(model, 0, Column.ACCOUNT)
    assert model.problem_count == 2


def test_a_completion_such_as_code_and_name_keeps_the_code(model):
    type_into(model, 0, Column.ACCOUNT, "1102 · Bank BCA")
    assert model.table.lines[0].account == "1102"
    assert text(model, 0, Column.ACCOUNT_NAME) == "Bank BCA"


def test_without_a_chart_any_account_code_is_accepted():
    journal = EntriesModel()
    journal.load_entries([sale()])
    assert journal.is_ready
    assert journal.data(journal.index(0, Column.ACCOUNT_NAME)) == ""


def test_a_value_that_cannot_be_read_stays_in_the_cell_as_typed_with_its_reason(qtbot, model):
    with qtbot.waitSignal(model.edit_unreadable) as unreadable:
        assert type_into(model, 0, Column.DEBIT, "satu juta")
    assert "bukan angka" in unreadable.args[0].id
    assert "not a number" in unreadable.args[0].en
    assert text(model, 0, Column.DEBIT) == "satu juta"
    assert text(model, 0, Column.DEBIT, EDIT) == "satu juta"  # the editor opens with it
    assert is_red(model, 0, Column.DEBIT)
    assert "bukan angka" in text(model, 0, Column.DEBIT, TOOLTIP)
    foreground = text(model, 0, Column.DEBIT, Qt.ItemDataRole.ForegroundRole)
    assert foreground.color().name() == "#9b1c1c"
    assert model.table.lines[0].debit == 0  # nothing is posted from it
    assert not model.is_ready
    assert [p.grid_row for p in model.located_problems()] == [0, 0]  # the cell, the balance
    assert type_into(model, 0, Column.DATE, "31/02/2026")
    assert text(model, 0, Column.DATE) == "31/02/2026"
    assert "tidak ada di kalender" in text(model, 0, Column.DATE, TOOLTIP)
    assert type_into(model, 0, Column.DEBIT, "1.665.000,00")
    assert type_into(model, 0, Column.DATE, "05/01/2026")
    assert not is_red(model, 0, Column.DEBIT) and not is_red(model, 0, Column.DATE)
    assert model.is_ready


def test_dates_are_typed_day_first_in_indonesian_forms(model):
    assert type_into(model, 0, Column.DATE, "5 Agustus 2026")
    assert model.table.entries[0].date == date(2026, 8, 5)
    assert text(model, 0, Column.DATE) == "05/08/2026"
    assert type_into(model, 0, Column.DATE, "06/08/26")
    assert text(model, 0, Column.DATE) == "06/08/2026"
    assert type_into(model, 0, Column.DATE, "")
    assert is_red(model, 0, Column.DATE)
    assert not model.is_ready


def test_entry_fields_are_edited_on_the_entry_first_line_only(model):
    editable = Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(0, Column.REFERENCE)) & editable
    assert not model.flags(model.index(1, Column.REFERENCE)) & editable
    assert model.flags(model.index(1, Column.ACCOUNT)) & editable
    assert not model.flags(model.index(0, Column.ACCOUNT_NAME)) & editable
    assert not model.flags(model.index(0, Column.DIFFERENCE)) & editable
    assert not type_into(model, 1, Column.REFERENCE, "X")


def test_a_reference_used_twice_marks_both_entries_until_renamed(model):
    type_into(model, 3, Column.REFERENCE, "JU-2026-0001")
    assert is_red(model, 0, Column.REFERENCE) and is_red(model, 3, Column.REFERENCE)
    assert "2 jurnal" in text(model, 0, Column.REFERENCE, TOOLTIP)
    assert model.problem_count == 2
    type_into(model, 3, Column.REFERENCE, "JU-2026-0009")
    assert not is_red(model, 0, Column.REFERENCE)
    assert model.problem_count == 0


def test_lines_and_entries_are_inserted_and_removed(qtmodeltester, model):
    qtmodeltester.check(model)
    row = model.insert_line(1)
    assert row == 2 and model.line_count == 6
    assert model.entry_rows(row) == (0, 3)
    assert is_red(model, row, Column.ACCOUNT) and is_red(model, row, Column.DEBIT)
    type_into(model, row, Column.ACCOUNT, "1102")
    type_into(model, row, Column.DEBIT, "1.000,00")
    type_into(model, 0, Column.DEBIT, "1.664.000,00")
    assert model.is_ready
    first = model.insert_entry(0)
    assert first == 4 and model.entry_count == 3
    assert text(model, first, Column.REFERENCE) == "JU-2026-0003"  # the next free number
    assert text(model, first, Column.DATE) == "05/01/2026"
    assert not model.is_ready
    model.remove_entries([first + 1])
    assert model.entry_count == 2 and model.line_count == 6
    assert model.is_ready
    model.remove_rows([2])
    assert not model.is_ready  # 1.664.000 debit against 1.665.000 credit now
    assert model.total_debit == D("4014000.00")


def test_removing_every_line_of_an_entry_removes_the_entry(model):
    model.remove_rows([3, 4])
    assert model.entry_count == 1
    assert [e.reference for e in model.entries()] == ["JU-2026-0001"]
    assert model.total_credit == D("1665000.00")


def test_a_first_entry_in_an_empty_grid(qtmodeltester):
    journal = EntriesModel(chart=CHART)
    qtmodeltester.check(journal)
    assert not journal.is_ready  # nothing to post
    row = journal.insert_entry()
    assert row == 0 and journal.line_count == 2
    journal.setData(journal.index(0, Column.DATE), "01/02/2026")
    journal.setData(journal.index(0, Column.REFERENCE), "KK-001")
    journal.setData(journal.index(0, Column.ACCOUNT), "6105")
    journal.setData(journal.index(0, Column.DEBIT), "250.000")
    journal.setData(journal.index(1, Column.ACCOUNT), "1101")
    journal.setData(journal.index(1, Column.CREDIT), "250.000")
    assert journal.is_ready
    assert journal.insert_entry(1) == 2
    assert journal.data(journal.index(2, Column.REFERENCE)) == "KK-002"


def test_entries_are_exported_as_copies_ready_for_posting(model):
    exported = model.entries()
    assert [e.reference for e in exported] == ["JU-2026-0001", "JU-2026-0002"]
    assert exported[0].lines[1].credit == D("1500000.00")
    assert all(e.is_balanced for e in exported)
    type_into(model, 1, Column.CREDIT, "1")
    assert exported[0].lines[1].credit == D("1500000.00")


def test_headers_and_problems_in_english(english, model):
    assert model.headerData(Column.CREDIT, Qt.Orientation.Horizontal) == "Credit"
    assert model.headerData(Column.REFERENCE, Qt.Orientation.Horizontal) == "Reference"
    type_into(model, 0, Column.ACCOUNT, "9999")
    assert "not in this company's chart" in text(model, 0, Column.ACCOUNT, TOOLTIP)


def test_a_new_chart_rechecks_every_entry(model):
    model.set_chart(Chart([Account("1101", "Kas Kecil")]))
    assert text(model, 0, Column.ACCOUNT_NAME) == "Kas Kecil"
    assert is_red(model, 1, Column.ACCOUNT)
    assert model.problem_count == 4  # 4101, 2105, 6105 and 1102 are not in it


# --- from a real workbook -------------------------------------------------------------------

HEADER = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit", "Keterangan"]


def test_import_problems_stay_on_their_cell_until_it_is_retyped(tmp_path, qtmodeltester):
    path = write_workbook(
        tmp_path / "jurnal.xlsx",
        [
            HEADER,
            [date(2026, 1, 5), "JU-1", "Penjualan", "1101", 1665000, None, "Kas"],
            [date(2026, 1, 5), "JU-1", "Penjualan", "4101", None, "satu juta", "Jual"],
            [date(2026, 1, 5), "JU-1", "Penjualan", "2105", None, 165000, "PPN"],
            [date(2026, 1, 6), "JU-2", "Listrik", "6105", 2350000, None, ""],
            [date(2026, 1, 6), "JU-2", "Listrik", "7777", None, 2350000, ""],
        ],
    )
    result = read_workbook(path, chart=CHART)
    journal = EntriesModel(chart=CHART)
    journal.load_import(result)
    qtmodeltester.check(journal)
    assert journal.problem_count == len(result.problems) == 3
    assert is_red(journal, 1, Column.CREDIT)
    assert "satu juta" in text(journal, 1, Column.CREDIT, TOOLTIP)
    assert is_red(journal, 4, Column.ACCOUNT)
    located = journal.located_problems()
    assert [(p.row_label, p.grid_row, p.grid_column) for p in located] == [
        ("2", 0, Column.DIFFERENCE),
        ("3", 1, Column.CREDIT),
        ("6", 4, Column.ACCOUNT),
    ]
    assert located[1].column_label == "F (Kredit)"
    assert journal.headerData(1, Qt.Orientation.Vertical) == "3"  # the worksheet row
    # Editing another cell of the entry keeps the file's problem on its cell.
    journal.setData(journal.index(2, Column.MEMO), "PPN 11%")
    assert "satu juta" in text(journal, 1, Column.CREDIT, TOOLTIP)
    journal.setData(journal.index(1, Column.CREDIT), "1.500.000,00")
    journal.setData(journal.index(4, Column.ACCOUNT), "1102")
    assert journal.problem_count == 0
    assert journal.is_ready


def test_a_table_built_on_a_worker_is_shown_whole(qtmodeltester):
    entries = [sale(), electricity()]
    table = EntryTable.build(entries, CHART)
    journal = EntriesModel(chart=CHART)
    qtmodeltester.check(journal)
    journal.load(table)
    assert journal.rowCount() == 5
    assert journal.is_ready
