"""When the kernel received a connection's bytes: a request's arrival at the machine's edge,
where the real service counts it, before any of the sandbox's threads ran.

A handler thread reads a request line only when it gets a core and the interpreter; under CPU
load (a posting process with a hundred threads on two cores) that can be tens of
milliseconds after the bytes came (measured up to 217 ms: BENCHMARKS.md, month-end for a whole
firm), and requests that arrived apart were stamped together: the sandbox counted its own
delay as the client's. The kernel's receive time (Linux `SO_TIMESTAMPNS`, on TCP since 2.6) is
the arrival itself; the sandbox counts requests by it (`app.sandbox.admission`) and keeps
when the handler read each one too (`RequestRecord.read_at`). Nowhere else (or when the socket
refuses the option) there is no edge stamp, and a request counts when its line was read.
"""

from __future__ import annotations

import io
import socket
import struct
import sys
import time
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:  # the stubs' name for what readinto is given (3.12's collections.abc.Buffer)
    from typing_extensions import Buffer

# Linux's numbers (asm-generic/socket.h: SO_TIMESTAMPNS_OLD, and its control message type);
# Python does not name them.
_SO_TIMESTAMPNS: Final = 35
_TIMESPEC: Final = struct.Struct("@qq")  # struct timespec on a 64-bit Linux


class EdgeStamps(io.RawIOBase):
    """A connection's reader that notes the kernel's receive time of the bytes it reads."""

    def __init__(self, connection: socket.socket) -> None:
        super().__init__()
        self._connection = connection
        self._wall: float | None = None  # CLOCK_REALTIME of the last bytes received

    @classmethod
    def on(cls, connection: socket.socket) -> EdgeStamps | None:
        """Edge stamps for `connection`, or None where the kernel cannot give them."""
        return cls(connection) if _stamped(connection) else None

    @staticmethod
    def listen_on(listener: socket.socket) -> None:
        """Stamp what every connection accepted from `listener` receives from its first byte
        (the option is inherited; set on the connection only, bytes that came before it
        would not be)."""
        _stamped(listener)

    def reader(self, buffer_size: int) -> io.BufferedReader:
        size = buffer_size if buffer_size > 0 else io.DEFAULT_BUFFER_SIZE
        return io.BufferedReader(self, size)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Buffer) -> int:
        size, ancillary, _flags, _address = self._connection.recvmsg_into(
            [buffer], socket.CMSG_SPACE(_TIMESPEC.size)
        )
        for level, kind, data in ancillary:
            if level == socket.SOL_SOCKET and kind == _SO_TIMESTAMPNS:
                seconds, nanoseconds = _TIMESPEC.unpack(data[: _TIMESPEC.size])
                self._wall = seconds + nanoseconds / 1e9
        return size

    def last_monotonic(self) -> float | None:
        """The receive time of the bytes read last, on time.monotonic()'s clock."""
        if self._wall is None:
            return None
        return time.monotonic() - (time.time() - self._wall)


def _stamped(connection: socket.socket) -> bool:
    if not sys.platform.startswith("linux") or struct.calcsize("P") != 8:
        return False
    try:
        connection.setsockopt(socket.SOL_SOCKET, _SO_TIMESTAMPNS, 1)
    except OSError:
        return False
    return True
