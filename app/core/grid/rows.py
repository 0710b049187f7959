"""Rows taken out of the journal grid or about to go in, with all they carry. Plain Python.

A `RowBlock` is a run of consecutive grid rows: each row's line, the entry it belongs to,
the problems reading found in its cells and any text typed there that could not be read.
Removing rows gives the block back; inserting the same block where it was puts everything
back as it was, which is how an undo restores removed rows and a redo re-inserts pasted ones.

An entry of the block that is not in the grid (its `lines` list is empty) is added as a new
entry at the gap; the lines of an entry that is in the grid join it there.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.core.books.journal import JournalEntry, JournalLine, Problem


@dataclass(slots=True)
class RowBlock:
    """Consecutive rows: a line and its entry per row, and what each row's cells carry."""

    lines: list[JournalLine]
    owners: list[JournalEntry]
    read: list[list[Problem]] = field(default_factory=list)  # per row; [] when none
    raw: list[dict[int, str]] = field(default_factory=list)  # per row: column -> typed text
    # What checking found, when the rows were taken out, for each entry taken out whole:
    # id(entry) -> (its own problems, each of its lines' problems), made under the table's
    # `TableChecks.token`. Put back whole under that token (the same chart), an entry takes
    # them back unchecked (an undo of removing 100,000 lines would otherwise check them all).
    checks: dict[int, tuple[Sequence[Problem], list[Sequence[Problem]]]] = field(
        default_factory=dict
    )
    checked_with: object = None

    def __post_init__(self) -> None:
        if len(self.lines) != len(self.owners):
            raise ValueError("a row block needs one entry per line")
        self.read = self.read or [[] for _ in self.lines]
        self.raw = self.raw or [{} for _ in self.lines]

    def __len__(self) -> int:
        return len(self.lines)

    @classmethod
    def blank_lines(cls, owners: Sequence[JournalEntry]) -> RowBlock:
        """New empty lines, one per entry given (an entry once per line it is to have)."""
        return cls([JournalLine("") for _ in owners], list(owners))

    def groups(self) -> list[tuple[JournalEntry, list[JournalLine]]]:
        """Runs of rows of one entry, in order."""
        runs: list[tuple[JournalEntry, list[JournalLine]]] = []
        for line, owner in zip(self.lines, self.owners, strict=True):
            if runs and runs[-1][0] is owner:
                runs[-1][1].append(line)
            else:
                runs.append((owner, [line]))
        return runs

    def new_entries(self) -> list[JournalEntry]:
        """The block's entries that are not in the grid, in order."""
        seen: dict[int, JournalEntry] = {}
        for owner in self.owners:
            if not owner.lines:
                seen.setdefault(id(owner), owner)
        return list(seen.values())


def index_of(lines: Sequence[JournalLine], line: JournalLine) -> int:
    """Where `line` itself is in `lines` (lines compare equal by value; this is identity)."""
    for position, each in enumerate(lines):
        if each is line:
            return position
    raise ValueError("the line is not in that entry")


def runs_descending(rows: Iterable[int]) -> list[tuple[int, int]]:
    """{9, 8, 7, 3, 2} -> [(7, 9), (2, 3)]: contiguous runs, bottom first (so removing one
    leaves the row numbers of the next as they were)."""
    runs: list[tuple[int, int]] = []
    for row in sorted(set(rows), reverse=True):
        if runs and runs[-1][0] == row + 1:
            runs[-1] = (row, runs[-1][1])
        else:
            runs.append((row, row))
    return runs


__all__ = ["RowBlock", "index_of", "runs_descending"]
