"""Where pasted rows go in the journal grid. Plain Python: a plan the undo command carries out.

A paste never writes over another entry's cells. Pasted rows are grouped as the workbook
reader groups a sheet's rows: a row with a date or a reference starts an entry, a row with
both blank (or repeating the entry's reference) continues it. A pasted entry's date,
reference and description are the entry's, taken from its rows as the reader takes them:
repeated on each row, as an Excel sheet usually has them, they are one entry's (counted as
repeats, not as cells left out). Then it depends on what the rows are
(app.core.grid.clipboard.place_block), not on where the cursor is:

- whole journal rows (they reach the Tanggal or No. Bukti column): every pasted entry
  becomes a new entry right below the entry pasted into, whichever column the cursor is in;
  rows before the first with a date or reference are added to that entry as new lines. An
  entry pasted into an empty one ("Jurnal baru" with nothing typed yet) fills it. Nothing of
  an entry already in the grid is written over;
- lines (account, amounts, memo... from the column pasted into): written over the lines of
  the entry pasted into from the cursor down, and the ones it has no line for are added to
  it as new lines (pasting three rows into a two-line entry adds a line; the entry below is
  left as it was);
- one value (a single cell): written into the cell pasted into;
- with no cell chosen, or an empty grid, everything is added at the end.

`plan_paste_over` is the other, explicit choice (Tempel menimpa, Ctrl+Shift+V): the cells are
written row for row over the rows below, whatever entry they belong to (to paste a column of
amounts down many entries). Either way, rows past the end of the grid are added, never
dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from app.core.books.dates import DateError, parse_date
from app.core.books.journal import JournalEntry, JournalLine, entry_name
from app.core.books.number_style import NumberStyle, format_amount
from app.core.grid.cells import typed_value
from app.core.grid.clipboard import AMOUNT, Target
from app.core.grid.columns import ENTRY_COLUMNS, Column
from app.core.grid.entry_table import EntryTable
from app.core.grid.rows import RowBlock
from app.core.i18n import Text, ntr, tr
from app.core.i18n.lists import listed_apart

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
    entry_lines: int = 0  # lines of the pasted entries (new ones, and an empty one filled)
    filled: bool = False  # the empty entry pasted into took the first pasted entry
    loose_rows: int = 0  # whole rows without a date or reference: lines of the entry pasted into
    entries_written: int = 0  # entries whose lines were written over
    skipped: int = 0  # non-blank cells with no grid cell to go to
    repeated: int = 0  # an entry's date, reference... repeated on its later rows
    differing: int = 0  # ... another value on a later row of the same entry: left out
    whole_rows: bool = False  # journal rows, pasted as entries (nothing written over)
    target: JournalEntry | None = None
    target_name: Text | None = None  # the entry pasted into, named before the paste
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
    *,
    whole_rows: bool = False,
) -> PastePlan:
    """The plan for pasting `cells` (their columns going to `targets`) at `start_row`;
    `whole_rows` when they are journal rows (app.core.grid.clipboard.PlacedBlock)."""
    rows, skipped = pasted_rows(cells, targets)
    single = len(cells) == 1 and len(cells[0]) == 1
    plan = PastePlan(rows=len(rows), skipped=skipped, whole_rows=whole_rows and not single)
    lead, groups = ([], []) if single else _group(rows)
    if start_row is None or not 0 <= start_row < len(table.lines):
        plan.gap = len(table.lines)
        pasted = [rows] if single else [lead, *groups] if lead else groups
        _add_entries(plan, [group for group in pasted if group], style)
        return plan
    target = plan.target = table.owners[start_row]
    plan.target_name = entry_name(target, capital=False)
    first, last = table.rows_of(target)
    plan.gap = last + 1
    plan.more_below = plan.gap < len(table.lines)
    if single:
        lead = rows  # one value: into the cell pasted into
    elif not lead and groups and _is_empty(table, target):
        lead, start_row = _as_one_entry(plan, groups.pop(0)), first  # it takes the first
        plan.filled, plan.entry_lines = True, len(lead)
    elif lead and plan.whole_rows:
        plan.loose_rows = len(lead)
        if not _is_empty(table, target):
            start_row = plan.gap  # rows without a date or reference: new lines, at its end
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
    room = max(last - start_row + 1, 0)
    extra = max(len(rows) - room, 0)
    for offset, row in enumerate(rows):
        number = start_row + offset if offset < room else plan.gap + offset - room
        plan.skipped += _type_row(plan, row, number, number == first, style)
    plan.written += min(len(rows), room)
    plan.entries_written = int(plan.written > 0)
    if extra:
        plan.block = RowBlock.blank_lines([target] * extra)
        plan.added_lines = extra


def _add_entries(plan: PastePlan, groups: list[list[_Row]], style: NumberStyle) -> None:
    """Each group as a new entry, after whatever the plan already adds at its gap."""
    lines = list(plan.block.lines) if plan.block else []
    owners = list(plan.block.owners) if plan.block else []
    for group in groups:
        entry = JournalEntry(None, "", "", [])
        plan.entry_lines += len(group)
        for offset, row in enumerate(_as_one_entry(plan, group)):
            number = plan.gap + len(lines)
            lines.append(JournalLine(""))
            owners.append(entry)
            plan.skipped += _type_row(plan, row, number, offset == 0, style)
    plan.new_entries += len(groups)
    if lines:
        plan.block = RowBlock(lines, owners)


def _as_one_entry(plan: PastePlan, group: list[_Row]) -> list[_Row]:
    """A pasted entry's rows with the entry's own cells (date, reference, description,
    branch) on its first row only, each the first one filled in any of its rows (as the
    reader takes a description). A later row repeating it is counted as a repeat; one with
    another value is left out and counted (an entry has one date, one description)."""
    heads: dict[Target, str] = {}
    rows: list[_Row] = []
    for row in group:
        cells: dict[Target, str] = {}
        for target, text in row.cells.items():
            value = text.strip()
            if target not in ENTRY_COLUMNS:
                cells[target] = text
            elif not value:
                continue
            elif target not in heads:
                heads[target] = value
            elif _same_value(target, value, heads[target]):
                plan.repeated += 1
            else:
                plan.differing += 1
        rows.append(_Row(cells))
    rows[0].cells.update(heads)
    return rows


def _same_value(column: Target, one: str, other: str) -> bool:
    return _same_date(one, other) if column == Column.DATE else one == other


def _type_row(plan: PastePlan, row: _Row, number: int, first_line: bool, style: NumberStyle) -> int:
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
    if reason is None and isinstance(value, Decimal) and value < 0:
        credit = format_amount(-value, style)
        return [(Column.DEBIT, ""), (Column.CREDIT, credit)]
    return [(Column.DEBIT, text), (Column.CREDIT, "")]


def _summary(plan: PastePlan) -> Text:
    if not plan.rows:
        return tr("Tidak ada yang ditempel: papan klip kosong.")
    text = _entries_summary(plan) if plan.whole_rows else _lines_summary(plan)
    if plan.repeated:
        text += tr(
            "Tanggal, No. Bukti dan Deskripsi yang diulang di tiap baris suatu jurnal dibaca "
            "sebagai satu jurnal, tidak ada yang hilang."
        )
    if plan.differing:
        text += tr(
            "{k} sel Tanggal, No. Bukti, Deskripsi atau Cabang di baris berikutnya suatu jurnal "
            "berbeda dari yang pertama dan tidak ditempel: satu jurnal punya satu tanggal dan "
            "satu deskripsi.",
            k=plan.differing,
        )
    if plan.skipped:
        text += tr(
            "{k} sel tidak ditempel karena tidak punya kolom atau baris tujuan.",
            k=plan.skipped,
        )
    return text


def _entries_summary(plan: PastePlan) -> Text:
    """Whole journal rows: "2 jurnal baru (5 baris) ditempel di bawah jurnal JU-0003." """
    name = plan.target_name or tr("?")
    entries = plan.new_entries + plan.filled
    parts: list[Text] = []
    if entries:
        parts.append(_entries_pasted(plan, entries, name))
    if plan.loose_rows:
        parts.append(
            tr(
                "{a} baris tanpa tanggal dan No. Bukti ditambahkan ke {n}",
                a=plan.loose_rows,
                n=name,
            )
        )
    text = tr("{list}.", list=listed_apart(parts))
    if plan.target is not None and not plan.filled:
        text += tr(
            "Jurnal yang sudah ada tidak ditimpa; untuk menulis di atas sel, pakai Tempel "
            "menimpa (Ctrl+Shift+V)."
        )
    return text


def _entries_pasted(plan: PastePlan, entries: int, name: Text) -> Text:
    """How many entries (and lines) were pasted, and where."""
    lines = ntr("{n} baris", "{n} baris", plan.entry_lines)
    if plan.filled:
        return ntr(
            "{n} jurnal baru ({lines}) ditempel, mulai di {e} yang masih kosong",
            "{n} jurnal baru ({lines}) ditempel, mulai di {e} yang masih kosong",
            entries,
            lines=lines,
            e=name,
        )
    if plan.target is not None:
        return ntr(
            "{n} jurnal baru ({lines}) ditempel di bawah {e}",
            "{n} jurnal baru ({lines}) ditempel di bawah {e}",
            entries,
            lines=lines,
            e=name,
        )
    return ntr(
        "{n} jurnal baru ({lines}) ditempel di akhir tabel",
        "{n} jurnal baru ({lines}) ditempel di akhir tabel",
        entries,
        lines=lines,
    )


def _lines_summary(plan: PastePlan) -> Text:
    """Lines pasted into the entry the cursor is in (or written over, pasting over)."""
    text = tr("{n} baris ditempel:", n=plan.rows)
    parts: list[Text] = []
    name = plan.target_name or tr("?")
    if plan.written and plan.entries_written == 1 and plan.target is not None:
        parts.append(
            tr(
                "{w} ditulis di {n}",
                w=plan.written,
                n=name,
            )
        )
    elif plan.written:
        parts.append(
            tr(
                "{w} ditulis menimpa baris di {e} jurnal",
                w=plan.written,
                e=plan.entries_written,
            )
        )
    if plan.added_lines:
        parts.append(
            tr(
                "{a} baris baru ditambahkan ke jurnal itu",
                a=plan.added_lines,
            )
        )
    if plan.new_entries:
        parts.append(tr("{e} jurnal baru dibuat", e=plan.new_entries))
    text += tr("{list}.", list=listed_apart(parts))
    if plan.entries_written <= 1 and plan.more_below:
        text += tr(
            "Jurnal lain tidak diubah; untuk menimpa baris di bawahnya, pakai Tempel menimpa "
            "(Ctrl+Shift+V)."
        )
    return text


__all__ = ["PastePlan", "pasted_rows", "plan_paste", "plan_paste_over"]
