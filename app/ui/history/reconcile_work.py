"""The history page's "Reconcile period…" work off the GUI thread: plain Python, no widgets.

`reconcile_period` reads the period from the company's books and sets it against the outbox
(`app.posting.reconcile.proof`), writes the result workbook, and hands back what the page says;
`outcome_text` and `progress_text` are those words (messages, so a language switch
rewords them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.core.excel.reader import ImportOptions
from app.core.i18n import Text, tr
from app.core.tasks import TaskState
from app.posting.reconcile.proof import Reconciliation, reconcile_company
from app.posting.reconcile.workbook import summary_notes, write_reconcile_report
from app.posting.service import opened_outbox
from app.profiles.account_maps import AccountMapStore
from app.ui.posting.work import ConnectCompany


@dataclass(frozen=True, slots=True)
class ReconcileOutcome:
    result: Reconciliation
    report: Path


def reconcile_period(
    connect_company: ConnectCompany,
    outbox_home: Path,
    first: date,
    last: date,
    workbook: Path | None,
    report: Path,
    language: str,
    state: TaskState,
) -> ReconcileOutcome:
    """Worker: the period reconciled, against `workbook` too when given (read as posting
    reads it, the company's account mapping applied). What was read is kept until it
    finishes, so a Stop or a closed window continues next time; the result workbook is
    written to `report`."""
    with connect_company() as company, opened_outbox(outbox_home) as outbox:
        state.check()
        options = ImportOptions(account_map=AccountMapStore(outbox_home).get(company.profile.name))
        result = reconcile_company(
            company,
            outbox,
            first,
            last,
            workbooks=[workbook] if workbook is not None else [],
            options=options,
            cache_home=outbox_home,
            cancel=state.cancel,
            on_progress=state.set_progress,
        )
    state.check()
    write_reconcile_report([result], report, language)
    return ReconcileOutcome(result, report)


def outcome_text(outcome: ReconcileOutcome) -> Text:
    """The summary, what to do, and where the workbook is."""
    result = outcome.result
    saved = tr(
        "Rinciannya per jenis ada di {p}.",
        p=outcome.report,
    )
    notes = summary_notes(result)
    text = result.summary()
    if notes.id:  # nothing to ask of the accountant: no sentence
        text += notes
    return text + saved


def progress_text(company: str, done: int, total: int) -> Text:
    if total:
        return tr(
            "Mencocokkan periode {c}: {d} dari {n} voucher dibaca rinci…",
            c=company,
            d=done,
            n=total,
        )
    return tr(
        "Mencocokkan periode {c}: {d} voucher dibaca dari daftar…",
        c=company,
        d=done,
    )


def reconcile_failed_text(error: BaseException) -> Text:
    from app.core.error_text import error_text

    return error_text(
        error,
        lambda kind: tr(
            "Periode tidak bisa dicocokkan ({e}). Yang sudah dibaca disimpan: coba lagi dan "
            "pembacaan dilanjutkan.",
            e=kind,
        ),
    )
