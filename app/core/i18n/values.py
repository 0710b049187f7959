"""Values a message shows in the reader's conventions: a count (25.000 or 25,000), an
amount, a date, a moment. Put in a message as parameters, they are written when the
message is read, in its language: `tr("{n} baris", n=Count(rows))`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from app.core import formatting
from app.core.i18n.localized import Localized


@dataclass(frozen=True, slots=True)
class Count(Localized):
    """A whole number with the language's digit grouping."""

    value: int

    def get(self, language: str | None = None) -> str:
        return formatting.count(self.value, language)


@dataclass(frozen=True, slots=True)
class Amount(Localized):
    """Money, with the language's separators: 4.596.996,23 or 4,596,996.23."""

    value: Decimal

    def get(self, language: str | None = None) -> str:
        return formatting.money(self.value, language)


@dataclass(frozen=True, slots=True)
class Day(Localized):
    """A date in the language's short form: 05/08/2026, 05 Aug 2026, 2026-08-05."""

    value: date

    def get(self, language: str | None = None) -> str:
        return formatting.date_text(self.value, language)


@dataclass(frozen=True, slots=True)
class Moment(Localized):
    """A time of day on a date, in the machine's time zone."""

    value: datetime

    def get(self, language: str | None = None) -> str:
        return formatting.moment_text(self.value, language)
