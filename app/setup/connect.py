"""Connecting a company: the right client for a profile: its secrets from the keyring, its token's
shared rate limiter, and (Accurate) its data host, re-read from `api-token.do` when unknown or
older than 30 days. A host that moves (a 308 answer) or is re-read is handed to `store_host`,
so the profile remembers it.

`company_for` and `saved_company` wrap that in a posting `Company`, which connects on first
use: making one does no I/O."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Protocol

from app.api.accurate import AccurateClient
from app.api.clock import ServerClock
from app.api.errors import ACCURATE
from app.api.ratelimit import LimiterRegistry
from app.api.redirects import data_host_allowed
from app.api.retrying import RetryPolicy
from app.api.sempoa import SempoaClient
from app.posting.service import Client, Company
from app.profiles.store import Profile, ProfileStore

log = logging.getLogger(__name__)

HostCallback = Callable[[str], None]
__all__ = ["Client", "HostCallback", "company_for", "connect", "host_saver", "saved_company"]


class SecretsReader(Protocol):
    """Where a profile's token and Signature Secret are read: the user's `SecretStore`, or
    the demo's fixed credentials (`app.setup.demo.DemoSecrets`)."""

    def get_token(self, profile_name: str) -> str: ...

    def get_secret(self, profile_name: str) -> str: ...


def connect(
    profile: Profile,
    secrets: SecretsReader,
    limiters: LimiterRegistry,
    *,
    store_host: HostCallback | None = None,
    refresh_host: bool = False,
    clock: ServerClock | None = None,
    retry: RetryPolicy | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> Client:
    """A ready client for `profile`. `refresh_host` re-reads Accurate's host even when the
    stored one is recent. The caller closes the client."""
    if profile.service == "sempoa":
        token = secrets.get_token(profile.name)
        return SempoaClient.create(
            token=token,
            limiter=limiters.for_token(token),
            base_url=profile.url,
            line_shape=profile.sempoa_lines,
            retry=retry,
        )
    token = secrets.get_token(profile.name)
    secret = secrets.get_secret(profile.name)
    # A host stored before hosts were checked, outside Accurate: never used, read afresh.
    stored_host = profile.data_host
    if stored_host is not None and not data_host_allowed(ACCURATE, profile.url, stored_host):
        stored_host, refresh_host = None, True
    client = AccurateClient.create(
        token=token,
        secret=secret,
        limiter=limiters.for_token(token),
        host=stored_host,
        account_url=profile.url,
        clock=clock,
        language=profile.language,
        retry=retry,
        on_host_moved=store_host,
        default_branch=profile.branch,
    )
    if refresh_host or profile.host_is_stale(now()):
        try:
            refresh_data_host(client, store_host)
        except BaseException:
            client.close()
            raise
    return client


def refresh_data_host(client: AccurateClient, store_host: HostCallback | None = None) -> str:
    """Read the company's host from `api-token.do`, switch the client to it, report it."""
    host = client.token_info().host
    client.use_host(host)
    if store_host is not None:
        store_host(host)
    return host


def host_saver(
    store: ProfileStore,
    profile_name: str,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> HostCallback:
    """A `store_host` that records the host (and when it was read) in the profile store.
    A home that cannot be written (full, read-only) does not stop the connection: the host
    is only remembered to save a look-up, and is read again next time."""

    def save(host: str) -> None:
        try:
            store.update_host(profile_name, host, now())
        except OSError as error:
            log.warning("the host of %s was not saved: %s", profile_name, error.strerror)

    return save


def company_for(
    profile: Profile,
    secrets: SecretsReader,
    limiters: LimiterRegistry,
    *,
    store_host: HostCallback | None = None,
    bulk: bool | None = None,
) -> Company:
    """The company behind `profile`, not connected yet: its first request connects it."""
    return Company(
        profile, lambda: connect(profile, secrets, limiters, store_host=store_host), bulk=bulk
    )


def saved_company(
    store: ProfileStore,
    secrets: SecretsReader,
    limiters: LimiterRegistry,
    profile_name: str,
    *,
    bulk: bool | None = None,
) -> Company:
    """A company saved as a profile (read now: an unknown name raises `ProfileNotFound`); a
    moved host is written back to the profile. Not connected yet."""
    profile = store.get(profile_name)
    saver = host_saver(store, profile.name)
    return company_for(profile, secrets, limiters, store_host=saver, bulk=bulk)
