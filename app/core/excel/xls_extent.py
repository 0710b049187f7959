"""How far each sheet of an .xls reaches, read from its cell records without building it.

calamine reads every sheet of an .xls when it opens the file, each as one dense block from
A1 to its farthest valued cell: a 6 KB file with values in A1 and IV65536 costs 1 GB. So
the compound file's Workbook stream is walked here first, record by record (a few bytes per
cell, nothing allocated per cell), noting each sheet's farthest valued cell. Blank cells
(BLANK, MULBLANK: formatting only) are left out, as calamine leaves them out.

The compound file (OLE2) is read just far enough to find that stream: the header, the
sector allocation table, the directory, and the mini stream for a small workbook.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass

from app.core.excel.sheet_block import Extent

_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_END_OF_CHAIN = 0xFFFFFFFE
_LAST_SECTOR = 0xFFFFFFFA  # ids above this are markers, not sectors
_HEADER_DIFAT = 109
_STREAM_NAMES = ("Workbook", "Book")

_BOF = 0x0809
_BOUNDSHEET = 0x0085
# Records holding one valued cell, row and column first: NUMBER, LABEL, LABELSST, RK,
# BOOLERR, FORMULA, RSTRING.
_ONE_CELL = frozenset({0x0203, 0x0204, 0x00FD, 0x027E, 0x0205, 0x0006, 0x00D6})
_MULRK = 0x00BD  # row, first column, ..., last column


class NotAnXls(ValueError):
    """The bytes are not a compound file with a workbook stream Jurnal Desk can walk."""


@dataclass
class _Counts:
    rows: int = 0  # farthest valued row, 1-based
    columns: int = 0
    cells: int = 0


def xls_extents(data: bytes) -> dict[str, Extent]:
    """Each worksheet's farthest valued cell, by sheet name. Raises NotAnXls."""
    stream = _workbook_stream(data)
    names: dict[int, str] = {}
    extents: dict[str, _Counts] = {}
    current: _Counts | None = None
    for position, kind, body in _records(stream):
        if kind == _BOUNDSHEET and len(body) >= 8:
            offset = struct.unpack_from("<I", body)[0]
            names[offset] = _sheet_name(body[6:])
        elif kind == _BOF:
            name = names.get(position)
            current = extents.setdefault(name, _Counts()) if name is not None else None
        elif current is not None and len(body) >= 4:
            _note_cells(current, kind, body)
    return {name: Extent(c.rows, c.columns, c.cells) for name, c in extents.items()}


def _note_cells(extent: _Counts, kind: int, body: bytes) -> None:
    if kind in _ONE_CELL:
        row, column = struct.unpack_from("<HH", body)
        last, count = column, 1
    elif kind == _MULRK and len(body) >= 6:
        row, column = struct.unpack_from("<HH", body)
        last = struct.unpack_from("<H", body, len(body) - 2)[0]
        count = max(last - column + 1, 1)
    else:
        return
    extent.rows = max(extent.rows, row + 1)
    extent.columns = max(extent.columns, last + 1)
    extent.cells += count


def _records(stream: bytes) -> Iterator[tuple[int, int, bytes]]:
    position = 0
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        yield position, kind, stream[position + 4 : position + 4 + length]
        position += 4 + length


def _sheet_name(text: bytes) -> str:
    """A BIFF8 ShortXLUnicodeString (count, flags, characters); BIFF5: count, bytes."""
    if len(text) < 2:
        return ""
    count, flags = text[0], text[1]
    if flags in (0, 1) and len(text) >= 2 + count * (2 if flags else 1):
        raw = text[2 : 2 + count * (2 if flags else 1)]
        return raw.decode("utf-16-le" if flags else "latin-1", errors="replace")
    return text[1 : 1 + count].decode("latin-1", errors="replace")


# -- the compound file ---------------------------------------------------------------------------


def _workbook_stream(data: bytes) -> bytes:
    if not data.startswith(_MAGIC) or len(data) < 512:
        raise NotAnXls("not a compound file")
    sector_size = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    mini_size = 1 << struct.unpack_from("<H", data, 0x20)[0]
    directory_start, _, mini_cutoff, mini_fat_start = struct.unpack_from("<IIII", data, 0x30)
    if not 128 <= sector_size <= 65536 or not 1 <= mini_size <= sector_size:
        raise NotAnXls("odd sector sizes")
    fat = _fat(data, sector_size)
    directory = _chain_bytes(data, fat, directory_start, sector_size)
    root_start, entries = None, {}
    for offset in range(0, len(directory) - 127, 128):
        entry = directory[offset : offset + 128]
        name_length = min(struct.unpack_from("<H", entry, 0x40)[0], 64)
        name = entry[: max(name_length - 2, 0)].decode("utf-16-le", errors="replace")
        kind = entry[0x42]
        start, size = struct.unpack_from("<II", entry, 0x74)
        if kind == 5:
            root_start = (start, size)
        elif kind == 2:
            entries[name] = (start, size)
    found = next((entries[name] for name in _STREAM_NAMES if name in entries), None)
    if found is None:
        raise NotAnXls("no workbook stream")
    start, size = found
    if size >= mini_cutoff or root_start is None:
        return _chain_bytes(data, fat, start, sector_size)[:size]
    mini_stream = _chain_bytes(data, fat, root_start[0], sector_size)[: root_start[1]]
    mini_fat_bytes = _chain_bytes(data, fat, mini_fat_start, sector_size)
    mini_fat = list(struct.unpack(f"<{len(mini_fat_bytes) // 4}I", mini_fat_bytes))
    pieces = [mini_stream[s * mini_size : (s + 1) * mini_size] for s in _chain(mini_fat, start)]
    return b"".join(pieces)[:size]


def _fat(data: bytes, sector_size: int) -> list[int]:
    """The sector allocation table, from the header's DIFAT and any DIFAT sectors."""
    fat_sectors = list(struct.unpack_from(f"<{_HEADER_DIFAT}I", data, 0x4C))
    next_difat, difat_count = struct.unpack_from("<II", data, 0x44)
    per_sector = sector_size // 4 - 1
    for _ in range(min(difat_count, len(data) // sector_size)):
        if next_difat > _LAST_SECTOR:
            break
        ids = struct.unpack_from(f"<{per_sector + 1}I", _sector(data, next_difat, sector_size))
        fat_sectors.extend(ids[:per_sector])
        next_difat = ids[per_sector]
    table = b"".join(
        _sector(data, sector, sector_size) for sector in fat_sectors if sector <= _LAST_SECTOR
    )
    return list(struct.unpack(f"<{len(table) // 4}I", table))


def _sector(data: bytes, sector: int, sector_size: int) -> bytes:
    start = (sector + 1) * sector_size
    if start + sector_size > len(data) + sector_size:
        raise NotAnXls("a sector past the end of the file")
    return data[start : start + sector_size]


def _chain(table: list[int], start: int) -> Iterator[int]:
    """Sector ids from `start` to the end of its chain; a loop or a broken link raises."""
    seen = 0
    sector = start
    while sector != _END_OF_CHAIN:
        if sector > _LAST_SECTOR or sector >= len(table) or seen > len(table):
            raise NotAnXls("a broken sector chain")
        yield sector
        seen += 1
        sector = table[sector]


def _chain_bytes(data: bytes, fat: list[int], start: int, sector_size: int) -> bytes:
    return b"".join(_sector(data, sector, sector_size) for sector in _chain(fat, start))
