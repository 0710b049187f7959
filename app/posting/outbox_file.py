"""The outbox's file on disk: made whole and private, and refused when damaged.

A new file is built beside its final name and linked into place, so another process starting
at the same moment never sees a half-made (empty) file. An empty or damaged file is never
read as "no history" (every entry would be sent again): it is refused with one message
everywhere, and can be set aside so a new history starts that looks each entry up first.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

from app.core.i18n import JurnalError, Text, tr

log = logging.getLogger("app.posting.outbox")


class OutboxError(JurnalError):
    """The outbox file cannot be used."""


class OutboxDamaged(OutboxError):
    """The outbox file exists but its contents cannot be trusted: posting must wait until the
    user decides (an empty history would send every entry again)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(damaged_text(path, reason))
        self.path = path
        self.reason = reason


def damaged_text(path: Path, reason: str) -> Text:
    """SQLite's own words ("file is not a database") go to the log, not to the user."""
    log.warning("posting history %s damaged: %s", path, reason)
    return tr(
        "Berkas riwayat posting {path} rusak (isinya tidak utuh). Tidak ada yang diposting: "
        "tanpa riwayat itu, jurnal yang sudah masuk bisa terkirim dua kali. Salin berkas itu "
        "ke tempat aman; untuk memulai riwayat baru, jalankan `jurnal-desk history "
        "--set-aside-damaged` (berkas lama disimpan di sampingnya, dan setiap jurnal dicari "
        "dulu di server sebelum dikirim).",
        "The posting history file {path} is damaged (its contents are not intact). Nothing "
        "was posted: without that history, entries already in the books could be sent twice. "
        "Copy the file somewhere safe; to start a new history, run `jurnal-desk history "
        "--set-aside-damaged` (the old file is kept beside it, and every entry is looked up "
        "on the server before it is sent).",
        path=path,
    )


def create_private(path: Path, schema: str, version: int) -> None:
    """Make sure `path` is a private SQLite file, created whole.

    A new file is built beside the final name and linked into place, so another process
    starting at the same moment never sees a half-made (empty) file, which would look like a
    damaged history. The file holds every journal posted: readable by this user alone; a file
    an earlier version created 0644 is tightened. SQLite gives the -wal and -shm files the
    database file's permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        _create_whole(path, schema, version)
    if path.stat().st_size == 0:
        raise OutboxDamaged(path, _EMPTY_FILE)
    if os.name == "posix" and path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)


def _create_whole(path: Path, schema: str, version: int) -> None:
    draft = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.new")
    os.close(os.open(draft, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        db = sqlite3.connect(draft, isolation_level=None)
        try:
            db.executescript(schema)
            db.execute(f"PRAGMA user_version={version}")
        finally:
            db.close()
        try:
            os.link(draft, path)  # fails if another process made it first: theirs is used
        except FileExistsError:
            pass
        except OSError:  # a file system without hard links
            if not path.exists():
                os.replace(draft, path)
    finally:
        draft.unlink(missing_ok=True)


_EMPTY_FILE = "berkas kosong / the file is empty"


def busy_text(path: Path) -> Text:
    return tr(
        "Berkas riwayat posting {path} sedang dipakai program lain terlalu lama; tutup "
        "program itu lalu coba lagi.",
        "The posting history file {path} is held by another program for too long; close it "
        "and try again.",
        path=path,
    )


def set_aside_damaged(path: Path) -> Path:
    """Move a damaged outbox file (and its -wal/-shm) aside, so a new history can start;
    returns where the old file now is. The next Outbox made at `path` is marked to look
    every entry up on the server before sending it."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{path}{suffix}")
        if source.exists():
            os.replace(source, Path(f"{aside}{suffix}"))
    marker = path.with_name(path.name + LOOKUP_FIRST_SUFFIX)
    marker.write_text(aside.name, encoding="utf-8")
    return aside


# Beside a history started after a damaged one: until it is gone, the engine looks every
# entry up on the server before sending it (the lost history may have held it).
LOOKUP_FIRST_SUFFIX = ".lookup-first"
