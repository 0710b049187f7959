"""A cell's value as the reader needs it: as text, or as an amount by the short route."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TypeAlias

from app.core.books.dates import format_date
from app.core.books.number_style import CENT

# A cell as the workbook reader gives it (python-calamine's types; a blank cell is ""). A CSV
# cell is always text.
CellValue: TypeAlias = int | float | str | bool | time | date | datetime | timedelta


def cell_text(value: object) -> str:
    """A cell as text: numbers without a trailing '.0' (account 1100.0 -> '1100')."""
    if type(value) is str:
        return value.strip()
    if type(value) is float:
        return str(int(value)) if value.is_integer() else repr(value)
    if value is None:
        return ""
    if type(value) is int:
        return str(value)
    if isinstance(value, datetime):
        return format_date(value.date()) if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return format_date(value)
    return str(value).strip()


def float_amount(value: float) -> Decimal | None:
    """A float cell's amount the short way (most cells), or None when it needs parse_amount:
    binary noise (0.30000000000000004) or a fraction of a cent (10.125)."""
    if -1e13 < value < 1e13:  # False for nan too
        exact = Decimal(repr(value))
        rounded = exact.quantize(CENT)
        if rounded == exact:
            return rounded
    return None
