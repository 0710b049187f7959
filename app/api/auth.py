"""How each request proves who sends it: a Bearer token (both services), plus for Accurate a
fresh signature and timestamp on every send. The token and secret stay out of every repr."""

from __future__ import annotations

from collections.abc import Generator

import httpx

from app.api.clock import ServerClock
from app.api.signing import signature_headers


class BearerAuth(httpx.Auth):
    """`Authorization: Bearer <token>`; the token stays out of every repr."""

    def __init__(self, token: str) -> None:
        self._token = token

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = f"Bearer {self._token}"
        yield request

    def __repr__(self) -> str:
        return f"{type(self).__name__}(token=<hidden>)"


class AccurateAuth(BearerAuth):
    """Bearer token plus a fresh `X-Api-Timestamp`/`X-Api-Signature` on every send, timed by
    the server-corrected clock."""

    def __init__(self, token: str, secret: str, clock: ServerClock) -> None:
        super().__init__(token)
        self._secret = secret
        self._clock = clock

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers.update(signature_headers(self._secret, self._clock.now()))
        yield from super().auth_flow(request)
