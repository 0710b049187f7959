"""Bounds on one request: an overall deadline (retries, waits and slow bodies included) and
a cap on the size of the answer.

A server that answers one byte every ten seconds never trips a read timeout (each read gets
its byte in time), and a silent one costs a full read timeout per attempt; so every request
has one deadline for all its attempts, each attempt's timeouts are cut to what is left of
it, and the body is read chunk by chunk, checking the deadline and the size as it comes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

# Seconds a request may take in all, retries and waits for the rate limit included. A bulk
# save of 100 vouchers gets longer: the server may take minutes, and waiting beats leaving
# 100 entries uncertain. Both stay below the posting lease's stale time (app/posting/lease).
REQUEST_DEADLINE = 150.0
BULK_DEADLINE = 420.0
# An answer to a data call is a page of rows or one voucher: kilobytes. Far more is not an
# answer to read (a server gone wrong, or hostile).
MAX_BODY_BYTES = 8 * 1024 * 1024


class BodyTooLarge(Exception):
    """The answer is larger than any answer to this call can be."""


class DeadlinePassed(httpx.TimeoutException):
    """The request's overall deadline passed while its answer was being read."""


@dataclass(frozen=True, slots=True)
class Deadline:
    at: float  # the clock's reading when the request must be done
    clock: Callable[[], float] = time.monotonic

    @classmethod
    def after(cls, seconds: float, clock: Callable[[], float] = time.monotonic) -> Deadline:
        return cls(clock() + seconds, clock)

    def left(self) -> float:
        return self.at - self.clock()

    @property
    def passed(self) -> bool:
        return self.left() <= 0

    def cut(self, timeout: httpx.Timeout) -> httpx.Timeout:
        """The attempt's timeouts, none longer than what is left (at least a moment)."""
        left = max(self.left(), 0.05)

        def shorter(value: float | None) -> float:
            return left if value is None else min(value, left)

        return httpx.Timeout(
            connect=shorter(timeout.connect),
            read=shorter(timeout.read),
            write=shorter(timeout.write),
            pool=shorter(timeout.pool),
        )


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
