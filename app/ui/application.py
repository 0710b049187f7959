"""Starts the Qt application and the main window.

The language is the process's (`app.core.i18n`): `jurnal-desk --lang en`, or
`JURNAL_DESK_LANG=en`; `--lang` wins over the variable, and either wins over the language
saved in the Settings dialog, which is used otherwise. The command line applies them before
it calls `run_gui()`, which reads them again the same way when started on its own.

`JURNAL_DESK_QUIT_AFTER_MS=N` closes the window N milliseconds after it opens: a smoke test
that the app starts and quits cleanly on a machine with no display (QT_QPA_PLATFORM=offscreen).
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ThreadPoolExecutor
from typing import Final

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from app import __version__
from app.api.ratelimit import LimiterRegistry
from app.core.i18n import LANGUAGES, JurnalError, set_language
from app.profiles.home import app_home
from app.profiles.secrets import SecretStore
from app.profiles.store import ProfileStore
from app.ui import texts
from app.ui.icons import app_icon
from app.ui.interpreter import tune_for_gui
from app.ui.main_window import WORKERS, MainWindow

LANG_ENV: Final = "JURNAL_DESK_LANG"
QUIT_AFTER_ENV: Final = "JURNAL_DESK_QUIT_AFTER_MS"
EXIT_USAGE: Final = 2


def run_gui(argv: list[str] | None = None) -> int:
    """Open the window and run until it is closed; returns the exit code."""
    arguments = list(sys.argv if argv is None else argv)
    chosen = _chosen_language(arguments)
    if chosen is not None:
        set_language(chosen)
    tune_for_gui()  # the window keeps answering while workers compute
    app = QApplication.instance() or QApplication(arguments)
    app.setApplicationName(texts.APP_TITLE)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(texts.APP_TITLE)
    app.setStyle("Fusion")
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
        limiters=LimiterRegistry(),
        language=chosen,  # None: the language saved in the Settings dialog, if any
    )
    try:
        window.show()
        _quit_after_env(window)
        return app.exec()
    finally:
        window.shutdown()  # already done if the window was closed; not if the app was quit
        executor.shutdown(wait=True, cancel_futures=True)


def _chosen_language(arguments: list[str]) -> str | None:
    """`--lang xx` in argv wins, then JURNAL_DESK_LANG; None when neither names a language.
    The same order as the command line's, which has already applied it when it started us."""
    chosen = os.environ.get(LANG_ENV, "").strip().lower() or None
    for number, argument in enumerate(arguments):
        if argument == "--lang" and number + 1 < len(arguments):
            chosen = arguments[number + 1]
        elif argument.startswith("--lang="):
            chosen = argument.split("=", 1)[1]
    return chosen if chosen in LANGUAGES else None


def _quit_after_env(window: MainWindow) -> None:
    value = os.environ.get(QUIT_AFTER_ENV, "").strip()
    if value.isdigit():
        QTimer.singleShot(int(value), window.close)


def _tell(message: str) -> None:
    box = QMessageBox()
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(texts.APP_TITLE)
    box.setText(message)
    box.addButton(texts.CLOSE.get(), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def main() -> int:
    return run_gui()


if __name__ == "__main__":
    sys.exit(main())
