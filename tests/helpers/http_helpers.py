"""A scripted HTTP server on 127.0.0.1 and virtual time, for tests of the transport and the
clients: each request gets the next scripted reply (or a cut connection, a stall, a body sent
one byte at a time), and what the server received is kept, so each rule is shown on the wire.
Waiting is virtual: the retry policy's sleep advances a clock the limiter and signer read."""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from app.api import errors
from app.api.auth import AccurateAuth, BearerAuth
from app.api.clock import ServerClock
from app.api.ratelimit import RateLimiter
from app.api.transport import RetryPolicy, Transport

TOKEN = "aat.TRANSPORT-CANARY-TOKEN-41d8e2"
SECRET = "TRANSPORT-CANARY-SECRET-9b0c77a1"


# -- a scripted server -------------------------------------------------------------------


@dataclass
class Reply:
    status: int = 200
    body: object = None  # dict/list -> JSON; str -> as is
    headers: dict[str, str] = field(default_factory=dict)
    cut: bool = False  # close the connection without answering
    stall: float = 0.0  # wait this long before answering
    drip: float = 0.0  # send the body one byte at a time, this many seconds apart


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a cut or abandoned connection is the point of some tests


class ScriptedServer:
    """Answers request n with script[n] (the last entry repeats)."""

    def __init__(self, *script: Reply) -> None:
        self.script = list(script) or [Reply(body={"s": True, "d": []})]
        self.seen: list[Seen] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                server.seen.append(Seen(self.command, self.path, dict(self.headers), body))
                reply = server.script[min(len(server.seen), len(server.script)) - 1]
                if reply.stall:
                    time.sleep(reply.stall)
                if reply.cut:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                payload = (
                    reply.body.encode()
                    if isinstance(reply.body, str)
                    else json.dumps(reply.body).encode()
                )
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if not reply.drip:
                    self.wfile.write(payload)
                    return
                for byte in payload:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(reply.drip)

            do_GET = do_POST = do_DELETE = _any

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


class VirtualTime:
    """Sleeps advance a virtual offset instead of waiting; clocks read real time + offset."""

    def __init__(self) -> None:
        self.offset = 0.0
        self.sleeps: list[float] = []
        self.on_sleep = lambda seconds: None

    def sleep(self, seconds: float) -> None:
        self.on_sleep(seconds)
        self.sleeps.append(seconds)
        self.offset += seconds

    def monotonic(self) -> float:
        return time.monotonic() + self.offset

    def wall(self) -> float:
        return time.time() + self.offset


def transport(
    url: str,
    vt: VirtualTime,
    *,
    signed: bool = True,
    limiter: RateLimiter | None = None,
    **kwargs,
) -> Transport:
    clock = ServerClock(vt.wall)
    auth = kwargs.pop("auth", None) or (
        AccurateAuth(TOKEN, SECRET, clock) if signed else BearerAuth(TOKEN)
    )
    return Transport(
        url,
        service=errors.ACCURATE,
        auth=auth,
        limiter=limiter or RateLimiter(clock=vt.monotonic),
        clock=clock,
        retry=kwargs.pop("retry", None) or RetryPolicy(sleep=vt.sleep, random=lambda: 0.0),
        **kwargs,
    )
