"""How far each sheet of an .ods reaches: content.xml read with iterparse, rows and cells
repeated by count (as LibreOffice writes them) expanded only when they hold a value, as
calamine expands them."""

from __future__ import annotations

import zipfile
from xml.etree import ElementTree

from app.core.excel.sheet_block import Extent, whole_number

_ODS_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_ODS_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TABLE = f"{{{_ODS_TABLE}}}table"
_TABLE_NAME = f"{{{_ODS_TABLE}}}name"
_TABLE_ROW = f"{{{_ODS_TABLE}}}table-row"
_TABLE_CELLS = frozenset({f"{{{_ODS_TABLE}}}table-cell", f"{{{_ODS_TABLE}}}covered-table-cell"})
_ROWS_REPEATED = f"{{{_ODS_TABLE}}}number-rows-repeated"
_COLUMNS_REPEATED = f"{{{_ODS_TABLE}}}number-columns-repeated"
_VALUE_TYPE = f"{{{_ODS_OFFICE}}}value-type"


def ods_extents(archive: zipfile.ZipFile) -> dict[str, Extent]:
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
        self._column += whole_number(element.get(_COLUMNS_REPEATED), 1)
        self._cells += 1
        if element.get(_VALUE_TYPE) or len(element):
            self._valued_to = self._column

    def row(self, element: ElementTree.Element) -> None:
        self._row += whole_number(element.get(_ROWS_REPEATED), 1)
        if self._valued_to:
            self._rows, self._columns = self._row, max(self._columns, self._valued_to)
        self._column = self._valued_to = 0

    def extent(self) -> Extent:
        return Extent(self._rows, self._columns, self._cells)
