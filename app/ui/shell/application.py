"""Starts the Qt application and the main window.

The language is the process's (`app.core.i18n`): `jurnal-desk --lang en`, or
`JURNAL_DESK_LANG=en`; `--lang` wins over the variable, and either wins over the language
saved in the Settings dialog, which is used otherwise. The command line's one parser reads
them (`app.cli`) and hands `run_gui()` the language chosen, or None.

`JURNAL_DESK_QUIT_AFTER_MS=N` closes the window N milliseconds after it opens: a smoke test
that the app starts and quits cleanly on a machine with no display (QT_QPA_PLATFORM=offscreen).
"""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Final

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app import __version__
from app.api.ratelimit import machine_limiters
from app.core import environment
from app.core.i18n import JurnalError, languages, set_language
from app.core.interpreter import tune_for_gui
from app.profiles.home import app_home
from app.profiles.secrets import SecretStore
from app.profiles.store import ProfileStore
from app.ui.common import qt_words
from app.ui.common import words as texts
from app.ui.common.icons import app_icon
from app.ui.shell.main_window import WORKERS, MainWindow

EXIT_USAGE: Final = 2


def run_gui(argv: list[str] | None = None, *, language: str | None = None) -> int:
    """Open the window and run until it is closed; returns the exit code. `argv` is for Qt
    (its own options); `language` is the one chosen on the command line or in the
    environment, None for the one saved in the Settings dialog."""
    arguments = list(sys.argv[:1] if argv is None else argv)
    if language is not None:
        if language not in languages():
            raise ValueError(f"unknown language {language!r}")
        set_language(language)
    tune_for_gui()  # the window keeps answering while workers compute
    running = QApplication.instance()  # a test's, or a second start in one process
    app = running if isinstance(running, QApplication) else QApplication(arguments)
    app.setApplicationName(texts.APP_TITLE)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(texts.APP_TITLE)
    app.setStyle("Fusion")
    qt_words.install()  # Qt's own words (file dialogs, Yes/No, Copy/Paste) in Indonesian too
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("jurnal-desk")  # matches packaging/linux/jurnal-desk.desktop
    try:
        home = app_home()
    except JurnalError as error:
        _tell(str(error))
        return EXIT_USAGE
    executor = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="jurnal-desk")
    window = MainWindow(
        home=home,
        store=ProfileStore(home, SecretStore(home=home, terminal=False)),
        executor=executor,
        limiters=machine_limiters(home),
        language=language,  # None: the language saved in the Settings dialog, if any
    )
    try:
        window.show()
        _quit_after_env(window)
        return app.exec()
    finally:
        window.shutdown()  # already done if the window was closed; not if the app was quit
        executor.shutdown(wait=True, cancel_futures=True)


def _quit_after_env(window: MainWindow) -> None:
    milliseconds = environment.quit_after_ms()
    if milliseconds is not None:
        QTimer.singleShot(milliseconds, window.close)


def _tell(message: str) -> None:
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(texts.APP_TITLE)
    box.setText(message)
    box.addButton(texts.CLOSE.get(), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
