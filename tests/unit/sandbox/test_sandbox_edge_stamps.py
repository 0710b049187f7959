"""The sandbox's request log notes when the kernel received each request line (the arrival at
the machine's edge), apart from when its handler thread got to read it."""

from __future__ import annotations

import socket
import sys
import time

import pytest

from app.sandbox import Sandbox

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux stamps")

REQUEST = b"GET /api/nothing HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"


def send(connection: socket.socket) -> tuple[float, float]:
    """Send a request on `connection` and read its answer; (before, after) the send."""
    before = time.monotonic()
    connection.sendall(REQUEST)
    after = time.monotonic()
    connection.recv(65536)
    return before, after


def test_each_request_is_stamped_when_its_bytes_reached_the_machine_also_on_a_kept_connection():
    with Sandbox() as sb:
        port = int(sb.account_url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port)) as connection:
            sent = [send(connection) for _ in range(3)]  # the first: a new connection
            time.sleep(0.05)
        records = sb.request_log()
    assert len(records) == 3
    for (before, after), record in zip(sent, records, strict=True):
        assert record.edge_started is not None
        assert before - 0.002 <= record.edge_started <= after + 0.002
        assert record.edge_started <= record.started + 0.002
