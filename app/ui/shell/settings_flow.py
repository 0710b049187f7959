"""The Settings dialog as the main window opens it, and what saving it changes: the app's
own settings (`<home>/settings.json`: the language, the grid's number style, the rounding
offer) and the selected
company's (Accurate's language and main branch, saved through `CompanySettings`).

The journal page is given the settings too: its file dialogs open in the last folder used,
its grid reads and shows numbers in the number style chosen (named in the status bar while
the page is shown), and its problems panel offers rounding as the settings say. The window
itself is reopened as it was left: on the company last chosen, maximized if it was.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow, QStackedWidget

from app.api.ratelimit import LimiterRegistry
from app.core.books.number_style import NumberStyle
from app.core.i18n import Text, current_language
from app.profiles.settings import (
    LANGUAGE,
    LAST_COMPANY,
    NUMBER_STYLE,
    ROUND_ASK,
    ROUNDING,
    WINDOW_MAXIMIZED,
    Settings,
)
from app.profiles.store import ProfileStore
from app.setup.preferences import (
    Choices,
    changeable_profile,
    company_choices,
    company_settings_note,
)
from app.ui.common.tasks import Timeout
from app.ui.company.company_bar import CompanyController
from app.ui.company.company_settings import CompanySettings
from app.ui.company.settings_dialog import SettingsDialog
from app.ui.journal.number_style_label import NumberStyleLabel
from app.ui.journal.page import JournalPage


class WindowSettings(QObject):
    """Opens the Settings dialog for `window` and applies what it saves: to the journal
    `page`, and through `switch_language` to every open window. The number style is named in
    the window's status bar while `pages` shows the journal page."""

    def __init__(
        self,
        window: QMainWindow,
        *,
        settings: Settings,
        store: ProfileStore,
        companies: CompanyController,
        executor: Executor,
        limiters: LimiterRegistry,
        page: JournalPage,
        pages: QStackedWidget,
        switch_language: Callable[[str], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._settings = settings
        self._store = store
        self._companies = companies
        self._page = page
        self._pages = pages
        self._switch_language = switch_language
        self.company_settings = CompanySettings(window, executor, limiters)
        self.company_settings.failed.connect(self._company_settings_failed)
        self.number_style_label = NumberStyleLabel(window)
        window.statusBar().addPermanentWidget(self.number_style_label)
        pages.currentChanged.connect(self._show_style_label)
        # The journal page opens its file dialogs in the last folder and offers rounding as
        # the settings say.
        page.settings = settings
        self.apply_rounding()
        self.apply_number_style()

    def open(self) -> SettingsDialog:
        """The Settings dialog (window-modal, no nested event loop); saving applies it."""
        session = self._companies.session
        profile = changeable_profile(session, self._store)
        choices = Choices(
            language=current_language(),
            rounding=self._settings.get(ROUNDING),
            number_style=self._settings.get(NUMBER_STYLE),
            **company_choices(profile),
        )
        company = session.profile.name if session is not None else ""
        note = None if profile is not None else company_settings_note(session)
        dialog = SettingsDialog(choices, company=company, company_note=note, parent=self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.apply)
        dialog.open()
        if profile is not None and session is not None:
            self.company_settings.read_branches(dialog, session)
        return dialog

    def apply(self, choices: Choices) -> None:
        """Keep what the Settings dialog saved, and switch the language if it changed."""
        self._settings.update(
            {
                LANGUAGE: choices.language,
                ROUNDING: choices.rounding,
                NUMBER_STYLE: choices.number_style,
            }
        )
        self.apply_rounding()
        self.apply_number_style()
        profile = changeable_profile(self._companies.session, self._store)
        if profile is not None and choices.api_language is not None:
            self.company_settings.save(self._store, profile, choices)
        if choices.language != current_language():
            self._switch_language(choices.language)

    def apply_rounding(self) -> None:
        ask = self._settings.get(ROUNDING) == ROUND_ASK
        self._page.problems_panel.offer_rounding(ask)

    def apply_number_style(self) -> None:
        """The grid reads and shows numbers in the style chosen; the status bar names it."""
        style = NumberStyle(self._settings.get(NUMBER_STYLE))
        self._page.model.set_number_style(style)
        self.number_style_label.show_style(style)
        self._show_style_label()

    def _show_style_label(self) -> None:
        """Only beside the Journal page's grid (the other pages write numbers as the
        language does)."""
        self.number_style_label.setVisible(self._pages.currentWidget() is self._page)

    def last_company(self) -> str:
        """The key of the company last chosen ("" for none yet)."""
        return self._settings.get(LAST_COMPANY)

    def remember_company(self) -> None:
        """The company chosen now is the one the next start opens."""
        selected = self._companies.selected
        if selected is not None:
            self._settings.set(LAST_COMPANY, selected.key)

    def restore_window_state(self) -> None:
        """Maximized at the start when it was at the last close (shown so by `show()`)."""
        if self._settings.get(WINDOW_MAXIMIZED):
            window = self._window
            window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)

    def remember_window_state(self) -> None:
        self._settings.set(WINDOW_MAXIMIZED, self._window.isMaximized())

    def shutdown(self, timeout: Timeout) -> None:
        self.company_settings.shutdown(timeout)

    def _company_settings_failed(self, text: Text) -> None:
        self._window.statusBar().showMessage(text.get())
