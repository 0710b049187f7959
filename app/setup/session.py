"""A company chosen in the window, as its pages use it: the profile with its secrets, where
its posting history lives, and one client shared by its tasks (`shared_client`). Plain
Python: the window's workers call it, never the GUI thread.

`check_connection` is the window's connection check: it reaches the company, re-reads
Accurate's host and says whose token it is, remembering the names in the profile as
`jurnal-desk check` does. `load_chart` fetches the company's chart of accounts, which the
journal grid checks entries against.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from app.api.accurate import AccurateClient
from app.api.ratelimit import LimiterRegistry
from app.core.books.journal import Chart
from app.core.tasks import TaskState
from app.posting.service import Company
from app.profiles.secrets import SecretStore
from app.profiles.store import Profile, ProfileStore
from app.setup.connect import Client, HostCallback, connect, host_saver, refresh_data_host
from app.setup.demo import Demo, DemoSecrets
from app.setup.shared_client import SharedClient, connection_key


@dataclass(frozen=True)
class CompanySession:
    """The selected company, ready for pages: use it on a worker, never on the GUI thread.
    Its tasks share one client (`app.setup.shared_client`); `end()` when it is left."""

    profile: Profile
    secrets: SecretStore | DemoSecrets
    outbox_home: Path  # where this company's posting history (outbox) lives
    store: ProfileStore | None = None  # saved profiles: where a moved host is recorded
    demo: Demo | None = None
    clients: SharedClient = field(default_factory=SharedClient, compare=False, repr=False)

    @property
    def is_demo(self) -> bool:
        return self.demo is not None

    def current_profile(self) -> Profile:
        """The profile as it is now (its Accurate host may have been re-read since)."""
        if self.demo is not None:
            return self.demo.profile(self.profile.name)
        if self.store is not None:
            return self.store.get(self.profile.name)
        return self.profile

    def store_host(self) -> HostCallback | None:
        if self.demo is not None:
            return self.demo.host_saver(self.profile.name)
        if self.store is not None:
            return host_saver(self.store, self.profile.name)
        return None

    def company(
        self,
        limiters: LimiterRegistry,
        *,
        bulk: bool | None = None,
        refresh_host: bool = False,
        on_connect: Callable[[], None] | None = None,
    ) -> Company:
        """The company on the session's client (reads the profile; connects on first use:
        call on a worker). Closing it hands the client back, for the session's next task.
        `on_connect` is called when a new client is made for it."""
        profile = self.current_profile()

        def connect_once() -> Client:
            if on_connect is not None:
                on_connect()
            return connect(
                profile,
                self.secrets,
                limiters,
                store_host=self.store_host(),
                refresh_host=refresh_host,
            )

        def shared_client() -> Client:
            return self.clients.acquire(connection_key(profile), connect_once)

        return Company(profile, shared_client, bulk=bulk, release=self.clients.release)

    @contextmanager
    def client(self, limiters: LimiterRegistry, *, refresh_host: bool = False) -> Iterator[Client]:
        """The session's client for one task (network: on a worker). `refresh_host` re-reads
        Accurate's host, also when the client was made before."""
        made: list[bool] = []
        company = self.company(
            limiters, refresh_host=refresh_host, on_connect=lambda: made.append(True)
        )
        with company:
            client = company.client
            if refresh_host and not made and isinstance(client, AccurateClient):
                refresh_data_host(client, self.store_host())
            yield client

    def end(self) -> None:
        """The session is left: its client closes once no task uses it."""
        self.clients.end()


@dataclass(frozen=True, slots=True)
class ConnectionInfo:
    """What the service says about the company behind the token."""

    company: str
    host: str
    user: str  # "" when the service names no user (Sempoa: the token was accepted)


def check_connection(
    session: CompanySession, limiters: LimiterRegistry, state: TaskState
) -> ConnectionInfo:
    """Worker: reach the company and say who it is (Accurate's host is re-read)."""
    with session.client(limiters, refresh_host=True) as client:
        state.check()
        if isinstance(client, AccurateClient):
            info = client.token_info(cancel=state.cancel)
            _remember_names(session, info.company_name, info.user_name)
            return ConnectionInfo(info.company_name, _host_name(client.host), info.user_name)
        client.check(cancel=state.cancel)
        profile = session.profile
        return ConnectionInfo(profile.company_name or profile.name, _host_name(client.host), "")


def load_chart(session: CompanySession, limiters: LimiterRegistry, state: TaskState) -> Chart:
    """Worker: the company's chart of accounts, for checking entries in the grid."""
    with session.client(limiters) as client:
        state.check()
        return client.accounts()


def _remember_names(session: CompanySession, company: str, user: str) -> None:
    # As `jurnal-desk check` does: `profile list` then shows whose token it is.
    if session.store is None:
        return
    current = session.store.get(session.profile.name)
    if (current.company_name, current.user_name) != (company, user):
        session.store.save(dataclasses.replace(current, company_name=company, user_name=user))


def _host_name(url: str) -> str:
    return urlsplit(url).netloc or url
