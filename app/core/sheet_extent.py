"""Refusing a sheet whose extent is far beyond its cells, before the reader allocates it.

calamine holds a sheet as one dense block from A1 to its farthest cell holding a value, and
the import then turns that block into rows of Python values: about 40 bytes for every cell
of the block, filled or empty. A 2 KB .xlsx with one value at XFD1048576 asks for 550 GB,
and the Rust allocation failure aborts the whole process (it cannot be caught); 5,000 rows
with a stray value in column XFD ask for 3 GB. So each sheet's XML is scanned first, as a
stream (its declared `<dimension>` proves nothing: it may lie either way), and a sheet whose
block would be far larger than its cells justify is refused with a message naming the
stray cell. Memory to read a workbook then stays proportional to its cells.

The scan is in tiers, so a normal journal pays only a few byte searches:
1. a bound from cheap searches: the widest column letters and the longest row numbers;
2. when that bound is too large, the exact farthest cell reference;
3. when even that is too far, only cells that hold a value count (calamine ignores
   formatted empty cells), parsed with expat: slow, but only for sheets already suspect.

.ods: calamine reads every sheet when it opens the file, so every table of content.xml is
checked first, with iterparse (rows and cells repeated by count, as LibreOffice
writes them, are expanded only when they hold a value, as calamine does). .xls: the same,
from the Workbook stream's cell records (`app.core.xls_extent`); the format caps a sheet at
65,536 x 256 cells, which read densely take 1 GB (measured in BENCHMARKS.md).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

from app.core.i18n import JurnalError, Text, tr
from app.core.uncached_formulas import sheet_member
from app.core.xls_extent import xls_extents

# A block this size is read whatever the cells: 4,000,000 cells is about 160 MB at most.
FREE_AREA = 4_000_000
# Beyond it, the block may be this many times the cells the sheet holds...
AREA_PER_CELL = 4
# ...and never more than this (about 0.5 GB), however many cells.
MAX_AREA = 12_000_000
MAX_COLUMNS = 16_384
MAX_ROWS = 1_048_576
_CHUNK = 4 * 1024 * 1024
_OVERLAP = 64  # bytes kept between chunks so a reference split by a chunk is still seen

# `r="` followed by column letters and a row number: a cell (row elements have no letters).
_WIDE_COLUMN = re.compile(rb'r="([A-Z]{2,3})[0-9]')
_ANY_COLUMN = re.compile(rb'r="[A-Z]')
_LONG_ROW = re.compile(rb'r="[A-Z]{0,3}([0-9]{6,})"')  # rows from 100,000 on, exact
_ANY_ROW = re.compile(rb'r="[A-Z]{0,3}[0-9]')
_SHORT_ROW_BOUND = 99_999
_CELL_REF = re.compile(rb'r="([A-Z]{1,3})([0-9]{1,7})"')
_UNPLACED_CELL = re.compile(rb'<c(?! r=")[\s>/]')
_PREFIXED_CELL = re.compile(rb':c(?! r=")[\s>/]')
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"


class SheetTooSparse(JurnalError):
    """The sheet reaches far beyond its cells: reading it would take gigabytes."""


@dataclass(frozen=True, slots=True)
class Extent:
    rows: int  # the farthest row (1-based) of the block the reader would build
    columns: int  # the farthest column (1-based)
    cells: int  # cells present in the sheet's XML
    referenced: bool = True  # every cell names its place (r="B7"); else expat must place them

    @property
    def area(self) -> int:
        return self.rows * self.columns


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
            found = xls_extents(path.read_bytes())
            return {name: Extent(e.rows, e.columns, e.cells) for name, e in found.items()}
        with zipfile.ZipFile(path) as archive:
            return _ods_extents(archive) if _is_ods(archive) else {}
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
            return _xlsx_extent(archive, member)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, ElementTree.ParseError):
        return None
    except expat.ExpatError:
        return None


def _is_ods(archive: zipfile.ZipFile) -> bool:
    names = set(archive.namelist())
    return "content.xml" in names and "xl/workbook.xml" not in names


# -- .xlsx ------------------------------------------------------------------------------------


def _xlsx_extent(archive: zipfile.ZipFile, member: str) -> Extent:
    bound = _bound(_chunks(archive, member))
    if bound.area <= FREE_AREA:
        return bound
    if bound.referenced:
        exact = _farthest_reference(_chunks(archive, member))
        if exact.area <= allowed_area(exact.cells):
            return exact
    return _valued_extent(_chunks(archive, member, overlap=False))


def _chunks(archive: zipfile.ZipFile, member: str, *, overlap: bool = True) -> Iterator[bytes]:
    """The member's bytes in chunks; with `overlap`, each starts with the previous one's
    last bytes, so a pattern split between two chunks is still found."""
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            yield tail + chunk
            if overlap:
                tail = chunk[-_OVERLAP:]


def _bound(chunks: Iterator[bytes]) -> Extent:
    """An upper bound on the block from byte searches that allocate next to nothing: column
    letters beyond Z and row numbers from 100,000 are read exactly (a journal has few of
    either); otherwise Z and 99,999 stand in. A cell whose first attribute is not its place
    (never so from Excel or LibreOffice) may lie anywhere: the largest sheet there is, and
    the exact tiers decide. Cells are not counted here (the bound is judged alone)."""
    rows = columns = 0
    referenced = True
    for chunk in chunks:
        wide = _WIDE_COLUMN.findall(chunk)
        if wide:
            columns = max(columns, max(_column_number(letters) for letters in set(wide)))
        elif _ANY_COLUMN.search(chunk):
            columns = max(columns, 26)
        long_rows = _LONG_ROW.findall(chunk)
        if long_rows:
            rows = max(rows, max(int(number) for number in long_rows))
        elif _ANY_ROW.search(chunk):
            rows = max(rows, _SHORT_ROW_BOUND)
        if _unplaced_cell(chunk):
            referenced = False
    if not referenced:
        return Extent(MAX_ROWS, MAX_COLUMNS, 0, referenced=False)
    return Extent(rows, columns, 0)


def _unplaced_cell(chunk: bytes) -> bool:
    """Whether a cell in `chunk` does not start with its place (r="..."). A cell cut off at
    the chunk's end is judged in the next chunk, which starts with these bytes."""
    for pattern in (_UNPLACED_CELL, _PREFIXED_CELL):
        found = pattern.search(chunk)
        if found is not None and found.end() + len(' r="') < len(chunk):
            return True
    return False


def _farthest_reference(chunks: Iterator[bytes]) -> Extent:
    """The farthest cell reference and row number (empty cells included), and the cells."""
    rows = columns = cells = 0
    for index, chunk in enumerate(chunks):
        for letters, number in set(_CELL_REF.findall(chunk)):
            rows = max(rows, int(number))
            columns = max(columns, _column_number(letters))
        rows = max([rows, *(int(n) for n in _ROW_NUMBER.findall(chunk))])
        # Counted where they end in this chunk's own bytes (the overlap was counted before).
        cells += chunk.count(b"<c ", max(0, _OVERLAP - 2) if index else 0)
    return Extent(rows, columns, cells)


_ROW_NUMBER = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="([0-9]{1,7})"')


def _valued_extent(chunks: Iterator[bytes]) -> Extent:
    """The farthest cell that holds a value (what calamine builds its block from), found
    with expat. Cells without a reference follow the one before them, as in calamine."""
    walker = _ValuedCells()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler = walker.start
    parser.EndElementHandler = walker.end
    parser.CharacterDataHandler = walker.text
    for chunk in chunks:
        parser.Parse(chunk, False)
    parser.Parse(b"", True)
    return Extent(walker.rows, walker.columns, walker.cells)


class _ValuedCells:
    def __init__(self) -> None:
        self.rows = self.columns = self.cells = 0
        self._row = self._column = 0
        self._has_value = False
        self._in_value = False

    def start(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local == "row":
            self._row = _int(attributes.get("r"), self._row + 1)
            self._column = 0
        elif local == "c":
            self.cells += 1
            reference = attributes.get("r", "")
            letters = reference.rstrip("0123456789")
            if letters and reference[len(letters) :].isdigit():
                self._row = int(reference[len(letters) :])
                self._column = _column_number(letters.encode())
            else:
                self._column += 1
            self._has_value = False
        elif local == "is":
            self._has_value = True
        elif local == "v":
            self._in_value = True

    def text(self, data: str) -> None:
        if self._in_value and data.strip():
            self._has_value = True

    def end(self, name: str) -> None:
        local = name.rsplit(" ", 1)[-1]
        if local == "v":
            self._in_value = False
        elif local == "c" and self._has_value:
            self.rows = max(self.rows, self._row)
            self.columns = max(self.columns, self._column)


# -- .ods -------------------------------------------------------------------------------------


_TABLE = f"{{{_ODS_TABLE}}}table"
_TABLE_NAME = f"{{{_ODS_TABLE}}}name"
_TABLE_ROW = f"{{{_ODS_TABLE}}}table-row"
_TABLE_CELLS = frozenset({f"{{{_ODS_TABLE}}}table-cell", f"{{{_ODS_TABLE}}}covered-table-cell"})
_ROWS_REPEATED = f"{{{_ODS_TABLE}}}number-rows-repeated"
_COLUMNS_REPEATED = f"{{{_ODS_TABLE}}}number-columns-repeated"
_VALUE_TYPE = f"{{{_ODS_OFFICE}}}value-type"


def _ods_extents(archive: zipfile.ZipFile) -> dict[str, Extent]:
    """Each table's farthest valued cell, repeats expanded (a repeated empty cell or row,
    LibreOffice's filler up to the sheet's edge, is not expanded, as calamine does not)."""
    extents: dict[str, Extent] = {}
    with archive.open("content.xml") as stream:
        table = _OdsTable("")
        for event, element in ElementTree.iterparse(stream, events=("start", "end")):
            tag = element.tag
            if tag == _TABLE:
                if event == "start":
                    table = _OdsTable(element.get(_TABLE_NAME, ""))
                else:
                    extents[table.name] = table.extent()
                    element.clear()
            elif event == "end" and tag in _TABLE_CELLS:
                table.cell(element)
                element.clear()
            elif event == "end" and tag == _TABLE_ROW:
                table.row(element)
                element.clear()
    return extents


class _OdsTable:
    def __init__(self, name: str) -> None:
        self.name = name
        self._row = self._column = self._valued_to = 0
        self._rows = self._columns = self._cells = 0

    def cell(self, element: ElementTree.Element) -> None:
        self._column += _int(element.get(_COLUMNS_REPEATED), 1)
        self._cells += 1
        if element.get(_VALUE_TYPE) or len(element):
            self._valued_to = self._column

    def row(self, element: ElementTree.Element) -> None:
        self._row += _int(element.get(_ROWS_REPEATED), 1)
        if self._valued_to:
            self._rows, self._columns = self._row, max(self._columns, self._valued_to)
        self._column = self._valued_to = 0

    def extent(self) -> Extent:
        return Extent(self._rows, self._columns, self._cells)


# -- helpers -----------------------------------------------------------------------------------


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters or "A"


def too_sparse_text(path: Path, sheet: str, extent: Extent) -> Text:
    corner = f"{_column_letters(extent.columns)}{extent.rows}"
    gigabytes = f"{extent.area * 40 / 1e9:.1f}"
    return tr(
        "Lembar '{s}' di {p} terbentang sampai sel {corner} ({rows} baris x {cols} kolom), "
        "padahal isinya hanya {cells} sel; membacanya butuh sekitar {gb} GB memori, jadi "
        "lembar ini tidak dibaca. Di Excel tekan Ctrl+End untuk melihat sel terjauh itu, "
        "hapus baris dan kolom kosong di luar jurnal (pilih, klik kanan > Delete), simpan, "
        "lalu impor lagi.",
        "Sheet '{s}' in {p} reaches cell {corner} ({rows} rows x {cols} columns) though it "
        "holds only {cells} cells; reading it would take about {gb} GB of memory, so it was "
        "not read. In Excel press Ctrl+End to see that farthest cell, delete the rows and "
        "columns beyond the journal (select them, right-click > Delete), save, and import "
        "again.",
        s=sheet,
        p=path.name,
        corner=corner,
        rows=f"{extent.rows:,}",
        cols=f"{extent.columns:,}",
        cells=f"{extent.cells:,}",
        gb=gigabytes,
    )
