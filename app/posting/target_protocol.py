"""What the posting engine needs of a company on a service (`PostingTarget`), and what a
service answers: a save's outcome per entry, a voucher's record on the server. The real
targets are in `app.posting.targets`; tests have a fast in-memory one."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from app.api.records import RemoteVoucher
from app.core.books.journal import JournalEntry
from app.core.i18n.messages import Message

# Handed each page's finds of a look-up as they arrive: reference -> the voucher found.
OnFound = Callable[[Mapping[str, RemoteVoucher]], None]
# Handed each reference a look-up proved absent before the look-up ends (a detail answer
# saying plainly "no such voucher"), so a run cut short keeps what it learnt.
OnAbsent = Callable[[str], None]


class SaveOutcome(Protocol):
    """What a client answers for one entry (app.api's SaveResult)."""

    reference: str
    ok: bool
    remote_id: str | None
    remote_number: str | None
    messages: list[Message]
    already_exists: bool
    unconfirmed: bool  # "saved", but the answer does not name the voucher sent
    remote_version: str | None  # the saved voucher's edit counter, when the answer gives it
    remote_total: Decimal | None  # ... and its total


@dataclass(frozen=True, slots=True)
class RemoteRecord:
    remote_id: str = ""
    remote_number: str = ""


class PostingTarget(Protocol):
    """One company on one service, as the engine needs it."""

    service: str
    chunk_size: int  # entries per request: 100 for Accurate bulk, 1 otherwise
    can_delete: bool

    # `cancel`: the run's Stop; a client ends its waits (rate limit, retries) when it is set.
    def send(
        self, entries: Sequence[JournalEntry], *, cancel: threading.Event | None = None
    ) -> Sequence[SaveOutcome]: ...

    def find(
        self, reference: str, *, cancel: threading.Event | None = None
    ) -> RemoteRecord | None: ...

    def find_many(
        self, references: Sequence[str], *, cancel: threading.Event | None = None
    ) -> dict[str, RemoteRecord]: ...

    def look_up(
        self,
        entries: Sequence[JournalEntry],
        *,
        on_found: OnFound | None = None,
        on_absent: OnAbsent | None = None,
        cancel: threading.Event | None = None,
    ) -> dict[str, RemoteVoucher]:
        """The vouchers holding these entries' numbers (reference -> voucher; lines only when
        the service's list gives them), read through the list endpoints for many entries.
        `on_found` gets each page's finds as they arrive, `on_absent` each reference proven
        absent before the end. A reference left out is surely not there; raises when that
        could not be proven for every reference."""
        ...

    def read(
        self, reference: str, *, cancel: threading.Event | None = None
    ) -> RemoteVoucher | None:
        """The voucher with this number, with its lines; None when surely not there."""
        ...

    def read_id(
        self, remote_id: str, *, cancel: threading.Event | None = None
    ) -> RemoteVoucher | None:
        """The voucher with this id, with its lines; None when surely not there."""
        ...

    def delete(
        self, record: RemoteRecord, reference: str, *, cancel: threading.Event | None = None
    ) -> None: ...
