"""What a selection of grid cells adds up to (plain rules: Decimal, each cell once)."""

from __future__ import annotations

from decimal import Decimal

from app.core.books.number_style import NumberStyle
from app.core.grid.columns import Column
from app.core.grid.entry_table import EntryTable
from app.core.grid.selection_sum import merge_spans, sum_selection
from tests.helpers.grid_pages import month_of_entries
from tests.helpers.journal_data import CHART

D = Decimal
ALL = frozenset(Column)


def table(entries: int = 3) -> EntryTable:
    # month_of_entries: entry n debits and credits 100,000 + n × 1,000 (rows 2n-2, 2n-1).
    return EntryTable.build(month_of_entries(entries), CHART)


def test_a_debit_column_block_sums_to_the_cent_and_counts_its_cells():
    summed = sum_selection(table(), [(0, 5, Column.DEBIT, Column.DEBIT)], ALL)
    assert (summed.cells, summed.amounts, summed.total) == (6, 3, D("306000.00"))
    assert isinstance(summed.total, Decimal)


def test_debits_and_credits_are_summed_and_the_difference_and_texts_are_not():
    block = (0, 1, Column.DATE, Column.MEMO)  # the whole first entry, difference included
    summed = sum_selection(table(), [block], ALL)
    assert summed.cells == 2 * (Column.MEMO + 1)
    assert (summed.amounts, summed.total) == (2, D("202000.00"))


def test_overlapping_blocks_count_each_cell_once():
    blocks = [(0, 3, Column.DEBIT, Column.CREDIT), (2, 5, Column.DEBIT, Column.DEBIT)]
    summed = sum_selection(table(), blocks, ALL)
    assert summed.cells == 8 + 2
    assert summed.total == D("101000") * 2 + D("102000") * 2 + D("103000")


def test_hidden_columns_are_left_out():
    shown = ALL - {Column.CREDIT}
    summed = sum_selection(table(), [(0, 1, Column.DEBIT, Column.CREDIT)], shown)
    assert (summed.cells, summed.total) == (2, D("101000.00"))


def test_a_cell_that_could_not_be_read_holds_no_amount():
    grid = table(1)
    state, _reason = grid.typed_state(0, Column.DEBIT, "12x", NumberStyle.ID)
    grid.set_cell(0, Column.DEBIT, state)
    summed = sum_selection(grid, [(0, 1, Column.DEBIT, Column.CREDIT)], ALL)
    assert (summed.cells, summed.amounts, summed.total) == (4, 1, D("101000.00"))


def test_cent_fractions_add_up_exactly():
    entries = month_of_entries(3)
    for entry, amount in zip(entries, ("0.10", "0.20", "0.70"), strict=True):
        entry.lines[0].debit = entry.lines[1].credit = D(amount)
    summed = sum_selection(EntryTable.build(entries, CHART), [(0, 5, 5, 5)], ALL)
    assert summed.total == D("1.00")


def test_spans_are_merged_where_they_overlap_or_touch():
    assert merge_spans([(5, 7), (0, 2), (3, 3), (6, 9)]) == [(0, 3), (5, 9)]
