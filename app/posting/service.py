"""What the window and the command line share to post: open a company, check a workbook
against its chart (and, for Accurate, its branches), run the engine, keep the history.

Everything here is plain Python; the GUI calls it from worker threads.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from app.api import errors
from app.api.accurate import AccurateClient, Branch
from app.api.sempoa import SempoaClient
from app.core.books.checks import validate_entries
from app.core.books.journal import Chart, JournalEntry, Problem
from app.core.books.serialize import fingerprint
from app.core.books.written_accounts import with_account_codes
from app.core.i18n import JurnalError, Text, tr
from app.core.tasks import StepCallback
from app.posting.checks.branches import branch_problems, find_branch, in_company_spelling
from app.posting.checks.master_data import (
    Classification,
    MasterLists,
    create_classifications,
    in_company_form,
    kinds_used,
    master_problems,
    missing_classifications,
)
from app.posting.checks.voucher_limits import limit_problems
from app.posting.engine import PostingEngine
from app.posting.outbox.file import OutboxStorageError
from app.posting.outbox.history_state import history_state
from app.posting.outbox.lease import FRONT_COMMAND, PostingLease
from app.posting.outbox.ledger import Batch, EntryStatus, Outbox, OutboxEntry
from app.posting.reasons import EntryReason
from app.posting.run_report import PostingReport, Progress, ProgressCallback
from app.posting.targets import AccurateTarget, SempoaTarget
from app.profiles.store import Profile

log = logging.getLogger(__name__)

OUTBOX_FILE = "outbox.sqlite3"


def outbox_path(home: Path) -> Path:
    return home / OUTBOX_FILE


@dataclass(slots=True)
class Checked:
    """Entries checked against the company's chart, split into ready and not."""

    ready: list[JournalEntry]
    problems: list[Problem]
    invalid_references: set[str] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        return not self.problems


def split_ready(entries: Sequence[JournalEntry], problems: Sequence[Problem]) -> Checked:
    """Entries no problem points at are ready; the rest are not."""
    bad = {problem.reference for problem in problems if problem.reference}
    # A problem without a reference (an entry missing its number) taints its entry by row.
    bad_rows = {problem.row for problem in problems if not problem.reference}
    ready = [
        entry
        for entry in entries
        if entry.reference
        and entry.reference not in bad
        and not any(line.row in bad_rows for line in entry.lines)
    ]
    ready_ids = {id(entry) for entry in ready}
    invalid = {entry.reference for entry in entries if id(entry) not in ready_ids}
    return Checked(ready, list(problems), invalid)


def description_problems(entries: Sequence[JournalEntry]) -> list[Problem]:
    """Entries without a description, for services that require one (Sempoa)."""
    return [
        problem
        for problem in validate_entries(entries, None, require_description=True)
        if problem.field == "description"
    ]


class NotReady(JurnalError):
    """Some entries are invalid; nothing was sent."""

    def __init__(self, checked: Checked) -> None:
        super().__init__(
            tr(
                "{n} masalah pada jurnal; tidak ada yang dikirim. Perbaiki dulu, atau pilih "
                "untuk memposting jurnal yang valid saja.",
                n=len(checked.problems),
            )
        )
        self.checked = checked


Client = AccurateClient | SempoaClient
ClientSource = Callable[[], Client]


@dataclass(frozen=True, slots=True)
class ChartReading:
    """What a company's check read: its chart and (Accurate) its branches and the master
    data the entries use, over one client.

    Handed from a check to the post that follows it, so that one post reads the chart once
    (`Company.reading()`, then `Company.use_reading()`). It is worth something only on the
    client that read it: a company reached over another client (new connection settings, or
    the session was left meanwhile) reads the chart again."""

    chart: Chart
    branches: list[Branch] | None
    client: Client = field(compare=False, repr=False)
    # Accurate's departments, projects, parties and classifications the check read.
    master: MasterLists | None = field(default=None, compare=False, repr=False)


def close_client(client: Client) -> None:
    client.close()


class Company:
    """One profile and how to reach it: its client, posting target and chart. Close when done.

    Making one does no I/O: the client is made by `connect` on first use (network: use the
    company from a worker or the command line), or at once by `connect()`. `release` is
    handed the client at `close()`: by default it closes it; a window session that shares one
    client between its tasks hands it back instead (`app.setup.shared_client`)."""

    def __init__(
        self,
        profile: Profile,
        connect: ClientSource,
        *,
        bulk: bool | None = None,
        release: Callable[[Client], None] = close_client,
    ) -> None:
        """`bulk` overrides the profile's bulk-posting setting."""
        self.profile = profile
        self._connect = connect
        self._release = release
        self._bulk = profile.bulk_posting if bulk is None else bulk
        self._lock = threading.Lock()  # the engine's threads may ask for the target at once
        self._client: Client | None = None
        self._target: AccurateTarget | SempoaTarget | None = None
        self._chart: Chart | None = None
        self._branches: list[Branch] | None = None
        self._branches_read = False
        self._master = MasterLists()  # departments, projects ...: each read once, when needed

    def connect(self) -> Company:
        """Reach the company now (network), rather than at the first request."""
        _ = self.client
        return self

    @property
    def connected(self) -> bool:
        return self._client is not None

    @property
    def client(self) -> Client:
        with self._lock:
            if self._client is None:
                self._client = self._connect()
            return self._client

    @property
    def target(self) -> AccurateTarget | SempoaTarget:
        client = self.client
        with self._lock:
            if self._target is None:
                if isinstance(client, AccurateClient):
                    self._target = AccurateTarget(client, bulk=self._bulk)
                else:
                    self._target = SempoaTarget(client)
            return self._target

    @target.setter
    def target(self, target: AccurateTarget | SempoaTarget) -> None:
        with self._lock:
            self._target = target

    def chart(self, *, reload: bool = False) -> Chart:
        """The company's chart, read once per `Company` (or taken from `use_reading`);
        `reload` reads it again."""
        if self._chart is None or reload:
            self._chart = self.client.accounts()
        return self._chart

    def reading(self) -> ChartReading:
        """The chart and branches as this company has read them (reads what it has not)."""
        return ChartReading(self.chart(), self.branches(), self.client, self._master)

    def use_reading(self, reading: ChartReading) -> bool:
        """Take the chart and branches a check read, instead of reading them again, when
        that check ran over this company's client (network: connects when not yet); False
        (nothing taken) when the client is another one."""
        if reading.client is not self.client:
            return False
        self._chart = reading.chart
        self._branches, self._branches_read = reading.branches, True
        if reading.master is not None:
            self._master = reading.master
        return True

    def branches(self) -> list[Branch] | None:
        """Accurate: the company's branches, read once per connection (like the chart).
        None for Sempoa, or when the token may not list them (then the service itself
        decides each save). The client's default branch takes the company's spelling."""
        if not isinstance(self.client, AccurateClient):
            return None
        if not self._branches_read:
            try:
                self._branches = self.client.branches()
            except errors.PermissionDenied:
                log.warning("the token may not list branches; they are not checked before sending")
                self._branches = None
            self._branches_read = True
            found = find_branch(self.client.default_branch, self._branches or [])
            if found is not None:
                self.client.default_branch = found.name
        return self._branches

    def branch_problems(self, entries: Sequence[JournalEntry]) -> list[Problem]:
        """Entries without a branch the company needs, or with one it does not have."""
        branches = self.branches()
        if branches is None:
            return []
        return branch_problems(entries, branches, self.profile.branch)

    def master_lists(self, entries: Sequence[JournalEntry]) -> MasterLists | None:
        """Accurate: the departments, projects, parties and classifications these entries
        name, each list read once per `Company` (side by side) and only when some entry uses
        it. None for Sempoa."""
        if not isinstance(self.client, AccurateClient):
            return None
        self._master.read(self.client, kinds_used(entries))
        return self._master

    def master_problems(self, entries: Sequence[JournalEntry]) -> list[Problem]:
        """Accurate: master values the company does not have (or has suspended, or are
        parents), and numbers beyond a voucher line's limits; [] for Sempoa."""
        lists = self.master_lists(entries)
        if lists is None:
            return []
        return master_problems(entries, lists) + limit_problems(entries)

    def missing_classifications(self, entries: Sequence[JournalEntry]) -> list[Classification]:
        lists = self.master_lists(entries)
        return missing_classifications(entries, lists) if lists is not None else []

    def create_classifications(self, missing: Sequence[Classification]) -> list[Classification]:
        """Create these data classifications in the company (asked for by the user)."""
        client = self.client
        if not isinstance(client, AccurateClient) or not missing:
            return []
        return create_classifications(client, missing, self._master)

    def check(self, entries: Sequence[JournalEntry]) -> Checked:
        """The entries against the chart, the branches and (Accurate) the master data; the
        ready ones carry their accounts as the chart's codes (what was written kept beside),
        and their branch and master values as the company writes them."""
        problems = validate_entries(
            entries, self.chart(), require_description=self.target.require_description
        )
        problems += self.branch_problems(entries) + self.master_problems(entries)
        checked = split_ready(entries, problems)
        ready = with_account_codes(checked.ready, self.chart())
        checked.ready = in_company_spelling(ready, self.branches() or [])
        if isinstance(self.client, AccurateClient):
            checked.ready = in_company_form(checked.ready, self._master)
        return checked

    def close(self) -> None:
        """Let go of the client (nothing to do when it was never made). Safe to call twice."""
        with self._lock:
            client, self._client, self._target = self._client, None, None
        if client is not None:
            self._release(client)

    def __enter__(self) -> Company:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def post_entries(
    outbox: Outbox,
    company: Company,
    entries: Sequence[JournalEntry],
    *,
    source_file: str = "",
    source_sheet: str = "",
    allow_duplicates: bool = False,
    only_valid: bool = False,
    on_progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    front: str = FRONT_COMMAND,
    wait: float = 0.0,
    resend_unclear: bool = False,
) -> PostingReport:
    """Post (or resume posting) these entries; the outbox keeps what happened.

    The entries are checked against the company's current chart first: nothing is sent
    while any entry is invalid, unless `only_valid` asks to post the valid ones alone.
    Posting holds the company's lease (one poster per company across processes): another
    run posting there makes this one wait up to `wait` seconds, then raise PostingBusy.
    `front` says who is posting (the window or the command line), for that message."""
    checked = company.check(entries)
    if checked.problems and not only_valid:
        raise NotReady(checked)
    entries = checked.ready
    unchanged = already_on_books(outbox, company.profile.name, entries)
    if unchanged is not None:
        if on_progress is not None:
            on_progress(unchanged.progress)
        return unchanged
    try:
        with PostingLease(outbox, company.profile.name, front=front) as lease:
            lease.acquire(wait=wait, cancel=cancel)
            engine = PostingEngine(
                outbox,
                company.target,
                company.profile.name,
                allow_duplicates=allow_duplicates,
                resend_unclear=resend_unclear,
                lease=lease,
                refuses_repeated_numbers=not company.profile.accepts_repeated_numbers,
            )
            batch = engine.open_batch(entries, source_file=source_file, source_sheet=source_sheet)
            return engine.run(batch, on_progress=on_progress, cancel=cancel)
    except OutboxStorageError as failure:
        # The disk failed mid-run: say what the history holds, never "nothing was posted".
        state = history_state(outbox, company.profile.name, entries)
        raise failure.with_state(state) from failure


def already_on_books(
    outbox: Outbox, profile: str, entries: Sequence[JournalEntry]
) -> PostingReport | None:
    """When every entry is on the company's books already (posted by this app with the same
    content) and none belongs to an unfinished batch: what a run would report, each entry
    skipped as posted before, without opening a batch. A re-post that would send nothing
    then adds nothing to the history. None when anything would be sent."""
    if not entries or outbox.unfinished_batch(profile, entries) is not None:
        return None
    rows = []
    for position, entry in enumerate(entries):
        posted = outbox.posted_reference(profile, entry.reference)
        if posted is None or posted.fingerprint != fingerprint(entry):
            return None
        rows.append(
            dataclasses.replace(
                posted,
                position=position,
                status=EntryStatus.SKIPPED,
                messages=[],
                reason=EntryReason.ALREADY_POSTED,
                earlier_batch=posted.batch_id,
            )
        )
    latest = max(rows, key=lambda row: row.id)  # the batch that posted them last
    progress = Progress(total=len(rows), skipped=len(rows))
    return PostingReport(outbox.batch(latest.batch_id), progress, rows)


def undo_batch(
    outbox: Outbox,
    company: Company,
    batch: Batch,
    *,
    front: str = FRONT_COMMAND,
    on_progress: StepCallback | None = None,
    cancel: threading.Event | None = None,
) -> list[OutboxEntry]:
    """Delete what the batch posted, holding the company's lease (no posting meanwhile);
    `on_progress` and `cancel` as for `PostingEngine.undo`."""
    if batch.profile != company.profile.name:
        raise ValueError("the batch belongs to another profile")
    with PostingLease(outbox, company.profile.name, front=front) as lease:
        lease.acquire()
        engine = PostingEngine(outbox, company.target, company.profile.name, lease=lease)
        return engine.undo(batch.id, on_progress=on_progress, cancel=cancel)


@contextlib.contextmanager
def opened_outbox(home: Path) -> Iterator[Outbox]:
    outbox = Outbox(outbox_path(home))
    try:
        yield outbox
    finally:
        outbox.close()


def batch_profile_missing(batch: Batch) -> Text:
    return tr(
        "Batch {b} diposting ke profil '{p}', yang sudah tidak ada; tambahkan lagi profil itu "
        "untuk membatalkannya.",
        b=batch.id,
        p=batch.profile,
    )
