"""The window's workers for a firm run, plain functions (tested without a window): read a plan,
copy the run's result workbook; and the table's rows of a run (the posting itself runs in a
child process: app.firm.child)."""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

from app.core.i18n import Text
from app.core.tasks import TaskState
from app.firm.company_run import CompanyRun, CompanySnapshot, CompanyState
from app.firm.needs import company_needs
from app.firm.plan import Plan, read_plan
from app.firm.run import FirmRun
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


def copy_report(made: Path, path: Path, state: TaskState) -> Path:
    """Worker: the run's result workbook (a summary sheet and a sheet per company, written
    by the run in `made`), copied to where the user chose."""
    state.check()
    if made.resolve() != path.resolve():
        partial = path.with_name(f".{path.name}.part")
        shutil.copyfile(made, partial)
        os.replace(partial, path)
    return path


def waiting_row(name: str) -> FirmRow:
    """A company before posting: waiting, nothing counted."""
    return FirmRow(CompanySnapshot(name, CompanyState.WAITING, 0, 0, 0, 0, 0, 0.0, None))


def waiting_rows(plan: Plan) -> list[FirmRow]:
    """The plan's companies before posting: each waiting, nothing counted."""
    return [waiting_row(name) for name in plan.companies()]


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
