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
import html
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from decimal import Decimal
from pathlib import Path
from typing import Final

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QMessageBox,
    QWidget,
)

from app.core.excel_reader import ImportResult
from app.core.i18n import Text, current_language, tr
from app.core.journal import JournalEntry
from app.core.money import ZERO
from app.posting.engine import PostingReport
from app.posting.engine import Progress as EngineProgress
from app.posting.outbox import EntryStatus
from app.posting.service import ChartReading, Checked, NotReady
from app.profiles.settings import Settings
from app.ui.batch_words import undoing_text
from app.ui.dialogs import ask, ask_path
from app.ui.interpreter import keep_long_lived
from app.ui.posting_layout import STYLE, PostingLayout, attention_filter
from app.ui.posting_model import (
    ATTENTION,
    PostingModel,
    PreparedRows,
    prepare_rows,
)
from app.ui.posting_words import (
    CANCEL,
    CHECK_AGAIN,
    KEEP_POSTING,
    POST_AGAIN,
    RESUME,
    START,
    STOP_AND_CLOSE,
    TITLE,
    TRY_AGAIN,
    YES_DELETE,
    Banner,
    Phase,
    duration_text,
    error_text,
    phase_banner,
    problems_headline,
    rate_text,
    run_summary,
    stop_question,
    undo_failed_banner,
    undo_question,
    undone_banner,
    window_title,
)
from app.ui.posting_work import (
    SERVICE_NAMES,
    CheckOutcome,
    ConnectCompany,
    Pace,
    PostingJob,
    PostingUpdate,
    UndoOutcome,
    check_entries,
    run_posting,
    save_report,
    session_company,
    undo_posted,
)
from app.ui.tasks import Runners, TaskProgress, Timeout
from app.ui.texts import count, money, retranslate_tree

ReportPathChooser = Callable[[QWidget, Path], Path | None]
SHUTDOWN_WAIT_SECONDS: Final = 30.0
# Up to this many rows the table is written again in a new language at once (a few tens of
# milliseconds); a bigger one on a worker.
SMALL_TABLE: Final = 2_000
XLSX_FILTER: Final = tr("Buku kerja Excel (*.xlsx)", "Excel workbook (*.xlsx)")


def ask_report_path(
    parent: QWidget, suggested: Path, settings: Settings | None = None
) -> Path | None:
    """Ask where to save the result workbook (a dialog in the app's language, opening in
    the last folder used)."""
    title = tr("Simpan laporan hasil posting", "Save the posting result report")
    path = ask_path(parent, title, XLSX_FILTER, save_as=suggested, settings=settings)
    if path is None:
        return None
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


# --- the view --------------------------------------------------------------------------------


class PostingView(PostingLayout, QWidget):
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
        self._error: Text | None = None  # why the last task failed (phase FAILED)
        self._summary: Callable[[], Banner] = functools.partial(_no_summary)
        self._notice: tuple[Text, bool] | None = None
        self._debits: dict[str, Decimal] = {}
        self._total_debit = ZERO

        self.model = PostingModel((), self)
        self._runners = Runners(executor, self)
        self._make_runners()
        self._build()
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
        self._set_notice(tr("Menyimpan laporan…", "Saving the report…"))
        self.save_button.setEnabled(False)
        self.report_runner.start(
            save_report, self._report, Path(path), self._source, current_language()
        )

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
        text = undo_question(posted, report.batch.id, self._company or report.batch.profile)
        self._ask(text, YES_DELETE, CANCEL, self.undo, icon=QMessageBox.Icon.Warning)

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
        for stat in self._stats:
            stat.retranslate()
        if self._checked is not None:
            self._show_problems_list(self._checked)
        if self._notice is not None:
            self._set_notice(*self._notice)
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

    def shutdown(self, timeout: Timeout = SHUTDOWN_WAIT_SECONDS) -> bool:
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

    def _show_problems(self, checked: Checked) -> None:
        self._checked = checked
        self._invalid = set(checked.invalid_references)
        self.model.mark_invalid(self._invalid, checked.problems)
        self._show_problems_list(checked)
        self.only_valid_button.setEnabled(len(checked.ready) > 0)
        self._set_phase(Phase.PROBLEMS)

    def _show_problems_list(self, checked: Checked) -> None:
        self.problems_model.setStringList([problem.describe() for problem in checked.problems])
        self.problems_title.setText(problems_headline(checked).get())

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
        # A partial, not a lambda over self: the view must not hold a reference cycle
        # (see interpreter.keep_long_lived); it is written again on every show.
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
        self._summary = functools.partial(undone_banner, undone)
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
        company = self._company or tr("perusahaan terpilih", "the chosen company").get()
        banner = phase_banner(
            phase,
            company=company,
            entries=len(self._entries),
            declined=self._declined,
            error=self._error,
        )
        step = self._undo_step
        if banner is not None and phase is Phase.UNDOING and step is not None and report:
            banner = (banner[0], banner[1], undoing_text(report.batch.id, step.done, step.total))
        self._set_banner(*(banner if banner is not None else self._summary()))

    def _again_label(self) -> Text | None:
        phase, report = self._phase, self._report
        if phase is Phase.IDLE:
            return CHECK_AGAIN if self._declined else START
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

    def _show_progress(self) -> None:
        progress = self._progress
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
            d=count(progress.done),
            t=count(progress.total),
        )
        self.progress_bar.setFormat(f"{words.get()} · %p%")
        self.stat_posted.set(progress.posted)
        self.stat_rejected.set(progress.rejected)
        self.stat_skipped.set(progress.skipped)
        self.stat_uncertain.set(progress.uncertain)
        running = self._phase in (Phase.POSTING, Phase.STOPPING)
        self.rate_label.setText(rate_text(self._pace, progress, running=running))

    def _show_target(self) -> None:
        company = self._company or tr("perusahaan terpilih", "the chosen company").get()
        self.setWindowTitle(window_title(self._company).get())
        self.target_label.setText(
            tr(
                "ke {c} · {n} jurnal · total debit {d}",
                "to {c} · {n} entries · debit total {d}",
                c=company,
                n=count(len(self._entries)),
                d=money(self._total_debit),
            ).get()
        )
        self._show_caption()

    def _show_caption(self) -> None:
        n = count(len(self._entries))
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
        self._notice = (text, problem)
        self.notice_label.setText(text.get())
        self.notice_label.setStyleSheet("color: #b3261e;" if problem else "")

    def _restyle(self, widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    def _suggested_report_path(self, report: PostingReport) -> Path:
        name = tr("hasil posting", "posting result").get()
        if self._source is not None:
            folder, stem = self._source.path.parent, self._source.path.stem
            return folder / f"{stem} - {name} {report.batch.id}.xlsx"
        return Path.home() / f"{name} {report.batch.id}.xlsx"


def _no_summary() -> Banner:
    return ("info", Text("", ""), None)


__all__ = [
    "SERVICE_NAMES",
    "ConnectCompany",
    "Phase",
    "PostingView",
    "ReportPathChooser",
    "ask_report_path",
    "attention_filter",
    "duration_text",
    "error_text",
    "save_report",
    "session_company",
]
