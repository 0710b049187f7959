"""What checking found in the journal grid's entries, kept per entry and per line. Plain Python.

`TableChecks` is the part of `EntryTable` that checks entries against the chart and keeps
the results: each entry's own problems, each line's (keyed by object id, not by row number,
so inserting a row renumbers nothing), how many problems each entry has and how many of
each kind (Problem.code). A change re-checks only the entries it touched; an undo or redo
can put back what checking found before (`KeptChecks`) instead of checking again.

A check result is a list, or `LaterProblems` (made when first read: a Delete over a whole
column makes 75,000).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from app.core.books.checks import LaterProblems, recount_codes
from app.core.books.journal import Account, JournalEntry, JournalLine, Problem
from app.core.grid import problems as grid_problems
from app.core.grid.cell_marks import CellMarks
from app.core.grid.problems import problem_kind
from app.core.grid.rows import RowBlock

Chart = Mapping[str, Account]


@dataclass(frozen=True, slots=True)
class KeptChecks:
    """Check results of some entries set aside (`TableChecks.kept`), under `token`: each
    entry's own problems and problem count, and the chosen lines' problems. Flat lists: a
    Delete over a column keeps 25,000 entries' worth, and drops it again later."""

    token: object
    entries: list[JournalEntry]
    own: list[Sequence[Problem] | None]
    counts: list[int]
    lines: list[JournalLine]
    checks: list[Sequence[Problem] | None]


class TableChecks:
    """Check results of the grid's entries and lines, with their counts."""

    def __init__(self, chart: Chart | None, marks: CellMarks) -> None:
        self.chart = chart
        # Problems from reading count with the checks, and hide the checks they repeat.
        self.marks = marks
        self.own: dict[int, Sequence[Problem]] = {}  # id(entry) -> its own problems
        self.by_line: dict[int, Sequence[Problem]] = {}  # id(line) -> what validation found
        # Problem.code -> how many of the lines' checks have it (an entry's own have none):
        # the page counts amounts with a fraction of a cent after every change.
        self.codes: dict[str, int] = {}
        self.counts: dict[int, int] = {}  # id(entry) -> problems (duplicates aside)
        self.count = 0  # all of counts
        # Stands for the checks as they are made now (the chart): check results kept aside
        # for an undo (`RowBlock.checked_with`, `KeptChecks`) are put back only under it.
        self.token = object()

    def set_chart(self, chart: Chart | None, entries: Iterable[JournalEntry]) -> None:
        """Check every entry again against `chart`."""
        self.chart = chart
        self.token = object()  # what was kept of earlier checks is no longer valid
        for entry in entries:
            self.check(entry)

    # --- checking -------------------------------------------------------------------------

    def check(
        self,
        entry: JournalEntry,
        lines: list[JournalLine] | None = None,
        *,
        amounts_only: bool = False,
    ) -> None:
        """Check the entry again: its own checks, and those of `lines` (all of its lines
        when None; a line's checks look at nothing but the line, its entry's reference and
        sheet, and the chart). `amounts_only`: nothing but the debits and credits of
        `lines` changed since they were last checked."""
        own: Sequence[Problem]
        per_line: Sequence[Sequence[Problem]]
        if amounts_only and lines is not None:
            checks = self.by_line
            before = [checks.get(id(line)) for line in lines]
            own_before = self.own.get(id(entry))
            own, per_line = grid_problems.check_amounts(entry, lines, before, own_before)
        else:
            lines = entry.lines if lines is None else lines
            own, per_line = grid_problems.check_entry(entry, self.chart, lines)
        self.keep(entry, lines, own, per_line)

    def keep(
        self,
        entry: JournalEntry,
        lines: list[JournalLine],
        own: Sequence[Problem],
        per_line: Sequence[Sequence[Problem]],
    ) -> None:
        """Keep what checking the entry (and `lines` of its lines) found, and its count."""
        key, checks, counts = id(entry), self.by_line, self.counts
        if own:
            self.own[key] = own
        else:
            self.own.pop(key, None)
        codes = self.codes
        for line, problems in zip(lines, per_line, strict=True):
            old = checks.get(id(line))
            if old is not None or (type(problems) is not LaterProblems and problems):
                recount_codes(codes, old, problems)  # (most lines have no problem at all)
            if problems:
                checks[id(line)] = problems
            else:
                checks.pop(id(line), None)
        if self.marks.read:
            count = len(own) + sum(len(self.line_problems(line)) for line in entry.lines)
        else:  # nothing read from a file is left: the checks alone (the common case, fast)
            empty = ()
            count = len(own) + sum([len(checks.get(id(line), empty)) for line in entry.lines])
        self.count += count - counts.pop(key, 0)
        if count:
            counts[key] = count

    def recheck_entries(
        self,
        entries: Iterable[JournalEntry],
        lines: Mapping[int, list[JournalLine] | None],
        *,
        amounts_only: bool = False,
    ) -> KeptChecks:
        """`check` for each entry (`lines[id(entry)]` of its lines, all when None); returns
        what checking had found before (what `kept` gives). After a change of amounts alone
        (a Delete over a whole amount column: 25,000 entries), each entry's count is brought
        up to date from what changed, without counting its other lines' problems again, and
        what is replaced is set aside as it is replaced."""
        entries = list(entries)
        # With problems read from a file the count merges both kinds: counted afresh.
        if not amounts_only or self.marks.read or None in lines.values():
            kept = self.kept(entries, lines)
            for entry in entries:
                self.check(entry, lines.get(id(entry)), amounts_only=amounts_only)
            return kept
        kept = KeptChecks(self.token, entries, [], [], [], [])
        for entry in entries:
            chosen = lines[id(entry)]
            assert chosen is not None  # None is not among them (the test above)
            self._recheck_amounts(entry, chosen, kept)
        return kept

    def _recheck_amounts(
        self, entry: JournalEntry, lines: list[JournalLine], kept: KeptChecks
    ) -> None:
        """check(entry, lines, amounts_only=True), the count changed by what changed (no
        problem read from a file in the table: then the count is the checks' alone); what it
        replaces goes into `kept`."""
        key, own, checks, counts = id(entry), self.own, self.by_line, self.counts
        before = list(map(checks.get, map(id, lines)))
        own_before = own.get(key)
        own_now, per_line = grid_problems.check_amounts(entry, lines, before, own_before)
        old_count = counts.get(key, 0)
        kept.own.append(own_before)
        kept.counts.append(old_count)
        kept.lines.extend(lines)
        kept.checks.extend(before)
        size = len(own_now)
        count = old_count + size - (len(own_before) if own_before is not None else 0)
        if size:
            own[key] = own_now
        elif own_before is not None:
            del own[key]
        codes = self.codes
        for line, old, now in zip(lines, before, per_line, strict=True):
            if old is not None:
                count -= len(old)
            size = len(now)
            if size:
                checks[id(line)] = now
                count += size
            elif old is not None:
                del checks[id(line)]
            if old is not None or type(now) is not LaterProblems:  # else no code to count
                recount_codes(codes, old, now)
        self.count += count - old_count
        if count:
            counts[key] = count
        elif old_count:
            del counts[key]

    # --- kept aside for an undo ---------------------------------------------------------------

    def kept(
        self, entries: list[JournalEntry], lines: Mapping[int, list[JournalLine] | None]
    ) -> KeptChecks:
        """What checking found for `entries` as they stand now (only `lines[id(entry)]` of
        an entry's lines, all when None): what `restore` puts back once their cells hold
        again what they hold now."""
        own, checks, counts = self.own, self.by_line, self.counts
        chosen: list[JournalLine] = []
        for entry in entries:
            some = lines.get(id(entry))
            chosen.extend(entry.lines if some is None else some)
        return KeptChecks(
            self.token,
            entries,
            [own.get(id(entry)) for entry in entries],
            [counts.get(id(entry), 0) for entry in entries],
            chosen,
            [checks.get(id(line)) for line in chosen],
        )

    def restore(self, kept: KeptChecks) -> KeptChecks | None:
        """Put back checks kept by `kept`, instead of checking those entries again (an undo
        or redo brings their cells back exactly); returns the checks they replace (what
        `kept` gives for the same entries and lines). None, changing nothing, when the
        checks have changed since (another chart)."""
        if kept.token is not self.token:
            return None
        own, checks, counts = self.own, self.by_line, self.counts
        replaced = KeptChecks(self.token, kept.entries, [], [], kept.lines, [])
        for entry, entry_own, count in zip(kept.entries, kept.own, kept.counts, strict=True):
            key = id(entry)
            replaced.own.append(own.pop(key, None))
            if entry_own:
                own[key] = entry_own
            old_count = counts.pop(key, 0)
            replaced.counts.append(old_count)
            self.count += count - old_count
            if count:
                counts[key] = count
        codes, before = self.codes, replaced.checks
        for line, problems in zip(kept.lines, kept.checks, strict=True):
            old = checks.pop(id(line), None)
            before.append(old)
            if old is not None or (type(problems) is not LaterProblems and problems):
                recount_codes(codes, old, problems)  # (most lines have no problem at all)
            if problems:
                checks[id(line)] = problems
        return replaced

    def note(self, block: RowBlock) -> None:
        """Keep in the block what checking found for each entry it takes out whole (before
        anything is taken out), so putting the block back need not check them again."""
        taken: dict[int, int] = {}
        for entry in block.owners:
            taken[id(entry)] = taken.get(id(entry), 0) + 1
        whole = [group[0] for group in block.groups() if taken[id(group[0])] == len(group[0].lines)]
        own, checks = self.own, self.by_line
        for entry in whole:
            # As kept (never changed in place; problems made when read stay unmade).
            block.checks[id(entry)] = (
                own.get(id(entry), []),
                [checks.get(id(line), []) for line in entry.lines],
            )
        block.checked_with = self.token

    # --- lines and entries leaving the grid ---------------------------------------------------

    def forget_lines(self, lines: Iterable[JournalLine]) -> None:
        """Drop the lines' checks (and their codes' counts) before their ids can be reused."""
        checks, codes = self.by_line, self.codes
        for line in lines:
            checked = checks.pop(id(line), None)
            if checked is not None:
                recount_codes(codes, checked, None)

    def forget_entry(self, entry: JournalEntry) -> None:
        """Drop the entry's own checks and count before its id can be reused."""
        self.own.pop(id(entry), None)
        self.count -= self.counts.pop(id(entry), 0)

    # --- reading -------------------------------------------------------------------------------

    def line_problems(self, line: JournalLine) -> Sequence[Problem]:
        """A line's problems: what reading found, then the checks reading does not repeat
        (a cell that held text is not also "missing an amount")."""
        read = self.marks.read.get(id(line), [])
        checks = self.by_line.get(id(line), [])
        if not read:
            return checks
        covered = {problem_kind(p.field) for p in read}
        return read + [p for p in checks if problem_kind(p.field) not in covered]

    def problem_fields(self, lines: Iterable[JournalLine]) -> list[str]:
        """The fields of the lines where reading or checking found a problem."""
        read, checks = self.marks.read, self.by_line
        found: list[str] = []
        for line in lines:
            found.extend(p.field for p in read.get(id(line), ()))
            found.extend(p.field for p in checks.get(id(line), ()))
        return found


__all__ = ["Chart", "KeptChecks", "TableChecks"]
