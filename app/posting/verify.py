"""Read-back proof: every voucher a batch posted, read back from the service and compared
with what the outbox says was sent.

The outbox knows what Jurnal Desk *sent*; only the service knows what the books *hold*.
`verify_batch` asks the service for each posted voucher (a `ReadBack`, one per service) and
compares date, accounts, sides, amounts, branch and description. The outcome of each entry
is kept in the outbox (the result workbook shows it) and returned as a `Verification`.
Reading back a few hundred vouchers takes a while (Accurate is asked one by one, within its
rate limit): `on_progress(done, total)` is told as vouchers come back.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Protocol

from app.api.records import RemoteLine, RemoteVoucher
from app.core.books.journal import Account, JournalEntry
from app.core.i18n import Localized, Text, ctr, tr
from app.core.i18n.values import Amount, Day
from app.posting.outbox.ledger import EntryStatus, Outbox, OutboxEntry, Verified

ReadProgress = Callable[[int, int], None]  # vouchers read back so far, of how many


class ReadBack(Protocol):
    """Reads posted vouchers back from one company's books."""

    def read_back(
        self, rows: Sequence[OutboxEntry], on_progress: ReadProgress | None = None
    ) -> dict[int, RemoteVoucher | None]:
        """For each outbox row (by its id): the voucher the service holds, or None when the
        service says plainly that it has none. Raises when the service cannot answer.
        `on_progress(done, total)` is told as the answers come (from any thread)."""
        ...


@dataclass(frozen=True, slots=True)
class Difference:
    """One thing the books hold differently from what was sent."""

    reference: str
    field: str  # date, description, branch, lines, missing
    text: Text


@dataclass(slots=True)
class EntryCheck:
    row: OutboxEntry
    remote: RemoteVoucher | None
    differences: list[Difference] = field(default_factory=list)

    @property
    def verdict(self) -> Verified:
        if self.remote is None:
            return Verified.MISSING
        return Verified.DIFFERS if self.differences else Verified.MATCHES


@dataclass(slots=True)
class Verification:
    batch_id: str
    checks: list[EntryCheck]

    @property
    def ok(self) -> bool:
        """Every posted voucher is on the books exactly as sent."""
        return all(check.verdict is Verified.MATCHES for check in self.checks)

    @property
    def differences(self) -> list[Difference]:
        return [difference for check in self.checks for difference in check.differences]

    def count(self, verdict: Verified) -> int:
        return sum(1 for check in self.checks if check.verdict is verdict)

    def summary(self) -> Text:
        return tr(
            "Batch {b}: {n} voucher dibaca ulang; {ok} cocok, {bad} berbeda, {gone} tidak ada "
            "di pembukuan.",
            b=self.batch_id,
            n=len(self.checks),
            ok=self.count(Verified.MATCHES),
            bad=self.count(Verified.DIFFERS),
            gone=self.count(Verified.MISSING),
        )


def verify_batch(
    outbox: Outbox,
    reader: ReadBack,
    batch_id: str,
    *,
    default_branch: str = "",
    chart: Mapping[str, Account] | None = None,
    on_progress: ReadProgress | None = None,
) -> Verification:
    """Read back every voucher this batch posted, compare, and record the verdicts.

    `default_branch` is what an entry without its own branch was sent with; `chart` lets
    lines read back by account *name* (Sempoa) be compared with the codes that were sent;
    `on_progress(done, total)` follows the reading."""
    rows = outbox.entries(batch_id, [EntryStatus.POSTED])
    if on_progress is not None:
        on_progress(0, len(rows))
    found = reader.read_back(rows, on_progress) if rows else {}
    checks = []
    for row in rows:
        remote = found.get(row.id)
        check = EntryCheck(row, remote)
        if remote is None:
            check.differences.append(_missing(row.reference))
        else:
            sent = row.entry()
            check.differences.extend(
                compare(sent, remote, default_branch=default_branch, chart=chart)
            )
        checks.append(check)
    outbox.mark_verified([(check.row.id, check.verdict) for check in checks])
    return Verification(batch_id, checks)


def compare(
    sent: JournalEntry,
    remote: RemoteVoucher,
    *,
    default_branch: str = "",
    chart: Mapping[str, Account] | None = None,
) -> list[Difference]:
    """What differs between the entry as sent and the voucher the books hold."""
    differences: list[Difference] = []

    def differ(
        field_name: str, what: Text, sent_value: Localized | str, found_value: Localized | str
    ) -> None:
        text = _differs_text(sent.reference, what, sent_value, found_value)
        differences.append(Difference(sent.reference, field_name, text))

    if sent.date != remote.date:
        differ("date", _DATE, _day(sent.date), _day(remote.date))
    if _words(sent.description) != _words(remote.description):
        differ("description", _DESCRIPTION, _same(sent.description), _same(remote.description))
    branch = sent.branch or default_branch
    # A service that does not report the branch cannot contradict it.
    if branch and remote.branch and branch.casefold() != remote.branch.casefold():
        differ("branch", _BRANCH, _same(branch), _same(remote.branch))
    sent_lines = Counter(
        _sent_line(line.account, line.debit, line.credit, remote, chart) for line in sent.lines
    )
    found_lines = Counter(_found_line(line, remote) for line in remote.lines)
    if sent_lines != found_lines:
        differ(
            "lines",
            _LINES,
            _lines_text(sent_lines - found_lines),
            _lines_text(found_lines - sent_lines),
        )
    return differences


def compare_listed(sent: JournalEntry, listed: RemoteVoucher) -> list[Difference]:
    """What differs between the entry as sent and a voucher as a list row gives it: date,
    description and total (`listed.total`, which must be known). Without the lines, a changed
    account or a moved amount that keeps the total goes unseen: a quick check, not a proof."""
    if listed.total is None:
        raise ValueError("compare_listed needs the voucher's total")
    differences: list[Difference] = []

    def differ(
        field_name: str, what: Text, sent_value: Localized | str, found_value: Localized | str
    ) -> None:
        text = _differs_text(sent.reference, what, sent_value, found_value)
        differences.append(Difference(sent.reference, field_name, text))

    if sent.date != listed.date:
        differ("date", _DATE, _day(sent.date), _day(listed.date))
    if _words(sent.description) != _words(listed.description):
        differ("description", _DESCRIPTION, _same(sent.description), _same(listed.description))
    if sent.total_debit.normalize() != listed.total.normalize():
        text = _differs_text(sent.reference, _TOTAL, Amount(sent.total_debit), Amount(listed.total))
        differences.append(Difference(sent.reference, "amounts", text))
    return differences


# -- lines -------------------------------------------------------------------------------

_Line = tuple[str, str, Decimal]  # account (code, or casefolded name), side, amount


def _uses_names(remote: RemoteVoucher) -> bool:
    """Lines that name accounts but give no codes (Sempoa's answer)."""
    return bool(remote.lines) and all(
        not line.account and line.account_name for line in remote.lines
    )


def _sent_line(
    code: str,
    debit: Decimal,
    credit: Decimal,
    remote: RemoteVoucher,
    chart: Mapping[str, Account] | None,
) -> _Line:
    side, amount = ("D", debit) if debit > 0 else ("K", credit)
    account = code
    if _uses_names(remote):
        known = chart.get(code) if chart is not None else None
        account = known.name.casefold() if known is not None else code.casefold()
    return (account, side, amount.normalize())


def _found_line(line: RemoteLine, remote: RemoteVoucher) -> _Line:
    side, amount = ("D", line.debit) if line.debit > 0 else ("K", line.credit)
    account = line.account_name.casefold() if _uses_names(remote) else line.account
    return (account, side, amount.normalize())


_SIDE_WORDS = {
    # Translators: a journal line's side, short: D(ebit), "Dr" in English.
    "D": ctr("sisi baris jurnal, singkat", "D"),
    # Translators: a journal line's side, short: K(redit), "Cr" in English.
    "K": ctr("sisi baris jurnal, singkat", "K"),
}


def _lines_text(lines: Counter[_Line]) -> Text | str:
    """Lines as "1-10001 D 1.500.000,50; ..." (Dr/Cr and English numbers in English)."""
    listed: Text | None = None
    for (account, side, amount), count in sorted(lines.items()):
        for _ in range(count):
            # Translators: one journal line, short: its account, side (D/K) and amount.
            line = ctr(
                "baris jurnal singkat: akun, sisi, jumlah",
                "{account} {side} {amount}",
                account=account,
                side=_SIDE_WORDS[side],
                amount=Amount(amount),
            )
            listed = line if listed is None else _one_then_other(listed, line)
    return "-" if listed is None else listed


def _one_then_other(listed: Text, line: Text) -> Text:
    # Translators: journal lines listed one after the other.
    return ctr("daftar baris jurnal", "{first}; {second}", first=listed, second=line)


# -- words ---------------------------------------------------------------------------------

_DATE = tr("tanggal berbeda")
_DESCRIPTION = tr("deskripsi berbeda")
_BRANCH = tr("cabang berbeda")
_LINES = tr("baris jurnal berbeda")
_TOTAL = tr("jumlahnya berbeda")


def _words(text: str) -> str:
    """Descriptions compared as the services store them: spaces folded."""
    return " ".join(text.split())


def _day(value: date | None) -> Day | str:
    return Day(value) if value is not None else "-"


def _same(value: str) -> str:
    return value or "-"


def _differs_text(
    reference: str, what: Text, sent: Localized | str, found: Localized | str
) -> Text:
    return tr(
        "{ref}: {what}; dikirim: {sent}; di pembukuan: {found}.",
        ref=reference,
        what=what,
        sent=sent,
        found=found,
    )


def _missing(reference: str) -> Difference:
    return Difference(
        reference,
        "missing",
        tr(
            "{ref}: tidak ada di pembukuan, padahal tercatat terposting (dihapus di aplikasi "
            "layanan?). Periksa di sana; posting ulang dengan nomor yang sama bila perlu.",
            ref=reference,
        ),
    )
