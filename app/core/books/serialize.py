"""Journal entries as plain JSON-ready dicts, and a content fingerprint.

The outbox stores each entry's content so a batch can be resumed, reported or undone
without the original workbook, and compares fingerprints to tell "the same entry again"
from "another entry reusing a reference".

The optional fields (branch, party, currency, classifications) are written only when they
are set, so an entry without them has the same dict and the same fingerprint as before those
fields existed: outbox files written by earlier versions still resume and match.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import NotRequired, TypedDict

from app.core.books.journal import JournalEntry, JournalLine


class OptionalLineFields(TypedDict, total=False):
    """A line's optional fields, each only when set; numbers as exact text."""

    customer: str
    vendor: str
    employee: str
    rate: str
    prime_amount: str
    classifications: list[str]


class LineDict(OptionalLineFields):
    """A journal line as stored. Fields added in later versions may be missing."""

    account: str
    debit: str
    credit: str
    memo: NotRequired[str]
    department: NotRequired[str]
    project: NotRequired[str]
    row: NotRequired[int | None]
    written_account: NotRequired[str]


class EntryDict(TypedDict):
    """A journal entry as stored (the outbox, a draft)."""

    date: NotRequired[str | None]  # ISO date
    reference: str
    description: NotRequired[str]
    sheet: NotRequired[str]
    branch: NotRequired[str]
    lines: list[LineDict]


def entry_to_dict(entry: JournalEntry) -> EntryDict:
    data: EntryDict = {
        "date": entry.date.isoformat() if entry.date else None,
        "reference": entry.reference,
        "description": entry.description,
        "sheet": entry.sheet,
        "lines": [_line_to_dict(line) for line in entry.lines],
    }
    if entry.branch:
        data["branch"] = entry.branch
    return data


def _line_to_dict(line: JournalLine) -> LineDict:
    data: LineDict = {
        "account": line.account,
        "debit": str(line.debit),
        "credit": str(line.credit),
        "memo": line.memo,
        "department": line.department,
        "project": line.project,
        "row": line.row,
    }
    _add_optional_fields(line, str, data)
    if line.written_account:  # how the account was written; not what the books hold
        data["written_account"] = line.written_account
    return data


def _add_optional_fields(
    line: JournalLine, number_text: Callable[[Decimal], str], into: OptionalLineFields
) -> None:
    """Add the optional fields that are set, in this order, numbers written by `number_text`."""
    if line.customer:
        into["customer"] = line.customer
    if line.vendor:
        into["vendor"] = line.vendor
    if line.employee:
        into["employee"] = line.employee
    if line.rate is not None:
        into["rate"] = number_text(line.rate)
    if line.prime_amount is not None:
        into["prime_amount"] = number_text(line.prime_amount)
    if any(line.classifications):
        into["classifications"] = list(line.classifications)


def entry_from_dict(data: EntryDict) -> JournalEntry:
    day = data.get("date")
    return JournalEntry(
        date=date.fromisoformat(day) if day else None,
        reference=data["reference"],
        description=data.get("description", ""),
        sheet=data.get("sheet", ""),
        branch=data.get("branch", ""),
        lines=[_line_from_dict(line) for line in data["lines"]],
    )


def _line_from_dict(line: LineDict) -> JournalLine:
    rate, prime_amount = line.get("rate"), line.get("prime_amount")
    return JournalLine(
        account=line["account"],
        debit=Decimal(line["debit"]),
        credit=Decimal(line["credit"]),
        memo=line.get("memo", ""),
        department=line.get("department", ""),
        project=line.get("project", ""),
        row=line.get("row"),
        customer=line.get("customer", ""),
        vendor=line.get("vendor", ""),
        employee=line.get("employee", ""),
        rate=Decimal(rate) if rate is not None else None,
        prime_amount=Decimal(prime_amount) if prime_amount is not None else None,
        classifications=tuple(line.get("classifications", ())),
        written_account=line.get("written_account", ""),
    )


def fingerprint(entry: JournalEntry) -> str:
    """SHA-256 of what the books will hold: date, reference, description, branch and lines.

    Where the entry came from (sheet, row) is left out, so the same entry moved to another
    row or workbook is still recognised as the same.
    """
    content: _EntryPrint = {
        "date": entry.date.isoformat() if entry.date else None,
        "reference": entry.reference,
        "description": entry.description,
        "lines": [_line_print(line) for line in entry.lines],
    }
    if entry.branch:
        content["branch"] = entry.branch
    encoded = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()
    return hashlib.sha256(encoded).hexdigest()


class _EntryPrint(TypedDict):
    """What an entry's fingerprint is made of, in this order."""

    date: str | None
    reference: str
    description: str
    lines: list[list[str | OptionalLineFields]]
    branch: NotRequired[str]


def _line_print(line: JournalLine) -> list[str | OptionalLineFields]:
    printed: list[str | OptionalLineFields] = [
        line.account,
        str(line.debit.normalize()),
        str(line.credit.normalize()),
        line.memo,
        line.department,
        line.project,
    ]
    optional: OptionalLineFields = {}
    _add_optional_fields(line, _normalized, optional)
    if optional:
        printed.append(optional)
    return printed


def _normalized(number: Decimal) -> str:
    return str(number.normalize())
