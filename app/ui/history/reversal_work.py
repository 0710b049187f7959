"""The history's "reverse with reversing entries", off the GUI thread: plain Python over
`app.posting.reversal.reverse`, no widgets. The worker posts like the posting window does (the
company's lease, the engine, progress per entry) and Stop (the window closing) ends it
cleanly: what was sent stays recorded, and pressing the button again goes on from there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.core.tasks import TaskState
from app.posting.outbox.lease import FRONT_WINDOW
from app.posting.outbox.ledger import Batch
from app.posting.reversal.entries import NUMBER_LIMITS, reversal_reference
from app.posting.reversal.reverse import reverse_batch
from app.posting.run_report import PostingReport, Progress
from app.posting.service import opened_outbox
from app.ui.posting.work import ConnectCompany


@dataclass(frozen=True, slots=True)
class ReversalOutcome:
    """What a reversal run came to: the original batch and the reversal batch's report."""

    original_id: str
    report: PostingReport

    @property
    def reversal_id(self) -> str:
        return self.report.batch.id


def reverse_posted(
    connect_company: ConnectCompany,
    outbox_home: Path,
    original: Batch,
    on_date: date | None,
    state: TaskState,
) -> ReversalOutcome:
    """Worker: post (or go on posting) the reversal of `original`, each entry's outcome
    reported as progress; `on_date` None keeps each original's date."""

    def progress(done: Progress) -> None:
        state.set_progress(done.done, done.total)

    with connect_company() as company, opened_outbox(outbox_home) as outbox:
        state.check()
        report = reverse_batch(
            outbox,
            company,
            original,
            on_date=on_date,
            on_progress=progress,
            cancel=state.cancel,
            front=FRONT_WINDOW,
        )
    return ReversalOutcome(original.id, report)


def example_number(original: Batch, reference: str) -> str:
    """The reversal number a first reversal gives `reference` (when the books hold no such
    number yet), for the question the window asks."""
    return reversal_reference(reference, NUMBER_LIMITS.get(original.service), lambda _n: False)
