"""What to tell a person about a failed task, one way for every window and command.

An error Jurnal Desk raised itself (`JurnalError`, or anything carrying a `Text` as `text`)
already says what happened and what to do. A file that could not be written because the disk
is full, read-only or forbidden is told as such (`storage_problem`). Anything else is named by
its kind only (an `OSError` by the system's reason): its own message is left out, because
nobody vouches that it holds no secret. Each caller may word that fallback for its own moment.
"""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

from app.core import environment
from app.core.i18n import Text, tr


def error_kind(error: BaseException) -> str:
    """ "Permission denied" for an OSError that says why, else the class name."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return type(error).__name__


def unexpected_error(kind: str) -> Text:
    """The words for a failure Jurnal Desk did not foresee."""
    return tr(
        "Terjadi kesalahan tak terduga ({kind}). Coba lagi; bila tetap terjadi, kirim berkas "
        "log ke dukungan.",
        "An unexpected error occurred ({kind}). Try again; if it keeps happening, send the "
        "log file to support.",
        kind=kind,
    )


def error_text(error: BaseException, otherwise: Callable[[str], Text] = unexpected_error) -> Text:
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
            "The disk is full: {where} cannot be written ({why}). Nothing was lost; free some "
            "space on that disk, then try again.",
            where=where,
            why=why,
        )
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return tr(
            "{where} tidak bisa dipakai ({why}): disk atau foldernya hanya-baca, atau "
            "pengguna ini tidak punya izin di sana. Tidak ada yang diubah. Beri izin pada "
            "folder itu, atau atur {env} ke folder yang bisa ditulisi, lalu coba lagi.",
            "{where} cannot be used ({why}): its disk or folder is read-only, or this user "
            "has no permission there. Nothing was changed. Give access to that folder, or "
            "set {env} to a folder you can write to, then try again.",
            where=where,
            why=why,
            env=environment.HOME,
        )
    return None


def _written_place(filename: object) -> str:
    """The file a failed write named, or its folder when it was a hidden draft (files are
    written beside their final name, then moved into place)."""
    if not filename:
        return tr("Folder data Jurnal Desk", "The Jurnal Desk data folder").get()
    path = Path(str(filename))
    return str(path.parent if path.name.startswith(".") else path)
