"""Row changes of the journal grid's table: runs of rows taken out and put in. Plain Python.

`EntryRows` is the part of `EntryTable` that changes which lines are in the grid. Removing
rows returns a `RowBlock` holding everything they carried; inserting a block at a gap between
two rows adds its lines to the entry above the gap, to the entry below it, or as new entries
between the two, in the block's order. Inserting a removed block where it was restores the
grid exactly, which is what undo relies on.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from app.core.books.checks import recount_codes
from app.core.books.journal import JournalEntry, JournalLine, Problem
from app.core.grid.columns import Column
from app.core.grid.rows import RowBlock, index_of


class EntryRows:
    """Insert and remove runs of rows. Mixed into EntryTable, whose books (the flat row
    lists, checks, totals, references) it keeps."""

    # EntryTable's books this part reads and changes (EntryTable.__init__ makes them).
    entries: list[JournalEntry]
    lines: list[JournalLine]
    owners: list[JournalEntry]
    total_debit: Decimal
    total_credit: Decimal
    checks_token: object
    _own: dict[int, list[Problem]]
    _checks: dict[int, list[Problem]]
    _read: dict[int, list[Problem]]
    _raw: dict[int, dict[int, str]]
    _counts: dict[int, int]
    _count: int
    _positions: dict[int, tuple[int, int]] | None
    _filled: frozenset[Column] | None

    if TYPE_CHECKING:  # EntryTable's own methods this part calls

        def position(self, entry: JournalEntry) -> tuple[int, int]: ...
        def rows_of(self, entry: JournalEntry) -> tuple[int, int]: ...
        def next_reference(self, reference: str) -> str: ...
        def _add_reference(self, entry: JournalEntry) -> None: ...
        def _remove_reference(self, entry: JournalEntry) -> None: ...
        def _check(
            self,
            entry: JournalEntry,
            lines: list[JournalLine] | None = None,
            *,
            amounts_only: bool = False,
        ) -> None: ...
        def _keep_checks(
            self,
            entry: JournalEntry,
            lines: list[JournalLine],
            own: list[Problem],
            per_line: list[list[Problem]],
        ) -> None: ...

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
        reference = self.next_reference(previous.reference if previous is not None else "")
        entry = JournalEntry(day, reference, "", [])
        gap = len(self.lines) if previous is None else self.rows_of(previous)[1] + 1
        return gap, RowBlock.blank_lines([entry, entry])

    # --- inserting ----------------------------------------------------------------------------

    def check_insert(self, gap: int, block: RowBlock) -> None:
        """Raises ValueError if the block cannot go in at `gap` (a new entry inside another,
        lines for an entry not beside the gap); changes nothing."""
        self._placements(gap, block)

    def insert_rows(self, gap: int, block: RowBlock) -> list[JournalEntry]:
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
        self._filled = None
        for entry in new_entries:
            self._add_reference(entry)
        for line, read, raw in zip(block.lines, block.read, block.raw, strict=True):
            self.total_debit += line.debit
            self.total_credit += line.credit
            if read:
                self._read[id(line)] = list(read)
            if raw:
                self._raw[id(line)] = dict(raw)
        touched = _unique(entry for entry, _offset, _lines in placed)
        checks = block.checks if block.checked_with is self.checks_token else {}
        returning = {id(entry) for entry in new_entries}
        for entry in touched:
            saved = checks.get(id(entry)) if id(entry) in returning else None
            if saved is not None and len(saved[1]) == len(entry.lines):
                self._keep_checks(entry, entry.lines, *saved)  # as it was taken out
            else:
                self._check(entry)
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

    def remove_rows(self, first: int, last: int) -> RowBlock:
        """Remove rows first..last; an entry left without lines goes too. Returns the block
        removed, with what its cells carried (insert it at `first` to put it back)."""
        lines, owners = self.lines[first : last + 1], self.owners[first : last + 1]
        block = RowBlock(
            list(lines),
            list(owners),
            [list(self._read.get(id(line), ())) for line in lines],
            [dict(self._raw.get(id(line), {})) for line in lines],
        )
        self._note_checks(block)
        shrunk: dict[int, JournalEntry] = {}
        for line, entry in zip(lines, owners, strict=True):
            self._forget_line(line)
            self.total_debit -= line.debit
            self.total_credit -= line.credit
            shrunk[id(entry)] = entry
        gone = {id(line) for line in lines}
        for entry in shrunk.values():
            entry.lines[:] = [each for each in entry.lines if id(each) not in gone]
        emptied = [entry for entry in shrunk.values() if not entry.lines]
        if emptied:  # one pass, not a deletion per entry (all 25,000 of them, at times)
            leaving = {id(entry) for entry in emptied}
            self.entries[:] = [each for each in self.entries if id(each) not in leaving]
        for entry in emptied:
            self._forget_entry(entry)
            del shrunk[id(entry)]
        del self.lines[first : last + 1]
        del self.owners[first : last + 1]
        self._positions = None
        self._filled = None
        for entry in shrunk.values():
            self._check(entry)
        return block

    def _note_checks(self, block: RowBlock) -> None:
        """Keep in the block what checking found for each entry it takes out whole (before
        anything is taken out), so putting the block back need not check them again."""
        taken: dict[int, int] = {}
        for entry in block.owners:
            taken[id(entry)] = taken.get(id(entry), 0) + 1
        whole = [group[0] for group in block.groups() if taken[id(group[0])] == len(group[0].lines)]
        own, checks = self._own, self._checks
        for entry in whole:
            # As kept (never changed in place; problems made when read stay unmade).
            block.checks[id(entry)] = (
                own.get(id(entry), []),
                [checks.get(id(line), []) for line in entry.lines],
            )
        block.checked_with = self.checks_token

    def _forget_line(self, line: JournalLine) -> None:
        checked = self._checks.pop(id(line), None)
        if checked is not None:
            recount_codes(self._codes, checked, None)
        self._read.pop(id(line), None)
        self._raw.pop(id(line), None)

    def _forget_entry(self, entry: JournalEntry) -> None:
        # The entry leaves the table: drop every record under its id before the id can be
        # given to a new object.
        self._positions = None
        self._own.pop(id(entry), None)
        self._count -= self._counts.pop(id(entry), 0)
        self._remove_reference(entry)


def _unique(entries: Iterable[JournalEntry]) -> list[JournalEntry]:
    seen: dict[int, JournalEntry] = {}
    for entry in entries:
        seen.setdefault(id(entry), entry)
    return list(seen.values())


__all__ = ["EntryRows"]
