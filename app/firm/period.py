"""A plan row's period: entries dated outside it are problems, so a workbook that still holds
last month's rows (or next month's) is caught before anything is sent."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from app.core.books.journal import JournalEntry, Problem
from app.core.i18n import tr
from app.core.i18n.values import Day


def period_problems(
    entries: Sequence[JournalEntry], start: date | None, end: date | None
) -> list[Problem]:
    """One problem per entry dated before `start` or after `end` (either may be open)."""
    problems = []
    for entry in entries:
        when = entry.date
        if when is None:
            continue  # a missing date is the workbook check's problem already
        if (start is not None and when < start) or (end is not None and when > end):
            problems.append(
                Problem(
                    tr(
                        "Tanggal {d} di luar periode rencana ({a} s.d. {b}); perbaiki "
                        "tanggalnya atau periodenya di rencana.",
                        d=_day(when),
                        a=_day(start),
                        b=_day(end),
                    ),
                    sheet=entry.sheet,
                    row=entry.row,
                    field="date",
                    reference=entry.reference,
                )
            )
    return problems


def _day(value: date | None) -> Day | str:
    return Day(value) if value is not None else "…"
