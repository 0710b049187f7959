"""Which of the grid's entries are on a company's books exactly as they stand. Plain Python.

After a posting run the grid marks the entries it sent (matched by `fingerprint`, what the
books hold), so the page no longer calls posted work "ready to post". An entry edited since
no longer matches what was sent and loses its mark; undoing the edit brings it back (the
grid asks `recheck` for every entry a change touched, never for all of them).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from app.core.books.journal import JournalEntry
from app.core.books.serialize import fingerprint


class SentEntries:
    """Entries (by identity) with the fingerprint of what was sent for each."""

    def __init__(self) -> None:
        self._sent: dict[int, tuple[JournalEntry, str]] = {}  # id(entry) -> entry, print
        self._matching: set[int] = set()  # those that still look as they were sent

    def __bool__(self) -> bool:
        return bool(self._matching)

    def mark(self, found: Iterable[tuple[JournalEntry, str]]) -> None:
        """These entries were sent as they stand (each with its fingerprint)."""
        for entry, printed in found:
            self._sent[id(entry)] = (entry, printed)
            self._matching.add(id(entry))

    def forget(self, prints: Collection[str]) -> None:
        """What was sent with these fingerprints is no longer on the books (undone)."""
        gone = [key for key, (_entry, printed) in self._sent.items() if printed in prints]
        for key in gone:
            del self._sent[key]
            self._matching.discard(key)

    def clear(self) -> None:
        self._sent.clear()
        self._matching.clear()

    def is_sent(self, entry: JournalEntry) -> bool:
        return id(entry) in self._matching

    def recheck(self, entries: Iterable[JournalEntry]) -> None:
        """These entries changed: each keeps its mark only while it matches what was sent."""
        for entry in entries:
            kept = self._sent.get(id(entry))
            if kept is None:
                continue
            if fingerprint(entry) == kept[1]:
                self._matching.add(id(entry))
            else:
                self._matching.discard(id(entry))

    def count_in(self, entries: Iterable[JournalEntry]) -> int:
        """How many of `entries` (the grid's) are marked."""
        if not self._matching:
            return 0
        return sum(1 for entry in entries if id(entry) in self._matching)


def matching_sent(
    entries: Iterable[JournalEntry], prints: Collection[str]
) -> list[tuple[JournalEntry, str]]:
    """Each entry whose fingerprint is among `prints`, with it (a worker runs this over the
    grid's entries; the caller makes it again if the grid changed meanwhile)."""
    found = []
    for entry in entries:
        printed = fingerprint(entry)
        if printed in prints:
            found.append((entry, printed))
    return found
