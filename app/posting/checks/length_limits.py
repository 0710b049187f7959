"""What to shorten when Accurate refuses a value as too long.

Accurate answers a value longer than its field allows with "<field> terlalu besar. Maksimal N
karakter" (the shape is confirmed; the exact field labels and the lengths of `number` and
`description` are not). The lengths are therefore not checked before sending; the refusal is
turned, per entry, into which column to shorten, to how many characters, and how long it is.
Only the Indonesian shape is read: it is the only one seen, and what Jurnal Desk asks
Accurate for (app.api.reply_language).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from app.core.i18n import Text, tr

_TOO_LONG = re.compile(
    r"(?P<label>[^.;:]*?)\s*terlalu besar\.?\s*Maksimal\s+(?P<n>\d+)\s*karakter",
    re.IGNORECASE,
)
# (words in the service's label, the entry field, how the column is called)
_FIELDS = (
    (("keterangan", "deskripsi", "description", "uraian"), "description",
     tr("Deskripsi")),
    (("memo", "catatan", "note"), "memo", tr("Keterangan baris (memo)")),
    (("nomor", "no.", "no ", "number", "bukti"), "reference", tr("No. Bukti")),
)  # fmt: skip


def length_hints(messages: Iterable[str], payload: str = "") -> list[Text]:
    """One hint per "too long" message: the column to shorten, the maximum, and (when the
    entry is at hand as its outbox JSON) how long the value is now."""
    hints: list[Text] = []
    entry: dict[str, object] | None = None  # read only for a row that has such a message
    for message in messages:
        folded = message.casefold()
        if "terlalu besar" not in folded:
            continue  # most messages: no regular expression for them (50,000 rows)
        found = _TOO_LONG.search(message)
        if found is None:
            continue
        if entry is None:
            entry = _entry(payload)
        label, limit = found.group("label").strip(), int(found.group("n"))
        field, column = _field_of(label)
        now = _length(entry, field)
        hints.append(_hint(limit, column if column is not None else label, now))
    return hints


def _hint(limit: int, column: Text | str, now: int) -> Text:
    if now:
        return tr(
            "Accurate menerima paling banyak {n} karakter untuk {col} (sekarang {now}); "
            "pendekkan kolom {col} menjadi {n} karakter atau kurang, lalu posting lagi.",
            n=limit,
            col=column,
            now=now,
        )
    return tr(
        "Accurate menerima paling banyak {n} karakter untuk {col}; pendekkan kolom {col} "
        "menjadi {n} karakter atau kurang, lalu posting lagi.",
        n=limit,
        col=column,
    )


def _field_of(label: str) -> tuple[str, Text | None]:
    words = f" {label.casefold()} "
    for keys, field, column in _FIELDS:
        if any(key in words for key in keys):
            return field, column
    return "", None


def _entry(payload: str) -> dict[str, object]:
    try:
        data = json.loads(payload) if payload else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _length(entry: dict[str, object], field: str) -> int:
    if field in ("reference", "description"):
        return len(str(entry.get(field) or ""))
    if field == "memo":
        lines = entry.get("lines")
        if not isinstance(lines, list):
            return 0
        return max(
            (len(str(line.get("memo") or "")) for line in lines if isinstance(line, dict)),
            default=0,
        )
    return 0
