"""Tiny .xlsx and .ods files whose sheets reach far beyond their few cells, written as raw XML
(no spreadsheet library would write them this small): one cell at XFD1048576, a journal with
a stray value in column XFD on every row, a `<dimension>` that lies, an .ods row repeated a
million times. Each is a few KB on disk and would unpack, read densely, to gigabytes."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Jurnal" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)
HEADER = ("Tanggal", "No. Bukti", "Kode Akun", "Debit", "Kredit")


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def number(ref: str, value: float | int) -> str:
    return f'<c r="{ref}"><v>{value}</v></c>'


def write_sheet_xml(path: Path, rows: Iterable[str], *, dimension: str | None = None) -> Path:
    """An .xlsx with one sheet "Jurnal" holding `rows` (each a whole `<row>` element)."""
    dimension_xml = f'<dimension ref="{dimension}"/>' if dimension else ""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dimension_xml}<sheetData>{''.join(rows)}</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def header_row() -> str:
    cells = "".join(inline(f"{chr(65 + i)}1", name) for i, name in enumerate(HEADER))
    return f'<row r="1">{cells}</row>'


def journal_row(row: int, *, stray: str = "") -> str:
    """A journal line on `row`; `stray` adds a value at that column on the same row."""
    cells = (
        number(f"A{row}", 46000 + row % 28)
        + inline(f"B{row}", f"JU/{(row - 2) // 2 + 1:04}")
        + inline(f"C{row}", "1101" if row % 2 == 0 else "4101")
        + (number(f"D{row}", 1000) if row % 2 == 0 else "")
        + (number(f"E{row}", 1000) if row % 2 == 1 else "")
        + (inline(f"{stray}{row}", "x") if stray else "")
    )
    return f'<row r="{row}">{cells}</row>'


def far_corner_workbook(path: Path) -> Path:
    """A journal header, and one cell at XFD1048576: the last cell a sheet can have."""
    far = f'<row r="1048576">{inline("XFD1048576", "x")}</row>'
    return write_sheet_xml(path, [header_row(), far], dimension="A1:XFD1048576")


def wide_sparse_workbook(path: Path, rows: int = 5000) -> Path:
    """A journal of `rows` lines, each with a stray value in column XFD (16,384 columns)."""
    body = [header_row(), *(journal_row(row, stray="XFD") for row in range(2, rows + 2))]
    return write_sheet_xml(path, body)


def lying_dimension_workbook(path: Path) -> Path:
    """A small journal whose `<dimension>` claims the whole sheet (Excel trusts the cells)."""
    body = [header_row(), *(journal_row(row) for row in range(2, 6))]
    return write_sheet_xml(path, body, dimension="A1:XFD1048576")


def small_journal_workbook(path: Path, rows: int = 4) -> Path:
    body = [header_row(), *(journal_row(row) for row in range(2, rows + 2))]
    return write_sheet_xml(path, body, dimension=f"A1:E{rows + 1}")


_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type='
    '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:'
    'full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
)


def repeated_ods(path: Path, *, rows_repeated: int, columns_repeated: int) -> Path:
    """An .ods whose second row is one valued cell repeated `columns_repeated` times, and that
    row repeated `rows_repeated` times: a few hundred bytes that stand for a dense block."""
    header = "".join(
        f'<table:table-cell office:value-type="string"><text:p>{name}</text:p></table:table-cell>'
        for name in HEADER
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Jurnal">'
        f"<table:table-row>{header}</table:table-row>"
        f'<table:table-row table:number-rows-repeated="{rows_repeated}">'
        f'<table:table-cell table:number-columns-repeated="{columns_repeated}" '
        'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
        "</table:table-row></table:table></office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
        archive.writestr("content.xml", content)
    return path


def last_cell_xls(path: Path) -> Path:
    """An .xls with a header cell in A1 and a value in IV65536, the last cell BIFF8 has."""
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Jurnal")
    sheet.write(0, 0, "Tanggal")
    sheet.write(65535, 255, "x")
    book.save(str(path))
    return path
