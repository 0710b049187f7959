"""The main window: the company strip on top, a sidebar of pages, the page itself.

The window only assembles: each page is its own view (one file each), the company logic lives
in `CompanyController`, and all work runs through `TaskRunner`s on one executor the window is
given (or creates). Closing the window cancels its tasks and waits for its workers.

The "Jurnal" page (import and grid) is plugged in with `set_journal_page(widget)`; until then
a placeholder stands in its slot.
"""

from __future__ import annotations

import html
import logging
import platform
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path
from typing import Final

from PySide6.QtCore import QSize, Qt, QUrl, Signal, qVersion
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.api.ratelimit import LimiterRegistry
from app.core.i18n import tr
from app.core.journal import Chart
from app.logs import log_folder
from app.profiles.home import app_home
from app.profiles.secrets import SecretStore
from app.profiles.store import Profile, ProfileStore
from app.profiles.wizard import Connector, CredentialsWizard
from app.sandbox.demo import Demo, start_demo
from app.ui import texts
from app.ui.company_bar import ADD_COMPANY, CompanyBar, CompanyController, CompanySession
from app.ui.edit_menu import add_edit_menu
from app.ui.history_view import HistoryView
from app.ui.hmac_view import HmacView
from app.ui.journal_page import JournalPage
from app.ui.keyring_banner import KeyringBanner, KeyringDoctor
from app.ui.posting_view import PostingView, session_company
from app.ui.tasks import TaskRunner, TaskState
from app.ui.wizard_view import CredentialsWizardView

log = logging.getLogger(__name__)


def load_chart(session: CompanySession, limiters: LimiterRegistry, state: TaskState) -> Chart:
    """Worker: the company's chart of accounts, for checking entries in the grid."""
    with session.connect(limiters) as client:
        state.check()
        return client.accounts()


OPEN_LOG_FOLDER: Final = tr("Buka folder &log", "Open the &log folder")

JOURNAL, HMAC, HISTORY = "journal", "hmac", "history"
PAGES: Final = (JOURNAL, HMAC, HISTORY)
WORKERS: Final = 4
CLOSE_WAIT_SECONDS: Final = 10.0

STYLE: Final = """
#companyBar { background: #ffffff; border-bottom: 1px solid #d9dde3; }
#companyLabel { font-weight: 600; }
#statusLine[kind="ok"] { color: #1e6b35; }
#statusLine[kind="error"] { color: #b3261e; }
#statusLine[kind="busy"] { color: #6b5900; }
#problemLine { color: #b3261e; }
#sidebar {
    background: #f3f5f8; border: none; border-right: 1px solid #d9dde3;
    padding-top: 8px; font-size: 13px;
}
#sidebar::item { padding: 9px 14px; border-radius: 6px; margin: 1px 8px; color: #2b2f36; }
#sidebar::item:selected { background: #dce8f7; color: #0b4a8b; font-weight: 600; }
#sidebar::item:hover:!selected { background: #e8ecf1; }
#hintLabel { color: #5f6670; }
#hintLabel[problem="true"] { color: #b3261e; }
#placeholderTitle { font-size: 18px; font-weight: 600; color: #2b2f36; }
"""


class MainWindow(QMainWindow):
    """Jurnal Desk's window.

    For pages: `session_changed(CompanySession | None)` and `session` say which company is
    selected; `executor` and `limiters` are the ones to run work with (through a
    `TaskRunner`).
    """

    session_changed = Signal(object)  # CompanySession | None

    def __init__(
        self,
        *,
        home: Path | None = None,
        store: ProfileStore | None = None,
        executor: Executor | None = None,
        limiters: LimiterRegistry | None = None,
        demo_starter: Callable[[Path], Demo] = start_demo,
    ) -> None:
        super().__init__()
        self.home = home if home is not None else app_home()
        # terminal=False: no keyring backend may ask on a terminal nobody sees.
        secrets = SecretStore(home=self.home, terminal=False)
        self.store = store if store is not None else ProfileStore(self.home, secrets)
        self._owns_executor = executor is None
        self.executor: Executor = executor or ThreadPoolExecutor(
            max_workers=WORKERS, thread_name_prefix="jurnal-desk"
        )
        self.limiters = limiters if limiters is not None else LimiterRegistry()
        self._closed = False
        self.setWindowTitle(texts.APP_TITLE)
        self.setObjectName("mainWindow")
        self.setStyleSheet(STYLE)
        self.resize(1180, 760)
        self.setMinimumSize(QSize(860, 560))

        self.companies = CompanyController(
            home=self.home,
            store=self.store,
            executor=self.executor,
            limiters=self.limiters,
            demo_starter=demo_starter,
            parent=self,
        )
        self.company_bar = CompanyBar(self.companies, self)
        self.company_bar.add_button.clicked.connect(self.open_add_company)
        self.hmac_view = HmacView(parent=self)
        self.history_view = HistoryView(self.executor, self, limiters=self.limiters)
        self._chart: Chart | None = None
        self._chart_runner = TaskRunner(self.executor, self)
        self._chart_runner.result_ready.connect(self._chart_loaded)
        self._chart_runner.error_raised.connect(self._chart_failed)
        self.journal_page: QWidget = JournalPage(self.executor, self.current_chart, self)
        self.journal_page.post_requested.connect(self.open_posting)
        self._build()
        self._build_menu()
        self._build_keyring_banner()
        self.companies.session_changed.connect(self._session_changed)
        self.companies.load()
        self.keyring_doctor.ask_to_unlock_if_locked()

    # -- public --------------------------------------------------------------------------------

    @property
    def session(self) -> CompanySession | None:
        return self.companies.session

    def current_chart(self) -> Chart | None:
        """The selected company's chart, once loaded (None until then: never fetched here)."""
        return self._chart

    def open_posting(self) -> PostingView | None:
        """The posting window for the grid's entries, to the selected company."""
        session = self.session
        page = self.journal_page
        if session is None or not isinstance(page, JournalPage) or not page.is_ready():
            return None
        view = PostingView(
            self.executor,
            session_company(session, self.limiters),
            session.outbox_home,
            page.entries(),
            source=page.last_import,
            company=session.profile.company_name or session.profile.name,
            parent=self,
        )
        view.setWindowFlag(Qt.WindowType.Window)  # its own window: closing it asks first
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.finished.connect(lambda _report: self.history_view.reload())
        view.resize(1180, 760)
        view.show()
        view.start()
        return view

    def open_add_company(self) -> CredentialsWizardView:
        """The credentials wizard; a company it saves is listed and selected."""
        wizard = CredentialsWizard(self.store, connector=Connector(limiters=self.limiters))
        view = CredentialsWizardView(wizard, self.executor, self)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.profile_saved.connect(self._company_added)
        view.open()  # window-modal, without a nested event loop
        return view

    def _company_added(self, profile: Profile) -> None:
        self.companies.load(select=profile.name)

    def set_journal_page(self, widget: QWidget) -> None:
        """Put the journal page (import and grid) in its slot, replacing the placeholder.
        A page with a `shutdown()` method has it called when the window closes, before the
        demo sandbox stops: it should cancel its tasks and wait for its workers there."""
        old = self.journal_page
        index = self.pages.indexOf(old)
        self.pages.insertWidget(index, widget)
        self.pages.removeWidget(old)
        old.deleteLater()
        self.journal_page = widget
        if self.sidebar.currentRow() == PAGES.index(JOURNAL):
            self.pages.setCurrentWidget(widget)

    def show_page(self, name: str) -> None:
        self.sidebar.setCurrentRow(PAGES.index(name))

    def current_page(self) -> str:
        return PAGES[self.sidebar.currentRow()]

    def shutdown(self) -> None:
        """Cancel the window's tasks, wait for its workers, stop the demo. Safe twice."""
        if self._closed:
            return
        self._closed = True
        # Pages first (a plugged-in page may be posting with the company's client), then the
        # company checks and the demo sandbox the pages were talking to.
        for index in range(self.pages.count()):
            stop = getattr(self.pages.widget(index), "shutdown", None)
            if callable(stop):
                stop()
        for view in self.findChildren(PostingView):
            view.shutdown(CLOSE_WAIT_SECONDS)
        for wizard_view in self.findChildren(CredentialsWizardView):
            wizard_view.shutdown(CLOSE_WAIT_SECONDS)
        self._chart_runner.shutdown(CLOSE_WAIT_SECONDS)
        self.keyring_doctor.shutdown(CLOSE_WAIT_SECONDS)
        self.companies.shutdown(CLOSE_WAIT_SECONDS)
        if self._owns_executor:
            self.executor.shutdown(wait=True, cancel_futures=True)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(200)
        self.sidebar.setFrameShape(QFrame.Shape.NoFrame)
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        names = {JOURNAL: texts.PAGE_JOURNAL, HMAC: texts.PAGE_HMAC, HISTORY: texts.PAGE_HISTORY}
        for page in PAGES:
            item = QListWidgetItem(names[page].get())
            item.setData(Qt.ItemDataRole.UserRole, page)
            self.sidebar.addItem(item)

        self.pages = QStackedWidget(self)
        self.pages.setObjectName("pages")
        for widget in (self.journal_page, self.hmac_view, self.history_view):
            self.pages.addWidget(widget)
        self.sidebar.currentRowChanged.connect(self._page_chosen)
        self.sidebar.setCurrentRow(0)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.sidebar)
        body.addWidget(self.pages, 1)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.company_bar)
        layout.addLayout(body, 1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(f"Jurnal Desk {__version__}")

    def _build_keyring_banner(self) -> None:
        """Under the company strip: unreadable secrets, and what to do (app/ui/keyring_banner)."""
        self.keyring_banner = KeyringBanner(self)
        self.centralWidget().layout().insertWidget(1, self.keyring_banner)
        self.keyring_doctor = KeyringDoctor(self.store, self.executor, self.keyring_banner, self)
        self.companies.secrets_unreadable.connect(self.keyring_doctor.secrets_unreadable)
        self.keyring_doctor.companies_changed.connect(lambda name: self.companies.load(name))

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(texts.FILE_MENU.get())
        self.add_company_action = QAction(ADD_COMPANY.get(), self)
        self.add_company_action.triggered.connect(self.open_add_company)
        file_menu.addAction(self.add_company_action)
        file_menu.addSeparator()
        quit_action = QAction(texts.QUIT.get(), self)
        quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        if isinstance(self.journal_page, JournalPage):
            add_edit_menu(self.menuBar(), self.journal_page.edit_actions)
        help_menu = self.menuBar().addMenu(texts.HELP_MENU.get())
        self.open_logs_action = QAction(OPEN_LOG_FOLDER.get(), self)
        self.open_logs_action.triggered.connect(self.open_log_folder)
        help_menu.addAction(self.open_logs_action)
        help_menu.addSeparator()
        self.about_action = QAction(texts.ABOUT.get(), self)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    # -- reacting ------------------------------------------------------------------------------

    def _page_chosen(self, row: int) -> None:
        widgets = (self.journal_page, self.hmac_view, self.history_view)
        if 0 <= row < len(widgets):
            self.pages.setCurrentWidget(widgets[row])
            if PAGES[row] == HISTORY:
                self.history_view.reload()

    def _session_changed(self, session: CompanySession | None) -> None:
        self.history_view.set_session(session)
        self._chart = None
        self._refresh_journal_chart()
        if session is not None:
            self._chart_runner.start(load_chart, session, self.limiters)
        demo = session is not None and session.is_demo
        note = tr(
            " · mode demo: tidak ada data sungguhan yang dikirim",
            " · demo mode: no real data is sent",
        )
        self.statusBar().showMessage(f"Jurnal Desk {__version__}" + (note.get() if demo else ""))
        self.session_changed.emit(session)

    def _chart_loaded(self, chart: Chart) -> None:
        self._chart = chart
        self._refresh_journal_chart()

    def _chart_failed(self, error: BaseException) -> None:
        # The company bar reports connection problems with their remedy; the grid simply
        # checks without a chart until one loads.
        log.info("chart not loaded: %s", type(error).__name__)

    def _refresh_journal_chart(self) -> None:
        refresh = getattr(self.journal_page, "refresh_chart", None)
        if callable(refresh):
            refresh()

    # -- help --------------------------------------------------------------------------------

    def open_log_folder(self) -> Path:
        """Show the log folder in the file manager; where there is none (or it fails), say
        where the folder is so it can be found by hand."""
        folder = log_folder(self.home)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            log.warning("log folder cannot be created: %s", type(error).__name__)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self._notice(
                tr(
                    "Folder log Jurnal Desk ada di:<br><b>{path}</b><br>Kirim berkas "
                    "jurnal-desk.log di sana ke dukungan bila diminta.",
                    "Jurnal Desk's log folder is:<br><b>{path}</b><br>Send the "
                    "jurnal-desk.log file in it to support when asked.",
                    path=html.escape(str(folder)),
                ).get()
            )
        return folder

    def show_about(self) -> QMessageBox:
        """The About box: the version (the same as `jurnal-desk --version` and the result
        workbook's), Qt's, and where the log is."""
        return self._notice(
            tr(
                "<b>Jurnal Desk {v}</b><br>Impor jurnal dari Excel, periksa keseimbangannya, "
                "lalu kirim ke Accurate Online atau Sempoa, tepat sekali.<br><br>"
                "Qt {qt} · Python {py}<br>Log: {log}",
                "<b>Jurnal Desk {v}</b><br>Import journal entries from Excel, check that they "
                "balance, and post them to Accurate Online or Sempoa, exactly once.<br><br>"
                "Qt {qt} · Python {py}<br>Log: {log}",
                v=__version__,
                qt=qVersion(),
                py=platform.python_version(),
                log=html.escape(str(log_folder(self.home))),
            ).get(),
            title=texts.ABOUT.get().replace("&", ""),
        )

    def _notice(self, text: str, *, title: str = texts.APP_TITLE) -> QMessageBox:
        box = QMessageBox(self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(text)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addButton(texts.CLOSE.get(), QMessageBox.ButtonRole.AcceptRole)
        box.open()  # window-modal, without a nested event loop
        return box
