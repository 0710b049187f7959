"""The history's work off the GUI thread: plain Python over the outbox, no widgets.

`load_batch` reads a batch and turns every entry into the text its table row shows, in the
language it is handed (so the model's `data()` only indexes a tuple, and a 25,000-entry batch
is read and formatted off the GUI thread); `save_batch_report` writes the result workbook;
`verify_history_batch` reads it back from the books. Undo is the posting window's worker
(`posting_work.undo_posted`): one for both windows.

An entry skipped because the same entry was posted before is on the books only while that
earlier posting is: once the batch that posted it has been removed from the books, the
entry reads as removed too (`on_books_now`), and its batch no longer as complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Final

from app.core.books.journal import JournalEntry
from app.core.books.number_style import format_amount
from app.core.i18n import tr
from app.core.interpreter import collector_paused
from app.core.tasks import TaskState
from app.core.visible_text import visible
from app.posting.outbox.interrupted import posting_now
from app.posting.outbox.ledger import Batch, EntryStatus, Outbox, OutboxEntry
from app.posting.readback import verify_saved_batch
from app.posting.report.workbook import readable_messages, rebuild_report
from app.posting.service import opened_outbox
from app.posting.summary import RunSummary, summarize
from app.posting.verify import Verification
from app.ui.common.words import date_text, number_style
from app.ui.posting.model import ALREADY, RowStatus, status_text
from app.ui.posting.work import ConnectCompany, save_report

PROGRESS_EVERY: Final = 1000  # rows between progress reports while a batch loads


@dataclass(frozen=True, slots=True)
class BatchEntryRow:
    """One entry of a batch as its table row shows it, every cell already text."""

    status: RowStatus  # an EntryStatus, or ALREADY for one skipped as posted before
    cells: tuple[str, ...]  # one per column of COLUMNS
    tooltip: str  # the readable messages, one per line


@dataclass(frozen=True, slots=True)
class BatchDetails:
    """A batch read from the outbox, ready to show."""

    batch: Batch
    rows: list[BatchEntryRow]
    summary: RunSummary  # what its entries came to, as they stand on the books now
    language: str = "id"  # the language its text is written in
    posting_now: bool = False  # a run was posting to the company when it was read
    reversed_by: str = ""  # the batch of reversing entries made for this one, if any
    reversal_complete: bool = False  # every one of those reversing entries is on the books
    reversal_held: bool = False  # some of them are (or may be) on the books: no undo then
    reverses: str = ""  # the batch this one's entries reverse, if it is a reversal

    @property
    def total(self) -> int:
        return len(self.rows)

    @property
    def interrupted(self) -> bool:
        """Posting stopped before the end: entries never sent, or of unknown fate, are left
        in a batch not finished (posting its entries again resumes it)."""
        summary = self.summary
        unfinished = self.batch.finished_at is None and not self.posting_now
        return unfinished and bool(summary.pending or summary.uncertain)


def on_books_now(outbox: Outbox, row: OutboxEntry) -> bool:
    """Whether an entry the outbox counts as on the books still is: posted by its own batch,
    or skipped as posted before while that earlier posting (same content) still stands."""
    if row.status is EntryStatus.POSTED:
        return True
    if not row.posted_before:
        return False
    posted = outbox.posted_reference(row.profile, row.reference)
    return posted is not None and posted.fingerprint == row.fingerprint


def shown_status(row: OutboxEntry, on_books: bool = True) -> RowStatus:
    """The status a person should read: a row left "sending" after a run is uncertain (the
    answer never came); one skipped as posted before is on the books, or removed from them
    when that earlier posting was taken off the books (`on_books` False)."""
    if row.status is EntryStatus.SENDING:
        return EntryStatus.UNCERTAIN
    if row.posted_before:
        return ALREADY if on_books else EntryStatus.UNDONE
    return row.status


def entry_row(
    row: OutboxEntry, entry: JournalEntry, language: str, on_books: bool = True
) -> BatchEntryRow:
    """The table row of one outbox entry (`entry` is its parsed payload)."""
    status = shown_status(row, on_books)
    messages = [visible(message) for message in readable_messages(row, language)]
    if status is EntryStatus.UNDONE and row.status is EntryStatus.SKIPPED:
        removed = tr(
            "Posting sebelumnya sudah dihapus dari pembukuan; jurnal ini tidak ada di sana lagi."
        )
        messages.append(removed.get(language))
    cells = (
        str(row.position + 1),
        visible(row.reference),  # outside text: control characters shown, never acted on
        date_text(entry.date, language) if entry.date is not None else "",
        visible(entry.description),
        format_amount(entry.total_debit, number_style(language)),
        status_text(status, language),
        row.remote_number,
        " · ".join(messages),
    )
    return BatchEntryRow(status, cells, "\n".join(messages))


def load_batch(outbox_home: Path, batch_id: str, language: str, state: TaskState) -> BatchDetails:
    """Worker: the batch and every entry of it, formatted for the table in `language`."""
    with collector_paused():  # 25,000 rows of text, no cycles
        return _load_batch(outbox_home, batch_id, language, state)


def _load_batch(outbox_home: Path, batch_id: str, language: str, state: TaskState) -> BatchDetails:
    with opened_outbox(outbox_home) as outbox:
        batch = outbox.batch(batch_id)
        rows = outbox.entries(batch_id)
        standing = {row.id: on_books_now(outbox, row) for row in rows if row.on_books}
        busy = posting_now(outbox, batch.profile)
        reversal = outbox.reversal_of(batch_id)
        reversal_rows = outbox.entries(reversal.id) if reversal is not None else []
        reversal_complete = bool(reversal_rows) and all(row.on_books for row in reversal_rows)
        held = (EntryStatus.POSTED, EntryStatus.SENDING, EntryStatus.UNCERTAIN)
        reversal_held = any(row.status in held for row in reversal_rows)
        reverses = outbox.reversed_batch(batch_id)
    total = len(rows)
    shown: list[BatchEntryRow] = []
    debits: dict[int, Decimal] = {}
    for number, row in enumerate(rows, start=1):
        entry = row.entry()  # the payload is parsed here, once, off the GUI thread
        shown.append(entry_row(row, entry, language, standing.get(row.id, True)))
        debits[row.id] = entry.total_debit
        if number % PROGRESS_EVERY == 0:
            state.check()
            state.set_progress(number, total)
    summary = summarize(rows, debit_of=lambda row: debits[row.id])
    removed = sum(1 for row in rows if row.posted_before and not standing[row.id])
    return BatchDetails(
        batch,
        shown,
        summary.with_removed(removed),
        language,
        busy,
        reversal.id if reversal is not None else "",
        reversal_complete,
        reversal_held,
        reverses,
    )


def save_batch_report(
    outbox_home: Path, batch_id: str, path: Path, language: str, state: TaskState
) -> Path:
    """Worker: the result workbook of a batch from the history, in `language`. The
    workbook it came from is not read again (it may have moved or changed since), so the
    failed sheet uses the template's layout."""
    with opened_outbox(outbox_home) as outbox:
        report = rebuild_report(outbox, batch_id)
    state.check()
    return save_report(report, path, None, language, state)


def verify_history_batch(
    connect_company: ConnectCompany, outbox_home: Path, batch: Batch, state: TaskState
) -> Verification:
    """Worker: read the batch back from the books and compare (the verdicts are kept); how
    many vouchers are back is the task's progress."""
    state.check()
    return verify_saved_batch(connect_company, outbox_home, batch, state.set_progress)


def source_name(batch: Batch) -> str:
    """The workbook's file name and sheet, or "" for entries typed in the grid."""
    name = batch.source_file.replace("\\", "/").rsplit("/", 1)[-1]
    return f"{name} › {batch.source_sheet}" if name and batch.source_sheet else name


def batch_source(batch: Batch) -> Path | None:
    """The workbook the batch came from, or None for entries typed in the grid."""
    return Path(batch.source_file) if batch.source_file else None
