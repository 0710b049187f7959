"""The outbox's file on disk: made whole and private, and refused when damaged.

A new file is built beside its final name and linked into place, so another process starting
at the same moment never sees a half-made (empty) file. An empty or damaged file is never
read as "no history" (every entry would be sent again): it is refused with one message
everywhere, and can be set aside so a new history starts that looks each entry up first.

A disk that is full or cannot be written, and a file made by a newer version, are not damage:
each has its own error and message (`storage_failure`, `OutboxTooNew`), so a user is told
what really happened and that the history is intact.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

from app.core.i18n import JurnalError, Text, tr
from app.profiles.home import private_folder

log = logging.getLogger("app.posting.outbox.ledger")


class OutboxError(JurnalError):
    """The outbox file cannot be used."""


class OutboxDamaged(OutboxError):
    """The outbox file exists but its contents cannot be trusted: posting must wait until the
    user decides (an empty history would send every entry again)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(damaged_text(path, reason))
        self.path = path
        self.reason = reason


class OutboxStorageError(OutboxError):
    """The disk or folder holding the outbox refused a read or write: the file is intact,
    but posting must stop until the user frees space or gives write access."""

    def __init__(self, text: Text, path: Path) -> None:
        super().__init__(text)
        self.path = path

    def with_state(self, state: Text) -> OutboxStorageError:
        """The same failure, its message followed by what the history says was posted."""
        return type(self)(self.text + state, self.path)


class OutboxFull(OutboxStorageError):
    """The disk holding the outbox is full (or the user's quota, or a file size limit)."""


class OutboxNotWritable(OutboxStorageError):
    """The outbox's folder or file cannot be written (read-only disk, no permission)."""


class OutboxTooNew(OutboxError):
    """The file was made by a newer version of Jurnal Desk: this one must not write to it, nor
    read rows it may not understand."""

    def __init__(self, version: int, supported: int) -> None:
        super().__init__(
            tr(
                "Riwayat posting ini dibuat oleh versi Jurnal Desk yang lebih baru (skema "
                "{v}; versi ini mengenal sampai skema {mine}). Berkas itu tidak diubah. "
                "Perbarui Jurnal Desk ke versi terbaru lalu jalankan lagi.",
                v=version,
                mine=supported,
            )
        )
        self.version = version


class OutboxUnknownValue(OutboxError):
    """A row holds a value this version does not know (a newer version or a hand edit)."""

    def __init__(self, column: str, value: object) -> None:
        super().__init__(
            tr(
                "Riwayat posting memuat nilai {c} '{v}' yang tidak dikenal versi Jurnal Desk "
                "ini; berkas itu mungkin dibuat oleh versi Jurnal Desk yang lebih baru. "
                "Perbarui Jurnal Desk lalu jalankan lagi; tidak ada yang diubah atau dikirim.",
                c=column,
                v=str(value)[:40],
            )
        )


# SQLite's primary result codes that say "the disk or folder", not "the file's contents".
_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 3, 8, 10, 13, 14
_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_NOT_WRITABLE_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})
# An unspecific "disk I/O error" with less free space than this is taken for a full disk.
_LOW_SPACE_BYTES = 1024 * 1024


def storage_failure(path: Path, error: BaseException) -> OutboxStorageError | None:
    """The storage failure `error` (an OSError or a SQLite error) stands for, or None when it
    is about something else (damage, a bug)."""
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    number = error.errno if isinstance(error, OSError) else None
    why = str(error.strerror if isinstance(error, OSError) and error.strerror else error)
    if primary == _SQLITE_FULL or number in _FULL_ERRNOS:
        return OutboxFull(full_text(path, why), path)
    if primary in (_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_CANTOPEN):
        return OutboxNotWritable(not_writable_text(path, why), path)
    if number in _NOT_WRITABLE_ERRNOS:
        return OutboxNotWritable(not_writable_text(path, why), path)
    if primary == _SQLITE_IOERR:
        if _free_bytes(path) < _LOW_SPACE_BYTES:
            return OutboxFull(full_text(path, why), path)
        return OutboxNotWritable(not_writable_text(path, why), path)
    return None


def _free_bytes(path: Path) -> int:
    try:
        return shutil.disk_usage(path.parent).free
    except OSError:
        return _LOW_SPACE_BYTES  # cannot tell: not "low"


def full_text(path: Path, why: str) -> Text:
    return tr(
        "Disk tempat riwayat posting {path} penuh ({why}); posting berhenti di sini dan "
        "riwayatnya tetap utuh. Kosongkan ruang di disk itu, lalu jalankan perintah yang sama "
        "lagi: yang sudah terposting tidak dikirim dua kali, dan yang belum pasti dicari dulu "
        "di server.",
        path=path,
        why=why,
    )


def not_writable_text(path: Path, why: str) -> Text:
    return tr(
        "Riwayat posting {path} tidak bisa ditulis ({why}): disk atau foldernya hanya-baca, "
        "atau pengguna ini tidak punya izin tulis. Tanpa riwayat itu tidak ada lagi yang "
        "dikirim. Beri izin tulis pada folder itu (atau atur JURNAL_DESK_HOME ke folder yang "
        "bisa ditulisi), lalu jalankan perintah yang sama lagi.",
        path=path,
        why=why,
    )


def damaged_text(path: Path, reason: str) -> Text:
    """SQLite's own words ("file is not a database") go to the log, not to the user."""
    log.warning("posting history %s damaged: %s", path, reason)
    return tr(
        "Berkas riwayat posting {path} rusak (isinya tidak utuh). Tidak ada yang diposting: "
        "tanpa riwayat itu, jurnal yang sudah masuk bisa terkirim dua kali. Salin berkas itu "
        "ke tempat aman; untuk memulai riwayat baru, jalankan `jurnal-desk history "
        "--set-aside-damaged` (berkas lama disimpan di sampingnya, dan setiap jurnal dicari "
        "dulu di server sebelum dikirim).",
        path=path,
    )


def create_private(path: Path, schema: str, version: int) -> None:
    """Make sure `path` is a private SQLite file, created whole.

    A new file is built beside the final name and linked into place, so another process
    starting at the same moment never sees a half-made (empty) file, which would look like a
    damaged history. The file holds every journal posted: readable by this user alone; a file
    an earlier version created 0644 is tightened. SQLite gives the -wal and -shm files the
    database file's permissions."""
    private_folder(path.parent)
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


_EMPTY_FILE = "the file is empty"  # for the log only (damaged_text), like SQLite's own words


def busy_text(path: Path) -> Text:
    return tr(
        "Berkas riwayat posting {path} sedang dipakai program lain terlalu lama; tutup "
        "program itu lalu coba lagi.",
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
