"""One clock for a whole HTTP exchange (connect, request, response headers and body), kept
by this machine and not by the server.

httpx's timeouts are per socket operation: a server that sends its status line and then one
header byte a second satisfies every read timeout and holds the request (and the company's
posting lease) for as long as it likes. So every socket the transport opens goes through
`BoundedBackend`, whose streams ask the exchange running on the calling thread before each
wait: a wait never lasts past the exchange's deadline, and it is cut into short slices so a
Stop (the cancel event) is noticed within a fraction of a second, whatever the server does.
Once the exchange is over its deadline or stopped, the next socket operation fails at once
(an httpcore timeout), httpcore closes the connection, and `stopped_by` tells the transport
why.

A Stop while a save's answer is awaited does not cut it at once: the save may already be in
the books, and cutting it makes its outcome uncertain. It gets `SENT_SAVE_GRACE` seconds to
answer, then is cut like any other (and reported uncertain, so it is looked up before any
re-send). Name look-ups (DNS) are the one wait no socket option bounds.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from app.core.tasks import Deadline

# The longest a socket wait lasts before the exchange's deadline and Stop are looked at again.
WAIT_SLICE = 0.2
# Seconds a save already sent still gets to answer after Stop.
SENT_SAVE_GRACE = 10.0

DEADLINE = "deadline"
CANCEL = "cancel"


@dataclass(slots=True)
class Exchange:
    """One attempt's bounds, as the calling thread's sockets see them."""

    deadline: Deadline
    cancel: threading.Event | None = None
    idempotent: bool = True
    sent: bool = False  # some of the request's bytes may have left this machine
    stopped_by: str = ""  # DEADLINE or CANCEL once the exchange has been cut
    _cancel_seen_at: float | None = None

    def wait_allowed(self, wanted: float | None) -> float | None:
        """Seconds the next socket wait may take (at most `wanted`; None: no bound at all);
        0 when the exchange must stop now (then `stopped_by` says why)."""
        if not self.stopped_by:
            self.stopped_by = self._why_stop()
        if self.stopped_by:
            return 0.0
        bounds = [wanted, self.deadline.remaining()]
        if self._cancel_seen_at is not None:
            bounds.append(self._cancel_seen_at + SENT_SAVE_GRACE - time.monotonic())
        known = [bound for bound in bounds if bound is not None]
        return max(min(known), 0.0) if known else None

    def _why_stop(self) -> str:
        if self.deadline.passed:
            return DEADLINE
        if self.cancel is None or not self.cancel.is_set():
            return ""
        if self.idempotent or not self.sent:
            return CANCEL
        now = time.monotonic()
        if self._cancel_seen_at is None:
            self._cancel_seen_at = now
        return CANCEL if now - self._cancel_seen_at >= SENT_SAVE_GRACE else ""


_current = threading.local()


@contextmanager
def bounded_exchange(
    deadline: Deadline, cancel: threading.Event | None, *, idempotent: bool
) -> Iterator[Exchange]:
    """Bound every socket wait on this thread, until the block ends, by `deadline` and `cancel`."""
    exchange = Exchange(deadline, cancel, idempotent)
    previous = getattr(_current, "exchange", None)
    _current.exchange = exchange
    try:
        yield exchange
    finally:
        _current.exchange = previous


def _active() -> Exchange | None:
    return getattr(_current, "exchange", None)


def _stopped(error: type[Exception], exchange: Exchange) -> Exception:
    why = "the exchange's deadline passed" if exchange.stopped_by == DEADLINE else "stopped"
    return error(why)


class BoundedStream(httpcore.NetworkStream):
    """A socket stream whose every wait asks the calling thread's exchange first."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        exchange = _active()
        if exchange is None:
            return self._inner.read(max_bytes, timeout)
        own_end = None if timeout is None else time.monotonic() + timeout
        while True:
            left_of_own = None if own_end is None else own_end - time.monotonic()
            allowed = exchange.wait_allowed(left_of_own)
            if exchange.stopped_by:
                raise _stopped(httpcore.ReadTimeout, exchange)
            if allowed is not None and allowed <= 0:
                raise httpcore.ReadTimeout("no answer came in time")
            try:
                return self._inner.read(max_bytes, min(allowed or WAIT_SLICE, WAIT_SLICE))
            except httpcore.ReadTimeout:
                continue  # a slice passed without data: look at the bounds again

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        exchange = _active()
        if exchange is not None:
            # Not sliced: a write cut halfway cannot be resumed.
            timeout = exchange.wait_allowed(timeout)
            if exchange.stopped_by:
                raise _stopped(httpcore.WriteTimeout, exchange)
            exchange.sent = True
        self._inner.write(buffer, timeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        exchange = _active()
        if exchange is not None:
            # The handshake's timeout bounds the whole handshake (Python's ssl module).
            timeout = exchange.wait_allowed(timeout)
            if exchange.stopped_by:
                raise _stopped(httpcore.ConnectTimeout, exchange)
        return BoundedStream(self._inner.start_tls(ssl_context, server_hostname, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class BoundedBackend(httpcore.NetworkBackend):
    """httpcore's socket backend, its connections bounded by the calling thread's exchange."""

    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        timeout = _connect_timeout(timeout)
        stream = self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        return BoundedStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_unix_socket(path, _connect_timeout(timeout), socket_options)
        return BoundedStream(stream)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def _connect_timeout(timeout: float | None) -> float | None:
    exchange = _active()
    if exchange is None:
        return timeout
    allowed = exchange.wait_allowed(timeout)
    if exchange.stopped_by:
        raise _stopped(httpcore.ConnectTimeout, exchange)
    return allowed


def bound_sockets(client: httpx.Client) -> None:
    """Route every connection `client` opens (directly or through a proxy from the
    environment) through `BoundedBackend`. httpx offers no public way to choose httpcore's
    network backend, so its connection pools are reached directly; should a new httpx
    version move them, this fails loudly here instead of leaving requests unbounded."""
    transports = [client._transport, *client._mounts.values()]
    for transport in transports:
        if transport is None:
            continue
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if pool is None or backend is None:
            raise RuntimeError(f"cannot bound the sockets of {type(transport).__name__}")
        if not isinstance(backend, BoundedBackend):
            pool._network_backend = BoundedBackend(backend)
