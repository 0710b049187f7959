"""The posting engine: gets a batch of entries into the books exactly once.

Worker threads send chunks (up to 100 vouchers for Accurate's bulk-save, one entry
otherwise) through a target whose client shares the per-token rate limiter, so the
limit stays busy while requests wait on the network. The outbox records the intent
before each request and the outcome after it. Entries whose fate is unknown (the answer
never came) are looked up on the server by reference before anything is sent again.

A request that fails after all its retries costs only its own entries (pending when surely
not stored, else uncertain; see app.posting.failures); the others go on. Only what makes
every request fail (token, signature, clock, permission) or the service being down stops.

The engine's pieces: what it needs of a service (`target_protocol`), its progress and report
(`run_report`), undoing a batch (`undo`); they are imported from here too.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from app.api.errors import (
    ApiError,
    NetworkError,
    RateLimited,
    Rejected,
    ServerError,
    UncertainOutcome,
)
from app.api.ratelimit import Cancelled
from app.api.wording import says_rate_limited
from app.core.i18n import JurnalError, Text
from app.core.journal import JournalEntry
from app.core.tasks import StepCallback
from app.posting.closing_date import ClosingDateGuard
from app.posting.failures import (
    FailureStreak,
    RequestFailed,
    connection_stopped,
    with_lookup_note,
)
from app.posting.lease import LeaseLost, PostingLease
from app.posting.outbox import UNRESOLVED, Batch, EntryStatus, Outbox, OutboxEntry, Outcome
from app.posting.reasons import EntryReason
from app.posting.resends import Resend, ResendPolicy, held_text, next_run_text
from app.posting.run_report import PostingReport, Progress, ProgressCallback, recount
from app.posting.target_protocol import PostingTarget, RemoteRecord, SaveOutcome
from app.posting.undo import delete_posted

__all__ = [
    "PostingEngine",
    "PostingReport",
    "PostingTarget",
    "Progress",
    "ProgressCallback",
    "RemoteRecord",
    "SaveOutcome",
    "error_messages",
]

# How many times unanswered entries are looked up and sent again within one run. Each round
# only re-sends what the server surely does not hold; with 10% of requests failing, an entry
# is still unanswered after n rounds with probability 0.1^(n+1): 3 rounds left about one
# entry in 10,000 for the next run, 10 leave one in 10^11.
RECONCILE_ROUNDS = 10


class _Stop(Exception):
    """Raised inside a worker when posting must stop for every worker."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


class PostingEngine:
    """Posts one batch. Create one per run; `run` blocks until the batch is done or stopped."""

    def __init__(
        self,
        outbox: Outbox,
        target: PostingTarget,
        profile: str,
        *,
        workers: int = 8,
        reconcile_rounds: int = RECONCILE_ROUNDS,
        allow_duplicates: bool = False,
        resend_unclear: bool = False,
        lease: PostingLease | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """`lease`: this run's hold on the company (app.posting.lease); every intent to send
        is checked against it. `resend_unclear`: the user checked the service and asks to send
        again entries held back after too many unclear sends."""
        self.outbox = outbox
        self.target = target
        self.profile = profile
        self.workers = workers
        self.reconcile_rounds = reconcile_rounds
        self.allow_duplicates = allow_duplicates
        self._clock = clock
        self._lock = threading.Lock()
        self._streak = FailureStreak(workers)
        self._lookup_failed: set[int] = set()  # rows whose look-up already failed this run
        self._resends = ResendPolicy(allow_more=resend_unclear)
        self._lease = lease
        self._cancel = threading.Event()
        self._closing = ClosingDateGuard()  # after one closing-date refusal, no more like it

    # -- public ------------------------------------------------------------------------

    def open_batch(
        self, entries: Sequence[JournalEntry], *, source_file: str = "", source_sheet: str = ""
    ) -> Batch:
        """The unfinished batch of these same entries (to resume), or a new one."""
        existing = self.outbox.unfinished_batch(self.profile, entries)
        if existing is not None:
            return existing
        return self.outbox.create_batch(
            self.profile,
            self.target.service,
            entries,
            source_file=source_file,
            source_sheet=source_sheet,
        )

    def run(
        self,
        batch: Batch,
        *,
        on_progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> PostingReport:
        cancel = cancel or threading.Event()
        self._cancel = cancel  # handed down to every request: Stop ends its waits at once
        started = self._clock()
        progress = Progress(total=sum(self.outbox.counts(batch.id).values()), batch_id=batch.id)
        report = PostingReport(batch, progress)
        notify = self._notifier(batch.id, progress, started, on_progress)
        try:
            self._reconcile(self.outbox.unresolved(self.profile), progress)
            to_send = self._skip_known(self.outbox.entries(batch.id), progress)
            if self.outbox.lookup_first:  # the history before this one was lost
                to_send = self._looked_up_first(to_send, progress)
            notify(force=True)
            for _round in range(self.reconcile_rounds + 1):
                self._send_all(to_send, progress, notify, cancel)
                if cancel.is_set():
                    break
                uncertain = self.outbox.entries(batch.id, [EntryStatus.UNCERTAIN])
                if not uncertain:
                    break
                to_send = self._reconcile(uncertain, progress)
            del to_send  # a 25,000-entry batch should not be held twice below
        except _Stop as stop:
            report.stopped_by = stop.text
        report.cancelled = cancel.is_set()
        report.entries = self.outbox.entries(batch.id)
        notify(force=True)
        if report.complete or not any(
            e.status in (EntryStatus.PENDING, EntryStatus.SENDING, EntryStatus.UNCERTAIN)
            for e in report.entries
        ):
            self.outbox.finish_batch(batch.id)
        return report

    # -- steps ---------------------------------------------------------------------------

    def _skip_known(self, rows: list[OutboxEntry], progress: Progress) -> list[OutboxEntry]:
        """Drop what is already on the books; flag references another entry already uses."""
        to_send = []
        for row in rows:
            if row.on_books:
                continue
            if row.status in UNRESOLVED:  # fate unknown even after looking: never sent blind
                continue
            if row.status is EntryStatus.SKIPPED and not self.allow_duplicates:
                continue
            posted = self.outbox.posted_reference(self.profile, row.reference)
            if posted is not None and posted.id != row.id:
                same = posted.fingerprint == row.fingerprint
                if same or not self.allow_duplicates:
                    reason = EntryReason.ALREADY_POSTED if same else EntryReason.DUPLICATE
                    skipped = EntryStatus.SKIPPED
                    self.outbox.mark(row.id, skipped, reason=reason, earlier_batch=posted.batch_id)
                    continue
            to_send.append(row)
        return to_send

    def _reconcile(self, rows: list[OutboxEntry], progress: Progress) -> list[OutboxEntry]:
        """Look each unresolved entry up on the server; return those that are not there.
        An entry whose look-up fails stays uncertain (for the next run, not this one)."""
        rows = [row for row in rows if row.id not in self._lookup_failed]
        if not rows:
            return []
        found = self._look_up(rows, progress)
        missing = []
        for row in rows:
            if row.reference not in found:
                continue  # the look-up failed: unknown still
            record = found[row.reference]
            if record is not None:
                self._found_on_server(row, record)
            else:
                self._not_on_server(row, missing)
        return missing

    def _looked_up_first(self, rows: list[OutboxEntry], progress: Progress) -> list[OutboxEntry]:
        """Entries the lost history may have posted: those on the server are recorded as
        posted, the rest are sent; one whose look-up failed waits for the next run."""
        if not rows:
            return []
        found = self._look_up(rows, progress)
        to_send = []
        for row in rows:
            if row.reference not in found:
                continue  # the look-up failed: recorded uncertain with its note
            record = found[row.reference]
            if record is None:
                to_send.append(row)
            else:
                self._found_on_server(row, record)
        return to_send

    def _found_on_server(self, row: OutboxEntry, record: RemoteRecord) -> None:
        """A look-up found the entry on the server: it is posted (by an earlier send)."""
        self.outbox.mark_posted(
            row.id,
            remote_id=record.remote_id,
            remote_number=record.remote_number,
            reason=EntryReason.FOUND_ON_SERVER,
        )

    def _not_on_server(self, row: OutboxEntry, missing: list[OutboxEntry]) -> None:
        """A look-up says plainly the entry is not there: send it again, within bounds."""
        decision = self._resends.decide(row)
        if decision is Resend.SEND:
            self.outbox.mark_resend(row.id)
            missing.append(self.outbox.get(row.id))
            return
        self._lookup_failed.add(row.id)  # decided for this run: not looked up again in it
        if decision is Resend.ASK:
            note = held_text(row.reference, row.resends + 1)
        else:
            note = next_run_text()
        outcome = Outcome(row.id, EntryStatus.UNCERTAIN, [*row.messages, note.both()])
        if row.reason is not EntryReason.RESENT:  # any other reason stays, as the messages do
            outcome = replace(outcome, reason=row.reason, earlier_batch=row.earlier_batch)
        self.outbox.record_outcomes([outcome])

    def _look_up(
        self, rows: list[OutboxEntry], progress: Progress
    ) -> dict[str, RemoteRecord | None]:
        """reference -> its record, or None when the server surely does not hold it; left
        out when the look-up failed. All at once first; if that fails, one by one, so one
        failing look-up does not keep the others unknown."""
        references = [row.reference for row in rows]
        with self._lock:
            progress.requests += len(references) - 1  # _call counts one
        try:
            found = self._call(self.target.find_many, references, progress=progress)
            return {reference: found.get(reference) for reference in references}
        except (RequestFailed, Rejected) as error:
            if len(rows) > 1:
                answers = self._in_pool(lambda row: self._look_up([row], progress), rows)
                return {ref: rec for answer in answers for ref, rec in (answer or {}).items()}
            [row] = rows
            self._lookup_failed.add(row.id)
            messages = with_lookup_note(row.messages, error.text)
            uncertain = Outcome(row.id, EntryStatus.UNCERTAIN, messages)
            # Its reason stays, as its messages do.
            uncertain = replace(uncertain, reason=row.reason, earlier_batch=row.earlier_batch)
            self.outbox.record_outcomes([uncertain])
            return {}

    def _in_pool(self, function, items: list) -> list:
        """Run function over items on the worker threads; the first _Stop stops them all."""
        if not items:
            return []
        stop: list[_Stop] = []

        def guarded(item):
            if stop:
                return None
            try:
                return function(item)
            except _Stop as error:
                stop.append(error)
                return None

        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="posting") as pool:
            results = list(pool.map(guarded, items))
        if stop:
            raise stop[0]
        return results

    def _send_all(
        self,
        rows: list[OutboxEntry],
        progress: Progress,
        notify: Callable[[], None],
        cancel: threading.Event,
    ) -> None:
        size = self.target.chunk_size
        chunks = [rows[i : i + size] for i in range(0, len(rows), size)]

        def send(chunk: list[OutboxEntry]) -> None:
            if cancel.is_set():  # cancel stops new work; requests under way finish
                return
            self._send_chunk(chunk, progress)
            notify()

        self._in_pool(send, chunks)

    def _send_chunk(self, chunk: list[OutboxEntry], progress: Progress) -> None:
        chunk, closed = self._closing.split(chunk)
        if closed:
            self.outbox.record_outcomes(closed)
        if not chunk:
            return
        guard = self._lease.guard if self._lease is not None else None
        try:
            self.outbox.mark_sending([row.id for row in chunk], guard=guard)
        except LeaseLost as lost:  # another run took this company over: send nothing more
            raise _Stop(lost.text) from lost
        try:
            entries = [row.entry() for row in chunk]
            answers = self._call(self.target.send, entries, progress=progress)
        except UncertainOutcome as error:
            self._record_all(chunk, EntryStatus.UNCERTAIN, [error.text.both()])
            return
        except Rejected as error:
            if says_rate_limited(error_messages(error)):  # "too many requests": not processed
                self._record_all(chunk, EntryStatus.PENDING, error_messages(error))
            else:
                self._record_all(chunk, EntryStatus.REJECTED, error_messages(error))
            return
        except RequestFailed as failed:  # nothing stored (else uncertain): wait for a rerun
            self._record_all(chunk, EntryStatus.PENDING, [failed.text.both()])
            return
        except _Stop:
            # Refused before it was processed (token, network down ...): nothing was stored.
            self._record_all(chunk, EntryStatus.PENDING, [])
            raise
        by_reference = {answer.reference: answer for answer in answers}
        outcomes = [self._outcome(row, by_reference.get(row.reference), progress) for row in chunk]
        self.outbox.record_outcomes(outcomes)
        self._closing.observe(chunk, outcomes)

    def _record_all(
        self, chunk: list[OutboxEntry], status: EntryStatus, messages: list[str]
    ) -> None:
        # A row re-sent after an unanswered request stays so (read back on a re-send).
        self.outbox.record_outcomes(
            [Outcome(row.id, status, messages, reason=_kept_reason(row)) for row in chunk]
        )

    def _outcome(self, row: OutboxEntry, answer: SaveOutcome | None, progress: Progress) -> Outcome:
        if answer is None:
            return Outcome(row.id, EntryStatus.UNCERTAIN, reason=EntryReason.NOT_MENTIONED)
        if answer.ok:
            return Outcome(
                row.id,
                EntryStatus.POSTED,
                answer.messages,
                str(answer.remote_id or ""),
                str(answer.remote_number or row.reference),
            )
        if answer.already_exists:
            return self._existing_outcome(row, answer, progress)
        if says_rate_limited(answer.messages):  # "too many requests" is never about the entry
            return Outcome(row.id, EntryStatus.PENDING, answer.messages, reason=_kept_reason(row))
        return Outcome(row.id, EntryStatus.REJECTED, answer.messages)

    def _existing_outcome(
        self, row: OutboxEntry, answer: SaveOutcome, progress: Progress
    ) -> Outcome:
        """The server already holds this reference. Ours, if an earlier attempt went unanswered."""
        if row.reason is EntryReason.RESENT:
            try:
                record = self._call(self.target.find, row.reference, progress=progress)
            except (RequestFailed, Rejected) as error:
                messages = with_lookup_note([], error.text)
                return Outcome(row.id, EntryStatus.UNCERTAIN, messages, reason=row.reason)
            if record is not None:
                return Outcome(
                    row.id,
                    EntryStatus.POSTED,
                    answer.messages,
                    record.remote_id,
                    record.remote_number,
                )
        return Outcome(row.id, EntryStatus.SKIPPED, answer.messages, reason=EntryReason.ON_SERVER)

    def _call(self, function, argument, *, progress: Progress):
        with self._lock:
            progress.requests += 1
        try:
            result = function(argument, cancel=self._cancel)
        except Cancelled as stopped:  # Stop pressed while it waited for its turn: not sent
            raise RequestFailed(stopped) from stopped
        except UncertainOutcome:
            raise  # sent, unanswered: neither a failure of the service nor an answer
        except Rejected:
            self._streak.answered()
            raise
        except (NetworkError, RateLimited, ServerError) as error:
            if self._streak.failed():  # many in a row, no answer between: the service is down
                raise _Stop(connection_stopped(error)) from error
            raise RequestFailed(error) from error
        except ApiError as error:  # token, signature, clock, permissions: every request fails
            raise _Stop(error.text) from error
        self._streak.answered()
        return result

    # -- progress ------------------------------------------------------------------------

    def _notifier(
        self,
        batch_id: str,
        progress: Progress,
        started: float,
        callback: ProgressCallback | None,
    ) -> Callable[..., None]:
        last = [float("-inf")]

        def notify(force: bool = False) -> None:
            now = self._clock()
            with self._lock:
                if not force and now - last[0] < PROGRESS_INTERVAL:
                    return
                last[0] = now
                progress.elapsed = now - started
                recount(progress, self.outbox.counts(batch_id))
            if callback is not None:
                callback(progress)

        return notify

    # -- undo ----------------------------------------------------------------------------

    def undo(
        self,
        batch_id: str,
        *,
        on_progress: StepCallback | None = None,
        cancel: threading.Event | None = None,
    ) -> list[OutboxEntry]:
        """Delete from the books what this batch posted (and only that): see
        `app.posting.undo.delete_posted`."""
        return delete_posted(
            self.outbox, self.target, batch_id, on_progress=on_progress, cancel=cancel
        )


PROGRESS_INTERVAL = 0.2  # seconds between progress reports


def error_messages(error: JurnalError) -> list[str]:
    messages = getattr(error, "messages", None)
    return list(messages) if messages else [error.text.both()]


def _kept_reason(row: OutboxEntry) -> EntryReason:
    """What an entry sent again after an unanswered request keeps through any outcome but
    posted: that it was (a later "already exists" may then be our own earlier send)."""
    return EntryReason.RESENT if row.reason is EntryReason.RESENT else EntryReason.NONE
