"""The sandbox's HTTP plumbing: one `ThreadingHTTPServer` per listening port, on a daemon
thread, that hands each request to a `RequestHandler` (the sandbox's `app.sandbox.answering`)
in two steps: when its request line and headers have arrived (`arrive`: that is when Accurate
counts a request), then with its body (`answer`). Keeping this apart lets the sandbox read as
the services' behaviour.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Callable
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Protocol
from urllib.parse import parse_qsl, unquote, urlsplit

from app.sandbox.edge_stamps import EdgeStamps
from app.sandbox.wire import Exchange, Reply, Request, html_reply

log = logging.getLogger(__name__)

POLL_SECONDS = 0.02  # how soon a listener notices stop()
MAX_BODY_BYTES = 32 * 1024 * 1024


# What socketserver hands a server per request: a TCP server's connected socket (a UDP
# server's would be the datagram and its socket).
_Connection = socket.socket | tuple[bytes, socket.socket]


class RequestHandler(Protocol):
    """What a listener hands its requests to."""

    def arrive(self, request: Request, arrived: float, wall: float) -> Exchange:
        """The request line and headers are read (`arrived`: monotonic, `wall`: Unix time)."""
        ...

    def answer(
        self, exchange: Exchange, body: bytes, respond: Callable[[Reply | None], None]
    ) -> None:
        """The body is read: answer through `respond` (None: cut the connection)."""
        ...

    def abandon(self, exchange: Exchange, status: int) -> None:
        """The body cannot be read: the connection is answered `status` and closed."""
        ...

    def server_time(self) -> float:
        """The server's clock (Unix seconds), for the Date header."""
        ...


class HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    # socketserver's default backlog of 5 drops a burst of connects, which then retry a
    # second later: a benchmark would measure the kernel, not the client.
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], handler: RequestHandler) -> None:
        super().__init__(address, _Handler)
        self.handler = handler
        host, port = self.socket.getsockname()[:2]
        self.origin = f"http://{host}:{port}"
        self._open: dict[_Connection, threading.Thread] = {}
        self._open_lock = threading.Lock()

    def server_bind(self) -> None:
        super().server_bind()
        EdgeStamps.listen_on(self.socket)  # so a connection's first bytes are stamped too

    def process_request(self, request: _Connection, client_address: object) -> None:
        # Like ThreadingMixIn, but remembering each connection so stop() can close it.
        thread = threading.Thread(
            target=self.process_request_thread,
            args=(request, client_address),
            daemon=True,
            name=f"sandbox {self.origin}",
        )
        with self._open_lock:
            self._open[request] = thread
        thread.start()

    def shutdown_request(self, request: _Connection) -> None:
        with self._open_lock:
            self._open.pop(request, None)
        super().shutdown_request(request)

    def close_connections(self, timeout: float = 2.0) -> None:
        with self._open_lock:
            open_now = list(self._open.items())
        for connection, _ in open_now:
            # Its thread then reads end-of-file and closes the socket itself.
            if isinstance(connection, socket.socket):  # always, on a TCP server
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
        for _, thread in open_now:
            thread.join(timeout)

    def handle_error(self, request: _Connection, client_address: object) -> None:
        # A client that hangs up mid-answer is normal here (timeouts, cancelled posts).
        log.debug("connection from %s ended abruptly", client_address, exc_info=True)


class Listener:
    def __init__(self, handler: RequestHandler, host: str, port: int, role: str) -> None:
        self.role = role
        self.server = HttpServer((host, port), handler)
        self.origin = self.server.origin
        self.thread = threading.Thread(
            target=self.server.serve_forever,
            kwargs={"poll_interval": POLL_SECONDS},
            daemon=True,
            name=f"sandbox {role} {self.origin}",
        )
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.server.close_connections()
        self.thread.join()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as clients pool connections
    disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart
    server: HttpServer

    def setup(self) -> None:
        super().setup()
        self._edge = EdgeStamps.on(self.connection)
        if self._edge is not None:
            self.rfile.close()  # the plain reader: the socket stays open
            self.rfile = self._edge.reader(self.rbufsize)

    def parse_request(self) -> bool:
        # The request line has just been read. It arrived when the kernel received it (this
        # thread may have waited for a core since): that is when the service counts it.
        self.read_at, wall = time.monotonic(), time.time()
        edge = self._edge.last_monotonic() if self._edge is not None else None
        self.arrived = self.read_at if edge is None else min(edge, self.read_at)
        self.arrived_wall = wall - (self.read_at - self.arrived)
        return super().parse_request()

    def do_GET(self) -> None:
        self._serve()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

    def _serve(self) -> None:
        target = urlsplit(self.path)
        request = Request(
            method=self.command,
            path=unquote(target.path),
            target=self.path,
            query=dict(parse_qsl(target.query, keep_blank_values=True)),
            headers={name.lower(): value for name, value in self.headers.items()},
            body=b"",
            origin=self.server.origin,
            peer="{}:{}".format(*self.client_address[:2]),
            read_at=self.read_at,
        )
        handler = self.server.handler
        exchange = handler.arrive(request, self.arrived, self.arrived_wall)
        try:
            body = self._read_body()
        except ValueError:
            self.close_connection = True
            handler.abandon(exchange, 400)
            self._respond(html_reply(400, "Bad Request"))
            return
        handler.answer(exchange, body, self._respond)

    def _read_body(self) -> bytes:
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            return self._read_chunks()
        length = int(self.headers.get("Content-Length") or 0)
        if not 0 <= length <= MAX_BODY_BYTES:
            raise ValueError("body too large")
        return self.rfile.read(length)

    def _read_chunks(self) -> bytes:
        parts: list[bytes] = []
        while True:
            size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return b"".join(parts)
            parts.append(self.rfile.read(size))
            self.rfile.readline()
            if sum(map(len, parts)) > MAX_BODY_BYTES:
                raise ValueError("body too large")

    def _respond(self, reply: Reply | None) -> None:
        if reply is None:
            self._cut()
            return
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(reply.body)

    def _cut(self) -> None:
        """Close the connection without a byte of answer, as a network failure would."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def date_time_string(self, timestamp: float | None = None) -> str:
        # The Date header follows the server's (possibly skewed) clock.
        return formatdate(self.server.handler.server_time(), usegmt=True)

    def log_message(self, format: str, *args: object) -> None:
        pass  # request_log() keeps the record; stderr stays quiet
