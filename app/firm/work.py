"""The window's workers for a firm run, plain functions (tested without a window): read a plan,
and post it while offering the table's rows as partial results."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from app.core.i18n import Text
from app.core.tasks import TaskState
from app.firm.company_run import CompanyRun, CompanySnapshot, CompanyState
from app.firm.needs import company_needs
from app.firm.plan import Plan, read_plan
from app.firm.run import FirmRun
from app.posting.service import opened_outbox
from app.profiles.store import ProfileStore

FINISHED = frozenset({CompanyState.DONE, CompanyState.STOPPED, CompanyState.FAILED})


@dataclass(frozen=True, slots=True)
class FirmRow:
    """One company as the table shows it: how far it is, and once it finished, what it
    needs (None while it runs)."""

    snapshot: CompanySnapshot
    needs: Text | None = None
    complete: bool = False


@dataclass(frozen=True, slots=True)
class LoadedPlan:
    plan: Plan
    services: dict[str, str]  # each saved company's service ("accurate", "sempoa")


def load_plan(store: ProfileStore, path: Path, state: TaskState) -> LoadedPlan:
    """Worker: the plan in `path`, judged against the saved profiles."""
    state.check()
    profiles = store.list()
    return LoadedPlan(read_plan(path, profiles), {p.name: p.service for p in profiles})


def save_report(firm: FirmRun, path: Path, language: str, state: TaskState) -> Path:
    """Worker: the run's result workbook (a summary sheet and a sheet per company)."""
    from app.firm.report import write_firm_report

    state.check()
    return write_firm_report(firm.companies, path, language)


def waiting_rows(plan: Plan) -> list[FirmRow]:
    """The plan's companies before posting: each waiting, nothing counted."""
    return [
        FirmRow(CompanySnapshot(name, CompanyState.WAITING, 0, 0, 0, 0, 0, 0.0, None))
        for name in plan.companies()
    ]


class RowsOf:
    """The table's rows of a run. A finished company's words are worked out once (they read
    its entries), then kept."""

    def __init__(self, firm: FirmRun) -> None:
        self.firm = firm
        self._finished: dict[str, FirmRow] = {}
        self._lock = threading.Lock()

    def __call__(self) -> list[FirmRow]:
        return [self._row(run) for run in self.firm.companies]

    def _row(self, run: CompanyRun) -> FirmRow:
        with self._lock:
            kept = self._finished.get(run.name)
        if kept is not None:
            return kept
        snapshot = run.snapshot()
        if snapshot.state not in FINISHED:
            return FirmRow(snapshot)
        row = FirmRow(snapshot, company_needs(run), run.complete)
        with self._lock:
            self._finished[run.name] = row
        return row


def post_plan(firm: FirmRun, home: Path, parallel: int | None, state: TaskState) -> list[FirmRow]:
    """Worker: post the plan's companies (stop them with `firm.stop`); each change offers
    the rows as a partial result; returns the final rows."""
    rows = RowsOf(firm)
    firm.on_change = lambda _company: state.set_partial_result(rows())
    state.set_partial_result(rows())
    with opened_outbox(home) as outbox:
        firm.run(outbox, parallel)
    return rows()
