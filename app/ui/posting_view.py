"""The posting view: the moment a month of journals goes to the company, and what became of it.

Flow: `start()` checks the entries against the company's current chart on a worker; problems
are listed and nothing is sent unless the user picks "Posting yang valid saja". Posting runs
on a worker (`run_posting`): the engine's progress arrives on its own threads, is put in a
`PostingFeed` together with the outbox rows that changed since (read back from the outbox by
id, see `WatchedOutbox`), and the runner's progress signal wakes the GUI thread, which takes
the feed and updates the bar, the counts and the table. "Hentikan" sets the run's stop event:
requests under way finish, and "Lanjutkan" posts the same entries again, which resumes the
unfinished batch (the engine never posts an entry twice). At the end: a summary, the table,
the result workbook, and for Accurate the undo of the batch.

Dependencies come in through the constructor: the executor, a callable returning a connected
`Company` (called on a worker: connecting is network I/O), the outbox home, the entries and
the `ImportResult` they came from. `session_company` builds the callable from the window's
company session. Nothing here calls `processEvents()`; the GUI thread waits for a worker only
in `shutdown`, when the window closes.
"""

from __future__ import annotations

import dataclasses
import html
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any, Final, Protocol

from PySide6.QtCore import (
    QSortFilterProxyModel,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.api.ratelimit import LimiterRegistry
from app.core.excel_reader import ImportResult
from app.core.i18n import JurnalError, Text, current_language, tr
from app.core.journal import JournalEntry
from app.core.money import ZERO, NumberStyle, format_amount
from app.posting.engine import ALREADY_POSTED_MARK, PostingReport
from app.posting.engine import Progress as EngineProgress
from app.posting.lease import FRONT_WINDOW
from app.posting.outbox import Batch, EntryStatus, Outbox, OutboxEntry, Outcome
from app.posting.report import write_posting_report
from app.posting.service import (
    Checked,
    Company,
    NotReady,
    opened_outbox,
    outbox_path,
    post_entries,
    undo_batch,
)
from app.profiles.store import Profile
from app.ui.dialogs import ask
from app.ui.posting_model import (
    ATTENTION,
    ATTENTION_ROLE,
    DATE,
    DEBIT,
    DESCRIPTION,
    NUMBER,
    REFERENCE,
    REMOTE,
    STATUS,
    PostingModel,
)
from app.ui.tasks import TaskRunner, TaskState

ConnectCompany = Callable[[], Company]
ReportPathChooser = Callable[[QWidget, Path], Path | None]
SHUTDOWN_WAIT_SECONDS: Final = 30.0
SERVICE_NAMES: Final = {"accurate": "Accurate Online", "sempoa": "Sempoa"}


# --- plain Python: connecting, watching the outbox, the worker functions ----------------------


class CompanySessionLike(Protocol):
    """What `session_company` needs of the window's `CompanySession`."""

    profile: Profile
    secrets: Any  # SecretStore or the demo's secrets

    def current_profile(self) -> Profile: ...

    def store_host(self) -> Callable[[str], None] | None: ...


def session_company(
    session: CompanySessionLike, limiters: LimiterRegistry, *, bulk: bool | None = None
) -> ConnectCompany:
    """A callable that connects the session's company (call it on a worker; close the result)."""

    def connect_company() -> Company:
        return Company(
            session.current_profile(),
            session.secrets,
            limiters,
            store_host=session.store_host(),
            bulk=bulk,
        )

    return connect_company


def company_label(profile: Profile) -> str:
    service = SERVICE_NAMES.get(profile.service, profile.service)
    return f"{profile.company_name or profile.name} · {service}"


class WatchedOutbox(Outbox):
    """The outbox, noting which rows changed and which batch the engine opened, so progress
    can carry just the rows that changed (read back from the ledger, by id)."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(path)
        self._changes_lock = threading.Lock()
        self._changed: set[int] = set()
        self.opened: Batch | None = None

    def take_changed(self) -> set[int]:
        with self._changes_lock:
            changed, self._changed = self._changed, set()
        return changed

    def _note(self, ids: Sequence[int]) -> None:
        with self._changes_lock:
            self._changed.update(ids)

    def unfinished_batch(self, profile: str, entries: Sequence[JournalEntry]) -> Batch | None:
        batch = super().unfinished_batch(profile, entries)
        if batch is not None:
            self.opened = batch
        return batch

    def create_batch(self, *args: Any, **kwargs: Any) -> Batch:
        self.opened = super().create_batch(*args, **kwargs)
        return self.opened

    def mark_sending(self, entry_ids: Sequence[int], guard: Any = None) -> None:
        super().mark_sending(entry_ids, guard)
        self._note(entry_ids)

    def mark_posted(self, entry_id: int, **kwargs: Any) -> None:
        super().mark_posted(entry_id, **kwargs)
        self._note([entry_id])

    def record_outcomes(self, outcomes: Sequence[Outcome]) -> None:
        super().record_outcomes(outcomes)
        self._note([outcome.entry_id for outcome in outcomes])

    def mark(self, entry_id: int, status: EntryStatus, messages: Sequence[str] = ()) -> None:
        super().mark(entry_id, status, messages)
        self._note([entry_id])


class PostingFeed:
    """Hands the engine's progress and the changed outbox rows from the posting threads to the
    GUI thread: workers `publish`, the GUI `take`s everything published since (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._progress: EngineProgress | None = None
        self._rows: dict[int, OutboxEntry] = {}

    def publish(self, progress: EngineProgress, rows: Sequence[OutboxEntry]) -> None:
        snapshot = dataclasses.replace(progress)  # the engine keeps changing its own
        with self._lock:
            self._progress = snapshot
            for row in rows:
                self._rows[row.id] = row  # a later reading of a row replaces an earlier one

    def take(self) -> tuple[EngineProgress | None, list[OutboxEntry]]:
        with self._lock:
            progress, rows = self._progress, list(self._rows.values())
            self._progress, self._rows = None, {}
        return progress, rows


class _ProgressRelay:
    """The engine's progress callback (called on its posting threads): reads the rows that
    changed, publishes them, and wakes the GUI through the runner's progress signal."""

    def __init__(self, outbox: WatchedOutbox, feed: PostingFeed, state: TaskState) -> None:
        self._outbox = outbox
        self._feed = feed
        self._state = state
        self._lock = threading.Lock()  # one reader at a time, so a newer reading wins
        self._loaded: str | None = None  # the batch whose rows were read whole

    def __call__(self, progress: EngineProgress) -> None:
        with self._lock:
            changed = self._outbox.take_changed()
            batch = self._outbox.opened
            if batch is None:
                rows: list[OutboxEntry] = []
            elif self._loaded != batch.id:
                # A resumed batch has rows settled by an earlier run: read them all once.
                rows, self._loaded = self._outbox.entries(batch.id), batch.id
            else:
                read = (self._outbox.get(entry_id) for entry_id in sorted(changed))
                rows = [row for row in read if row.batch_id == batch.id]
            self._feed.publish(progress, rows)
        self._state.set_progress(progress.done, progress.total)


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    checked: Checked
    company: str  # as shown: the company's name and service
    service: str  # "accurate" or "sempoa"


def check_entries(
    connect_company: ConnectCompany, entries: Sequence[JournalEntry], state: TaskState
) -> CheckOutcome:
    """Worker: the entries checked against the company's current chart."""
    with connect_company() as company:
        state.check()
        checked = company.check(entries)
        return CheckOutcome(checked, company_label(company.profile), company.profile.service)


@dataclass(frozen=True, slots=True)
class PostingJob:
    connect_company: ConnectCompany
    outbox_home: Path
    entries: tuple[JournalEntry, ...]
    source: ImportResult | None = None
    only_valid: bool = False


def run_posting(
    job: PostingJob, feed: PostingFeed, stop: threading.Event, state: TaskState
) -> PostingReport:
    """Worker: post (or resume) the job's entries; `stop` stops it between requests."""
    source_file = str(job.source.path.resolve()) if job.source is not None else ""
    source_sheet = job.source.sheet if job.source is not None else ""
    with (
        job.connect_company() as company,
        WatchedOutbox(outbox_path(job.outbox_home)) as outbox,
    ):
        return post_entries(
            outbox,
            company,
            job.entries,
            source_file=source_file,
            source_sheet=source_sheet,
            only_valid=job.only_valid,
            on_progress=_ProgressRelay(outbox, feed, state),
            cancel=stop,
            front=FRONT_WINDOW,
        )


def save_report(
    report: PostingReport, path: Path, source: ImportResult | None, state: TaskState
) -> Path:
    """Worker: the result workbook, in the app's language."""
    return write_posting_report(report, path, source=source, language=current_language())


@dataclass(frozen=True, slots=True)
class UndoOutcome:
    undone: list[OutboxEntry]
    entries: list[OutboxEntry]  # the whole batch afterwards


def undo_posted(
    connect_company: ConnectCompany, outbox_home: Path, batch: Batch, state: TaskState
) -> UndoOutcome:
    """Worker: delete from the books what this batch posted."""
    with connect_company() as company, opened_outbox(outbox_home) as outbox:
        undone = undo_batch(outbox, company, batch, front=FRONT_WINDOW)
        return UndoOutcome(undone, outbox.entries(batch.id))


# --- words ---------------------------------------------------------------------------------


def _number(value: float, digits: int = 1) -> str:
    text = f"{value:,.{digits}f}"
    if current_language() != "en":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    return text


def _count(value: int) -> str:
    return _number(value, 0)


def duration_text(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    whole = round(seconds)
    if whole < 1:
        return tr("< 1 dtk", "< 1 s").get()
    minutes, secs = divmod(whole, 60)
    if minutes == 0:
        return tr("{s} dtk", "{s} s", s=secs).get()
    hours, minutes = divmod(minutes, 60)
    if hours == 0:
        return tr("{m} mnt {s:02} dtk", "{m} min {s:02} s", m=minutes, s=secs).get()
    return tr("{h} jam {m:02} mnt", "{h} h {m:02} min", h=hours, m=minutes).get()


def error_text(error: BaseException) -> Text:
    """What to tell the user about a failed task: a JurnalError says it itself."""
    if isinstance(error, JurnalError):
        return error.text
    if isinstance(error, OSError):
        return tr(
            "Berkas tidak bisa ditulis: {e}. Pilih folder lain, atau tutup berkas itu bila "
            "sedang dibuka di Excel.",
            "The file cannot be written: {e}. Choose another folder, or close the file if it "
            "is open in Excel.",
            e=error.strerror or type(error).__name__,
        )
    return tr(
        "Terjadi kesalahan tak terduga ({kind}). Coba lagi; bila tetap terjadi, hubungi "
        "dukungan. Yang sudah terposting tercatat dan tidak akan dikirim dua kali.",
        "An unexpected error occurred ({kind}). Try again; if it persists, contact support. "
        "What was posted is recorded and will not be sent twice.",
        kind=type(error).__name__,
    )


TITLE: Final = tr("Posting jurnal", "Posting entries")
ONLY_VALID: Final = tr("Posting yang valid saja", "Post only the valid ones")
CANCEL: Final = tr("Batal", "Cancel")
STOP: Final = tr("Hentikan", "Stop")
RESUME: Final = tr("Lanjutkan", "Resume")
POST_AGAIN: Final = tr("Posting lagi", "Post again")
CHECK_AGAIN: Final = tr("Periksa lagi", "Check again")
TRY_AGAIN: Final = tr("Coba lagi", "Try again")
SAVE_REPORT: Final = tr("Simpan laporan hasil…", "Save result report…")
UNDO: Final = tr("Batalkan batch", "Undo batch")
YES_DELETE: Final = tr("Ya, hapus", "Yes, delete")
STOP_AND_CLOSE: Final = tr("Hentikan dan tutup", "Stop and close")
KEEP_POSTING: Final = tr("Teruskan posting", "Keep posting")
ATTENTION_ONLY: Final = tr("Hanya yang perlu perhatian", "Only those needing attention")

STYLE: Final = """
#postingTitle { font-size: 18px; font-weight: 600; color: #1f2933; }
#postingTarget { color: #52606d; }
#postingBanner { border-radius: 6px; padding: 10px 12px; border: 1px solid #d9dde3;
                 background: #f5f7fa; color: #1f2933; }
#postingBanner[kind="busy"] { background: #eef4fb; border-color: #b6cfee; color: #163b66; }
#postingBanner[kind="ok"] { background: #edf7ee; border-color: #a9d5b0; color: #1e5631; }
#postingBanner[kind="warning"] { background: #fff8e6; border-color: #f0d48a; color: #5c4300; }
#postingBanner[kind="error"] { background: #fdeeee; border-color: #eeb4b4; color: #8b1a1a; }
#problemsPanel, #progressPanel { border: 1px solid #e1e5ea; border-radius: 6px;
                                 background: #ffffff; }
#statValue { font-size: 20px; font-weight: 600; color: #1f2933; }
#statValue[status="posted"] { color: #1e6b35; }
#statValue[status="rejected"] { color: #b3261e; }
#statValue[status="uncertain"] { color: #8a6100; }
#statValue[status="skipped"] { color: #52606d; }
#statLabel, #rateLabel, #noticeLabel { color: #52606d; }
#primaryButton { background: #1f5fa8; color: white; border: 1px solid #184c87;
                 border-radius: 4px; padding: 5px 14px; font-weight: 600; }
#primaryButton:disabled { background: #9db6d3; border-color: #9db6d3; }
#dangerButton { color: #8b1a1a; }
#postingTable { gridline-color: #e6e9ee; border: 1px solid #d9dde3; }
#postingTable QHeaderView::section { background: #f3f5f8; color: #3e4c59; font-weight: 600;
    border: none; border-bottom: 1px solid #d9dde3; border-right: 1px solid #e6e9ee;
    padding: 4px 6px; }
"""


# The parts of a summary of a run with failures, in order: (Indonesian, English).
_PARTS: Final = (
    ("{n} terposting", "{n} posted"),
    ("{n} ditolak", "{n} rejected"),
    ("{n} belum pasti", "{n} uncertain"),
    ("{n} dilewati (nomor sudah dipakai)", "{n} skipped (number already used)"),
    ("{n} tidak valid (tidak dikirim)", "{n} not valid (not sent)"),
)


class Phase(StrEnum):
    IDLE = "idle"  # nothing started, or the problems were declined
    CHECKING = "checking"
    PROBLEMS = "problems"  # waiting for "only valid" or cancel
    POSTING = "posting"
    STOPPING = "stopping"  # stop asked; requests under way are finishing
    DONE = "done"  # a run ended (complete, stopped or with failures)
    UNDOING = "undoing"
    FAILED = "failed"  # a task failed before posting produced a report


class _Stat(QWidget):
    """A count with its caption: "12" over "Terposting"."""

    def __init__(self, caption: Text, status: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.value = QLabel("0", self)
        self.value.setObjectName("statValue")
        self.value.setProperty("status", status)
        caption_label = QLabel(caption.get(), self)
        caption_label.setObjectName("statLabel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 18, 0)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(caption_label)

    def set(self, count: int) -> None:
        self.value.setText(_count(count))


def attention_filter(model: PostingModel, parent: QWidget) -> QSortFilterProxyModel:
    """Every row, or (`setFilterFixedString(ATTENTION)`) only those not on the books and
    not waiting; re-filtered as statuses change."""
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setFilterRole(ATTENTION_ROLE)
    proxy.setFilterKeyColumn(STATUS)  # a column the model's dataChanged spans
    proxy.setDynamicSortFilter(True)
    return proxy


def ask_report_path(parent: QWidget, suggested: Path) -> Path | None:
    """Ask where to save the result workbook (a native dialog)."""
    name, _filter = QFileDialog.getSaveFileName(
        parent,
        tr("Simpan laporan hasil posting", "Save the posting result report").get(),
        str(suggested),
        "Excel (*.xlsx)",
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


# --- the view --------------------------------------------------------------------------------


class PostingView(QWidget):
    """Checks, posts and reports one set of entries to one company."""

    finished = Signal(object)  # PostingReport, after every run (the history may reload)
    busy_changed = Signal(bool)

    def __init__(
        self,
        executor: Executor,
        connect_company: ConnectCompany,
        outbox_home: Path,
        entries: Sequence[JournalEntry],
        *,
        source: ImportResult | None = None,
        company: str = "",
        choose_report_path: ReportPathChooser = ask_report_path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("postingView")
        self.setStyleSheet(STYLE)
        self._connect = connect_company
        self._outbox_home = Path(outbox_home)
        self._entries = tuple(entries)
        self._source = source
        self._company = company
        self._service = ""
        self._choose_report_path = choose_report_path
        self._phase = Phase.IDLE
        self._only_valid = False
        self._invalid: set[str] = set()
        self._report: PostingReport | None = None
        self._stop = threading.Event()
        self._feed = PostingFeed()
        self._retry: Callable[[], None] = self.start
        self._close_when_idle = False
        self._shut_down = False
        self._dialog: QMessageBox | None = None
        self._declined = False  # the problems were shown and the user chose not to post
        self._error: Text | None = None  # why the last task failed (phase FAILED)
        self._summary: tuple[str, Text, Text | None] = ("info", Text("", ""), None)
        self._debits: dict[str, Decimal] = {}
        for entry in self._entries:
            self._debits.setdefault(entry.reference, entry.total_debit)

        self.model = PostingModel(self._entries, self)
        self._runners = self._make_runners(executor)
        self._build()
        self._show_phase()

    # -- public --------------------------------------------------------------------------------

    @property
    def phase(self) -> Phase:
        return self._phase

    @property
    def report(self) -> PostingReport | None:
        """The last run's report (after an undo, with the batch as it is now)."""
        return self._report

    @property
    def busy(self) -> bool:
        return any(runner.busy for runner in self._runners)

    def start(self) -> None:
        """Check the entries against the company's chart, then post them if all are valid."""
        if self.busy:
            return
        self._only_valid = False
        self._declined = False
        self._invalid = set()
        self.model.clear_invalid()
        self._set_phase(Phase.CHECKING)
        self._retry = self.start
        self.check_runner.start(check_entries, self._connect, self._entries)

    def post_only_valid(self) -> None:
        """Post the valid entries and leave the others (after problems were shown)."""
        self._only_valid = True
        self.resume()

    def resume(self) -> None:
        """Post the entries (again): resumes an unfinished batch, re-sends rejected ones."""
        if self.busy:
            return
        self._stop = threading.Event()
        self._feed = PostingFeed()
        self._retry = self.resume
        job = PostingJob(
            self._connect, self._outbox_home, self._entries, self._source, self._only_valid
        )
        self._set_phase(Phase.POSTING)
        self._show_progress(None)
        self.post_runner.start(run_posting, job, self._feed, self._stop)

    def stop(self) -> None:
        """Stop posting: no new request leaves; those under way finish, then the run ends."""
        if self._phase is Phase.POSTING:
            self._stop.set()
            self._set_phase(Phase.STOPPING)

    def decline(self) -> None:
        """The problems were shown and the user chose not to post."""
        if self._phase is Phase.PROBLEMS:
            self._declined = True
            self._set_phase(Phase.IDLE)

    def save_report_to(self, path: Path) -> None:
        if self._report is None or self.report_runner.busy:
            return
        self._set_notice(tr("Menyimpan laporan…", "Saving the report…"))
        self.save_button.setEnabled(False)
        self.report_runner.start(save_report, self._report, Path(path), self._source)

    def ask_save_report(self) -> None:
        if self._report is None:
            return
        path = self._choose_report_path(self, self._suggested_report_path(self._report))
        if path is None:
            return
        if self._source is not None and path.resolve() == self._source.path.resolve():
            self._set_notice(
                tr(
                    "Pilih nama lain: laporan tidak boleh menimpa berkas jurnal asli.",
                    "Choose another name: the report must not replace the original workbook.",
                ),
                problem=True,
            )
            return
        self.save_report_to(path)

    def ask_undo(self) -> None:
        """Ask, with a window-modal box, before deleting the batch's entries from the books."""
        report = self._report
        if report is None or self.busy:
            return
        posted = report.count(EntryStatus.POSTED)
        text = tr(
            "Hapus {n} jurnal yang diposting batch {b} dari {c}? Jurnal lain di pembukuan tidak "
            "tersentuh. Penghapusan tidak bisa dibatalkan.",
            "Delete the {n} entries batch {b} posted from {c}? Other entries in the books are "
            "not touched. The deletion cannot be undone.",
            n=_count(posted),
            b=report.batch.id,
            c=self._company or report.batch.profile,
        )
        self._ask(text, YES_DELETE, CANCEL, self.undo, icon=QMessageBox.Icon.Warning)

    def undo(self) -> None:
        """Delete from the books what the last batch posted (confirmed already)."""
        if self._report is None or self.busy:
            return
        self._set_phase(Phase.UNDOING)
        self.undo_runner.start(undo_posted, self._connect, self._outbox_home, self._report.batch)

    def shutdown(self, timeout: float = SHUTDOWN_WAIT_SECONDS) -> bool:
        """The window is closing: stop posting, let requests under way finish (up to
        `timeout`), accept no more work. False if a worker is still running."""
        self._stop.set()
        self._shut_down = True
        finished = True
        for runner in self._runners:
            finished = runner.shutdown(timeout) and finished
        return finished

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._shut_down and self._phase in (Phase.POSTING, Phase.STOPPING, Phase.UNDOING):
            event.ignore()
            if self._phase is Phase.POSTING:
                self._ask_stop_and_close()
            else:
                self._close_when_idle = True
            return
        for runner in (self.check_runner, self.report_runner):
            runner.cancel()  # nothing of theirs is needed once the view is gone
        super().closeEvent(event)

    # -- building ------------------------------------------------------------------------------

    def _make_runners(self, executor: Executor) -> tuple[TaskRunner, ...]:
        self.check_runner = TaskRunner(executor, self)
        self.check_runner.result_ready.connect(self._checked)
        self.check_runner.error_raised.connect(self._failed)
        self.post_runner = TaskRunner(executor, self)
        self.post_runner.progress_changed.connect(self._progress_arrived)
        self.post_runner.result_ready.connect(self._posted)
        self.post_runner.error_raised.connect(self._post_failed)
        self.undo_runner = TaskRunner(executor, self)
        self.undo_runner.result_ready.connect(self._undone)
        self.undo_runner.error_raised.connect(self._undo_failed)
        self.report_runner = TaskRunner(executor, self)
        self.report_runner.result_ready.connect(self._report_saved)
        self.report_runner.error_raised.connect(self._report_failed)
        runners = (self.check_runner, self.post_runner, self.undo_runner, self.report_runner)
        for runner in runners:
            runner.busy_changed.connect(self._busy_changed)
        return runners

    def _build(self) -> None:
        title = QLabel(TITLE.get(), self)
        title.setObjectName("postingTitle")
        self.target_label = QLabel(self)
        self.target_label.setObjectName("postingTarget")
        self.banner = QLabel(self)
        self.banner.setObjectName("postingBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        heading = QVBoxLayout()
        heading.setSpacing(2)
        heading.addWidget(title)
        heading.addWidget(self.target_label)
        layout.addLayout(heading)
        layout.addWidget(self.banner)
        layout.addWidget(self._build_problems())
        layout.addWidget(self._build_progress())
        layout.addLayout(self._build_table_bar())
        layout.addWidget(self._build_table(), 1)
        layout.addLayout(self._build_buttons())
        self._show_target()

    def _build_problems(self) -> QFrame:
        self.problems_panel = QFrame(self)
        self.problems_panel.setObjectName("problemsPanel")
        self.problems_title = QLabel(self.problems_panel)
        self.problems_title.setStyleSheet("font-weight: 600;")
        self.problems_list = QListView(self.problems_panel)
        self.problems_list.setObjectName("problemsList")
        self.problems_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems_list.setMaximumHeight(130)
        self.problems_list.setUniformItemSizes(True)  # thousands of problems stay quick
        self.problems_model = QStringListModel(self)
        self.problems_list.setModel(self.problems_model)
        self.only_valid_button = QPushButton(self.problems_panel)
        self.only_valid_button.setObjectName("primaryButton")
        self.only_valid_button.clicked.connect(self.post_only_valid)
        self.decline_button = QPushButton(CANCEL.get(), self.problems_panel)
        self.decline_button.clicked.connect(self.decline)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.decline_button)
        buttons.addWidget(self.only_valid_button)
        layout = QVBoxLayout(self.problems_panel)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problems_list)
        layout.addLayout(buttons)
        return self.problems_panel

    def _build_progress(self) -> QFrame:
        self.progress_panel = QFrame(self)
        self.progress_panel.setObjectName("progressPanel")
        self.progress_bar = QProgressBar(self.progress_panel)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.setMinimumHeight(22)
        self.stat_posted = _Stat(tr("Terposting", "Posted"), "posted", self.progress_panel)
        self.stat_rejected = _Stat(tr("Ditolak", "Rejected"), "rejected", self.progress_panel)
        self.stat_skipped = _Stat(tr("Dilewati", "Skipped"), "skipped", self.progress_panel)
        self.stat_uncertain = _Stat(
            tr("Tidak pasti", "Uncertain"), "uncertain", self.progress_panel
        )
        self.rate_label = QLabel(self.progress_panel)
        self.rate_label.setObjectName("rateLabel")
        self.rate_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        self.stop_button = QPushButton(STOP.get(), self.progress_panel)
        self.stop_button.setObjectName("dangerButton")
        self.stop_button.clicked.connect(self.stop)

        top = QHBoxLayout()
        top.addWidget(self.progress_bar, 1)
        top.addWidget(self.stop_button)
        stats = QHBoxLayout()
        for stat in (self.stat_posted, self.stat_rejected, self.stat_skipped, self.stat_uncertain):
            stats.addWidget(stat)
        stats.addStretch(1)
        stats.addWidget(self.rate_label)
        layout = QVBoxLayout(self.progress_panel)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(stats)
        return self.progress_panel

    def _build_table_bar(self) -> QHBoxLayout:
        self.table_caption = QLabel(self)
        self.table_caption.setObjectName("statLabel")
        self.attention_box = QCheckBox(ATTENTION_ONLY.get(), self)
        self.attention_box.toggled.connect(self._filter_toggled)
        bar = QHBoxLayout()
        bar.addWidget(self.table_caption)
        bar.addStretch(1)
        bar.addWidget(self.attention_box)
        return bar

    def _build_table(self) -> QTableView:
        self.filter_model = attention_filter(self.model, self)
        self.table = QTableView(self)
        self.table.setObjectName("postingTable")
        self.table.setModel(self.filter_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        # Fixed widths: sizing columns to their contents reads every row (slow for 25,000).
        widths = {
            NUMBER: 46,
            REFERENCE: 112,
            DATE: 92,
            DESCRIPTION: 224,
            DEBIT: 122,
            STATUS: 100,
            REMOTE: 126,
        }
        for column, width in widths.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(40)
        return self.table

    def _build_buttons(self) -> QHBoxLayout:
        self.notice_label = QLabel(self)
        self.notice_label.setObjectName("noticeLabel")
        self.notice_label.setWordWrap(True)
        self.notice_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.save_button = QPushButton(SAVE_REPORT.get(), self)
        self.save_button.clicked.connect(self.ask_save_report)
        self.undo_button = QPushButton(UNDO.get(), self)
        self.undo_button.setObjectName("dangerButton")
        self.undo_button.clicked.connect(self.ask_undo)
        self.again_button = QPushButton(self)
        self.again_button.setObjectName("primaryButton")
        self.again_button.clicked.connect(lambda: self._retry())
        row = QHBoxLayout()
        row.addWidget(self.notice_label, 1)
        row.addWidget(self.undo_button)
        row.addWidget(self.save_button)
        row.addWidget(self.again_button)
        return row

    # -- reacting (GUI thread) -----------------------------------------------------------------

    def _busy_changed(self, _busy: bool) -> None:
        self.busy_changed.emit(self.busy)

    def _checked(self, outcome: CheckOutcome) -> None:
        self._company = self._company or outcome.company  # the caller's name wins
        self._service = outcome.service
        self._show_target()
        if outcome.checked.ok:
            self.resume()
        else:
            self._show_problems(outcome.checked)

    def _show_problems(self, checked: Checked) -> None:
        self._invalid = set(checked.invalid_references)
        self.model.mark_invalid(self._invalid, checked.problems)
        self.problems_model.setStringList([problem.describe() for problem in checked.problems])
        self.problems_title.setText(self._problems_headline(checked).get())
        ready = len(checked.ready)
        self.only_valid_button.setText(ONLY_VALID.get())
        self.only_valid_button.setEnabled(ready > 0)
        self._set_phase(Phase.PROBLEMS)

    def _failed(self, error: BaseException) -> None:
        self._error = error_text(error)
        self._set_phase(Phase.FAILED)

    def _progress_arrived(self, _progress: object) -> None:
        progress, rows = self._feed.take()
        self.model.apply(rows)
        if progress is not None:
            self._show_progress(progress)

    def _posted(self, report: PostingReport) -> None:
        self._feed.take()  # older than the report's rows
        self._report = report
        self._show_caption()
        self.model.apply(report.entries)
        self._summary = self._run_summary(report)
        self._set_phase(Phase.DONE)
        self._show_progress(report.progress)
        self.finished.emit(report)
        self._close_if_asked()

    def _post_failed(self, error: BaseException) -> None:
        _progress, rows = self._feed.take()
        self.model.apply(rows)
        if isinstance(error, NotReady):
            self._show_problems(error.checked)  # the chart changed since the check
        else:
            self._failed(error)
        self._close_if_asked()

    def _undone(self, outcome: UndoOutcome) -> None:
        self.model.apply(outcome.entries)
        if self._report is not None:
            self._report = dataclasses.replace(self._report, entries=outcome.entries)
        self._summary = (
            "ok",
            tr(
                "Batch dibatalkan: {n} jurnal dihapus dari pembukuan.",
                "Batch undone: {n} entries deleted from the books.",
                n=_count(len(outcome.undone)),
            ),
            tr(
                "Statusnya kini Dibatalkan. Untuk mencatatnya lagi, posting ulang dari halaman "
                "Jurnal.",
                "Their status is now Undone. To record them again, post them again from the "
                "Journal page.",
            ),
        )
        self._set_phase(Phase.DONE)
        self._close_if_asked()

    def _undo_failed(self, error: BaseException) -> None:
        self._summary = (
            "error",
            tr("Batch tidak bisa dibatalkan.", "The batch could not be undone."),
            error_text(error),
        )
        self._set_phase(Phase.DONE)
        self._close_if_asked()

    def _report_saved(self, path: Path) -> None:
        self.save_button.setEnabled(True)
        self._set_notice(tr("Laporan disimpan: {p}", "Report saved: {p}", p=path))

    def _report_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self._set_notice(error_text(error), problem=True)

    def _filter_toggled(self, only: bool) -> None:
        self.filter_model.setFilterFixedString(ATTENTION if only else "")

    def _close_if_asked(self) -> None:
        if self._close_when_idle and not self.busy:
            self._close_when_idle = False
            self.close()

    def _ask_stop_and_close(self) -> None:
        text = tr(
            "Posting masih berjalan. Hentikan dulu? Permintaan yang sedang berjalan diselesaikan, "
            "lalu jendela ini ditutup. Sisanya bisa dilanjutkan nanti tanpa duplikasi.",
            "Posting is still running. Stop it first? Requests under way are finished, then "
            "this window closes. The rest can be resumed later without duplicates.",
        )

        def stop_and_close() -> None:
            self._close_when_idle = True
            self.stop()

        self._ask(text, STOP_AND_CLOSE, KEEP_POSTING, stop_and_close)

    def _ask(
        self,
        text: Text,
        yes: Text,
        no: Text,
        on_yes: Callable[[], None],
        *,
        icon: QMessageBox.Icon = QMessageBox.Icon.Question,
    ) -> None:
        self._dialog = ask(
            self, TITLE, text, yes, no, on_yes, on_closed=self._forget_dialog, icon=icon
        )

    def _forget_dialog(self) -> None:
        self._dialog = None

    @property
    def dialog(self) -> QMessageBox | None:
        """The question being asked, if any (tests answer it)."""
        return self._dialog

    # -- showing -------------------------------------------------------------------------------

    def _set_phase(self, phase: Phase) -> None:
        self._phase = phase
        self._show_phase()

    def _show_phase(self) -> None:
        phase, report = self._phase, self._report
        running = phase in (Phase.POSTING, Phase.STOPPING)
        self.problems_panel.setVisible(phase is Phase.PROBLEMS)
        self.progress_panel.setVisible(running or report is not None)
        self.stop_button.setVisible(running)
        self.stop_button.setEnabled(phase is Phase.POSTING)
        settled = phase is Phase.DONE
        self.save_button.setVisible(report is not None)
        self.save_button.setEnabled(settled and not self.report_runner.busy)
        can_undo = (
            report is not None
            and report.batch.service == "accurate"
            and report.count(EntryStatus.POSTED) > 0
        )
        self.undo_button.setVisible(can_undo)
        self.undo_button.setEnabled(settled)
        again = self._again_label()
        self.again_button.setVisible(again is not None)
        if again is not None:
            self.again_button.setText(again.get())
        kind, headline, body = self._banner_texts()
        self._set_banner(kind, headline, body)

    def _again_label(self) -> Text | None:
        phase, report = self._phase, self._report
        if phase is Phase.IDLE:
            return CHECK_AGAIN if self._declined else tr("Mulai posting", "Start posting")
        if phase is Phase.FAILED:
            return TRY_AGAIN
        if phase is not Phase.DONE or report is None:
            return None
        left = report.count(EntryStatus.PENDING) + report.count(EntryStatus.SENDING)
        if report.cancelled or report.stopped_by is not None or left:
            return RESUME
        if report.count(EntryStatus.REJECTED) or report.count(EntryStatus.UNCERTAIN):
            return POST_AGAIN
        return None

    def _banner_texts(self) -> tuple[str, Text, Text | None]:
        company = self._company or tr("perusahaan terpilih", "the chosen company").get()
        n = _count(len(self._entries))
        phase = self._phase
        if phase is Phase.IDLE and self._declined:
            return (
                "warning",
                tr("Tidak ada yang dikirim.", "Nothing was sent."),
                tr(
                    "Perbaiki jurnal yang bermasalah di halaman Jurnal lalu posting lagi; bila "
                    "yang diperbaiki adalah daftar akun di {c}, tekan Periksa lagi.",
                    "Fix the entries with problems on the Journal page and post again; if you "
                    "fixed the chart of accounts in {c}, press Check again.",
                    c=company,
                ),
            )
        if phase is Phase.IDLE:
            return (
                "info",
                tr("{n} jurnal siap diposting.", "{n} entries ready to post.", n=n),
                tr(
                    "Jurnal diperiksa dulu terhadap daftar akun {c}; tidak ada yang dikirim "
                    "sebelum semuanya valid.",
                    "The entries are first checked against {c}'s chart of accounts; nothing "
                    "is sent before all are valid.",
                    c=company,
                ),
            )
        if phase is Phase.CHECKING:
            return (
                "busy",
                tr("Memeriksa {n} jurnal…", "Checking {n} entries…", n=n),
                tr(
                    "Menghubungi {c} dan mencocokkan setiap akun dengan daftar akunnya saat ini.",
                    "Reaching {c} and matching every account with its current chart.",
                    c=company,
                ),
            )
        if phase is Phase.PROBLEMS:
            return (
                "error",
                tr("Belum ada yang dikirim.", "Nothing has been sent."),
                tr(
                    "Perbaiki jurnal yang bermasalah di halaman Jurnal, atau posting jurnal yang "
                    "valid saja; yang tidak valid tetap di daftar untuk diperbaiki nanti.",
                    "Fix the entries with problems on the Journal page, or post only the valid "
                    "ones; the others stay listed to be fixed later.",
                ),
            )
        if phase is Phase.POSTING:
            return (
                "busy",
                tr("Memposting ke {c}…", "Posting to {c}…", c=company),
                tr(
                    "Hentikan kapan saja: permintaan yang sedang berjalan diselesaikan dulu, dan "
                    "sisanya bisa dilanjutkan tanpa duplikasi.",
                    "Stop at any time: requests under way finish first, and the rest can be "
                    "resumed without duplicates.",
                ),
            )
        if phase is Phase.STOPPING:
            return (
                "busy",
                tr("Menghentikan posting…", "Stopping…"),
                tr(
                    "Menunggu permintaan yang sedang berjalan selesai; tidak ada yang dikirim "
                    "lagi.",
                    "Waiting for the requests under way to finish; nothing more is sent.",
                ),
            )
        if phase is Phase.UNDOING:
            return (
                "busy",
                tr("Membatalkan batch…", "Undoing the batch…"),
                tr(
                    "Menghapus dari {c} jurnal yang diposting batch ini.",
                    "Deleting from {c} the entries this batch posted.",
                    c=company,
                ),
            )
        if phase is Phase.FAILED:
            return ("error", tr("Tidak bisa dilanjutkan.", "Could not continue."), self._error)
        return self._summary

    def _run_summary(self, report: PostingReport) -> tuple[str, Text, Text | None]:
        total = len(self._entries)
        posted = report.count(EntryStatus.POSTED)
        skipped = [e for e in report.entries if e.status is EntryStatus.SKIPPED]
        before = sum(1 for e in skipped if ALREADY_POSTED_MARK in e.messages)
        left = report.count(EntryStatus.PENDING)
        debit = sum(
            (
                self._debits.get(e.reference, ZERO)
                for e in report.entries
                if e.status is EntryStatus.POSTED
            ),
            ZERO,
        )
        counts = dict(p=_count(posted), t=_count(total), w=_count(left), d=self._money(debit))
        resume_note = tr(
            "Yang sudah terposting tidak akan dikirim dua kali.",
            "Nothing already posted will be sent twice.",
        )
        if report.stopped_by is not None:
            return (
                "error",
                tr("Posting berhenti sebelum selesai.", "Posting stopped before the end."),
                report.stopped_by
                + tr(
                    "{p} dari {t} jurnal terposting; {w} belum dikirim. Setelah masalahnya "
                    "diatasi, tekan Lanjutkan.",
                    "{p} of {t} entries posted; {w} not sent yet. Once the problem is solved, "
                    "press Resume.",
                    **counts,
                )
                + resume_note,
            )
        if report.cancelled and left:
            return (
                "warning",
                tr("Posting dihentikan.", "Posting was stopped."),
                tr(
                    "{p} dari {t} jurnal terposting; {w} belum dikirim. Tekan Lanjutkan untuk "
                    "meneruskan.",
                    "{p} of {t} entries posted; {w} not sent yet. Press Resume to go on.",
                    **counts,
                )
                + resume_note,
            )
        if report.complete and not self._invalid:
            body = self._complete_body(posted, before, counts)
            return (
                "ok",
                tr(
                    "Semua {t} jurnal sudah ada di pembukuan {c}.",
                    "All {t} entries are in {c}'s books.",
                    c=self._company or report.batch.profile,
                    **counts,
                ),
                body,
            )
        return ("warning", self._failures_headline(report, total), self._failures_body(report))

    def _complete_body(self, posted: int, before: int, counts: dict[str, str]) -> Text:
        already = tr(
            "{b} sudah terposting sebelumnya; tidak dikirim lagi.",
            "{b} were posted before; not sent again.",
            b=_count(before),
        )
        if not posted:
            return already
        body = tr(
            "{p} diposting sekarang, total debit {d}.", "{p} posted now, debit total {d}.", **counts
        )
        return body + already if before else body

    def _failures_headline(self, report: PostingReport, total: int) -> Text:
        on_books = report.count(EntryStatus.POSTED) + sum(
            1
            for e in report.entries
            if e.status is EntryStatus.SKIPPED and ALREADY_POSTED_MARK in e.messages
        )
        return tr(
            "{k} dari {t} jurnal belum masuk pembukuan.",
            "{k} of {t} entries are not in the books.",
            k=_count(total - on_books),
            t=_count(total),
        )

    def _failures_body(self, report: PostingReport) -> Text:
        duplicates = sum(
            1
            for e in report.entries
            if e.status is EntryStatus.SKIPPED and ALREADY_POSTED_MARK not in e.messages
        )
        failed = report.count(EntryStatus.REJECTED) + report.count(EntryStatus.UNCERTAIN)
        numbers = (
            report.count(EntryStatus.POSTED),
            report.count(EntryStatus.REJECTED),
            report.count(EntryStatus.UNCERTAIN) + report.count(EntryStatus.SENDING),
            duplicates,
            len(self._invalid),
        )
        shown = [
            tr(id_, en, n=_count(n)) for n, (id_, en) in zip(numbers, _PARTS, strict=True) if n
        ]
        listed = Text("; ".join(t.id for t in shown) + ".", "; ".join(t.en for t in shown) + ".")
        if failed:
            return listed + tr(
                "Alasannya ada di kolom Pesan. Setelah diperbaiki, tekan Posting lagi; yang "
                "sudah terposting tidak akan dikirim dua kali.",
                "The reasons are in the Messages column. Once fixed, press Post again; nothing "
                "already posted will be sent twice.",
            )
        return listed + tr(
            "Alasannya ada di kolom Pesan. Perbaiki jurnal itu di halaman Jurnal lalu posting "
            "lagi dari sana; yang sudah terposting tidak akan dikirim dua kali.",
            "The reasons are in the Messages column. Fix those entries on the Journal page and "
            "post again from there; nothing already posted will be sent twice.",
        )

    def _problems_headline(self, checked: Checked) -> Text:
        return tr(
            "{n} masalah pada {k} jurnal · {r} jurnal lainnya valid",
            "{n} problem(s) in {k} entries · the other {r} are valid",
            n=_count(len(checked.problems)),
            k=_count(len(checked.invalid_references)),
            r=_count(len(checked.ready)),
        )

    def _show_progress(self, progress: EngineProgress | None) -> None:
        if progress is None:
            self.progress_bar.setRange(0, 0)  # busy until the engine's first report
            self.progress_bar.setFormat("")
            self.rate_label.setText(tr("Menghubungi…", "Connecting…").get())
            return
        self.progress_bar.setRange(0, max(progress.total, 1))
        self.progress_bar.setValue(progress.done)
        words = tr(
            "{d} / {t} jurnal",
            "{d} / {t} entries",
            d=_count(progress.done),
            t=_count(progress.total),
        )
        self.progress_bar.setFormat(f"{words.get()} · %p%")
        self.stat_posted.set(progress.posted)
        self.stat_rejected.set(progress.rejected)
        self.stat_skipped.set(progress.skipped)
        self.stat_uncertain.set(progress.uncertain)
        rates = tr(
            "{e} jurnal/dtk · {q} permintaan/dtk",
            "{e} entries/s · {q} requests/s",
            e=_number(progress.entries_per_second),
            q=_number(progress.requests_per_second),
        ).get()
        if self._phase in (Phase.POSTING, Phase.STOPPING):
            left = tr("sisa ± {t}", "about {t} left", t=duration_text(progress.seconds_left))
        else:
            left = tr("selesai dalam {t}", "took {t}", t=duration_text(progress.elapsed))
        self.rate_label.setText(f"{rates} · {left.get()}")

    def _show_target(self) -> None:
        company = self._company or tr("perusahaan terpilih", "the chosen company").get()
        total = sum(self._debits.values(), ZERO)
        self.target_label.setText(
            tr(
                "ke {c} · {n} jurnal · total debit {d}",
                "to {c} · {n} entries · debit total {d}",
                c=company,
                n=_count(len(self._entries)),
                d=self._money(total),
            ).get()
        )
        self._show_caption()

    def _show_caption(self) -> None:
        n = _count(len(self._entries))
        if self._report is None:
            caption = tr("{n} jurnal", "{n} entries", n=n)
        else:
            batch = self._report.batch.id
            caption = tr("Batch {b} · {n} jurnal", "Batch {b} · {n} entries", b=batch, n=n)
        self.table_caption.setText(caption.get())

    def _set_banner(self, kind: str, headline: Text, body: Text | None) -> None:
        text = f"<b>{html.escape(headline.get())}</b>"
        if body is not None:
            text += f"<br>{html.escape(body.get())}"
        self.banner.setText(text)
        self.banner.setProperty("kind", kind)
        self._restyle(self.banner)

    def _set_notice(self, text: Text, *, problem: bool = False) -> None:
        self.notice_label.setText(text.get())
        self.notice_label.setStyleSheet("color: #b3261e;" if problem else "")

    def _restyle(self, widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    def _money(self, amount: Decimal) -> str:
        style = NumberStyle.EN if current_language() == "en" else NumberStyle.ID
        return format_amount(amount, style)

    def _suggested_report_path(self, report: PostingReport) -> Path:
        name = tr("hasil posting", "posting result").get()
        if self._source is not None:
            folder, stem = self._source.path.parent, self._source.path.stem
            return folder / f"{stem} - {name} {report.batch.id}.xlsx"
        return Path.home() / f"{name} {report.batch.id}.xlsx"
