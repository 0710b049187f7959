"""What the posting window shows for its state: the banner of the phase or of the last
run, the buttons that apply, the progress and pace, the target line, the table's caption,
the problems list and the notice line. `PostingDisplay` is given the values to show and sets
the widgets `PostingWidgets` built; it decides nothing (`again_label` says which "again"
button a state offers)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QWidget

from app.core.i18n import Text, tr
from app.posting.engine import PostingReport
from app.posting.engine import Progress as EngineProgress
from app.posting.outbox.ledger import EntryStatus
from app.posting.service import Checked
from app.ui.common.words import BLANK, count, money
from app.ui.posting.layout import PostingWidgets
from app.ui.posting.words import (
    CHECK_AGAIN,
    POST_AGAIN,
    RESUME,
    START,
    TRY_AGAIN,
    Banner,
    Phase,
    problems_headline,
    rate_text,
    window_title,
)
from app.ui.posting.work import Pace

CHOSEN_COMPANY = tr("perusahaan terpilih")


class PostingDisplay:
    """Sets the posting window (`window`) and its widgets (`ui`) for the state it is given."""

    def __init__(self, window: QWidget, ui: PostingWidgets) -> None:
        self._window = window
        self._ui = ui

    def show_phase(
        self,
        phase: Phase,
        report: PostingReport | None,
        banner: Banner,
        *,
        again: Text | None,
        saving: bool,
    ) -> None:
        """The panels and buttons that apply in `phase`, and the banner; `saving`: the report
        is being written (its button waits)."""
        ui = self._ui
        running = phase in (Phase.POSTING, Phase.STOPPING)
        ui.problems_panel.setVisible(phase is Phase.PROBLEMS)
        ui.progress_panel.setVisible(running or report is not None)
        ui.stop_button.setVisible(running)
        ui.stop_button.setEnabled(phase is Phase.POSTING)
        settled = phase is Phase.DONE
        ui.save_button.setVisible(report is not None)
        ui.save_button.setEnabled(settled and not saving)
        can_undo = (
            report is not None
            and report.batch.service == "accurate"
            and report.count(EntryStatus.POSTED) > 0
        )
        ui.undo_button.setVisible(can_undo)
        ui.undo_button.setEnabled(settled)
        ui.again_button.setVisible(again is not None)
        if again is not None:
            ui.again_button.setText(again.get())
        ui.banner.show_headline(*banner)

    def show_progress(self, progress: EngineProgress | None, pace: Pace, *, running: bool) -> None:
        """The bar, the counts and the pace; before the engine's first report, busy."""
        ui = self._ui
        if progress is None:
            ui.progress_bar.setRange(0, 0)  # busy until the engine's first report
            ui.progress_label.setText("")
            ui.rate_label.setText(tr("Menghubungi…").get())
            return
        ui.progress_bar.setRange(0, max(progress.total, 1))
        ui.progress_bar.setValue(progress.done)
        words = tr(
            "{d} / {t} jurnal · {p}%",
            d=count(progress.done),
            t=count(progress.total),
            p=progress.done * 100 // max(progress.total, 1),
        )
        ui.progress_label.setText(words.get())
        ui.stat_posted.set(progress.posted)
        ui.stat_rejected.set(progress.rejected)
        ui.stat_skipped.set(progress.skipped)
        ui.stat_uncertain.set(progress.uncertain)
        ui.rate_label.setText(rate_text(pace, progress, running=running))

    def show_target(
        self, company: str, entries: int, total_debit: Decimal, report: PostingReport | None
    ) -> None:
        """The window's title, the line under it (where the entries go) and the table's
        caption; `company` "" until the check names it."""
        self._window.setWindowTitle(window_title(company).get())
        self._ui.target_label.setText(
            tr(
                "ke {c} · {n} jurnal · total debit {d}",
                c=company or CHOSEN_COMPANY.get(),
                n=count(entries),
                d=money(total_debit),
            ).get()
        )
        self.show_caption(entries, report)

    def show_caption(self, entries: int, report: PostingReport | None) -> None:
        n = count(entries)
        if report is None:
            caption = tr("{n} jurnal", n=n)
        else:
            batch = report.batch.id
            caption = tr("Batch {b} · {n} jurnal", b=batch, n=n)
        self._ui.table_caption.setText(caption.get())

    def show_problems(self, checked: Checked) -> None:
        """The check's problems, one a line, under their headline."""
        ui = self._ui
        ui.problems_model.setStringList([problem.describe() for problem in checked.problems])
        ui.problems_title.setText(problems_headline(checked).get())

    def show_notice(self, text: Text, *, problem: bool) -> None:
        self._ui.notice_label.setText(text.get())
        self._ui.notice_label.setStyleSheet("color: #b3261e;" if problem else "")


def again_label(phase: Phase, report: PostingReport | None, *, declined: bool) -> Text | None:
    """The words of the button that starts over in this state, or None where none applies:
    check again, try again, resume an unfinished batch, or post the rejected again."""
    if phase is Phase.IDLE:
        return CHECK_AGAIN if declined else START
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


def no_summary() -> Banner:
    """The banner before any run or undo has ended: empty."""
    return ("info", BLANK, None)
