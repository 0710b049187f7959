"""The posting view: the moment a month of journals goes to the company, and what became of it.

Flow: the table's rows are made on a worker (`prepare_rows`: 50,000 entries take about a
second); `start()` then checks the entries against the company's current chart on a worker;
problems are listed and nothing is sent unless the user picks "Posting yang valid saja".
Posting runs on a worker (`posting_work.run_posting`); progress, this run's pace and the
outbox rows that changed arrive as the task's partial results (`PostingUpdate`, coalesced by
the runner). "Hentikan" sets the run's stop event: requests under way finish,
and "Lanjutkan" posts the same entries again, which resumes the unfinished batch (the engine
never posts an entry twice). At the end: a summary, the table, the result workbook, and for
Accurate the removal of the batch from the books, with its progress.

The view owns the state, moves between the phases and reacts to its workers; its widgets are
built by `PostingWidgets` (layout.py), set for each state by `PostingDisplay` (display.py),
and its words are in words.py.

The speed and the time left count only what this run sent, and appear once the run has sent
enough to say (`Pace.known`). The window has its own title, a Close button and Escape; closing
while posting asks to stop first. Every text follows a language switch (`retranslate`).

Dependencies come in through the constructor: the executor, a callable returning a connected
`Company` (called on a worker: connecting is network I/O), the outbox home, the entries and
the `ImportResult` they came from. Nothing here calls `processEvents()`; the GUI thread waits
for its workers only in `shutdown`, when the window closes, within one deadline for all.
"""

from __future__ import annotations

import dataclasses
import functools
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from decimal import Decimal
from pathlib import Path
from typing import Final

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.books.journal import JournalEntry
from app.core.books.money import ZERO
from app.core.excel.reader import ImportResult
from app.core.i18n import Text, current_language
from app.core.interpreter import keep_long_lived
from app.posting.checks.master_data import locate
from app.posting.engine import PostingReport
from app.posting.engine import Progress as EngineProgress
from app.posting.outbox.ledger import EntryStatus
from app.posting.report.path import REPLACES_SOURCE, replaces_source, suggested_report_path
from app.posting.service import ChartReading, Checked, NotReady
from app.ui.common.dialogs import ReportPathChooser, ask, ask_report_path
from app.ui.common.tasks import CLOSE_WAIT_SECONDS, Runners, TaskProgress, Timeout
from app.ui.common.words import (
    SAVING_REPORT,
    report_saved,
    retranslate_tree,
    undo_question,
    undoing_text,
)
from app.ui.posting.display import CHOSEN_COMPANY, PostingDisplay, again_label, no_summary
from app.ui.posting.layout import STYLE, PostingWidgets
from app.ui.posting.model import ATTENTION, PostingModel, PreparedRows, prepare_rows
from app.ui.posting.words import (
    CANCEL,
    KEEP_POSTING,
    NOT_NOW,
    STOP_AND_CLOSE,
    TITLE,
    YES_CREATE,
    YES_DELETE,
    Banner,
    Phase,
    create_classifications_question,
    duration_text,
    error_text,
    phase_banner,
    run_summary,
    stop_question,
    undo_failed_banner,
    undone_banner,
)
from app.ui.posting.work import (
    CheckOutcome,
    ConnectCompany,
    Pace,
    PostingJob,
    PostingUpdate,
    UndoOutcome,
    check_entries,
    create_classifications_then_check,
    run_posting,
    save_report,
    session_company,
    undo_posted,
)

# Up to this many rows the table is written again in a new language at once (a few tens of
# milliseconds); a bigger one on a worker.
SMALL_TABLE: Final = 2_000


class PostingView(QWidget):
    """Checks, posts and reports one set of entries to one company."""

    finished = Signal(object)  # PostingReport, after every run and undo (history reloads)
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
        self._phase = Phase.PREPARING
        self._start_when_prepared = False
        self._only_valid = False
        self._checked: Checked | None = None  # the last check that found problems
        self._reading: ChartReading | None = None  # the last check's, for the next post only
        self._invalid: set[str] = set()
        self._report: PostingReport | None = None
        self._stop = threading.Event()
        self._pace = Pace()
        self._progress: EngineProgress | None = None
        self._undo_step: TaskProgress | None = None
        self._retry: Callable[[], None] = self.start
        self._close_when_idle = False
        self._shut_down = False
        self._dialog: QMessageBox | None = None
        self._declined = False  # the problems were shown and the user chose not to post
        self._classifications_offered = False  # creating missing ones is offered once a view
        self._error: Text | None = None  # why the last task failed (phase FAILED)
        self._summary: Callable[[], Banner] = functools.partial(no_summary)
        self._notice: tuple[Text, bool] | None = None
        self._debits: dict[str, Decimal] = {}
        self._total_debit = ZERO

        self.model = PostingModel((), self)
        self._runners = Runners(executor, self)
        self._make_runners()
        self.ui = PostingWidgets(self, self.model)
        self._display = PostingDisplay(self, self.ui)
        self._connect_widgets()
        self._show_target()
        self._show_phase()
        self.prepare_runner.start(prepare_rows, self._entries, current_language(), None)

    # -- public --------------------------------------------------------------------------------

    @property
    def phase(self) -> Phase:
        return self._phase

    @property
    def report(self) -> PostingReport | None:
        """The last run's report (after an undo, with the batch as it is now)."""
        return self._report

    @property
    def pace(self) -> Pace:
        """How fast the last (or current) run sent, counting only what it sent itself."""
        return self._pace

    @property
    def company_name(self) -> str:
        return self._company

    @property
    def sent(self) -> int:
        """Entries this batch has settled so far (posted, rejected, or skipped as on the
        books), as the progress last said."""
        return self._progress.done if self._progress is not None else 0

    @property
    def total(self) -> int:
        return self._progress.total if self._progress is not None else len(self._entries)

    @property
    def busy(self) -> bool:
        return self._runners.busy_besides(self.prepare_runner)

    def start(self) -> None:
        """Check the entries against the company's chart, then post them if all are valid.
        While the table is still being prepared, the check starts as soon as it is ready."""
        if self._phase is Phase.PREPARING:
            self._start_when_prepared = True
            return
        if self.busy:
            return
        self._only_valid = False
        self._declined = False
        self._invalid = set()
        self._checked = None
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
        if self.busy or self._phase is Phase.PREPARING:
            return
        self._stop = threading.Event()
        self._pace = Pace()
        self._retry = self.resume
        reading, self._reading = self._reading, None  # a later run reads the chart again
        job = PostingJob(
            self._connect, self._outbox_home, self._entries, self._source, self._only_valid, reading
        )
        self._set_phase(Phase.POSTING)
        self._progress = None
        self._show_progress()
        self.post_runner.start(run_posting, job, self._stop)

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
        self._set_notice(SAVING_REPORT)
        self.ui.save_button.setEnabled(False)
        self.report_runner.start(
            save_report, self._report, Path(path), self._source, current_language()
        )

    def ask_save_report(self) -> None:
        if self._report is None:
            return
        source = self._source.path if self._source is not None else None
        path = self._choose_report_path(self, suggested_report_path(self._report.batch.id, source))
        if path is None:
            return
        if replaces_source(path, source):
            self._set_notice(REPLACES_SOURCE, problem=True)
            return
        self.save_report_to(path)

    def ask_undo(self) -> None:
        """Ask, with a window-modal box, before deleting the batch's entries from the books."""
        report = self._report
        if report is None or self.busy:
            return
        posted = report.count(EntryStatus.POSTED)
        text = undo_question(posted, report.batch.id, self._company or report.batch.profile)
        self._ask(text, YES_DELETE, CANCEL, self.undo, icon=QMessageBox.Icon.Warning)

    def ask_create_classifications(self, missing: Sequence[tuple[int, str]]) -> None:
        """After a check: offer, once, to create the data classifications the company lacks
        (never silently); the check runs again after they are made."""
        if self._classifications_offered:
            return
        self._classifications_offered = True
        question = create_classifications_question(missing, self._company or self._service)
        self._ask(question, YES_CREATE, NOT_NOW, lambda: self.create_classifications(missing))

    def create_classifications(self, missing: Sequence[tuple[int, str]]) -> None:
        """Create these classifications in Accurate (agreed already), then check again."""
        if self.busy or self._phase is not Phase.PROBLEMS:
            return
        self._checked = None
        self.model.clear_invalid()
        self._set_phase(Phase.CHECKING)
        self._retry = self.start
        self.check_runner.start(
            create_classifications_then_check, self._connect, self._entries, tuple(missing)
        )

    def undo(self) -> None:
        """Delete from the books what the last batch posted (confirmed already)."""
        if self._report is None or self.busy:
            return
        self._undo_step = None
        self._set_phase(Phase.UNDOING)
        self.undo_runner.start(undo_posted, self._connect, self._outbox_home, self._report.batch)

    def retranslate(self) -> None:
        """Every text in the language now chosen; the table is written again on a worker."""
        retranslate_tree(self)
        for stat in self.ui.stats:
            stat.retranslate()
        if self._checked is not None:
            self._display.show_problems(self._checked)
        if self._notice is not None:
            text, problem = self._notice
            self._set_notice(text, problem=problem)
        self._show_target()
        self._show_phase()
        self._show_progress()
        if self._phase is Phase.PREPARING:
            self.prepare_runner.start(prepare_rows, self._entries, current_language(), None)
        elif len(self._entries) <= SMALL_TABLE:
            self._prepared(prepare_rows(self._entries, current_language(), self.model.rows()))
        else:  # a big table is written again on a worker; it switches when that is done
            rows = self.model.rows()
            self.prepare_runner.start(prepare_rows, self._entries, current_language(), rows)

    def shutdown(self, timeout: Timeout = CLOSE_WAIT_SECONDS) -> bool:
        """The window is closing: stop posting, let requests under way finish (within
        `timeout` for all the workers, or a `Deadline` shared with other windows), accept no
        more work. False if a worker is still running."""
        self._stop.set()
        self._shut_down = True
        return self._runners.shutdown(timeout)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._shut_down and self._phase in (Phase.POSTING, Phase.STOPPING, Phase.UNDOING):
            event.ignore()
            if self._phase is Phase.POSTING:
                self._ask_stop_and_close()
            else:
                self._close_when_idle = True
            return
        # Nothing of theirs is needed once the view is gone.
        self._runners.cancel(self.prepare_runner, self.check_runner, self.report_runner)
        super().closeEvent(event)

    # -- building ------------------------------------------------------------------------------

    def _make_runners(self) -> None:
        new, busy = self._runners.new, self._busy_changed
        self.prepare_runner = new(result=self._prepared, error=self._failed, busy=busy)
        self.check_runner = new(result=self._checked_entries, error=self._failed, busy=busy)
        self.post_runner = new(
            result=self._posted, error=self._post_failed, partial=self._update_arrived, busy=busy
        )
        self.undo_runner = new(
            result=self._undone, error=self._undo_failed, progress=self._undo_progress, busy=busy
        )
        self.report_runner = new(result=self._report_saved, error=self._report_failed, busy=busy)

    def _connect_widgets(self) -> None:
        ui = self.ui
        ui.only_valid_button.clicked.connect(self.post_only_valid)
        ui.decline_button.clicked.connect(self.decline)
        ui.stop_button.clicked.connect(self.stop)
        ui.attention_box.toggled.connect(self._filter_toggled)
        ui.save_button.clicked.connect(self.ask_save_report)
        ui.undo_button.clicked.connect(self.ask_undo)
        ui.again_button.clicked.connect(lambda: self._retry())
        ui.close_button.clicked.connect(self.close)  # asks first while posting

    def _close_if_asked(self) -> None:
        if self._close_when_idle and not self.busy:
            self._close_when_idle = False
            self.close()

    def _ask_stop_and_close(self) -> None:
        def stop_and_close() -> None:
            self._close_when_idle = True
            self.stop()

        self._ask(stop_question(), STOP_AND_CLOSE, KEEP_POSTING, stop_and_close)

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

    # -- reacting (GUI thread) -----------------------------------------------------------------

    def _busy_changed(self, _busy: bool) -> None:
        self.busy_changed.emit(self.busy)

    def _prepared(self, prepared: PreparedRows) -> None:
        self._debits, self._total_debit = prepared.debits, prepared.total_debit
        if self._phase is not Phase.PREPARING:
            self.model.set_written_again(prepared)  # a language switch
            return
        self.model.set_prepared(prepared)
        keep_long_lived()  # the rows stay as long as the window
        self._show_target()
        self._set_phase(Phase.IDLE)
        if self._start_when_prepared:
            self._start_when_prepared = False
            self.start()

    def _checked_entries(self, outcome: CheckOutcome) -> None:
        self._company = self._company or outcome.company  # the caller's name wins
        self._service = outcome.service
        self._reading = outcome.reading
        self._show_target()
        if outcome.checked.ok:
            self.resume()
        else:
            self._show_problems(outcome.checked)
            if outcome.missing_classifications:
                self.ask_create_classifications(outcome.missing_classifications)

    def _show_problems(self, checked: Checked) -> None:
        if self._source is not None:  # each problem with its worksheet column, where known
            mapping, headers = self._source.mapping.as_dict(), self._source.headers
            checked = dataclasses.replace(
                checked, problems=locate(checked.problems, mapping, headers)
            )
        self._checked = checked
        self._invalid = set(checked.invalid_references)
        self.model.mark_invalid(self._invalid, checked.problems)
        self._display.show_problems(checked)
        self.ui.only_valid_button.setEnabled(len(checked.ready) > 0)
        self._set_phase(Phase.PROBLEMS)

    def _failed(self, error: BaseException) -> None:
        self._error = error_text(error)
        self._set_phase(Phase.FAILED)

    def _update_arrived(self, update: PostingUpdate) -> None:
        """A run's partial result (the last one arrives before its report)."""
        self.model.apply(update.rows.values())
        self._pace = update.pace
        self._progress = update.progress
        self._show_progress()

    def _posted(self, report: PostingReport) -> None:
        self._report = report
        self._show_caption()
        self.model.apply(report.entries)
        # The summary's words are written again on every show (a language switch).
        self._summary = functools.partial(
            run_summary,
            report,
            total=len(self._entries),
            invalid=len(self._invalid),
            debits=self._debits,
            company=self._company or report.batch.profile,
        )
        self._progress = report.progress
        self._set_phase(Phase.DONE)
        self._show_progress()
        self.finished.emit(report)
        self._close_if_asked()

    def _post_failed(self, error: BaseException) -> None:
        if isinstance(error, NotReady):
            self._show_problems(error.checked)  # the chart changed since the check
        else:
            self._failed(error)
        self._close_if_asked()

    def _undo_progress(self, step: TaskProgress) -> None:
        self._undo_step = step
        self._show_phase()

    def _undone(self, outcome: UndoOutcome) -> None:
        self.model.apply(outcome.entries)
        if self._report is not None:
            self._report = dataclasses.replace(self._report, entries=outcome.entries)
        undone = len(outcome.undone)
        self._summary = functools.partial(undone_banner, undone, outcome.left)
        self._set_phase(Phase.DONE)
        if self._report is not None:
            self.finished.emit(self._report)  # the history shows the batch as removed
        self._close_if_asked()

    def _undo_failed(self, error: BaseException) -> None:
        self._summary = functools.partial(undo_failed_banner, error)
        self._set_phase(Phase.DONE)
        if self._report is not None:
            self.finished.emit(self._report)  # some may have been removed before the error
        self._close_if_asked()

    def _report_saved(self, path: Path) -> None:
        self.ui.save_button.setEnabled(True)
        self._set_notice(report_saved(path))

    def _report_failed(self, error: BaseException) -> None:
        self.ui.save_button.setEnabled(True)
        self._set_notice(error_text(error), problem=True)

    def _filter_toggled(self, only: bool) -> None:
        self.ui.filter_model.setFilterFixedString(ATTENTION if only else "")

    # -- showing -------------------------------------------------------------------------------

    def _set_phase(self, phase: Phase) -> None:
        self._phase = phase
        self._show_phase()

    def _show_phase(self) -> None:
        phase, report = self._phase, self._report
        banner = phase_banner(
            phase,
            company=self._company or CHOSEN_COMPANY.get(),
            entries=len(self._entries),
            declined=self._declined,
            error=self._error,
        )
        step = self._undo_step
        if banner is not None and phase is Phase.UNDOING and step is not None and report:
            banner = (banner[0], banner[1], undoing_text(report.batch.id, step.done, step.total))
        self._display.show_phase(
            phase,
            report,
            banner if banner is not None else self._summary(),
            again=again_label(phase, report, declined=self._declined),
            saving=self.report_runner.busy,
        )

    def _show_progress(self) -> None:
        running = self._phase in (Phase.POSTING, Phase.STOPPING)
        self._display.show_progress(self._progress, self._pace, running=running)

    def _show_target(self) -> None:
        self._display.show_target(
            self._company, len(self._entries), self._total_debit, self._report
        )

    def _show_caption(self) -> None:
        self._display.show_caption(len(self._entries), self._report)

    def _set_notice(self, text: Text, *, problem: bool = False) -> None:
        self._notice = (text, problem)
        self._display.show_notice(text, problem=problem)


# Re-exported: the window, the history and the tests know them by this module.
__all__ = [
    "ConnectCompany",
    "Phase",
    "PostingView",
    "ReportPathChooser",
    "ask_report_path",
    "duration_text",
    "error_text",
    "save_report",
    "session_company",
]
