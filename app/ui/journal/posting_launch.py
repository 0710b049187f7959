"""Opening the posting window for the journal page's entries, without freezing the window.

Every posting is confirmed first, naming the company, the number of entries and their debit
total; a real company's question says the entries go into its books, the demo's that they go
to the sandbox on this computer and nowhere else. The entries are then copied off the GUI thread
(50,000 entries take a few hundred milliseconds): the grid keeps working meanwhile, and a
copy during which the grid changed is made again, so the window always posts what the grid
held at one moment. The posting window makes its table on a worker too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Executor
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.api.ratelimit import LimiterRegistry
from app.core.books.journal import JournalEntry
from app.core.i18n import Text, tr
from app.core.interpreter import collector_paused
from app.setup.session import CompanySession
from app.ui.common import words as texts
from app.ui.common.dialogs import ask
from app.ui.common.tasks import TaskRunner, TaskState, Timeout
from app.ui.common.words import count, money
from app.ui.posting.window import PostingView, ReportPathChooser, ask_report_path, session_company

if TYPE_CHECKING:
    from app.ui.journal.grid.model import EntriesModel
    from app.ui.journal.page import JournalPage

POSTING_WINDOW_SIZE: Final = (1180, 760)
YES_POST: Final = tr("Ya, posting")
_MODEL_CHANGES: Final = (
    "dataChanged",
    "modelReset",
    "rowsInserted",
    "rowsRemoved",
    "rowsMoved",
    "layoutChanged",
)


def copy_entries(
    entries_of: Callable[[], list[JournalEntry]], state: TaskState
) -> list[JournalEntry]:
    """Worker: the grid's entries, copied (the grid may change meanwhile: see `generation`)."""
    with collector_paused():  # copies of entries and lines: no cycles
        return entries_of()


def confirmation_text(
    company: str, entries: int, debit_total: Text | str, *, demo: bool = False
) -> Text:
    if demo:
        return tr(
            "Kirim {n} jurnal dengan total debit {d} ke {c}? Ini perusahaan demo: jurnal "
            "dikirim ke sandbox di komputer ini, bukan ke pembukuan sungguhan.",
            n=count(entries),
            d=debit_total,
            c=company,
        )
    return tr(
        "Kirim {n} jurnal dengan total debit {d} ke {c}? Ini perusahaan sungguhan, bukan demo: "
        "jurnal masuk ke pembukuannya.",
        n=count(entries),
        d=debit_total,
        c=company,
    )


class PostingLauncher(QObject):
    """Asks first, copies the entries on a worker, opens the posting window.

    Reads of the journal page its `entries()`, `last_import` and its `model` (whose
    `entry_count`, `total_debit` and change signals are read)."""

    opened = Signal(object)  # PostingView, shown and started

    def __init__(
        self,
        executor: Executor,
        limiters: LimiterRegistry,
        parent: QWidget,
        *,
        choose_report_path: ReportPathChooser = ask_report_path,
    ) -> None:
        super().__init__(parent)
        self._executor = executor
        self._limiters = limiters
        self._window = parent
        self._choose_report_path = choose_report_path
        self._runner = TaskRunner(executor, self)
        self._runner.result_ready.connect(self._copied)
        self._runner.error_raised.connect(self._copy_failed)
        self._generation = 0  # grid changes seen; a copy is kept only if none came meanwhile
        self._watched: EntriesModel | None = None
        self._pending: tuple[CompanySession, JournalPage, int] | None = None
        self._dialog: QMessageBox | None = None

    @property
    def dialog(self) -> QMessageBox | None:
        """The confirmation being asked, if any (tests answer it)."""
        return self._dialog

    @property
    def busy(self) -> bool:
        return self._runner.busy

    def launch(self, session: CompanySession, page: JournalPage) -> None:
        """Post the page's entries to the session's company, once the user says yes."""
        if self._runner.busy or self._dialog is not None:
            return
        self._watch(page.model)
        model = page.model
        company = session.profile.company_name or session.profile.name
        demo = session.is_demo
        self._dialog = ask(
            self._window,
            tr("Posting ke {c}", c=company),
            confirmation_text(company, model.entry_count, money(model.total_debit), demo=demo),
            YES_POST,
            texts.CANCEL,
            lambda: self._copy(session, page),
            on_closed=self._forget_dialog,
            icon=QMessageBox.Icon.Question if demo else QMessageBox.Icon.Warning,
        )

    def shutdown(self, timeout: Timeout) -> bool:
        return self._runner.shutdown(timeout)

    # -- internals -------------------------------------------------------------------------------

    def _watch(self, model: EntriesModel) -> None:
        """Count the grid's changes (each arrives on the GUI thread as a model signal)."""
        if model is self._watched:
            return
        self._watched = model
        for name in _MODEL_CHANGES:
            getattr(model, name).connect(self._grid_changed)

    def _grid_changed(self, *_args: object) -> None:
        self._generation += 1

    def _forget_dialog(self) -> None:
        self._dialog = None

    def _copy(self, session: CompanySession, page: JournalPage) -> None:
        self._pending = (session, page, self._generation)
        self._runner.start(copy_entries, page.entries)

    def _copied(self, entries: list[JournalEntry]) -> None:
        if self._pending is None:
            return
        session, page, generation = self._pending
        if generation != self._generation:  # the grid changed while it was copied
            self._copy(session, page)
            return
        self._pending = None
        self._open(session, page, entries)

    def _copy_failed(self, _error: BaseException) -> None:
        """A copy that met the grid mid-change: copy on the GUI thread, where nothing else
        changes it (rare; a moment's wait rather than a wrong batch)."""
        if self._pending is None:
            return
        session, page, _generation = self._pending
        self._pending = None
        self._open(session, page, page.entries())

    def _open(
        self, session: CompanySession, page: JournalPage, entries: Sequence[JournalEntry]
    ) -> None:
        view = PostingView(
            self._executor,
            session_company(session, self._limiters),
            session.outbox_home,
            entries,
            source=page.last_import,
            company=session.profile.company_name or session.profile.name,
            choose_report_path=self._choose_report_path,
            parent=self._window,
        )
        view.setWindowFlag(Qt.WindowType.Window)  # its own window: closing it asks first
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.resize(*POSTING_WINDOW_SIZE)
        view.show()
        view.start()  # checks once its table is ready
        self.opened.emit(view)
