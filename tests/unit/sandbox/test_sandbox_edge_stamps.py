"""The sandbox counts a request when the kernel received its request line (its arrival at the
machine's edge), not when a handler thread got round to reading it."""

from __future__ import annotations

import socket
import sys
import time

import pytest

from app.sandbox import Faults, Sandbox

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux stamps")

REQUEST = b"GET /api/nothing HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"
LATENCY_MS = 400


def port_of(sb: Sandbox) -> int:
    return int(sb.account_url.rsplit(":", 1)[1])


def test_a_request_that_waits_for_its_handler_counts_from_when_it_arrived():
    # The handler answers the first request only after 400 ms; the second, sent on the same
    # connection 100 ms in, waits for it in the kernel: it arrived then, it is read later.
    with Sandbox(Faults(latency_ms=LATENCY_MS)) as sb:
        with socket.create_connection(("127.0.0.1", port_of(sb))) as connection:
            connection.sendall(REQUEST)
            time.sleep(0.1)
            sent_second = time.monotonic()
            connection.sendall(REQUEST)
            answers = b""
            while answers.count(b"HTTP/1.1") < 2:
                answers += connection.recv(65536)
        first, second = sb.request_log()
    assert abs(second.started - sent_second) < 0.02
    assert second.read_at is not None
    assert second.read_at - second.started > 0.2  # read once the first was answered
    assert first.read_at is not None and first.started <= first.read_at
