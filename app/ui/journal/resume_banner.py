"""An interrupted batch, offered back: "Posting ke PT X terhenti: 152 dari 200 jurnal belum
terkirim. [Lanjutkan posting]".

When a company is chosen (at start, or switching), `ResumeOffer` asks the outbox on a worker
for the company's newest batch whose posting stopped before the end (the app was quit while
posting, a run was stopped). The banner under the company strip says so; one click opens the
posting window on that batch's own entries, read back from the outbox in their order, so the
engine resumes that same batch against the same company: what is on the books is not sent
again, the rest is sent once. A batch is resumed once per window; the banner's Tutup hides
the offer until the next start (the history's "Lanjutkan posting" still resumes it).
"""

from __future__ import annotations

from concurrent.futures import Executor
from typing import Final

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.api.ratelimit import LimiterRegistry
from app.core.books.journal import JournalEntry
from app.core.error_text import error_text
from app.core.i18n import Text, tr
from app.posting.outbox.interrupted import InterruptedBatch, batch_entries, latest_interrupted
from app.setup.session import CompanySession
from app.ui.common import words as texts
from app.ui.common.dialogs import ReportPathChooser, ask_report_path
from app.ui.common.tasks import Runners, TaskState, Timeout
from app.ui.common.words import bind
from app.ui.journal.posting_launch import POSTING_WINDOW_SIZE
from app.ui.posting.window import PostingView, session_company

RESUME: Final = tr("Lanjutkan posting")
TITLE: Final = tr("Posting terhenti")

STYLE: Final = """
#resumeBanner { background: #fff8e6; border: none; border-bottom: 1px solid #f0d48a; }
#resumeTitle { font-weight: 600; color: #5c4300; }
#resumeText { color: #3d2f00; }
#resumePrimary { background: #1f5fa8; color: white; border: 1px solid #184c87;
                 border-radius: 4px; padding: 4px 12px; font-weight: 600; }
"""


# --- worker functions (plain Python) ----------------------------------------------------------


def find_interrupted(session: CompanySession, state: TaskState) -> InterruptedBatch | None:
    return latest_interrupted(session.outbox_home, session.profile.name)


def read_batch(
    session: CompanySession, batch_id: str, state: TaskState
) -> tuple[CompanySession, str, list[JournalEntry]]:
    return session, batch_id, batch_entries(session.outbox_home, batch_id)


# --- the banner -------------------------------------------------------------------------------


class ResumeBanner(QFrame):
    """What stopped, and the button that finishes it."""

    resume_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resumeBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.title = QLabel(self)
        self.title.setObjectName("resumeTitle")
        bind(self.title, TITLE)
        self.text = QLabel(self)
        self.text.setObjectName("resumeText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.resume_button = QPushButton(self)
        self.resume_button.setObjectName("resumePrimary")
        self.resume_button.setAutoDefault(False)
        bind(self.resume_button, RESUME)
        self.close_button = QPushButton(self)
        self.close_button.setAutoDefault(False)
        bind(self.close_button, texts.CLOSE)
        buttons = QHBoxLayout()
        buttons.addWidget(self.resume_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.resume_button.clicked.connect(self.resume_requested)
        self.close_button.clicked.connect(self.hide)
        self.hide()

    def show_text(self, text: Text) -> None:
        bind(self.text, text)  # follows a language switch
        self.resume_button.setEnabled(True)
        self.show()


# --- the offer --------------------------------------------------------------------------------


class ResumeOffer(QObject):
    """Finds the chosen company's interrupted batch and resumes it on request. Emits
    `opened(PostingView)` when the posting window for it is open."""

    opened = Signal(object)  # PostingView

    def __init__(
        self,
        executor: Executor,
        limiters: LimiterRegistry,
        banner: ResumeBanner,
        window: QWidget,
        *,
        choose_report_path: ReportPathChooser = ask_report_path,
    ) -> None:
        super().__init__(window)
        self._executor = executor
        self._limiters = limiters
        self._window = window
        self._choose_report_path = choose_report_path
        self.banner = banner
        self.session: CompanySession | None = None
        self.offered: InterruptedBatch | None = None
        self._done: set[str] = set()  # batches taken: resumed once each per window
        self._reading = ""  # the batch whose entries are being read
        self._runners = Runners(executor, self)
        self._finder = self._runners.new(result=self._found, error=self._not_found)
        self._reader = self._runners.new(result=self._read, error=self._read_failed)
        banner.resume_requested.connect(self.resume)

    def set_session(self, session: CompanySession | None) -> None:
        """A company was chosen: look for its interrupted batch (on a worker)."""
        self.session = session
        self.offered = None
        self._finder.cancel()
        self._reader.cancel()
        self.banner.hide()
        if session is not None:
            self._finder.start(find_interrupted, session)

    def resume(self) -> None:
        """Open the posting window on the offered batch (once)."""
        offered, session = self.offered, self.session
        if offered is None or session is None:
            return
        if offered.batch.profile != session.profile.name:  # another company meanwhile
            return
        self.resume_batch(offered.batch.id)

    def resume_batch(self, batch_id: str) -> None:
        """Open the posting window on this interrupted batch of the chosen company (the
        banner's, or one chosen in the history), once per window."""
        session = self.session
        if session is None or batch_id in self._done or self._reader.busy:
            return
        self._done.add(batch_id)
        self._reading = batch_id
        self.banner.resume_button.setEnabled(False)
        self._reader.start(read_batch, session, batch_id)

    def shutdown(self, timeout: Timeout) -> bool:
        return self._runners.shutdown(timeout)

    # -- outcomes (GUI thread) -------------------------------------------------------------------

    def _found(self, interrupted: InterruptedBatch | None) -> None:
        session = self.session
        if interrupted is None or session is None or interrupted.batch.id in self._done:
            return
        self.offered = interrupted
        self.banner.show_text(interrupted.text(_company(session)))

    def _not_found(self, _error: BaseException) -> None:
        # The history is unreadable: the history page says so when opened; nothing to offer.
        self.offered = None

    def _read(self, outcome: tuple[CompanySession, str, list[JournalEntry]]) -> None:
        read_for, batch_id, entries = outcome
        session = self.session
        if session is None or session is not read_for:
            self._done.discard(batch_id)  # the company changed meanwhile: nothing was sent
            return
        if self.offered is not None and self.offered.batch.id == batch_id:
            self.banner.hide()
        view = PostingView(
            self._executor,
            session_company(session, self._limiters),
            session.outbox_home,
            entries,
            company=_company(session),
            choose_report_path=self._choose_report_path,
            parent=self._window,
        )
        view.setWindowFlag(Qt.WindowType.Window)  # its own window: closing it asks first
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.resize(*POSTING_WINDOW_SIZE)
        view.show()
        view.start()  # checks the entries against the chart, then resumes the batch
        self.opened.emit(view)

    def _read_failed(self, error: BaseException) -> None:
        self._done.discard(self._reading)  # nothing was sent: it may be tried again
        self.banner.show_text(error_text(error))


def _company(session: CompanySession) -> str:
    return session.profile.company_name or session.profile.name
