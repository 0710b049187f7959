"""The rate limits shared by every Jurnal Desk process on this machine.

The service's limits are per API token (8 request starts a second, 8 in flight), not per
process: a command run right after another, a run resumed after a kill, the window reading
the chart while a command posts, all send with the same token. So each request start is also
recorded in a small SQLite ledger in the app's home (`limits/permits.sqlite3`), and a start
is only allowed when the ledger, holding every process's recent starts and open permits for
that token, allows it. The decision and the record are one `BEGIN IMMEDIATE` transaction, so
two processes never both take the last place in a second.

The ledger knows a token by a SHA-256 of it, never the token itself. Its times are
`time.monotonic()`, one clock for every process on the machine (it counts from boot).

A "slow down" reply seen by one process pauses every process using the token (`pause`).

A process that dies holding permits (kill -9, a crash) must not block the token: every
process holds an OS lock on its own file in `limits/` while it lives (`app.core.os_lock`,
released by the kernel when it dies); a permit whose owner's lock is free is a dead one's and
is closed, as starting when found. A permit also expires after `PERMIT_EXPIRY` seconds, longer
than any request may take, in case a lock cannot be told.

The ledger is a help, never a new way to fail: when its file cannot be used (a full disk, a
read-only home), `take` answers None and the process paces itself alone, as before; that is
logged once.
"""

from __future__ import annotations

import contextlib
import logging
import math
import os
import sqlite3
import threading
import time
import uuid
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from app.core.os_lock import OsLock, is_held

log = logging.getLogger(__name__)
_T = TypeVar("_T")

LIMITS_FOLDER = "limits"  # in the app's home
LEDGER_FILE = "permits.sqlite3"
PERMIT_EXPIRY = 600.0  # seconds: longer than any request's deadline
KEEP_STARTS = 10.0  # seconds of closed permits kept (far more than any window)
# How often a process waiting on other processes asks the ledger again (their releases and
# sends do not wake it).
POLL_SECONDS = 0.02
_BUSY_TIMEOUT = 5.0
_OWNER_CHECK_EVERY = 1.0  # seconds between looks for permits of dead processes

_SCHEMA = """
CREATE TABLE IF NOT EXISTS permits (
    id        INTEGER PRIMARY KEY,
    token_key TEXT NOT NULL,
    owner     TEXT NOT NULL,
    started   REAL,              -- NULL: granted, not sent yet (it counts as starting now)
    open      INTEGER NOT NULL,  -- 1 while its request is in flight
    expires   REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS pauses (
    token_key    TEXT PRIMARY KEY,
    paused_until REAL NOT NULL       -- no starts before this (a "slow down" reply)
);
CREATE INDEX IF NOT EXISTS permits_by_token ON permits (token_key, open);
CREATE INDEX IF NOT EXISTS permits_by_start ON permits (token_key, started);
"""


@dataclass(frozen=True, slots=True)
class Limits:
    per_second: int
    max_in_flight: int
    window: float


class MachinePermits:
    """The ledger file of one app home; one per process (the LimiterRegistry's)."""

    def __init__(self, folder: Path, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.folder = folder
        self._clock = clock
        self._owner = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._owner_lock: OsLock | None = None
        self._broken = False
        self._checked_owners_at = -math.inf

    # -- the three moments of a permit -------------------------------------------------------

    def take(self, key: str, limits: Limits, *, until_sent: bool) -> tuple[int | None, float]:
        """Ask for a start now. (permit id, 0.0) when granted and recorded; (None, seconds)
        to ask again after that long; (None, 0.0) when the ledger cannot be used (then the
        caller decides alone)."""
        alone: tuple[int | None, float] = (None, 0.0)
        with self._lock:
            return self._guarded(lambda db: self._take(db, key, limits, until_sent), failed=alone)

    def sent(self, permit: int) -> None:
        """The permit's request left now: that is its start."""
        with self._lock:
            self._guarded(
                lambda db: db.execute(
                    "UPDATE permits SET started = ? WHERE id = ? AND started IS NULL",
                    (self._clock(), permit),
                ),
                failed=None,
            )

    def release(self, permit: int) -> None:
        """The permit's answer was read; unsent, it counts as starting now."""
        with self._lock:
            self._guarded(
                lambda db: db.execute(
                    "UPDATE permits SET open = 0, started = COALESCE(started, ?) WHERE id = ?",
                    (self._clock(), permit),
                ),
                failed=None,
            )

    def pause(self, key: str, until: float) -> None:
        """No process starts a request with this token before `until` (a limit reply seen
        by one process slows every one down). Never shortens a pause already running."""
        with self._lock:
            self._guarded(
                lambda db: db.execute(
                    "INSERT INTO pauses (token_key, paused_until) VALUES (?, ?)"
                    " ON CONFLICT (token_key) DO UPDATE"
                    " SET paused_until = MAX(paused_until, excluded.paused_until)",
                    (key, until),
                ),
                failed=None,
            )

    def close(self) -> None:
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
            if self._owner_lock is not None:
                _let_go(self._owner_lock)
                self._owner_lock = None

    # -- inside ------------------------------------------------------------------------------

    def _take(
        self, db: sqlite3.Connection, key: str, limits: Limits, until_sent: bool
    ) -> tuple[int | None, float]:
        now = self._clock()
        wait = self._wait(db, key, limits, now)
        if wait > 0 and self._close_permits_of_dead_owners(db, key, now):
            wait = self._wait(db, key, limits, now)
        if wait > 0:
            return None, min(wait, POLL_SECONDS)
        cursor = db.execute(
            "INSERT INTO permits (token_key, owner, started, open, expires) VALUES (?, ?, ?, 1, ?)",
            (key, self._owner, None if until_sent else now, now + PERMIT_EXPIRY),
        )
        return cursor.lastrowid, 0.0

    def _wait(self, db: sqlite3.Connection, key: str, limits: Limits, now: float) -> float:
        """0.0 when a start is allowed now, else how long until it may be (math.inf: until
        a permit closes). The same rule as the process's own schedule."""
        paused = db.execute(
            "SELECT paused_until FROM pauses WHERE token_key = ?", (key,)
        ).fetchone()
        if paused is not None:
            paused_until: float = paused[0]
            if now < paused_until:
                return paused_until - now
        db.execute(
            "UPDATE permits SET open = 0, started = COALESCE(started, expires)"
            " WHERE token_key = ? AND open = 1 AND expires < ?",
            (key, now),
        )
        db.execute(
            "DELETE FROM permits WHERE token_key = ? AND open = 0 AND started < ?",
            (key, now - KEEP_STARTS),
        )
        in_flight, unsent = db.execute(
            "SELECT COUNT(*), COUNT(*) - COUNT(started) FROM permits"
            " WHERE token_key = ? AND open = 1",
            (key,),
        ).fetchone()
        if in_flight >= limits.max_in_flight:
            return math.inf
        room = limits.per_second - unsent
        if room <= 0:
            return math.inf
        # The room-th latest known start: with `room` more starts in the window, it is full.
        row = db.execute(
            "SELECT started FROM permits WHERE token_key = ? AND started IS NOT NULL"
            " ORDER BY started DESC LIMIT 1 OFFSET ?",
            (key, room - 1),
        ).fetchone()
        if row is None:
            return 0.0
        oldest: float = row[0]
        if now - oldest < limits.window:
            return max(oldest + limits.window - now, 1e-9)
        return 0.0

    def _close_permits_of_dead_owners(self, db: sqlite3.Connection, key: str, now: float) -> bool:
        """Close the open permits of processes that died (their OS lock is free); True when
        any was closed. Looked at most once a second: a look opens a file per owner."""
        if now - self._checked_owners_at < _OWNER_CHECK_EVERY:
            return False
        self._checked_owners_at = now
        owners = [
            owner
            for (owner,) in db.execute(
                "SELECT DISTINCT owner FROM permits WHERE token_key = ? AND open = 1"
                " AND owner != ?",
                (key, self._owner),
            )
        ]
        dead = [owner for owner in owners if not is_held(self._owner_file(owner))]
        for owner in dead:
            db.execute(
                "UPDATE permits SET open = 0, started = COALESCE(started, ?)"
                " WHERE owner = ? AND open = 1",
                (now, owner),
            )
            with contextlib.suppress(OSError):
                self._owner_file(owner).unlink()
        return bool(dead)

    def _guarded(self, work: Callable[[sqlite3.Connection], _T], *, failed: _T) -> _T:
        """Run `work(db)` in one write transaction; when the ledger cannot be used, log it
        once and answer `failed` (the caller then paces itself alone)."""
        if self._broken:
            return failed
        try:
            db = self._connection()
            db.execute("BEGIN IMMEDIATE")
            try:
                result = work(db)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
            return result
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) and "busy" not in str(error):
                return self._give_up(error, failed)
            # Another process held the ledger for seconds (a stalled disk): decide alone
            # this once, and ask it again next time.
            log.info("the shared rate-limit ledger is busy: %s", error)
            return failed
        except (sqlite3.Error, OSError) as error:
            return self._give_up(error, failed)

    def _give_up(self, error: Exception, failed: _T) -> _T:
        """The ledger cannot be used: say so once, and pace this process alone from now."""
        self._broken = True
        log.warning(
            "the shared rate-limit ledger in %s cannot be used (%s); this process now paces "
            "its requests alone",
            self.folder,
            error,
        )
        return failed

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._forget_dead_owners()
            self._owner_lock = OsLock(self._owner_file(self._owner))
            self._owner_lock.create_held()
            weakref.finalize(self, _let_go, self._owner_lock)  # also when never closed
            path = self.folder / LEDGER_FILE
            if not path.exists():
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
            db = sqlite3.connect(
                path, isolation_level=None, timeout=_BUSY_TIMEOUT, check_same_thread=False
            )
            db.execute("PRAGMA journal_mode=WAL")
            # A small ledger stays small: its log is folded in every 50 pages and cut back.
            db.execute("PRAGMA wal_autocheckpoint=50")
            db.execute("PRAGMA journal_size_limit=262144")
            # Losing the last starts in a power cut is harmless (the clock restarts too).
            db.execute("PRAGMA synchronous=OFF")
            db.executescript(_SCHEMA)
            self._db = db
        return self._db

    def _owner_file(self, owner: str) -> Path:
        return self.folder / f"owner-{owner}.lock"

    def _forget_dead_owners(self) -> None:
        """The lock files of processes that ended without closing (killed) are removed (a
        live owner's file is never seen unlocked: `OsLock.create_held`)."""
        for path in self.folder.glob("owner-*.lock"):
            with contextlib.suppress(OSError):
                if not is_held(path):
                    path.unlink()


def _let_go(owner_lock: OsLock) -> None:
    if owner_lock.held:
        owner_lock.release()
        with contextlib.suppress(OSError):
            owner_lock.path.unlink()
