"""Knowing a posted voucher unchanged without reading its lines.

Accurate keeps an edit counter on its records (`optLock`), which grows on every change made to
one. Jurnal Desk remembers, per posted entry, the counter and the total the service reported
for the voucher when it was known to hold what was sent: the save's answer (when it names the
voucher sent and its total is the one sent), else a reading that compared the voucher's lines
with what was sent and found them equal. A reconcile whose list gives, for the same voucher
id, the same counter and the same total knows the voucher unchanged: no detail request.

A field the service did not give (on the list, in the save's answer) proves nothing: the
voucher is then read with its lines, as are those whose counter or total differ.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from app.api.records import RemoteVoucher
from app.core.books.journal import JournalEntry
from app.posting.outbox.ledger import OutboxEntry

Stamp = tuple[str, str]  # (edit counter, total as exact decimal text), as the outbox keeps it
NO_STAMP: Stamp = ("", "")


def saved_stamp(entry: JournalEntry, version: str | None, total: Decimal | None) -> Stamp:
    """What to remember of a save's answer: its counter and total, when it gives both and
    the total is the one sent (an answer about other amounts proves nothing of this entry)."""
    if not version or total is None or total != entry.total_debit:
        return NO_STAMP
    return version, _text(total)


def listed_stamp(voucher: RemoteVoucher) -> Stamp:
    """The counter and total a list row gives, or NO_STAMP when it lacks either."""
    if not voucher.version or voucher.total is None:
        return NO_STAMP
    return voucher.version, _text(voucher.total)


def proven_unchanged(row: OutboxEntry, listed: RemoteVoucher) -> bool:
    """The listed voucher is the one `row` posted, and the service lists the counter and total
    remembered for it: it holds what it held when it was known equal to what was sent."""
    if not row.remote_id or listed.remote_id != row.remote_id:
        return False  # a voucher typed again under the same number has a counter of its own
    if not row.remote_version or not row.remote_total:
        return False  # never known: posted before versions were kept, or not answered
    version, total = listed_stamp(listed)
    if not version:
        return False  # the list did not give the counter or the total
    return row.remote_version == version and _same_amount(row.remote_total, total)


def stamp_after_reading(row: OutboxEntry, listed: RemoteVoucher, read: RemoteVoucher) -> Stamp:
    """What to remember after the voucher's lines were read and found equal to what was sent:
    the listed counter and total, when the list gave them, the reading was of the voucher
    `row` posted, and the reading does not name another counter (changed in between)."""
    stamp = listed_stamp(listed)
    if stamp == NO_STAMP or not row.remote_id:
        return NO_STAMP
    if listed.remote_id != row.remote_id or read.remote_id != row.remote_id:
        return NO_STAMP
    if read.version is not None and read.version != listed.version:
        return NO_STAMP
    return stamp


def _same_amount(remembered: str, listed: str) -> bool:
    try:
        return Decimal(remembered) == Decimal(listed)
    except InvalidOperation:
        return False  # a value this version does not read proves nothing


def _text(amount: Decimal) -> str:
    return format(amount, "f")
