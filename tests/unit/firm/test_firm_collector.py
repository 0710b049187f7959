"""A firm's plan and the sandbox keep much alive for minutes: while they run the collector's
full sweeps (each holding every thread, the window's too) are rare, and once they end the
collector is as it was."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from app.core.i18n import JurnalError, tr
from app.core.interpreter import RARE_FULL_SWEEPS
from app.firm.company_run import CompanyState
from app.firm.plan import Job, Plan
from app.firm.run import FirmRun
from app.sandbox import Sandbox


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_a_plan_run_makes_full_sweeps_rare_and_puts_them_back_when_it_ends(tmp_path, outbox):
    before = gc.get_threshold()
    plan = Plan(tmp_path / "rencana.csv")
    plan.jobs += [Job("PT Satu", tmp_path / "satu.xlsx"), Job("PT Dua", tmp_path / "dua.xlsx")]
    full_sweeps_seen: list[int] = []
    left_behind: list[weakref.ref] = []

    def company_of(job: Job):
        cycle = _Cycle()  # what a request might leave behind
        left_behind.append(weakref.ref(cycle))
        raise JurnalError(tr("Profil dihapus."))

    def on_change(_company) -> None:
        full_sweeps_seen.append(gc.get_threshold()[2])

    runs = FirmRun(plan, company_of, services={}, on_change=on_change).run(outbox)

    assert [run.state for run in runs] == [CompanyState.FAILED, CompanyState.FAILED]
    assert full_sweeps_seen and set(full_sweeps_seen) == {RARE_FULL_SWEEPS}
    assert gc.get_threshold() == before
    gc.collect()
    assert [ref() for ref in left_behind] == [None, None]


def test_a_serving_sandbox_makes_full_sweeps_rare_until_it_stops() -> None:
    before = gc.get_threshold()
    with Sandbox() as sandbox:
        serving = gc.get_threshold()
        sandbox.stop()
        stopped = gc.get_threshold()
        sandbox.start()  # started again: rare again, and put back once
        again = gc.get_threshold()
    assert serving[2] == again[2] == RARE_FULL_SWEEPS
    assert stopped == before and gc.get_threshold() == before


def test_nothing_is_left_frozen_by_a_plan_run(tmp_path, outbox) -> None:
    gc.unfreeze()
    plan = Plan(tmp_path / "rencana.csv")
    plan.jobs.append(Job("PT Satu", Path(tmp_path / "satu.xlsx")))

    def company_of(_job: Job):
        raise JurnalError(tr("Profil dihapus."))

    FirmRun(plan, company_of, services={}).run(outbox)
    assert gc.get_freeze_count() == 0
