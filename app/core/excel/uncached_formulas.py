"""Cells holding a formula Excel never calculated, found in the sheet's XML.

A workbook written by a program (not saved by Excel) can hold formulas with no cached value;
calamine reads those cells as empty, so a description or an amount would silently vanish.
The sheet XML is scanned once for `<f>` elements; only the cells around them are parsed, so
a sheet without formulas (most exports) costs one fast substring search.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=\"([A-Z]+)(\d+)\"[^>]*?(?:/>|>(.*?)</(?:\w+:)?c>)",
                   re.S)  # fmt: skip
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*>[^<]+</(?:\w+:)?v>|<(?:\w+:)?is\b")


def uncached_formula_cells(path: Path, sheet: str) -> set[tuple[int, int]]:
    """(1-based row, 0-based column) of every formula cell without a cached value in `sheet`
    of the .xlsx/.xlsm at `path`; empty when there are none or the file cannot be read."""
    try:
        with zipfile.ZipFile(path) as archive:
            member = sheet_member(archive, sheet)
            if member is None:
                return set()
            xml = archive.read(member)
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return set()
    if not _may_hold_formulas(xml):
        return set()
    found = set()
    for match in _CELL.finditer(xml):
        body = match.group(3) or b""
        if _FORMULA.search(body) and not _VALUE.search(body):
            found.add((int(match.group(2)), _column_index(match.group(1).decode())))
    return found


def _may_hold_formulas(xml: bytes) -> bool:
    """A quick byte search (no regex over a 45 MB sheet) for a formula element."""
    return any(tag in xml for tag in (b"<f>", b"<f ", b"<f/", b":f>", b":f "))


def sheet_member(archive: zipfile.ZipFile, sheet: str) -> str | None:
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rel_id = None
    for element in workbook.iter(f"{_MAIN}sheet"):
        if element.get("name") == sheet:
            rel_id = element.get(f"{_REL}id")
    if rel_id is None:
        return None
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{_PACKAGE_REL}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            if target.startswith("/"):
                return target.lstrip("/")
            return posixpath.normpath(posixpath.join("xl", target))
    return None


def _column_index(letters: str) -> int:
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - ord("A") + 1
    return index - 1
