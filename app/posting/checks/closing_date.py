"""A company's closing date (tanggal tutup buku), met once per run rather than once per entry.

Accurate refuses a voucher dated before the company's closing date ("Tanggal transaksi tidak
dapat lebih kecil ..."; confirmed in Indonesian, the rest of the wording is not). The date is
not known before the first refusal. After it, entries dated on or before the refused date (or
before the closing date the message names) are not sent: each is recorded refused with the
service's own words and a note, and the run's result tells them all in ONE message
(`closing_date_summary`), with the closing date when the service gave it.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from app.api import reply_wording as wording
from app.core.i18n import Text, tr
from app.core.i18n.messages import Message, same_id, service_words
from app.core.i18n.values import Day
from app.posting.outbox.ledger import EntryStatus, OutboxEntry, Outcome

# Accurate's words, Indonesian only: the only wording seen, and what Jurnal Desk asks for
# (app.api.reply_language); an English guess would be a pattern nothing should depend on.
_CLOSED = wording.PERIOD_CLOSED
_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def says_closed(messages: Iterable[str]) -> bool:
    """The service refused the entry for a date before the company's closing date."""
    return any(_CLOSED.search(message) for message in messages)


def closing_date_of(messages: Iterable[str]) -> date | None:
    """The closing date a refusal names (dd/MM/yyyy), or None when it names none."""
    for message in messages:
        if _CLOSED.search(message):
            found = _DATE.search(message)
            if found:
                day, month, year = map(int, found.groups())
                try:
                    return date(year, month, day)
                except ValueError:
                    return None
    return None


@dataclass
class _Refusal:
    messages: list[Message]
    reference: str
    latest_refused: date  # the latest entry date the service refused
    closing: date | None  # the closing date the service named


class ClosingDateGuard:
    """Holds back, within one run, entries the closing date would refuse. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._refusal: _Refusal | None = None

    def observe(self, rows: Sequence[OutboxEntry], outcomes: Sequence[Outcome]) -> None:
        """Learn from refusals among these outcomes (rows in the same order)."""
        for row, outcome in zip(rows, outcomes, strict=True):
            said = service_words(outcome.messages)
            if outcome.status is not EntryStatus.REJECTED or not says_closed(said):
                continue
            refused = _entry_date(row)
            if refused is None:
                continue
            with self._lock:
                known = self._refusal
                if known is None:
                    self._refusal = _Refusal(
                        list(outcome.messages),
                        row.reference,
                        refused,
                        closing_date_of(said),
                    )
                elif refused > known.latest_refused:
                    known.latest_refused = refused

    def split(self, rows: list[OutboxEntry]) -> tuple[list[OutboxEntry], list[Outcome]]:
        """(the rows to send, outcomes for those held back)."""
        with self._lock:
            refusal = self._refusal
        if refusal is None:
            return rows, []
        to_send, held = [], []
        for row in rows:
            dated = _entry_date(row)
            if dated is not None and _closed(dated, refusal):
                note = _held_note(refusal)
                held.append(Outcome(row.id, EntryStatus.REJECTED, [*refusal.messages, note]))
            else:
                to_send.append(row)
        return to_send, held


def _closed(dated: date, refusal: _Refusal) -> bool:
    if dated <= refusal.latest_refused:
        return True
    return refusal.closing is not None and dated < refusal.closing


def _entry_date(row: OutboxEntry) -> date | None:
    try:
        raw = json.loads(row.payload).get("date")
        return date.fromisoformat(raw) if raw else None
    except (ValueError, AttributeError, TypeError):
        return None


def _held_note(refusal: _Refusal) -> Text:
    return _held_note_for(refusal.reference)


def _held_note_for(reference: str) -> Text:
    return tr(
        "Tidak dikirim: Accurate sudah menolak jurnal {ref} karena tanggal tutup buku; jurnal "
        "bertanggal sama atau lebih awal tidak dikirim lagi pada putaran ini.",
        ref=reference,
    )


def _is_held_note(message: Message) -> bool:
    """A held entry's note, told from the service's own refusal by its id (whatever entry
    it names)."""
    return same_id(message, _held_note_for(""))


def closing_date_summary(entries: Sequence[OutboxEntry]) -> tuple[Text, list[str]] | None:
    """ONE message for every entry the closing date kept out of the books, and their
    references; None when there is none."""
    closed = [
        entry
        for entry in entries
        if entry.status is EntryStatus.REJECTED and says_closed(service_words(entry.messages))
    ]
    if not closed:
        return None
    references = [entry.reference for entry in closed]
    closing = next(
        (d for d in (closing_date_of(service_words(e.messages)) for e in closed) if d), None
    )
    if closing is not None:
        return _with_closing_date(closed, closing, references)
    # Those held back are dated no later than one the service refused: only the refused
    # ones' dates are read (a few, not thousands of payloads on the window's thread).
    refused = [e for e in closed if not any(map(_is_held_note, e.messages))]
    dates = [d for d in (_entry_date(entry) for entry in refused) if d is not None]
    shown = _shown(references)
    latest: Day | str = Day(max(dates)) if dates else "?"
    return (
        tr(
            "{n} jurnal tidak diposting karena tanggal tutup buku perusahaan (Accurate tidak "
            "menyebut tanggalnya; yang ditolak bertanggal sampai {d}): {refs}. Minta admin "
            "Accurate memundurkan tanggal tutup buku, atau ubah tanggal jurnalnya, lalu posting "
            "lagi.",
            n=len(closed),
            d=latest,
            refs=shown,
        ),
        references,
    )


def _shown(references: list[str]) -> str:
    return ", ".join(references[:20]) + (" ..." if len(references) > 20 else "")


def _with_closing_date(
    closed: list[OutboxEntry], closing: date, references: list[str]
) -> tuple[Text, list[str]]:
    return (
        tr(
            "{n} jurnal tidak diposting karena bertanggal sebelum tanggal tutup buku "
            "perusahaan ({d}): {refs}. Minta admin Accurate memundurkan tanggal tutup buku, "
            "atau ubah tanggal jurnalnya ke setelah {d}, lalu posting lagi.",
            n=len(closed),
            d=Day(closing),
            refs=_shown(references),
        ),
        references,
    )
