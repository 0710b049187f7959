"""A journal as a service holds it, read back: what `verify` compares with what was sent.

Both clients parse their own answers into these, defensively (a field the service leaves out
stays empty), so the posting layer compares one shape whatever the service.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class RemoteLine:
    account: str  # the account code; Sempoa answers with the account's name (see account_name)
    debit: Decimal
    credit: Decimal
    memo: str = ""
    account_name: str = ""  # as the service names the account, when it does


@dataclass(frozen=True, slots=True)
class RemoteVoucher:
    remote_id: str
    number: str  # Accurate's voucher number / Sempoa's referensi
    date: date | None
    description: str = ""
    branch: str = ""  # the branch's name, where the service has branches
    lines: tuple[RemoteLine, ...] = ()
    # The voucher's total as a list row gives it (Accurate's `totalAmount`), when it does:
    # a list row carries no lines.
    total: Decimal | None = None
    # The voucher's edit counter as the service gives it (Accurate's `optLock`, which grows
    # on every change made to the record), when it does: with the total, what proves a
    # voucher unchanged without reading its lines (app.posting.reconcile.versions).
    version: str | None = None
