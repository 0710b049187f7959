"""One company's part of a firm run: its jobs, what each came to, how far it is, and what the
company needs from the user afterwards (in words: app.firm.needs). Written by the company's
worker, read by any front (a snapshot under a lock: the window reads it from the GUI thread
while the worker runs)."""

from __future__ import annotations

import enum
import threading
from dataclasses import dataclass, field

from app.core.books.journal import Problem
from app.core.books.money import ZERO
from app.core.i18n import Text, ctr, tr
from app.firm.plan import Job
from app.posting.run_report import PostingReport, Progress
from app.posting.summary import SUMMARY_COUNTS, RunSummary, summarize


class CompanyState(enum.Enum):
    WAITING = "waiting"  # its turn has not come (more companies than parallel workers)
    CHECKING = "checking"  # reading its chart and workbooks
    POSTING = "posting"
    DONE = "done"  # every job ran (whatever each came to)
    STOPPED = "stopped"  # the user stopped it
    FAILED = "failed"  # something stopped the whole company (token, busy, service down)


STATE_WORDS: dict[CompanyState, Text] = {
    CompanyState.WAITING: ctr("status perusahaan dalam putaran", "menunggu"),
    CompanyState.CHECKING: tr("memeriksa"),
    CompanyState.POSTING: tr("memposting"),
    CompanyState.DONE: ctr("status perusahaan dalam putaran", "selesai"),
    CompanyState.STOPPED: tr("dihentikan"),
    CompanyState.FAILED: tr("terhenti"),
}


@dataclass(slots=True)
class JobOutcome:
    """What one workbook came to. `report` is None when nothing was posted from it: its
    `problems` (nothing sent), or `trouble` (it could not be read, or the company stopped)."""

    job: Job
    sheet: str = ""
    problems: list[Problem] = field(default_factory=list)
    report: PostingReport | None = None
    trouble: Text | None = None
    invalid: int = 0  # entries kept back by the checks (never sent)
    # A dry run: how many entries a post would send, and how many are on the books already.
    would_send: int | None = None
    posted_before: int = 0

    @property
    def checked_ok(self) -> bool:
        """Read and checked without a problem (what a dry run asks)."""
        return not self.problems and self.trouble is None

    @property
    def complete(self) -> bool:
        return (
            self.report is not None
            and self.report.complete
            and not self.problems
            and self.report.stopped_by is None
            and self.trouble is None
        )

    def summary(self) -> RunSummary:
        rows = self.report.entries if self.report is not None else []
        return summarize(rows, invalid=self.invalid)


@dataclass(frozen=True, slots=True)
class CompanySnapshot:
    """How far a company is, as a table row shows it."""

    name: str
    state: CompanyState
    total: int
    done: int
    posted: int
    rejected: int
    uncertain: int
    entries_per_second: float
    seconds_left: float | None


class CompanyRun:
    """One company's jobs and their outcomes; `cancel` stops this company alone."""

    def __init__(self, name: str, service: str, jobs: list[Job]) -> None:
        self.name = name
        self.service = service
        self.jobs = jobs
        self.cancel = threading.Event()
        self.outcomes: list[JobOutcome] = []
        self.trouble: Text | None = None  # what stopped the whole company
        self._state = CompanyState.WAITING
        self._progress: Progress | None = None  # the job being posted
        self._lock = threading.Lock()

    # -- written by the company's worker ------------------------------------------------------

    def set_state(self, state: CompanyState) -> None:
        with self._lock:
            self._state = state

    def show_progress(self, progress: Progress) -> None:
        with self._lock:
            self._progress = progress

    def add(self, outcome: JobOutcome) -> None:
        with self._lock:
            self.outcomes.append(outcome)
            self._progress = None

    # -- read by any front --------------------------------------------------------------------

    @property
    def state(self) -> CompanyState:
        with self._lock:
            return self._state

    def snapshot(self) -> CompanySnapshot:
        with self._lock:
            finished = [o.report.progress for o in self.outcomes if o.report is not None]
            current = [self._progress] if self._progress is not None else []
            state = self._state
        every = finished + current
        live = current[0] if current else None
        return CompanySnapshot(
            name=self.name,
            state=state,
            total=sum(p.total for p in every),
            done=sum(p.done for p in every),
            posted=sum(p.posted for p in every),
            rejected=sum(p.rejected for p in every),
            uncertain=sum(p.uncertain for p in every),
            entries_per_second=live.entries_per_second if live else 0.0,
            seconds_left=live.seconds_left if live else None,
        )

    def summary(self) -> RunSummary:
        """Every job's counts added up."""
        with self._lock:
            outcomes = list(self.outcomes)
        total = RunSummary()
        for outcome in outcomes:
            total = _added(total, outcome.summary())
        return total

    @property
    def checked_ok(self) -> bool:
        """A dry run: every job was read and checked without a problem."""
        with self._lock:
            ran_all = len(self.outcomes) == len(self.jobs)
            outcomes = list(self.outcomes)
        return self.trouble is None and ran_all and all(o.checked_ok for o in outcomes)

    @property
    def dry_run(self) -> bool:
        with self._lock:
            return any(o.would_send is not None for o in self.outcomes)

    @property
    def complete(self) -> bool:
        """Every job ran and every entry of every workbook is on the books."""
        with self._lock:
            ran_all = len(self.outcomes) == len(self.jobs)
            outcomes = list(self.outcomes)
        return self.trouble is None and ran_all and all(o.complete for o in outcomes)


def _added(a: RunSummary, b: RunSummary) -> RunSummary:
    counts = {name: getattr(a, name) + getattr(b, name) for name in SUMMARY_COUNTS}
    debit = (a.debit_posted or ZERO) + (b.debit_posted or ZERO)
    return RunSummary(**counts, debit_posted=debit)
