"""What the posting engine needs of a company on a service (`PostingTarget`), and what a
service answers: a save's outcome per entry, a voucher's record on the server. The real
targets are in `app.posting.targets`; tests have a fast in-memory one."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from app.core.journal import JournalEntry


class SaveOutcome(Protocol):
    """What a client answers for one entry (app.api's SaveResult)."""

    reference: str
    ok: bool
    remote_id: str | None
    remote_number: str | None
    messages: list[str]
    already_exists: bool


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
    ) -> list[SaveOutcome]: ...

    def find(
        self, reference: str, *, cancel: threading.Event | None = None
    ) -> RemoteRecord | None: ...

    def find_many(
        self, references: Sequence[str], *, cancel: threading.Event | None = None
    ) -> dict[str, RemoteRecord]: ...

    def delete(
        self, record: RemoteRecord, reference: str, *, cancel: threading.Event | None = None
    ) -> None: ...
