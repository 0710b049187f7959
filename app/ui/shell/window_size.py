"""The main window's size at start: room for at least 15 lines of the journal grid with the
problems and import panels open below it, on a 1280×840 window, yet never larger than the
screen it opens on (a 1366×768 laptop gets the whole screen, not a window hanging off it)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QScreen

DEFAULT_SIZE = QSize(1280, 840)
MINIMUM_SIZE = QSize(860, 560)


def default_window_size(screen: QScreen | None) -> QSize:
    """DEFAULT_SIZE within the screen's free area (never below MINIMUM_SIZE)."""
    if screen is None:
        return QSize(DEFAULT_SIZE)
    room = screen.availableGeometry().size()
    return DEFAULT_SIZE.boundedTo(room).expandedTo(MINIMUM_SIZE)


__all__ = ["DEFAULT_SIZE", "MINIMUM_SIZE", "default_window_size"]
