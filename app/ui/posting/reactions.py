"""How the posting window reacts when its workers report (on the GUI thread): the table
prepared, the check's outcome, a run's progress and report, an undo's outcome, the report
saved. `PostingReactions` is mixed into `PostingView`, which owns the state, starts the
workers and moves between the phases."""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

from app.core.interpreter import keep_long_lived
from app.posting.checks.master_data import locate
from app.posting.engine import PostingReport
from app.posting.service import Checked, NotReady
from app.ui.common.tasks import TaskProgress
from app.ui.common.words import report_saved
from app.ui.posting.model import ATTENTION, PreparedRows
from app.ui.posting.words import (
    Phase,
    error_text,
    problems_headline,
    run_summary,
    undo_failed_banner,
    undone_banner,
)
from app.ui.posting.work import CheckOutcome, PostingUpdate, UndoOutcome


class PostingReactions:
    """The results, partial results and errors of `PostingView`'s runners."""

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
        self.save_button.setEnabled(True)
        self._set_notice(report_saved(path))

    def _report_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self._set_notice(error_text(error), problem=True)

    def _filter_toggled(self, only: bool) -> None:
        self.filter_model.setFilterFixedString(ATTENTION if only else "")
