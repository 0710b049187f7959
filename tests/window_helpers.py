"""Fixtures for tests of the main window: a worker pool, a profile store with its secrets in
memory, and a maker of windows on the test's home that closes them (and waits for their
workers) at the end."""

from __future__ import annotations

import pytest
from memory_keyring import MemoryKeyring

from app.api.ratelimit import LimiterRegistry
from app.profiles.secrets import SecretStore
from app.profiles.store import ProfileStore
from app.ui.main_window import MainWindow


@pytest.fixture
def store(jurnal_home) -> ProfileStore:
    return ProfileStore(jurnal_home, SecretStore(MemoryKeyring()))


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
