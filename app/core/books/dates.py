"""Dates from Excel cells: real dates, serial numbers, and day-first text.

Indonesian convention is day first, always: 05/08/2026 is the fifth of August. Month
names are read in Indonesian (Agustus, Agu, Agt, Des) and English (Aug, Dec).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from app.core.i18n import JurnalError, tr

# Excel's 1900 date system counts from 1899-12-30 (it believes 1900 was a leap year).
_EXCEL_EPOCH = date(1899, 12, 30)
_SERIAL_MIN, _SERIAL_MAX = 1, 2_958_465  # 1900-01-01 .. 9999-12-31

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "jan", "january"),
            ("februari", "feb", "pebruari", "peb", "february"),
            ("maret", "mar", "march"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("agustus", "agu", "agt", "ags", "agus", "aug", "august"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct", "october"),
            ("november", "nov", "nop", "nopember"),
            ("desember", "des", "dec", "december"),
        ),
        start=1,
    )
    for name in names
}

_NUMERIC_DMY = re.compile(r"^(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{2}|\d{4})$")
_NUMERIC_YMD = re.compile(r"^(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})$")
_NAMED = re.compile(r"^(\d{1,2})[\s\-/.]+([a-z]+)\.?[\s\-/.,]+(\d{2}|\d{4})$")
# A time part after the date ("05/08/2026 00:00:00", "2026-08-05T00:00") is ignored.
# The text is lower-cased before matching, so the "T" of ISO 8601 arrives as "t".
_TIME_SUFFIX = re.compile(r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$", re.IGNORECASE)


class DateError(JurnalError):
    """A cell that cannot be read as a date."""


def parse_date(value: object) -> date | None:
    """Read a cell as a date; None when blank. Raises DateError otherwise."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise _not_a_date(value)
    if isinstance(value, int | float):
        return _from_serial(value)
    if isinstance(value, str):
        return _from_text(value)
    raise _not_a_date(value)


def _from_serial(serial: float) -> date:
    # A fractional serial is a date with a time of day; the time is dropped.
    if not _SERIAL_MIN <= serial <= _SERIAL_MAX:
        raise _not_a_date(serial)
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def _from_text(text: str) -> date | None:
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        return None
    cleaned = _TIME_SUFFIX.sub("", cleaned)
    if match := _NUMERIC_DMY.match(cleaned):
        day, month, year = (int(g) for g in match.groups())
    elif match := _NUMERIC_YMD.match(cleaned):
        year, month, day = (int(g) for g in match.groups())
    elif match := _NAMED.match(cleaned):
        month_name = match.group(2)
        if month_name not in _MONTHS:
            raise _unknown_month(text, month_name)
        day, month, year = int(match.group(1)), _MONTHS[month_name], int(match.group(3))
    else:
        raise _not_a_date(text)
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        raise _impossible(text) from None


def format_date(value: date) -> str:
    """The Indonesian display form, dd/mm/yyyy."""
    return value.strftime("%d/%m/%Y")


def _not_a_date(value: object) -> DateError:
    return DateError(
        tr(
            "'{v}' bukan tanggal; tulis seperti 05/08/2026 atau 5 Agustus 2026.",
            v=value,
        )
    )


def _unknown_month(value: str, month: str) -> DateError:
    return DateError(
        tr(
            "Nama bulan '{m}' dalam '{v}' tidak dikenal; pakai Januari..Desember atau Jan..Des.",
            m=month,
            v=value,
        )
    )


def _impossible(value: str) -> DateError:
    return DateError(
        tr(
            "Tanggal '{v}' tidak ada di kalender (hari atau bulan salah; "
            "urutannya hari/bulan/tahun).",
            v=value,
        )
    )
