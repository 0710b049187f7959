"""The main window's menus: File (import a workbook (Ctrl+O), add a company, save the grid
as Excel, Settings, Quit), Edit (the journal grid's, from
app.ui.journal.grid.edit_menu) and Help (the user guide, the log folder, About).

The Help menu's actions are here too: opening the user guide, showing the log folder (or
saying where it is when no file manager opens) and the About box with the versions support
asks for.
"""

from __future__ import annotations

import html
import logging
import platform
from collections.abc import Callable
from pathlib import Path
from typing import Final

from PySide6.QtCore import QObject, Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from app import __version__
from app.core.i18n import Text, tr
from app.core.user_guide import user_guide
from app.logs import log_folder
from app.ui.common import words as texts
from app.ui.common.words import bind
from app.ui.company.company_bar import ADD_COMPANY
from app.ui.journal.grid.edit_menu import add_edit_menu
from app.ui.journal.page import JournalPage

log = logging.getLogger(__name__)

OPEN_LOG_FOLDER: Final = tr("Buka folder &log")
IMPORT_WORKBOOK: Final = tr("&Impor Excel…")
USER_GUIDE: Final = tr("&Panduan pengguna")


class WindowMenus(QObject):
    """The menu bar of `window`, its actions kept as attributes (tests trigger them).

    The File menu's commands are the window's (`import_workbook`, `add_company`,
    `open_settings`, `save_as_excel`); the Edit menu is the journal `page`'s; the Help menu's
    actions are this object's own, `home` saying where the log folder is."""

    def __init__(
        self,
        window: QMainWindow,
        *,
        home: Path,
        page: JournalPage,
        import_workbook: Callable[[], object],
        add_company: Callable[[], object],
        save_as_excel: QAction,
        open_settings: Callable[[], object],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._home = home
        menu_bar = window.menuBar()
        file_menu = menu_bar.addMenu("")
        bind(file_menu, texts.FILE_MENU, "setTitle")
        self.import_action = self._action(IMPORT_WORKBOOK, import_workbook)
        self.import_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Open))  # Ctrl+O
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        self.add_company_action = self._action(ADD_COMPANY, add_company)
        file_menu.addAction(self.add_company_action)
        file_menu.addAction(save_as_excel)
        self.settings_action = self._action(texts.SETTINGS, open_settings)
        self.settings_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Preferences))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        self.quit_action = self._action(texts.QUIT, window.close)
        # Ctrl+Q everywhere (Cmd+Q on macOS): Windows and some desktops bind no Quit key.
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        # From the window's own windows too (the posting window in front while posting);
        # a dialog that blocks the window (the wizard, Settings) still blocks it.
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        file_menu.addAction(self.quit_action)
        add_edit_menu(menu_bar, page.edit_actions, [page.account_mapping.action])
        help_menu = menu_bar.addMenu("")
        bind(help_menu, texts.HELP_MENU, "setTitle")
        self.user_guide_action = self._action(USER_GUIDE, self.open_user_guide)
        self.user_guide_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        help_menu.addAction(self.user_guide_action)
        self.open_logs_action = self._action(OPEN_LOG_FOLDER, self.open_log_folder)
        help_menu.addAction(self.open_logs_action)
        help_menu.addSeparator()
        self.about_action = self._action(texts.ABOUT, self.show_about)
        help_menu.addAction(self.about_action)

    def open_log_folder(self) -> Path:
        """Show the log folder in the file manager; where there is none (or it fails), say
        where the folder is so it can be found by hand."""
        folder = log_folder(self._home)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            log.warning("log folder cannot be created: %s", type(error).__name__)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self._notice(
                tr(
                    "Folder log Jurnal Desk ada di:<br><b>{path}</b><br>Kirim berkas "
                    "jurnal-desk.log di sana ke dukungan bila diminta.",
                    path=html.escape(str(folder)),
                ).get()
            )
        return folder

    def open_user_guide(self) -> Path | None:
        """The user guide in the system's viewer; where none opens it, say where it is."""
        guide = user_guide()
        if guide is not None and QDesktopServices.openUrl(QUrl.fromLocalFile(str(guide))):
            return guide
        if guide is None:
            text = tr(
                "Panduan pengguna tidak ditemukan di instalasi ini. Pasang ulang Jurnal Desk, "
                "atau minta berkas user-guide.md ke dukungan."
            )
        else:
            text = tr(
                "Tidak ada aplikasi yang bisa membuka panduan. Buka berkas ini dengan editor "
                "teks:<br><b>{path}</b>",
                path=html.escape(str(guide)),
            )
        self._notice(text.get(), title=USER_GUIDE.get().replace("&", ""))
        return guide

    def show_about(self) -> QMessageBox:
        """The About box: the version (the same as `jurnal-desk --version` and the result
        workbook's), Qt's, and where the log is."""
        return self._notice(
            tr(
                "<b>Jurnal Desk {v}</b><br>Impor jurnal dari Excel, periksa keseimbangannya, "
                "lalu kirim ke Accurate Online atau Sempoa, tepat satu kali.<br><br>"
                "Qt {qt} · Python {py}<br>Log: {log}",
                v=__version__,
                qt=qVersion(),
                py=platform.python_version(),
                log=html.escape(str(log_folder(self._home))),
            ).get(),
            title=texts.ABOUT.get().replace("&", ""),
        )

    def _notice(self, text: str, *, title: str = texts.APP_TITLE) -> QMessageBox:
        box = QMessageBox(self._window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowTitle(title)
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(text)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addButton(texts.CLOSE.get(), QMessageBox.ButtonRole.AcceptRole)
        box.open()  # window-modal, without a nested event loop
        return box

    def _action(self, text: Text, slot: Callable[[], object]) -> QAction:
        action = QAction(self._window)
        bind(action, text)
        action.triggered.connect(slot)
        return action
