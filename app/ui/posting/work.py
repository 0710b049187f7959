"""The posting window's work off the GUI thread: plain Python, no widgets.

`run_posting` posts (or resumes) a job on a worker. `RunWatch` notes the outbox rows that
change (the outbox's `on_change` hook); on each of the engine's progress reports it reads
them back and offers them, with the progress and this run's `Pace`, as the task's partial
result (a `PostingUpdate`, merged into one the window has not taken yet), which the runner
delivers on the GUI thread. The other workers check the entries against the chart, write
the result workbook and undo a batch (for the history too). Every worker is handed the
language it writes in.

The chart a post is checked against is the one its check read: `check_entries` reads the
company's chart (and Accurate's branches) anew every time, and hands that reading on in its
outcome; the post that follows it in the window (at once, or "post only the valid ones")
takes it, once, so one post reads the chart once. Any later run (Lanjutkan after a stop or
an error, a retry) has no reading handed to it and reads the chart again, as does a run
whose client is not the one the check used (see `ChartReading`).
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from app.api.ratelimit import LimiterRegistry
from app.core.books.journal import JournalEntry
from app.core.excel.reader import ImportResult
from app.core.services import service_name
from app.core.tasks import TaskState
from app.posting.checks.master_data import Classification
from app.posting.outbox.lease import FRONT_WINDOW
from app.posting.outbox.ledger import Batch, EntryStatus, Outbox, OutboxChange, OutboxEntry
from app.posting.report.workbook import write_posting_report
from app.posting.run_report import PostingReport
from app.posting.run_report import Progress as EngineProgress
from app.posting.service import (
    ChartReading,
    Checked,
    Company,
    opened_outbox,
    post_entries,
    undo_batch,
)
from app.profiles.store import Profile
from app.setup.session import CompanySession

ConnectCompany = Callable[[], Company]
# A speed and a time left are shown once this run has sent this much: before, they are noise
# (a sub-second run of thirty entries would read "3.187,9 jurnal/dtk").
PACE_MIN_SECONDS: Final = 3.0
PACE_MIN_ENTRIES: Final = 10


def session_company(
    session: CompanySession, limiters: LimiterRegistry, *, bulk: bool | None = None
) -> ConnectCompany:
    """A callable that gives the session's company, on the session's one client (call it on
    a worker; close the result)."""

    def connect_company() -> Company:
        return session.company(limiters, bulk=bulk)

    return connect_company


def company_label(profile: Profile) -> str:
    return f"{profile.company_name or profile.name} · {service_name(profile.service)}"


# --- this run's pace ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pace:
    """How fast this run sends: entries answered in this run (not those settled by an
    earlier run of the same batch), over the time since this run's first request."""

    sent: int = 0
    seconds: float = 0.0

    @property
    def known(self) -> bool:
        """Enough data for a speed worth showing."""
        return self.seconds >= PACE_MIN_SECONDS and self.sent >= PACE_MIN_ENTRIES

    @property
    def entries_per_second(self) -> float:
        return self.sent / self.seconds if self.seconds > 0 else 0.0

    def seconds_left(self, remaining: int) -> float | None:
        rate = self.entries_per_second
        return remaining / rate if self.known and rate > 0 else None


@dataclass(frozen=True, slots=True)
class PostingUpdate:
    """A run's partial result for the window: the engine's latest progress, this run's pace,
    and the latest reading of each outbox row of the batch that changed (by id) since the
    window last took one."""

    progress: EngineProgress
    pace: Pace
    rows: Mapping[int, OutboxEntry]

    def after(self, earlier: object) -> PostingUpdate:
        """This update merged into one the window has not taken yet (its rows kept, the
        newer reading of a row winning), for `TaskState.update_partial_result`."""
        if not isinstance(earlier, PostingUpdate):
            return self
        return PostingUpdate(self.progress, self.pace, {**earlier.rows, **self.rows})


class RunWatch:
    """Follows one run for the window: notes the rows that change (the outbox's `on_change`)
    and how many entries this run has sent since its first request; on each of the engine's
    progress reports (on its posting threads) reads the changed rows back and offers them to
    the window as a partial result."""

    def __init__(
        self, outbox: Outbox, state: TaskState, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._outbox = outbox
        self._state = state
        self._clock = clock
        self._lock = threading.Lock()  # guards what the outbox's threads note
        self._changed: set[int] = set()
        self._first_send: float | None = None
        self._sent = 0
        self._reading = threading.Lock()  # one reader at a time, so a newer reading wins
        self._loaded = ""  # the batch whose rows were read whole
        outbox.on_change = self.outbox_changed

    def outbox_changed(self, change: OutboxChange) -> None:
        answered = 0
        if change.action == "record_outcomes":  # put back as pending (a stop) is not sent
            answered = sum(1 for status in change.statuses if status is not EntryStatus.PENDING)
        with self._lock:
            self._changed.update(change.entry_ids)
            if change.action == "mark_sending" and self._first_send is None:
                self._first_send = self._clock()
            self._sent += answered

    def pace(self) -> Pace:
        with self._lock:
            if self._first_send is None:
                return Pace()
            return Pace(self._sent, self._clock() - self._first_send)

    def progress(self, progress: EngineProgress) -> None:
        """The engine's progress callback."""
        with self._reading:
            with self._lock:
                changed, self._changed = self._changed, set()
            update = PostingUpdate(
                dataclasses.replace(progress),  # the engine keeps changing its own
                self.pace(),
                {row.id: row for row in self._rows(progress.batch_id, changed)},
            )
            self._state.update_partial_result(update.after)

    def _rows(self, batch_id: str, changed: set[int]) -> list[OutboxEntry]:
        if not batch_id:
            return []
        if self._loaded != batch_id:
            # A resumed batch has rows settled by an earlier run: read them all once.
            self._loaded = batch_id
            return self._outbox.entries(batch_id)
        read = (self._outbox.get(entry_id) for entry_id in sorted(changed))
        return [row for row in read if row.batch_id == batch_id]  # not other batches' look-ups


# --- the workers --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    checked: Checked
    company: str  # as shown: the company's name and service
    service: str  # "accurate" or "sempoa"
    reading: ChartReading | None = None  # what the check read, for the post that follows
    # Accurate: data classifications the entries name that the company lacks (can be created).
    missing_classifications: tuple[Classification, ...] = ()


def check_entries(
    connect_company: ConnectCompany, entries: Sequence[JournalEntry], state: TaskState
) -> CheckOutcome:
    """Worker: the entries checked against the company's chart, read anew."""
    with connect_company() as company:
        state.check()
        return _checked(company, entries)


def create_classifications_then_check(
    connect_company: ConnectCompany,
    entries: Sequence[JournalEntry],
    missing: Sequence[Classification],
    state: TaskState,
) -> CheckOutcome:
    """Worker: create the data classifications the user agreed to, then check again."""
    with connect_company() as company:
        state.check()
        company.create_classifications(missing)
        state.check()
        return _checked(company, entries)


def _checked(company: Company, entries: Sequence[JournalEntry]) -> CheckOutcome:
    checked = company.check(entries)
    missing = tuple(company.missing_classifications(entries)) if not checked.ok else ()
    profile = company.profile
    return CheckOutcome(
        checked, company_label(profile), profile.service, company.reading(), missing
    )


@dataclass(frozen=True, slots=True)
class PostingJob:
    connect_company: ConnectCompany
    outbox_home: Path
    entries: tuple[JournalEntry, ...]
    source: ImportResult | None = None
    only_valid: bool = False
    reading: ChartReading | None = None  # the check's, when this run follows it


def run_posting(job: PostingJob, stop: threading.Event, state: TaskState) -> PostingReport:
    """Worker: post (or resume) the job's entries, offering a `PostingUpdate` as the partial
    result as it goes; `stop` stops it between requests (and ends the waits under way). The
    entries are checked against the job's `reading` when it came over the same client, else
    against the chart read now."""
    source_file = str(job.source.path.resolve()) if job.source is not None else ""
    source_sheet = job.source.sheet if job.source is not None else ""
    with job.connect_company() as company, opened_outbox(job.outbox_home) as outbox:
        if job.reading is not None:
            company.use_reading(job.reading)
        return post_entries(
            outbox,
            company,
            job.entries,
            source_file=source_file,
            source_sheet=source_sheet,
            only_valid=job.only_valid,
            on_progress=RunWatch(outbox, state).progress,
            cancel=stop,
            front=FRONT_WINDOW,
        )


def save_report(
    report: PostingReport,
    path: Path,
    source: ImportResult | None,
    language: str,
    state: TaskState,
) -> Path:
    """Worker: the result workbook, in `language`."""
    return write_posting_report(report, path, source=source, language=language)


@dataclass(frozen=True, slots=True)
class UndoOutcome:
    batch_id: str
    undone: list[OutboxEntry]  # deleted from the books by this undo
    entries: list[OutboxEntry]  # the whole batch afterwards

    @property
    def left(self) -> int:
        """Entries still posted: undo did not delete them (the voucher under the id the
        outbox holds is not the entry's; each says why in its messages)."""
        return sum(1 for entry in self.entries if entry.status is EntryStatus.POSTED)


def undo_posted(
    connect_company: ConnectCompany, outbox_home: Path, batch: Batch, state: TaskState
) -> UndoOutcome:
    """Worker, for the posting window and the history alike: delete from the books what this
    batch posted (and only that), each deletion reported as progress. Cancelling (the window
    closes) stops between deletions and ends the waits under way; each entry is marked undone
    right after its deletion, so stopping loses nothing and undo can go on later. Undoing
    thousands of vouchers at the service's pace takes minutes."""
    with connect_company() as company, opened_outbox(outbox_home) as outbox:
        state.check()
        undone = undo_batch(
            outbox,
            company,
            batch,
            front=FRONT_WINDOW,
            on_progress=state.set_progress,
            cancel=state.cancel,
        )
        state.check()
        return UndoOutcome(batch.id, undone, outbox.entries(batch.id))
