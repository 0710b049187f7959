"""The main window: the company strip on top, a sidebar of pages, the page itself.

The window only assembles: each page is its own view (one file each), the company logic lives
in `CompanyController`, the company's chart in `CompanyChart`, opening the posting window in
`PostingLauncher`, the menus in `WindowMenus` and the Settings dialog in `WindowSettings`;
all work runs through `TaskRunner`s on one executor the window is given (or creates).
Closing the window cancels its tasks and waits for its workers.

The app's settings (`<home>/settings.json`) are read here: the language saved in the Settings
dialog is used at start unless the caller chose one (`--lang`), the last folder of the file
dialogs, the rounding choice. `set_language` switches every open window at once: the
window, its pages, and any posting window, wizard or Settings dialog it has open.

The "Jurnal" page is the import and grid `JournalPage`, built with the window by the
`journal_page` it is given (`JournalPage` itself, or a subclass of it: tests give their own).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path
from typing import Final

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.api.ratelimit import LimiterRegistry
from app.core.books.journal import Chart
from app.core.i18n import languages, tr
from app.core.i18n import set_language as set_process_language
from app.core.interpreter import keep_long_lived, let_go_of_long_lived
from app.posting.engine import PostingReport
from app.profiles.home import app_home
from app.profiles.secrets import SecretStore
from app.profiles.settings import LANGUAGE, Settings
from app.profiles.store import Profile, ProfileStore
from app.setup.demo import Demo, start_demo
from app.setup.preferences import start_language
from app.setup.session import CompanySession
from app.setup.wizard.flow import Connector, CredentialsWizard
from app.ui.common import words as texts
from app.ui.common.tasks import CLOSE_WAIT_SECONDS, Deadline, cancel_all
from app.ui.common.words import retranslate_tree
from app.ui.company.chart import CompanyChart
from app.ui.company.company_bar import DEMO_ENTRIES, CompanyBar, CompanyController
from app.ui.company.keyring_banner import KeyringBanner, KeyringDoctor
from app.ui.company.settings_dialog import SettingsDialog
from app.ui.firm.page import PAGE_TITLE as FIRM_PAGE_TITLE
from app.ui.firm.page import FirmView
from app.ui.history.page import HistoryView
from app.ui.journal.drafts import DraftKeeper
from app.ui.journal.excel_saving import ExcelSaver
from app.ui.journal.mapping_dialog import AccountMappingDialog
from app.ui.journal.page import ChartProvider, JournalPage
from app.ui.journal.posting_launch import PostingLauncher
from app.ui.journal.resume_banner import ResumeBanner, ResumeOffer
from app.ui.posting.quit_question import PostingQuitGuard
from app.ui.posting.window import PostingView, ask_report_path
from app.ui.shell.menus import WindowMenus
from app.ui.shell.quit_guard import QuitGuard
from app.ui.shell.settings_flow import WindowSettings
from app.ui.shell.sidebar import Sidebar
from app.ui.shell.window_size import default_window_size
from app.ui.tools.hmac_page import HmacView
from app.ui.wizard.dialog import CredentialsWizardView

JOURNAL, HMAC, HISTORY, FIRM = "journal", "hmac", "history", "firm"
PAGES: Final = (JOURNAL, HMAC, HISTORY, FIRM)
_PAGE_NAMES: Final = {
    JOURNAL: texts.PAGE_JOURNAL,
    HMAC: texts.PAGE_HMAC,
    HISTORY: texts.PAGE_HISTORY,
    FIRM: FIRM_PAGE_TITLE,
}
WORKERS: Final = 4
# Builds the journal page with the window's executor, its chart and its parent (the page stack).
JournalPageMaker = Callable[[Executor, ChartProvider, QWidget], JournalPage]


class MainWindow(QMainWindow):
    """Jurnal Desk's window.

    For pages: `session_changed(CompanySession | None)` and `session` say which company is
    selected; `executor` and `limiters` are the ones to run work with (through a
    `TaskRunner`).
    """

    session_changed = Signal(object)  # CompanySession | None
    language_changed = Signal(str)  # "id", "en", "zh": every open window has switched

    def __init__(
        self,
        *,
        home: Path | None = None,
        store: ProfileStore | None = None,
        executor: Executor | None = None,
        limiters: LimiterRegistry | None = None,
        demo_starter: Callable[[Path], Demo] = start_demo,
        settings: Settings | None = None,
        language: str | None = None,
        journal_page: JournalPageMaker = JournalPage,
    ) -> None:
        """`language` is the one chosen for this start (`--lang`); None uses the language
        saved in the Settings dialog, if any, else the process's. `journal_page` makes the
        "Jurnal" page."""
        super().__init__()
        self.home = home if home is not None else app_home()
        self.settings = settings if settings is not None else Settings(self.home)
        start_language(self.settings, language)
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
        self.resize(default_window_size(self.screen()))
        self.setMinimumSize(QSize(860, 560))

        self.companies = CompanyController(
            home=self.home,
            store=self.store,
            executor=self.executor,
            limiters=self.limiters,
            demo_starter=demo_starter,
            parent=self,
        )
        self._build_frame()
        self.company_bar = CompanyBar(self.companies, self._central)
        self.company_bar.add_button.clicked.connect(self.open_add_company)
        # Each page is made in the page stack it lives in: moving a built page there would
        # make Qt work out its whole look again.
        self.hmac_view = HmacView(parent=self.pages)
        self.choose_report_path = functools.partial(ask_report_path, settings=self.settings)
        self.history_view = HistoryView(
            self.executor,
            self.pages,
            limiters=self.limiters,
            choose_report_path=self.choose_report_path,
        )
        self.firm_view = FirmView(self.executor, self.store, self.limiters, self.home, self.pages)
        self.company_chart = CompanyChart(self.executor, self.limiters, self)
        self.journal_page = journal_page(self.executor, self.current_chart, self.pages)
        self.company_chart.changed.connect(self.journal_page.refresh_chart)
        self.journal_page.post_requested.connect(self.open_posting)
        self._build_drafts()
        self.posting = PostingLauncher(
            self.executor, self.limiters, self, choose_report_path=self.choose_report_path
        )
        self.posting.opened.connect(self._posting_opened)
        self._demo_note = False
        # The version and the demo note: a label of the status bar, not its message, which
        # hovering a menu item wipes (and which a passing message covers only for a while).
        self.status_label = QLabel(self)
        self.statusBar().addWidget(self.status_label)
        self._build()
        self.preferences = WindowSettings(
            self,
            settings=self.settings,
            store=self.store,
            companies=self.companies,
            executor=self.executor,
            limiters=self.limiters,
            page=self.journal_page,
            pages=self.pages,
            switch_language=self.set_language,
        )
        # A company the user picks is the one the next start opens (not one fallen back to).
        self.company_bar.combo.activated.connect(lambda _index: self.preferences.remember_company())
        # A journal taken in stays a while: the collector's full sweeps stop walking it (and
        # all else alive then) until the window closes (measured: BENCHMARKS.md, stalls).
        self.journal_page.model.modelReset.connect(keep_long_lived)
        self._build_menu()
        self._build_keyring_banner()
        self._build_resume_banner()
        self.companies.session_changed.connect(self._session_changed)
        self.companies.load(prefer=self.preferences.last_company())
        self.preferences.restore_window_state()
        self.keyring_doctor.ask_to_unlock_if_locked()
        self.drafts.offer_restore()  # a draft left by a crash or a restart is offered back
        # The first keys go to the grid, where the empty grid's hint says they work
        # (Ctrl+Shift+Enter), not to the company list that comes first in the window.
        self.journal_page.grid.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- public --------------------------------------------------------------------------------

    @property
    def session(self) -> CompanySession | None:
        return self.companies.session

    def current_chart(self) -> Chart | None:
        """The selected company's chart, once loaded (None until then: never fetched here)."""
        return self.company_chart.current()

    def open_posting(self) -> None:
        """The posting window for the grid's entries, to the selected company: a real company
        is confirmed first; the window opens (`posting.opened`) once the entries are copied."""
        session = self.session
        page = self.journal_page
        self.drafts.commit_typing()  # the cell being typed in is posted as shown
        if session is None or not page.is_ready():
            return
        self.posting.launch(session, page)

    def import_workbook(self) -> None:
        """Berkas › Impor Excel… (Ctrl+O): the journal page asks for the workbook."""
        self.show_page(JOURNAL)
        self.journal_page.files.choose_workbook()

    def set_language(self, language: str) -> None:
        """Switch every open window to `language` at once (and remember it)."""
        if language not in languages():
            raise ValueError(f"unknown language {language!r}")
        self.settings.set(LANGUAGE, language)
        set_process_language(language)
        self.retranslate()
        self.language_changed.emit(language)

    def retranslate(self) -> None:
        """Every text of the window and of the windows it has open, in the language now
        chosen (app.core.i18n)."""
        retranslate_tree(self)
        self.sidebar.retranslate()
        self._show_status_message()
        self.company_bar.retranslate()
        self.journal_page.retranslate()
        self.hmac_view.retranslate()
        self.history_view.retranslate()
        self.firm_view.retranslate()
        windows: list[PostingView | CredentialsWizardView | SettingsDialog | AccountMappingDialog]
        windows = [
            *self.findChildren(PostingView),
            *self.findChildren(CredentialsWizardView),
            *self.findChildren(SettingsDialog),
            *self.findChildren(AccountMappingDialog),
        ]
        for window in windows:
            window.retranslate()

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
        self.preferences.remember_company()

    def show_page(self, name: str) -> None:
        self.sidebar.setCurrentRow(PAGES.index(name))

    def current_page(self) -> str:
        return PAGES[self.sidebar.currentRow()]

    def shutdown(self) -> None:
        """Cancel the window's tasks, wait for its workers, stop the demo. Safe twice.
        Everything is told to stop at once, then waited for within one deadline in total
        (`CLOSE_WAIT_SECONDS`), however many workers are still running."""
        if self._closed:
            return
        self._closed = True
        deadline = Deadline(CLOSE_WAIT_SECONDS)
        for view in self.findChildren(PostingView):
            view.stop()  # no new request leaves (at once: the waits below share the deadline)
        self.drafts.shutdown(deadline)  # what changed last is written first
        self.excel_saver.shutdown(deadline)  # a workbook being saved is finished
        cancel_all(self)
        # Pages first (a page may be working with the company's client), then the company
        # checks and the demo sandbox the pages were talking to.
        self.journal_page.shutdown(deadline)
        self.history_view.shutdown(deadline)
        self.firm_view.shutdown(deadline)
        self.posting.shutdown(deadline)
        self.preferences.shutdown(deadline)
        for view in self.findChildren(PostingView):
            view.shutdown(deadline)
        for wizard_view in self.findChildren(CredentialsWizardView):
            wizard_view.shutdown(deadline)
        self.company_chart.shutdown(deadline)
        self.keyring_doctor.shutdown(deadline)
        self.resume_offer.shutdown(deadline)
        self.companies.shutdown(deadline)
        if self._owns_executor:
            self.executor.shutdown(wait=True, cancel_futures=True)
        let_go_of_long_lived()  # what the window kept frozen is collected as usual again

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed and not self._may_close():
            event.ignore()  # posting, or unsaved entries: the question decides
            return
        if not self._closed:
            self.preferences.remember_window_state()  # maximized or not, at the next start
        self.shutdown()
        super().closeEvent(event)

    def _may_close(self) -> bool:
        """Posting asks first; then unsaved entries, unless the user chose to stop posting
        and quit (the grid's draft is kept on disk either way)."""
        if not self.posting_quit.allows_close():
            return False
        return self.posting_quit.stopping or self.quit_guard.allows_close()

    # -- building ------------------------------------------------------------------------------

    def _build_frame(self) -> None:
        """The window's parts before its pages: the sidebar and the page stack beside it."""
        self._central = QWidget(self)
        self.setCentralWidget(self._central)
        self.sidebar = Sidebar(_PAGE_NAMES, self._central)
        self.pages = QStackedWidget(self._central)
        self.pages.setObjectName("pages")

    def _build(self) -> None:
        for widget in self._page_widgets():
            self.pages.addWidget(widget)
        self.sidebar.currentRowChanged.connect(self._page_chosen)
        self.sidebar.setCurrentRow(0)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.sidebar)
        body.addWidget(self.pages, 1)
        # The company strip, the banners under it (inserted as they are built), the pages.
        self._column = QVBoxLayout(self._central)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)
        self._column.addWidget(self.company_bar)
        self._column.addLayout(body, 1)
        self._show_status_message()

    def _build_drafts(self) -> None:
        """The grid's draft file, "Simpan sebagai Excel…" and the question before quitting."""
        self.drafts = DraftKeeper(
            self.journal_page,
            self.executor,
            self.home,
            self,
            chart_of=self.current_chart,
            company_of=lambda: self.session.profile.name if self.session is not None else "",
        )
        self.excel_saver = ExcelSaver(self.drafts, self.executor, self)
        self.quit_guard = QuitGuard(self, self.drafts, self.excel_saver)
        self.posting_quit = PostingQuitGuard(self, lambda: self.findChildren(PostingView))

    def _build_keyring_banner(self) -> None:
        """Under the company strip: unreadable secrets, and what to do (app/ui/keyring_banner)."""
        self.keyring_banner = KeyringBanner(self)
        self._column.insertWidget(1, self.keyring_banner)
        self.keyring_doctor = KeyringDoctor(self.store, self.executor, self.keyring_banner, self)
        self.companies.secrets_unreadable.connect(self.keyring_doctor.secrets_unreadable)
        self.keyring_doctor.companies_changed.connect(lambda name: self.companies.load(name))
        self.firm_view.secrets_unlocked.connect(self.keyring_doctor.file_unlocked_elsewhere)

    def _build_resume_banner(self) -> None:
        """Under the company strip: a batch whose posting stopped, offered to be finished
        (app/ui/resume_banner)."""
        self.resume_banner = ResumeBanner(self)
        self._column.insertWidget(2, self.resume_banner)
        self.resume_offer = ResumeOffer(
            self.executor,
            self.limiters,
            self.resume_banner,
            self,
            choose_report_path=self.choose_report_path,
        )
        self.companies.session_changed.connect(self.resume_offer.set_session)
        self.history_view.batch_view.resume_requested.connect(self.resume_offer.resume_batch)
        self.resume_offer.opened.connect(
            lambda view: view.finished.connect(lambda _report: self.history_view.reload())
        )

    def _build_menu(self) -> None:
        """File, Edit and Help (app.ui.shell.menus)."""
        self.menus = WindowMenus(
            self,
            home=self.home,
            page=self.journal_page,
            import_workbook=self.import_workbook,
            add_company=self.open_add_company,
            save_as_excel=self.excel_saver.action,
            open_settings=self.preferences.open,
        )

    def _posting_opened(self, view: PostingView) -> None:
        self.drafts.watch_posting(view)  # posted completely: the grid is kept, its draft goes
        view.finished.connect(lambda _report: self.history_view.reload())
        session = self.session
        company = (session.profile.company_name or session.profile.name) if session else ""
        view.finished.connect(functools.partial(self._posted, company))

    def _posted(self, company: str, report: PostingReport) -> None:
        """The grid marks what is now on the books (and unmarks what a removal took off)."""
        on_books = [entry.fingerprint for entry in report.entries if entry.on_books]
        off_books = [entry.fingerprint for entry in report.entries if not entry.on_books]
        self.journal_page.posted(on_books, off_books, company)

    def _show_status_message(self) -> None:
        note = tr(" · mode demo: tidak ada data sungguhan yang dikirim")
        demo = note.get() if self._demo_note else ""
        self.status_label.setText(f"Jurnal Desk {__version__}" + demo)

    # -- reacting ------------------------------------------------------------------------------

    def _page_widgets(self) -> tuple[QWidget, ...]:
        """The pages, in the order of PAGES."""
        return (self.journal_page, self.hmac_view, self.history_view, self.firm_view)

    def _page_chosen(self, row: int) -> None:
        widgets = self._page_widgets()
        if 0 <= row < len(widgets):
            self.pages.setCurrentWidget(widgets[row])
            if PAGES[row] == HISTORY:
                self.history_view.reload()

    def _session_changed(self, session: CompanySession | None) -> None:
        self.history_view.set_session(session)
        page = self.journal_page
        name = session.profile.name if session else None
        page.account_mapping.set_company(self.home, name)  # remembered per company
        self.drafts.set_company(name)  # drafts per company
        page.forget_sent()  # marks are per company
        demo = session is not None and session.is_demo
        real = session is not None and not demo
        page.empty_hint.offer_demo(self.try_demo if real else None, chosen=demo)  # on an empty grid
        self.company_chart.load(session)
        self._demo_note = session is not None and session.is_demo
        self._show_status_message()
        self.session_changed.emit(session)

    def try_demo(self) -> None:
        """Choose the demo Accurate company (as the company list would)."""
        self.companies.select(DEMO_ENTRIES[0].key)
        self.preferences.remember_company()
