"""One poster per company at a time, across processes: a lease row in the outbox.

Two runs posting to the same company at once (the window and a scheduled command, or a
re-run while an old run still lives) would each decide an entry is unsent and send it. So a
run first takes the company's lease in one write transaction; while it holds it, a heartbeat
thread renews it, and every "about to send" it records is checked against the lease in the
same transaction (`guard`). A second run sees who holds it (window or command line, since
when) and waits or gives up.

Whether the holder lives is told by the operating system, not by its process id (a zombie, a
reused id or a process in another container with the same host name all look alive): the
holder also keeps an OS lock on a file beside the outbox (`app.core.os_lock`), which the
kernel lets go the moment the holder dies, kill -9 included. So a holder that died on this
machine is recognised at once; a holder on another machine (a shared folder whose locks do
not reach here) when its heartbeat is older than `stale_after`. The new run then takes over,
and the engine looks up what the dead run left unanswered before it sends anything.

`stale_after` is longer than any request may take (see the transport's deadline), so a
holder whose heartbeat merely stalled can have no request still on its way when it is
taken over; it learns it lost the lease at its next send and stops.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.core.i18n import JurnalError, Text, tr
from app.core.os_lock import OsLock, is_held
from app.posting.outbox.file import OutboxStorageError
from app.posting.outbox.ledger import Outbox

log = logging.getLogger(__name__)

STALE_AFTER = 180.0  # seconds without a heartbeat before a holder counts as gone
HEARTBEAT_EVERY = 5.0
_WAIT_POLL = 0.5

LOCK_FOLDER = "locks"  # beside the outbox: the OS locks of the companies' posters

FRONT_WINDOW = "window"
FRONT_COMMAND = "command"


@dataclass(frozen=True, slots=True)
class Holder:
    run_id: str
    profile: str
    front: str  # FRONT_WINDOW or FRONT_COMMAND
    pid: int
    host: str
    started_at: str  # ISO UTC
    heartbeat_at: float  # time.time()

    def describe(self) -> Text:
        since = self.started_at[11:16] if len(self.started_at) >= 16 else self.started_at
        if self.front == FRONT_WINDOW:
            who = tr("jendela Jurnal Desk")
        else:
            who = tr("perintah jurnal-desk")
        return tr(
            "{who} (proses {pid} di {host}, sejak {since} UTC)",
            who=who,
            pid=self.pid,
            host=self.host,
            since=since,
        )


class PostingBusy(JurnalError):
    """Another live run holds this company's lease."""

    def __init__(self, holder: Holder) -> None:
        super().__init__(
            tr(
                "Posting lain ke {p} sedang berjalan: {who}. Tunggu sampai selesai (atau "
                "jalankan dengan --wait), supaya tidak ada jurnal yang terkirim dua kali.",
                p=holder.profile,
                who=holder.describe(),
            )
        )
        self.holder = holder


class LeaseLost(JurnalError):
    """This run's lease was taken over (its heartbeat stalled too long): it must stop."""


def _lost_text(profile: str) -> Text:
    return tr(
        "Posting ke {p} diambil alih oleh proses lain karena proses ini terlalu lama tidak "
        "merespons; posting ini dihentikan tanpa mengirim lagi. Lihat riwayat untuk hasilnya.",
        p=profile,
    )


class PostingLease:
    """The company's lease for one run. Use as a context manager around the whole run."""

    def __init__(
        self,
        outbox: Outbox,
        profile: str,
        *,
        front: str = FRONT_COMMAND,
        stale_after: float = STALE_AFTER,
        heartbeat_every: float = HEARTBEAT_EVERY,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.outbox = outbox
        self.profile = profile
        self.front = front
        self.run_id = uuid.uuid4().hex
        self.stale_after = stale_after
        self.heartbeat_every = heartbeat_every
        self._clock = clock
        self._stop = threading.Event()
        self._beat: threading.Thread | None = None
        self._os_lock = OsLock(lock_path(outbox, profile))
        self.lost = False

    # -- taking and giving back ------------------------------------------------------------

    def acquire(self, *, wait: float = 0.0, cancel: threading.Event | None = None) -> None:
        """Take the lease, waiting up to `wait` seconds for a live holder to finish.
        Raises PostingBusy when it stays held, OutboxNotWritable when the history cannot
        record anything."""
        self.outbox.require_writable()
        deadline = time.monotonic() + wait
        while True:
            holder = self._try_take()
            if holder is None:
                self._start_heartbeat()
                return
            if time.monotonic() >= deadline or (cancel is not None and cancel.is_set()):
                raise PostingBusy(holder)
            (cancel or self._stop).wait(_WAIT_POLL)

    def release(self) -> None:
        self._stop.set()
        if self._beat is not None:
            self._beat.join(timeout=5)
        try:
            with self.outbox.transaction() as db:
                db.execute(
                    "DELETE FROM leases WHERE profile = ? AND run_id = ?",
                    (self.profile, self.run_id),
                )
        except OutboxStorageError as error:
            # A full disk at the very end must not turn a finished run into a failed one: the
            # row left behind names this host, so the next run here takes over at once (the
            # OS lock is free), and elsewhere once its heartbeat is old.
            log.warning("the posting lease row of %s stays: %s", self.profile, error.text.en)
        finally:
            # Even when the row cannot be deleted (a full disk): the OS lock is what tells
            # the next run on this machine that nobody posts any more.
            self._os_lock.release()

    def __enter__(self) -> PostingLease:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def holder(self) -> Holder | None:
        """Who holds this company's lease now (alive or not), if anyone."""
        rows = self.outbox.read("SELECT * FROM leases WHERE profile = ?", (self.profile,))
        return Holder(**dict(rows[0])) if rows else None

    def live_holder(self) -> Holder | None:
        """The run posting to this company right now, if any: one on this machine holds the
        OS lock (this process's own runs included); one on another machine still beats."""
        holder = self.holder()
        if self._os_lock.held or is_held(self._os_lock.path):
            return holder or self._unnamed_holder()
        if holder is not None and self._alive_elsewhere(holder, self._clock()):
            return holder
        return None

    # -- while sending -----------------------------------------------------------------------

    def guard(self, db: sqlite3.Connection) -> None:
        """Inside the transaction that records an intent to send: still ours? Renews it."""
        updated = db.execute(
            "UPDATE leases SET heartbeat_at = ? WHERE profile = ? AND run_id = ?",
            (self._clock(), self.profile, self.run_id),
        ).rowcount
        if updated != 1:
            self.lost = True
            raise LeaseLost(_lost_text(self.profile))

    # -- inside ----------------------------------------------------------------------------

    def _try_take(self) -> Holder | None:
        """None when the lease is now ours; else the live holder."""
        if not self._os_lock.try_acquire():
            return self.holder() or self._unnamed_holder()
        try:
            return self._take_row()
        except BaseException:
            self._os_lock.release()
            raise

    def _take_row(self) -> Holder | None:
        """With the OS lock held: nobody on this machine posts; take the row unless a holder
        on another machine still beats."""
        now = self._clock()
        with self.outbox.transaction() as db:
            row = db.execute("SELECT * FROM leases WHERE profile = ?", (self.profile,)).fetchone()
            if row is not None:
                holder = Holder(**dict(row))
                if holder.run_id != self.run_id and self._alive_elsewhere(holder, now):
                    self._os_lock.release()
                    return holder
            db.execute(
                "INSERT OR REPLACE INTO leases (profile, run_id, front, pid, host, started_at,"
                " heartbeat_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    self.profile,
                    self.run_id,
                    self.front,
                    os.getpid(),
                    socket.gethostname(),
                    datetime.now(UTC).isoformat(timespec="seconds"),
                    now,
                ),
            )
        return None

    def _alive_elsewhere(self, holder: Holder, now: float) -> bool:
        """A holder named in the row while nobody here holds the OS lock: one on this machine
        (same host name) is dead; one on another machine lives while its heartbeat does."""
        if holder.host == socket.gethostname():
            return False
        return now - holder.heartbeat_at <= self.stale_after

    def _unnamed_holder(self) -> Holder:
        """The OS lock is held but the row is not written yet (the holder is starting)."""
        return Holder(
            run_id="",
            profile=self.profile,
            front=FRONT_COMMAND,
            pid=0,
            host=socket.gethostname(),
            started_at=datetime.now(UTC).isoformat(timespec="seconds"),
            heartbeat_at=self._clock(),
        )

    def _start_heartbeat(self) -> None:
        self._stop.clear()
        self._beat = threading.Thread(
            target=self._heartbeat, name=f"lease-{self.profile}", daemon=True
        )
        self._beat.start()

    def _heartbeat(self) -> None:
        while not self._stop.wait(self.heartbeat_every):
            try:
                with self.outbox.transaction() as db:
                    self.guard(db)
            except LeaseLost:
                return
            except JurnalError:
                continue  # the file is busy for a moment: the next beat tries again


def lock_path(outbox: Outbox, profile: str) -> Path:
    """The file whose OS lock a company's poster holds, beside the outbox (named by a hash:
    a profile name may hold any character)."""
    digest = hashlib.sha256(profile.encode("utf-8")).hexdigest()[:24]
    return outbox.path.parent / LOCK_FOLDER / f"lease-{digest}.lock"
