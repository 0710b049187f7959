"""A batch whose posting stopped before the end (the app was quit, or the run was stopped):
found in the outbox so the next start can offer to finish it, and its entries read back in
their order, so that posting them again resumes that same batch (the engine finds it by its
content) and sends only what is not on the books yet. Plain Python, no Qt."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core.books.journal import JournalEntry
from app.core.formatting import count
from app.core.i18n import Text
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
        numbers = {
            "n": self.unsent + self.unclear,
            "t": self.total,
            "u": self.unclear,
            "p": self.summary.on_books,
        }
        parts = [_STOPPED]
        if self.unclear:
            parts.append(_UNCLEAR)
        parts.append(_NOT_AGAIN)
        return Text(
            " ".join(_sentence(id, "id", company, numbers) for id, _en in parts),
            " ".join(_sentence(en, "en", company, numbers) for _id, en in parts),
        )


_STOPPED = (
    "Posting ke {c} terhenti: {n} dari {t} jurnal belum terkirim.",
    "Posting to {c} stopped: {n} of {t} entries not sent yet.",
)
_UNCLEAR = (
    "{u} di antaranya belum pasti; dicek dulu di {c} sebelum dikirim lagi.",
    "{u} of them are uncertain; they are looked up in {c} before being sent again.",
)
_NOT_AGAIN = (
    "Yang sudah terposting ({p}) tidak dikirim lagi.",
    "Those already posted ({p}) are not sent again.",
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


def _sentence(template: str, language: str, company: str, numbers: dict[str, int]) -> str:
    """One language's sentence, its numbers written as that language writes them."""
    counted = {name: count(value, language) for name, value in numbers.items()}
    return template.format(c=company, **counted)
