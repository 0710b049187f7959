"""Open a workbook file with calamine (a CSV file with `csv_workbook`), turning every way a
file can be unusable (missing, a folder, empty, not a workbook, password-protected, corrupt,
a zip bomb) into one WorkbookError whose text says what to do."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, TypeAlias

import python_calamine

from app.core.error_text import log_raw, os_reason
from app.core.excel.archive_guard import ArchiveBomb, check_archive
from app.core.excel.cell_values import CellValue
from app.core.excel.csv_workbook import CsvError, CsvWorkbook, is_csv, read_csv_workbook
from app.core.excel.sheet_extent import SheetTooSparse, check_sheet_extent, check_workbook_extent
from app.core.i18n import JurnalError, Text, tr

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xltx", ".xltm", ".ods"}
_OLE_SUFFIXES = {".xls", ".xlt"}
OOXML_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm"}
# Stream names inside the compound file Excel writes for a workbook with an open password.
_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))


# A merged range: ((top row, left column), (bottom row, right column)), 0-based.
MergedRange: TypeAlias = tuple[tuple[int, int], tuple[int, int]]


class Sheet(Protocol):
    """What the reader uses of a sheet: a calamine sheet or a CSV file's one sheet."""

    @property
    def merged_cell_ranges(self) -> list[MergedRange] | None: ...

    def to_python(
        self, skip_empty_area: bool = ..., nrows: int | None = ...
    ) -> list[list[CellValue]]: ...


class Workbook(Protocol):
    """What the reader uses of a workbook: a calamine workbook or a CSV file as one."""

    @property
    def sheet_names(self) -> list[str]: ...

    @property
    def sheets_metadata(self) -> list[python_calamine.SheetMetadata]: ...

    def get_sheet_by_name(self, name: str) -> Sheet: ...


class WorkbookError(JurnalError):
    """The whole file cannot be used: missing, corrupt, not a workbook, password-protected,
    the sheet is missing or empty, or no header row names the needed columns."""


class SheetTooLarge(WorkbookError):
    """A sheet reaches so far beyond its cells that reading it would exhaust memory."""


def open_workbook(path: Path) -> python_calamine.CalamineWorkbook | CsvWorkbook:
    """Open with calamine (a .csv file as a one-sheet workbook of its own), turning every way
    a file can be unusable into a WorkbookError."""
    head = _file_head(path)
    if is_csv(path) and not head.startswith((_ZIP_MAGIC, _OLE_MAGIC)):
        return _open_csv(path)
    by_name = _content_matches_name(path, head)
    try:
        if by_name:
            return python_calamine.CalamineWorkbook.from_path(path)
        # The content does not match the name (an .xls renamed .xlsx): let calamine sniff it.
        with path.open("rb") as stream:
            return python_calamine.CalamineWorkbook.from_filelike(stream)
    except python_calamine.PasswordError:
        raise WorkbookError(password_text(path)) from None
    except BaseException as error:  # calamine's Rust panics arrive as BaseException
        if isinstance(error, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        raise WorkbookError(_unreadable_text(path, head, error)) from None


def _open_csv(path: Path) -> CsvWorkbook:
    try:
        return read_csv_workbook(path)
    except CsvError as error:
        raise WorkbookError(error.text) from None
    except OSError as error:
        raise WorkbookError(_unopenable_text(path, error)) from None


def _content_matches_name(path: Path, head: bytes) -> bool:
    """Whether the file's first bytes are what its suffix promises. Raises WorkbookError for
    what is no workbook at all, a zip bomb, or an encrypted compound file."""
    suffix = path.suffix.lower()
    if head.startswith(_ZIP_MAGIC):
        try:
            check_archive(path)
            check_workbook_extent(path)  # calamine reads every sheet of an .ods on opening
        except ArchiveBomb as bomb:
            raise WorkbookError(bomb.text) from None
        except SheetTooSparse as sparse:
            raise SheetTooLarge(sparse.text) from None
        return suffix in _ZIP_SUFFIXES
    if head.startswith(_OLE_MAGIC):
        if _is_encrypted_package(path):
            raise WorkbookError(password_text(path))
        try:
            check_workbook_extent(path)  # calamine reads every sheet of an .xls on opening
        except SheetTooSparse as sparse:
            raise SheetTooLarge(sparse.text) from None
        return suffix in _OLE_SUFFIXES
    raise WorkbookError(_not_a_workbook_text(path))


def _unreadable_text(path: Path, head: bytes, error: BaseException) -> Text:
    if head.startswith(_OLE_MAGIC) and path.suffix.lower() in OOXML_SUFFIXES:
        # An .xlsx that is a compound file and not a readable .xls: Excel's encryption.
        return password_text(path)
    if _mentions_password(error):
        return password_text(path)
    return corrupt_text(path, error)


def _file_head(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except FileNotFoundError:
        raise WorkbookError(
            tr(
                "Berkas {p} tidak ditemukan; periksa nama dan foldernya.",
                p=path,
            )
        ) from None
    except IsADirectoryError:
        raise WorkbookError(
            tr(
                "{p} adalah folder, bukan berkas; pilih berkas Excel di dalamnya.",
                p=path,
            )
        ) from None
    except OSError as error:
        raise WorkbookError(_unopenable_text(path, error)) from None
    if not head:
        raise WorkbookError(
            tr(
                "Berkas {p} kosong (0 byte); simpan ulang dari Excel lalu impor lagi.",
                p=path.name,
            )
        )
    return head


def _unopenable_text(path: Path, error: OSError) -> Text:
    return tr(
        "Berkas {p} tidak bisa dibuka ({e}). Jika sedang terbuka di program lain, "
        "tutup dulu, lalu coba lagi.",
        p=path.name,
        e=os_reason(error),
    )


def _is_encrypted_package(path: Path) -> bool:
    """Whether a compound (OLE) file holds Excel's encrypted-workbook streams."""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    return any(name in data for name in _ENCRYPTED_STREAMS)


def _mentions_password(error: BaseException) -> bool:
    text = str(error).lower()
    return any(word in text for word in ("password", "encrypt", "protected"))


def worksheet_names(workbook: Workbook) -> list[str]:
    try:
        kinds = {meta.name: meta.typ for meta in workbook.sheets_metadata}
    except Exception:  # metadata is a refinement; every sheet name is still a candidate
        return list(workbook.sheet_names)
    skipped = (python_calamine.SheetTypeEnum.ChartSheet, python_calamine.SheetTypeEnum.Vba)
    return [name for name in workbook.sheet_names if kinds.get(name) not in skipped]


def get_sheet(path: Path, workbook: Workbook, name: str) -> Sheet:
    """The sheet `name`, parsed; its extent is checked first (calamine allocates the whole
    block from A1 to its farthest cell at once, and an allocation failure kills the process)."""
    try:
        check_sheet_extent(path, name)
    except SheetTooSparse as sparse:
        raise SheetTooLarge(sparse.text) from None
    try:
        return workbook.get_sheet_by_name(name)
    except python_calamine.PasswordError:
        raise WorkbookError(password_text(path)) from None
    except BaseException as error:  # calamine's Rust panics arrive as BaseException
        if isinstance(error, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        raise WorkbookError(corrupt_text(path, error)) from None


def sheet_rows(path: Path, sheet: Sheet) -> list[list[CellValue]]:
    try:
        return sheet.to_python(skip_empty_area=False)
    except BaseException as error:
        if isinstance(error, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        raise WorkbookError(corrupt_text(path, error)) from None


def merged_ranges(sheet: Sheet) -> list[MergedRange]:
    try:
        return sheet.merged_cell_ranges or []
    except Exception:  # merged ranges only refine grouping; reading goes on without them
        return []


def password_text(path: Path) -> Text:
    return tr(
        "Berkas {p} dilindungi kata sandi: buka di Excel, hapus kata sandinya (File > Info > "
        "Protect Workbook > Encrypt with Password, kosongkan), simpan, lalu impor lagi.",
        p=path.name,
    )


def _not_a_workbook_text(path: Path) -> Text:
    return tr(
        "Berkas {p} bukan buku kerja Excel (.xlsx, .xlsm, .xls atau .ods) atau CSV. Buka di "
        "Excel, simpan sebagai Buku Kerja Excel (.xlsx), lalu impor lagi.",
        p=path.name,
    )


def corrupt_text(path: Path, error: BaseException) -> Text:
    """The reader's own words ("invalid Zip archive: Could not find EOCD") only in the log."""
    log_raw(error)
    return tr(
        "Berkas {p} bukan buku kerja Excel yang utuh (mungkin rusak atau belum selesai "
        "diunduh). Buka di Excel dan simpan ulang, lalu impor lagi.",
        p=path.name,
    )


def no_data_text(path: Path) -> Text:
    return tr(
        "Buku kerja {p} tidak berisi data.",
        p=path.name,
    )


def missing_sheet_text(path: Path, sheet: str, names: list[str]) -> Text:
    return tr(
        "Lembar '{s}' tidak ada di {p}; lembar yang ada: {names}.",
        s=sheet,
        p=path.name,
        names=", ".join(names) or "-",
    )
