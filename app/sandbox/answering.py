"""How the sandbox answers one request, in this order: Accurate's per-token limits, counted
when the request line arrives (`admission`), the injected latency, an injected cut connection,
5xx or limit reply, then the service itself; a save call may then be cut without an answer.
Each request is logged and counted (`request_log`). `app.sandbox.server.Sandbox` owns one
`Answering` and hands it to its listeners.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import unquote

from app.sandbox import accurate, messages, sempoa
from app.sandbox.admission import Admission, Arrival
from app.sandbox.faults import FaultDice, Faults
from app.sandbox.request_log import RequestRecord, SandboxStats, token_hash
from app.sandbox.timestamps import WIB
from app.sandbox.wire import Exchange, Reply, Request, html_reply, json_reply

log = logging.getLogger("app.sandbox.server")  # the sandbox's name, as before the split

LIMIT_REPLY_FORMS = {
    # (HTTP status, with Retry-After), taken in turn; "both" meets every combination.
    "429": ((429, True), (429, False)),
    "200": ((200, False), (200, True)),
    "both": ((429, True), (200, False), (429, False), (200, True)),
}


class Answering:
    """The request pipeline the sandbox's listeners call (an `app.sandbox.listener.RequestHandler`):
    `arrive` when a request line and its headers are read, then `answer` (or `abandon` when its
    body cannot be read). It keeps the request log and the counters; the services' books are
    the `Sandbox`'s, shared here under its one lock."""

    def __init__(
        self,
        *,
        lock: threading.RLock,
        stopping: threading.Event,
        accurate_service: accurate.AccurateService,
        sempoa_service: sempoa.SempoaService,
        faults: Faults,
        enforce_rate_limit: bool,
        limit_reply: str,
        unknown_wording: bool,
    ) -> None:
        """`stopping`: set when the sandbox stops (wakes requests sleeping through injected
        latency). `limit_reply`: a key of LIMIT_REPLY_FORMS."""
        self._lock = lock
        self._stopping = stopping
        self._accurate = accurate_service
        self._sempoa = sempoa_service
        self.dice = FaultDice(faults)
        self.enforce_rate_limit = enforce_rate_limit
        self.unknown_wording = unknown_wording
        self.main_origin: str | None = None  # the account and Sempoa port, while running
        self._admission = Admission()
        self.stats = SandboxStats()
        self.records: list[RequestRecord] = []
        self._limit_forms: Iterator[tuple[int, bool]] = itertools.cycle(
            LIMIT_REPLY_FORMS[limit_reply]
        )

    def server_time(self) -> float:
        """The server's clock (Unix seconds): real time plus the injected skew."""
        return time.time() + self.dice.faults.clock_skew_seconds

    def arrive(self, request: Request, arrived: float, wall: float) -> Exchange:
        """Count a request whose request line and headers have just been read (its body not
        yet): Accurate counts it now, and refuses it now when it breaks a limit."""
        if self.unknown_wording:
            request = replace(request, unknown_wording=True)
        exchange = Exchange(request, arrived, self._service_of(request))
        token = request.bearer_token()
        with self._lock:
            self._count("requests")
            if not exchange.service.startswith("accurate") or token is None:
                return exchange
            key = token_hash(token)
            arrival = self._admission.arrive(key, arrived, wall, enforce=self.enforce_rate_limit)
            self._count_arrival(arrival)
            if arrival.refusal is None:
                exchange.limit_key, exchange.admitted = key, True
                return exchange
            self._count("rate_limited")
            self._count(f"rate_limited_{arrival.refusal}")
            exchange.refused = self._limit_reply(request)
        return exchange

    def _count_arrival(self, arrival: Arrival) -> None:
        self._count("breaches", arrival.breaches)
        self._count("breaches_per_second", arrival.per_second)
        self._count("breaches_calendar_second", arrival.calendar_second)
        self._count("breaches_in_flight", int(arrival.in_flight))
        self._peak("peak_in_flight", arrival.in_flight_now)
        self._peak("peak_per_second", arrival.window_count)

    def answer(
        self, exchange: Exchange, body: bytes, respond: Callable[[Reply | None], None]
    ) -> None:
        """Answer one arrived request through `respond` (None: cut the connection)."""
        exchange.request = replace(exchange.request, body=body)
        try:
            reply = exchange.refused or self._work(exchange)
            exchange.status = reply.status if reply else 0
        finally:
            # Done before answering: once a client has its answer, the log and stats show the
            # request and its in-flight slot is free, so a compliant next call is never refused.
            self._finish(exchange)
        respond(reply)

    def abandon(self, exchange: Exchange, status: int) -> None:
        """The request cannot be read to its end: log it and free its slot, nothing done."""
        exchange.status = status
        self._finish(exchange)

    def _service_of(self, request: Request) -> str:
        on_main = request.origin == self.main_origin
        if on_main and request.path == accurate.TOKEN_PATH:
            return "accurate-account"
        if on_main and (request.path + "/").startswith(sempoa.PREFIX + "/"):
            return "sempoa"
        if not on_main and request.path.startswith(accurate.API_PREFIX):
            return "accurate-data"
        return "unknown"

    def _work(self, exchange: Exchange) -> Reply | None:
        request = exchange.request
        latency = self.dice.latency_seconds()
        if latency and self._stopping.wait(latency):
            return self._server_error(request, 503)
        if self.dice.cut():
            with self._lock:
                self._count("cut")
            return None
        injected = self._injected_fault(exchange)
        if injected is not None:
            return injected
        try:
            with self._lock:
                reply = self._route(request)
        except Exception:  # a sandbox bug must answer 500, not hang the client
            log.exception("sandbox failed on %s %s", request.method, request.path)
            return self._server_error(request, 500)
        if reply.stores and self.dice.drop_after_store():
            with self._lock:
                self._count("dropped")
            return None
        return reply

    def _injected_fault(self, exchange: Exchange) -> Reply | None:
        request = exchange.request
        body = request.body.decode("utf-8", "replace")
        if self.dice.faults.fails(unquote(request.target), body):
            with self._lock:
                self._count("injected_errors")
            return self._server_error(request, 500)
        status = self.dice.server_error()
        if status is not None:
            with self._lock:
                self._count("injected_errors")
            return self._server_error(exchange.request, status)
        if self.dice.rate_limited():
            with self._lock:
                self._count("injected_rate_limits")
                return self._limit_reply(exchange.request)
        return None

    def _route(self, request: Request) -> Reply:
        service = self._service_of(request)
        if service == "sempoa":
            return self._sempoa.handle(request)
        if service == "unknown":
            text = messages.message(
                "path_unknown", messages.request_language(request), path=request.path
            )
            return accurate.fail(404, text)
        company = self._accurate.authenticate(
            request, datetime.fromtimestamp(self.server_time(), UTC)
        )
        if isinstance(company, Reply):
            return company
        if service == "accurate-account":
            today = datetime.fromtimestamp(self.server_time(), WIB).date()
            return self._accurate.api_token_info(request, company, today)
        if company.host != request.origin:
            self._count("redirects")
            return _moved(request, company.host)
        return self._accurate.data_call(request, company)

    def _limit_reply(self, request: Request) -> Reply:
        """The service's "slow down". Accurate's: its own words, in the next form (HTTP 429 or
        200, with or without Retry-After). The caller holds the lock."""
        if self._service_of(request) == "sempoa":
            # Laravel's throttle answer; Sempoa's real limits are undocumented.
            reply = sempoa.fail(429, "Too Many Attempts.")
            reply.headers["Retry-After"] = "1"
            return reply
        status, retry_after = next(self._limit_forms)
        self._count(f"limit_replies_{status}")
        text = messages.message("rate_limited", messages.request_language(request))
        return accurate.fail(status, text, headers={"Retry-After": "1"} if retry_after else None)

    def _server_error(self, request: Request, status: int) -> Reply:
        if status != 500:
            return html_reply(status, {502: "Bad Gateway", 503: "Service Unavailable"}[status])
        if self._service_of(request) == "sempoa":
            return sempoa.fail(500, "Server Error")
        return accurate.fail(
            500, messages.message("server_error", messages.request_language(request))
        )

    def _finish(self, exchange: Exchange) -> None:
        request = exchange.request
        token = request.bearer_token()
        record = RequestRecord(
            started=exchange.started,
            ended=time.monotonic(),
            token_hash=token_hash(token) if token else "",
            method=request.method,
            path=request.path,
            status=exchange.status,
            origin=request.origin,
            peer=request.peer,
            read_at=request.read_at,
        )
        with self._lock:
            if exchange.admitted:
                self._admission.release(exchange.limit_key)
            self.records.append(record)

    def _count(self, name: str, by: int = 1) -> None:
        if by:
            self.stats = replace(self.stats, **{name: getattr(self.stats, name) + by})

    def _peak(self, name: str, value: int) -> None:
        if value > getattr(self.stats, name):
            self.stats = replace(self.stats, **{name: value})


def _moved(request: Request, new_host: str) -> Reply:
    """The old host's answer after a move: 308 to the same path on the new host."""
    return json_reply(
        308,
        {"s": False, "d": [messages.HOST_MOVED], "host": new_host},
        headers={"Location": new_host + request.target},
    )
