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
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Protocol, TypeVar

from app.api.errors import (
    ApiError,
    NetworkError,
    RateLimited,
    Rejected,
    ServerError,
    UncertainOutcome,
)
from app.api.ratelimit import Cancelled
from app.api.records import RemoteVoucher
from app.api.reply_wording import says_rate_limited
from app.core.books.journal import JournalEntry
from app.core.i18n import JurnalError, Text
from app.core.i18n.messages import Message, service_words
from app.core.tasks import StepCallback
from app.posting.checks.closing_date import ClosingDateGuard
from app.posting.failures import (
    FailureStreak,
    RequestFailed,
    connection_stopped,
    with_lookup_note,
)
from app.posting.matching import differences, has_lines, not_ours_text
from app.posting.outbox.lease import LeaseLost, PostingLease
from app.posting.outbox.ledger import UNRESOLVED, Batch, EntryStatus, Outbox, OutboxEntry, Outcome
from app.posting.reasons import EntryReason
from app.posting.reconcile.versions import saved_stamp
from app.posting.remote_ids import without_shared_ids
from app.posting.resends import Resend, ResendPolicy, held_text, next_run_text
from app.posting.reversal.undo import delete_posted
from app.posting.run_report import PostingReport, Progress, ProgressCallback, recount
from app.posting.target_protocol import PostingTarget, RemoteRecord, SaveOutcome

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
# Failed look-ups of one entry (each after all its retries) before a run leaves it to the next.
LOOK_UPS_PER_RUN = 3
# Entries whose look-up together failed are looked up one by one when they are this few.
ONE_BY_ONE_LOOK_UPS = 8
# Reasons that make a voucher found under the entry's number suspect until read whole: the
# save answer named another voucher or none, its id was given to another entry, or it was
# sent again after a look-up found it absent.
SUSPECT_REASONS = frozenset(
    {EntryReason.ANSWER_UNCONFIRMED, EntryReason.SHARED_ID, EntryReason.RESENT}
)


def round_pause(round_: int) -> float:
    """Seconds before the unclear entries are looked up again after round `round_` (1, 2, 4
    s, then 4 s a round): time for a service that was failing to recover, and for a save
    that was slow to show in its lists. Ten rounds wait at most about half a minute."""
    return min(2.0 ** (round_ - 1), 4.0)


_Item = TypeVar("_Item")
_Result = TypeVar("_Result")
_Asked = TypeVar("_Asked", contravariant=True)
_Answered = TypeVar("_Answered", covariant=True)


class _Request(Protocol[_Asked, _Answered]):
    """One call to the target: what it is asked, and the run's Stop as `cancel`."""

    def __call__(self, asked: _Asked, /, *, cancel: threading.Event | None) -> _Answered: ...


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
        refuses_repeated_numbers: bool = True,
        pause: Callable[[int], float] | None = None,
    ) -> None:
        """`lease`: this run's hold on the company (app.posting.outbox.lease); every intent to send
        is checked against it. `resend_unclear`: the user checked the service and asks to send
        again entries held back after too many unclear sends. `refuses_repeated_numbers`: the
        service refuses a second voucher with a number it holds (both services do), so an
        entry may be sent again in this run after each clean "not there" (app.posting.resends);
        False keeps to one re-send a run. `pause(round)`: seconds to wait before looking the
        still unclear entries up again (default `round_pause`)."""
        self.outbox = outbox
        self.target = target
        self.profile = profile
        self.workers = workers
        self.reconcile_rounds = reconcile_rounds
        self.allow_duplicates = allow_duplicates
        self._clock = clock
        self._lock = threading.Lock()
        self._streak = FailureStreak(workers)
        self._lookup_failed: set[int] = set()  # rows whose look-up failed this round
        self._held: set[int] = set()  # rows not looked up nor sent again in this run
        self._lookup_failures: Counter[int] = Counter()  # failed look-ups per row, this run
        self._resends = ResendPolicy(
            allow_more=resend_unclear, numbers_refused=refuses_repeated_numbers
        )
        self._pause = pause or round_pause
        self._record_lock = threading.Lock()
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
        report = PostingReport(batch, progress, posted_earlier=self._posted_ids(batch.id))
        notify = self._notifier(batch.id, progress, started, on_progress)
        try:
            self._reconcile(self.outbox.unresolved(self.profile), progress)
            to_send = self._skip_known(self.outbox.entries(batch.id), progress)
            if self.outbox.lookup_first:  # the history before this one was lost
                to_send = self._looked_up_first(to_send, progress)
            notify(force=True)
            for round_ in range(self.reconcile_rounds + 1):
                self._send_all(to_send, progress, notify, cancel, round_)
                if cancel.is_set():
                    break
                uncertain = self.outbox.entries(batch.id, [EntryStatus.UNCERTAIN])
                uncertain = [row for row in uncertain if row.id not in self._held]
                if not uncertain or round_ == self.reconcile_rounds:
                    break
                if round_ and cancel.wait(self._pause(round_)):
                    break  # Stop pressed during the pause
                self._lookup_failed.clear()  # looked up again after the pause
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

    def _posted_ids(self, batch_id: str) -> frozenset[int]:
        """The batch's entries already posted when this run starts (a resumed batch)."""
        posted = self.outbox.entries(batch_id, [EntryStatus.POSTED])
        return frozenset(row.id for row in posted)

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
        """Look each unresolved entry up on the server; return those that are not there (to
        send again). An entry whose look-up failed stays uncertain: a later round of this run
        looks it up again, after a pause."""
        rows = [row for row in rows if row.id not in self._lookup_failed | self._held]
        if not rows:
            return []
        by_reference = {row.reference: row for row in rows}
        missing: list[OutboxEntry] = []
        proven_early: set[str] = set()

        def not_there(reference: str) -> None:  # recorded at once: a kill cannot lose it
            proven_early.add(reference)
            self._not_on_server(by_reference[reference], missing)

        found = self._look_up(rows, progress, on_absent=not_there)
        for row in rows:
            if row.reference in proven_early:
                continue
            if row.reference in found and found[row.reference] is None:
                self._not_on_server(row, missing)
        return missing

    def _looked_up_first(self, rows: list[OutboxEntry], progress: Progress) -> list[OutboxEntry]:
        """Entries the lost history may have posted: those on the server are recorded as
        posted, the rest are sent; one whose look-up failed waits for a later round."""
        if not rows:
            return []
        found = self._look_up(rows, progress)
        return [row for row in rows if row.reference in found and found[row.reference] is None]

    def _look_up(
        self,
        rows: list[OutboxEntry],
        progress: Progress,
        on_absent: Callable[[str], None] | None = None,
    ) -> dict[str, RemoteVoucher | None]:
        """reference -> the voucher holding it, or None when the server surely does not; left
        out when the look-up failed. Many entries are found in the service's list pages, and
        each find is judged and recorded as its page arrives, so an interrupted look-up is
        never repeated for what it found. If the look-up fails for a few entries, they are
        looked up one by one, so one failing look-up does not keep the others unknown."""
        by_reference = {row.reference: row for row in rows}
        sent = {row.reference: row.entry() for row in rows}
        settled: dict[str, RemoteVoucher | None] = {}
        need_lines: list[OutboxEntry] = []

        def on_found(page: Mapping[str, RemoteVoucher]) -> None:
            for reference, voucher in page.items():
                row = by_reference.get(reference)
                if row is not None and reference not in settled:
                    settled[reference] = voucher
                    if self._needs_lines(row, voucher):
                        need_lines.append(row)
                    else:
                        self._judge_found(row, sent[reference], voucher)

        def absent(reference: str) -> None:
            if reference in by_reference and reference not in settled:
                settled[reference] = None
                if on_absent is not None:
                    on_absent(reference)

        def look_up(
            entries: Sequence[JournalEntry], *, cancel: threading.Event | None
        ) -> dict[str, RemoteVoucher]:
            return self.target.look_up(entries, on_found=on_found, on_absent=absent, cancel=cancel)

        try:
            self._call(look_up, list(sent.values()), progress=progress)
        except (RequestFailed, Rejected) as error:
            left = [row for row in rows if row.reference not in settled]
            if 1 < len(rows) <= ONE_BY_ONE_LOOK_UPS:
                for answer in self._in_pool(lambda row: self._look_up([row], progress), left):
                    settled.update(answer or {})
            else:
                self._lookup_failed_for(left, error.text)
                if isinstance(error, RequestFailed):
                    self._failed_for_many(len(left), error)
            return self._read_lines(need_lines, sent, settled, progress)
        for reference in by_reference:
            settled.setdefault(reference, None)
        return self._read_lines(need_lines, sent, settled, progress)

    def _failed_for_many(self, count: int, error: RequestFailed) -> None:
        """A list look-up stands for one look-up per entry: when it fails, it counts as up to
        ONE_BY_ONE_LOOK_UPS failed requests (the one `_call` counted included), so a service
        that answers nothing stops the run as it would with look-ups one by one."""
        for _ in range(min(count, ONE_BY_ONE_LOOK_UPS) - 1):
            if self._streak.failed():
                raise _Stop(connection_stopped(error.text))

    def _needs_lines(self, row: OutboxEntry, voucher: RemoteVoucher) -> bool:
        """Whether what was found must be read whole before it is judged: the entry's
        earlier answer was suspect (or it was sent again), and the look-up gave no lines."""
        if voucher.date is None:
            return True
        return row.reason in SUSPECT_REASONS and not has_lines(voucher)

    def _read_lines(
        self,
        rows: list[OutboxEntry],
        sent: dict[str, JournalEntry],
        settled: dict[str, RemoteVoucher | None],
        progress: Progress,
    ) -> dict[str, RemoteVoucher | None]:
        """Read the vouchers of `rows` whole (detail), then judge them."""
        for row in rows:
            try:
                voucher = self._call(self.target.read, row.reference, progress=progress)
            except (RequestFailed, Rejected) as error:
                settled.pop(row.reference, None)
                self._lookup_failed_for([row], error.text)
                continue
            settled[row.reference] = voucher
            if voucher is not None:
                self._judge_found(row, sent[row.reference], voucher)
        return settled

    def _lookup_failed_for(self, rows: list[OutboxEntry], reason: Text) -> None:
        """These entries could not be looked up: uncertain still, with a note, their reason
        kept (as their messages are); looked up again in a later round."""
        outcomes = []
        for row in rows:
            self._lookup_failed.add(row.id)
            self._lookup_failures[row.id] += 1
            if self._lookup_failures[row.id] >= LOOK_UPS_PER_RUN:
                self._held.add(row.id)  # the service cannot look it up now: next run
            messages = with_lookup_note(row.messages, reason)
            outcomes.append(
                Outcome(
                    row.id,
                    EntryStatus.UNCERTAIN,
                    messages,
                    reason=row.reason,
                    earlier_batch=row.earlier_batch,
                )
            )
        if outcomes:
            self.outbox.record_outcomes(outcomes)

    def _judge_found(self, row: OutboxEntry, sent: JournalEntry, voucher: RemoteVoucher) -> None:
        """A look-up found a voucher under the entry's number: posted (by an earlier send)
        when it is what was sent; otherwise someone else's voucher holds the number."""
        problems = differences(sent, voucher)
        if problems:
            self._held.add(row.id)  # never sent again over another voucher's number
            note = not_ours_text(row.reference, problems)
            self._record(
                [Outcome(row.id, EntryStatus.UNCERTAIN, [note], reason=EntryReason.NOT_OURS)]
            )
            return
        self._record(
            [
                Outcome(
                    row.id,
                    EntryStatus.POSTED,
                    remote_id=voucher.remote_id,
                    remote_number=voucher.number or row.reference,
                    reason=EntryReason.FOUND_ON_SERVER,
                )
            ]
        )

    def _not_on_server(self, row: OutboxEntry, missing: list[OutboxEntry]) -> None:
        """A look-up says plainly the entry is not there: send it again, within bounds."""
        decision = self._resends.decide(row)
        if decision is Resend.SEND:
            self.outbox.mark_resend(row.id)
            missing.append(self.outbox.get(row.id))
            return
        self._held.add(row.id)  # decided for this run: not looked up again in it
        if decision is Resend.ASK:
            note = held_text(row.reference, row.resends + 1)
        else:
            note = next_run_text(self._resends.sent_this_run(row))
        outcome = Outcome(row.id, EntryStatus.UNCERTAIN, [*row.messages, note])
        if row.reason is not EntryReason.RESENT:  # any other reason stays, as the messages do
            outcome = replace(outcome, reason=row.reason, earlier_batch=row.earlier_batch)
        self.outbox.record_outcomes([outcome])

    def _record(self, outcomes: list[Outcome]) -> None:
        """Record outcomes; a voucher id claimed by two entries makes both uncertain (checked
        and written under one lock, so two workers cannot both claim one id)."""
        with self._record_lock:
            self.outbox.record_outcomes(without_shared_ids(self.outbox, self.profile, outcomes))

    def _in_pool(
        self, function: Callable[[_Item], _Result], items: Sequence[_Item]
    ) -> list[_Result | None]:
        """Run function over items on the worker threads; the first _Stop stops them all
        (the items not run then answer None)."""
        if not items:
            return []
        stop: list[_Stop] = []

        def guarded(item: _Item) -> _Result | None:
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
        round_: int = 0,
    ) -> None:
        # Sent again in smaller chunks each round (100, 25, 6, 1): one voucher the service
        # cannot take fails its whole bulk request, and would keep its companions unclear.
        size = max(1, self.target.chunk_size // 4**round_)
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
            self._record_all(chunk, EntryStatus.UNCERTAIN, [error.text])
            return
        except Rejected as error:
            # "Too many requests": not processed.
            if says_rate_limited(service_words(error_messages(error))):
                self._record_all(chunk, EntryStatus.PENDING, error_messages(error))
            else:
                self._record_all(chunk, EntryStatus.REJECTED, error_messages(error))
            return
        except RequestFailed as failed:  # nothing stored (else uncertain): wait for a rerun
            self._record_all(chunk, EntryStatus.PENDING, [failed.text])
            return
        except _Stop:
            # Refused before it was processed (token, network down ...): nothing was stored.
            self._record_all(chunk, EntryStatus.PENDING, [])
            raise
        by_reference = {answer.reference: answer for answer in answers}
        outcomes = [self._outcome(row, by_reference.get(row.reference), progress) for row in chunk]
        self._record(outcomes)
        self._closing.observe(chunk, outcomes)

    def _record_all(
        self, chunk: list[OutboxEntry], status: EntryStatus, messages: list[Message]
    ) -> None:
        # A row re-sent after an unanswered request stays so (read back on a re-send).
        self.outbox.record_outcomes(
            [Outcome(row.id, status, messages, reason=_kept_reason(row)) for row in chunk]
        )

    def _outcome(self, row: OutboxEntry, answer: SaveOutcome | None, progress: Progress) -> Outcome:
        if answer is None:
            return Outcome(row.id, EntryStatus.UNCERTAIN, reason=EntryReason.NOT_MENTIONED)
        if answer.ok:
            version, total = saved_stamp(row.entry(), answer.remote_version, answer.remote_total)
            return Outcome(
                row.id,
                EntryStatus.POSTED,
                answer.messages,
                str(answer.remote_id or ""),
                str(answer.remote_number or row.reference),
                remote_version=version,
                remote_total=total,
            )
        if getattr(answer, "unconfirmed", False):  # "saved", naming another voucher or none
            return Outcome(
                row.id,
                EntryStatus.UNCERTAIN,
                answer.messages,
                reason=EntryReason.ANSWER_UNCONFIRMED,
            )
        if answer.already_exists:
            return self._existing_outcome(row, answer, progress)
        # "Too many requests" is never about the entry.
        if says_rate_limited(service_words(answer.messages)):
            return Outcome(row.id, EntryStatus.PENDING, answer.messages, reason=_kept_reason(row))
        if row.reason in SUSPECT_REASONS:
            # An earlier send may be in the books, and a refusal worded in a way not known
            # (app.api.reply_language) may mean "already there": read it before "refused".
            return self._existing_outcome(row, answer, progress, absent=EntryStatus.REJECTED)
        return Outcome(row.id, EntryStatus.REJECTED, answer.messages)

    def _existing_outcome(
        self,
        row: OutboxEntry,
        answer: SaveOutcome,
        progress: Progress,
        absent: EntryStatus = EntryStatus.UNCERTAIN,
    ) -> Outcome:
        """The server already holds this number. Ours, if an earlier send went unanswered and
        the voucher found under the number is the one sent (read whole and compared). `absent`:
        what the entry is when the number is not there after all."""
        if row.reason in SUSPECT_REASONS:
            try:
                found = self._call(self.target.read, row.reference, progress=progress)
            except (RequestFailed, Rejected) as error:
                messages = with_lookup_note([], error.text)
                return Outcome(row.id, EntryStatus.UNCERTAIN, messages, reason=row.reason)
            if found is None:  # refused as "already there", then not there: unclear
                return Outcome(row.id, absent, answer.messages, reason=row.reason)
            problems = differences(row.entry(), found)
            if not problems:
                return Outcome(
                    row.id,
                    EntryStatus.POSTED,
                    answer.messages,
                    found.remote_id,
                    found.number or row.reference,
                    reason=EntryReason.FOUND_ON_SERVER,
                )
            self._held.add(row.id)
            note = not_ours_text(row.reference, problems)
            return Outcome(row.id, EntryStatus.UNCERTAIN, [note], reason=EntryReason.NOT_OURS)
        return Outcome(row.id, EntryStatus.SKIPPED, answer.messages, reason=EntryReason.ON_SERVER)

    def _call(
        self, function: _Request[_Item, _Result], argument: _Item, *, progress: Progress
    ) -> _Result:
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
                raise _Stop(connection_stopped(error.text)) from error
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
        `app.posting.reversal.undo.delete_posted`."""
        return delete_posted(
            self.outbox, self.target, batch_id, on_progress=on_progress, cancel=cancel
        )


PROGRESS_INTERVAL = 0.2  # seconds between progress reports


def error_messages(error: JurnalError) -> list[Message]:
    messages = getattr(error, "messages", None)
    return list(messages) if messages else [error.text]


def _kept_reason(row: OutboxEntry) -> EntryReason:
    """What an entry sent again after an unanswered request keeps through any outcome but
    posted: that it was (a later "already exists" may then be our own earlier send)."""
    return EntryReason.RESENT if row.reason is EntryReason.RESENT else EntryReason.NONE
