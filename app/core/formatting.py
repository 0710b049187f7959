"""How a person reads numbers and dates, in the language chosen (or the one handed in, as
workers are): Indonesian writes 4.596.996,23 and 05/08/2026, English 4,596,996.23 and
05 Aug 2026 (still day first, and read back by the same date reader). Plain Python: the
window and the command line write them alike."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Final

from app.core.books.money import NumberStyle, format_amount, in_style
from app.core.i18n import Language, current_language

_MONTHS_EN: Final = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def language_of(language: str | None = None) -> Language:
    return "en" if (language or current_language()) == "en" else "id"


def number_style(language: str | None = None) -> NumberStyle:
    """How amounts are shown outside the journal grid: the language's own style. (The grid
    reads and shows numbers in the number style chosen in the Settings, whatever the
    language: app.profiles.settings.NUMBER_STYLE.)"""
    return NumberStyle(language_of(language))


def money(amount: Decimal, language: str | None = None) -> str:
    """4.596.996,23 (Indonesian) or 4,596,996.23 (English)."""
    return format_amount(amount, number_style(language))


def number(value: float, digits: int = 1, language: str | None = None) -> str:
    """A measured figure (a rate): 3.187,9 or 3,187.9."""
    return in_style(f"{value:,.{digits}f}", number_style(language))


def count(value: int, language: str | None = None) -> str:
    """25.000 or 25,000."""
    return number(value, 0, language)


def date_text(value: date, language: str | None = None) -> str:
    """05/08/2026 (Indonesian) or 05 Aug 2026 (English): day first in both, and read back
    as the same day by the date reader."""
    # Written out by hand: strftime looks the time module up on every call, which costs a
    # trip through an import hook (in the window, PySide's: seconds for a 50,000-row table).
    if language_of(language) == "en":
        return f"{value.day:02} {_MONTHS_EN[value.month - 1]} {value.year}"
    return f"{value.day:02}/{value.month:02}/{value.year}"


def moment_text(value: datetime, language: str | None = None) -> str:
    """A time of day on a date, in the machine's time zone: 05/08/2026 14:02."""
    local = value.astimezone() if value.tzinfo is not None else value
    return f"{date_text(local.date(), language)} {local.hour:02}:{local.minute:02}"
