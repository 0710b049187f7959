"""Turn one sheet's rows into journal entries, keeping every cell problem found on the way.

Grouping follows what accountants already do in spreadsheets: consecutive rows with the same
reference are one entry, and a row whose date and reference are blank (or only its reference
is blank and its date is the entry's) continues the entry above, which also covers a merged
reference cell spanning the entry's rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from app.core.books.checks import validate_entries
from app.core.books.dates import DateError, format_date, parse_date
from app.core.books.journal import BALANCE, Account, JournalEntry, JournalLine, Problem
from app.core.books.money import ZERO, AmountError, FractionOfCentError, parse_amount
from app.core.books.number_style import NumberStyle
from app.core.excel.cell_values import CellValue, cell_text, float_amount
from app.core.excel.column_mapping import ColumnMapping
from app.core.excel.columns import column_letter
from app.core.excel.header_search import FoundSheet
from app.core.excel.optional_fields import OptionalCells
from app.core.excel.uncached_formulas import uncached_formula_cells
from app.core.excel.workbook_file import OOXML_SUFFIXES, MergedRange
from app.core.i18n import Text, tr

_AMOUNT_FIELDS = frozenset({"debit", "credit", "amount"})


_PARSED_FIELDS = frozenset({"date", "debit", "credit", "amount", "rate", "prime_amount"})


def fill_merged(
    rows: list[list[CellValue]],
    merged: list[MergedRange],
    mapping: ColumnMapping,
    first_data: int,
) -> None:
    """Copy a merged cell's value down its range for date, reference and description (calamine
    gives it only in the top-left cell); merged amounts are left alone, never multiplied."""
    columns = {mapping.date, mapping.reference, mapping.description}
    for (top, left), (bottom, _right) in merged:
        if left not in columns or not first_data <= top < len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for row in rows[top + 1 : bottom + 1]:
            if left < len(row):
                row[left] = value


def _formula_problem_text() -> Text:
    return tr(
        "Sel ini berisi rumus tanpa nilai tersimpan: buka berkas di Excel, simpan, lalu impor lagi."
    )


def _date_mismatch_text(reference: str, line_date: date, entry_date: date) -> Text:
    return tr(
        "Tanggal baris ini ({d}) berbeda dari tanggal jurnal {ref} ({e}); satu jurnal punya "
        "satu tanggal. Samakan tanggalnya atau beri nomor bukti lain.",
        d=format_date(line_date),
        e=format_date(entry_date),
        ref=reference,
    )


def continues_entry(entry: JournalEntry, reference: str, day: date | None) -> bool:
    """Whether a row belongs to the entry above: the same reference, or no reference and
    either no date (a continuation row, or a merged cell) or the entry's own date."""
    if reference:
        return reference == entry.reference
    return day is None or day == entry.date


def _is_blank(row: list[CellValue], used: list[int]) -> bool:
    """Whether every mapped cell of the row is empty (blank text counts as empty)."""
    for column in used:
        value = row[column]
        if value != "" and not (type(value) is str and not value.strip()):
            return False
    return True


@dataclass(frozen=True, slots=True)
class _RowLayout:
    """The row index each field is read from. Unmapped fields read a blank cell added past
    the last column, so every field is a plain index and the row loop needs no "is the column
    mapped" tests."""

    used: list[int]  # the mapped columns: a row blank in all of them is skipped
    blank: int
    date: int
    reference: int
    description: int
    account: int
    memo: int
    department: int
    project: int
    debit: int
    credit: int
    amount: int
    uses_amount: bool
    optional: OptionalCells | None

    @classmethod
    def of(
        cls, m: ColumnMapping, optional: OptionalCells | None, rows: list[list[CellValue]]
    ) -> _RowLayout:
        mapped = [m.date, m.reference, m.description, m.account, m.memo, m.department]
        mapped += [m.project, *([m.amount] if m.uses_amount else [m.debit, m.credit])]
        if optional is not None:
            mapped += optional.columns
        used = [c for c in mapped if c is not None]
        blank = max(max(used) + 1, max(map(len, rows), default=0))

        def at(column: int | None) -> int:
            return blank if column is None else column

        return cls(
            used=used,
            blank=blank,
            date=at(m.date),
            reference=at(m.reference),
            # With no description column, the line memo describes the entry (Accurate's own
            # import calls that column "Keterangan").
            description=at(m.description if m.description is not None else m.memo),
            account=at(m.account),
            memo=at(m.memo),
            department=at(m.department),
            project=at(m.project),
            debit=at(m.debit),
            credit=at(m.credit),
            amount=at(m.amount),
            uses_amount=m.uses_amount,
            optional=optional,
        )


class SheetReader:
    """Turns one sheet's rows into entries; keeps the cell problems it finds on the way."""

    def __init__(self, path: Path, found: FoundSheet, style: NumberStyle) -> None:
        self.path = path
        self.sheet = found.name
        self.mapping = found.mapping
        self.header_index = found.header_index
        self.style = style
        self.labels = self._labels(found.headers)
        self.entries: list[JournalEntry] = []
        self.problems: list[Problem] = []
        self.row_count = 0
        self.bad_cells: set[tuple[int, str]] = set()  # (row, field kind) read with a problem
        self._dates: dict[CellValue, tuple[date | None, Text | None]] = {}

    def _labels(self, headers: list[str]) -> dict[str, str]:
        """Column label per field, like 'E (Debit)', as shown in problems."""
        labels = {}
        for field_name, index in self.mapping.as_dict().items():
            header = headers[index] if index < len(headers) else ""
            letter = column_letter(index)
            labels[field_name] = f"{letter} ({header})" if header else letter
        if self.mapping.uses_amount:
            labels["debit"] = labels["credit"] = labels["amount"]
        if "debit" in labels:
            labels[BALANCE] = labels["debit"]  # an entry's totals are shown on its debit cell
        return labels

    # The loop below runs once per row of a sheet that may have 100,000 rows: cells are read
    # by plain index, text and float cells take an inline short route, parsed dates are
    # cached, and only unusual cells go through the slower helpers.
    def read(self, rows: list[list[CellValue]]) -> None:
        # Branch, party, currency and classifications: None when the sheet has none of them.
        optional = OptionalCells.for_mapping(
            self.mapping.as_dict(), cell_text, self._problem, self.style
        )
        layout = _RowLayout.of(self.mapping, optional, rows)
        pad = [""] * (layout.blank + 1)
        entry: JournalEntry | None = None
        for index in range(self.header_index + 1, len(rows)):
            row = rows[index]
            if len(row) <= layout.blank:
                row.extend(pad[len(row) :])
            if _is_blank(row, layout.used):
                continue  # an empty row (or only cells outside the mapped columns)
            self.row_count += 1
            entry = self._read_row(row, index + 1, layout, entry)

    def _read_row(
        self, row: list[CellValue], number: int, at: _RowLayout, entry: JournalEntry | None
    ) -> JournalEntry:
        """Add the row's line to `entry` or to a new entry it starts; returns that entry."""
        text = cell_text
        raw = row[at.reference]
        reference = raw.strip() if type(raw) is str else text(raw)
        raw = row[at.date]
        cached = self._dates.get(raw) if type(raw) is not bool else None
        if cached is not None and cached[1] is None:
            day = cached[0]  # a date already read: the common case, kept inline
        else:
            day = self._date(raw, number, reference)[0]
        entry = self._entry_for(entry, reference, day, number)
        if not entry.description:
            raw = row[at.description]
            entry.description = raw.strip() if type(raw) is str else text(raw)
        raw = row[at.account]
        account = raw.strip() if type(raw) is str else text(raw)
        if at.uses_amount:
            debit, credit = self._signed(row[at.amount], number, entry.reference)
        else:
            debit = self._line_amount(row[at.debit], number, "debit", entry.reference)
            credit = self._line_amount(row[at.credit], number, "credit", entry.reference)
        raw = row[at.memo]
        memo = raw.strip() if type(raw) is str else text(raw)
        raw = row[at.department]
        department = raw.strip() if type(raw) is str else text(raw)
        raw = row[at.project]
        project = raw.strip() if type(raw) is str else text(raw)
        line = JournalLine(account, debit, credit, memo, department, project, number)
        if at.optional is not None:
            at.optional.fill(line, entry, row, number)
        entry.lines.append(line)
        return entry

    def _entry_for(
        self, entry: JournalEntry | None, reference: str, day: date | None, number: int
    ) -> JournalEntry:
        """The entry above when the row continues it, else a new entry the row starts. A
        continuing row with another date is a problem: an entry has one date."""
        if entry is None or not continues_entry(entry, reference, day):
            return self._start_entry(day, reference)
        if day is not None and entry.date is not None and day != entry.date:
            mismatch = _date_mismatch_text(entry.reference, day, entry.date)
            self._problem(number, "date", entry.reference, mismatch)
        return entry

    def _line_amount(self, raw: CellValue, number: int, field_name: str, reference: str) -> Decimal:
        """A debit or credit cell's amount; ZERO when blank or unreadable (then a problem)."""
        if raw == "":
            return ZERO
        if type(raw) is float:
            amount = float_amount(raw)
            if amount is not None:
                return amount
        amount = self._amount(raw, number, field_name, reference)
        return ZERO if amount is None else amount

    def _start_entry(self, day: date | None, reference: str) -> JournalEntry:
        entry = JournalEntry(day, reference, "", [], self.sheet)
        self.entries.append(entry)
        return entry

    def _date(self, raw: CellValue, number: int, reference: str) -> tuple[date | None, bool]:
        """(date or None, False when the cell held something that is not a date)."""
        if raw == "" or raw is None:
            return None, True
        cached = self._dates.get(raw) if type(raw) is not bool else None
        if cached is None:
            try:
                cached = (parse_date(raw), None)
            except DateError as error:
                cached = (None, error.text)
            if type(raw) is not bool:
                self._dates[raw] = cached
        day, text = cached
        if text is not None:
            self._problem(number, "date", reference, text)
            return None, False
        return day, True

    def _signed(self, raw: CellValue, number: int, reference: str) -> tuple[Decimal, Decimal]:
        """(debit, credit) from one signed amount: positive is a debit, negative a credit."""
        amount = self._amount(raw, number, "amount", reference)
        if amount is None:
            return ZERO, ZERO
        return (ZERO, -amount) if amount < 0 else (amount, ZERO)

    def _amount(
        self, raw: CellValue, number: int, field_name: str, reference: str
    ) -> Decimal | None:
        if raw == "" or raw is None:
            return None
        if type(raw) is float:
            amount = float_amount(raw)
            if amount is not None:
                return amount
        try:
            return parse_amount(raw, self.style)
        except FractionOfCentError as error:
            return error.value  # kept exactly; validation reports it as fixable by rounding
        except AmountError as error:
            self._problem(number, field_name, reference, error.text)
            return None

    def _problem(self, number: int, field_name: str, reference: str, text: Text) -> None:
        kind = "amount" if field_name in _AMOUNT_FIELDS else field_name
        self.bad_cells.add((number, kind))
        label = self.labels.get(field_name, field_name)
        self.problems.append(Problem(text, self.sheet, number, label, field_name, reference))

    # --- after the loop -------------------------------------------------------------------

    def unreadable_texts(self, rows: list[list[CellValue]]) -> dict[tuple[int, str], str]:
        """The text of every date, amount or number cell that could not be read."""
        columns = self.mapping.as_dict()
        found: dict[tuple[int, str], str] = {}
        for problem in self.problems:
            column = columns.get(problem.field)
            if problem.field not in _PARSED_FIELDS or column is None or problem.row is None:
                continue
            row = rows[problem.row - 1]
            text = cell_text(row[column]) if column < len(row) else ""
            if text:
                found[(problem.row, problem.field)] = text
        return found

    def check_formulas(self) -> None:
        """Report cells that calamine read as empty because they hold a formula Excel never
        calculated (a file written by a program, not saved in Excel), in whatever mapped
        column they sit: a description must not vanish silently any more than an amount.
        Only .xlsx/.xlsm store formulas this way."""
        if self.path.suffix.lower() not in OOXML_SUFFIXES:
            return
        formulas = uncached_formula_cells(self.path, self.sheet)
        if not formulas:
            return
        fields_by_column = {index: name for name, index in self.mapping.as_dict().items()}
        references = {line.row: e.reference for e in self.entries for line in e.lines}
        for number, column in sorted(formulas):
            field_name = fields_by_column.get(column)
            if field_name is None or number <= self.header_index + 1:
                continue
            self._problem(number, field_name, references.get(number, ""), _formula_problem_text())

    def all_problems(self, chart: Mapping[str, Account] | None) -> list[Problem]:
        """Cell problems plus what validate_entries finds, located on the sheet. A line check
        that only repeats a cell problem ("no amount" because the amount cell held text) is
        left out: the cell problem already says what to fix. The entry's balance is always
        reported: it tells the totals as read."""
        problems = list(self.problems)
        for problem in validate_entries(self.entries, chart):
            kind = "amount" if problem.field in _AMOUNT_FIELDS else problem.field
            if (problem.row, kind) in self.bad_cells and problem.field != BALANCE:
                continue
            problems.append(replace(problem, column=self.labels.get(problem.field, "")))
        problems.sort(key=lambda p: p.row or 0)
        return problems


def no_rows_text(sheet: str, header_row: int) -> Text:
    return tr(
        "Lembar '{s}' punya judul kolom di baris {r} tetapi tidak ada baris jurnal di bawahnya; "
        "isi jurnalnya di bawah judul, lalu impor lagi.",
        s=sheet,
        r=header_row,
    )
