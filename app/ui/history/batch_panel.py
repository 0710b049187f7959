"""One batch of the history: its entries, its result workbook, and (Accurate) removing it
from the books again.

`BatchView` is the panel under the history table that shows one batch and runs its actions
through `TaskRunner`s over the plain worker functions of `batch_work`: nothing here touches
the network or a file on the GUI thread. After a language switch the batch is read again
in the new language (`retranslate`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Executor
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QMessageBox,
    QWidget,
)

from app.api.ratelimit import LimiterRegistry
from app.core.i18n import Text, current_language, tr
from app.core.interpreter import keep_long_lived
from app.posting.outbox.ledger import EntryStatus
from app.posting.report.path import REPLACES_SOURCE, replaces_source, suggested_report_path
from app.posting.verify import Verification
from app.setup.session import CompanySession
from app.ui.common.dialogs import ReportPathChooser, ask, ask_report_path
from app.ui.common.tasks import Runners, TaskProgress, Timeout
from app.ui.common.words import (
    CANCEL,
    SAVING_REPORT,
    UNDONE_HINT,
    YES_DELETE,
    report_saved,
    retranslate_tree,
    undo_question,
    undoing_text,
    undone_text,
)
from app.ui.history.batch_layout import UNDO_TITLE, BatchWidgets, StatusDelegate
from app.ui.history.batch_model import BatchModel
from app.ui.history.batch_words import (
    facts_text,
    load_failed_text,
    loading_text,
    report_failed_text,
    reversal_question,
    reversal_refusal_text,
    reverse_failed_text,
    reversed_text,
    reversing_text,
    standing_note,
    undo_failed_text,
    undo_left_offer,
    undo_refusal,
    verification_text,
    verify_failed_text,
    verifying_text,
)
from app.ui.history.batch_work import (
    BatchDetails,
    batch_source,
    load_batch,
    save_batch_report,
    source_name,
    verify_history_batch,
)
from app.ui.history.reversal_dialog import ReversalDialog
from app.ui.history.reversal_work import ReversalOutcome, example_number, reverse_posted
from app.ui.posting.model import (
    ATTENTION,
    COLUMNS,
    REFERENCE,
    STATUS,
)
from app.ui.posting.work import Pace, UndoOutcome, session_company, undo_posted

# Re-exported: the history and the tests know them by this module.
__all__ = [
    "BatchModel",
    "BatchView",
    "StatusDelegate",
    "load_batch",
    "source_name",
]


class BatchView(QWidget):
    """The selected batch: a caption, its actions, a notice line and its entries."""

    changed = Signal(str)  # batch id: the batch changed on the books (undo); reload the lists
    resume_requested = Signal(str)  # batch id: post the rest of an interrupted batch
    busy_changed = Signal(bool)

    def __init__(
        self,
        executor: Executor,
        limiters: LimiterRegistry,
        *,
        choose_report_path: ReportPathChooser = ask_report_path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("batchView")
        self._limiters = limiters
        self._choose_report_path = choose_report_path
        self._session: CompanySession | None = None
        self._batch_id: str | None = None
        self._details: BatchDetails | None = None
        self._dialog: QMessageBox | QDialog | None = None
        self._stale = False  # the books changed (undo) since the details were read
        self._undoing = ""  # the batch the last undo was for
        self._reversing = ""  # the batch the last reversal was for
        self._verifying: tuple[str, float] = ("", 0.0)  # the batch read back, and since when
        self._notice: tuple[Text | None, bool, bool] = (None, False, False)
        self.model = BatchModel(self)
        self._runners = Runners(executor, self)
        self._make_runners()
        self.ui = BatchWidgets(self, self.model)
        self._connect_widgets()
        self._show()

    # -- public --------------------------------------------------------------------------------

    @property
    def details(self) -> BatchDetails | None:
        """The batch shown, once loaded."""
        return self._details

    @property
    def busy(self) -> bool:
        return self._runners.busy

    @property
    def stale(self) -> bool:
        """The books changed (an undo ran) since the batch was read: read it again."""
        return self._stale

    @property
    def batch_id(self) -> str | None:
        """The batch shown (or loading), if any."""
        return self._batch_id

    @property
    def dialog(self) -> QMessageBox | QDialog | None:
        """The question being asked, if any (tests answer it)."""
        return self._dialog

    def set_session(self, session: CompanySession | None) -> None:
        """Another company: what was shown or under way for the last one no longer applies."""
        self._session = session
        self._runners.cancel(self.load_runner, self.report_runner)
        # An undo under way goes on: stopping a deletion half-way helps nobody. Its outcome
        # is in the outbox; its message is shown only with its own batch.
        self.show_batch(None)

    def show_batch(self, batch_id: str | None) -> None:
        """Show this batch (read again from the outbox even if it is the one shown)."""
        if batch_id != self._batch_id:
            self._details = None
            self.model.set_rows([])
            self._set_notice(None)
        self._batch_id = batch_id
        if batch_id is None or self._session is None:
            self.load_runner.cancel()
            self._show()
            return
        language = current_language()
        self.load_runner.start(load_batch, self._session.outbox_home, batch_id, language)
        self._show()

    def ask_save_report(self) -> None:
        details = self._details
        if details is None or self.report_runner.busy:
            return
        path = self._choose_report_path(
            self, suggested_report_path(details.batch.id, batch_source(details.batch))
        )
        if path is not None:
            self.save_report_to(path)

    def save_report_to(self, path: Path) -> None:
        details, session = self._details, self._session
        if details is None or session is None or self.report_runner.busy:
            return
        if replaces_source(path, batch_source(details.batch)):
            self._set_notice(REPLACES_SOURCE, problem=True)
            return
        self._set_notice(SAVING_REPORT)
        home, batch_id, language = session.outbox_home, details.batch.id, current_language()
        self.report_runner.start(save_batch_report, home, batch_id, path, language)
        self._show()

    def ask_undo(self) -> None:
        """Ask, with a window-modal box, before deleting the batch's entries from the books."""
        details = self._details
        if details is None or self.busy or self._stale:
            return
        refusal = undo_refusal(details, self._profile_name())
        if refusal is not None:
            self._set_notice(refusal, problem=True)
            return
        session = self._session
        company = (session.profile.company_name or session.profile.name) if session else ""
        text = undo_question(details.summary.posted, details.batch.id, company)
        self._ask(text, YES_DELETE, CANCEL, self.undo)

    def undo(self) -> None:
        """Delete from the books what the batch posted (confirmed already)."""
        details, session = self._details, self._session
        if details is None or session is None or self.busy or self._stale:
            return
        refusal = undo_refusal(details, self._profile_name())
        if refusal is not None:
            self._set_notice(refusal, problem=True)
            return
        self._set_notice(
            tr(
                "Menghapus jurnal batch {b} dari pembukuan…",
                b=details.batch.id,
            )
        )
        connect = session_company(session, self._limiters)
        self._undoing = details.batch.id
        self.undo_runner.start(undo_posted, connect, session.outbox_home, details.batch)
        self._show()

    def ask_reverse(self) -> None:
        """Ask, with a window-modal dialog, what to post and on which date, before
        cancelling the batch with reversing entries."""
        details, session = self._details, self._session
        if details is None or session is None or self.busy or self._stale:
            return
        refusal = reversal_refusal_text(details, self._profile_name())
        if refusal is not None:
            self._set_notice(refusal, problem=True)
            return
        company = session.profile.company_name or session.profile.name
        question = reversal_question(details, company, self._example(details))
        dialog = ReversalDialog(self, question, self.reverse, suggested=date.today())
        dialog.finished.connect(self._forget_dialog)
        self._dialog = dialog
        dialog.open()

    def reverse(self, on_date: date | None = None) -> None:
        """Post the batch's reversing entries (confirmed already); `on_date` None keeps each
        original's date."""
        details, session = self._details, self._session
        if details is None or session is None or self.busy or self._stale:
            return
        if reversal_refusal_text(details, self._profile_name()) is not None:
            return
        self._set_notice(reversing_text(details.batch.id, 0, details.summary.posted))
        connect = session_company(session, self._limiters)
        self._reversing = details.batch.id
        home = session.outbox_home
        self.reverse_runner.start(reverse_posted, connect, home, details.batch, on_date)
        self._show()

    def verify(self) -> None:
        """Read the batch back from the books and say what differs (on a worker)."""
        details, session = self._details, self._session
        if details is None or session is None or self.busy:
            return
        self._set_notice(
            tr(
                "Membaca ulang batch {b} dari pembukuan…",
                b=details.batch.id,
            )
        )
        connect = session_company(session, self._limiters)
        self._verifying = (details.batch.id, time.monotonic())
        self.verify_runner.start(verify_history_batch, connect, session.outbox_home, details.batch)
        self._show()

    def retranslate(self) -> None:
        """Every text in the language now chosen; the batch shown is read again in it."""
        retranslate_tree(self)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        text, problem, ok = self._notice
        self._set_notice(text, problem=problem, ok=ok)
        details, session = self._details, self._session
        if details is not None and session is not None and details.language != current_language():
            home, batch_id = session.outbox_home, details.batch.id
            self.load_runner.start(load_batch, home, batch_id, current_language())
        self._show()

    def shutdown(self, timeout: Timeout) -> bool:
        """Cancel, wait for the workers (within `timeout` for all), accept no more work."""
        return self._runners.shutdown(timeout)

    # -- building ------------------------------------------------------------------------------

    def _make_runners(self) -> None:
        new, busy = self._runners.new, self._busy_changed
        self.load_runner = new(
            result=self._loaded, error=self._load_failed, progress=self._load_progress, busy=busy
        )
        self.report_runner = new(result=self._report_saved, error=self._report_failed, busy=busy)
        self.undo_runner = new(
            result=self._undone, error=self._undo_failed, progress=self._undo_progress, busy=busy
        )
        self.reverse_runner = new(
            result=self._reversed,
            error=self._reverse_failed,
            progress=self._reverse_progress,
            busy=busy,
        )
        self.verify_runner = new(
            result=self._verified,
            error=self._verify_failed,
            progress=self._verify_progress,
            busy=busy,
        )

    def _connect_widgets(self) -> None:
        ui = self.ui
        ui.undo_button.clicked.connect(self.ask_undo)
        ui.reverse_button.clicked.connect(self.ask_reverse)
        ui.save_button.clicked.connect(self.ask_save_report)
        ui.verify_button.clicked.connect(self.verify)
        ui.resume_button.clicked.connect(self._resume_clicked)
        ui.attention_box.toggled.connect(self._filter_toggled)
        ui.table.selectionModel().currentRowChanged.connect(self._entry_chosen)
        ui.filter_model.modelReset.connect(self._entry_chosen)

    # -- reacting (GUI thread) -----------------------------------------------------------------

    def _busy_changed(self, _busy: bool) -> None:
        self._show()
        self.busy_changed.emit(self.busy)

    def _loaded(self, details: BatchDetails) -> None:
        if details.batch.id != self._batch_id:
            return
        self._details = details
        self._stale = False
        self.model.set_rows(details.rows)
        keep_long_lived()  # a big batch's rows stay while it is shown
        self._show()

    def _load_failed(self, error: BaseException) -> None:
        self._set_notice(load_failed_text(error), problem=True)
        self._show()

    def _load_progress(self, progress: TaskProgress) -> None:
        self.ui.facts.setText(loading_text(progress.done, progress.total).get())

    def _report_saved(self, path: Path) -> None:
        self._set_notice(report_saved(path), ok=True)

    def _report_failed(self, error: BaseException) -> None:
        self._set_notice(report_failed_text(error), problem=True)

    def _undo_progress(self, progress: TaskProgress) -> None:
        if self._undoing == self._batch_id:
            self._set_notice(undoing_text(self._undoing, progress.done, progress.total))

    def _undone(self, outcome: UndoOutcome) -> None:
        if outcome.batch_id == self._batch_id:
            self._stale = True
            if outcome.left:
                text = undone_text(len(outcome.undone)) + undo_left_offer(outcome.left)
                self._set_notice(text, problem=True)
            else:
                self._set_notice(undone_text(len(outcome.undone)) + UNDONE_HINT, ok=True)
        self._show()  # stale until read again: its buttons wait for that
        self.changed.emit(outcome.batch_id)

    def _undo_failed(self, error: BaseException) -> None:
        if self._undoing == self._batch_id:
            self._stale = True
            self._set_notice(undo_failed_text(error), problem=True)
        self._show()  # stale until read again: its buttons wait for that
        self.changed.emit(self._undoing)  # some may have been deleted before the error

    def _reverse_progress(self, progress: TaskProgress) -> None:
        if self._reversing == self._batch_id:
            self._set_notice(reversing_text(self._reversing, progress.done, progress.total))

    def _reversed(self, outcome: ReversalOutcome) -> None:
        if outcome.original_id == self._batch_id:
            self._stale = True  # read again: it is now linked to its reversal
            text, complete = reversed_text(outcome.original_id, outcome.report)
            self._set_notice(text, problem=not complete, ok=complete)
        self._show()  # stale until read again: its buttons wait for that
        self.changed.emit(outcome.original_id)

    def _reverse_failed(self, error: BaseException) -> None:
        if self._reversing == self._batch_id:
            self._stale = True
            self._set_notice(reverse_failed_text(error), problem=True)
        self._show()  # stale until read again: its buttons wait for that
        self.changed.emit(self._reversing)  # some may have been posted before the error

    def _verify_progress(self, progress: TaskProgress) -> None:
        """How many vouchers are back, and the time left once the pace says (`Pace`)."""
        batch_id, started = self._verifying
        if batch_id != self._batch_id or not progress.total:
            return
        pace = Pace(progress.done, time.monotonic() - started)
        left = pace.seconds_left(progress.total - progress.done)
        self._set_notice(verifying_text(batch_id, progress.done, progress.total, left))

    def _verified(self, verification: Verification) -> None:
        if verification.batch_id != self._batch_id:
            return
        self._set_notice(
            verification_text(verification), problem=not verification.ok, ok=verification.ok
        )

    def _verify_failed(self, error: BaseException) -> None:
        self._set_notice(verify_failed_text(error), problem=True)

    def _filter_toggled(self, only: bool) -> None:
        self.ui.filter_model.setFilterFixedString(ATTENTION if only else "")
        self._entry_chosen()

    def _entry_chosen(self, *_args: object) -> None:
        """The chosen entry's messages in full, under the table (the column cuts them)."""
        index = self.ui.table.currentIndex()
        row = self.ui.filter_model.mapToSource(index).row() if index.isValid() else -1
        entry = self.model.row_at(row)
        if entry is None or not entry.tooltip:
            self.ui.entry_detail.setVisible(False)
            return
        reference, status = entry.cells[REFERENCE], entry.cells[STATUS]
        # Translators: an entry's reference, its status, then its messages in full.
        detail = tr("{r} · {s}: {m}", r=reference, s=status, m=entry.tooltip)
        self.ui.entry_detail.setText(detail.get())
        self.ui.entry_detail.setVisible(True)

    # -- showing -------------------------------------------------------------------------------

    def _show(self) -> None:
        details = self._details
        shown = self._batch_id is not None
        for widget in (self.ui.table, self.ui.attention_box, self.ui.save_button):
            widget.setVisible(shown)
        posted = details is not None and details.summary.posted > 0
        self.ui.verify_button.setVisible(shown and posted)
        self.ui.verify_button.setEnabled(not self.busy)
        self.ui.resume_button.setVisible(shown and details is not None and details.interrupted)
        self.ui.resume_button.setEnabled(not self.busy and not self._stale)
        if not shown:
            self.ui.caption.setText(
                tr("Pilih batch di atas untuk melihat jurnalnya.").get()
            )  # fmt: skip
            self.ui.facts.setText("")
            self.ui.undo_button.setVisible(False)
            self.ui.reverse_button.setVisible(False)
            return
        batch_id = details.batch.id if details else self._batch_id
        self.ui.caption.setText(tr("Batch {b}", b=batch_id).get())
        if details is None:
            if self.load_runner.busy:
                self.ui.facts.setText(tr("Memuat jurnal batch…").get())
            self.ui.undo_button.setVisible(False)
            self.ui.reverse_button.setVisible(False)
            self.ui.save_button.setEnabled(False)
            return
        self.ui.facts.setText(facts_text(details))
        self.ui.save_button.setEnabled(not self.report_runner.busy)
        accurate = details.batch.service == "accurate"
        self.ui.undo_button.setVisible(accurate and details.summary.posted > 0)
        self.ui.undo_button.setEnabled(not self.busy and not self._stale)
        self.ui.reverse_button.setVisible(_reversible(details))
        self.ui.reverse_button.setEnabled(not self.busy and not self._stale)
        if self._notice_free():
            note = standing_note(details)
            if note is not None:
                self._set_notice(note)

    def _resume_clicked(self) -> None:
        details = self._details
        if details is not None and details.interrupted and not self.busy:
            self.ui.resume_button.setEnabled(False)  # once; the list reloads as posting goes on
            self.resume_requested.emit(details.batch.id)

    def _example(self, details: BatchDetails) -> tuple[str, str]:
        """One posted entry's number and its reversal's, for the question."""
        posted = next(
            (row for row in details.rows if row.status is EntryStatus.POSTED), details.rows[0]
        )
        reference = posted.cells[REFERENCE]
        return reference, example_number(details.batch, reference)

    def _profile_name(self) -> str | None:
        return self._session.profile.name if self._session is not None else None

    def _notice_free(self) -> bool:
        return not self.ui.notice_label.text()

    def _set_notice(self, text: Text | None, *, problem: bool = False, ok: bool = False) -> None:
        self._notice = (text, problem, ok)
        self.ui.notice_label.show_text("error" if problem else "ok" if ok else "info", text)

    def _ask(self, text: Text, yes: Text, no: Text, on_yes: Callable[[], None]) -> None:
        self._dialog = ask(
            self,
            UNDO_TITLE,
            text,
            yes,
            no,
            on_yes,
            on_closed=self._forget_dialog,
            icon=QMessageBox.Icon.Warning,
        )

    def _forget_dialog(self) -> None:
        self._dialog = None


def _reversible(details: BatchDetails) -> bool:
    """The reverse button is offered for a batch with entries on the books that is not a
    reversal itself, until its reversal is complete."""
    if details.reverses or details.reversal_complete:
        return False
    return details.summary.posted > 0 or bool(details.reversed_by)
