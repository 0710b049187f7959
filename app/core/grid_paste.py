"""Where pasted rows go in the journal grid. Plain Python: a plan the undo command carries out.

A paste never writes over another entry's cells. Pasted rows are grouped as the workbook
reader groups a sheet's rows: a row with a date or a reference starts an entry, a row with
both blank (or repeating the entry's reference) continues it. Then:

- rows before the first that starts an entry are lines of the entry pasted into: they are
  written over its lines from the cursor down, and the ones it has no line for are added to
  it as new lines (pasting three rows into a two-line entry adds a line; the entry below is
  left as it was);
- every pasted entry becomes a new entry right below the entry pasted into, except that an
  entry pasted into an empty one ("Jurnal baru" with nothing typed yet) fills it;
- with no cell chosen, or an empty grid, everything is added at the end.

`plan_paste_over` is the other, explicit choice: the cells are written row for row over the
rows below, whatever entry they belong to (to paste a column of amounts down many entries).
Either way, rows past the end of the grid are added, never dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from app.core.dates import DateError, parse_date
from app.core.entry_table import EntryTable
from app.core.grid_cells import typed_value
from app.core.grid_clipboard import AMOUNT, Target
from app.core.grid_columns import ENTRY_COLUMNS, Column
from app.core.grid_rows import RowBlock
from app.core.i18n import Text, tr
from app.core.journal import JournalEntry, JournalLine
from app.core.money import NumberStyle, format_amount

Edit = tuple[int, Column, str]


@dataclass
class PastePlan:
    """Blank rows to insert at `gap` first (if any), then the cells to type (rows counted
    after the insertion), and what it all amounts to, for the message."""

    gap: int = 0
    block: RowBlock | None = None
    edits: list[Edit] = field(default_factory=list)
    rows: int = 0  # pasted rows that were not blank
    written: int = 0  # rows written over lines already in the grid
    added_lines: int = 0  # new lines added to an entry already in the grid
    new_entries: int = 0
    entries_written: int = 0  # entries whose lines were written over
    skipped: int = 0  # non-blank cells with no grid cell to go to
    target: JournalEntry | None = None
    more_below: bool = False  # entries below the one pasted into (paste over would reach)

    def summary(self) -> Text:
        """What the paste did, for the page's message."""
        return _summary(self)


@dataclass
class _Row:
    cells: dict[Target, str]

    def get(self, column: Target) -> str:
        return self.cells.get(column, "").strip()

    @property
    def starts_entry(self) -> bool:
        return bool(self.get(Column.DATE) or self.get(Column.REFERENCE))


def pasted_rows(
    cells: Sequence[Sequence[str]], targets: Sequence[Target]
) -> tuple[list[_Row], int]:
    """The pasted rows as {target: text}, blank rows left out (as the reader leaves them),
    and how many non-blank cells had no column to go to."""
    rows, skipped = [], 0
    for row in cells:
        mapped: dict[Target, str] = {}
        for position, text in enumerate(row):
            target = targets[position] if position < len(targets) else None
            if target is None:
                skipped += bool(text.strip()) and position >= len(targets)
                continue
            mapped[target] = text
        if any(text.strip() for text in mapped.values()):
            rows.append(_Row(mapped))
    return rows, skipped


def plan_paste(
    table: EntryTable,
    cells: Sequence[Sequence[str]],
    targets: Sequence[Target],
    start_row: int | None,
    style: NumberStyle,
) -> PastePlan:
    """The plan for pasting `cells` (their columns going to `targets`) at `start_row`."""
    rows, skipped = pasted_rows(cells, targets)
    plan = PastePlan(rows=len(rows), skipped=skipped)
    lead, groups = _group(rows)
    if start_row is None or not 0 <= start_row < len(table.lines):
        plan.gap = len(table.lines)
        if lead:
            groups.insert(0, lead)
        _add_entries(plan, groups, style)
        return plan
    target = plan.target = table.owners[start_row]
    first, last = table.rows_of(target)
    plan.gap = last + 1
    plan.more_below = plan.gap < len(table.lines)
    if not lead and groups and _is_empty(table, target):
        lead, start_row = groups.pop(0), first  # the empty entry takes the first one
    if lead:
        _write_into(plan, table, target, lead, start_row, style)
    _add_entries(plan, groups, style)
    return plan


def plan_paste_over(
    table: EntryTable,
    cells: Sequence[Sequence[str]],
    targets: Sequence[Target],
    start_row: int | None,
    style: NumberStyle,
) -> PastePlan:
    """The plan for writing `cells` row for row over the rows from `start_row` down, into
    whatever entry each row belongs to; rows past the end are added to the last entry."""
    rows, skipped = pasted_rows(cells, targets)
    plan = PastePlan(rows=len(rows), skipped=skipped)
    start = len(table.lines) if start_row is None else start_row
    if not table.lines:
        _add_entries(plan, [rows] if rows else [], style)
        return plan
    plan.gap = len(table.lines)
    last_entry = table.owners[-1]
    extra: list[JournalEntry] = []
    written: dict[int, JournalEntry] = {}
    for offset, row in enumerate(rows):
        number = start + offset
        if number >= len(table.lines):
            extra.append(last_entry)
            number = plan.gap + len(extra) - 1
            first_line = False
        else:
            owner = table.owners[number]
            written[id(owner)] = owner
            plan.written += 1
            first_line = table.is_first_line(number)
        plan.skipped += _type_row(plan, row, number, first_line, style)
    if extra:
        plan.block = RowBlock.blank_lines(extra)
        plan.added_lines = len(extra)
    plan.entries_written = len(written)
    return plan


def _group(rows: list[_Row]) -> tuple[list[_Row], list[list[_Row]]]:
    """(rows before any entry starts, then each pasted entry's rows)."""
    lead: list[_Row] = []
    groups: list[list[_Row]] = []
    for row in rows:
        if row.starts_entry and not (groups and _continues(groups[-1][0], row)):
            groups.append([row])
        elif groups:
            groups[-1].append(row)
        else:
            lead.append(row)
    return lead, groups


def _continues(head: _Row, row: _Row) -> bool:
    """The workbook reader's rule: the same reference, or no reference and the same date."""
    reference = row.get(Column.REFERENCE)
    if reference:
        return reference == head.get(Column.REFERENCE)
    return _same_date(row.get(Column.DATE), head.get(Column.DATE))


def _same_date(one: str, other: str) -> bool:
    try:
        return parse_date(one) == parse_date(other)
    except DateError:
        return one == other


def _is_empty(table: EntryTable, entry: JournalEntry) -> bool:
    """Nothing typed into it yet beyond what a new entry starts with (its date, number)."""
    first = table.rows_of(entry)[0]
    if entry.description or entry.branch:
        return False
    return all(
        _is_blank(line) and not table.is_unreadable(first + offset, column)
        for offset, line in enumerate(entry.lines)
        for column in (Column.ACCOUNT, Column.DEBIT, Column.CREDIT)
    )


def _is_blank(line: JournalLine) -> bool:
    return not (
        line.account
        or line.debit
        or line.credit
        or line.memo
        or line.department
        or line.project
        or line.customer
        or line.vendor
        or line.employee
        or line.rate is not None
        or line.prime_amount is not None
        or line.classifications
    )


def _write_into(
    plan: PastePlan,
    table: EntryTable,
    target: JournalEntry,
    rows: list[_Row],
    start_row: int,
    style: NumberStyle,
) -> None:
    """Rows written over the target's lines from start_row down; new lines for the rest."""
    first, last = table.rows_of(target)
    room = last - start_row + 1
    extra = max(len(rows) - room, 0)
    for offset, row in enumerate(rows):
        number = start_row + offset if offset < room else plan.gap + offset - room
        plan.skipped += _type_row(plan, row, number, number == first, style)
    plan.written += min(len(rows), room)
    plan.entries_written = 1
    if extra:
        plan.block = RowBlock.blank_lines([target] * extra)
        plan.added_lines = extra


def _add_entries(plan: PastePlan, groups: list[list[_Row]], style: NumberStyle) -> None:
    """Each group as a new entry, after whatever the plan already adds at its gap."""
    lines = list(plan.block.lines) if plan.block else []
    owners = list(plan.block.owners) if plan.block else []
    for group in groups:
        entry = JournalEntry(None, "", "", [])
        for offset, row in enumerate(group):
            number = plan.gap + len(lines)
            lines.append(JournalLine(""))
            owners.append(entry)
            plan.skipped += _type_row(plan, row, number, offset == 0, style)
    plan.new_entries += len(groups)
    if lines:
        plan.block = RowBlock(lines, owners)


def _type_row(plan: PastePlan, row: _Row, number: int, first_line: bool, style) -> int:
    """Add the row's cells to the plan; returns how many had to be left out (an entry's
    date, number or description typed on a line that is not the entry's first)."""
    left_out = 0
    for target, text in row.cells.items():
        if target == AMOUNT:
            plan.edits.extend((number, column, value) for column, value in _signed(text, style))
        elif target in ENTRY_COLUMNS and not first_line:
            left_out += bool(text.strip())
        elif isinstance(target, Column):
            plan.edits.append((number, target, text))
    return left_out


def _signed(text: str, style: NumberStyle) -> list[tuple[Column, str]]:
    """A signed amount as debit and credit cells: positive a debit, negative a credit."""
    value, reason = typed_value(text, Column.DEBIT, style, None)
    if reason is None and value < 0:  # type: ignore[operator]
        credit = format_amount(-value, style)  # type: ignore[operator]
        return [(Column.DEBIT, ""), (Column.CREDIT, credit)]
    return [(Column.DEBIT, text), (Column.CREDIT, "")]


def _summary(plan: PastePlan) -> Text:
    if not plan.rows:
        return Text(
            "Tidak ada yang ditempel: papan klip kosong.", "Nothing pasted: the clipboard is empty."
        )
    text = tr("{n} baris ditempel:", "{n} row(s) pasted:", n=plan.rows)
    parts: list[Text] = []
    reference = (plan.target.reference or "?") if plan.target is not None else "?"
    if plan.written and plan.entries_written == 1 and plan.target is not None:
        parts.append(
            tr(
                "{w} ditulis di jurnal {ref}",
                "{w} written into entry {ref}",
                w=plan.written,
                ref=reference,
            )
        )
    elif plan.written:
        parts.append(
            tr(
                "{w} ditulis menimpa baris di {e} jurnal",
                "{w} written over the lines of {e} entries",
                w=plan.written,
                e=plan.entries_written,
            )
        )
    if plan.added_lines:
        parts.append(
            tr(
                "{a} baris baru ditambahkan ke jurnal itu",
                "{a} new line(s) added to that entry",
                a=plan.added_lines,
            )
        )
    if plan.new_entries:
        parts.append(tr("{e} jurnal baru dibuat", "new entries created: {e}", e=plan.new_entries))
    text = Text(
        text.id + " " + "; ".join(p.id for p in parts) + ".",
        text.en + " " + "; ".join(p.en for p in parts) + ".",
    )
    if plan.entries_written <= 1 and plan.more_below:
        text += Text(
            "Jurnal lain tidak diubah; untuk menimpa baris di bawahnya, pakai Tempel menimpa "
            "(Ctrl+Shift+V).",
            "No other entry was changed; to write over the rows below instead, use Paste over "
            "(Ctrl+Shift+V).",
        )
    if plan.skipped:
        text += tr(
            "{k} sel tidak ditempel karena tidak punya kolom atau baris tujuan.",
            "{k} cell(s) were left out: they had no column or row to go to.",
            k=plan.skipped,
        )
    return text


__all__ = ["PastePlan", "pasted_rows", "plan_paste", "plan_paste_over"]
