"""Refusing archive bombs before a workbook reaches the reader.

An .xlsx (.xlsm, .ods) is a zip archive. A hostile one can be a few MB that unpack to GBs;
calamine would then try to allocate it all and abort the whole process (a Rust allocation
failure cannot be caught), taking the window and the user's typed work with it. So the
archive's directory is read first (it is small), and the file is refused when what it
claims to unpack to is more than any journal workbook needs. The reader's decompressor
stops at each member's declared size, so a member cannot unpack past what it claims.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from app.core.i18n import JurnalError, Text, tr

# 100,000 journal lines unpack to about 45 MB of sheet XML (measured): these limits leave
# room for ten times that, and stop a bomb long before memory runs out.
MAX_TOTAL_UNPACKED = 512 * 1024 * 1024
MAX_MEMBER_UNPACKED = 512 * 1024 * 1024
MAX_MEMBERS = 10_000
# Sheet XML compresses about 10:1, very repetitive sheets 50:1. A large member packed far
# tighter than that is made to unpack, not to be read.
MAX_RATIO = 200
RATIO_CHECKED_FROM = 16 * 1024 * 1024


class ArchiveBomb(JurnalError):
    """The archive claims to unpack to more than a workbook can need."""


def check_archive(path: Path) -> None:
    """Raise ArchiveBomb when the zip at `path` unpacks to too much; anything that is not a
    readable zip is left for the reader to explain."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    if len(members) > MAX_MEMBERS:
        raise ArchiveBomb(_too_many(path, len(members)))
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MAX_MEMBER_UNPACKED or total > MAX_TOTAL_UNPACKED:
            raise ArchiveBomb(_too_big(path, total))
        packed = max(member.compress_size, 1)
        if member.file_size >= RATIO_CHECKED_FROM and member.file_size / packed > MAX_RATIO:
            raise ArchiveBomb(_too_big(path, total))


def _too_big(path: Path, unpacked: int) -> Text:
    return tr(
        "Berkas {name} bukan buku kerja yang wajar: isinya mengembang menjadi lebih dari "
        "{mb} MB saat dibuka (bisa jadi berkas jebakan). Berkas ini tidak dibaca. Simpan ulang "
        "lembar kerjanya dari Excel sebagai .xlsx baru, atau minta berkas asli dari pengirimnya.",
        name=path.name,
        mb=max(unpacked, MAX_TOTAL_UNPACKED) // (1024 * 1024),
    )


def _too_many(path: Path, count: int) -> Text:
    return tr(
        "Berkas {name} berisi {n} bagian di dalamnya; buku kerja jurnal tidak sebanyak itu. "
        "Berkas ini tidak dibaca. Simpan ulang dari Excel sebagai .xlsx baru.",
        name=path.name,
        n=count,
    )
