"""The outbox's connection: one SQLite connection to the ledger file, guarded by a lock that
serves every worker thread (writes are tiny, and SQLite allows one writer at a time anyway).
WAL with synchronous=FULL makes each commit durable. SQLite's failures become messages a
user can act on. `app.posting.outbox.ledger.Outbox` owns one, and so does its reads part
(`app.posting.outbox.queries.OutboxQueries`)."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.posting.outbox.file import (
    LOOKUP_FIRST_SUFFIX,
    OutboxDamaged,
    OutboxError,
    OutboxNotWritable,
    busy_text,
    create_private,
    storage_failure,
)
from app.posting.outbox.migration import SCHEMA_VERSION, migrate, refuse_newer, up_to_date
from app.posting.outbox.rows import SCHEMA

log = logging.getLogger("app.posting.outbox.ledger")  # the name the outbox always logged under


class OutboxConnection:
    """The ledger file, opened (made, checked and migrated when needed). Thread-safe;
    close() when done (its owner, the `Outbox`, does)."""

    path: Path
    _lock: threading.RLock
    _refused: OutboxNotWritable | None
    _db: sqlite3.Connection

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._refused: OutboxNotWritable | None = None
        try:
            self._db = self._connect()
        except OutboxNotWritable as refused:
            # A read-only home (a backup, a mounted copy): the history can still be read,
            # when it is whole in its file; any write is then refused with the same words.
            self._db = self._connect_read_only(refused)
            self._refused = refused

    @property
    def read_only(self) -> bool:
        """Opened for reading only: the file's disk or folder could not be written."""
        return self._refused is not None

    def require_writable(self) -> None:
        """Raise why the history cannot be written, before work that must record (posting,
        undo), rather than at its first record."""
        if self._refused is not None:
            raise OutboxNotWritable(self._refused.text, self.path)

    def _connect(self) -> sqlite3.Connection:
        try:
            create_private(self.path, SCHEMA, SCHEMA_VERSION)
            self._db = sqlite3.connect(
                self.path, check_same_thread=False, isolation_level=None, timeout=30
            )
        except (OSError, sqlite3.DatabaseError) as error:
            raise self._failure(error) from error
        try:
            self._open()
        except BaseException:
            self._db.close()
            raise
        return self._db

    def _open(self) -> None:
        with self.locked():
            self._db.row_factory = sqlite3.Row
            # A damaged page must stop us before we read "no history" from it.
            verdict = self._db.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise OutboxDamaged(self.path, str(verdict))
            refuse_newer(self._db)  # before anything is written to it
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(SCHEMA)
            migrate(self._db)

    def _connect_read_only(self, refused: OutboxNotWritable) -> sqlite3.Connection:
        """The file opened for reading only, or `refused` raised again: only when no write-
        ahead log beside it may hold newer rows (reading without it would show an old
        history), and the file needs no migration."""
        log_file = Path(f"{self.path}-wal")
        if not self.path.is_file() or (log_file.exists() and log_file.stat().st_size > 0):
            raise refused
        try:
            self._db = sqlite3.connect(
                f"{self.path.resolve().as_uri()}?mode=ro&immutable=1",
                uri=True,
                check_same_thread=False,
                isolation_level=None,
            )
        except sqlite3.DatabaseError:
            raise refused from None
        try:
            with self.locked():
                self._db.row_factory = sqlite3.Row
                verdict = self._db.execute("PRAGMA quick_check").fetchone()[0]
                if verdict != "ok":
                    raise OutboxDamaged(self.path, str(verdict))
                refuse_newer(self._db)
                if not up_to_date(self._db):
                    raise refused
        except BaseException:
            self._db.close()
            raise
        log.info("outbox %s opened read-only: %s", self.path.name, refused.text.en)
        return self._db

    @contextmanager
    def locked(self) -> Iterator[sqlite3.Connection]:
        """The connection, for this thread alone (to read; writes go through transaction()).
        SQLite's failures become messages a user can act on (a damaged file, another program
        holding it), never a traceback."""
        with self._lock:
            try:
                yield self._db
            except sqlite3.OperationalError as error:
                if "locked" in str(error) or "busy" in str(error):
                    raise OutboxError(busy_text(self.path)) from error
                raise self._failure(error) from error
            except (sqlite3.IntegrityError, sqlite3.ProgrammingError):
                raise  # a bug in the caller, not damage
            except (sqlite3.DatabaseError, OSError) as error:
                raise self._failure(error) from error

    def _failure(self, error: OSError | sqlite3.DatabaseError) -> OutboxError:
        """A full or unwritable disk is told as such (the file is intact); anything else
        SQLite cannot read is damage."""
        found = storage_failure(self.path, error)
        if found is not None:
            log.warning("outbox %s: %s", self.path.name, error)
            return found
        if isinstance(error, OSError):
            return OutboxDamaged(self.path, error.strerror or str(error))
        return OutboxDamaged(self.path, str(error))

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @property
    def lookup_first(self) -> bool:
        """This history was started after a damaged one was set aside: the lost history may
        have held any entry, so each is looked up on the server before it is sent."""
        return self.path.with_name(self.path.name + LOOKUP_FIRST_SUFFIX).exists()

    def read(self, query: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Rows of a read-only query, for modules that keep their own tables here."""
        with self.locked() as db:
            return db.execute(query, params).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE: the write lock is taken at once, so two
        processes never decide on the same rows at the same time)."""
        with self.locked() as db:
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
