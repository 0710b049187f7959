"""Bounds on one request: an overall deadline (retries, waits and slow bodies included) and
a cap on the size of the answer.

A server that answers one byte every ten seconds never trips a read timeout (each read gets
its byte in time), and a silent one costs a full read timeout per attempt; so every request
has one deadline (`app.core.tasks.Deadline`) for all its attempts, each attempt's timeouts
are cut to what is left of it, every socket wait is held to it (`app.api.exchange_clock`:
headers and body alike), and the body is read chunk by chunk, checking the size as it comes.
"""

from __future__ import annotations

import httpx

from app.core.tasks import Deadline

# Seconds a request may take in all, retries and waits for the rate limit included. A bulk
# save of 100 vouchers gets longer: the server may take minutes, and waiting beats leaving
# 100 entries uncertain. Both stay below the posting lease's stale time (app/posting/lease).
REQUEST_DEADLINE = 150.0
BULK_DEADLINE = 420.0
BULK_SECONDS_PER_VOUCHER = 2.7  # 100 vouchers: BULK_DEADLINE
# An answer to a data call is a page of rows or one voucher: kilobytes. Far more is not an
# answer to read (a server gone wrong, or hostile).
MAX_BODY_BYTES = 8 * 1024 * 1024


class BodyTooLarge(Exception):
    """The answer is larger than any answer to this call can be."""


class DeadlinePassed(httpx.TimeoutException):
    """The request's overall deadline passed while its answer was being read."""


def cut(deadline: Deadline, timeout: httpx.Timeout) -> httpx.Timeout:
    """An attempt's timeouts, none longer than what is left of `deadline` (at least a moment)."""
    remaining = deadline.remaining()
    if remaining is None:
        return timeout
    left = max(remaining, 0.05)

    def shorter(value: float | None) -> float:
        return left if value is None else min(value, left)

    return httpx.Timeout(
        connect=shorter(timeout.connect),
        read=shorter(timeout.read),
        write=shorter(timeout.write),
        pool=shorter(timeout.pool),
    )


def bulk_deadline(vouchers: int) -> float:
    """Seconds a bulk save of `vouchers` may take: a few vouchers do not need the server's
    minutes for a hundred, and a silent server holds the run no longer than they need."""
    return min(BULK_DEADLINE, REQUEST_DEADLINE + BULK_SECONDS_PER_VOUCHER * max(vouchers, 0))


def read_body(response: httpx.Response, deadline: Deadline, limit: int = MAX_BODY_BYTES) -> bytes:
    """The whole body of a streamed response, or BodyTooLarge / DeadlinePassed. Closes it."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        response.close()
        raise BodyTooLarge(declared)
    chunks, size = [], 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise BodyTooLarge(str(size))
            if deadline.passed:
                raise DeadlinePassed("the request's deadline passed while reading its answer")
            chunks.append(chunk)
    finally:
        response.close()
    return b"".join(chunks)
