"""Proving a period: every voucher the books hold for it, set against what Jurnal Desk posted
there (the outbox) and, when given, the workbook the entries come from.

Each voucher or entry ends in one of four kinds:
- EQUAL: in the books and in the sources, the same (date, description, branch, lines);
- DIFFERENT: in both, but changed (which fields: date, description, branch, lines, amounts);
- MISSING: posted by Jurnal Desk (or in the workbook) but not in the books (deleted in the
  service? not posted yet?);
- FOREIGN: in the books but not from Jurnal Desk (typed by hand, imported by another tool),
  with the workbook entry that matches it, by number, else by date and amount.

A voucher Jurnal Desk posted is read with its lines (Accurate: one detail.do each, 8 a
second at most) unless the list proves it unchanged: the same id, edit counter and total as
remembered when it was known to hold what was sent (`versions`). Those read and found equal
have their counter and total remembered, so the next reconcile reads them no more.

`quick` compares what the list gives (date, description, total) without reading lines, where
the list gives the total: one request per 100 vouchers whatever their number, but a changed
account or an amount moved between lines that keeps the total goes unseen.

The books and the sources agree when nothing differs, nothing is missing, and every foreign
voucher is a workbook entry under its own number, unchanged. Plain Python over a `Company`
and the outbox: network and disk, call it from a worker or the command line.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from app.api.records import RemoteVoucher
from app.api.sempoa import SempoaClient
from app.core.books.journal import Account, Chart, JournalEntry
from app.core.books.serialize import fingerprint
from app.core.books.written_accounts import with_account_codes
from app.core.excel.reader import ImportOptions, read_workbook
from app.core.i18n import Text, tr
from app.core.i18n.values import Day
from app.posting.outbox.ledger import EntryStatus, Outbox, OutboxEntry, Verified
from app.posting.outbox.rows import entry_row
from app.posting.reconcile.books import PeriodBooks, ReadProgress
from app.posting.reconcile.cache import ReadingCache
from app.posting.reconcile.versions import NO_STAMP, proven_unchanged, stamp_after_reading
from app.posting.service import Company
from app.posting.verify import Difference, compare, compare_listed


class Kind(StrEnum):
    EQUAL = "equal"
    DIFFERENT = "different"
    MISSING = "missing"
    FOREIGN = "foreign"


class Source(StrEnum):
    OUTBOX = "outbox"  # posted by Jurnal Desk
    WORKBOOK = "workbook"  # in the workbook given, not posted by Jurnal Desk
    BOOKS = "books"  # only in the books


class Match(StrEnum):
    NONE = ""
    NUMBER = "number"
    DATE_AMOUNT = "date+amount"


@dataclass(frozen=True, slots=True)
class Finding:
    """One voucher or entry of the period and what reconciling it found."""

    kind: Kind
    reference: str  # the voucher number (Accurate) / referensi (Sempoa)
    date: date | None
    description: str
    amount: Decimal | None  # total debit
    source: Source
    remote_id: str = ""
    batch_id: str = ""  # the batch that posted it, for one from Jurnal Desk
    fields: tuple[str, ...] = ()  # what differs: date, description, branch, lines, amounts
    differences: tuple[Text, ...] = ()  # each difference in words (sent vs. in the books)
    match: Match = Match.NONE  # a foreign voucher's workbook entry, found by ...
    match_reference: str = ""  # ... this entry's number
    entry_id: int | None = None  # the outbox entry, for one from Jurnal Desk

    @property
    def agrees(self) -> bool:
        if self.kind is Kind.EQUAL:
            return True
        return self.kind is Kind.FOREIGN and self.match is Match.NUMBER and not self.fields


@dataclass(slots=True)
class Reconciliation:
    profile: str
    service: str
    first: date
    last: date
    findings: list[Finding] = field(default_factory=list)
    workbooks: tuple[str, ...] = ()
    outside_period: int = 0  # workbook entries dated outside the period (not reconciled)
    list_requests: int = 0
    detail_requests: int = 0
    # Vouchers from Jurnal Desk the list proved unchanged (same edit counter and total as
    # remembered), so not read with their lines.
    unchanged_by_version: int = 0
    continued: bool = False  # an interrupted reading was continued from the cache
    # Accurate's journal list refused the edit counter and total, so was read without them.
    list_fields_refused: bool = False
    quick: bool = False  # compared without lines where the list gave the total

    def of(self, kind: Kind) -> list[Finding]:
        return [finding for finding in self.findings if finding.kind is kind]

    def count(self, kind: Kind) -> int:
        return len(self.of(kind))

    @property
    def agrees(self) -> bool:
        """The books and the sources agree (exit 0)."""
        return all(finding.agrees for finding in self.findings)

    @property
    def unmatched_foreign(self) -> int:
        return sum(1 for f in self.of(Kind.FOREIGN) if not f.agrees)

    def list_fields_note(self) -> Text | None:
        """What the run tells once when the journal list refused the unconfirmed fields."""
        if not self.list_fields_refused:
            return None
        return tr(
            "Daftar jurnal Accurate menolak permintaan yang menyebut penghitung ubahan "
            "(optLock) dan total (totalAmount); Jurnal Desk memintanya lagi tanpa keduanya, "
            "jadi setiap jurnal dari Jurnal Desk dibaca dengan barisnya. Hasilnya sama "
            "lengkapnya, hanya lebih lambat."
        )

    def summary(self) -> Text:
        counts = {
            "c": self.profile,
            "a": Day(self.first),
            "b": Day(self.last),
            "eq": self.count(Kind.EQUAL),
            "df": self.count(Kind.DIFFERENT),
            "ms": self.count(Kind.MISSING),
            "fr": self.count(Kind.FOREIGN),
        }
        if not self.workbooks:
            return tr(
                "{c}, {a} s.d. {b}: {eq} cocok, {df} berbeda, {ms} tidak ada di pembukuan, "
                "{fr} bukan dari Jurnal Desk.",
                **counts,
            )
        return tr(
            "{c}, {a} s.d. {b}: {eq} cocok, {df} berbeda, {ms} tidak ada di pembukuan, {fr} "
            "bukan dari Jurnal Desk ({n} cocok dengan workbook).",
            n=self.count(Kind.FOREIGN) - self.unmatched_foreign,
            **counts,
        )


def reconcile_company(
    company: Company,
    outbox: Outbox,
    first: date,
    last: date,
    *,
    workbooks: Sequence[Path] = (),
    options: ImportOptions | None = None,
    cache_home: Path | None = None,
    keep_cache: bool = False,
    quick: bool = False,
    cancel: threading.Event | None = None,
    on_progress: ReadProgress | None = None,
) -> Reconciliation:
    """Read the period from the company's books and set it against the outbox and the
    workbooks. `cache_home` keeps what was read until the reconciliation finishes (or, with
    `keep_cache`, until the caller clears it), so an interrupted one continues (None: kept in
    memory only)."""
    if first > last:
        raise ValueError("the period ends before it starts")
    profile = company.profile.name
    sempoa = isinstance(company.client, SempoaClient)
    chart = company.chart() if (sempoa or workbooks) else None
    expected = _workbook_entries(workbooks, options, chart)
    in_period = [e for e in expected if e.date is not None and first <= e.date <= last]
    cache = ReadingCache(cache_home, profile, first, last)
    books = PeriodBooks(company.client, cache, first, last, cancel=cancel, on_progress=on_progress)
    result = Reconciliation(
        profile,
        company.client.service,
        first,
        last,
        workbooks=tuple(str(path) for path in workbooks),
        outside_period=len(expected) - len(in_period),
        continued=cache.continued,
        quick=quick,
    )
    judge = _Judge(books, company.profile.branch or "", chart if sempoa else None, quick=quick)
    result.findings = judge.findings(
        books.vouchers(), posted_in(outbox, profile, first, last), in_period
    )
    result.list_requests, result.detail_requests = books.pages_read, books.details_read
    result.list_fields_refused = books.list_fields_refused
    result.unchanged_by_version = judge.unchanged_by_version
    if not outbox.read_only:  # a history on a read-only disk is still reconciled, as before
        outbox.remember_versions(judge.remembered)
    if not workbooks and not quick:
        # Each voucher was compared whole with what was sent: the history keeps the verdict,
        # as `verify` would.
        outbox.mark_verified(_verdicts(result.findings))
    if not keep_cache:
        cache.clear()
    return result


_VERDICTS = {
    Kind.EQUAL: Verified.MATCHES,
    Kind.DIFFERENT: Verified.DIFFERS,
    Kind.MISSING: Verified.MISSING,
}


def _verdicts(findings: list[Finding]) -> list[tuple[int, Verified]]:
    return [
        (finding.entry_id, _VERDICTS[finding.kind])
        for finding in findings
        if finding.entry_id is not None and finding.source is Source.OUTBOX
    ]


def posted_in(outbox: Outbox, profile: str, first: date, last: date) -> list[OutboxEntry]:
    """The company's entries on its books by Jurnal Desk's record, dated in the period: the
    latest posting of each number."""
    rows = outbox.read(
        "SELECT * FROM entries WHERE profile = ? AND status = ? ORDER BY id",
        (profile, EntryStatus.POSTED),
    )
    latest: dict[str, OutboxEntry] = {}
    for raw in rows:
        row = entry_row(raw)
        when = row.entry().date
        if when is not None and first <= when <= last:
            latest[row.remote_number or row.reference] = row
    return list(latest.values())


def _workbook_entries(
    workbooks: Sequence[Path], options: ImportOptions | None, chart: Chart | None
) -> list[JournalEntry]:
    entries: dict[str, JournalEntry] = {}
    for path in workbooks:
        result = read_workbook(path, options, chart=chart)
        read = with_account_codes(result.entries, chart) if chart is not None else result.entries
        for entry in read:
            if entry.reference:
                entries.setdefault(entry.reference, entry)
    return list(entries.values())


class _Judge:
    """Sorts one period's vouchers and entries into the four kinds."""

    def __init__(
        self,
        books: PeriodBooks,
        default_branch: str,
        chart: Mapping[str, Account] | None,
        *,
        quick: bool = False,
    ) -> None:
        self.books = books
        self.default_branch = default_branch
        self.chart = chart
        self.quick = quick
        self.unchanged_by_version = 0
        # (entry id, edit counter, total) of vouchers read and found holding what was sent.
        self.remembered: list[tuple[int, str, str]] = []

    def _needs_lines(self, voucher: RemoteVoucher) -> bool:
        return not (self.quick and voucher.total is not None)

    def _compare(self, entry: JournalEntry, voucher: RemoteVoucher) -> list[Difference]:
        if not voucher.lines and voucher.total is not None and self.quick:
            return compare_listed(entry, voucher)
        return compare(entry, voucher, default_branch=self.default_branch, chart=self.chart)

    def findings(
        self,
        listed: list[RemoteVoucher],
        posted: list[OutboxEntry],
        workbook: list[JournalEntry],
    ) -> list[Finding]:
        by_id = {voucher.remote_id: voucher for voucher in listed if voucher.remote_id}
        by_number = {voucher.number: voucher for voucher in listed}
        in_workbook = {entry.reference: entry for entry in workbook}
        claimed: dict[str, tuple[OutboxEntry, RemoteVoucher]] = {}
        findings: list[Finding] = []
        unlisted: list[OutboxEntry] = []
        for row in posted:
            number = row.remote_number or row.reference
            found = by_id.get(row.remote_id) if row.remote_id else None
            found = found or by_number.get(number)
            if found is None or found.remote_id in claimed:
                unlisted.append(row)
            else:
                claimed[found.remote_id] = (row, found)
        findings += self._unlisted(unlisted, in_workbook)
        foreign = [v for v in listed if v.remote_id not in claimed]
        by_number_wb = [v for v in foreign if v.number in in_workbook]
        unchanged = {
            found.remote_id
            for row, found in claimed.values()
            if _as_sent(row, in_workbook) and proven_unchanged(row, found)
        }
        to_read = [found for _row, found in claimed.values() if found.remote_id not in unchanged]
        lined = self.books.with_lines([v for v in to_read + by_number_wb if self._needs_lines(v)])
        for row, found in claimed.values():
            if found.remote_id in unchanged:
                findings.append(_unchanged(found, row))
                continue
            expected = in_workbook.get(row.reference) or row.entry()
            voucher = lined.get(found.remote_id) if self._needs_lines(found) else found
            finding = self._compared(expected, voucher, found, row)
            findings.append(finding)
            if finding.kind is Kind.EQUAL and voucher is not None and voucher.lines:
                self._remember(row, found, voucher, in_workbook)
        self.unchanged_by_version = len(unchanged)
        # A workbook entry Jurnal Desk posted is told of by its posting, found or not.
        used = {row.reference for row, _found in claimed.values()}
        used |= {row.reference for row in unlisted}
        findings += self._foreign(foreign, in_workbook, used, lined)
        return sorted(findings, key=lambda f: (f.date or date.min, f.reference))

    def _remember(
        self,
        row: OutboxEntry,
        listed: RemoteVoucher,
        read: RemoteVoucher,
        in_workbook: dict[str, JournalEntry],
    ) -> None:
        """A voucher read and found equal to what was sent: its listed counter and total are
        remembered (found equal to a workbook entry that is not what was sent proves nothing
        of what was sent)."""
        stamp = stamp_after_reading(row, listed, read)
        known = (row.remote_version, row.remote_total)
        if stamp not in (NO_STAMP, known) and _as_sent(row, in_workbook):
            self.remembered.append((row.id, *stamp))

    def _unlisted(
        self, rows: list[OutboxEntry], in_workbook: dict[str, JournalEntry]
    ) -> list[Finding]:
        """Entries posted by Jurnal Desk that the period's list lacks: moved to another date
        in the service (different), else gone from the books (missing)."""
        keys = [(row.remote_id, row.remote_number or row.reference) for row in rows]
        moved = self.books.outside_period(keys)
        findings = []
        for row, (_id, number) in zip(rows, keys, strict=True):
            voucher = moved.get(number)
            expected = in_workbook.get(row.reference) or row.entry()
            if voucher is None:
                findings.append(_missing(expected, Source.OUTBOX, row))
            else:
                finding = self._compared(expected, voucher, voucher, row)
                findings.append(finding)
        return findings

    def _compared(
        self,
        expected: JournalEntry,
        voucher: RemoteVoucher | None,
        listed: RemoteVoucher,
        row: OutboxEntry,
    ) -> Finding:
        if voucher is None:  # deleted between the list and its detail
            return _missing(expected, Source.OUTBOX, row)
        differences = self._compare(expected, voucher)
        kind = Kind.DIFFERENT if differences else Kind.EQUAL
        return Finding(
            kind,
            listed.number,
            voucher.date,
            voucher.description,
            _voucher_total(voucher),
            Source.OUTBOX,
            voucher.remote_id,
            row.batch_id,
            _fields(differences, expected, voucher),
            tuple(difference.text for difference in differences),
            entry_id=row.id,
        )

    def _foreign(
        self,
        foreign: list[RemoteVoucher],
        workbook: dict[str, JournalEntry],
        used: set[str],
        lined: dict[str, RemoteVoucher],
    ) -> list[Finding]:
        findings: list[Finding] = []
        waiting: list[RemoteVoucher] = []
        for voucher in foreign:
            entry = workbook.get(voucher.number)
            if entry is None or voucher.number in used:
                waiting.append(voucher)
                continue
            used.add(entry.reference)
            full = lined.get(voucher.remote_id, voucher)
            differences = self._compare(entry, full)
            findings.append(
                _foreign_finding(full, Match.NUMBER, entry.reference, differences, entry)
            )
        unmatched = [entry for ref, entry in workbook.items() if ref not in used]
        findings += self._by_date_and_amount(waiting, unmatched)
        return findings

    def _by_date_and_amount(
        self, vouchers: list[RemoteVoucher], entries: list[JournalEntry]
    ) -> list[Finding]:
        """Foreign vouchers paired with workbook entries of the same date and total; the
        entries left over are missing from the books."""
        dates = {entry.date for entry in entries}
        unknown = [v for v in vouchers if v.date in dates and _listed_total(v) is None]
        totals = {v.remote_id: _voucher_total(v) for v in self.books.with_lines(unknown).values()}
        findings: list[Finding] = []
        left = list(entries)
        for voucher in vouchers:
            total = _listed_total(voucher)
            total = total if total is not None else totals.get(voucher.remote_id)
            entry = next(
                (e for e in left if e.date == voucher.date and e.total_debit == total), None
            )
            if entry is None:
                findings.append(_foreign_finding(voucher, Match.NONE, "", [], None, total))
                continue
            left.remove(entry)
            findings.append(
                _foreign_finding(voucher, Match.DATE_AMOUNT, entry.reference, [], entry, total)
            )
        findings += [_missing(entry, Source.WORKBOOK, None) for entry in left]
        return findings


def _foreign_finding(
    voucher: RemoteVoucher,
    match: Match,
    reference: str,
    differences: list[Difference],
    entry: JournalEntry | None,
    total: Decimal | None = None,
) -> Finding:
    return Finding(
        Kind.FOREIGN,
        voucher.number,
        voucher.date,
        voucher.description,
        total if total is not None else _voucher_total(voucher),
        Source.BOOKS,
        voucher.remote_id,
        fields=_fields(differences, entry, voucher) if entry is not None else (),
        differences=tuple(difference.text for difference in differences),
        match=match,
        match_reference=reference,
    )


def _as_sent(row: OutboxEntry, in_workbook: dict[str, JournalEntry]) -> bool:
    """What the voucher is compared with is what was sent: no workbook entry under its
    reference, or one with the same content."""
    entry = in_workbook.get(row.reference)
    return entry is None or fingerprint(entry) == row.fingerprint


def _unchanged(listed: RemoteVoucher, row: OutboxEntry) -> Finding:
    """A voucher from Jurnal Desk the list proves unchanged since it held what was sent."""
    return Finding(
        Kind.EQUAL,
        listed.number,
        listed.date,
        listed.description,
        listed.total,
        Source.OUTBOX,
        listed.remote_id,
        row.batch_id,
        entry_id=row.id,
    )


def _missing(entry: JournalEntry, source: Source, row: OutboxEntry | None) -> Finding:
    return Finding(
        Kind.MISSING,
        entry.reference,
        entry.date,
        entry.description,
        entry.total_debit,
        source,
        row.remote_id if row is not None else "",
        row.batch_id if row is not None else "",
        entry_id=row.id if row is not None else None,
    )


def _fields(
    differences: list[Difference], expected: JournalEntry | None, voucher: RemoteVoucher
) -> tuple[str, ...]:
    """Which fields differ; a lines difference that changes the total is one of amounts."""
    names = []
    for difference in differences:
        name = difference.field
        if (
            name == "lines"
            and expected is not None
            and expected.total_debit != _voucher_total(voucher)
        ):
            name = "amounts"
        names.append(name)
    return tuple(dict.fromkeys(names))


def _listed_total(voucher: RemoteVoucher) -> Decimal | None:
    if voucher.total is not None:
        return voucher.total
    return _voucher_total(voucher) if voucher.lines else None


def _voucher_total(voucher: RemoteVoucher) -> Decimal | None:
    if voucher.lines:
        return sum((line.debit for line in voucher.lines), Decimal(0))
    return voucher.total
