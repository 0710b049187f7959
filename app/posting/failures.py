"""What a request that failed means for a posting run.

A request that gives up after its retries (network, 5xx, limit replies without end) costs
only its own entries; the run goes on. Many failures in a row with no answer in between
mean the service itself is down: then the run stops, and the next run picks up everything
left pending or uncertain, without duplicates.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from app.core.i18n import JurnalError, Text, tr
from app.core.i18n.messages import Message, same_id


class RequestFailed(Exception):
    """One request gave up after its retries; only its own entries wait for a later run."""

    def __init__(self, error: JurnalError) -> None:
        super().__init__(error.text.en)
        self.text = error.text


class FailureStreak:
    """Failed requests in a row, across the worker threads, with no answer in between."""

    def __init__(self, workers: int) -> None:
        # Every worker's request and all its retries failed, twice over: not bad luck.
        self.limit = max(4, 2 * workers)
        self._in_a_row = 0
        self._lock = threading.Lock()

    def answered(self) -> None:
        with self._lock:
            self._in_a_row = 0

    def failed(self) -> bool:
        """Count one more failure; True when the service looks down."""
        with self._lock:
            self._in_a_row += 1
            return self._in_a_row >= self.limit


def lookup_failed_text(reason: Text) -> Text:
    return tr(
        "Belum bisa dicek di server: {reason} Jurnal ini akan dicek lagi sebelum dikirim "
        "ulang; jalankan posting lagi nanti.",
        reason=reason,
    )


def with_lookup_note(messages: Sequence[Message], reason: Text) -> list[Message]:
    """The row's messages with this run's look-up failure in place of an older one's."""
    note = lookup_failed_text(reason)
    kept = [message for message in messages if not same_id(message, note)]
    return [*kept, note]


def connection_stopped(reason: Text) -> Text:
    return reason + tr("Posting dihentikan; jalankan lagi nanti untuk melanjutkan tanpa duplikasi.")
