"""Money as Decimal, read from Excel cells and text in Indonesian or English style.

Indonesian style (the default) writes 1.500.000,00: dots group thousands, a comma marks
decimals, so "1.500" is fifteen hundred. English style writes 1,500,000.00.

Amounts carry at most two decimals. A numeric cell within 0.000001 of a whole-cent value (or,
for amounts from about ten billion up, within what a float can hold) is that value: a formula
giving 317626.630000001 is shown by Excel as 317.626,63, and that is what the accountant
means. A real fraction of a cent (10.125 typed, or a tax formula giving 317626.6302) is not
noise: it raises FractionOfCentError, which carries the exact value and what it rounds to
(half-up, as Excel shows it with two decimals), so a reader can keep the value and let the
user choose to round it.

What a person types into the grid is read in the grid's one number style, whatever the
menus' language (`parse_typed_amount`). Text the two styles read differently and that could
be either ("1.500" under the English style: 1.5, or Indonesian fifteen hundred?) is not
guessed: it is refused with both readings, for the user to type the one meant.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Final

from app.core.books.number_style import (
    CENT,
    NumberStyle,
    format_amount,
    in_style,
)
from app.core.i18n import JurnalError, tr
from app.core.i18n.values import Amount

ZERO = Decimal("0.00")
# A float cell this close to a whole-cent value is that value (binary noise from formulas).
FLOAT_NOISE = Decimal("0.000001")


class AmountError(JurnalError):
    """A cell that cannot be read as an amount."""


class FractionOfCentError(AmountError):
    """An amount with a real fraction of a cent. `value` is exactly what the cell held
    (Decimal('10.125')), `rounded` what round_to_cent makes of it (Decimal('10.13'))."""

    def __init__(self, value: Decimal, original: object) -> None:
        self.value = value
        self.rounded = round_to_cent(value)
        super().__init__(
            tr(
                "Jumlah {v} punya lebih dari 2 angka desimal; bulatkan ke sen (menjadi {r}).",
                v=original,
                r=Amount(self.rounded),
            )
        )


def round_to_cent(amount: Decimal) -> Decimal:
    """Half-up to two decimals, as Excel shows an amount: 10.125 -> 10.13, -10.125 -> -10.13
    (half away from zero). A value that rounds to nothing is plain 0.00, never -0.00."""
    rounded = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    return rounded if rounded else ZERO


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

    Raises AmountError with a message when the cell is not an amount.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise _not_a_number(value)
    if isinstance(value, Decimal):
        return _two_decimals(value, value)
    if isinstance(value, int):
        return _quantized(Decimal(value), value)
    if isinstance(value, float):
        return _from_float(value)
    if isinstance(value, str):
        return _from_text(value, NumberStyle(style))
    raise _not_a_number(value)


def _from_float(value: float) -> Decimal:
    if value != value or value in (float("inf"), float("-inf")):
        raise _not_a_number(value)
    # repr is the shortest text that reads back as this float: what calamine read, without
    # the binary expansion (2.675 stays 2.675, as Excel shows it). The decision is Decimal.
    exact = Decimal(repr(value))
    nearest = _quantized(exact, value)
    if abs(exact - nearest) <= _noise_allowed(exact):
        return nearest if nearest else ZERO
    raise FractionOfCentError(exact, value)


def _noise_allowed(exact: Decimal) -> Decimal:
    """FLOAT_NOISE, or for amounts from about ten billion up, half a unit of the 15th
    significant digit: a float holds no more than that, Excel shows no more than 15 digits,
    and a formula on 17.000.000.123,45 lands a float step (4e-6) off the cent."""
    if not exact:
        return FLOAT_NOISE
    return max(FLOAT_NOISE, Decimal(5).scaleb(exact.adjusted() - 15))


def _from_text(text: str, style: NumberStyle) -> Decimal | None:
    cleaned = _SPACES.sub("", text.strip())
    if not cleaned:
        return None
    negative, cleaned = _signed_digits(cleaned)
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


def _signed_digits(cleaned: str) -> tuple[bool, str]:
    """(negative, the digits and separators) of text without spaces: "(Rp 1.500)" and
    "-1.500" are negative "1.500"."""
    negative = False
    if cleaned.startswith("(") and cleaned.endswith(")"):
        negative, cleaned = True, cleaned[1:-1]
    cleaned = _CURRENCY.sub("", cleaned).strip()
    if cleaned.startswith("-"):
        negative, cleaned = not negative, cleaned[1:]
    elif cleaned.endswith("-"):
        negative, cleaned = not negative, cleaned[:-1]
    return negative, _CURRENCY.sub("", cleaned).strip()


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


# --- typed numbers: one style, and no guessing between the two ---------------------------

# Each style by name, and how it writes 1234.56: where the user chooses it or sees it.
STYLE_NAMES: Final = {
    NumberStyle.ID: tr("Indonesia"),
    NumberStyle.EN: tr("Inggris"),
}
STYLE_SAMPLES: Final = {NumberStyle.ID: "1.234,56", NumberStyle.EN: "1,234.56"}
# Text the other style reads as a whole number in thousands ("1.500" is fifteen hundred in
# Indonesian style) while this style reads it as a decimal (1.5 in English style). Typed by
# hand it could mean either, so it is not guessed. A leading 0 ("0.500") is no thousands.
_OTHER_STYLE_THOUSANDS = {
    NumberStyle.EN: re.compile(r"^[1-9]\d{0,2}\.\d{3}$"),
    NumberStyle.ID: re.compile(r"^[1-9]\d{0,2},\d{3}$"),
}


class AmbiguousNumberError(AmountError):
    """Typed text that `style` reads as a decimal and the other style as thousands ("1.500"
    under the English style: 1.5 or 1500?). `readings` are the two values, each written
    so that `style` reads it one way only ("1.50", "1,500.00")."""

    def __init__(self, text: str, style: NumberStyle, as_decimal: Decimal, as_thousands: Decimal):
        self.readings = (_unambiguous(as_decimal, style), format_amount(as_thousands, style))
        name = STYLE_NAMES[style]
        super().__init__(
            tr(
                "'{v}' bisa berarti {a} atau {b} (gaya angka tabel: {s}, {sample}). Ketik "
                "salah satunya persis seperti itu, atau ganti gaya angka di Pengaturan.",
                v=text.strip(),
                a=self.readings[0],
                b=self.readings[1],
                s=name,
                sample=STYLE_SAMPLES[style],
            )
        )


def check_unambiguous(text: str, style: NumberStyle | str) -> None:
    """Raise AmbiguousNumberError for typed text whose meaning depends on the style it was
    written in ("1.500" under the English style, "1,500" under the Indonesian): the typing
    style cannot be told from such text, and reading it as either would be a guess."""
    style = NumberStyle(style)
    negative, digits = _signed_digits(_SPACES.sub("", text.strip()))
    if not _OTHER_STYLE_THOUSANDS[style].match(digits):
        return
    sign = -1 if negative else 1
    mark = _SEPARATORS[style][1]
    as_decimal = sign * Decimal(digits.replace(mark, "."))
    as_thousands = sign * Decimal(digits.replace(mark, ""))
    raise AmbiguousNumberError(text, style, as_decimal, as_thousands)


def as_typed(text: str, style: NumberStyle | str) -> str:
    """A number written in `style` ("1,500" for one and a half, Indonesian style) so that
    typing it back reads the same number: one the other style would take for thousands gets
    a fourth decimal ("1,5000"). What the grid shows is what its editor opens with."""
    digits = _signed_digits(_SPACES.sub("", text))[1]
    return text + "0" if _OTHER_STYLE_THOUSANDS[NumberStyle(style)].match(digits) else text


def parse_typed_amount(text: str, style: NumberStyle | str) -> Decimal | None:
    """An amount typed or pasted by a person: `parse_amount` in `style`, refusing text that
    the two styles read differently (check_unambiguous). Text written in the other style
    says so, and how to type it in this one."""
    style = NumberStyle(style)
    check_unambiguous(text, style)
    try:
        return parse_amount(text, style)
    except FractionOfCentError:
        raise
    except AmountError as error:
        other = NumberStyle.EN if style is NumberStyle.ID else NumberStyle.ID
        try:
            meant = parse_amount(text, other)
        except AmountError:
            raise error from None
        assert meant is not None  # blank text parses in any style
        raise _typed_in_other_style(text, style, other, meant) from None


def _typed_in_other_style(
    text: str, style: NumberStyle, other: NumberStyle, meant: Decimal
) -> AmountError:
    return AmountError(
        tr(
            "'{v}' ditulis dengan gaya angka {o}, sedangkan tabel membaca gaya {s} "
            "({sample}). Ketik {x}, atau ganti gaya angka di Pengaturan.",
            v=text.strip(),
            o=STYLE_NAMES[other],
            s=STYLE_NAMES[style],
            sample=STYLE_SAMPLES[style],
            x=format_amount(meant, style),
        )
    )


def _unambiguous(value: Decimal, style: NumberStyle) -> str:
    """A decimal written so `style` cannot take it for thousands: 1.5 as "1.50", 1.234 as
    "1.2340" (four decimals are never a group of three)."""
    if value == value.quantize(CENT):
        return format_amount(value, style)
    return in_style(f"{value:,.4f}", style)


def _two_decimals(amount: Decimal, original: object) -> Decimal:
    """Typed amounts (text, Decimal) get no tolerance: a third decimal is the person's."""
    rounded = _quantized(amount, original)
    if rounded != amount:
        raise FractionOfCentError(amount, original)
    return rounded


def _quantized(amount: Decimal, original: object) -> Decimal:
    """To the cent, half-up; an amount too large for that (or NaN) is not an amount."""
    if not amount.is_finite():
        raise _not_a_number(original)
    try:
        return amount.quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise AmountError(
            tr(
                "Jumlah {v} terlalu besar untuk dibaca; periksa isi selnya.",
                v=original,
            )
        ) from None


def _not_a_number(value: object) -> AmountError:
    return AmountError(
        tr(
            "'{v}' bukan angka; isi dengan jumlah seperti 1.500.000,00.",
            v=value,
        )
    )


def _wrong_style(value: str, style: NumberStyle) -> AmountError:
    if style is NumberStyle.ID:
        return AmountError(
            tr(
                "'{v}' bukan angka gaya Indonesia (1.500.000,00). Jika berkas memakai titik "
                "sebagai desimal, pilih gaya angka Inggris.",
                v=value,
            )
        )
    return AmountError(
        tr(
            "'{v}' bukan angka gaya Inggris (1,500,000.00). Jika berkas memakai koma "
            "sebagai desimal, pilih gaya angka Indonesia.",
            v=value,
        )
    )
