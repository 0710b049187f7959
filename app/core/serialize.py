"""Journal entries as plain JSON-ready dicts, and a content fingerprint.

The outbox stores each entry's content so a batch can be resumed, reported or undone
without the original workbook, and compares fingerprints to tell "the same entry again"
from "another entry reusing a reference".
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from decimal import Decimal
from typing import Any

from app.core.journal import JournalEntry, JournalLine


def entry_to_dict(entry: JournalEntry) -> dict[str, Any]:
    return {
        "date": entry.date.isoformat() if entry.date else None,
        "reference": entry.reference,
        "description": entry.description,
        "sheet": entry.sheet,
        "lines": [
            {
                "account": line.account,
                "debit": str(line.debit),
                "credit": str(line.credit),
                "memo": line.memo,
                "department": line.department,
                "project": line.project,
                "row": line.row,
            }
            for line in entry.lines
        ],
    }


def entry_from_dict(data: dict[str, Any]) -> JournalEntry:
    return JournalEntry(
        date=date.fromisoformat(data["date"]) if data.get("date") else None,
        reference=data["reference"],
        description=data.get("description", ""),
        sheet=data.get("sheet", ""),
        lines=[
            JournalLine(
                account=line["account"],
                debit=Decimal(line["debit"]),
                credit=Decimal(line["credit"]),
                memo=line.get("memo", ""),
                department=line.get("department", ""),
                project=line.get("project", ""),
                row=line.get("row"),
            )
            for line in data["lines"]
        ],
    )


def fingerprint(entry: JournalEntry) -> str:
    """SHA-256 of what the books will hold: date, reference, description and lines.

    Where the entry came from (sheet, row) is left out, so the same entry moved to another
    row or workbook is still recognised as the same.
    """
    content = {
        "date": entry.date.isoformat() if entry.date else None,
        "reference": entry.reference,
        "description": entry.description,
        "lines": [
            [
                line.account,
                str(line.debit.normalize()),
                str(line.credit.normalize()),
                line.memo,
                line.department,
                line.project,
            ]
            for line in entry.lines
        ],
    }
    encoded = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()
    return hashlib.sha256(encoded).hexdigest()
