"""A firm run as data for scheduled scripts (`post-many --json`): per company its counts,
whether it is complete, what it needs, and per workbook its batch, its problems and the
entries to look at. Every text in the run's language; no secret is ever in it."""

from __future__ import annotations

from typing import Any

from app.firm.company_run import CompanyRun, JobOutcome
from app.firm.needs import company_needs
from app.firm.plan import Job, Plan
from app.posting.outbox.ledger import EntryStatus
from app.posting.report.words import readable_messages
from app.posting.summary import SUMMARY_COUNTS

_LOOK_AT = (EntryStatus.REJECTED, EntryStatus.UNCERTAIN, EntryStatus.SENDING, EntryStatus.PENDING)


def firm_json(runs: list[CompanyRun], language: str) -> dict[str, Any]:
    return {
        "complete": all(run.complete for run in runs),
        "companies": [company_json(run, language) for run in runs],
    }


def plan_problems_json(plan: Plan, language: str) -> dict[str, Any]:
    return {
        "complete": False,
        "plan": str(plan.source),
        "plan_problems": [
            {"row": problem.row, "message": problem.text.get(language)} for problem in plan.problems
        ],
        "companies": [],
    }


def company_json(run: CompanyRun, language: str) -> dict[str, Any]:
    summary = run.summary()
    return {
        "company": run.name,
        "service": run.service,
        "state": run.state.value,
        "complete": run.complete,
        "checked_ok": run.checked_ok,
        "needs": company_needs(run).get(language),
        "trouble": run.trouble.get(language) if run.trouble is not None else None,
        **{name: getattr(summary, name) for name in SUMMARY_COUNTS},
        "workbooks": [_job_json(outcome, language) for outcome in run.outcomes]
        + [_not_run_json(job) for job in run.jobs[len(run.outcomes) :]],
    }


def _job_json(outcome: JobOutcome, language: str) -> dict[str, Any]:
    job, report = outcome.job, outcome.report
    entries = report.entries if report is not None else []
    return {
        "workbook": str(job.workbook),
        "plan_row": job.row,
        "sheet": outcome.sheet or job.sheet,
        "batch": report.batch.id if report is not None else None,
        "complete": outcome.complete,
        "would_send": outcome.would_send,
        "trouble": outcome.trouble.get(language) if outcome.trouble is not None else None,
        "stopped_by": (
            report.stopped_by.get(language)
            if report is not None and report.stopped_by is not None
            else None
        ),
        "problems": [
            {
                "row": problem.row,
                "reference": problem.reference or None,
                "message": problem.text.get(language),
            }
            for problem in outcome.problems
        ],
        "to_look_at": [
            {
                "reference": row.reference,
                "status": row.status.value,
                "messages": readable_messages(row, language),
            }
            for row in entries
            if row.status in _LOOK_AT or (row.status is EntryStatus.SKIPPED and not row.on_books)
        ],
        **{name: getattr(outcome.summary(), name) for name in SUMMARY_COUNTS},
    }


def _not_run_json(job: Job) -> dict[str, Any]:
    return {"workbook": str(job.workbook), "plan_row": job.row, "complete": False, "ran": False}
