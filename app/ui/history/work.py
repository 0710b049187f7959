"""The history's list of batches, read off the GUI thread: plain Python over the outbox, no
widgets. `load_history` gives one `HistoryRow` a batch, newest first, each with the run
summary of its entries and the state the table colours it by."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import Final

from app.core.formatting import count
from app.core.i18n import Text, tr
from app.core.tasks import TaskState
from app.posting.outbox.interrupted import posting_now
from app.posting.outbox.ledger import EntryStatus, Outbox
from app.posting.reversal.reverse import reversed_by_text, reverses_text
from app.posting.service import outbox_path
from app.posting.summary import RunSummary, summary_of_counts
from app.ui.history.batch_work import on_books_now, source_name


class BatchState(StrEnum):
    COMPLETE = "complete"  # every entry on the books (now or before)
    PROBLEMS = "problems"  # something the accountant has to look at
    INTERRUPTED = "interrupted"  # posting stopped before the end: entries still unsent
    POSTING = "posting"  # a run is posting to the company right now
    UNDONE = "undone"  # taken back from the books by undo
    REVERSED = "reversed"  # cancelled by a batch of reversing entries


STATE_WORDS: Final[dict[BatchState, Text]] = {
    BatchState.COMPLETE: tr("Lengkap"),
    BatchState.PROBLEMS: tr("Perlu perhatian"),
    BatchState.INTERRUPTED: tr("Terhenti"),
    BatchState.POSTING: tr("Sedang diposting"),
    BatchState.UNDONE: tr("Dibatalkan"),
    BatchState.REVERSED: tr("Dibalik"),
}


@dataclass(frozen=True, slots=True)
class HistoryRow:
    """One posted batch, as the history table shows it."""

    batch_id: str
    created_at: datetime  # timezone-aware
    source: str  # file name and sheet, or "" for entries typed in the grid
    summary: RunSummary  # what its entries came to (no debit: the list does not show it)
    finished: bool
    service: str = ""  # "accurate" or "sempoa"
    posting_now: bool = False  # a run holds the company's lease while the list was read
    reversed_by: str = ""  # the batch of reversing entries made for this one
    reverses: str = ""  # the batch this one's entries reverse
    reversal_complete: bool = False  # every reversing entry of `reversed_by` is on the books

    @property
    def link(self) -> Text | None:
        """ "Dibalik oleh batch N" / "Membalik batch M", or None."""
        if self.reversed_by:
            return reversed_by_text(self.reversed_by)
        return reverses_text(self.reverses) if self.reverses else None

    @property
    def total(self) -> int:
        return self.summary.entries

    @property
    def unsent(self) -> int:
        """Entries never sent (the rest of an interrupted batch)."""
        return self.summary.pending

    @property
    def others(self) -> int:
        return self.total - self.summary.posted - self.summary.rejected - self.unsent

    @property
    def state(self) -> BatchState:
        summary = self.summary
        if not self.finished and (summary.pending or summary.uncertain):
            return BatchState.POSTING if self.posting_now else BatchState.INTERRUPTED
        # Half undone (an undo stopped by an error) needs a look too.
        if summary.problems or (summary.undone and summary.posted):
            return BatchState.PROBLEMS
        if self.reversed_by and self.reversal_complete:
            return BatchState.REVERSED
        return BatchState.UNDONE if summary.undone else BatchState.COMPLETE

    def breakdown(self) -> str:
        return self.summary.breakdown(count)


def load_history(outbox_home: Path, profile_name: str, state: TaskState) -> list[HistoryRow]:
    """Worker: the company's batches, newest first. No outbox file yet: no history."""
    path = outbox_path(outbox_home)
    if not path.exists():
        return []  # opening would create an empty ledger just to read nothing
    rows: list[HistoryRow] = []
    with Outbox(path) as outbox:
        batches = outbox.batches(profile_name)
        busy = posting_now(outbox, profile_name)
        reverses = outbox.reversal_links(profile_name)
        reversed_by = {original: reversal for reversal, original in reverses.items()}
        for number, batch in enumerate(batches, start=1):
            state.check()
            summary = summary_of_counts(outbox.reason_counts(batch.id))
            if summary.posted_before:
                summary = summary.with_removed(_removed(outbox, batch.id))
            rows.append(
                HistoryRow(
                    batch.id,
                    datetime.fromisoformat(batch.created_at),
                    source_name(batch),
                    summary,
                    batch.finished_at is not None,
                    batch.service,
                    busy,
                    reversed_by.get(batch.id, ""),
                    reverses.get(batch.id, ""),
                )
            )
            state.set_progress(number, len(batches))
    rows = _with_reversals_complete(rows)
    return sorted(rows, key=lambda row: row.created_at, reverse=True)


def _with_reversals_complete(rows: list[HistoryRow]) -> list[HistoryRow]:
    """Each reversed batch knows whether its reversal is complete (every reversing entry on
    the books): only then does it read as reversed."""
    by_id = {row.batch_id: row for row in rows}
    made = []
    for row in rows:
        reversal = by_id.get(row.reversed_by) if row.reversed_by else None
        if reversal is not None and reversal.state is BatchState.COMPLETE:
            row = dataclasses.replace(row, reversal_complete=True)
        made.append(row)
    return made


def _removed(outbox: Outbox, batch_id: str) -> int:
    """Entries skipped as posted before whose earlier posting has since been removed from
    the books: they are not on the books any more."""
    skipped = outbox.entries(batch_id, [EntryStatus.SKIPPED])
    return sum(1 for row in skipped if row.posted_before and not on_books_now(outbox, row))
