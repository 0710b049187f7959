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

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from app.core.books.money import NumberStyle
from app.core.i18n import Text, current_language
from app.core.interpreter import keep_long_lived
from app.profiles.settings import (
    LANGUAGE,
    LAST_COMPANY,
    NUMBER_STYLE,
    ROUND_ASK,
    ROUNDING,
    WINDOW_MAXIMIZED,
)
from app.setup.preferences import (
    Choices,
    changeable_profile,
    company_choices,
    company_settings_note,
)
from app.ui.common.tasks import Timeout
from app.ui.company.company_settings import CompanySettings
from app.ui.company.settings_dialog import SettingsDialog
from app.ui.journal.number_style_label import NumberStyleLabel

if TYPE_CHECKING:
    from app.ui.journal.page import JournalPage
    from app.ui.shell.main_window import MainWindow


class WindowSettings(QObject):
    """Opens the Settings dialog for `window` and applies what it saves."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.company_settings = CompanySettings(window, window.executor, window.limiters)
        self.company_settings.failed.connect(self._company_settings_failed)
        self.number_style_label: NumberStyleLabel | None = None  # once the window is built

    def open(self) -> SettingsDialog:
        """The Settings dialog (window-modal, no nested event loop); saving applies it."""
        window = self._window
        session = window.session
        profile = changeable_profile(session, window.store)
        choices = Choices(
            language=current_language(),
            rounding=window.settings.get(ROUNDING),
            number_style=window.settings.get(NUMBER_STYLE),
            **company_choices(profile),
        )
        company = session.profile.name if session is not None else ""
        note = None if profile is not None else company_settings_note(session)
        dialog = SettingsDialog(choices, company=company, company_note=note, parent=window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(window.apply_settings)
        dialog.open()
        if profile is not None and session is not None:
            self.company_settings.read_branches(dialog, session)
        return dialog

    def apply(self, choices: Choices) -> None:
        """Keep what the Settings dialog saved, and switch the language if it changed."""
        window = self._window
        window.settings.update(
            {
                LANGUAGE: choices.language,
                ROUNDING: choices.rounding,
                NUMBER_STYLE: choices.number_style,
            }
        )
        self.apply_rounding()
        self.apply_number_style()
        profile = changeable_profile(window.session, window.store)
        if profile is not None and choices.api_language is not None:
            self.company_settings.save(window.store, profile, choices)
        if choices.language != current_language():
            window.set_language(choices.language)

    def share_with(self, page: JournalPage) -> None:
        """The journal page opens its file dialogs in the last folder and offers rounding
        as the settings say."""
        page.settings = self._window.settings
        page.model.modelReset.connect(keep_long_lived)  # a journal taken in stays a while
        self.apply_rounding()
        self.apply_number_style()

    def apply_rounding(self) -> None:
        ask = self._window.settings.get(ROUNDING) == ROUND_ASK
        self._window.journal_page.problems_panel.offer_rounding(ask)

    def apply_number_style(self) -> None:
        """The grid reads and shows numbers in the style chosen; the status bar names it."""
        style = NumberStyle(self._window.settings.get(NUMBER_STYLE))
        self._window.journal_page.model.set_number_style(style)
        self._style_label().show_style(style)
        self._show_style_label()

    def _style_label(self) -> NumberStyleLabel:
        if self.number_style_label is None:
            window = self._window
            self.number_style_label = NumberStyleLabel(window)
            window.statusBar().addPermanentWidget(self.number_style_label)
            window.pages.currentChanged.connect(self._show_style_label)
        return self.number_style_label

    def _show_style_label(self) -> None:
        """Only beside the Journal page's grid (the other pages write numbers as the
        language does)."""
        window = self._window
        self._style_label().setVisible(window.pages.currentWidget() is window.journal_page)

    def last_company(self) -> str:
        """The key of the company last chosen ("" for none yet)."""
        return self._window.settings.get(LAST_COMPANY)

    def remember_company(self) -> None:
        """The company chosen now is the one the next start opens."""
        selected = self._window.companies.selected
        if selected is not None:
            self._window.settings.set(LAST_COMPANY, selected.key)

    def restore_window_state(self) -> None:
        """Maximized at the start when it was at the last close (shown so by `show()`)."""
        if self._window.settings.get(WINDOW_MAXIMIZED):
            window = self._window
            window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)

    def remember_window_state(self) -> None:
        self._window.settings.set(WINDOW_MAXIMIZED, self._window.isMaximized())

    def shutdown(self, timeout: Timeout) -> None:
        self.company_settings.shutdown(timeout)

    def _company_settings_failed(self, text: Text) -> None:
        self._window.statusBar().showMessage(text.get())
