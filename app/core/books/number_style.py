"""How an amount is written in each number style: Indonesian 1.500.000,00, English
1,500,000.00. Plain Python with nothing below it, so the words of every language
(app.core.formatting) and the money rules (app.core.books.money) both stand on it."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Final

CENT = Decimal("0.01")


class NumberStyle(StrEnum):
    ID = "id"
    EN = "en"


def has_fraction_of_cent(amount: Decimal) -> bool:
    """True for 10.125, False for 10.12 or 10.120."""
    # Nearly every amount has exactly two decimals: same_quantum answers those cheapest.
    return not amount.same_quantum(CENT) and amount != amount.quantize(CENT)


def format_amount(amount: Decimal, style: NumberStyle | str = NumberStyle.ID) -> str:
    """Decimal('1500000') -> '1.500.000,00' (Indonesian) or '1,500,000.00' (English).

    A fraction of a cent is shown, not hidden: Decimal('10.125') -> '10,125'."""
    if has_fraction_of_cent(amount):
        text = f"{amount.normalize():,f}"
    else:
        text = f"{amount.quantize(CENT):,.2f}"  # English grouping, exact for Decimal
    return in_style(text, style)


def in_style(english: str, style: NumberStyle | str) -> str:
    """A number written the English way ("1,500,000.00") in `style`: Indonesian swaps the
    separators ("1.500.000,00")."""
    if NumberStyle(style) is NumberStyle.ID:
        return english.translate(_SWAP_SEPARATORS)
    return english


_SWAP_SEPARATORS: Final = str.maketrans({",": ".", ".": ","})
