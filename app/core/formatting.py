"""How a person reads numbers and dates, in the language chosen (or the one handed in, as
workers are): Indonesian writes 4.596.996,23 and 05/08/2026, English 4,596,996.23 and
05 Aug 2026 (still day first), Chinese 4,596,996.23 and 2026-08-05. Each language's
conventions are messages of its catalog, so a new language brings its own; every form is
read back as the same day by the date reader. Plain Python: the window and the command
line write them alike."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Final

from app.core.books.number_style import NumberStyle, format_amount, in_style
from app.core.i18n.catalog import SOURCE_LANGUAGE, Word, generation, word
from app.core.i18n.language import Language, current_language

# Translators: how your language writes 1234.56 in a report: "1.234,56" or "1,234.56" (the
# two styles the app writes).
NUMBER_STYLE: Final[Word] = word("gaya angka", "1.234,56")
# Translators: your language's short date, from {dd} (05), {mm} (08), {mon} (the short
# month below) and {yyyy} (2026). Keep the day before the month unless the year comes
# first: 05/08/2026 is read as 5 August.
DATE_PATTERN: Final[Word] = word(
    "pola tanggal", "{dd}/{mm}/{yyyy}", dd="05", mm="08", mon="Agu", yyyy="2026"
)
SHORT_MONTHS: Final[tuple[Word, ...]] = (
    word("bulan singkat", "Jan"),
    word("bulan singkat", "Feb"),
    word("bulan singkat", "Mar"),
    word("bulan singkat", "Apr"),
    word("bulan singkat", "Mei"),
    word("bulan singkat", "Jun"),
    word("bulan singkat", "Jul"),
    word("bulan singkat", "Agu"),
    word("bulan singkat", "Sep"),
    word("bulan singkat", "Okt"),
    word("bulan singkat", "Nov"),
    word("bulan singkat", "Des"),
)
_STYLES: Final = {"1.234,56": NumberStyle.ID, "1,234.56": NumberStyle.EN}


class _Conventions:
    """Each language's number style and date words, read from its catalog once (these run
    for every row of a 50,000-row table)."""

    def __init__(self) -> None:
        self._generation = -1
        self._styles: dict[str, NumberStyle] = {}
        self._dates: dict[str, tuple[str, tuple[str, ...]]] = {}

    def _current(self) -> None:
        if self._generation != generation():  # another catalog folder was chosen
            self._styles, self._dates = {}, {}
            self._generation = generation()

    def style(self, language: str) -> NumberStyle:
        self._current()
        style = self._styles.get(language)
        if style is None:
            style = _STYLES.get(NUMBER_STYLE.get(language), NumberStyle.ID)
            self._styles[language] = style
        return style

    def date_words(self, language: str) -> tuple[str, tuple[str, ...]]:
        """The language's date pattern with its placeholders numbered (day, month, short
        month, year: filled positionally, the quickest), and its short months."""
        words = self._dates.get(language)
        if words is not None and self._generation == generation():
            return words
        self._current()
        if words is None:
            months = tuple(month.get(language) for month in SHORT_MONTHS)
            pattern = _numbered(DATE_PATTERN.get(language))
            try:
                pattern.format(5, 8, months[7], 2026)
            except (IndexError, KeyError, ValueError):  # a placeholder the catalog check refuses
                pattern = _numbered(DATE_PATTERN.get(SOURCE_LANGUAGE))
            words = (pattern, months)
            self._dates[language] = words
        return words


def _numbered(pattern: str) -> str:
    for name, field in (
        ("{dd}", "{0:02}"),
        ("{mm}", "{1:02}"),
        ("{mon}", "{2}"),
        ("{yyyy}", "{3}"),
    ):
        pattern = pattern.replace(name, field)
    return pattern


_conventions: Final = _Conventions()


def language_of(language: str | None = None) -> Language:
    return language or current_language()


def number_style(language: str | None = None) -> NumberStyle:
    """How amounts are shown outside the journal grid: the language's own style. (The grid
    reads and shows numbers in the number style chosen in the Settings, whatever the
    language: app.profiles.settings.NUMBER_STYLE.)"""
    return _conventions.style(language or current_language())


def money(amount: Decimal, language: str | None = None) -> str:
    """4.596.996,23 (Indonesian) or 4,596,996.23 (English, Chinese)."""
    return format_amount(amount, number_style(language))


def number(value: float, digits: int = 1, language: str | None = None) -> str:
    """A measured figure (a rate): 3.187,9 or 3,187.9."""
    return in_style(f"{value:,.{digits}f}", number_style(language))


def count(value: int, language: str | None = None) -> str:
    """25.000 or 25,000."""
    return number(value, 0, language)


def date_text(value: date, language: str | None = None) -> str:
    """05/08/2026 (Indonesian), 05 Aug 2026 (English), 2026-08-05 (Chinese: the national
    standard's numeric form, GB/T 7408, which sorts and is never read month first)."""
    # Filled by hand, not strftime: strftime looks the time module up on every call, which
    # costs a trip through an import hook (in the window, PySide's: seconds for 50,000 rows).
    pattern, months = _conventions.date_words(language or current_language())
    return pattern.format(value.day, value.month, months[value.month - 1], value.year)


def moment_text(value: datetime, language: str | None = None) -> str:
    """A time of day on a date, in the machine's time zone: 05/08/2026 14:02."""
    local = value.astimezone() if value.tzinfo is not None else value
    return f"{date_text(local.date(), language)} {local.hour:02}:{local.minute:02}"
