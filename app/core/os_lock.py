"""A lock the operating system holds for a process, and lets go of the moment it dies.

Whether a holder is alive is never judged from its process id (a zombie, a reused id, or a
process in another container with the same host name all look alive, and a killed one can
look alive for a while): the holder keeps an exclusive lock on a small file open, and the
kernel drops that lock when the holder's last descriptor closes, however it ended (exit,
crash, kill -9). On POSIX that is `flock` (per open file, so two opens in one process exclude
each other too, and processes in containers sharing the folder see each other's locks); on
Windows `msvcrt.locking` on the file's first byte.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

# sys.platform, not os.name: the type checker reads it and checks the branch of the platform.
if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[bytes]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class OsLock:
    """An exclusive, non-blocking lock on `path` (the file is made, private, if missing).
    Not re-entrant: a second OsLock on the same path fails while the first holds it, in this
    process as in any other."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None

    @property
    def held(self) -> bool:
        return self._handle is not None

    def try_acquire(self) -> bool:
        """True when the lock is now ours (or already was); False when someone else holds it."""
        if self._handle is not None:
            return True
        handle = _open(self.path)
        if not _try_lock(handle):
            handle.close()
            return False
        self._handle = handle
        return True

    def create_held(self) -> None:
        """Make the file, already locked, where there was none: it never appears unlocked,
        so nobody can take a live holder's file for a dead one's (POSIX: locked under a
        draft name, then renamed into place). Raises OSError if it cannot."""
        if os.name == "nt":  # pragma: no cover - an open file cannot be renamed there
            if not self.try_acquire():
                raise OSError(f"{self.path} is held by another process")
            return
        draft = self.path.with_name(f".{self.path.name}.{os.getpid()}.new")
        handle = _open(draft)
        if not _try_lock(handle):
            handle.close()
            raise OSError(f"{draft} is held by another process")
        os.replace(draft, self.path)
        self._handle = handle

    def release(self) -> None:
        handle, self._handle = self._handle, None
        if handle is None:
            return
        try:
            _unlock(handle)
        finally:
            handle.close()


def is_held(path: Path) -> bool:
    """Whether a live process (this one included) holds the lock on `path` now."""
    if not path.exists():
        return False
    probe = OsLock(path)
    if probe.try_acquire():
        probe.release()
        return False
    return True


def _open(path: Path) -> IO[bytes]:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    handle = os.fdopen(descriptor, "r+b")
    if os.name == "nt":  # pragma: no cover - msvcrt locks a byte that must exist
        handle.seek(0, os.SEEK_END)
        if handle.tell() == 0:
            handle.write(b"\0")
            handle.flush()
    return handle
