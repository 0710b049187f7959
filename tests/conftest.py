"""Shared test set-up: every test gets its own Jurnal Desk home so nothing touches the user's;
the fixtures many test files use (a sandbox, a worker pool, virtual time, an outbox) live
here once."""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from app.posting.outbox.ledger import Outbox
from app.sandbox import Sandbox
from tests.http_helpers import VirtualTime

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def jurnal_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("JURNAL_DESK_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def quick_round_pauses(monkeypatch):
    """The engine's pauses between look-up rounds (seconds, for a real service to recover)
    cut to 10 ms, as the tests' retry policy cuts retry waits: the rounds themselves stay."""
    monkeypatch.setattr("app.posting.engine.round_pause", lambda _round: 0.01)


@pytest.fixture
def sb() -> Iterator[Sandbox]:
    """Both services on 127.0.0.1 with the demo companies (a test needing other companies,
    branches or faults defines its own `sb`)."""
    with Sandbox() as sandbox:
        yield sandbox


@pytest.fixture
def executor() -> Iterator[ThreadPoolExecutor]:
    """The worker pool a window or task runner is given; its workers end with the test."""
    pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="test-worker")
    yield pool
    pool.shutdown(wait=True, cancel_futures=True)


@pytest.fixture
def vt() -> VirtualTime:
    """Time that passes only when slept: retry waits cost nothing, and are recorded."""
    return VirtualTime()


@pytest.fixture
def outbox(tmp_path) -> Iterator[Outbox]:
    """A fresh outbox in a real SQLite file."""
    with Outbox(tmp_path / "outbox.sqlite3") as box:
        yield box
