"""Fixtures for tests of the main window: a worker pool, a profile store with its secrets in
memory, and a maker of windows on the test's home that closes them (and waits for their
workers) at the end."""

from __future__ import annotations

import pytest

from app.api.ratelimit import LimiterRegistry
from app.ui.shell.main_window import MainWindow


@pytest.fixture
def make_window(qtbot, jurnal_home, store, executor):
    windows: list[MainWindow] = []

    def make(**overrides) -> MainWindow:
        options = dict(home=jurnal_home, store=store, executor=executor, limiters=LimiterRegistry())
        window = MainWindow(**(options | overrides))
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()  # cancels its tasks and waits for its workers
        window.shutdown()  # also when unsaved entries made closing ask first


def say_yes_to_posting(qtbot, window: MainWindow) -> None:
    """Every posting asks first (the demo's too): press "Ya, posting" in the question."""
    from PySide6.QtCore import Qt

    box = window.posting.dialog
    assert box is not None and box.isVisible(), "posting did not ask first"
    yes = next(button for button in box.buttons() if button.text() in ("Ya, posting", "Yes, post"))
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
