"""What the transport makes of an answer that is not (yet) the final one: the retry policy,
Accurate's and Sempoa's limit replies, Retry-After, 5xx that say nothing was done, and why
an attempt got no answer at all. `app.api.transport` runs the loop; this module decides.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx

from app.api import errors
from app.api import reply_wording as wording
from app.api.clock import read_http_date
from app.core.i18n import Text, tr

if TYPE_CHECKING:
    from app.api.wire import ApiResponse

LIMIT_STATUS = 429  # "too many requests": never processed, safe to send again
REQUEST_TIMEOUT_STATUS = 408  # refused before any work was done: safe to send again


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to wait between attempts. `sleep` and `random` are injectable
    so tests run instantly and deterministically."""

    max_attempts: int = 5  # attempts that failed (network, 408, 5xx); limit replies apart
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0  # a longer Retry-After is reported, not waited for
    # Limit replies: the first waits `limit_delay` (or Retry-After, if longer), each further
    # one in a row twice as long up to `limit_max_delay`; after `max_limit_wait` seconds of
    # such waits in one request, RateLimited.
    limit_delay: float = 1.0
    limit_max_delay: float = 8.0
    max_limit_wait: float = 120.0
    sleep: Callable[[float], None] = time.sleep
    random: Callable[[], float] = random.random

    def backoff(self, retry_number: int) -> float:
        """Seconds before retry number `retry_number` (1 = first retry): doubling from
        `base_delay` up to `max_delay`, minus up to a quarter at random so workers that failed
        together do not all come back together."""
        delay = min(self.base_delay * 2.0 ** (retry_number - 1), self.max_delay)
        return delay * (1 - 0.25 * self.random())

    def limit_backoff(self, reply_number: int, retry_after: float | None) -> float:
        """Seconds to hold back after limit reply number `reply_number` of one request. No
        jitter: the paused limiter lets the waiting threads go one turn at a time anyway."""
        delay = min(self.limit_delay * 2.0 ** (reply_number - 1), self.limit_max_delay)
        return max(delay, retry_after or 0.0)


@dataclass(slots=True)
class LimitWaits:
    """One request's limit replies so far and the seconds waited for them."""

    replies: int = 0
    waited: float = 0.0


def is_limit_reply(response: ApiResponse) -> bool:
    """The service's "too many requests, not processed": HTTP 429, or a refusal whose words
    are about the request limit whatever its status code (Accurate's comes as 429 or as 200
    with s: false)."""
    if response.status == LIMIT_STATUS:
        return True
    body = response.body
    refused = response.status >= 400 or (
        isinstance(body, dict) and (body.get("s") is False or body.get("status", 200) != 200)
    )
    return refused and wording.says_rate_limited(messages_of(body, response.text))


def retry_after_seconds(headers: httpx.Headers) -> float | None:
    """`Retry-After` in seconds (a number or an HTTP date), or None."""
    value = headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    when = read_http_date(value)
    if when is None:
        return None
    now = read_http_date(headers.get("Date")) or time.time()
    return max(0.0, when - now)


_NOT_PROCESSED_WORDS = ("not processed", "tidak diproses", "belum diproses")


def says_not_processed(response: ApiResponse) -> bool:
    """A 5xx whose body states plainly that nothing was done (then a save may be repeated)."""
    text = " ".join(messages_of(response.body, response.text)).lower()
    return any(words in text for words in _NOT_PROCESSED_WORDS)


def messages_of(body: Any, text: str) -> list[str]:
    """Human-readable messages from any of the services' error shapes."""
    if isinstance(body, dict):
        found: list[str] = []
        for key in ("d", "message", "error_description", "error", "errors"):
            value = body.get(key)
            if isinstance(value, str):
                found.append(value)
            elif isinstance(value, list):
                found.extend(str(item) for item in value if isinstance(item, str))
        return found
    if isinstance(body, list):
        return [item for item in body if isinstance(item, str)]
    stripped = text.strip()
    return [stripped[:300]] if stripped else []


def failure_reason(error: httpx.RequestError) -> Text:
    """Why an attempt got no answer, in words for the error message."""
    if isinstance(error, httpx.ConnectTimeout):
        return tr("waktu tunggu sambungan habis")
    if isinstance(error, httpx.PoolTimeout):
        return tr("semua sambungan sedang dipakai")
    if isinstance(error, httpx.ConnectError):
        return tr("sambungan gagal: {e}", e=error)
    if isinstance(error, httpx.ReadTimeout):
        return tr("jawaban tidak datang tepat waktu")
    if isinstance(error, httpx.RemoteProtocolError):
        return tr("server memutus sambungan tanpa menjawab")
    return tr("sambungan terputus: {e}", e=type(error).__name__)


def unsendable_headers(service: str) -> errors.AuthError:
    """A request whose headers could not be written: in practice a saved token or Signature
    Secret holding a line break or a control character (saved before they were checked)."""
    return errors.AuthError(
        tr(
            "Permintaan ke {service} tidak bisa ditulis: token atau Signature Secret yang "
            "tersimpan berisi baris baru atau karakter kontrol. Tidak ada yang terkirim. Hapus "
            "profilnya lalu tambahkan lagi dengan token yang disalin ulang.",
            service=service,
        )
    )
