"""An in-memory PostingTarget for engine unit tests: no HTTP, no sleeps, no rate limiter.

It keeps the books of a pretend service (reference -> record) and a log of every call, and
answers each entry the way it is told to: saved, refused, "that number already exists", a
request that never gets an answer (stored or not), or the service's "too many requests".
An entry with no script left is saved. The sandbox tests stay the integration tests; this is
for the engine's own rules, which these answers drive.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from app.api import errors
from app.api.records import RemoteLine, RemoteVoucher
from app.api.wire import SaveResult
from app.core.books.journal import JournalEntry
from app.posting.target_protocol import OnAbsent, OnFound, RemoteRecord

Cancel = threading.Event | None

REFUSED = "Akun 1-10000 adalah akun induk; pilih akun detail."
TAKEN = "Nomor JV sudah digunakan"
LIMIT = "Jumlah request API melebihi toleransi yang diperbolehkan."


class Answer(Enum):
    SAVE = "save"  # stored, answered with its id and number
    REJECT = "reject"  # refused for its content; nothing stored
    DUPLICATE = "duplicate"  # the number is already in the books (someone else's voucher)
    UNANSWERED_STORED = "unanswered-stored"  # stored, but the request's answer never came
    UNANSWERED_LOST = "unanswered-lost"  # the request went out, nothing stored, no answer
    LIMIT = "limit"  # "too many requests" for this entry: not processed


@dataclass(frozen=True, slots=True)
class Call:
    """One call the engine made: which method, with which references."""

    method: str  # "send", "find", "find_many", "look_up", "read", "read_id" or "delete"
    references: tuple[str, ...]
    cancel: Cancel = None


@dataclass
class FakeTarget:
    service: str = "accurate"
    chunk_size: int = 100
    can_delete: bool = True
    require_description: bool = False
    books: dict[str, RemoteRecord] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    # Called with each send's references before it is answered (e.g. to press Stop).
    on_send: Callable[[list[str]], None] | None = None
    _script: dict[str, deque[Answer]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _next_id: int = 1
    _sent: dict[str, JournalEntry] = field(default_factory=dict)  # as last sent, per number

    # -- scripting ---------------------------------------------------------------------

    def answer(self, reference: str, *answers: Answer) -> None:
        """The next answers for `reference`, one per time it is sent; then it is saved."""
        self._script.setdefault(reference, deque()).extend(answers)

    def hold(self, reference: str) -> RemoteRecord:
        """Put a voucher with this number in the books, as if entered in the service."""
        with self._lock:
            return self._store(reference)

    # -- what the engine sees ----------------------------------------------------------

    def send(self, entries: Sequence[JournalEntry], *, cancel: Cancel = None) -> list[SaveResult]:
        references = [entry.reference for entry in entries]
        self._log("send", references, cancel)
        with self._lock:
            self._sent.update((entry.reference, entry) for entry in entries)
        if self.on_send is not None:
            self.on_send(references)
        with self._lock:
            answers = {reference: self._next_answer(reference) for reference in references}
            results = [self._result(reference, answers[reference]) for reference in references]
        if {Answer.UNANSWERED_STORED, Answer.UNANSWERED_LOST} & set(answers.values()):
            raise errors.uncertain_outcome(errors.ACCURATE, "the connection was cut")
        return results

    def find(self, reference: str, *, cancel: Cancel = None) -> RemoteRecord | None:
        self._log("find", [reference], cancel)
        with self._lock:
            return self.books.get(reference)

    def find_many(
        self, references: Sequence[str], *, cancel: Cancel = None
    ) -> dict[str, RemoteRecord]:
        self._log("find_many", list(references), cancel)
        with self._lock:
            return {ref: self.books[ref] for ref in references if ref in self.books}

    def look_up(
        self,
        entries: Sequence[JournalEntry],
        *,
        on_found: OnFound | None = None,
        on_absent: OnAbsent | None = None,
        cancel: Cancel = None,
    ) -> dict[str, RemoteVoucher]:
        references = [entry.reference for entry in entries]
        self._log("look_up", references, cancel)
        with self._lock:
            found = {ref: self._voucher(ref) for ref in references if ref in self.books}
        if found and on_found is not None:
            on_found(found)
        return found

    def read(self, reference: str, *, cancel: Cancel = None) -> RemoteVoucher | None:
        self._log("read", [reference], cancel)
        with self._lock:
            return self._voucher(reference) if reference in self.books else None

    def read_id(self, remote_id: str, *, cancel: Cancel = None) -> RemoteVoucher | None:
        self._log("read_id", [remote_id], cancel)
        with self._lock:
            held = [ref for ref, record in self.books.items() if record.remote_id == remote_id]
            return self._voucher(held[0]) if held else None

    def delete(self, record: RemoteRecord, reference: str, *, cancel: Cancel = None) -> None:
        self._log("delete", [reference], cancel)
        with self._lock:
            self.books.pop(reference, None)

    # -- reading the log ---------------------------------------------------------------

    def sent(self) -> list[str]:
        """Every reference sent, in order, once per time it was sent."""
        return [ref for call in self.calls if call.method == "send" for ref in call.references]

    def methods(self) -> list[str]:
        return [call.method for call in self.calls]

    # -- internals ---------------------------------------------------------------------

    def _log(self, method: str, references: list[str], cancel: Cancel) -> None:
        with self._lock:
            self.calls.append(Call(method, tuple(references), cancel))

    def _next_answer(self, reference: str) -> Answer:
        script = self._script.get(reference)
        return script.popleft() if script else Answer.SAVE

    def _result(self, reference: str, kind: Answer) -> SaveResult:
        if kind is Answer.DUPLICATE and reference not in self.books:
            self._store(reference)
        if kind in (Answer.SAVE, Answer.UNANSWERED_STORED, Answer.DUPLICATE):
            if reference in self.books:  # the number is taken: Accurate refuses the save
                return SaveResult(reference, False, messages=[TAKEN], already_exists=True)
            record = self._store(reference)
            return SaveResult(reference, True, record.remote_id, record.remote_number, ["ok"])
        if kind is Answer.LIMIT:
            return SaveResult(reference, False, messages=[LIMIT])
        # REJECT, or UNANSWERED_LOST (whose answer is never seen: the request raises)
        return SaveResult(reference, False, messages=[REFUSED])

    def _voucher(self, reference: str) -> RemoteVoucher:
        """The voucher in the books under this number: the entry as sent (a voucher put
        there with `hold` has no date and no lines: it is someone else's)."""
        record = self.books[reference]
        sent = self._sent.get(reference)
        if sent is None:
            return RemoteVoucher(record.remote_id, reference, None)
        lines = tuple(RemoteLine(line.account, line.debit, line.credit) for line in sent.lines)
        return RemoteVoucher(record.remote_id, reference, sent.date, lines=lines)

    def _store(self, reference: str) -> RemoteRecord:
        record = RemoteRecord(f"id-{self._next_id}", reference)
        self._next_id += 1
        self.books[reference] = record
        return record
