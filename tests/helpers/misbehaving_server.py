"""A small threaded socket server on a loopback address that misbehaves on purpose, for
tests over real HTTP: it drips its response headers one byte at a time, or reads the request
and stays silent, or redirects elsewhere; in front of the sandbox it is a proxy that
misbehaves only for the requests a test names and forwards the rest.

Every request it receives is kept raw (`requests`), so a test can show what reached it
(a token, or nothing at all)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

DRIP = "drip"  # "HTTP/1.1 200 OK" then one header byte a second, never ending
SILENT = "silent"  # read the request, never answer
REDIRECT = "redirect"  # 308 to `location` + the request's path
FORWARD = "forward"  # pass the request to `upstream` and its answer back


@dataclass
class Received:
    method: str
    target: str
    raw: bytes


class MisbehavingServer:
    """Answers each request the way `behaviour(target)` says (DRIP, SILENT, REDIRECT or
    FORWARD). `drip_every`: seconds between dripped bytes."""

    def __init__(
        self,
        behaviour: str | Callable[[str], str],
        *,
        address: str = "127.0.0.1",
        location: str = "",
        upstream: str = "",
        drip_every: float = 1.0,
    ) -> None:
        self._behaviour = behaviour if callable(behaviour) else (lambda _target: behaviour)
        self._location = location.rstrip("/")
        self._upstream = upstream
        self._drip_every = drip_every
        self.requests: list[Received] = []
        self.closed_by_client = threading.Event()  # a dripped or silent exchange was cut
        self._stop = threading.Event()
        self._listener = socket.create_server((address, 0))
        self._listener.settimeout(0.1)
        port = self._listener.getsockname()[1]
        self.url = f"http://{address}:{port}"
        self._threads: list[threading.Thread] = []

    def __enter__(self) -> MisbehavingServer:
        thread = threading.Thread(target=self._accept, daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=5)
        self._listener.close()

    @property
    def anything_received(self) -> bool:
        return bool(self.requests)

    def received(self, text: str) -> bool:
        return any(text.encode() in request.raw for request in self.requests)

    # -- serving -----------------------------------------------------------------------------

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _peer = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._serve, args=(connection,), daemon=True)
            thread.start()
            self._threads.append(thread)

    def _serve(self, connection: socket.socket) -> None:
        with connection:
            connection.settimeout(0.2)
            while not self._stop.is_set():
                request = self._read_request(connection)
                if request is None:
                    return
                self.requests.append(request)
                behaviour = self._behaviour(request.target)
                if behaviour == REDIRECT:
                    self._redirect(connection, request)
                elif behaviour == FORWARD:
                    self._forward(connection, request)
                    return
                else:
                    self._misbehave(connection, behaviour)
                    return

    def _read_request(self, connection: socket.socket) -> Received | None:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = self._recv(connection)
            if not chunk:
                return None
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        while len(body) < length:
            chunk = self._recv(connection)
            if not chunk:
                return None
            body += chunk
        method, target = head.split(b" ")[:2]
        return Received(method.decode(), target.decode(), head + b"\r\n\r\n" + body)

    def _recv(self, connection: socket.socket) -> bytes:
        while not self._stop.is_set():
            try:
                return connection.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                return b""
        return b""

    def _redirect(self, connection: socket.socket, request: Received) -> None:
        location = self._location + request.target
        connection.sendall(
            b"HTTP/1.1 308 Permanent Redirect\r\nContent-Length: 0\r\n"
            + f"Location: {location}\r\n\r\n".encode()
        )

    def _misbehave(self, connection: socket.socket, behaviour: str) -> None:
        """Drip or stay silent until the client hangs up (or the server stops)."""
        drip = b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 100_000 if behaviour == DRIP else b""
        sent = 0
        while not self._stop.is_set():
            if sent < len(drip):
                try:
                    connection.sendall(drip[sent : sent + (16 if sent == 0 else 1)])
                except OSError:
                    self.closed_by_client.set()
                    return
                sent += 16 if sent == 0 else 1
            if self._hung_up(connection, self._drip_every):
                self.closed_by_client.set()
                return

    def _hung_up(self, connection: socket.socket, within: float) -> bool:
        end = time.monotonic() + within
        while time.monotonic() < end and not self._stop.is_set():
            try:
                if connection.recv(1024) == b"":
                    return True
            except TimeoutError:
                continue
            except OSError:
                return True
        return False

    def _forward(self, connection: socket.socket, request: Received) -> None:
        host, port = self._upstream.removeprefix("http://").split(":")
        head, _, body = request.raw.partition(b"\r\n\r\n")
        lines = [line for line in head.split(b"\r\n") if not line.lower().startswith(b"connection")]
        outgoing = b"\r\n".join([*lines, b"Connection: close"]) + b"\r\n\r\n" + body
        with socket.create_connection((host, int(port)), timeout=30) as upstream:
            upstream.sendall(outgoing)
            while chunk := upstream.recv(65536):
                connection.sendall(chunk)
