"""What a posting run (or a batch in the history) came to, counted in one place for every
front: the command line, the posting window, the result workbook and the history."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from app.core.books.money import ZERO
from app.core.i18n import Text, ctr, ntr, tr
from app.posting.outbox.ledger import EntryStatus, OutboxEntry
from app.posting.reasons import EntryReason

# The statuses as counted words ("3 terposting, 1 ditolak"), for listings.
STATUS_WORDS: dict[EntryStatus, Text] = {
    EntryStatus.PENDING: ctr("status jurnal", "menunggu"),
    EntryStatus.SENDING: tr("sedang dikirim"),
    EntryStatus.POSTED: tr("terposting"),
    EntryStatus.REJECTED: tr("ditolak"),
    EntryStatus.UNCERTAIN: tr("belum pasti"),
    EntryStatus.SKIPPED: tr("dilewati"),
    EntryStatus.UNDONE: tr("dibatalkan"),
}


@dataclass(frozen=True, slots=True)
class RunSummary:
    """How many entries came to what. `debit_posted` is the debit total of the entries posted
    (None when counted without reading the entries, as the history's list does)."""

    posted: int = 0
    posted_before: int = 0  # skipped: the same entry was posted before (on the books)
    duplicates: int = 0  # skipped: the reference is already used by other content
    rejected: int = 0
    uncertain: int = 0  # the answer never came (rows left "sending" included)
    pending: int = 0  # not sent yet
    undone: int = 0  # taken off the books by undo
    invalid: int = 0  # kept back by the check against the chart: never in the batch
    debit_posted: Decimal | None = None

    @property
    def entries(self) -> int:
        """Every entry counted, the invalid ones included."""
        return sum(getattr(self, name) for name in SUMMARY_COUNTS)

    @property
    def on_books(self) -> int:
        return self.posted + self.posted_before

    @property
    def skipped(self) -> int:
        return self.posted_before + self.duplicates

    @property
    def problems(self) -> int:
        """Entries of the batch someone has to act on: rejected, of unknown fate, never sent,
        or skipped as a duplicate reference."""
        return self.rejected + self.uncertain + self.pending + self.duplicates

    def with_removed(self, removed: int) -> RunSummary:
        """`removed` of the entries posted before are no longer on the books (the batch that
        posted them was undone): they count as undone."""
        return dataclasses.replace(
            self, posted_before=self.posted_before - removed, undone=self.undone + removed
        )

    def by_status(self) -> tuple[tuple[EntryStatus, int], ...]:
        """The counts under the status a person reads, in the order they are listed."""
        return (
            (EntryStatus.POSTED, self.posted),
            (EntryStatus.REJECTED, self.rejected),
            (EntryStatus.UNCERTAIN, self.uncertain),
            (EntryStatus.SKIPPED, self.skipped),
            (EntryStatus.PENDING, self.pending),
            (EntryStatus.UNDONE, self.undone),
        )

    def breakdown(self, number: Callable[[int], str] = str, language: str | None = None) -> str:
        """What is not zero, in words: "3 terposting, 1 dilewati (1 nomor sudah dipakai)"."""
        listed: Text | None = None
        for status, n in self.by_status():
            if not n:
                continue
            part = self._counted(status, n, number)
            if listed is None:
                listed = part
            else:
                # Translators: counts of entries listed one after the other.
                listed = ctr("daftar hitungan", "{first}, {second}", first=listed, second=part)
        return "" if listed is None else listed.get(language)

    def _counted(self, status: EntryStatus, n: int, number: Callable[[int], str]) -> Text:
        shown = number(n)
        if status is EntryStatus.POSTED:
            return ntr("{n} terposting", "{n} terposting", n, n=shown)
        if status is EntryStatus.REJECTED:
            return ntr("{n} ditolak", "{n} ditolak", n, n=shown)
        if status is EntryStatus.UNCERTAIN:
            return ntr("{n} belum pasti", "{n} belum pasti", n, n=shown)
        if status is EntryStatus.SKIPPED and self.duplicates:
            return ntr(
                "{n} dilewati ({d} nomor sudah dipakai)",
                "{n} dilewati ({d} nomor sudah dipakai)",
                n,
                n=shown,
                d=number(self.duplicates),
            )
        if status is EntryStatus.SKIPPED:
            return ntr("{n} dilewati", "{n} dilewati", n, n=shown)
        if status is EntryStatus.PENDING:
            return ntr("{n} menunggu", "{n} menunggu", n, n=shown)
        return ntr("{n} dibatalkan", "{n} dibatalkan", n, n=shown)


# RunSummary's counts, by name.
SUMMARY_COUNTS = tuple(f.name for f in dataclasses.fields(RunSummary) if f.name != "debit_posted")


def summarize(
    rows: Iterable[OutboxEntry],
    *,
    invalid: int = 0,
    debit_of: Callable[[OutboxEntry], Decimal] | None = None,
    earlier: Collection[int] = (),
) -> RunSummary:
    """The summary of these entries. `debit_of` gives a posted entry's debit total (by
    default read from the entry itself; the posting window has them at hand). `earlier`:
    the ids of entries posted before the run counted (by an earlier run of a resumed
    batch): on the books before it, so counted as posted before, their debit left out."""
    counts: dict[str, int] = dict.fromkeys(SUMMARY_COUNTS, 0)
    debit = ZERO
    debit_of = debit_of or _debit
    for row in rows:
        if row.id in earlier and row.status is EntryStatus.POSTED:
            counts["posted_before"] += 1
            continue
        counts[_counted_as(row.status, row.reason)] += 1
        if row.status is EntryStatus.POSTED:
            debit += debit_of(row)
    counts["invalid"] = invalid
    return RunSummary(**counts, debit_posted=debit)


def summary_of_counts(counts: Mapping[tuple[EntryStatus, EntryReason], int]) -> RunSummary:
    """The summary from entries counted by status and reason (no debit total)."""
    summed: dict[str, int] = dict.fromkeys(SUMMARY_COUNTS, 0)
    for (status, reason), n in counts.items():
        summed[_counted_as(status, reason)] += n
    return RunSummary(**summed, debit_posted=None)  # counted without reading the entries


def _counted_as(status: EntryStatus, reason: EntryReason) -> str:
    if status is EntryStatus.SKIPPED:
        return "posted_before" if reason is EntryReason.ALREADY_POSTED else "duplicates"
    return _FIELD[status]


_FIELD: dict[EntryStatus, str] = {
    EntryStatus.POSTED: "posted",
    EntryStatus.REJECTED: "rejected",
    EntryStatus.UNCERTAIN: "uncertain",
    EntryStatus.SENDING: "uncertain",  # after a run: the answer never came
    EntryStatus.PENDING: "pending",
    EntryStatus.UNDONE: "undone",
}


def _debit(row: OutboxEntry) -> Decimal:
    return row.entry().total_debit
