"""What to tell a person about a failed task, one way for every window and command.

An error Jurnal Desk raised itself (`JurnalError`, or anything carrying a `Text` as `text`)
already says what happened and what to do. A file that could not be written because the disk
is full, read-only or forbidden is told as such (`storage_problem`). Anything else is named by
its kind only: an `OSError` by its reason in the user's language (`os_reason`: "akses
ditolak", never the system's English "Operation not permitted"), anything else by its class
name. Its own message is left out, because it is in English and nobody vouches that it holds
no secret; it goes to the log instead (`log_raw`). Each caller may word that fallback for its
own moment.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable
from pathlib import Path

from app.core import environment
from app.core.i18n import Text, tr, verbatim

log = logging.getLogger(__name__)

_DENIED = tr("akses ditolak")
_IN_USE = tr("berkas sedang dipakai program lain")
_DISK_FULL = tr("disk penuh")
_OS_REASONS: dict[int, Text] = {
    errno.EACCES: _DENIED,
    errno.EPERM: _DENIED,
    errno.ENOENT: tr("berkas atau folder tidak ditemukan"),
    errno.ENOTDIR: tr("folder tidak ditemukan"),
    errno.EISDIR: tr("itu folder, bukan berkas"),
    errno.ENOSPC: _DISK_FULL,
    errno.EDQUOT: _DISK_FULL,
    errno.EFBIG: tr("berkas terlalu besar"),
    errno.EROFS: tr("disk hanya bisa dibaca"),
    errno.EBUSY: _IN_USE,
    errno.ETXTBSY: _IN_USE,
    errno.EEXIST: tr("berkas sudah ada"),
    errno.ENAMETOOLONG: tr("nama berkas terlalu panjang"),
    errno.EIO: tr("disk gagal membaca atau menulis"),
    errno.EMFILE: tr("terlalu banyak berkas terbuka"),
    errno.EADDRINUSE: tr("alamat jaringan sudah dipakai"),
    errno.ECONNREFUSED: tr("koneksi ditolak"),
    errno.ECONNRESET: tr("koneksi terputus"),
    errno.ETIMEDOUT: tr("waktu tunggu habis"),
    errno.ENETUNREACH: tr("jaringan tidak terjangkau"),
    errno.EHOSTUNREACH: tr("server tidak terjangkau"),
}
_WINDOWS_SHARING_VIOLATION = 32  # the file is open in Excel (Python maps it to EACCES)
_OTHER_OS_REASON = tr("kesalahan sistem")


def log_raw(error: BaseException) -> None:
    """The error's own (English, unvetted) words, for support: in the log only."""
    log.info("%s: %s", type(error).__name__, error)


def os_reason(error: OSError) -> Text:
    """Why the system refused, in the user's language; the raw reason goes to the log."""
    log_raw(error)
    if getattr(error, "winerror", None) == _WINDOWS_SHARING_VIOLATION:
        return _IN_USE
    return _OS_REASONS.get(error.errno or 0, _OTHER_OS_REASON)


def error_kind(error: BaseException) -> Text:
    """ "akses ditolak" for an OSError, else the class name (which holds no data)."""
    if isinstance(error, OSError):
        return os_reason(error)
    log_raw(error)
    return verbatim(type(error).__name__)


def unexpected_error(kind: Text | str) -> Text:
    """The words for a failure Jurnal Desk did not foresee."""
    return tr(
        "Terjadi kesalahan tak terduga ({kind}). Coba lagi; bila tetap terjadi, kirim berkas "
        "log ke dukungan.",
        kind=kind,
    )


def error_text(error: BaseException, otherwise: Callable[[Text], Text] = unexpected_error) -> Text:
    """The error's own words, or `otherwise(kind)` for one that has none."""
    text = getattr(error, "text", None)
    if isinstance(text, Text):
        return text
    if isinstance(error, OSError):
        problem = storage_problem(error)
        if problem is not None:
            return problem
    return otherwise(error_kind(error))


def storage_problem(error: OSError) -> Text | None:
    """What to tell a user when a file could not be written or opened because of the disk or
    the folder (full, read-only, no permission); None for any other failure."""
    where = _written_place(error.filename)
    why = error.strerror or str(error)
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return tr(
            "Disk penuh: {where} tidak bisa ditulis ({why}). Tidak ada yang hilang; kosongkan "
            "ruang di disk itu lalu coba lagi.",
            where=where,
            why=why,
        )
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return tr(
            "{where} tidak bisa dipakai ({why}): disk atau foldernya hanya-baca, atau "
            "pengguna ini tidak punya izin di sana. Tidak ada yang diubah. Beri izin pada "
            "folder itu, atau atur {env} ke folder yang bisa ditulisi, lalu coba lagi.",
            where=where,
            why=why,
            env=environment.HOME,
        )
    return None


def _written_place(filename: object) -> str:
    """The file a failed write named, or its folder when it was a hidden draft (files are
    written beside their final name, then moved into place)."""
    if not filename:
        return tr("Folder data Jurnal Desk").get()
    path = Path(str(filename))
    return str(path.parent if path.name.startswith(".") else path)
