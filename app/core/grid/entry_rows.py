"""The journal grid's rows: one per journal line, each entry's lines kept together. Plain Python.

`TableRows` is the part of `EntryTable` that holds the rows (the entries, their lines as flat
rows, the entry of each row, the totals) and changes which lines are in the grid. Removing
rows returns a `RowBlock` holding everything they carried; inserting a block at a gap between
two rows adds its lines to the entry above the gap, to the entry below it, or as new entries
between the two, in the block's order. Inserting a removed block where it was restores the
grid exactly, which is what undo relies on.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from app.core.books.journal import JournalEntry, JournalLine
from app.core.books.money import ZERO
from app.core.grid.cell_marks import CellMarks
from app.core.grid.entry_checks import TableChecks
from app.core.grid.entry_references import EntryReferences
from app.core.grid.rows import RowBlock, index_of


class TableRows:
    """The grid's rows and their totals; inserts and removes runs of rows, keeping the
    marks, checks and references of the lines and entries that come and go."""

    def __init__(self, marks: CellMarks, checks: TableChecks, references: EntryReferences) -> None:
        self.marks = marks
        self.checks = checks
        self.references = references
        # Changed in place only: callers may hold on to these lists.
        self.entries: list[JournalEntry] = []
        self.lines: list[JournalLine] = []
        self.owners: list[JournalEntry] = []  # the entry of each row
        self.total_debit: Decimal = ZERO
        self.total_credit: Decimal = ZERO
        self._positions: dict[int, tuple[int, int]] | None = {}  # id -> (ordinal, first row)

    def lay_out(self, entries: Iterable[JournalEntry]) -> None:
        """Add `entries` at the end, unchecked (building a table: see EntryTable.build)."""
        positions = self.position_index()
        debit, credit = self.total_debit, self.total_credit
        for entry in entries:
            if not entry.lines:
                continue  # nothing to show or post
            positions[id(entry)] = (len(self.entries), len(self.lines))
            self.entries.append(entry)
            self.lines.extend(entry.lines)
            self.owners.extend([entry] * len(entry.lines))
            debit += entry.total_debit
            credit += entry.total_credit
            self.references.add(entry)
        self.total_debit, self.total_credit = debit, credit

    # --- positions --------------------------------------------------------------------------

    def position_index(self) -> dict[int, tuple[int, int]]:
        """id(entry) -> (ordinal of the entry, its first row), rebuilt after row changes."""
        if self._positions is None:
            positions, row = {}, 0
            for ordinal, each in enumerate(self.entries):
                positions[id(each)] = (ordinal, row)
                row += len(each.lines)
            self._positions = positions
        return self._positions

    def position(self, entry: JournalEntry) -> tuple[int, int]:
        """(ordinal of the entry, its first row)."""
        return self.position_index()[id(entry)]

    def rows_of(self, entry: JournalEntry) -> tuple[int, int]:
        first = self.position(entry)[1]
        return first, first + len(entry.lines) - 1

    # --- new rows -----------------------------------------------------------------------------

    def new_line_block(self, row: int) -> tuple[int, RowBlock]:
        """A blank line for row's entry, right below row: (the gap, the block)."""
        return row + 1, RowBlock.blank_lines([self.owners[row]])

    def new_entry_block(self, after_row: int | None) -> tuple[int, RowBlock]:
        """A new entry of two blank lines below after_row's entry (or at the end): it takes
        the date above and the next free number. (the gap, the block)."""
        previous = self.owners[after_row] if after_row is not None and self.lines else None
        if previous is None and self.entries:
            previous = self.entries[-1]
        day = previous.date if previous is not None else None
        reference = self.references.next_after(previous.reference if previous else "")
        entry = JournalEntry(day, reference, "", [])
        gap = len(self.lines) if previous is None else self.rows_of(previous)[1] + 1
        return gap, RowBlock.blank_lines([entry, entry])

    # --- inserting ----------------------------------------------------------------------------

    def check_insert(self, gap: int, block: RowBlock) -> None:
        """Raises ValueError if the block cannot go in at `gap` (a new entry inside another,
        lines for an entry not beside the gap); changes nothing."""
        self._placements(gap, block)

    def insert(self, gap: int, block: RowBlock) -> list[JournalEntry]:
        """Put the block's rows in at `gap` (0..len(lines)); returns the entries it touched.
        Raises ValueError, changing nothing, for a block that cannot go there."""
        new_entries = block.new_entries()
        placed = self._placements(gap, block)
        above = self.owners[gap - 1] if gap > 0 else None
        ordinal = 0 if above is None else self.position(above)[0] + 1
        for entry in new_entries:  # an entry's lines list is filled from the block below
            entry.lines.clear()
        for entry, offset, lines in placed:
            entry.lines[offset:offset] = lines
        self.entries[ordinal:ordinal] = new_entries
        self.lines[gap:gap] = block.lines
        self.owners[gap:gap] = block.owners
        self._positions = None
        for entry in new_entries:
            self.references.add(entry)
        debit, credit = self.total_debit, self.total_credit
        for line in block.lines:
            debit += line.debit
            credit += line.credit
        self.total_debit, self.total_credit = debit, credit
        self.marks.put(block.lines, block.read, block.raw)
        touched = _unique(entry for entry, _offset, _lines in placed)
        checks = self.checks
        saved_checks = block.checks if block.checked_with is checks.token else {}
        returning = {id(entry) for entry in new_entries}
        for entry in touched:
            saved = saved_checks.get(id(entry)) if id(entry) in returning else None
            if saved is not None and len(saved[1]) == len(entry.lines):
                checks.keep(entry, entry.lines, *saved)  # as it was taken out
            else:
                checks.check(entry)
        return touched

    def _placements(
        self, gap: int, block: RowBlock
    ) -> list[tuple[JournalEntry, int, list[JournalLine]]]:
        """Where each run of the block goes: (entry, offset in its lines, the run's lines),
        found before anything moves. Runs for the entry above come first, then new entries,
        then runs for the entry below."""
        if not 0 <= gap <= len(self.lines) or not len(block):
            raise ValueError(f"rows cannot be inserted at {gap}")
        above = self.owners[gap - 1] if gap > 0 else None
        below = self.owners[gap] if gap < len(self.lines) else None
        if block.new_entries() and above is not None and above is below:
            raise ValueError("a new entry cannot go inside another entry")
        after_above = index_of(above.lines, self.lines[gap - 1]) + 1 if above else 0
        before_below = index_of(below.lines, self.lines[gap]) if below else 0
        phase, placed = 0, []  # phase: 0 the entry above, 1 new entries, 2 the entry below
        seen_new: set[int] = set()
        for entry, lines in block.groups():
            if entry is above and phase == 0:
                placed.append((entry, after_above, lines))
                after_above += len(lines)
                if above is below:
                    before_below += len(lines)
            elif not entry.lines:
                if id(entry) in seen_new or phase == 2:
                    raise ValueError("a new entry's rows must be together, above the next")
                phase = 1
                seen_new.add(id(entry))
                placed.append((entry, 0, lines))
            elif entry is below:
                phase = 2
                placed.append((entry, before_below, lines))
                before_below += len(lines)
            else:
                raise ValueError("rows can join only the entries beside the gap")
        return placed

    # --- removing -----------------------------------------------------------------------------

    def remove(self, first: int, last: int) -> RowBlock:
        """Remove rows first..last; an entry left without lines goes too. Returns the block
        removed, with what its cells carried (insert it at `first` to put it back)."""
        lines, owners = self.lines[first : last + 1], self.owners[first : last + 1]
        read, raw = self.marks.taken(lines)
        block = RowBlock(list(lines), list(owners), read, raw)
        checks = self.checks
        checks.note(block)
        # The lines leave: every record under their ids goes before the ids can be reused.
        checks.forget_lines(lines)
        self.marks.forget_lines(lines)
        shrunk: dict[int, JournalEntry] = {}
        debit, credit = self.total_debit, self.total_credit
        for line, entry in zip(lines, owners, strict=True):
            debit -= line.debit
            credit -= line.credit
            shrunk[id(entry)] = entry
        self.total_debit, self.total_credit = debit, credit
        gone = {id(line) for line in lines}
        for entry in shrunk.values():
            entry.lines[:] = [each for each in entry.lines if id(each) not in gone]
        emptied = [entry for entry in shrunk.values() if not entry.lines]
        if emptied:  # one pass, not a deletion per entry (all 25,000 of them, at times)
            leaving = {id(entry) for entry in emptied}
            self.entries[:] = [each for each in self.entries if id(each) not in leaving]
        for entry in emptied:  # the entry leaves the table, as its lines did
            checks.forget_entry(entry)
            self.references.remove(entry)
            del shrunk[id(entry)]
        del self.lines[first : last + 1]
        del self.owners[first : last + 1]
        self._positions = None
        for entry in shrunk.values():
            checks.check(entry)
        return block


def _unique(entries: Iterable[JournalEntry]) -> list[JournalEntry]:
    seen: dict[int, JournalEntry] = {}
    for entry in entries:
        seen.setdefault(id(entry), entry)
    return list(seen.values())


__all__ = ["TableRows"]
