"""The entry numbers (No. Bukti) in the journal grid, and which are used twice. Plain Python.

`EntryReferences` is the part of `EntryTable` that knows which entries carry each number: a
number used by more than one entry is a problem on each of them, and a new entry takes the
first free number after the one above it.
"""

from __future__ import annotations

import re
from itertools import chain

from app.core.books.journal import JournalEntry
from app.core.i18n import Text, tr

_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")


class EntryReferences:
    """The entries by their reference, and how many problems shared ones make."""

    def __init__(self) -> None:
        self.by_reference: dict[str, list[JournalEntry]] = {}
        # Problems the shared numbers make: one per entry in a group of two or more.
        self.duplicates = 0

    def add(self, entry: JournalEntry) -> None:
        if entry.reference:
            group = self.by_reference.setdefault(entry.reference, [])
            self.duplicates -= _duplicate_weight(len(group))
            group.append(entry)
            self.duplicates += _duplicate_weight(len(group))

    def remove(self, entry: JournalEntry) -> None:
        group = self.by_reference.get(entry.reference)
        if not entry.reference or group is None:
            return
        self.duplicates -= _duplicate_weight(len(group))
        group[:] = [each for each in group if each is not entry]
        self.duplicates += _duplicate_weight(len(group))
        if not group:
            del self.by_reference[entry.reference]

    def sharing(self, reference: str) -> list[JournalEntry]:
        """The entries numbered `reference` (none for an empty one)."""
        return list(self.by_reference.get(reference, ())) if reference else []

    def rename(self, entry: JournalEntry, reference: str) -> list[JournalEntry]:
        """Number the entry `reference`; returns the other entries whose duplicate mark may
        change: those sharing the old or new number."""
        before = self.sharing(entry.reference)
        self.remove(entry)
        entry.reference = reference
        self.add(entry)
        return [each for each in chain(before, self.sharing(reference)) if each is not entry]

    def next_after(self, reference: str) -> str:
        """The first free number after `reference` ("JU-0009" -> "JU-0010"); "" if none."""
        match = _TRAILING_NUMBER.match(reference)
        if match is None:
            return ""
        prefix, digits = match.groups()
        number = int(digits)
        for _ in range(10_000):
            number += 1
            candidate = f"{prefix}{number:0{len(digits)}d}"
            if candidate not in self.by_reference:
                return candidate
        return ""

    def is_duplicate(self, entry: JournalEntry) -> bool:
        return bool(entry.reference) and len(self.by_reference.get(entry.reference, ())) > 1

    def duplicate_text(self, entry: JournalEntry) -> Text:
        return tr(
            "No. Bukti {ref} dipakai oleh {n} jurnal; beri setiap jurnal nomor sendiri.",
            ref=entry.reference,
            n=len(self.by_reference[entry.reference]),
        )


def _duplicate_weight(size: int) -> int:
    """Problems a group of entries sharing one reference contributes: one each, if shared."""
    return size if size > 1 else 0


__all__ = ["EntryReferences"]
