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
from datetime import date
from decimal import Decimal
from typing import Any

from app.core.books.journal import JournalEntry, JournalLine

_LINE_TEXTS = ("customer", "vendor", "employee")
_LINE_NUMBERS = ("rate", "prime_amount")


def entry_to_dict(entry: JournalEntry) -> dict[str, Any]:
    data: dict[str, Any] = {
        "date": entry.date.isoformat() if entry.date else None,
        "reference": entry.reference,
        "description": entry.description,
        "sheet": entry.sheet,
        "lines": [_line_to_dict(line) for line in entry.lines],
    }
    if entry.branch:
        data["branch"] = entry.branch
    return data


def _line_to_dict(line: JournalLine) -> dict[str, Any]:
    data: dict[str, Any] = {
        "account": line.account,
        "debit": str(line.debit),
        "credit": str(line.credit),
        "memo": line.memo,
        "department": line.department,
        "project": line.project,
        "row": line.row,
    }
    data.update(_optional_line_fields(line))
    if line.written_account:  # how the account was written; not what the books hold
        data["written_account"] = line.written_account
    return data


def _optional_line_fields(line: JournalLine) -> dict[str, Any]:
    """The optional fields that are set, as strings (numbers exact)."""
    found: dict[str, Any] = {}
    for name in _LINE_TEXTS:
        value = getattr(line, name)
        if value:
            found[name] = value
    for name in _LINE_NUMBERS:
        value = getattr(line, name)
        if value is not None:
            found[name] = str(value)
    if any(line.classifications):
        found["classifications"] = list(line.classifications)
    return found


def entry_from_dict(data: dict[str, Any]) -> JournalEntry:
    return JournalEntry(
        date=date.fromisoformat(data["date"]) if data.get("date") else None,
        reference=data["reference"],
        description=data.get("description", ""),
        sheet=data.get("sheet", ""),
        branch=data.get("branch", ""),
        lines=[_line_from_dict(line) for line in data["lines"]],
    )


def _line_from_dict(line: dict[str, Any]) -> JournalLine:
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
        rate=Decimal(line["rate"]) if line.get("rate") is not None else None,
        prime_amount=(
            Decimal(line["prime_amount"]) if line.get("prime_amount") is not None else None
        ),
        classifications=tuple(line.get("classifications", ())),
        written_account=line.get("written_account", ""),
    )


def fingerprint(entry: JournalEntry) -> str:
    """SHA-256 of what the books will hold: date, reference, description, branch and lines.

    Where the entry came from (sheet, row) is left out, so the same entry moved to another
    row or workbook is still recognised as the same.
    """
    content: dict[str, Any] = {
        "date": entry.date.isoformat() if entry.date else None,
        "reference": entry.reference,
        "description": entry.description,
        "lines": [_line_print(line) for line in entry.lines],
    }
    if entry.branch:
        content["branch"] = entry.branch
    encoded = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()
    return hashlib.sha256(encoded).hexdigest()


def _line_print(line: JournalLine) -> list[Any]:
    printed: list[Any] = [
        line.account,
        str(line.debit.normalize()),
        str(line.credit.normalize()),
        line.memo,
        line.department,
        line.project,
    ]
    optional = _optional_line_fields(line)
    for name in _LINE_NUMBERS:
        if name in optional:
            optional[name] = str(Decimal(optional[name]).normalize())
    if optional:
        printed.append(optional)
    return printed
