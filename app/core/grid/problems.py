"""The journal grid's problems: each one placed on the cell it is about. Plain Python.

`check_entry` splits validate_entry's findings into the entry's own and each line's, so the
grid can mark the cell at fault; the import helpers separate what reading a workbook found
in its cells (kept on the cell until the user edits it) from what checking the entries finds
(done again after every edit).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.core.books.checks import (
    AMOUNT_FIELDS,
    amount_problems_later,
    entry_own_problems,
    line_problems,
    own_problems_after_amounts,
    validate_entries,
)
from app.core.books.journal import Account, JournalEntry, JournalLine, Problem
from app.core.excel.columns import column_letter
from app.core.excel.reader import ImportResult
from app.core.i18n import Text

Chart = Mapping[str, Account]
_AMOUNT_FIELDS = frozenset({"debit", "credit", "amount"})


@dataclass(frozen=True, slots=True)
class LocatedProblem:
    """A problem and the grid cell it belongs to (grid_row -1: no cell, e.g. a file problem)."""

    text: Text
    sheet: str
    row_label: str  # the worksheet row as in the file, or "" for a line typed in the grid
    column_label: str
    grid_row: int
    grid_column: int
    code: str = ""  # Problem.code: the kind a front end can fix itself, e.g. FRACTION_OF_CENT


def check_entry(
    entry: JournalEntry, chart: Chart | None, lines: list[JournalLine] | None = None
) -> tuple[list[Problem], list[list[Problem]]]:
    """validate_entry's findings split into the entry's own and each line's (in line order),
    of `lines` only when given. Each line is checked once (a Delete over a whole column
    re-checks every entry, and only the line whose cell was emptied)."""
    lines = entry.lines if lines is None else lines
    per_line = [line_problems(entry, line, chart) for line in lines]
    return entry_own_problems(entry), per_line


def check_amounts(
    entry: JournalEntry,
    lines: list[JournalLine],
    before: list[Sequence[Problem] | None],
    own_before: Sequence[Problem] | None,
) -> tuple[Sequence[Problem], list[Sequence[Problem]]]:
    """check_entry after only the debits and credits of `lines` changed, given each line's
    problems `before` and the entry's own `own_before`: the amounts and the balance are
    checked again, the rest kept (a line's other problems look at its account and optional
    fields, the entry's at its date and reference; a Delete over a whole amount column and
    its undo spare looking up 50,000 accounts). A line without an amount and an unbalanced
    entry get problems made when first read (journal_checks.LaterProblems): a Delete over a
    whole column finds 75,000."""
    per_line: list[Sequence[Problem]] = []
    for line, old in zip(lines, before, strict=True):
        now = amount_problems_later(entry, line)
        if old:
            others = [p for p in old if p.field not in AMOUNT_FIELDS]
            if others:
                now = [*now, *others]
        per_line.append(now)
    return own_problems_after_amounts(entry, own_before), per_line


def problem_kind(field_name: str) -> str:
    """Debit, credit and a signed amount are one kind: a cell problem of one covers the
    check's "no amount" on the line."""
    return "amount" if field_name in _AMOUNT_FIELDS else field_name


def read_problems(result: ImportResult, chart: Chart | None) -> list[Problem]:
    """The import's problems that come from reading cells, not from checking entries."""
    checked = Counter(_problem_key(p) for p in validate_entries(result.entries, chart))
    found = []
    for problem in result.problems:
        key = _problem_key(problem)
        if checked[key] > 0:
            checked[key] -= 1
        else:
            found.append(problem)
    return found


def _problem_key(problem: Problem) -> tuple[object, ...]:
    # Reading relabels the column of a check's problem ("debit" -> "E (Debit)"): ignore it.
    return (problem.text, problem.row, problem.field, problem.reference)


def column_labels(result: ImportResult) -> dict[str, str]:
    """Worksheet column label per field, like "E (Debit)", as reading names them."""
    labels = {}
    for field_name, index in result.mapping.as_dict().items():
        header = result.headers[index] if index < len(result.headers) else ""
        letter = column_letter(index)
        labels[field_name] = f"{letter} ({header})" if header else letter
    if result.mapping.uses_amount and "amount" in labels:
        labels["debit"] = labels["credit"] = labels["amount"]
    return labels


__all__ = [
    "LocatedProblem",
    "check_entry",
    "column_labels",
    "problem_kind",
    "read_problems",
]
