"""What the command writes to the terminal: never a control sequence that came with data,
and no traceback when the reader of a pipe goes away.

A sheet name, a reference or a server's message can hold terminal escape sequences; the
command prints many of them, in many places. So the command's own output streams escape
every control character except the line breaks, tabs and (on stderr, for the progress line)
carriage returns the command writes itself (`escaped_output`). JSON output escapes its
control characters by itself.

`history --json | head` closes the pipe early: the command then stops quietly
(`reader_gone`) with the exit code a process killed by SIGPIPE has, as other Unix tools do.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterable, Iterator
from typing import TextIO

from app.core.visible_text import visible

EXIT_PIPE_CLOSED = 141  # 128 + SIGPIPE, what a shell shows for a tool the pipe ended


class _EscapingStream:
    """A text stream that writes to `stream` with control characters escaped (anything else
    it is asked is answered by `stream`)."""

    def __init__(self, stream: TextIO, keep: str) -> None:
        self.stream = stream
        self._keep = keep

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)

    def write(self, text: str) -> int:
        self.stream.write(visible(text, keep=self._keep))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()


@contextlib.contextmanager
def escaped_output() -> Iterator[None]:
    """For the block, stdout and stderr escape control characters (see the module)."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = _EscapingStream(out, keep="\n\t")
    sys.stderr = _EscapingStream(err, keep="\n\t\r")
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def reader_gone() -> int:
    """The pipe to our reader closed: send what is left of our output nowhere (so Python's
    own flush at exit does not fail again) and return the exit code."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    return EXIT_PIPE_CLOSED
