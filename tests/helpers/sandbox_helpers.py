"""Shared pieces for tests that talk to the sandbox over raw HTTP with no app code in the
request: Accurate's signed headers made with hmac, a journal voucher body, a save, and the
fixtures (a sandbox without Accurate's limits, a plain HTTP client, the data URL)."""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest

from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN, Sandbox

API = "/accurate/api/"


def sign(
    token: str = DEMO_ACCURATE_TOKEN,
    secret: str = DEMO_ACCURATE_SECRET,
    *,
    timestamp: str | None = None,
    hex_signature: bool = False,
    language: str | None = None,
) -> dict[str, str]:
    """The three API Token headers, made here with hmac so the test relies on no app code."""
    timestamp = timestamp or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    digest = hmac.new(secret.encode(), timestamp.encode(), hashlib.sha256).digest()
    signature = digest.hex() if hex_signature else base64.b64encode(digest).decode()
    headers = {
        "Authorization": f"Bearer {token}",
        "X-Api-Timestamp": timestamp,
        "X-Api-Signature": signature,
    }
    if language:
        headers["X-Language-Profile"] = language
    return headers


def voucher(number: str | None = "JV/2024/001", amount: object = 1500000, **extra) -> dict:
    body = {
        "transDate": "31/01/2024",
        "description": "Penjualan tunai",
        "detailJournalVoucher": [
            {"accountNo": "1-10001", "amount": amount, "amountType": "DEBIT"},
            {"accountNo": "4-40000", "amount": amount, "amountType": "CREDIT"},
        ],
        **extra,
    }
    if number is not None:
        body["number"] = number
    return body


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    # These tests send many calls quickly; the limits have their own tests.
    with Sandbox(enforce_rate_limit=False) as sb:
        yield sb


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as http:
        yield http


@pytest.fixture
def data(sandbox) -> str:
    """The demo company's Accurate data URL, ending in /accurate/api/."""
    return sandbox.accurate_host() + API


def save(client, data, body, **sign_options) -> dict:
    response = client.post(
        data + "journal-voucher/save.do", json=body, headers=sign(**sign_options)
    )
    assert response.status_code == 200
    return response.json()
