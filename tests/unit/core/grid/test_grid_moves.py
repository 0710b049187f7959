"""Where Enter, Shift+Enter, Tab and Shift+Tab take the grid's cursor (plain rules)."""

from __future__ import annotations

from app.core.grid.columns import Column
from app.core.grid.entry_table import EntryTable
from app.core.grid.moves import GridCursor, Move, tab_order
from tests.helpers.grid_pages import month_of_entries
from tests.helpers.journal_data import CHART

SHOWN = [c for c in Column if c <= Column.PROJECT]  # the usual columns, no optional ones


def cursor(rows: int = 6) -> GridCursor:
    table = EntryTable.build(month_of_entries(rows // 2), CHART)
    return GridCursor(len(table.lines), SHOWN, table.is_editable)


def test_tab_skips_the_account_name_and_the_difference():
    moves = cursor()
    cell = (0, Column.ACCOUNT)
    visited = []
    for _ in range(4):
        cell = moves.moved(cell, Move.RIGHT)
        visited.append(cell[1])
    assert visited == [Column.DEBIT, Column.CREDIT, Column.MEMO, Column.DEPARTMENT]


def test_tab_at_the_last_column_wraps_to_the_next_lines_first_cell_it_can_type_in():
    # The second line of an entry has no date, reference or description of its own.
    assert cursor().moved((0, Column.PROJECT), Move.RIGHT) == (1, Column.ACCOUNT)
    assert cursor().moved((1, Column.PROJECT), Move.RIGHT) == (2, Column.DATE)


def test_shift_tab_goes_left_and_wraps_to_the_previous_lines_last_cell():
    assert cursor().moved((0, Column.DEBIT), Move.LEFT) == (0, Column.ACCOUNT)
    assert cursor().moved((1, Column.ACCOUNT), Move.LEFT) == (0, Column.PROJECT)
    assert cursor().moved((2, Column.DATE), Move.LEFT) == (1, Column.PROJECT)


def test_enter_goes_down_and_shift_enter_up_in_the_same_column():
    moves = cursor()
    assert moves.moved((2, Column.DEBIT), Move.DOWN) == (3, Column.DEBIT)
    assert moves.moved((2, Column.DEBIT), Move.UP) == (1, Column.DEBIT)


def test_enter_after_tabs_goes_to_the_column_the_tabs_began_in():
    moves = cursor()
    cell = moves.moved((2, Column.ACCOUNT), Move.RIGHT)
    cell = moves.moved(cell, Move.RIGHT)
    assert cell == (2, Column.CREDIT)
    assert moves.moved(cell, Move.DOWN) == (3, Column.ACCOUNT)
    assert moves.tab_start is None  # the run of Tabs is over
    assert moves.moved((3, Column.CREDIT), Move.DOWN) == (4, Column.CREDIT)


def test_at_the_edges_the_cursor_stays_and_nothing_is_added():
    moves = cursor(rows=4)
    assert moves.moved((3, Column.DEBIT), Move.DOWN) == (3, Column.DEBIT)
    assert moves.moved((0, Column.DEBIT), Move.UP) == (0, Column.DEBIT)
    assert moves.moved((3, Column.PROJECT), Move.RIGHT) == (3, Column.PROJECT)
    assert moves.moved((0, Column.DATE), Move.LEFT) == (0, Column.DATE)
    assert moves.rows == 4


def test_a_hidden_column_is_skipped_by_tab():
    table = EntryTable.build(month_of_entries(1), CHART)
    shown = [c for c in SHOWN if c != Column.CREDIT]
    moves = GridCursor(len(table.lines), shown, table.is_editable)
    assert moves.moved((0, Column.DEBIT), Move.RIGHT) == (0, Column.MEMO)


def test_enter_below_a_first_lines_date_settles_on_the_second_lines_account():
    moves = cursor()
    assert moves.moved((0, Column.DATE), Move.DOWN) == (1, Column.ACCOUNT)
    assert moves.tab_start == Column.DATE  # the next Enter aims at the date again
    assert moves.moved((1, Column.ACCOUNT), Move.DOWN) == (2, Column.DATE)
    assert moves.tab_start is None


def test_the_cell_that_takes_keys_typed_on_a_locked_cell_is_on_the_same_line():
    moves = cursor()
    for column in (Column.DATE, Column.REFERENCE, Column.DESCRIPTION):
        assert moves.settled((1, column)) == (1, Column.ACCOUNT)
    assert moves.settled((0, Column.ACCOUNT_NAME)) == (0, Column.ACCOUNT)
    assert moves.settled((1, Column.DIFFERENCE)) == (1, Column.CREDIT)
    assert moves.settled((0, Column.DATE)) == (0, Column.DATE)  # it can be typed into


def test_tab_visits_an_entrys_own_fields_first_so_every_line_goes_on_the_same_way():
    shown = [*SHOWN, Column.BRANCH, Column.CUSTOMER]
    assert tab_order(shown)[:5] == [
        Column.DATE,
        Column.REFERENCE,
        Column.DESCRIPTION,
        Column.BRANCH,
        Column.ACCOUNT,
    ]
    table = EntryTable.build(month_of_entries(1), CHART)
    moves = GridCursor(len(table.lines), shown, table.is_editable)
    assert moves.moved((0, Column.DESCRIPTION), Move.RIGHT) == (0, Column.BRANCH)
    assert moves.moved((0, Column.BRANCH), Move.RIGHT) == (0, Column.ACCOUNT)
    for row in (0, 1):
        visited, cell = [], (row, Column.ACCOUNT)
        for _ in range(6):
            cell = moves.moved(cell, Move.RIGHT)
            visited.append(cell)
        assert [column for _row, column in visited] == [
            Column.DEBIT,
            Column.CREDIT,
            Column.MEMO,
            Column.DEPARTMENT,
            Column.PROJECT,
            Column.CUSTOMER,
        ]
