"""Opening the Settings dialog in a test."""

from __future__ import annotations

from app.ui.company.settings_dialog import SettingsDialog
from app.ui.shell.main_window import MainWindow


def open_settings(qtbot, window: MainWindow) -> SettingsDialog:
    """File › Settings, as a user opens it."""
    window.menus.settings_action.trigger()
    (dialog,) = [d for d in window.findChildren(SettingsDialog) if d.isVisible()]
    return dialog
