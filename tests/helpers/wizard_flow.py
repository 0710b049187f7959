"""Driving the credentials wizard's flow in tests."""

from __future__ import annotations

import pytest

from app.api.transport import RetryPolicy
from app.sandbox import (
    DEMO_ACCURATE_SECRET,
    DEMO_ACCURATE_TOKEN,
    DEMO_SEMPOA_TOKEN,
    Sandbox,
)
from app.setup.wizard.flow import (
    Connector,
    CredentialsWizard,
    Page,
)

NO_SLEEP = RetryPolicy(sleep=lambda _seconds: None, random=lambda: 0.0)


@pytest.fixture
def wizard(store) -> CredentialsWizard:
    return CredentialsWizard(store, connector=Connector(retry=NO_SLEEP))


def accurate_credentials(
    wizard: CredentialsWizard,
    sb: Sandbox,
    token: str = DEMO_ACCURATE_TOKEN,
    secret: str = DEMO_ACCURATE_SECRET,
) -> None:
    wizard.choose_service("accurate")
    wizard.next()
    wizard.set_token(token)
    wizard.set_secret(secret)
    wizard.set_url(sb.account_url)


def sempoa_credentials(wizard: CredentialsWizard, sb: Sandbox, token=DEMO_SEMPOA_TOKEN) -> None:
    wizard.choose_service("sempoa")
    wizard.next()
    wizard.set_token(token)
    wizard.set_url(sb.sempoa_url)


def to_test_page(wizard: CredentialsWizard) -> bool:
    assert wizard.next() is Page.TEST
    return wizard.run_test()
