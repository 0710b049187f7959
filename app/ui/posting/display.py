"""What the posting window shows for its state: the banner of the phase or of the last
run, the buttons that apply, the progress and pace, the target line and the table's caption.
`PostingDisplay` is mixed into `PostingView`; it reads the view's state and sets widgets
(`PostingLayout` built them), and decides nothing."""

from __future__ import annotations

from app.core.i18n import Text, tr
from app.posting.outbox.ledger import EntryStatus
from app.ui.common.words import count, money, undoing_text
from app.ui.posting.words import (
    CHECK_AGAIN,
    POST_AGAIN,
    RESUME,
    START,
    TRY_AGAIN,
    Banner,
    Phase,
    phase_banner,
    rate_text,
    window_title,
)


class PostingDisplay:
    """Shows `PostingView`'s state on its widgets."""

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
            self.progress_label.setText("")
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
        percent = progress.done * 100 // max(progress.total, 1)
        self.progress_label.setText(f"{words.get()} · {percent}%")
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
        self.banner.show_headline(kind, headline, body)

    def _set_notice(self, text: Text, *, problem: bool = False) -> None:
        self._notice = (text, problem)
        self.notice_label.setText(text.get())
        self.notice_label.setStyleSheet("color: #b3261e;" if problem else "")


def no_summary() -> Banner:
    """The banner before any run or undo has ended: empty."""
    return ("info", Text("", ""), None)
