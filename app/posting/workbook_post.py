"""Posting one workbook to one company, the steps every front shares: read the workbook
against the company's chart (its account mapping applied), add what the service and the
company require (a description for Sempoa; for Accurate a branch where the company has
several, and departments, projects, parties and classifications the company has), and any
extra check the caller brings, such as a firm plan's period, then post the entries that are
ready.

`jurnal-desk post` runs these for one company; `jurnal-desk post-many` (app.firm) runs them
for many companies side by side. Plain Python: network and disk, call it from a worker.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.core.books.journal import JournalEntry, Problem
from app.core.excel.reader import ImportOptions, ImportResult, read_workbook
from app.posting.checks.master_data import locate
from app.posting.outbox.lease import FRONT_COMMAND
from app.posting.outbox.ledger import Outbox
from app.posting.run_report import PostingReport, ProgressCallback
from app.posting.service import Checked, Company, description_problems, post_entries, split_ready

ExtraCheck = Callable[[Sequence[JournalEntry]], list[Problem]]


@dataclass(slots=True)
class WorkbookCheck:
    """A workbook read and checked for one company: every problem (in `result.problems`,
    sorted by row) and the entries split into ready and not."""

    result: ImportResult
    checked: Checked

    @property
    def problems(self) -> list[Problem]:
        return self.result.problems

    @property
    def ready(self) -> list[JournalEntry]:
        return self.checked.ready


def check_workbook(
    company: Company,
    source: Path,
    options: ImportOptions,
    *,
    extra_check: ExtraCheck | None = None,
    prepare: Callable[[list[JournalEntry]], None] | None = None,
) -> WorkbookCheck:
    """Read `source` and check it against the company (its chart and, for Accurate, its
    branches, each read once per `Company`). Raises `WorkbookError` when nothing usable can be
    read, OSError when the file cannot be opened, the client's errors when the company
    cannot be reached. `prepare` runs before the company's master data is read (the
    command line creates the data classifications the user asked for there)."""
    chart = company.chart()
    result = read_workbook(source, options, chart=chart)
    problems = list(result.problems)
    if company.target.require_description:
        problems += description_problems(result.entries)
    if extra_check is not None:
        problems += extra_check(result.entries)
    if prepare is not None:
        prepare(result.entries)
    # Accurate: the branches and the master-data lists the entries use, each read once, here.
    against_company = company.branch_problems(result.entries)
    master = company.master_problems(result.entries)
    against_company += locate(master, result.mapping.as_dict(), result.headers)
    if against_company or extra_check is not None:
        problems = sorted([*problems, *against_company], key=lambda p: p.row or 0)
    result.problems = problems
    return WorkbookCheck(result, split_ready(result.entries, problems))


def post_checked(
    outbox: Outbox,
    company: Company,
    check: WorkbookCheck,
    *,
    allow_duplicates: bool = False,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    front: str = FRONT_COMMAND,
    wait: float = 0.0,
    resend_unclear: bool = False,
) -> PostingReport:
    """Post the checked workbook's ready entries (exactly once, resumable: see
    `service.post_entries`), under the company's lease."""
    return post_entries(
        outbox,
        company,
        check.ready,
        source_file=str(check.result.path.resolve()),
        source_sheet=check.result.sheet,
        allow_duplicates=allow_duplicates,
        on_progress=on_progress,
        cancel=cancel,
        front=front,
        wait=wait,
        resend_unclear=resend_unclear,
    )
