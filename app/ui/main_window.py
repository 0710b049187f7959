"""The main window: the company strip on top, a sidebar of pages, the page itself.

The window only assembles: each page is its own view (one file each), the company logic lives
in `CompanyController`, opening the posting window in `PostingLauncher`, and all work runs
through `TaskRunner`s on one executor the window is given (or creates). Closing the window
cancels its tasks and waits for its workers.

The app's settings (`<home>/settings.json`) are read here: the language saved in the Settings
dialog is used at start unless the caller chose one (`--lang`), the last folder of the file
dialogs, the rounding choice. `set_language` switches every open window at once: the
window, its pages, and any posting window, wizard or Settings dialog it has open.

The "Jurnal" page is the import and grid `JournalPage`, built with the window;
`set_journal_page(widget)` puts another widget in its slot (tests plug in their own).
"""

from __future__ import annotations

import functools
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
from app.core.i18n import LANGUAGES, JurnalError, Text, current_language, tr
from app.core.i18n import set_language as set_process_language
from app.core.journal import Chart
from app.logs import log_folder
from app.profiles.home import app_home
from app.profiles.secrets import SecretStore
from app.profiles.settings import LANGUAGE, ROUND_ASK, ROUNDING, Settings
from app.profiles.store import Profile, ProfileStore
from app.setup.demo import Demo, start_demo
from app.setup.wizard import Connector, CredentialsWizard
from app.ui import texts
from app.ui.account_mapping_view import AccountMappingDialog
from app.ui.company_bar import ADD_COMPANY, CompanyBar, CompanyController, CompanySession
from app.ui.company_settings import CompanySettings, company_choices
from app.ui.draft_keeper import DraftKeeper
from app.ui.edit_menu import add_edit_menu
from app.ui.excel_saving import ExcelSaver
from app.ui.history_view import HistoryView
from app.ui.hmac_view import HmacView
from app.ui.interpreter import keep_long_lived
from app.ui.journal_page import JournalPage
from app.ui.keyring_banner import KeyringBanner, KeyringDoctor
from app.ui.posting_launch import PostingLauncher
from app.ui.posting_view import PostingView, ask_report_path
from app.ui.quit_guard import QuitGuard
from app.ui.settings_dialog import Choices, SettingsDialog
from app.ui.tasks import Deadline, TaskRunner, TaskState, cancel_all
from app.ui.texts import bind, retranslate_tree
from app.ui.window_size import default_window_size
from app.ui.wizard_view import CredentialsWizardView

log = logging.getLogger(__name__)


def load_chart(session: CompanySession, limiters: LimiterRegistry, state: TaskState) -> Chart:
    """Worker: the company's chart of accounts, for checking entries in the grid."""
    with session.client(limiters) as client:
        state.check()
        return client.accounts()


OPEN_LOG_FOLDER: Final = tr("Buka folder &log", "Open the &log folder")


JOURNAL, HMAC, HISTORY = "journal", "hmac", "history"
PAGES: Final = (JOURNAL, HMAC, HISTORY)
_PAGE_NAMES: Final = {
    JOURNAL: texts.PAGE_JOURNAL,
    HMAC: texts.PAGE_HMAC,
    HISTORY: texts.PAGE_HISTORY,
}
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
#hintLabel { color: #4a5361; }
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
    language_changed = Signal(str)  # "id" or "en": every open window has switched

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
    ) -> None:
        """`language` is the one chosen for this start (`--lang`); None uses the language
        saved in the Settings dialog, if any, else the process's."""
        super().__init__()
        self.home = home if home is not None else app_home()
        self.settings = settings if settings is not None else Settings(self.home)
        _start_language(self.settings, language)
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
        self.company_bar = CompanyBar(self.companies, self)
        self.company_bar.add_button.clicked.connect(self.open_add_company)
        self.hmac_view = HmacView(parent=self)
        self.choose_report_path = functools.partial(ask_report_path, settings=self.settings)
        self.history_view = HistoryView(
            self.executor, self, limiters=self.limiters, choose_report_path=self.choose_report_path
        )
        self._chart: Chart | None = None
        self._chart_runner = TaskRunner(self.executor, self)
        self._chart_runner.result_ready.connect(self._chart_loaded)
        self._chart_runner.error_raised.connect(self._chart_failed)
        self.journal_page: QWidget = JournalPage(self.executor, self.current_chart, self)
        self.journal_page.post_requested.connect(self.open_posting)
        self._build_drafts()
        self.posting = PostingLauncher(
            self.executor, self.limiters, self, choose_report_path=self.choose_report_path
        )
        self.posting.opened.connect(self._posting_opened)
        self.company_settings = CompanySettings(self, self.executor, self.limiters)
        self.company_settings.failed.connect(self._company_settings_failed)
        self._demo_note = False
        self._build()
        self._build_menu()
        self._build_keyring_banner()
        self._share_settings(self.journal_page)
        self.companies.session_changed.connect(self._session_changed)
        self.companies.load()
        self.keyring_doctor.ask_to_unlock_if_locked()
        self.drafts.offer_restore()  # a draft left by a crash or a restart is offered back
        keep_long_lived()  # the modules and widgets of a started app live as long as it

    # -- public --------------------------------------------------------------------------------

    @property
    def session(self) -> CompanySession | None:
        return self.companies.session

    def current_chart(self) -> Chart | None:
        """The selected company's chart, once loaded (None until then: never fetched here)."""
        return self._chart

    def open_posting(self) -> None:
        """The posting window for the grid's entries, to the selected company: a real company
        is confirmed first; the window opens (`posting.opened`) once the entries are copied."""
        session = self.session
        page = self.journal_page
        self.drafts.commit_typing()  # the cell being typed in is posted as shown
        if session is None or not isinstance(page, JournalPage) or not page.is_ready():
            return
        self.posting.launch(session, page)

    def open_settings(self) -> SettingsDialog:
        """The Settings dialog (window-modal, no nested event loop); saving applies it."""
        profile = self._changeable_profile()
        choices = Choices(
            language=current_language(),
            rounding=self.settings.get(ROUNDING),
            **company_choices(profile),
        )
        session = self.session
        company = session.profile.name if session is not None else ""
        note = None if profile is not None else self._company_settings_note(session)
        dialog = SettingsDialog(choices, company=company, company_note=note, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.apply_settings)
        dialog.open()
        if profile is not None and session is not None:
            self.company_settings.read_branches(dialog, session)
        return dialog

    def apply_settings(self, choices: Choices) -> None:
        """Keep what the Settings dialog saved, and switch the language if it changed."""
        self.settings.update({LANGUAGE: choices.language, ROUNDING: choices.rounding})
        self._apply_rounding()
        profile = self._changeable_profile()
        if profile is not None and choices.api_language is not None:
            self.company_settings.save(self.store, profile, choices)
        if choices.language != current_language():
            self.set_language(choices.language)

    def set_language(self, language: str) -> None:
        """Switch every open window to `language` at once (and remember it)."""
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        self.settings.set(LANGUAGE, language)
        set_process_language(language)
        self.retranslate()
        self.language_changed.emit(language)

    def retranslate(self) -> None:
        """Every text of the window and of the windows it has open, in the language now
        chosen (app.core.i18n)."""
        retranslate_tree(self)
        for row, page in enumerate(PAGES):
            self.sidebar.item(row).setText(_PAGE_NAMES[page].get())
        self._show_status_message()
        self.company_bar.retranslate()
        for page in (self.journal_page, self.hmac_view, self.history_view):
            retranslate = getattr(page, "retranslate", None)
            if callable(retranslate):
                retranslate()
        windows = (PostingView, CredentialsWizardView, SettingsDialog, AccountMappingDialog)
        for kind in windows:
            for window in self.findChildren(kind):
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

    def set_journal_page(self, widget: QWidget) -> None:
        """Put `widget` in the journal page's slot, in place of the page there now.
        A page with a `shutdown(timeout)` method has it called when the window closes, before
        the demo sandbox stops, with the `Deadline` the whole window closes within: it should
        cancel its tasks and wait for its workers there, until that deadline at most."""
        old = self.journal_page
        index = self.pages.indexOf(old)
        self.pages.insertWidget(index, widget)
        self.pages.removeWidget(old)
        old.deleteLater()
        self.journal_page = widget
        self._share_settings(widget)
        if self.sidebar.currentRow() == PAGES.index(JOURNAL):
            self.pages.setCurrentWidget(widget)

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
        self.drafts.shutdown(deadline)  # what changed last is written first
        self.excel_saver.shutdown(deadline)  # a workbook being saved is finished
        for view in self.findChildren(PostingView):
            view.stop()  # no new request leaves; those under way finish
        cancel_all(self)
        # Pages first (a plugged-in page may be posting with the company's client), then the
        # company checks and the demo sandbox the pages were talking to.
        for index in range(self.pages.count()):
            stop = getattr(self.pages.widget(index), "shutdown", None)
            if callable(stop):
                stop(deadline)
        self.posting.shutdown(deadline)
        self.company_settings.shutdown(deadline)
        for view in self.findChildren(PostingView):
            view.shutdown(deadline)
        for wizard_view in self.findChildren(CredentialsWizardView):
            wizard_view.shutdown(deadline)
        self._chart_runner.shutdown(deadline)
        self.keyring_doctor.shutdown(deadline)
        self.companies.shutdown(deadline)
        if self._owns_executor:
            self.executor.shutdown(wait=True, cancel_futures=True)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed and not self.quit_guard.allows_close():
            event.ignore()  # unsaved entries: the question decides
            return
        self.shutdown()
        super().closeEvent(event)

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(200)
        self.sidebar.setFrameShape(QFrame.Shape.NoFrame)
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for page in PAGES:
            item = QListWidgetItem(_PAGE_NAMES[page].get())
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
        self._show_status_message()

    def _build_drafts(self) -> None:
        """The grid's draft file, "Simpan sebagai Excel…" and the question before quitting."""
        self.drafts = DraftKeeper(
            lambda: self.journal_page,
            self.executor,
            self.home,
            self,
            chart_of=self.current_chart,
            company_of=lambda: self.session.profile.name if self.session is not None else "",
        )
        self.excel_saver = ExcelSaver(self.drafts, self.executor, self)
        self.quit_guard = QuitGuard(self, self.drafts, self.excel_saver)

    def _build_keyring_banner(self) -> None:
        """Under the company strip: unreadable secrets, and what to do (app/ui/keyring_banner)."""
        self.keyring_banner = KeyringBanner(self)
        self.centralWidget().layout().insertWidget(1, self.keyring_banner)
        self.keyring_doctor = KeyringDoctor(self.store, self.executor, self.keyring_banner, self)
        self.companies.secrets_unreadable.connect(self.keyring_doctor.secrets_unreadable)
        self.keyring_doctor.companies_changed.connect(lambda name: self.companies.load(name))

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("")
        bind(file_menu, texts.FILE_MENU, "setTitle")
        self.add_company_action = self._action(ADD_COMPANY, self.open_add_company)
        file_menu.addAction(self.add_company_action)
        file_menu.addAction(self.excel_saver.action)
        self.settings_action = self._action(texts.SETTINGS, self.open_settings)
        self.settings_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        quit_action = self._action(texts.QUIT, self.close)
        # Ctrl+Q everywhere (Cmd+Q on macOS): Windows and some desktops bind no Quit key.
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        file_menu.addAction(quit_action)
        if isinstance(self.journal_page, JournalPage):
            page = self.journal_page
            add_edit_menu(self.menuBar(), page.edit_actions, [page.account_mapping.action])
        help_menu = self.menuBar().addMenu("")
        bind(help_menu, texts.HELP_MENU, "setTitle")
        self.open_logs_action = self._action(OPEN_LOG_FOLDER, self.open_log_folder)
        help_menu.addAction(self.open_logs_action)
        help_menu.addSeparator()
        self.about_action = self._action(texts.ABOUT, self.show_about)
        help_menu.addAction(self.about_action)

    def _action(self, text: Text, slot: Callable[[], object]) -> QAction:
        action = QAction(self)
        bind(action, text)
        action.triggered.connect(slot)
        return action

    def _share_settings(self, page: QWidget) -> None:
        """The journal page opens its file dialogs in the last folder and offers rounding
        as the settings say; a journal it takes in is kept out of the collector's way."""
        if hasattr(page, "settings"):
            page.settings = self.settings  # type: ignore[attr-defined]
        model = getattr(page, "model", None)
        if model is not None and hasattr(model, "modelReset"):
            model.modelReset.connect(keep_long_lived)
        self._apply_rounding()

    def _apply_rounding(self) -> None:
        panel = getattr(self.journal_page, "problems_panel", None)
        offer = getattr(panel, "offer_rounding", None)
        if callable(offer):
            offer(self.settings.get(ROUNDING) == ROUND_ASK)

    def _changeable_profile(self) -> Profile | None:
        """The selected company's saved Accurate profile, whose own settings can be changed
        here (the demo's are fixed; Sempoa has neither setting)."""
        session = self.session
        if session is None or session.is_demo or session.profile.service != "accurate":
            return None
        try:
            return self.store.get(session.profile.name)
        except JurnalError:
            return None

    def _company_settings_note(self, session: CompanySession | None) -> Text:
        if session is None:
            return tr("Pilih perusahaan di atas dulu.", "Choose a company above first.")
        if session.is_demo:
            return tr(
                "Perusahaan demo memakai pengaturan bawaannya.",
                "The demo companies keep their own settings.",
            )
        return tr(
            "Sempoa tidak punya pengaturan ini (pesannya selalu dalam bahasa Indonesia, dan "
            "setiap jurnal dikirim sendiri).",
            "Sempoa has neither setting (its messages are in Indonesian, and every entry is "
            "sent on its own).",
        )

    def _company_settings_failed(self, text: Text) -> None:
        self.statusBar().showMessage(text.get())

    def _posting_opened(self, view: PostingView) -> None:
        self.drafts.watch_posting(view)  # posted completely: the grid is kept, its draft goes
        view.finished.connect(lambda _report: self.history_view.reload())

    def _show_status_message(self) -> None:
        note = tr(
            " · mode demo: tidak ada data sungguhan yang dikirim",
            " · demo mode: no real data is sent",
        )
        demo = note.get() if self._demo_note else ""
        self.statusBar().showMessage(f"Jurnal Desk {__version__}" + demo)

    # -- reacting ------------------------------------------------------------------------------

    def _page_chosen(self, row: int) -> None:
        widgets = (self.journal_page, self.hmac_view, self.history_view)
        if 0 <= row < len(widgets):
            self.pages.setCurrentWidget(widgets[row])
            if PAGES[row] == HISTORY:
                self.history_view.reload()

    def _session_changed(self, session: CompanySession | None) -> None:
        self.history_view.set_session(session)
        mapping = getattr(self.journal_page, "account_mapping", None)  # remembered per company
        if mapping is not None:
            mapping.set_company(self.home, session.profile.name if session else None)
        self.drafts.set_company(session.profile.name if session else None)  # drafts per company
        self._chart = None
        self._refresh_journal_chart()
        if session is not None:
            self._chart_runner.start(load_chart, session, self.limiters)
        self._demo_note = session is not None and session.is_demo
        self._show_status_message()
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
                "lalu kirim ke Accurate Online atau Sempoa, tepat satu kali.<br><br>"
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


def _start_language(settings: Settings, chosen: str | None) -> None:
    """The language for this start: the one chosen on the command line, else the one saved
    in the Settings dialog; with neither, the process keeps its own."""
    if chosen in LANGUAGES:
        set_process_language(chosen)
    elif settings.has(LANGUAGE):
        set_process_language(settings.get(LANGUAGE))
