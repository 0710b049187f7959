"""Shared test set-up. Every test gets its own Jurnal Desk home so nothing touches the user's."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def jurnal_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("JURNAL_DESK_HOME", str(home))
    return home
