"""How far a sheet of an .xlsx reaches, scanned from its XML as a stream, in tiers, so a
normal journal pays only a few byte searches:

1. a bound from cheap searches: the widest column letters and the longest row numbers;
2. when that bound is too large, the exact farthest cell reference;
3. when even that is too far, only cells that hold a value count (calamine ignores
   formatted empty cells), parsed with expat: slow, but only for sheets already suspect.
The sheet's declared `<dimension>` is not read: it proves nothing, and may lie either way.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from xml.parsers import expat

from app.core.excel.sheet_block import MAX_COLUMNS, MAX_ROWS, Extent, column_number, whole_number

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


def xlsx_extent(
    archive: zipfile.ZipFile, member: str, free_area: int, allowed_area: Callable[[int], int]
) -> Extent:
    """The block for the sheet XML `member`: the cheapest tier that shows it small enough
    (`free_area` whatever the cells, else `allowed_area(cells)`), or the exact one."""
    bound = _bound(_chunks(archive, member))
    if bound.area <= free_area:
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
            columns = max(columns, max(column_number(letters) for letters in set(wide)))
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
            columns = max(columns, column_number(letters))
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
            self._row = whole_number(attributes.get("r"), self._row + 1)
            self._column = 0
        elif local == "c":
            self.cells += 1
            reference = attributes.get("r", "")
            letters = reference.rstrip("0123456789")
            if letters and reference[len(letters) :].isdigit():
                self._row = int(reference[len(letters) :])
                self._column = column_number(letters.encode())
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
