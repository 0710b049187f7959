"""Round to the cent: the one fix for amounts that hold a fraction of a cent.

A workbook may hold 10.125 typed by a person, or 317626.6302 from a tax formula. Reading keeps
such a value exactly and validation reports it (Problem.code FRACTION_OF_CENT); rounding is
the user's choice (`--round-cents` on the command line, a button in the window). The fix
rounds each such amount half-up to the cent, as Excel shows it with two decimals, and touches
nothing else: an entry that stops balancing is then reported as unbalanced with its
difference, never evened out by changing another line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from app.core.books.journal import JournalEntry, JournalLine
from app.core.books.money import round_to_cent
from app.core.books.number_style import has_fraction_of_cent
from app.core.i18n import Text, tr
from app.core.i18n.lists import listed
from app.core.i18n.values import Amount

SIDES = ("debit", "credit")


@dataclass(frozen=True, slots=True)
class CentRounding:
    """One amount rounded: which line and side, and its value before and after (enough for
    an undo to put `old` back)."""

    entry: JournalEntry
    line: JournalLine
    side: str  # "debit" or "credit"
    old: Decimal
    new: Decimal

    @property
    def row(self) -> int | None:
        return self.line.row

    def describe(self, language: str | None = None) -> str:
        """'Jurnal, baris 4, debit (F-2): 10,125 → 10,13' in the language asked for."""
        return self.text().get(language)

    def text(self) -> Text:
        """`describe` as a message, shown in whichever language reads it."""
        where: list[object] = [self.entry.sheet] if self.entry.sheet else []
        if self.row is not None:
            where.append(tr("baris {r}", r=self.row))
        side = _SIDE_NAMES[self.side]
        where.append(tr("{side} ({ref})", side=side, ref=self.entry.reference or "?"))
        return tr(
            "{where}: {old} → {new}",
            where=listed(where),
            old=Amount(self.old),
            new=Amount(self.new),
        )


_SIDE_NAMES = {"debit": tr("debit"), "credit": tr("kredit")}


def round_cents(entries: Iterable[JournalEntry]) -> list[CentRounding]:
    """Round every amount with a fraction of a cent, in place; the changes, in entry order.

    Amounts already in whole cents are left as they are, so running it twice changes
    nothing the second time."""
    changes = []
    for entry in entries:
        for line in entry.lines:
            for side in SIDES:
                old = getattr(line, side)
                if has_fraction_of_cent(old):
                    new = round_to_cent(old)
                    setattr(line, side, new)
                    changes.append(CentRounding(entry, line, side, old, new))
    return changes


def touched_entries(changes: Iterable[CentRounding]) -> list[JournalEntry]:
    """The entries the changes were made in, each once, in order."""
    seen: dict[int, JournalEntry] = {}
    for change in changes:
        seen.setdefault(id(change.entry), change.entry)
    return list(seen.values())


__all__ = ["CentRounding", "round_cents", "touched_entries"]
