"""Reconciling every company of a run plan in one go: each company's period (the command's,
else the span of its jobs' periods) read from its books and set against the outbox and the
plan's workbooks for it, the companies side by side, each over its own token's limiter.

What each company read is kept until the whole plan is done, so a plan interrupted part-way
and run again does not read the finished companies' books again (`ReadingCache`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from app.core.excel.reader import ImportOptions, WorkbookError
from app.core.i18n import JurnalError, Text, tr
from app.firm.plan import Job, Plan
from app.firm.run import parallel_for
from app.posting.outbox.ledger import Outbox
from app.posting.reconcile.cache import ReadingCache
from app.posting.reconcile.proof import Reconciliation, reconcile_company
from app.posting.service import Company

log = logging.getLogger(__name__)


@dataclass(slots=True)
class CompanyPeriod:
    """One company of the plan to reconcile, and what came of it."""

    name: str
    first: date
    last: date
    jobs: list[Job]
    result: Reconciliation | None = None
    trouble: Text | None = None

    @property
    def workbooks(self) -> list[Path]:
        return list(dict.fromkeys(job.workbook for job in self.jobs))

    @property
    def agrees(self) -> bool:
        return self.result is not None and self.result.agrees


@dataclass(slots=True)
class PlanPeriods:
    companies: list[CompanyPeriod] = field(default_factory=list)
    problems: list[Text] = field(default_factory=list)


def plan_periods(plan: Plan, first: date | None, last: date | None) -> PlanPeriods:
    """Each company's period: `first`..`last` when given, else from its jobs' periods."""
    periods = PlanPeriods()
    for name in plan.companies():
        jobs = plan.jobs_of(name)
        starts = [job.start for job in jobs if job.start is not None]
        ends = [job.end for job in jobs if job.end is not None]
        start = first or (min(starts) if starts else None)
        end = last or (max(ends) if ends else None)
        if start is None or end is None:
            periods.problems.append(
                tr(
                    "{c}: rencana tidak menyebut periodenya; isi kolom dari/sampai di rencana, "
                    "atau beri --from dan --to.",
                    c=name,
                )
            )
            continue
        periods.companies.append(CompanyPeriod(name, start, end, jobs))
    return periods


def reconcile_plan(
    periods: list[CompanyPeriod],
    company_of: Callable[[Job], Company],
    outbox: Outbox,
    *,
    cache_home: Path,
    options: Callable[[str], ImportOptions],
    parallel: int | None = None,
    quick: bool = False,
    cancel: threading.Event | None = None,
    on_done: Callable[[CompanyPeriod], None] | None = None,
) -> list[CompanyPeriod]:
    """Reconcile every company side by side; one company's trouble (a revoked token, an
    unreadable workbook) never stops another. The readings are forgotten only once every
    company is done."""
    workers = parallel_for(len(periods), parallel)

    def one(period: CompanyPeriod) -> None:
        _reconcile_one(period, company_of, outbox, cache_home, options(period.name), quick, cancel)
        if on_done is not None:
            on_done(period)

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="reconcile") as pool:
        for future in [pool.submit(one, period) for period in periods]:
            future.result()
    if all(period.result is not None for period in periods):
        for period in periods:
            ReadingCache(cache_home, period.name, period.first, period.last).clear()
    return periods


def _reconcile_one(
    period: CompanyPeriod,
    company_of: Callable[[Job], Company],
    outbox: Outbox,
    cache_home: Path,
    options: ImportOptions,
    quick: bool,
    cancel: threading.Event | None,
) -> None:
    try:
        with company_of(period.jobs[0]) as company:
            period.result = reconcile_company(
                company,
                outbox,
                period.first,
                period.last,
                workbooks=period.workbooks,
                options=options,
                cache_home=cache_home,
                keep_cache=True,
                quick=quick,
                cancel=cancel,
            )
    except (WorkbookError, JurnalError) as error:
        period.trouble = error.text
    except OSError as error:
        period.trouble = tr(
            "Berkas tidak bisa dibuka: {e}.",
            e=error.strerror or error,
        )
    except Exception:  # a bug: this company stops, the others go on
        log.exception("reconciling a company of the plan failed unexpectedly")
        period.trouble = tr(
            "Terjadi kesalahan tak terduga (lihat berkas log); perusahaan lain tetap jalan."
        )
