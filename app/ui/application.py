"""Starts the Qt application and the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from app import __version__
from app.ui.main_window import MainWindow


def run_gui(argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setApplicationName("Jurnal Desk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Jurnal Desk")
    window = MainWindow()
    window.show()
    return app.exec()
