"""One cell of the journal grid: the value it holds, the text it shows, and what typing into
it means. Plain Python (no Qt): the grid's table, its undo commands and its clipboard use it.

A cell's value is the journal field it shows (an entry's date, a line's debit, one of a
line's classifications). A typed text that cannot be read as that field (a debit of
"12,3,4", a date of "31/02/2026") is not refused: the field is left blank and the text is
kept beside it, so the cell goes on showing what the user typed, with the reason, until it
is fixed. `CellState` is all of that for one cell, which is what an undo puts back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from app.core.books.dates import format_date, parse_date
from app.core.books.journal import Account, JournalEntry, JournalLine, Problem
from app.core.books.money import (
    ZERO,
    FractionOfCentError,
    as_typed,
    check_unambiguous,
    parse_typed_amount,
)
from app.core.books.number_style import NumberStyle, format_amount
from app.core.books.written_accounts import same_name
from app.core.excel.optional_fields import classifications_with, format_number, parse_number
from app.core.grid.account_choice import SEPARATOR
from app.core.grid.columns import (
    CLASSIFICATION_COLUMNS,
    COLUMN_FIELDS,
    NUMBER_FIELDS,
    TEXT_FIELDS,
    Column,
)
from app.core.i18n import JurnalError, Text

Chart = Mapping[str, Account]


@dataclass(frozen=True, slots=True, eq=False)
class CellState:
    """What one cell holds: its field's value, the text typed when that could not be read,
    and the problems reading found in the cell (each with the line it sits on)."""

    value: object
    raw: str | None = None
    read: tuple[tuple[JournalLine, Problem], ...] = ()

    def same_as(self, other: CellState) -> bool:
        """Holds the same (the lines of its problems compared by identity)."""
        if self.value != other.value or self.raw != other.raw or len(self.read) != len(other.read):
            return False
        return all(
            a[0] is b[0] and a[1] == b[1] for a, b in zip(self.read, other.read, strict=True)
        )


def cell_value(line: JournalLine, entry: JournalEntry, column: Column) -> object:
    """The field a cell shows (for the entry's columns, the entry's)."""
    if column == Column.DATE:
        return entry.date
    if column == Column.REFERENCE:
        return entry.reference
    if column == Column.DESCRIPTION:
        return entry.description
    if column == Column.BRANCH:
        return entry.branch
    if column == Column.ACCOUNT:
        return line.account
    if column == Column.DEBIT:
        return line.debit
    if column == Column.CREDIT:
        return line.credit
    if column in TEXT_FIELDS:
        return getattr(line, TEXT_FIELDS[column])
    if column in NUMBER_FIELDS:
        return getattr(line, NUMBER_FIELDS[column])
    if column in CLASSIFICATION_COLUMNS:
        position = column - Column.CLASSIFICATION1
        values = line.classifications
        return values[position] if position < len(values) else ""
    raise ValueError(f"column {column!r} holds no value of its own")


def store_value(line: JournalLine, entry: JournalEntry, column: Column, value: object) -> None:
    """Put a value in the field a cell shows. The table keeps its own books (totals, the
    reference index) around this; nothing here is checked."""
    # `value` is of the column's kind (a date or None, a Decimal), which its type (object)
    # cannot say: hence the ignores.
    if column == Column.DATE:
        entry.date = value  # type: ignore[assignment]  # column's kind
    elif column == Column.REFERENCE:
        entry.reference = str(value)
    elif column == Column.DESCRIPTION:
        entry.description = str(value)
    elif column == Column.BRANCH:
        entry.branch = str(value)
    elif column == Column.ACCOUNT:
        line.account = str(value)
    elif column == Column.DEBIT:
        line.debit = value  # type: ignore[assignment]  # column's kind
    elif column == Column.CREDIT:
        line.credit = value  # type: ignore[assignment]  # column's kind
    elif column in TEXT_FIELDS:
        setattr(line, TEXT_FIELDS[column], str(value))
    elif column in NUMBER_FIELDS:
        setattr(line, NUMBER_FIELDS[column], value)
    elif column in CLASSIFICATION_COLUMNS:
        position = column - Column.CLASSIFICATION1
        line.classifications = classifications_with(line.classifications, position, str(value))
    else:
        raise ValueError(f"column {column!r} holds no value of its own")


def blank_value(column: Column) -> object:
    """What a cleared cell holds."""
    if column == Column.DATE or column in NUMBER_FIELDS:
        return None
    if column in (Column.DEBIT, Column.CREDIT):
        return ZERO
    return ""


# What an emptied cell holds, per column (a state is never changed, so one serves every
# cell a Delete empties).
BLANK_STATES = {column: CellState(blank_value(column)) for column in Column}


def value_text(value: object, column: Column, style: NumberStyle) -> str:
    """How a value is shown (and copied): dates dd/mm/yyyy, amounts in the grid's number
    style and blank when zero, rates with every decimal they have, as typing reads them back
    (a rate of 105.372 as 105,3720, not the 105,372 an English reader takes for thousands;
    an amount has two decimals, but for a fraction of a cent, which is a problem anyway)."""
    # `value` is of the column's kind, which its type (object) cannot say: hence the ignores.
    if column == Column.DATE:
        return "" if value is None else format_date(value)  # type: ignore[arg-type]  # column's kind
    if column in (Column.DEBIT, Column.CREDIT, Column.DIFFERENCE):
        return "" if not value else format_amount(value, style)  # type: ignore[arg-type]  # column's kind
    if column in NUMBER_FIELDS:
        return as_typed(format_number(value, style), style)  # type: ignore[arg-type]  # column's kind
    return "" if value is None else str(value)


def parse_cell(text: str, column: Column, style: NumberStyle, chart: Chart | None) -> object:
    """The value typed text gives a cell. Raises JurnalError (with the reason, in both
    languages) for text that cannot be read as the cell's field. An amount with a
    fraction of a cent is kept exactly, as the workbook reader keeps it: the check marks
    it and offers to round it. Numbers are read in `style` only (the grid's, never the
    menus' language), and one the other style would read differently is not guessed
    (app.core.books.money.check_unambiguous)."""
    text = text.strip()
    if column == Column.DATE:
        return parse_date(text)
    if column in (Column.DEBIT, Column.CREDIT):
        try:
            amount = parse_typed_amount(text, style)
        except FractionOfCentError as error:
            return error.value
        return ZERO if amount is None else amount
    if column in NUMBER_FIELDS:
        check_unambiguous(text, style)
        return parse_number(text, style)
    if column == Column.ACCOUNT:
        return typed_account(text, chart)
    return text


def typed_value(
    text: str, column: Column, style: NumberStyle, chart: Chart | None
) -> tuple[object, Text | None]:
    """(value, None) for text the cell can read; (blank value, reason) for text it cannot."""
    if not text or text.isspace():
        return blank_value(column), None  # what parsing gives, without it (Delete: 50,000)
    try:
        return parse_cell(text, column, style, chart), None
    except JurnalError as error:
        return blank_value(column), error.text


def typed_account(text: str, chart: Chart | None) -> str:
    """The code typed; for the account list's own "1101 · Kas" (a code of the chart with its
    name), the code. Any other written form ("1101 - Kas", "Kas") is kept as typed: the grid
    shows the code it names, and what was typed in the cell's tip
    (app.core.books.written_accounts)."""
    if chart is None or not text or text in chart:
        return text
    code, separator, name = text.partition(SEPARATOR)
    account = chart.get(code.strip()) if separator else None
    if account is not None and same_name(name, account.name):
        return account.code
    return text


def unreadable_problem(
    entry: JournalEntry, line: JournalLine, column: Column, reason: Text
) -> Problem:
    """The problem a cell holding unreadable typed text shows, like one found on import."""
    field_name = COLUMN_FIELDS[column]
    return Problem(reason, entry.sheet, line.row, field_name, field_name, entry.reference)


__all__ = [
    "BLANK_STATES",
    "CellState",
    "blank_value",
    "cell_value",
    "parse_cell",
    "store_value",
    "typed_account",
    "typed_value",
    "unreadable_problem",
    "value_text",
]
