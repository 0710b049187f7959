"""A redirect takes the token only within the service."""

from __future__ import annotations

import pytest

from app.api.errors import ACCURATE, SEMPOA
from app.api.redirects import data_host_allowed, redirect_allowed


@pytest.mark.parametrize(
    ("service", "old", "new"),
    [
        (ACCURATE, "zeus.accurate.id", "zeus.accurate.id"),
        (ACCURATE, "zeus.accurate.id", "IRIS.accurate.id."),
        (ACCURATE, "account.accurate.id", "accurate.id"),
        (SEMPOA, "sempoa.id", "api.sempoa.id"),
        (SEMPOA, "127.0.0.1", "localhost"),  # the sandbox moving ports on this machine
    ],
)
def test_followed_within_the_service(service, old, new):
    assert redirect_allowed(service, old, new)


@pytest.mark.parametrize(
    ("service", "old", "new"),
    [
        (SEMPOA, "api.sempoa.co.id", "attacker.co.id"),  # the last two labels match
        (ACCURATE, "zeus.accurate.id", "accurate.id.evil.com"),
        (ACCURATE, "zeus.accurate.id", "evilaccurate.id"),
        (ACCURATE, "zeus.accurate.id", "zeus.sempoa.id"),  # another service's domain
        (ACCURATE, "10.0.0.1", "10.0.0.2"),
        (ACCURATE, "203.0.113.5", "198.51.100.5"),
        (ACCURATE, "127.0.0.1", "203.0.113.5"),
        (ACCURATE, "127.0.0.1", "127.0.0.2"),  # another listener, maybe another user's
        (SEMPOA, "localhost", "127.0.0.3"),
        (ACCURATE, "127.0.0.1", "zeus.accurate.id"),
        (SEMPOA, "sempoa.example.co.id", "other.example.co.id"),  # a user's host: exact only
    ],
)
def test_refused_everywhere_else(service, old, new):
    assert not redirect_allowed(service, old, new)


@pytest.mark.parametrize(
    ("account", "host"),
    [
        ("https://account.accurate.id", "https://zeus.accurate.id"),
        ("https://account.accurate.id", "https://IRIS.accurate.id."),
        ("http://127.0.0.1:4100", "http://127.0.0.1:4101"),  # the sandbox: its own address
        ("http://localhost:4100", "http://127.0.0.1:4101"),
    ],
)
def test_a_data_host_inside_the_service_is_taken(account, host):
    assert data_host_allowed(ACCURATE, account, host)


@pytest.mark.parametrize(
    ("account", "host"),
    [
        ("https://account.accurate.id", "https://evil.example"),
        ("https://account.accurate.id", "http://zeus.accurate.id"),
        ("https://account.accurate.id", "https://zeus.accurate.id.evil.example"),
        ("https://account.accurate.id", "https://127.0.0.1"),
        ("https://account.accurate.id", "https://x@zeus.accurate.id"),
        ("http://127.0.0.1:4100", "http://127.0.0.2:4101"),
        ("http://127.0.0.1:4100", "https://evil.example"),
        ("http://127.0.0.1:4100", "not a url"),
    ],
)
def test_a_data_host_anywhere_else_is_refused(account, host):
    assert not data_host_allowed(ACCURATE, account, host)
