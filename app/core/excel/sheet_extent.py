"""Refusing a sheet whose extent is far beyond its cells, before the reader allocates it.

calamine holds a sheet as one dense block from A1 to its farthest cell holding a value, and
the import then turns that block into rows of Python values: about 40 bytes for every cell
of the block, filled or empty. A 2 KB .xlsx with one value at XFD1048576 asks for 550 GB,
and the Rust allocation failure aborts the whole process (it cannot be caught); 5,000 rows
with a stray value in column XFD ask for 3 GB. So each sheet is measured first, without
building it (`xlsx_extent` per sheet before calamine parses it; `ods_extent` and
`xls_extent` for every sheet before calamine opens the file, as it reads them all then),
and a sheet whose block would be far larger than its cells justify is refused with a
message naming the farthest cell. Memory to read a workbook then stays proportional to its
cells. (An .xls sheet is at most 65,536 x 256 cells, which read densely take 1 GB: measured
in BENCHMARKS.md.)
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

from app.core.excel.columns import column_letter
from app.core.excel.ods_extent import ods_extents
from app.core.excel.sheet_block import Extent
from app.core.excel.uncached_formulas import sheet_member
from app.core.excel.xls_extent import xls_extents
from app.core.excel.xlsx_extent import xlsx_extent
from app.core.i18n import JurnalError, Text, tr

# A block this size is read whatever the cells: 4,000,000 cells is about 160 MB at most.
FREE_AREA = 4_000_000
# Beyond it, the block may be this many times the cells the sheet holds...
AREA_PER_CELL = 4
# ...and never more than this (about 0.5 GB), however many cells.
MAX_AREA = 12_000_000
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class SheetTooSparse(JurnalError):
    """The sheet reaches far beyond its cells: reading it would take gigabytes."""


def allowed_area(cells: int) -> int:
    return min(MAX_AREA, max(FREE_AREA, AREA_PER_CELL * cells))


def check_workbook_extent(path: Path) -> None:
    """For an .ods or .xls, whose every sheet calamine reads when it opens the file: raise
    SheetTooSparse for the first sheet too large for its cells. Other files: nothing."""
    for sheet, extent in _opened_extents(path).items():
        _judge(path, sheet, extent)


def _opened_extents(path: Path) -> dict[str, Extent]:
    """Every sheet's extent, for the kinds of file calamine reads whole on opening."""
    try:
        with path.open("rb") as stream:
            head = stream.read(len(_OLE_MAGIC))
        if head == _OLE_MAGIC:
            return xls_extents(path.read_bytes())
        with zipfile.ZipFile(path) as archive:
            return ods_extents(archive) if _is_ods(archive) else {}
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, ElementTree.ParseError):
        return {}  # NotAnXls is a ValueError: the reader explains an unreadable file


def check_sheet_extent(path: Path, sheet: str) -> None:
    """Raise SheetTooSparse when `sheet` of the .xlsx/.xlsm at `path` would be read as a
    block far larger than its cells (an .ods or .xls was checked whole on opening, by
    `check_workbook_extent`). Anything unreadable is left to the reader."""
    extent = _xlsx_sheet_extent(path, sheet)
    if extent is not None:
        _judge(path, sheet, extent)


def _judge(path: Path, sheet: str, extent: Extent) -> None:
    if extent.area > allowed_area(extent.cells):
        raise SheetTooSparse(too_sparse_text(path, sheet, extent))


def sheet_extent(path: Path, sheet: str) -> Extent | None:
    """The block the reader would build for `sheet` of any workbook, or None when it
    cannot be told."""
    opened = _opened_extents(path)
    return opened.get(sheet) if opened else _xlsx_sheet_extent(path, sheet)


def _xlsx_sheet_extent(path: Path, sheet: str) -> Extent | None:
    try:
        with zipfile.ZipFile(path) as archive:
            if _is_ods(archive):
                return None
            member = sheet_member(archive, sheet)
            if member is None or not member.endswith(".xml"):
                return None  # .xlsb sheets are binary: calamine's own limits apply
            return xlsx_extent(archive, member, FREE_AREA, allowed_area)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, ElementTree.ParseError):
        return None
    except expat.ExpatError:
        return None


def _is_ods(archive: zipfile.ZipFile) -> bool:
    names = set(archive.namelist())
    return "content.xml" in names and "xl/workbook.xml" not in names


# -- .xlsx ------------------------------------------------------------------------------------


def too_sparse_text(path: Path, sheet: str, extent: Extent) -> Text:
    corner = f"{column_letter(max(extent.columns, 1) - 1)}{extent.rows}"
    gigabytes = f"{extent.area * 40 / 1e9:.1f}"
    return tr(
        "Lembar '{s}' di {p} terbentang sampai sel {corner} ({rows} baris x {cols} kolom), "
        "padahal isinya hanya {cells} sel; membacanya butuh sekitar {gb} GB memori, jadi "
        "lembar ini tidak dibaca. Di Excel tekan Ctrl+End untuk melihat sel terjauh itu, "
        "hapus baris dan kolom kosong di luar jurnal (pilih, klik kanan > Delete), simpan, "
        "lalu impor lagi.",
        s=sheet,
        p=path.name,
        corner=corner,
        rows=f"{extent.rows:,}",
        cols=f"{extent.columns:,}",
        cells=f"{extent.cells:,}",
        gb=gigabytes,
    )
