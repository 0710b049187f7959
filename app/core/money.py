"""Money as Decimal, read from Excel cells and text in Indonesian or English style.

Indonesian style (the default) writes 1.500.000,00: dots group thousands, a comma marks
decimals, so "1.500" is fifteen hundred. English style writes 1,500,000.00. Amounts carry
at most two decimals: float noise from Excel (1500000.0000000002) is rounded away, a real
third decimal is an error the user must fix.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from app.core.i18n import JurnalError, tr

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


class NumberStyle(StrEnum):
    ID = "id"
    EN = "en"


class AmountError(JurnalError):
    """A cell that cannot be read as an amount."""


_CURRENCY = re.compile(r"^(?:rp\.?|idr)\s*|\s*(?:rp\.?|idr)$", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_DIGITS = re.compile(r"^\d+$")
_NUMERIC = re.compile(r"^(?=.*\d)[\d.,]+$")
# Grouped integer part: 1-3 digits, then groups of exactly three.
_GROUPED = {
    NumberStyle.ID: re.compile(r"^\d{1,3}(?:\.\d{3})+$"),
    NumberStyle.EN: re.compile(r"^\d{1,3}(?:,\d{3})+$"),
}
_SEPARATORS = {NumberStyle.ID: (".", ","), NumberStyle.EN: (",", ".")}


def parse_amount(value: object, style: NumberStyle | str = NumberStyle.ID) -> Decimal | None:
    """Read a cell as an amount with two decimals; None when the cell is blank.

    Raises AmountError with a message in both languages when the cell is not an amount.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise _not_a_number(value)
    if isinstance(value, Decimal):
        return _two_decimals(value, value)
    if isinstance(value, int):
        return Decimal(value).quantize(CENT)
    if isinstance(value, float):
        return _from_float(value)
    if isinstance(value, str):
        return _from_text(value, NumberStyle(style))
    raise _not_a_number(value)


def _from_float(value: float) -> Decimal:
    if value != value or value in (float("inf"), float("-inf")):
        raise _not_a_number(value)
    # 15 significant digits is what Excel itself shows; beyond that is binary noise.
    return _two_decimals(Decimal(format(value, ".15g")), value)


def _from_text(text: str, style: NumberStyle) -> Decimal | None:
    cleaned = _SPACES.sub("", text.strip())
    if not cleaned:
        return None
    negative = False
    if cleaned.startswith("(") and cleaned.endswith(")"):
        negative, cleaned = True, cleaned[1:-1]
    cleaned = _CURRENCY.sub("", cleaned).strip()
    if cleaned.startswith("-"):
        negative, cleaned = not negative, cleaned[1:]
    elif cleaned.endswith("-"):
        negative, cleaned = not negative, cleaned[:-1]
    cleaned = _CURRENCY.sub("", cleaned).strip()
    if not _NUMERIC.match(cleaned):
        raise _not_a_number(text)
    number = _canonical(cleaned, style)
    if number is None:
        raise _wrong_style(text, style)
    try:
        amount = Decimal(number)
    except InvalidOperation:
        raise _not_a_number(text) from None
    return _two_decimals(-amount if negative else amount, text)


def _canonical(text: str, style: NumberStyle) -> str | None:
    """'1.500.000,50' (id) or '1,500,000.50' (en) -> '1500000.50'; None if malformed."""
    group, decimal = _SEPARATORS[style]
    whole, sep, fraction = text.partition(decimal)
    if sep and not _DIGITS.match(fraction):
        return None
    if _DIGITS.match(whole) or (whole == "" and sep):
        pass
    elif _GROUPED[style].match(whole):
        whole = whole.replace(group, "")
    else:
        return None
    return f"{whole or '0'}.{fraction}" if sep else whole


def _two_decimals(amount: Decimal, original: object) -> Decimal:
    rounded = amount.quantize(CENT)
    if rounded != amount:
        raise AmountError(
            tr(
                "Jumlah {v} punya lebih dari 2 angka desimal; bulatkan ke sen.",
                "Amount {v} has more than 2 decimals; round it to whole cents.",
                v=original,
            )
        )
    return rounded


def _not_a_number(value: object) -> AmountError:
    return AmountError(
        tr(
            "'{v}' bukan angka; isi dengan jumlah seperti 1.500.000,00.",
            "'{v}' is not a number; enter an amount such as 1,500,000.00.",
            v=value,
        )
    )


def _wrong_style(value: str, style: NumberStyle) -> AmountError:
    if style is NumberStyle.ID:
        return AmountError(
            tr(
                "'{v}' bukan angka gaya Indonesia (1.500.000,00). Jika berkas memakai titik "
                "sebagai desimal, pilih gaya angka Inggris.",
                "'{v}' is not an Indonesian-style number (1.500.000,00). If the file uses a "
                "dot for decimals, choose the English number style.",
                v=value,
            )
        )
    return AmountError(
        tr(
            "'{v}' bukan angka gaya Inggris (1,500,000.00). Jika berkas memakai koma "
            "sebagai desimal, pilih gaya angka Indonesia.",
            "'{v}' is not an English-style number (1,500,000.00). If the file uses a "
            "comma for decimals, choose the Indonesian number style.",
            v=value,
        )
    )


def format_amount(amount: Decimal, style: NumberStyle | str = NumberStyle.ID) -> str:
    """Decimal('1500000') -> '1.500.000,00' (Indonesian) or '1,500,000.00' (English)."""
    text = f"{amount.quantize(CENT):,.2f}"  # English grouping, exact for Decimal
    if NumberStyle(style) is NumberStyle.ID:
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    return text
