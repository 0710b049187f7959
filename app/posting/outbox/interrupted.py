"""A batch whose posting stopped before the end (the app was quit, or the run was stopped):
found in the outbox so the next start can offer to finish it, and its entries read back in
their order, so that posting them again resumes that same batch (the engine finds it by its
content) and sends only what is not on the books yet. Plain Python, no Qt."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core.books.journal import JournalEntry
from app.core.i18n import Text, tr
from app.core.i18n.values import Count
from app.posting.outbox.lease import PostingLease
from app.posting.outbox.ledger import Batch, Outbox
from app.posting.service import outbox_path
from app.posting.summary import RunSummary, summary_of_counts


@dataclass(frozen=True, slots=True)
class InterruptedBatch:
    """The batch and what its entries came to so far."""

    batch: Batch
    summary: RunSummary

    @property
    def total(self) -> int:
        return self.summary.entries

    @property
    def unsent(self) -> int:
        """Entries never sent: the rest of the batch."""
        return self.summary.pending

    @property
    def unclear(self) -> int:
        """Entries whose answer never came: looked up on the server before anything else."""
        return self.summary.uncertain

    def text(self, company: str) -> Text:
        """ "Posting ke PT X terhenti: 152 dari 200 jurnal belum terkirim." and the rest."""
        text = tr(
            "Posting ke {c} terhenti: {n} dari {t} jurnal belum terkirim.",
            c=company,
            n=Count(self.unsent + self.unclear),
            t=Count(self.total),
        )
        if self.unclear:
            text += tr(
                "{u} di antaranya belum pasti; dicek dulu di {c} sebelum dikirim lagi.",
                u=Count(self.unclear),
                c=company,
            )
        return text + tr(
            "Yang sudah terposting ({p}) tidak dikirim lagi.", p=Count(self.summary.on_books)
        )


def latest_interrupted(outbox_home: Path, profile: str) -> InterruptedBatch | None:
    """The company's newest interrupted batch, or None. No outbox file yet: none."""
    path = outbox_path(outbox_home)
    if not path.exists():
        return None  # opening would create an empty ledger just to read nothing
    with Outbox(path) as outbox:
        batches = outbox.interrupted_batches(profile)
        if not batches or posting_now(outbox, profile):
            return None  # nothing stopped, or a run is posting to the company right now
        batch = batches[0]
        return InterruptedBatch(batch, summary_of_counts(outbox.reason_counts(batch.id)))


def posting_now(outbox: Outbox, profile: str) -> bool:
    """A run (this window's, another window's, a command's) is posting to the company now:
    its unfinished batch is under way, not interrupted."""
    return PostingLease(outbox, profile).live_holder() is not None


def batch_entries(outbox_home: Path, batch_id: str) -> list[JournalEntry]:
    """Every entry of the batch as it was recorded, in its order: posting exactly these
    resumes the batch."""
    with Outbox(outbox_path(outbox_home)) as outbox:
        return [row.entry() for row in outbox.entries(batch_id)]
