"""Posting a whole plan: every company on its own worker thread, each under its own lease, over
its own token's rate limiter and into its own outbox batches, so one company's trouble (a
revoked token, a branch it needs, a workbook with problems, the service refusing) never
stops or slows another. A company's jobs run one after another, each exactly as
`jurnal-desk post` runs one workbook (app.posting.workbook_post); a re-run sends nothing
already posted.

Plain Python: the command line and the window's page run it on workers."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from app.core.books.number_style import NumberStyle
from app.core.excel.reader import ImportOptions, WorkbookError
from app.core.i18n import JurnalError, Text, tr
from app.core.interpreter import collector_paused, full_sweeps_rare
from app.firm.company_run import CompanyRun, CompanyState, JobOutcome
from app.firm.period import period_problems
from app.firm.plan import Job, Plan
from app.posting.outbox.lease import FRONT_COMMAND
from app.posting.outbox.ledger import Outbox
from app.posting.run_report import Progress
from app.posting.service import Company
from app.posting.workbook_post import ExtraCheck, check_workbook, post_checked
from app.profiles.account_maps import AccountMapStore

log = logging.getLogger(__name__)

# Each company's engine keeps up to 8 requests in flight on its own threads; beyond this
# many companies at once the machine's threads and the outbox's single writer, not the
# services' limits, set the pace (docs/scale.md).
MAX_PARALLEL = 32


@dataclass(frozen=True, slots=True)
class FirmOptions:
    number_style: NumberStyle = NumberStyle.ID
    round_cents: bool = False
    map_accounts: bool = True
    only_valid: bool = False  # post a workbook's valid entries even when others have problems
    allow_duplicates: bool = False
    wait: float = 0.0  # how long to wait for another posting to a company to finish
    dry_run: bool = False  # read and check every workbook against its company; send nothing
    front: str = FRONT_COMMAND


def parallel_for(companies: int, asked: int | None = None) -> int:
    """How many companies post at once: as asked, else all of them, at most MAX_PARALLEL."""
    wanted = asked if asked is not None and asked > 0 else companies
    return max(1, min(wanted, companies, MAX_PARALLEL))


class FirmRun:
    """One run of a plan. `run()` blocks until every company is done or stopped; `stop()`
    (one company, or all) may be called from any thread meanwhile."""

    def __init__(
        self,
        plan: Plan,
        company_of: Callable[[Job], Company],
        *,
        services: Mapping[str, str],
        account_maps: AccountMapStore | None = None,
        options: FirmOptions | None = None,
        on_change: Callable[[CompanyRun], None] | None = None,
        keep_read: Callable[[], None] | None = None,
    ) -> None:
        """`company_of` makes the (unconnected) company a job posts to; `services` names
        each company's service ("accurate" or "sempoa"), for the summary. Making one does no
        I/O (a window makes it on the GUI thread, to stop its companies while they post).
        `keep_read` is called on the worker right after a workbook is read, before the
        collector runs again: the window passes `keep_long_lived` (frozen until it closes),
        so not even the young sweeps walk the entries just read."""
        self.plan = plan
        self.companies = [
            CompanyRun(name, services.get(name, ""), plan.jobs_of(name))
            for name in plan.companies()
        ]
        self._company_of = company_of
        self._maps = account_maps
        self._options = options or FirmOptions()
        # Called on the company's worker after each change of a company (state, progress).
        self.on_change = on_change
        self._keep_read = keep_read

    def run(self, outbox: Outbox, parallel: int | None = None) -> list[CompanyRun]:
        """Post every company's jobs, recording them in `outbox` (shared by the companies:
        thread-safe), at most `parallel` companies at once."""
        workers = parallel_for(len(self.companies), parallel)
        # Ten companies' workbooks, outbox batches and reports stay alive for the whole run:
        # each full sweep would walk all of them (0.2-0.75 s, every thread held, the window's
        # too), a dozen times a run. Young sweeps still free what each request leaves.
        with (
            full_sweeps_rare(),
            ThreadPoolExecutor(max_workers=workers, thread_name_prefix="firm") as pool,
        ):
            for future in [pool.submit(self._run_company, c, outbox) for c in self.companies]:
                future.result()
        return self.companies

    def stop(self, company: str | None = None) -> None:
        """Stop one company (by name), or every company when None. Requests under way
        finish; what is left is posted by the next run."""
        for run in self.companies:
            if company is None or run.name == company:
                run.cancel.set()

    @property
    def complete(self) -> bool:
        return all(run.complete for run in self.companies)

    # -- one company --------------------------------------------------------------------------

    def _run_company(self, run: CompanyRun, outbox: Outbox) -> None:
        try:
            self._post_jobs(run, outbox)
        except Exception:  # a bug: this company stops, the others go on
            log.exception("posting to a company of the plan failed unexpectedly")
            run.trouble = _unexpected()
            run.set_state(CompanyState.FAILED)
        self._changed(run)

    def _post_jobs(self, run: CompanyRun, outbox: Outbox) -> None:
        # Jobs with the same branch and mode share one Company: one client, one chart read.
        opened: dict[tuple[str | None, bool | None], Company] = {}
        try:
            for job in run.jobs:
                if run.cancel.is_set():
                    run.set_state(CompanyState.STOPPED)
                    return
                run.set_state(CompanyState.CHECKING)
                self._changed(run)
                key = (job.branch, job.bulk)
                if key not in opened:
                    try:
                        opened[key] = self._company_of(job)
                    except JurnalError as error:  # the profile was removed meanwhile
                        run.trouble = error.text
                        run.set_state(CompanyState.FAILED)
                        return
                run.add(self._post_job(run, job, opened[key], outbox))
                self._changed(run)
                if run.trouble is not None:
                    run.set_state(CompanyState.FAILED)
                    return
        finally:
            for company in opened.values():
                company.close()
        stopped = run.cancel.is_set() and not run.complete  # a late Stop changed nothing
        run.set_state(CompanyState.STOPPED if stopped else CompanyState.DONE)

    def _post_job(self, run: CompanyRun, job: Job, company: Company, outbox: Outbox) -> JobOutcome:
        outcome = JobOutcome(job)
        try:
            company.chart()  # the token, the host and the chart: the whole company's trouble
        except JurnalError as error:
            run.trouble = outcome.trouble = error.text
            return outcome
        try:
            # The workbook's entries live as long as the job, in every company at once (10
            # companies x 5,000 entries): read with the collector paused (they hold no
            # cycles), and full sweeps are rare for the whole run (`run`).
            with collector_paused():
                check = check_workbook(
                    company,
                    job.workbook,
                    self._import_options(job),
                    extra_check=_period_check(job) if job.has_period else None,
                )
                if self._keep_read is not None:
                    self._keep_read()
        except (WorkbookError, OSError) as error:
            outcome.trouble = _unreadable(job, error)
            return outcome
        except JurnalError as error:  # the branches could not be read
            run.trouble = outcome.trouble = error.text
            return outcome
        outcome.sheet = check.result.sheet
        outcome.problems = check.problems
        outcome.invalid = len(check.checked.invalid_references)
        if check.problems and not self._options.only_valid:
            return outcome
        if self._options.dry_run:
            before = sum(
                1
                for entry in check.ready
                if outbox.posted_reference(job.company, entry.reference) is not None
            )
            outcome.would_send, outcome.posted_before = len(check.ready) - before, before
            return outcome
        if not check.ready:
            return outcome
        run.set_state(CompanyState.POSTING)
        self._changed(run)
        try:
            outcome.report = post_checked(
                outbox,
                company,
                check,
                allow_duplicates=self._options.allow_duplicates,
                on_progress=lambda progress: self._progressed(run, progress),
                cancel=run.cancel,
                front=self._options.front,
                wait=self._options.wait,
            )
        except JurnalError as error:  # busy (another posting), the outbox, the lease
            run.trouble = outcome.trouble = error.text
            return outcome
        if outcome.report.stopped_by is not None:
            run.trouble = outcome.report.stopped_by
        return outcome

    def _import_options(self, job: Job) -> ImportOptions:
        options = ImportOptions(
            sheet=job.sheet,
            number_style=self._options.number_style,
            round_cents=self._options.round_cents,
        )
        if self._options.map_accounts and self._maps is not None:
            options.account_map = self._maps.get(job.company)
        return options

    def _progressed(self, run: CompanyRun, progress: Progress) -> None:
        run.show_progress(progress)
        self._changed(run)

    def _changed(self, run: CompanyRun) -> None:
        if self.on_change is not None:
            try:
                self.on_change(run)
            except Exception:  # a front's listener must not stop a company's posting
                log.exception("a firm run listener failed")


def _period_check(job: Job) -> ExtraCheck:
    return lambda entries: period_problems(entries, job.start, job.end)


def _unreadable(job: Job, error: Exception) -> Text:
    if isinstance(error, JurnalError):
        return error.text
    reason = getattr(error, "strerror", None) or str(error)
    return tr(
        "Workbook {p} tidak bisa dibuka: {e}. Tutup jika sedang dibuka di program lain, "
        "lalu jalankan rencana lagi.",
        p=job.workbook,
        e=reason,
    )


def _unexpected() -> Text:
    return tr(
        "Terjadi kesalahan tak terduga (lihat berkas log); perusahaan lain tetap jalan. "
        "Jalankan rencana lagi; yang sudah terposting tidak dikirim dua kali."
    )
