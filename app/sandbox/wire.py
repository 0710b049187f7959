"""What the sandbox's services see of an HTTP exchange: a parsed request and a reply to send.

Keeping HTTP plumbing (server.py) apart from the services' rules (accurate.py, sempoa.py)
lets each rule read like the vendor's behaviour it imitates.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeAlias
from urllib.parse import parse_qsl

# A JSON object as a client sent it, or as the sandbox stores and answers it: its values are
# whatever JSON holds (as json.loads gives them), checked where each one is read.
JsonObject: TypeAlias = dict[str, Any]

_DECIMAL_MARK = "\u0001"
_DECIMAL_TOKEN = re.compile(r'"\\u0001([-+0-9.eE]+)\\u0001"')


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # without the query
    target: str  # path and query exactly as sent, for a redirect's Location
    query: Mapping[str, str]
    headers: Mapping[str, str]  # names lower-cased
    body: bytes
    origin: str  # "http://127.0.0.1:PORT" of the listener that received it
    peer: str = ""  # "127.0.0.1:PORT" of the client's end: one per connection
    # Answer English and Chinese in wording no client knows (Sandbox(unknown_wording=True)).
    unknown_wording: bool = False
    # time.monotonic() when the sandbox's handler thread read its request line; its arrival
    # (`Exchange.started`) is the kernel's receipt where known (app.sandbox.edge_stamps).
    read_at: float | None = None

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    def bearer_token(self) -> str | None:
        """The token of `Authorization: Bearer <token>`, or None when there is none."""
        scheme, _, token = (self.header("authorization") or "").strip().partition(" ")
        token = token.strip()
        return token if scheme.lower() == "bearer" and token else None

    def is_form(self) -> bool:
        content_type = (self.header("content-type") or "").lower()
        return content_type.startswith("application/x-www-form-urlencoded")

    def json_body(self) -> object:
        """The body read as JSON (decimals kept exact); ValueError when it is not JSON."""
        return json.loads(self.body.decode("utf-8"), parse_float=Decimal)

    def form_pairs(self) -> list[tuple[str, str]]:
        return parse_qsl(self.body.decode("utf-8"), keep_blank_values=True)

    def params(self) -> dict[str, str]:
        """Query parameters, plus a form body's fields (Accurate reads both)."""
        merged = dict(self.query)
        if self.body and self.is_form():
            merged.update(self.form_pairs())
        return merged


@dataclass
class Exchange:
    """One request's bookkeeping while the sandbox answers it: made when its request line
    arrives, handed back with its body, then logged."""

    request: Request
    started: float  # time.monotonic() when its request line arrived
    service: str  # "accurate-account", "accurate-data", "sempoa" or "unknown"
    limit_key: str = ""  # token hash when Accurate's limits apply
    admitted: bool = False
    refused: Reply | None = None  # the limit reply, when refused on arrival
    status: int = 0


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    stores: bool = False  # a save call: the drop fault may cut it once its work is stored


def json_reply(status: int, payload: object, *, headers: dict[str, str] | None = None) -> Reply:
    return Reply(status, encode_json(payload), headers=dict(headers or {}))


def html_reply(status: int, title: str) -> Reply:
    """What a proxy in front of a service answers: HTML, not the service's JSON."""
    page = f"<html><head><title>{status} {title}</title></head><body><h1>{title}</h1></body></html>"
    return Reply(status, page.encode(), content_type="text/html; charset=utf-8")


def shown_amount(amount: Decimal) -> str:
    """An amount in Indonesian style, exactly: 1.500.000 or 1.500.000,125 (messages only)."""
    whole, _, fraction = f"{amount:f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{grouped},{fraction}" if fraction.strip("0") else grouped


def encode_json(payload: object) -> bytes:
    """JSON with every Decimal written as the exact number it holds (no float rounding)."""
    text = json.dumps(payload, ensure_ascii=False, default=_mark_decimal)
    return _DECIMAL_TOKEN.sub(lambda match: match.group(1), text).encode("utf-8")


def _mark_decimal(value: object) -> str:
    if isinstance(value, Decimal) and value.is_finite():
        return f"{_DECIMAL_MARK}{value}{_DECIMAL_MARK}"
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
