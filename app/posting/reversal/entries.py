"""The reversing entry of a posted entry: every line with its debit and credit swapped (same
accounts, amounts, memos, departments, projects, parties, rates and classifications), its
number derived from the original's so it is unique and recognisable ("JU-001" → "JU-001-R"),
its description "Pembalik: <the original's description>", on the original's date or one
chosen date.

The description's word is Indonesian whatever the window's language: it is written into the
company's books, beside the original, as an accountant there reads it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterable
from datetime import date

from app.core.books.journal import JournalEntry

SUFFIX = "-R"
DESCRIPTION_PREFIX = "Pembalik: "
# Accurate refuses a voucher number longer than its field ("... terlalu besar. Maksimal 30
# karakter"; the number's exact length is assumed to be 30). Sempoa's limit is unknown.
NUMBER_LIMITS: dict[str, int] = {"accurate": 30}
# The description's limit is not known either; 255 is assumed (the sandbox's). The original's
# description was accepted: the prefix may push it over, so the end is cut, marked "…".
DESCRIPTION_LIMITS: dict[str, int] = {"accurate": 255}
_DIGEST_CHARS = 6


def reversal_entry(
    original: JournalEntry,
    reference: str,
    on_date: date | None,
    *,
    description_limit: int | None = None,
) -> JournalEntry:
    """The entry that cancels `original`, numbered `reference`, dated `on_date` (None: the
    original's date), its description cut to `description_limit` characters when longer."""
    lines = [
        dataclasses.replace(line, debit=line.credit, credit=line.debit) for line in original.lines
    ]
    description = DESCRIPTION_PREFIX + (original.description.strip() or original.reference)
    if description_limit is not None and len(description) > description_limit:
        description = description[: description_limit - 1] + "…"
    return JournalEntry(
        original.date if on_date is None else on_date,
        reference,
        description,
        lines,
        original.sheet,
        original.branch,
    )


def reversal_reference(reference: str, limit: int | None, taken: Callable[[str], bool]) -> str:
    """The reversal's number: the original's with "-R" (then "-R2", "-R3" ... when `taken`
    says a number is in use). A number longer than `limit` keeps the original's beginning
    and a short digest of the whole original number, so two long numbers that begin alike
    still get different reversal numbers, and the same original always gets the same one."""
    attempt = 1
    while True:
        suffix = SUFFIX if attempt == 1 else f"{SUFFIX}{attempt}"
        candidate = reference + suffix
        if limit is not None and len(candidate) > limit:
            digest = hashlib.sha256(reference.encode()).hexdigest()[:_DIGEST_CHARS]
            keep = max(0, limit - len(suffix) - _DIGEST_CHARS - 1)
            candidate = f"{reference[:keep]}~{digest}{suffix}"
        if not taken(candidate):
            return candidate
        attempt += 1


def reversal_entries(
    originals: Iterable[JournalEntry],
    on_date: date | None,
    *,
    limit: int | None,
    in_use: Callable[[str], bool],
    description_limit: int | None = None,
) -> list[JournalEntry]:
    """One reversing entry per original, with numbers unique among themselves, the
    originals' and whatever `in_use` says the books already hold."""
    originals = list(originals)
    chosen: set[str] = {entry.reference for entry in originals}

    def taken(number: str) -> bool:
        return number in chosen or in_use(number)

    reversals = []
    for original in originals:
        reference = reversal_reference(original.reference, limit, taken)
        chosen.add(reference)
        entry = reversal_entry(original, reference, on_date, description_limit=description_limit)
        reversals.append(entry)
    return reversals
