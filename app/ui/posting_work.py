"""The posting window's work off the GUI thread: plain Python, no widgets.

`run_posting` posts (or resumes) a job on a worker. The engine's progress arrives on its own
threads; `_ProgressRelay` reads back the outbox rows that changed since (noted by
`WatchedOutbox`, by id), publishes them with the progress and this run's `Pace` in a
`PostingFeed`, and wakes the GUI through the runner's progress signal; the GUI `take`s
what was published. The other workers check the entries against the chart, write the result
workbook and undo a batch. Every worker is handed the language it writes in.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Protocol

from app.api.ratelimit import LimiterRegistry
from app.core.excel_reader import ImportResult
from app.core.journal import JournalEntry
from app.posting.engine import PostingReport
from app.posting.engine import Progress as EngineProgress
from app.posting.lease import FRONT_WINDOW
from app.posting.outbox import Batch, EntryStatus, Outbox, OutboxEntry, Outcome
from app.posting.report import write_posting_report
from app.posting.service import (
    Checked,
    Company,
    opened_outbox,
    outbox_path,
    post_entries,
    undo_batch,
)
from app.profiles.store import Profile
from app.ui.tasks import TaskState

ConnectCompany = Callable[[], Company]
SERVICE_NAMES: Final = {"accurate": "Accurate Online", "sempoa": "Sempoa"}
# A speed and a time left are shown once this run has sent this much: before, they are noise
# (a sub-second run of thirty entries would read "3.187,9 jurnal/dtk").
PACE_MIN_SECONDS: Final = 3.0
PACE_MIN_ENTRIES: Final = 10


class CompanySessionLike(Protocol):
    """What `session_company` needs of the window's `CompanySession`."""

    profile: Profile

    def company(self, limiters: LimiterRegistry, *, bulk: bool | None = None) -> Company: ...


def session_company(
    session: CompanySessionLike, limiters: LimiterRegistry, *, bulk: bool | None = None
) -> ConnectCompany:
    """A callable that gives the session's company, on the session's one client (call it on
    a worker; close the result)."""

    def connect_company() -> Company:
        return session.company(limiters, bulk=bulk)

    return connect_company


def company_label(profile: Profile) -> str:
    service = SERVICE_NAMES.get(profile.service, profile.service)
    return f"{profile.company_name or profile.name} · {service}"


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


class WatchedOutbox(Outbox):
    """The outbox, noting which rows changed and which batch the engine opened, so progress
    can carry just the rows that changed (read back from the ledger, by id); and how many
    entries this run has sent, since when."""

    def __init__(self, path: Path | str, *, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(path)
        self._changes_lock = threading.Lock()
        self._changed: set[int] = set()
        self._clock = clock
        self._first_send: float | None = None
        self._sent = 0
        self.opened: Batch | None = None

    def take_changed(self) -> set[int]:
        with self._changes_lock:
            changed, self._changed = self._changed, set()
        return changed

    def pace(self) -> Pace:
        with self._changes_lock:
            if self._first_send is None:
                return Pace()
            return Pace(self._sent, self._clock() - self._first_send)

    def _note(self, ids: Sequence[int]) -> None:
        with self._changes_lock:
            self._changed.update(ids)

    def unfinished_batch(self, profile: str, entries: Sequence[JournalEntry]) -> Batch | None:
        batch = super().unfinished_batch(profile, entries)
        if batch is not None:
            self.opened = batch
        return batch

    def create_batch(self, *args: Any, **kwargs: Any) -> Batch:
        self.opened = super().create_batch(*args, **kwargs)
        return self.opened

    def mark_sending(self, entry_ids: Sequence[int], guard: Any = None) -> None:
        super().mark_sending(entry_ids, guard)
        self._note(entry_ids)
        with self._changes_lock:
            if self._first_send is None:
                self._first_send = self._clock()

    def mark_posted(self, entry_id: int, **kwargs: Any) -> None:
        super().mark_posted(entry_id, **kwargs)
        self._note([entry_id])

    def record_outcomes(self, outcomes: Sequence[Outcome]) -> None:
        super().record_outcomes(outcomes)
        self._note([outcome.entry_id for outcome in outcomes])
        answered = sum(1 for outcome in outcomes if outcome.status is not EntryStatus.PENDING)
        with self._changes_lock:
            self._sent += answered  # put back as pending (a stop) is not sent

    def mark(self, entry_id: int, status: EntryStatus, messages: Sequence[str] = ()) -> None:
        super().mark(entry_id, status, messages)
        self._note([entry_id])


class PostingFeed:
    """Hands the engine's progress and the changed outbox rows from the posting threads to the
    GUI thread: workers `publish`, the GUI `take`s everything published since (thread-safe).
    The latest `pace` stays readable after it is taken."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._progress: EngineProgress | None = None
        self._rows: dict[int, OutboxEntry] = {}
        self._pace = Pace()

    @property
    def pace(self) -> Pace:
        with self._lock:
            return self._pace

    def publish(
        self, progress: EngineProgress, rows: Sequence[OutboxEntry], pace: Pace | None = None
    ) -> None:
        snapshot = dataclasses.replace(progress)  # the engine keeps changing its own
        with self._lock:
            self._progress = snapshot
            if pace is not None:
                self._pace = pace
            for row in rows:
                self._rows[row.id] = row  # a later reading of a row replaces an earlier one

    def take(self) -> tuple[EngineProgress | None, list[OutboxEntry]]:
        with self._lock:
            progress, rows = self._progress, list(self._rows.values())
            self._progress, self._rows = None, {}
        return progress, rows


class _ProgressRelay:
    """The engine's progress callback (called on its posting threads): reads the rows that
    changed, publishes them, and wakes the GUI through the runner's progress signal."""

    def __init__(self, outbox: WatchedOutbox, feed: PostingFeed, state: TaskState) -> None:
        self._outbox = outbox
        self._feed = feed
        self._state = state
        self._lock = threading.Lock()  # one reader at a time, so a newer reading wins
        self._loaded: str | None = None  # the batch whose rows were read whole

    def __call__(self, progress: EngineProgress) -> None:
        with self._lock:
            changed = self._outbox.take_changed()
            batch = self._outbox.opened
            if batch is None:
                rows: list[OutboxEntry] = []
            elif self._loaded != batch.id:
                # A resumed batch has rows settled by an earlier run: read them all once.
                rows, self._loaded = self._outbox.entries(batch.id), batch.id
            else:
                read = (self._outbox.get(entry_id) for entry_id in sorted(changed))
                rows = [row for row in read if row.batch_id == batch.id]
            self._feed.publish(progress, rows, self._outbox.pace())
        self._state.set_progress(progress.done, progress.total)


# --- the workers --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    checked: Checked
    company: str  # as shown: the company's name and service
    service: str  # "accurate" or "sempoa"


def check_entries(
    connect_company: ConnectCompany, entries: Sequence[JournalEntry], state: TaskState
) -> CheckOutcome:
    """Worker: the entries checked against the company's current chart."""
    with connect_company() as company:
        state.check()
        checked = company.check(entries)
        return CheckOutcome(checked, company_label(company.profile), company.profile.service)


@dataclass(frozen=True, slots=True)
class PostingJob:
    connect_company: ConnectCompany
    outbox_home: Path
    entries: tuple[JournalEntry, ...]
    source: ImportResult | None = None
    only_valid: bool = False


def run_posting(
    job: PostingJob, feed: PostingFeed, stop: threading.Event, state: TaskState
) -> PostingReport:
    """Worker: post (or resume) the job's entries; `stop` stops it between requests."""
    source_file = str(job.source.path.resolve()) if job.source is not None else ""
    source_sheet = job.source.sheet if job.source is not None else ""
    with (
        job.connect_company() as company,
        WatchedOutbox(outbox_path(job.outbox_home)) as outbox,
    ):
        return post_entries(
            outbox,
            company,
            job.entries,
            source_file=source_file,
            source_sheet=source_sheet,
            only_valid=job.only_valid,
            on_progress=_ProgressRelay(outbox, feed, state),
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
    undone: list[OutboxEntry]
    entries: list[OutboxEntry]  # the whole batch afterwards


def undo_posted(
    connect_company: ConnectCompany, outbox_home: Path, batch: Batch, state: TaskState
) -> UndoOutcome:
    """Worker: delete from the books what this batch posted."""
    with connect_company() as company, opened_outbox(outbox_home) as outbox:
        undone = undo_batch(outbox, company, batch, front=FRONT_WINDOW)
        return UndoOutcome(undone, outbox.entries(batch.id))
