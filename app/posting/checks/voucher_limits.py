"""Accurate's known limits on a voucher line, checked before sending: an amount is at most
999,999,999,999 (999 billion) and a line's numbers carry at most 6 decimals (api-notes:
confirmed in public integrations). Anything beyond would be refused one voucher at a time,
after the request was spent; here it is a problem on its row and column instead."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from app.core.books.journal import JournalEntry, Problem
from app.core.i18n import Text, tr
from app.core.i18n.values import Amount

MAX_AMOUNT = Decimal("999999999999")
MAX_DECIMALS = 6
_CHECKED = ("debit", "credit", "rate", "prime_amount")


def limit_problems(entries: Sequence[JournalEntry]) -> list[Problem]:
    """One problem per line field beyond Accurate's range or decimals."""
    problems = []
    for entry in entries:
        for line in entry.lines:
            for name in _CHECKED:
                value = getattr(line, name)
                if value is None or not value.is_finite():
                    continue
                text = _beyond(value)
                if text is not None:
                    problems.append(Problem(text, entry.sheet, line.row, "", name, entry.reference))
    return problems


def _beyond(value: Decimal) -> Text | None:
    if abs(value) > MAX_AMOUNT:
        return tr(
            "Angka {v} melebihi batas Accurate ({max}) untuk satu baris; pecah menjadi "
            "beberapa baris.",
            v=f"{value:f}",
            max=Amount(MAX_AMOUNT),
        )
    exponent = value.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > MAX_DECIMALS:
        return tr(
            "Angka {v} punya lebih dari {n} angka desimal, batas Accurate; bulatkan ke {n} "
            "desimal.",
            v=f"{value:f}",
            n=MAX_DECIMALS,
        )
    return None
