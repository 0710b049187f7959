"""A Delete over a whole column makes tens of thousands of problems at once; they are made
cheaply (words when read, cells when listed, only the emptied lines checked again) and must
read exactly as problems made the slow way: same words in both languages, same cells, same
order, same count."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import Qt

from app.core.books import checks as journal_checks
from app.core.books.checks import LaterProblems
from app.core.books.journal import FRACTION_OF_CENT, JournalEntry, JournalLine, Problem
from app.core.books.number_style import NumberStyle
from app.core.grid.cells import BLANK_STATES
from app.core.grid.columns import Column
from app.core.grid.entry_table import EntryTable
from app.core.grid.problems import LocatedProblem
from app.core.i18n import LazyText, Text
from app.ui.journal.page import JournalPage
from tests.helpers.grid_pages import (
    CTRL,
    click_column_header,
    month_of_entries,
    press,
    type_in_cell,
)
from tests.helpers.journal_data import CHART


def emptied_debits(count: int) -> EntryTable:
    """A table whose Debit column was emptied cell by cell, each line checked alone."""
    table = EntryTable.build(month_of_entries(count), CHART)
    for row, line in enumerate(table.lines):
        if line.debit:
            table.set_cell(
                row,
                Column.DEBIT,
                table.typed_state(row, Column.DEBIT, "", NumberStyle.ID)[0],
                check=False,
            )
            table.recheck(table.owners[row], [line])
    return table


def test_problems_after_emptying_a_column_read_as_if_every_entry_were_checked_afresh():
    edited = emptied_debits(40)
    fresh = EntryTable.build(edited.copied_entries(), CHART)

    listed, expected = edited.located_problems(), fresh.located_problems()

    assert len(listed) == len(expected) == edited.problem_count == fresh.problem_count == 80
    assert list(listed) == list(expected)
    assert [p.text.both() for p in listed] == [p.text.both() for p in expected]
    assert listed[-1] == expected[-1] and listed[5:8] == list(expected)[5:8]
    assert "tidak seimbang: debit 0,00, kredit 101.000,00" in listed[1].text.id
    assert "does not balance: debit 0.00, credit 101,000.00" in listed[1].text.en


def test_an_unbalanced_entrys_words_are_those_of_the_totals_when_it_was_checked():
    table = emptied_debits(2)
    balance = table.located_problems()[1].text
    table.set_cell(1, Column.CREDIT, table.typed_state(1, Column.CREDIT, "5", NumberStyle.ID)[0])
    # The problem made before the change still says what was true then, when first read.
    assert "kredit 101.000,00" in balance.id


def test_words_made_when_read_equal_the_same_words_made_at_once():
    made: list[int] = []
    lazy = LazyText(
        lambda: made.append(1) or Text("Jurnal JU-1 tidak seimbang", "Entry JU-1 does not balance")
    )
    assert made == []
    assert lazy == Text("Jurnal JU-1 tidak seimbang", "Entry JU-1 does not balance")
    assert Text("Jurnal JU-1 tidak seimbang", "Entry JU-1 does not balance") == lazy
    assert lazy.get("en") == "Entry JU-1 does not balance" and made == [1]  # made once


def test_amounts_with_a_fraction_of_a_cent_are_counted_without_listing_them():
    entries = month_of_entries(3)
    entries[1].lines[0].debit = Decimal("101000.125")
    entries[1].lines[1].credit = Decimal("101000.125")
    table = EntryTable.build(entries, CHART)

    problems = table.located_problems()

    assert problems.code_count(FRACTION_OF_CENT) == 2
    assert [p.code for p in problems].count(FRACTION_OF_CENT) == 2


# --- a whole column's Delete, its undo and redo, in the journal page --------------------------


def varied_month() -> list[JournalEntry]:
    """Entries whose problems are more than "no amount" and "does not balance" once a column
    is emptied: an unknown account, an amount with a fraction of a cent, no date, a line
    already without an amount, three lines, one line alone."""
    entries = month_of_entries(8)
    entries[1].lines[0].account = "9999"  # marked before and after the Delete
    entries[2].lines[1].credit = Decimal("102000.125")  # a fraction of a cent: rounding
    entries[2].lines[0].debit = Decimal("102000.125")
    entries[3].date = None  # the entry's own problem, kept beside "does not balance"
    entries[4].lines[0].debit = Decimal("0")  # no amount before, still none after
    entries[5].lines.append(JournalLine("6105", debit=Decimal("1"), row=99))  # three lines
    entries[5].lines[1].credit += Decimal("1")
    entries[6].lines.pop()  # one line alone: too few lines, whatever its amounts
    return entries


def listed(problems: Sequence[LocatedProblem]) -> list[tuple]:
    """Everything the problem list shows of each problem, in both languages."""
    return [
        (p.text.id, p.text.en, p.sheet, p.row_label, p.column_label, p.grid_row, p.grid_column)
        for p in problems
    ]


def assert_problems_as_checked_afresh(page: JournalPage) -> None:
    """What the page shows equals what checking its entries from scratch finds."""
    table = page.model.table
    fresh = EntryTable.build(page.entries(), CHART)
    assert page.model.problem_count == fresh.problem_count
    assert listed(table.located_problems()) == listed(fresh.located_problems())
    assert table.located_problems() == fresh.located_problems()
    assert table.code_count(FRACTION_OF_CENT) == fresh.code_count(FRACTION_OF_CENT)
    for row in range(len(table.lines)):
        for column in Column:
            shown = [text.both() for text in table.cell_problems(row, column)]
            assert shown == [text.both() for text in fresh.cell_problems(row, column)]


def test_problems_after_deleting_a_whole_column_and_its_undo_and_redo_read_as_checked_afresh(
    qtbot, page
):
    page.model.load_entries(varied_month())
    original = listed(page.model.located_problems())
    click_column_header(qtbot, page, Column.DEBIT)

    press(qtbot, page, Qt.Key.Key_Delete)

    assert_problems_as_checked_afresh(page)
    shown = listed(page.model.located_problems())
    assert any("does not balance: debit 0.00, credit 102,000.125" in p[1] for p in shown)
    assert any("tidak seimbang: debit 0,00, kredit 102.000,125" in p[0] for p in shown)
    assert sum("no amount" in p[1] for p in shown) == 9  # every debit line, JU-0005's too
    assert page.problems_panel.fixable_count == 1  # only the credit's fraction is left
    press(qtbot, page, Qt.Key.Key_Z, CTRL)
    assert_problems_as_checked_afresh(page)
    assert listed(page.model.located_problems()) == original
    assert page.problems_panel.fixable_count == 2
    press(qtbot, page, Qt.Key.Key_Y, CTRL)
    assert_problems_as_checked_afresh(page)
    assert listed(page.model.located_problems()) == shown
    assert page.problems_panel.fixable_count == 1


def test_lines_removed_after_a_column_delete_come_back_with_their_problems(qtbot, page):
    page.model.load_entries(varied_month())
    click_column_header(qtbot, page, Column.CREDIT)
    press(qtbot, page, Qt.Key.Key_Delete)
    after_delete = listed(page.model.located_problems())
    press(qtbot, page, Qt.Key.Key_A, CTRL)

    page.edit_actions.remove_lines.trigger()

    assert page.model.problem_count == 0 and page.problems_panel.fixable_count == 0
    press(qtbot, page, Qt.Key.Key_Z, CTRL)
    assert listed(page.model.located_problems()) == after_delete
    assert_problems_as_checked_afresh(page)
    press(qtbot, page, Qt.Key.Key_Z, CTRL)
    assert_problems_as_checked_afresh(page)
    assert page.problems_panel.fixable_count == 2


# --- problems made when read ------------------------------------------------------------------


def test_a_column_delete_makes_no_problem_until_one_is_read(monkeypatch):
    made: list[str] = []
    real_no_amount, real_unbalanced = journal_checks._no_amount, journal_checks._with_unbalanced

    def no_amount(*args):
        made.append("no amount")
        return real_no_amount(*args)

    def unbalanced(*args):
        made.append("unbalanced")
        return real_unbalanced(*args)

    monkeypatch.setattr(journal_checks, "_no_amount", no_amount)
    monkeypatch.setattr(journal_checks, "_with_unbalanced", unbalanced)
    table = EntryTable.build(month_of_entries(50), CHART)
    rows = table.filled_rows(Column.DEBIT, 0, len(table.lines) - 1)
    table.set_cells([(row, Column.DEBIT, BLANK_STATES[Column.DEBIT]) for row in rows])
    table.recheck_entries(
        table.entries,
        {id(table.owners[row]): [table.lines[row]] for row in rows},
        amounts_only=True,
    )

    assert table.problem_count == 100 and table.code_count(FRACTION_OF_CENT) == 0
    assert len(table.located_problems()) == 100
    assert made == []
    texts = table.cell_problems(2, Column.DEBIT) + table.cell_problems(2, Column.DIFFERENCE)
    assert [text.en for text in texts] == [
        "This line has no amount; fill in a debit or a credit.",
        "Entry JU-0002 does not balance: debit 0.00, credit 102,000.00, difference 102,000.00.",
    ]
    assert made == ["no amount", "unbalanced"]  # the second entry's, and only once
    table.cell_problems(2, Column.DEBIT)
    assert made == ["no amount", "unbalanced"]


def test_problems_made_when_read_equal_the_same_problems_made_at_once():
    made: list[int] = []
    problem = Problem(Text("Tanggal jurnal kosong.", "The entry's date is empty."), "J", 3)
    later = LaterProblems(1, lambda: made.append(1) or [problem])

    assert len(later) == 1 and bool(later) and made == []
    assert later == [problem] and [problem] == list(later) and later[0] is problem
    assert later[-1:] == [problem]
    assert made == [1]  # made once, kept
    assert LaterProblems(0, list) == []


# --- a Delete over a column where a cell holds text that could not be read ------------------


def test_a_column_delete_over_unreadable_typed_text_empties_it_and_undo_brings_it_back(qtbot, page):
    page.model.load_entries(month_of_entries(4))
    type_in_cell(qtbot, page, 2, Column.DEBIT, "12,3,4")
    assert page.model.table.is_unreadable(2, Column.DEBIT)
    typed = listed(page.model.located_problems())
    click_column_header(qtbot, page, Column.DEBIT)

    press(qtbot, page, Qt.Key.Key_Delete)

    assert [page.model.text(row, Column.DEBIT) for row in (0, 2, 4, 6)] == ["", "", "", ""]
    assert not page.model.table.is_unreadable(2, Column.DEBIT)
    assert_problems_as_checked_afresh(page)
    assert "4 sel dikosongkan" in page.banner.message.text()
    press(qtbot, page, Qt.Key.Key_Z, CTRL)
    assert page.model.text(2, Column.DEBIT) == "12,3,4"
    assert page.model.table.is_unreadable(2, Column.DEBIT)
    assert page.model.text(0, Column.DEBIT) == "101.000,00"
    assert listed(page.model.located_problems()) == typed
    press(qtbot, page, Qt.Key.Key_Y, CTRL)
    assert page.model.text(2, Column.DEBIT) == ""
    assert_problems_as_checked_afresh(page)
