"""The server's idea of "now", learned from HTTP `Date` headers.

Accurate rejects a timestamp more than 600 s away from its own clock. A laptop whose clock has
drifted (or whose time zone is set wrong, so its UTC is hours off) would fail every call; the
transport feeds each response's `Date` header here and signs with `ServerClock.now()`, so one
correction and one retry fix it. When even that fails, `clock_skew_text` tells the user how far
off their clock is and how to fix it.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

from app.core.i18n import Text, ntr, tr

# A `Date` header has one-second resolution and the request takes time to travel, so an
# estimate within this many seconds of the current one is noise, not a new offset.
DEFAULT_THRESHOLD_SECONDS = 2.0


class ServerClock:
    """Thread-safe: learns the offset between this machine's clock and the server's."""

    def __init__(
        self,
        now: Callable[[], float] = time.time,
        *,
        threshold: float = DEFAULT_THRESHOLD_SECONDS,
    ) -> None:
        self._local = now
        self._threshold = threshold
        self._offset = 0.0
        self._lock = threading.Lock()

    def local_time(self) -> float:
        """This machine's clock (seconds since the epoch), the base for `sent_at`/`received_at`."""
        return self._local()

    def now(self) -> datetime:
        """The server's current time, as well as we know it: aware, UTC."""
        return datetime.fromtimestamp(self._local() + self.offset_seconds, UTC)

    @property
    def offset_seconds(self) -> float:
        """Server minus local, in seconds (positive: this machine's clock is behind)."""
        with self._lock:
            return self._offset

    def observe_date_header(self, value: str | None, *, sent_at: float, received_at: float) -> None:
        """Learn from a response's `Date` header; `sent_at`/`received_at` are `local_time()`
        readings taken around the request. A missing or unreadable header is ignored."""
        server_time = read_http_date(value)
        if server_time is None:
            return
        # The header is truncated to the second, so the server's true time was on average
        # half a second later; the request was most likely answered halfway through its trip.
        estimate = server_time + 0.5 - (sent_at + received_at) / 2
        with self._lock:
            if abs(estimate) <= self._threshold:
                self._offset = 0.0  # the machine's clock is fine
            elif abs(estimate - self._offset) > self._threshold:
                self._offset = estimate

    def skew_minutes(self) -> int:
        """Offset in whole minutes (rounded), for "your clock is N minutes off"."""
        return round(self.offset_seconds / 60)


def clock_skew_text(minutes: int) -> Text:
    """What to tell a user whose clock is `minutes` behind the server (negative: ahead)."""
    fix = tr("Perbaiki jam dan zona waktu di pengaturan Windows/macOS, lalu coba lagi.")
    if minutes == 0:
        problem = tr("Server Accurate menolak jam komputer Anda (selisih lebih dari 10 menit).")
        return problem + fix
    if minutes > 0:
        problem = ntr(
            "Jam komputer Anda selisih {n} menit dari server Accurate (terlambat).",
            "Jam komputer Anda selisih {n} menit dari server Accurate (terlambat).",
            minutes,
        )
    else:
        problem = ntr(
            "Jam komputer Anda selisih {n} menit dari server Accurate (terlalu cepat).",
            "Jam komputer Anda selisih {n} menit dari server Accurate (terlalu cepat).",
            -minutes,
        )
    hours = round(abs(minutes) / 60)
    if hours and abs(abs(minutes) - hours * 60) <= 1:  # whole hours: a wrong time zone
        problem += tr(
            "Selisih sekitar {h} jam biasanya berarti zona waktu salah (WIB, WITA atau WIT).",
            h=hours,
        )
    return problem + fix


def read_http_date(value: str | None) -> float | None:
    """Seconds since the epoch from an RFC 7231 date (any of its three forms), or None."""
    if not value:
        return None
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if moment.tzinfo is None:  # the asctime form carries no zone; HTTP dates are always GMT
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()
