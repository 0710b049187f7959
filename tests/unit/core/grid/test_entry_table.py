"""The grid's table without Qt: cells that keep what was typed, rows taken out and put back
exactly (what undo relies on), and paste plans that never write over another entry."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.books.journal import Chart, JournalEntry, JournalLine, Problem
from app.core.books.number_style import NumberStyle
from app.core.grid.clipboard import (
    AMOUNT,
    format_block,
    header_targets,
    is_journal_rows,
    parse_block,
    place_block,
    positional_targets,
)
from app.core.grid.columns import Column
from app.core.grid.entry_table import EntryTable
from app.core.grid.find import find_cell, replace_edits
from app.core.grid.paste import plan_paste
from app.core.i18n import Text
from tests.helpers.grid_pages import month_of_entries
from tests.helpers.grid_tables import state_of
from tests.helpers.journal_data import CHART

D = Decimal
ID = NumberStyle.ID


def test_the_grids_data_and_rules_import_without_qt():
    code = (
        "import sys\n"
        "import app.core.grid.entry_table, app.core.grid.paste, app.core.grid.find\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_unreadable_text_stays_in_the_cell_and_undoing_puts_the_value_back():
    table = EntryTable.build(month_of_entries(2), CHART)
    before = table.cell_state(0, Column.DEBIT)
    typed, reason = table.typed_state(0, Column.DEBIT, "12,3,4", ID)
    assert reason is not None and "gaya Indonesia" in reason.id
    table.set_cell(0, Column.DEBIT, typed)
    assert table.text(0, Column.DEBIT) == "12,3,4"
    assert table.is_unreadable(0, Column.DEBIT)
    assert table.lines[0].debit == 0 and table.total_debit == D("102000.00")
    assert table.problem_count == 2  # the cell, and the balance it breaks
    table.set_cell(0, Column.DEBIT, before)
    assert table.text(0, Column.DEBIT) == "101.000,00"
    assert table.problem_count == 0 and table.total_debit == D("203000.00")


def test_a_typed_fraction_of_a_cent_is_kept_for_the_round_button():
    table = EntryTable.build(month_of_entries(1), CHART)
    # Grouped, so no English reader takes it for thousands ("10,125" alone could be either).
    table.edit(0, Column.DEBIT, "1.010,125", ID)
    assert table.lines[0].debit == D("1010.125")
    assert table.text(0, Column.DEBIT) == "1.010,125"
    assert "fraction-of-cent" in [p.code for p in table.located_problems()]


def test_a_rate_with_three_decimals_is_shown_as_typing_reads_it_back():
    table = EntryTable.build(month_of_entries(1), CHART)
    table.edit(0, Column.RATE, "105,372", ID)  # 105.372, or English 105372?
    assert table.lines[0].rate is None and table.cell_problems(0, Column.RATE)
    table.edit(0, Column.RATE, "105,3720", ID)
    assert table.lines[0].rate == D("105.372")
    shown = table.text(0, Column.RATE, ID)
    assert shown == "105,3720"
    table.edit(1, Column.RATE, shown, ID)  # copied and pasted back: the same rate
    assert table.lines[1].rate == D("105.372") and not table.cell_problems(1, Column.RATE)


def entries_with_problems(count: int) -> list[JournalEntry]:
    entries = month_of_entries(count)
    entries[0].lines[0].account = "9999"
    entries[-1].lines.append(JournalLine("", row=999))
    return entries


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_rows_removed_and_put_back_leave_the_table_exactly_as_it_was(data):
    read = [
        Problem(Text("bukan angka", "not a number"), "Jurnal", 4, "E (Debit)", "debit", "JU-0002")
    ]
    table = EntryTable.build(
        entries_with_problems(5), CHART, read, unread={(4, "debit"): "satu juta"}
    )
    original = state_of(table)
    first = data.draw(st.integers(0, len(table.lines) - 1))
    last = data.draw(st.integers(first, len(table.lines) - 1))
    block = table.remove_rows(first, last)
    assert len(table.lines) == len(original[0]) - (last - first + 1)
    table.insert_rows(first, block)
    assert state_of(table) == original


def test_entries_put_back_under_another_chart_are_checked_against_it():
    table = EntryTable.build(month_of_entries(3), CHART)
    block = table.remove_rows(2, 5)  # JU-0002 and JU-0003, whole
    assert table.problem_count == 0
    table.set_chart(Chart([a for a in CHART.values() if a.code != "6105"]))
    table.insert_rows(2, block)
    assert [bool(table.cell_problems(row, Column.ACCOUNT)) for row in range(6)] == [
        True, False, True, False, True, False,
    ]  # fmt: skip
    assert table.problem_count == 3


def test_a_new_entry_cannot_be_put_inside_another():
    table = EntryTable.build(month_of_entries(2), CHART)
    gap, block = table.new_entry_block(0)
    assert gap == 2
    with pytest.raises(ValueError):
        table.insert_rows(1, block)
    assert state_of(table) == state_of(EntryTable.build(month_of_entries(2), CHART))


# --- clipboard text -------------------------------------------------------------------------


def test_tab_separated_blocks_round_trip_with_excel_quoting():
    cells = [["05/01/2026", 'Kas "kecil"', "baris 1\nbaris 2"], ["", "a\tb", "1.500,00"]]
    text = format_block(cells)
    assert text.endswith("\r\n")
    assert parse_block(text) == cells
    assert parse_block("a\tb\nc\td") == [["a", "b"], ["c", "d"]]
    assert parse_block("12,5") == [["12,5"]]
    assert parse_block('"unclosed\tx') == [['"unclosed', "x"]]


def test_a_header_row_maps_columns_by_name_and_skips_the_computed_ones():
    targets = header_targets(["Tanggal", "No. Bukti", "Nama Akun", "Kode Akun", "Jumlah", "x"])
    assert targets == [Column.DATE, Column.REFERENCE, None, Column.ACCOUNT, AMOUNT, None]
    assert header_targets(["05/01/2026", "JU-1", "Penjualan", "1101", "1.000"]) is None
    assert header_targets(["Debit"]) is None  # one name is not a header row
    assert positional_targets(Column.ACCOUNT, 4) == [
        Column.ACCOUNT,
        Column.DEBIT,
        Column.CREDIT,
        Column.MEMO,
    ]
    placed = place_block([["Kode Akun", "Debit"], ["1101", "5"]], Column.MEMO)
    assert placed.rows == [["1101", "5"]] and placed.targets == [Column.ACCOUNT, Column.DEBIT]


@pytest.mark.parametrize(
    ("cells", "journal"),
    [
        ([["05/02/2026", "KM-1", "Setoran"], ["", "", ""]], True),  # dates first
        ([["5 Feb 2026", "KM-1"]], True),
        ([["31/02/2026", "KM-1"], ["05/02/2026", "KM-1"]], True),  # a mistyped date too
        ([["05/02/2026"]], False),  # one column: values, not rows
        ([["1.1.01", "100.000"], ["2.1.01", ""]], False),  # account codes that parse as dates
        ([["1101", "100.000", ""]], False),
        ([[""] * 3 + ["1101", "5"] + [""] * 4], True),  # template-wide continuation rows
        ([["1101"] + [""] * 8], False),  # as wide, from the account column
    ],
)
def test_journal_rows_are_told_by_their_first_column_not_the_cursor(cells, journal):
    assert is_journal_rows(cells) is journal


def test_a_signed_amount_column_becomes_debit_or_credit():
    table = EntryTable(CHART)
    cells = [
        ["Tanggal", "No. Bukti", "Kode Akun", "Jumlah"],
        ["05/01/2026", "JU-1", "1101", "1.000"],
        ["", "", "4101", "-1.000"],
    ]
    placed = place_block(cells, 0)
    plan = plan_paste(table, placed.rows, placed.targets, None, ID, whole_rows=placed.whole_rows)
    assert plan.new_entries == 1 and len(plan.block) == 2
    assert (1, Column.CREDIT, "1.000,00") in plan.edits
    assert (0, Column.DEBIT, "1.000") in plan.edits


def test_pasted_entries_follow_the_readers_grouping():
    table = EntryTable.build(month_of_entries(3), CHART)
    cells = [
        ["05/01/2026", "A-1", "x", "1101", "1", ""],
        ["05/01/2026", "A-1", "x", "4101", "", "1"],  # the same reference: same entry
        ["05/01/2026", "", "", "1101", "2", ""],  # no reference, same date: same entry
        ["06/01/2026", "", "y", "1101", "3", ""],  # another date: a new entry
        ["", "", "", "4101", "", "3"],
    ]
    plan = plan_paste(table, cells, positional_targets(0, 6), 1, ID)
    assert plan.new_entries == 2 and plan.written == 0
    assert plan.gap == 2  # below the entry pasted into
    owners = plan.block.owners
    assert owners[0] is owners[1] is owners[2] and owners[3] is owners[4] is not owners[0]


def test_an_empty_new_entry_takes_the_first_pasted_entry():
    table = EntryTable.build(month_of_entries(2), CHART)
    gap, block = table.new_entry_block(0)
    table.insert_rows(gap, block)
    cells = [["07/01/2026", "B-7", "Sewa", "6105", "5", ""], ["", "", "", "1101", "", "5"]]
    plan = plan_paste(table, cells, positional_targets(0, 6), gap + 1, ID)
    assert plan.block is None and plan.new_entries == 0 and plan.written == 2
    assert (gap, Column.REFERENCE, "B-7") in plan.edits


# --- find and replace -----------------------------------------------------------------------


def test_find_wraps_around_and_replace_stays_in_its_column():
    table = EntryTable.build(month_of_entries(3), CHART)
    columns = list(Column)
    assert find_cell(table, "bank bca", (0, Column.MEMO), columns, ID) == (1, Column.ACCOUNT_NAME)
    assert find_cell(table, "listrik 1", (5, Column.MEMO), columns, ID) == (0, Column.DESCRIPTION)
    assert find_cell(table, "listrik 1", (0, Column.DESCRIPTION), columns, ID, backwards=True) == (
        0,
        Column.DESCRIPTION,
    )
    assert find_cell(table, "tidak ada", None, columns, ID) is None
    edits = replace_edits(table, "pln", "PLN Persero", Column.MEMO, ID)
    assert edits == [
        (0, Column.MEMO, "PLN Persero 1"),
        (2, Column.MEMO, "PLN Persero 2"),
        (4, Column.MEMO, "PLN Persero 3"),
    ]
    assert replace_edits(table, "JU", "X", Column.REFERENCE, ID, rows=[1]) == []  # not editable


def test_dates_copied_are_day_first():
    entry = JournalEntry(date(2026, 8, 5), "R", "", [JournalLine("1101"), JournalLine("4101")])
    table = EntryTable.build([entry], CHART)
    assert table.text(0, Column.DATE) == "05/08/2026"


def test_a_cell_is_blank_exactly_when_it_shows_nothing():
    table = EntryTable.build(month_of_entries(2), CHART)
    typed, _reason = table.typed_state(1, Column.CREDIT, "12,3,4", ID)
    table.set_cell(1, Column.CREDIT, typed)  # unreadable: no value, but text in the cell
    table.set_cell(2, Column.MEMO, table.typed_state(2, Column.MEMO, "", ID)[0])
    for row in range(len(table.lines)):
        for column in Column:
            shown = table.text(row, column)
            if column not in (Column.ACCOUNT_NAME, Column.DIFFERENCE):
                assert table.is_blank(row, column) == (shown == ""), (row, column, shown)
    assert not table.is_blank(1, Column.CREDIT) and table.is_blank(1, Column.DEBIT)
    assert table.is_blank(1, Column.REFERENCE)  # an entry's cells show on its first line only
    last = len(table.lines) - 1
    for column in Column:  # what a Delete over a whole column empties, looked up at once
        if column not in (Column.ACCOUNT_NAME, Column.DIFFERENCE):
            filled = [row for row in range(last + 1) if not table.is_blank(row, column)]
            assert table.filled_rows(column, 0, last) == filled, column
            assert table.filled_rows(column, 1, 2) == [r for r in filled if 1 <= r <= 2]
