"""What travels between Jurnal Desk and a service: request bodies as exact JSON (Decimal
amounts never through float), a final answer fully read (`ApiResponse`), and what became of
one entry sent (`SaveResult`)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import httpx

from app.core.i18n.messages import Message


@dataclass(slots=True)
class ApiResponse:
    """A final (not retried, not redirected) answer, fully read."""

    status: int
    headers: httpx.Headers
    body: Any  # the parsed JSON, or None when the body is not JSON
    text: str
    url: str
    request_headers: httpx.Headers = field(repr=False)
    sent_at: float | None = None  # the limiter clock when the request left (its start)


@dataclass(slots=True)
class SaveResult:
    """What became of one entry sent to a service."""

    reference: str
    ok: bool
    remote_id: str | None = None
    remote_number: str | None = None
    messages: list[Message] = field(default_factory=list)  # the service's words, our notes
    already_exists: bool = False  # refused because the number/reference is already in the books
    # Answered as a success that does not name the voucher sent (no id, or another number):
    # whether it is in the books is unknown until it is looked up.
    unconfirmed: bool = False
    # The saved voucher's edit counter (`optLock`) and total as the answer gives them, when
    # it does: remembered with the posting, so a reconcile can prove it unchanged.
    remote_version: str | None = None
    remote_total: Decimal | None = None


def json_bytes(payload: Any) -> bytes:
    """JSON with every Decimal written as the exact number it is (never through float)."""
    marker = uuid.uuid4().hex
    numbers: dict[str, str] = {}

    def exact(value: object) -> str:
        if isinstance(value, Decimal):
            key = f"{marker}{len(numbers)}"
            numbers[key] = format(value, "f")
            return key
        raise TypeError(f"{type(value).__name__} is not JSON serialisable")

    text = json.dumps(payload, default=exact, ensure_ascii=False, separators=(",", ":"))
    for key, number in numbers.items():
        text = text.replace(f'"{key}"', number)
    return text.encode("utf-8")


def json_or_none(content: bytes) -> Any:
    if not content:
        return None
    try:
        return json.loads(content)
    except (ValueError, RecursionError):  # not JSON, or nested too deep to be an answer
        return None


def object_at(data: Mapping[str, Any], *keys: str) -> Mapping[str, Any]:
    """The value of the first of `keys` that holds a JSON object, or an empty one: answers
    nest their parts, and a part that is missing or of another shape reads as empty."""
    for key in keys:
        value = data.get(key)
        if isinstance(value, Mapping):
            return value
    return {}
