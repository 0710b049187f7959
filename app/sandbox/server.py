"""The sandbox: Accurate Online and Sempoa on 127.0.0.1, for demo mode, tests and benchmarks.

One listening port serves Accurate's account host (`/api/api-token.do`) and Sempoa
(`/api/integration/...`); every Accurate data host is a port of its own, so a host move
is cross-origin as in real life. Each port is a `ThreadingHTTPServer` on a daemon thread
(app.sandbox.listener).

Per request, in this order: Accurate's per-token limits, counted when the request line
arrives (`admission`: 8 in any rolling second, 8 in flight; refused with Accurate's limit
reply otherwise), the injected latency (the request is in flight meanwhile), an injected cut
connection, 5xx or limit reply, then the service itself; a save call may then be cut without
an answer. All state sits behind one lock.

Accurate's limit reply is `{"s": false, "d": ["Jumlah request API melebihi toleransi ..."]}`;
its HTTP status and Retry-After are undocumented, so the sandbox answers it in every plausible
way (`limit_reply`): "429", "200" (HTTP 200 with s: false) or "both" (the default), each
form with and without Retry-After, taking turns.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from urllib.parse import unquote

from app.sandbox import accurate, messages, sempoa
from app.sandbox.admission import Admission, Arrival
from app.sandbox.branches import DEFAULT_BRANCHES, make_branches
from app.sandbox.faults import FaultDice, Faults
from app.sandbox.listener import Listener
from app.sandbox.request_log import RequestRecord, SandboxStats, token_hash
from app.sandbox.sempoa_faults import SempoaFaults
from app.sandbox.timestamps import WIB
from app.sandbox.wire import Reply, Request, html_reply, json_reply

log = logging.getLogger(__name__)

# Fixed demo credentials, shown by the demo mode and the `sandbox` command. They open
# nothing but this sandbox.
DEMO_ACCURATE_TOKEN = "aat.MTAw.eyJkIjoiSnVybmFsIERlc2sgRGVtbyJ9.c2FuZGJveC1kZW1vLXRva2VuLTAx"
DEMO_ACCURATE_SECRET = "8c3a0d9e5b7f41a6b2d4e6f8a1c3e5b7"
DEMO_SEMPOA_TOKEN = "sempoa-demo-3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c8e"
DEMO_COMPANY = "PT Sandbox Jurnal Desk"


LIMIT_REPLY_FORMS = {
    # (HTTP status, with Retry-After), taken in turn; "both" meets every combination.
    "429": ((429, True), (429, False)),
    "200": ((200, False), (200, True)),
    "both": ((429, True), (200, False), (429, False), (200, True)),
}


@dataclass
class _Exchange:
    """One request's bookkeeping while the sandbox answers it."""

    request: Request
    started: float  # time.monotonic() when its request line arrived
    service: str  # "accurate-account", "accurate-data", "sempoa" or "unknown"
    limit_key: str = ""  # token hash when Accurate's limits apply
    admitted: bool = False
    refused: Reply | None = None  # the limit reply, when refused on arrival
    status: int = 0


class Sandbox:
    """Both services on 127.0.0.1. Use as a context manager, or start() and stop()."""

    def __init__(
        self,
        faults: Faults | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        enforce_rate_limit: bool = True,
        demo_branches: Iterable[str] = DEFAULT_BRANCHES,
        limit_reply: str = "both",
    ) -> None:
        """`demo_branches`: the demo Accurate company's branches (see `branches.MULTI_BRANCHES`
        for a company that needs a branch on every save). `limit_reply`: how a request over
        Accurate's limits is refused: "429", "200" (s: false) or "both" in turn."""
        if limit_reply not in LIMIT_REPLY_FORMS:
            raise ValueError(f"limit_reply must be one of {sorted(LIMIT_REPLY_FORMS)}")
        self._host, self._port = host, port
        self._demo_branches = tuple(demo_branches)
        self.enforce_rate_limit = enforce_rate_limit
        self.limit_reply = limit_reply
        self._limit_forms: Iterator[tuple[int, bool]] = itertools.cycle(
            LIMIT_REPLY_FORMS[limit_reply]
        )
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._dice = FaultDice(faults or Faults())
        self._accurate = accurate.AccurateService()
        self._sempoa = sempoa.SempoaService()
        self._admission = Admission()
        self._stats = SandboxStats()
        self._log: list[RequestRecord] = []
        self._main: Listener | None = None
        self._data_hosts: list[Listener] = []

    # -- life cycle ----------------------------------------------------------------------

    def start(self) -> Sandbox:
        if self._main is not None:
            return self
        self._stopping.clear()
        self._main = Listener(self, self._host, self._port, "main")
        try:
            first_host = self._start_data_host()
        except OSError:
            self.stop()
            raise
        with self._lock:
            if DEMO_ACCURATE_TOKEN not in self._accurate.companies:
                self._accurate.add_company(
                    DEMO_COMPANY,
                    first_host.origin,
                    DEMO_ACCURATE_TOKEN,
                    DEMO_ACCURATE_SECRET,
                    self._demo_branches,
                )
                self._sempoa.add_company(DEMO_COMPANY, DEMO_SEMPOA_TOKEN)
            for company in self._accurate.companies.values():
                # Started again after stop(): the old ports are gone, the books are kept.
                company.host, company.previous_hosts = first_host.origin, set()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes requests sleeping through injected latency
        listeners = [self._main, *self._data_hosts] if self._main else []
        # Each listener takes up to a poll interval to notice; close them side by side.
        closers = [threading.Thread(target=listener.close) for listener in listeners]
        for closer in closers:
            closer.start()
        for closer in closers:
            closer.join()
        self._main = None
        self._data_hosts = []

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _start_data_host(self) -> Listener:
        listener = Listener(self, self._host, 0, "data")
        self._data_hosts.append(listener)
        return listener

    # -- addresses and companies ---------------------------------------------------------

    @property
    def account_url(self) -> str:
        """Accurate's account host; api-token.do is at /api/api-token.do."""
        return self._running().origin

    @property
    def sempoa_url(self) -> str:
        return self._running().origin + sempoa.PREFIX

    def accurate_host(self, token: str = DEMO_ACCURATE_TOKEN) -> str:
        """The data host api-token.do currently reports for this token's company."""
        with self._lock:
            return self._accurate.company(token).host

    def move_host(self, token: str = DEMO_ACCURATE_TOKEN) -> str:
        """Move the company to another data host; its old hosts answer 308 from now on."""
        self._running()
        with self._lock:
            company = self._accurate.company(token)
            company.previous_hosts.add(company.host)
            fresh = [h for h in self._data_hosts if h.origin not in company.previous_hosts]
            target = fresh[0] if fresh else self._start_data_host()
            company.host = target.origin
            return target.origin

    def add_accurate_company(
        self, name: str, branches: Iterable[str] = DEFAULT_BRANCHES
    ) -> tuple[str, str]:
        """A new company on the first data host; returns its (API Token, Signature Secret).
        With more than one branch, every save must name one."""
        self._running()
        token, secret = accurate.new_api_token()
        with self._lock:
            origin = self._data_hosts[0].origin
            self._accurate.add_company(name, origin, token, secret, tuple(branches))
        return token, secret

    def branches(self, token: str = DEMO_ACCURATE_TOKEN) -> list[str]:
        """The names of the Accurate company's branches, in list order."""
        with self._lock:
            return [branch.name for branch in self._accurate.company(token).branches]

    def withdraw_scope(self, endpoint: str, token: str = DEMO_ACCURATE_TOKEN) -> None:
        """The token's app loses the scope of `endpoint` (e.g. "branch/list.do"): calls to
        it answer 403 from now on, as for a token made without that access right."""
        with self._lock:
            self._accurate.company(token).missing_scopes.add(endpoint)

    def set_branches(self, names: Iterable[str], token: str = DEMO_ACCURATE_TOKEN) -> None:
        """Give the Accurate company these branches (as its administrator adding or removing
        branches, or the user's access to them, would). Stored vouchers keep theirs."""
        branches = make_branches(names)
        with self._lock:
            self._accurate.company(token).branches = branches

    def add_sempoa_company(self, name: str) -> str:
        """A new Sempoa company; returns its token."""
        token = _new_sempoa_token(name)
        with self._lock:
            self._sempoa.add_company(name, token)
        return token

    def revoke(self, token: str) -> None:
        """Revoke the token in whichever service issued it (as deleting it, or pressing
        Generate Token again, would)."""
        with self._lock:
            for companies in (self._accurate.companies, self._sempoa.companies):
                if token in companies:
                    companies[token].revoked = True

    def replace_token(self, token: str) -> str:
        """A new token for the same company, as the user creating a new API Token (Accurate)
        or pressing Generate Token again (Sempoa) would: the old token stops working."""
        with self._lock:
            if token in self._accurate.companies:
                fresh, _secret = accurate.new_api_token()
                companies = self._accurate.companies
            else:
                fresh = _new_sempoa_token(token)
                companies = self._sempoa.companies
            company = companies.pop(token)
            company.token = fresh
            company.revoked = False
            companies[fresh] = company
        return fresh

    def save_attempts(self, token: str = DEMO_ACCURATE_TOKEN) -> dict[str, int]:
        """How many times each voucher number arrived in a save (stored or refused)."""
        with self._lock:
            return dict(self._accurate.company(token).save_attempts)

    def accept_repeated_numbers(self, token: str = DEMO_ACCURATE_TOKEN) -> None:
        """Let the company store a voucher number it already holds (the real service's
        answer is unknown): a client that sends twice then posts twice, visibly."""
        with self._lock:
            self._accurate.company(token).accepts_repeated_numbers = True

    def vouchers(self, token: str = DEMO_ACCURATE_TOKEN) -> list[dict]:
        """The company's stored journal vouchers as saved (amounts as exact decimal strings)."""
        with self._lock:
            return copy.deepcopy(list(self._accurate.company(token).vouchers.values()))

    def sempoa_journals(self, token: str = DEMO_SEMPOA_TOKEN) -> list[dict]:
        with self._lock:
            return copy.deepcopy(self._sempoa.company(token).journals)

    def edit_voucher_in_app(
        self,
        number: str,
        change: Callable[[dict], dict | None],
        token: str = DEMO_ACCURATE_TOKEN,
    ) -> None:
        """As a person changing (or, when `change` returns None, deleting) a voucher in
        Accurate's own app: the books change behind Jurnal Desk's back (for `verify`)."""
        with self._lock:
            company = self._accurate.company(token)
            voucher_id = company.numbers[number]
            changed = change(copy.deepcopy(company.vouchers[voucher_id]))
            if changed is None:
                del company.vouchers[voucher_id]
                del company.numbers[number]
            else:
                company.vouchers[voucher_id] = changed

    def edit_sempoa_journal_in_app(
        self,
        referensi: str,
        change: Callable[[dict], dict | None],
        token: str = DEMO_SEMPOA_TOKEN,
    ) -> None:
        """The same for a Sempoa journal (stored with ISO dates and account codes)."""
        with self._lock:
            journals = self._sempoa.company(token).journals
            index = next(i for i, j in enumerate(journals) if j["referensi"] == referensi)
            changed = change(copy.deepcopy(journals[index]))
            if changed is None:
                del journals[index]
            else:
                journals[index] = changed

    def sempoa_faults(self, token: str = DEMO_SEMPOA_TOKEN) -> SempoaFaults:
        """The Sempoa company's own hostile switches (wrong answers to valid saves, a list
        that ignores `page`): see app.sandbox.sempoa_faults."""
        with self._lock:
            return self._sempoa.company(token).faults

    def request_log(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._log)

    @property
    def stats(self) -> SandboxStats:
        with self._lock:
            return self._stats

    @property
    def faults(self) -> Faults:
        return self._dice.faults

    @faults.setter
    def faults(self, faults: Faults) -> None:
        self._dice = FaultDice(faults)

    def server_time(self) -> float:
        """The server's clock (Unix seconds): real time plus the injected skew."""
        return time.time() + self._dice.faults.clock_skew_seconds

    def _running(self) -> Listener:
        if self._main is None:
            raise RuntimeError("the sandbox is not running: call start() first")
        return self._main

    # -- answering -----------------------------------------------------------------------

    def _arrive(self, request: Request, arrived: float, wall: float) -> _Exchange:
        """Count a request whose request line and headers have just been read (its body not
        yet): Accurate counts it now, and refuses it now when it breaks a limit."""
        exchange = _Exchange(request, arrived, self._service_of(request))
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

    def _answer(
        self, exchange: _Exchange, body: bytes, respond: Callable[[Reply | None], None]
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

    def _abandon(self, exchange: _Exchange, status: int) -> None:
        """The request cannot be read to its end: log it and free its slot, nothing done."""
        exchange.status = status
        self._finish(exchange)

    def _service_of(self, request: Request) -> str:
        on_main = self._main is not None and request.origin == self._main.origin
        if on_main and request.path == accurate.TOKEN_PATH:
            return "accurate-account"
        if on_main and (request.path + "/").startswith(sempoa.PREFIX + "/"):
            return "sempoa"
        if not on_main and request.path.startswith(accurate.API_PREFIX):
            return "accurate-data"
        return "unknown"

    def _work(self, exchange: _Exchange) -> Reply | None:
        request = exchange.request
        latency = self._dice.latency_seconds()
        if latency and self._stopping.wait(latency):
            return self._server_error(request, 503)
        if self._dice.cut():
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
        if reply.stores and self._dice.drop_after_store():
            with self._lock:
                self._count("dropped")
            return None
        return reply

    def _injected_fault(self, exchange: _Exchange) -> Reply | None:
        request = exchange.request
        body = request.body.decode("utf-8", "replace")
        if self._dice.faults.fails(unquote(request.target), body):
            with self._lock:
                self._count("injected_errors")
            return self._server_error(request, 500)
        status = self._dice.server_error()
        if status is not None:
            with self._lock:
                self._count("injected_errors")
            return self._server_error(exchange.request, status)
        if self._dice.rate_limited():
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

    def _finish(self, exchange: _Exchange) -> None:
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
        )
        with self._lock:
            if exchange.admitted:
                self._admission.release(exchange.limit_key)
            self._log.append(record)

    def _count(self, name: str, by: int = 1) -> None:
        if by:
            self._stats = replace(self._stats, **{name: getattr(self._stats, name) + by})

    def _peak(self, name: str, value: int) -> None:
        if value > getattr(self._stats, name):
            self._stats = replace(self._stats, **{name: value})


def _new_sempoa_token(seed: str) -> str:
    return f"sempoa-{hashlib.sha256(seed.encode() + time.time_ns().to_bytes(8)).hexdigest()}"


def _moved(request: Request, new_host: str) -> Reply:
    """The old host's answer after a move: 308 to the same path on the new host."""
    return json_reply(
        308,
        {"s": False, "d": [messages.HOST_MOVED], "host": new_host},
        headers={"Location": new_host + request.target},
    )
