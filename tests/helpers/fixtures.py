"""The fixtures every kind of test uses: its own Jurnal Desk home so nothing touches the
user's, quick pauses between the engine's look-up rounds, a sandbox, a worker pool, virtual
time, an outbox, and rate limits the sandbox does not enforce. Loaded for every test as a
plugin (tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from app.api.ratelimit import LimiterRegistry
from app.api.retrying import RetryPolicy
from app.posting.outbox.ledger import Outbox
from app.profiles.secrets import SecretStore
from app.profiles.store import ProfileStore
from app.sandbox import DEMO_ACCURATE_TOKEN, DEMO_SEMPOA_TOKEN, Sandbox
from tests.helpers.http_helpers import VirtualTime
from tests.helpers.memory_keyring import MemoryKeyring


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
def quick_retry_waits(monkeypatch):
    """The transport's waits before sending a failed request again (half a second, doubling)
    cut to 10 ms, for a test about what a run does after failures, not when: every attempt
    and every limit wait stays."""
    monkeypatch.setattr(RetryPolicy, "backoff", lambda _policy, _retry_number: 0.01)


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


@pytest.fixture
def limiters() -> LimiterRegistry:
    """Limits the sandbox does not enforce here, so tests run at network speed."""
    registry = LimiterRegistry()
    for token in (DEMO_ACCURATE_TOKEN, DEMO_SEMPOA_TOKEN):
        registry.for_token(token, per_second=10_000, max_in_flight=100)
    return registry


@pytest.fixture
def keyring() -> MemoryKeyring:
    """A password store in memory, for the test alone."""
    return MemoryKeyring()


@pytest.fixture
def store(jurnal_home, keyring) -> ProfileStore:
    """The company profiles of the test's home, their secrets in `keyring`."""
    return ProfileStore(jurnal_home, SecretStore(keyring))
