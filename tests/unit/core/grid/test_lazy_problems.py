"""A Delete over a whole column makes tens of thousands of problems at once; they are made
cheaply (words when read, cells when listed, only the emptied lines checked again) and must
read exactly as problems made the slow way: same words in both languages, same cells, same
order, same count."""

from __future__ import annotations

from decimal import Decimal

from app.core.books.journal import FRACTION_OF_CENT
from app.core.books.money import NumberStyle
from app.core.grid.columns import Column
from app.core.grid.entry_table import EntryTable
from app.core.i18n import LazyText, Text
from tests.helpers.grid_pages import month_of_entries
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
