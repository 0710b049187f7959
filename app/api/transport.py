"""HTTP for both services: signing, rate limiting, retries, redirects, and nothing sent twice.

One `Transport` (one `httpx.Client`) per profile, shared by the worker threads. Each attempt:

1. takes a permit from the token's `RateLimiter` (retries and redirect hops count too) and
   gives it back once the response has been read; the permit's start, which the limiter
   paces, is the moment the request line and headers have been handed to the network
   (httpx's `trace` extension, event `http11.send_request_headers.complete`), not the moment
   the turn was granted, since the service counts a request when it arrives;
2. is signed afresh (Accurate: `signature_headers(secret, clock.now())`), so a retry never
   reuses a stale timestamp;
3. feeds the response's `Date` to the `ServerClock`, so a wrong laptop clock is corrected
   after one rejection ("... difference more than 600 seconds ...": corrected, retried once).

307/308 are followed here, not by httpx: httpx drops `Authorization` on a cross-origin
redirect, and Accurate moves a company to a new host with exactly that (308, same method and
body, token still needed). A 308 moves the transport's base to the new host and is reported
through `on_host_moved`, so the profile stores it.

Retries (exponential backoff with jitter, `Retry-After` honoured) cover connection failures,
408 and 5xx, up to `RetryPolicy.max_attempts`. A limit reply ("too many requests": HTTP 429,
or Accurate's limit wording in an `s: false` envelope at any status, with or without
Retry-After) is no failure: the request was not processed, so it is re-sent (a save too),
after pausing every thread on the token's limiter and widening its margin. Limit replies do
not use up the attempts; they are bounded by `RetryPolicy.max_limit_wait` seconds of waiting
in total, after which `RateLimited` is raised. A non-idempotent request (a save) is re-sent
only when it surely never reached the server (connection not made, a limit reply, 408, a
signature-time rejection); anything else after it left (read timeout, connection dropped,
5xx) raises `UncertainOutcome` and the posting layer looks the reference up before any
re-send.

Each request has one deadline for all its attempts and waits, and every socket wait of an
attempt (connect, response headers, body) is held to it and to Stop by `exchange_clock`: a
server dripping its headers a byte a second is cut at the deadline, and Stop ends an
exchange within a moment (a save already sent gets a short grace, then is uncertain).

Only https is used, except to this machine (127.0.0.0/8, ::1, localhost) for the sandbox;
certificates are always verified. A redirect, and the data host `api-token.do` names, stay
inside the service (`redirects`).
"""

from __future__ import annotations

import functools
import logging
import ssl
import threading
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from app.api import deadlines, errors
from app.api import reply_wording as wording
from app.api.auth import AccurateAuth
from app.api.clock import ServerClock, read_http_date
from app.api.deadlines import BodyTooLarge, cut, read_body
from app.api.exchange_clock import CANCEL, Exchange, bound_sockets, bounded_exchange
from app.api.ratelimit import Cancelled, Permit, RateLimiter
from app.api.redirects import is_loopback, origin, redirect_target, require_secure
from app.api.retrying import (
    REQUEST_TIMEOUT_STATUS,
    LimitWaits,
    RetryPolicy,
    failure_reason,
    is_limit_reply,
    messages_of,
    retry_after_seconds,
    says_not_processed,
    unsendable_headers,
)
from app.api.signing import parse_timestamp
from app.api.wire import ApiResponse, json_bytes, json_or_none
from app.core.i18n import tr
from app.core.tasks import Deadline

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = httpx.Timeout(connect=10.0, read=60.0, write=60.0, pool=30.0)
# A bulk save of 100 vouchers can take the server a while; waiting longer beats an
# uncertain outcome for 100 entries.
BULK_TIMEOUT = httpx.Timeout(connect=10.0, read=300.0, write=120.0, pool=60.0)
_OUT_OF_TIME = tr("batas waktu permintaan habis")

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
REDIRECTS = frozenset({307, 308})
MAX_REDIRECTS = 3
# The trace event (httpcore) fired once a request's line and headers have been written to the
# socket. Not the event before the write: with a hundred threads on two cores, a thread may
# wait tens of milliseconds for the interpreter between the two, and a start noted before
# its bytes left let the 9th request of a second arrive less than a second after the 1st
# (BENCHMARKS.md, month-end for a whole firm). Noted after, every start is at or after its
# bytes reached the network, so the only lag left to cover is the network's own (the margin).
_SENDING_EVENTS = frozenset(
    {"http11.send_request_headers.complete", "http2.send_request_headers.complete"}
)


@functools.cache
def verified_tls() -> ssl.SSLContext:
    """The one TLS context of every client: certificates checked against the certificate
    authorities httpx trusts (SSL_CERT_FILE or SSL_CERT_DIR where set). Reading those took
    20 ms of CPU time for each client made; a context serves many connections at once."""
    return httpx.create_ssl_context()


class Transport:
    """Sends requests for one profile. Thread-safe; close it (or use `with`) when done."""

    def __init__(
        self,
        base_url: str,
        *,
        service: str,
        auth: httpx.Auth,
        limiter: RateLimiter,
        clock: ServerClock | None = None,
        headers: Mapping[str, str] | None = None,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        on_host_moved: Callable[[str], None] | None = None,
        max_redirects: int = MAX_REDIRECTS,
    ) -> None:
        self._base = require_secure(base_url.rstrip("/"))
        self.service = service
        self._auth = auth
        self._limiter = limiter
        self._clock = clock or ServerClock()
        self._signs = isinstance(auth, AccurateAuth)
        self._retry = retry or RetryPolicy()
        self._timeout = timeout
        self._on_host_moved = on_host_moved
        self._max_redirects = max_redirects
        self._lock = threading.Lock()
        # Certificates verified (the shared context); follow_redirects=False: see the module
        # docstring.
        self._client = httpx.Client(
            verify=verified_tls(),
            headers=dict(headers or {}),
            timeout=timeout,
            follow_redirects=False,
            limits=httpx.Limits(max_connections=16, max_keepalive_connections=8),
            # An office proxy from the environment is used for the real services, never for
            # the sandbox on this machine.
            trust_env=not is_loopback(self._base.host),
        )
        bound_sockets(self._client)  # one clock for each whole exchange: exchange_clock

    # -- public ------------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        with self._lock:
            return str(self._base)

    @property
    def host(self) -> str:
        """scheme://host[:port] of the base URL (what a profile stores)."""
        with self._lock:
            return origin(self._base)

    def rebase(self, base_url: str) -> None:
        """Send relative requests to `base_url` from now on (a host read from api-token.do)."""
        new_base = require_secure(base_url.rstrip("/"))
        with self._lock:
            self._base = new_base

    @property
    def clock(self) -> ServerClock:
        return self._clock

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Transport(service={self.service!r}, base_url={self.base_url!r})"

    def request(
        self,
        method: str,
        target: str,
        *,
        params: Mapping[str, Any] | None = None,
        json_body: Any = None,
        idempotent: bool | None = None,
        timeout: httpx.Timeout | None = None,
        cancel: threading.Event | None = None,
        deadline: float | None = None,
        final_statuses: Collection[int] = (),
    ) -> ApiResponse:
        """Send `method target` and return the final answer, whatever its status (4xx included:
        the service clients read their own error bodies). Raises for what no answer explains:
        NetworkError, UncertainOutcome, RateLimited, ServerError, ClockSkewError, InsecureUrl.

        `target` is a path under the base URL ("glaccount/list.do") or an absolute URL (which
        never moves the base). `idempotent` defaults from the method (GET/DELETE/PUT: yes).
        `deadline`: seconds the whole request may take, every retry and wait included
        (default `deadlines.REQUEST_DEADLINE`). `final_statuses`: 5xx statuses returned as the
        answer at once, not retried, for a caller that reads them itself (a list asked for
        fields the service may refuse with a 500 page)."""
        method = method.upper()
        if idempotent is None:
            idempotent = method in IDEMPOTENT_METHODS
        call = _Call(
            method=method,
            target=target,
            params=dict(params or {}),
            content=json_bytes(json_body) if json_body is not None else None,
            idempotent=idempotent,
            timeout=timeout,
            cancel=cancel,
            deadline=Deadline(deadlines.REQUEST_DEADLINE if deadline is None else deadline),
            final_statuses=frozenset(final_statuses),
        )
        return self._with_retries(call)

    # -- retry loop ----------------------------------------------------------------------

    def _with_retries(self, call: _Call) -> ApiResponse:
        tries = _Tries()
        while True:
            if call.deadline.passed:
                raise errors.network_error(self.service, self.host, _OUT_OF_TIME) from None
            response = self._attempt(call, tries)
            if response is not None and not self._answer_retried(call, response, tries):
                return response

    def _attempt(self, call: _Call, tries: _Tries) -> ApiResponse | None:
        """One send (following redirects); None when it failed and may be tried again."""
        try:
            return self._send_following_redirects(call)
        except httpx.LocalProtocolError:
            # Headers this machine refused to write: nothing left it, and a retry cannot help.
            raise unsendable_headers(self.service) from None
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as error:
            # The request never left this machine: safe to repeat, even a save.
            tries.failures += 1
            self._give_up_unless_retrying(call, tries.failures, error, reached_server=False)
        except httpx.RequestError as error:  # timeouts, cut connections, garbled answers
            tries.failures += 1
            self._give_up_unless_retrying(call, tries.failures, error, reached_server=True)
        except BodyTooLarge:
            raise self._too_large(call) from None
        return None

    def _answer_retried(self, call: _Call, response: ApiResponse, tries: _Tries) -> bool:
        """Whether the answer calls for sending again (after any wait); raises when it calls
        for giving up. False: the answer is final."""
        status = response.status
        if is_limit_reply(response):
            self._handle_limit_reply(call, response, tries.limit)
            return True
        if status == REQUEST_TIMEOUT_STATUS:
            tries.failures += 1
            self._handle_request_timeout(call, tries.failures, response)
            return True
        if status >= 500 and status not in call.final_statuses:
            tries.failures += 1
            self._handle_server_error(call, tries.failures, response)
            return True
        if self._signs and wording.is_skew_message(messages_of(response.body, response.text)):
            # The Date header of this very answer has just corrected the clock.
            if not tries.skew_retried:
                tries.skew_retried = True  # a clock correction is not a failure of the service
                return True
            raise errors.clock_skew_error(self._skew_minutes(response), status=status)
        return False

    def _give_up_unless_retrying(
        self, call: _Call, attempt: int, error: httpx.RequestError, *, reached_server: bool
    ) -> None:
        reason = failure_reason(error)
        if reached_server and not call.idempotent:
            log.warning("%s %s: no answer after sending (%s)", call.method, call.target, reason.en)
            raise errors.uncertain_outcome(self.service, reason) from None
        if attempt >= self._retry.max_attempts:
            raise errors.network_error(self.service, self.host, reason) from None
        delay = self._retry.backoff(attempt)
        log.info("%s %s: %s; retry in %.1fs", call.method, call.target, reason.en, delay)
        self._wait(delay, call)

    def _handle_limit_reply(self, call: _Call, response: ApiResponse, limit: LimitWaits) -> None:
        """Not processed: hold back every thread on this token, then send it again (a save
        too). Raises RateLimited once the waits for this request would pass max_limit_wait,
        or at once for a Retry-After too long to wait for."""
        retry_after = retry_after_seconds(response.headers)
        limit.replies += 1
        delay = self._retry.limit_backoff(limit.replies, retry_after)
        # Every thread using this token holds back, not just this one; the margin widens.
        # (Not for longer than max_retry_after: they will hear the same and report it.)
        self._limiter.limit_reply(min(delay, self._retry.max_retry_after), response.sent_at)
        too_long = retry_after is not None and retry_after > self._retry.max_retry_after
        if too_long or limit.waited + delay > self._retry.max_limit_wait:
            log.warning(
                "%s %s: still over the service's limits after %d limit replies (%.0fs)",
                call.method,
                call.target,
                limit.replies,
                limit.waited,
            )
            raise errors.rate_limited(self.service, retry_after)
        limit.waited += delay
        log.info(
            "%s %s: limit reply (HTTP %d); again in %.1fs",
            call.method,
            call.target,
            response.status,
            delay,
        )
        self._wait(delay, call)

    def _handle_request_timeout(self, call: _Call, attempt: int, response: ApiResponse) -> None:
        """408: the server gave up waiting for the request; nothing was done."""
        retry_after = retry_after_seconds(response.headers)
        delay = retry_after if retry_after is not None else self._retry.backoff(attempt)
        if attempt >= self._retry.max_attempts or delay > self._retry.max_retry_after:
            raise errors.server_error(self.service, response.status)
        log.info("%s %s: HTTP 408; retry in %.1fs", call.method, call.target, delay)
        self._wait(delay, call)

    def _handle_server_error(self, call: _Call, attempt: int, response: ApiResponse) -> None:
        messages = messages_of(response.body, response.text)
        if not call.idempotent and not says_not_processed(response):
            reason = tr("server menjawab HTTP {s}", s=response.status)
            raise errors.uncertain_outcome(self.service, reason)
        retry_after = retry_after_seconds(response.headers)
        delay = retry_after if retry_after is not None else self._retry.backoff(attempt)
        if attempt >= self._retry.max_attempts or delay > self._retry.max_retry_after:
            raise errors.server_error(self.service, response.status, messages)
        log.info("%s %s: HTTP %d; retry in %.1fs", call.method, call.target, response.status, delay)
        self._wait(delay, call)

    def _too_large(self, call: _Call) -> errors.ApiError:
        reason = tr("jawaban server terlalu besar untuk dibaca")
        if call.idempotent:
            return errors.unexpected_answer(self.service, reason)
        return errors.uncertain_outcome(self.service, reason)  # it may have been done

    def _wait(self, seconds: float, call: _Call) -> None:
        seconds = min(seconds, call.deadline.remaining() or 0.0)  # never past the deadline
        cancel = call.cancel
        if cancel is not None and self._retry.sleep is time.sleep:
            cancel.wait(seconds)  # wakes at once on cancel; the next acquire raises Cancelled
        else:
            self._retry.sleep(seconds)

    def _skew_minutes(self, response: ApiResponse) -> int | None:
        """How far the timestamp we sent was from the server's Date (server minus ours)."""
        server = read_http_date(response.headers.get("Date"))
        sent = response.request_headers.get("X-Api-Timestamp")
        if server is None or not sent:
            return self._clock.skew_minutes() or None
        try:
            ours = parse_timestamp(sent).timestamp()
        except ValueError:
            return self._clock.skew_minutes() or None
        return round((server - ours) / 60)

    # -- one attempt, following 307/308 ----------------------------------------------------

    def _send_following_redirects(self, call: _Call) -> ApiResponse:
        relative = not _is_absolute(call.target)
        url = self._resolve(call.target).copy_merge_params(call.params)
        for _hop in range(self._max_redirects + 1):
            response = self._send_once(call, url)
            if response.status not in REDIRECTS or "Location" not in response.headers:
                return response
            new_url = redirect_target(self.service, url, response.headers["Location"])
            if response.status == 308 and relative:
                self._move_base(new_url)
            url = new_url
        raise errors.unexpected_answer(
            self.service, tr("pengalihan alamat"), status=response.status
        )

    def _send_once(self, call: _Call, url: httpx.URL) -> ApiResponse:
        with self._limiter.acquire(call.cancel, until_sent=True) as permit:
            request = self._client.build_request(
                call.method,
                url,
                content=call.content,
                headers={"Content-Type": "application/json"} if call.content is not None else None,
                timeout=cut(call.deadline, call.timeout or self._timeout),
                extensions={"trace": _send_time_recorder(permit)},
            )
            sent_at = self._clock.local_time()
            with bounded_exchange(
                call.deadline, call.cancel, idempotent=call.idempotent
            ) as exchange:
                try:
                    response = self._client.send(
                        request, auth=self._auth, follow_redirects=False, stream=True
                    )
                    content = read_body(response, call.deadline)
                except httpx.TransportError:
                    if exchange.stopped_by or call.deadline.passed:
                        raise self._cut_short(call, exchange) from None
                    raise
            received_at = self._clock.local_time()
        # Outside the permit: the body has been read (not streamed) and the connection is back.
        self._clock.observe_date_header(
            response.headers.get("Date"), sent_at=sent_at, received_at=received_at
        )
        log.debug("%s %s -> %d", call.method, url.copy_with(query=None), response.status_code)
        return ApiResponse(
            status=response.status_code,
            headers=response.headers,
            body=json_or_none(content),
            text=content.decode(response.charset_encoding or "utf-8", errors="replace"),
            url=str(response.url),
            request_headers=response.request.headers,
            sent_at=permit.started_at,
        )

    def _cut_short(self, call: _Call, exchange: Exchange) -> Exception:
        """The error for an exchange this machine's clock (or Stop) ended, not the server."""
        if exchange.stopped_by == CANCEL:
            reason = tr("pengiriman dihentikan sebelum jawaban datang")
        else:
            reason = _OUT_OF_TIME
        if exchange.sent and not call.idempotent:
            log.warning("%s %s: cut short after sending (%s)", call.method, call.target, reason.en)
            return errors.uncertain_outcome(self.service, reason)
        if exchange.stopped_by == CANCEL:
            return Cancelled(tr("Pengiriman dibatalkan."))
        return errors.network_error(self.service, self.host, reason)

    def _resolve(self, target: str) -> httpx.URL:
        if _is_absolute(target):
            return require_secure(target)
        with self._lock:
            base = self._base
        return base.copy_with(path=f"{base.path.rstrip('/')}/{target.lstrip('/')}")

    def _move_base(self, new_url: httpx.URL) -> None:
        with self._lock:
            old = self._base
            self._base = old.copy_with(scheme=new_url.scheme, host=new_url.host, port=new_url.port)
            moved = origin(self._base) != origin(old)
            new_host = origin(self._base)
        if moved:
            log.info("%s moved from %s to %s", self.service, origin(old), new_host)
            if self._on_host_moved is not None:
                self._on_host_moved(new_host)


@dataclass(slots=True)
class _Tries:
    """One request's attempts so far: failures (bounded by the retry policy), limit-reply
    waits (bounded in time), and whether a clock correction was already retried."""

    failures: int = 0
    limit: LimitWaits = field(default_factory=LimitWaits)
    skew_retried: bool = False


@dataclass(frozen=True, slots=True)
class _Call:
    method: str
    target: str
    params: dict[str, Any]
    content: bytes | None
    idempotent: bool
    timeout: httpx.Timeout | None
    cancel: threading.Event | None
    deadline: Deadline
    final_statuses: frozenset[int] = frozenset()


# -- helpers ---------------------------------------------------------------------------------


def _is_absolute(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def _send_time_recorder(permit: Permit) -> Callable[[str, dict[str, Any]], None]:
    """httpx's `trace` callback for one attempt: the moment the request's line and headers
    have been written is its start for the rate limiter (a new connection's set-up comes
    before)."""

    def on_event(name: str, _info: dict[str, Any]) -> None:
        if name in _SENDING_EVENTS:
            permit.mark_sent()

    return on_event
