"""Read journal entries from a workbook: .xlsx, .xlsm, .xls or .ods.

python-calamine reads the cells (about ten times faster than openpyxl); this module finds the
sheet and its header row, maps columns to journal fields, groups rows into entries and checks
them. A cell that cannot be read becomes a Problem at its sheet, row and column, and reading
goes on, so the user sees every problem at once. Only a file that cannot be used at all
(corrupt, password-protected, no header) raises WorkbookError.

Grouping follows what accountants already do in spreadsheets: consecutive rows with the same
reference are one entry, and a row whose date and reference are blank (or only its reference
is blank and its date is the entry's) continues the entry above, which also covers a merged
reference cell spanning the entry's rows.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import python_calamine

from app.core.account_mapping import Remap, remap_entries
from app.core.archive_guard import ArchiveBomb, check_archive
from app.core.cents import CentRounding, round_cents
from app.core.columns import (
    FIELDS,
    column_index,
    column_letter,
    field_for_header,
    field_list,
    normalize_header,
    not_found_text,
)
from app.core.dates import DateError, format_date, parse_date
from app.core.i18n import JurnalError, Text, tr
from app.core.journal import (
    BALANCE,
    Account,
    JournalEntry,
    JournalLine,
    Problem,
    validate_entries,
)
from app.core.money import (
    CENT,
    ZERO,
    AmountError,
    FractionOfCentError,
    NumberStyle,
    parse_amount,
)
from app.core.optional_fields import OptionalCells
from app.core.uncached_formulas import uncached_formula_cells

__all__ = [
    "FIELDS",
    "ColumnMapping",
    "ImportOptions",
    "ImportResult",
    "WorkbookError",
    "column_letter",
    "detect_mapping",
    "list_sheets",
    "read_rows",
    "read_workbook",
]

HEADER_SCAN_ROWS = 30  # a header is looked for in this many rows from the top (title rows)
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".xltx", ".xltm", ".ods"}
_OLE_SUFFIXES = {".xls", ".xlt"}
_OOXML_SUFFIXES = {".xlsx", ".xlsm", ".xltx", ".xltm"}
# Stream names inside the compound file Excel writes for a workbook with an open password.
_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
_AMOUNT_FIELDS = frozenset({"debit", "credit", "amount"})


class WorkbookError(JurnalError):
    """The whole file cannot be used: missing, corrupt, not a workbook, password-protected,
    the sheet is missing or empty, or no header row names the needed columns."""


class MappingError(WorkbookError):
    """An explicit column mapping names a field or column that does not exist."""


@dataclass
class ColumnMapping:
    """0-based column index per journal field; None when the sheet has no such column."""

    date: int | None = None
    reference: int | None = None
    description: int | None = None
    account: int | None = None
    debit: int | None = None
    credit: int | None = None
    amount: int | None = None  # one signed column: positive = debit, negative = credit
    memo: int | None = None
    department: int | None = None
    project: int | None = None
    branch: int | None = None
    customer: int | None = None
    vendor: int | None = None
    employee: int | None = None
    rate: int | None = None
    prime_amount: int | None = None
    classification1: int | None = None
    classification2: int | None = None
    classification3: int | None = None
    classification4: int | None = None
    classification5: int | None = None
    classification6: int | None = None
    classification7: int | None = None
    classification8: int | None = None
    classification9: int | None = None
    classification10: int | None = None

    @classmethod
    def from_names(cls, headers: list[str], names: dict[str, str]) -> ColumnMapping:
        """Map fields to columns named by header text ("Kode Perkiraan", matched ignoring
        case, spaces and punctuation) or by column letter ("D"). Raises MappingError."""
        mapping = cls()
        used: dict[int, str] = {}
        for field_name, name in names.items():
            if field_name not in FIELDS:
                raise MappingError(
                    tr(
                        "'{f}' bukan kolom jurnal; pilih dari: {all}.",
                        "'{f}' is not a journal field; choose from: {all}.",
                        f=field_name,
                        all=", ".join(FIELDS),
                    )
                )
            index = _column_by_name(headers, str(name))
            if index is None:
                raise MappingError(not_found_text(field_name, str(name), headers))
            if index in used:
                raise MappingError(
                    tr(
                        "Kolom {c} dipetakan ke {a} dan {b}; satu kolom hanya untuk satu isian.",
                        "Column {c} is mapped to both {a} and {b}; a column holds one field.",
                        c=column_letter(index),
                        a=used[index],
                        b=field_name,
                    )
                )
            used[index] = field_name
            setattr(mapping, field_name, index)
        return mapping

    def missing_required(self) -> list[str]:
        """Fields a journal import cannot do without: date, reference, account, and either
        debit and credit or one signed amount column."""
        missing = [f for f in ("date", "reference", "account") if getattr(self, f) is None]
        if self.amount is None:
            missing.extend(f for f in ("debit", "credit") if getattr(self, f) is None)
        return missing

    @property
    def uses_amount(self) -> bool:
        """True when amounts come from the signed column (debit and credit win if both exist)."""
        return self.amount is not None and (self.debit is None or self.credit is None)

    def as_dict(self) -> dict[str, int]:
        """The mapped fields only, in FIELDS order."""
        return {
            f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None
        }


@dataclass
class ImportOptions:
    sheet: str | None = None  # None: the first sheet that has a recognisable header
    number_style: NumberStyle = NumberStyle.ID
    # None: detect from headers. A dict {field: header or letter} overrides what is detected.
    mapping: ColumnMapping | dict[str, str] | None = None
    header_row: int | None = None  # 1-based; None: detect (may be below title rows)
    # Round amounts holding a fraction of a cent half-up before checking (the user asked).
    round_cents: bool = False
    # Old code -> company code (app.core.account_mapping), applied before checking.
    account_map: Mapping[str, str] | None = None


@dataclass
class ImportResult:
    path: Path
    sheet: str
    header_row: int
    headers: list[str]
    mapping: ColumnMapping
    entries: list[JournalEntry]
    problems: list[Problem]
    row_count: int  # data rows read (non-empty rows below the header)
    roundings: list[CentRounding] = field(default_factory=list)  # with round_cents
    # What each cell that could not be read held, by (worksheet row, field): the grid shows
    # it as it was, marked, rather than a blank cell.
    cell_texts: dict[tuple[int, str], str] = field(default_factory=dict)
    remapped: list[Remap] = field(default_factory=list)  # lines options.account_map changed

    @property
    def ok(self) -> bool:
        """True only when every row was read and every entry passed every check."""
        return not self.problems

    def problems_by_row(self) -> dict[int, list[Problem]]:
        """Problems per worksheet row (row 0 for problems not tied to a row)."""
        by_row: dict[int, list[Problem]] = {}
        for problem in self.problems:
            by_row.setdefault(problem.row or 0, []).append(problem)
        return by_row


# --- public functions ---------------------------------------------------------------------


def list_sheets(path: Path | str) -> list[str]:
    """The workbook's worksheet names, in workbook order (chart sheets left out)."""
    with _open_workbook(Path(path)) as workbook:
        return _worksheet_names(workbook)


def _worksheet_names(workbook: python_calamine.CalamineWorkbook) -> list[str]:
    try:
        kinds = {meta.name: meta.typ for meta in workbook.sheets_metadata}
    except Exception:  # metadata is a refinement; every sheet name is still a candidate
        return list(workbook.sheet_names)
    skipped = (python_calamine.SheetTypeEnum.ChartSheet, python_calamine.SheetTypeEnum.Vba)
    return [name for name in workbook.sheet_names if kinds.get(name) not in skipped]


def detect_mapping(headers: list[str]) -> ColumnMapping:
    """Map columns from their header names (Indonesian or English). Per field the best name
    wins, then the leftmost column. When debit and credit are both present, a column that
    looks like a signed amount is left unmapped."""
    best: dict[str, tuple[int, int]] = {}  # field -> (rank, column)
    for column, header in enumerate(headers):
        found = field_for_header(header) if header not in ("", None) else None
        if found is None:
            continue
        field_name, rank = found
        if field_name not in best or rank < best[field_name][0]:
            best[field_name] = (rank, column)
    mapping = ColumnMapping(**{name: column for name, (_, column) in best.items()})
    if mapping.debit is not None and mapping.credit is not None:
        mapping.amount = None
    return mapping


def read_rows(path: Path | str, sheet: str | None = None) -> tuple[str, list[list[object]]]:
    """The raw cell values of one sheet, row 1 first, column A first (blank cells are "").
    Without a sheet name: the sheet read_workbook would pick, else the first sheet."""
    path = Path(path)
    with _open_workbook(path) as workbook:
        if sheet is None:
            try:
                found = _find_sheet(path, workbook, None)
                return found.name, _sheet_rows(path, found.sheet)
            except WorkbookError:
                if not workbook.sheet_names:
                    raise WorkbookError(_no_data_text(path)) from None
                sheet = workbook.sheet_names[0]
        elif sheet not in workbook.sheet_names:
            raise WorkbookError(_missing_sheet_text(path, sheet, workbook.sheet_names))
        return sheet, _sheet_rows(path, _get_sheet(path, workbook, sheet))


def read_workbook(
    path: Path | str,
    options: ImportOptions | None = None,
    chart: Mapping[str, Account] | None = None,
) -> ImportResult:
    """Read, map, group and validate the journal in a workbook.

    Returns every entry with every problem found (cells that cannot be read, and what
    validate_entries finds with `chart`). Raises WorkbookError only when nothing usable can
    be read.
    """
    path = Path(path)
    options = options or ImportOptions()
    with _gc_paused(), _open_workbook(path) as workbook:
        found = _find_sheet(path, workbook, options)
        rows = _sheet_rows(path, found.sheet)
        merged = _merged_ranges(found.sheet)
    if len(rows) <= found.header_index + 1:
        raise WorkbookError(_no_rows_text(found.name, found.header_index + 1))
    _fill_merged(rows, merged, found.mapping, found.header_index + 1)
    reader = _SheetReader(path, found, NumberStyle(options.number_style))
    with _gc_paused():
        reader.read(rows)
    if not reader.entries:
        raise WorkbookError(_no_rows_text(found.name, found.header_index + 1))
    reader.check_formulas()
    cell_texts = reader.unreadable_texts(rows)
    roundings = round_cents(reader.entries) if options.round_cents else []
    remapped = remap_entries(reader.entries, options.account_map or {})
    with _gc_paused():
        problems = reader.all_problems(chart)
    return ImportResult(
        path=path,
        sheet=found.name,
        header_row=found.header_index + 1,
        headers=found.headers,
        mapping=found.mapping,
        entries=reader.entries,
        problems=problems,
        row_count=reader.row_count,
        roundings=roundings,
        cell_texts=cell_texts,
        remapped=remapped,
    )


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while building many small objects.

    A 100,000-row sheet creates a few hundred thousand lists, lines and Decimals, none of them
    in reference cycles; the collector would walk them again and again (about a sixth of the
    import time) and find nothing to free. Reference counting still frees memory as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# --- opening the file ---------------------------------------------------------------------


def _open_workbook(path: Path) -> python_calamine.CalamineWorkbook:
    """Open with calamine, turning every way a file can be unusable into a WorkbookError."""
    head = _file_head(path)
    suffix = path.suffix.lower()
    if head.startswith(_ZIP_MAGIC):
        try:
            check_archive(path)
        except ArchiveBomb as bomb:
            raise WorkbookError(bomb.text) from None
        by_name = suffix in _ZIP_SUFFIXES
    elif head.startswith(_OLE_MAGIC):
        if _is_encrypted_package(path):
            raise WorkbookError(_password_text(path))
        by_name = suffix in _OLE_SUFFIXES
    else:
        raise WorkbookError(_not_a_workbook_text(path))
    try:
        if by_name:
            return python_calamine.CalamineWorkbook.from_path(path)
        # The content does not match the name (an .xls renamed .xlsx): let calamine sniff it.
        with path.open("rb") as stream:
            return python_calamine.CalamineWorkbook.from_filelike(stream)
    except python_calamine.PasswordError:
        raise WorkbookError(_password_text(path)) from None
    except BaseException as error:  # calamine's Rust panics arrive as BaseException
        if isinstance(error, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        if head.startswith(_OLE_MAGIC) and suffix in _OOXML_SUFFIXES:
            # An .xlsx that is a compound file and not a readable .xls: Excel's encryption.
            raise WorkbookError(_password_text(path)) from None
        if _mentions_password(error):
            raise WorkbookError(_password_text(path)) from None
        raise WorkbookError(_corrupt_text(path, error)) from None


def _file_head(path: Path) -> bytes:
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
    except FileNotFoundError:
        raise WorkbookError(
            tr(
                "Berkas {p} tidak ditemukan; periksa nama dan foldernya.",
                "File {p} was not found; check its name and folder.",
                p=path,
            )
        ) from None
    except IsADirectoryError:
        raise WorkbookError(
            tr(
                "{p} adalah folder, bukan berkas; pilih berkas Excel di dalamnya.",
                "{p} is a folder, not a file; choose an Excel file inside it.",
                p=path,
            )
        ) from None
    except OSError as error:
        raise WorkbookError(
            tr(
                "Berkas {p} tidak bisa dibuka ({e}). Jika sedang terbuka di program lain, "
                "tutup dulu, lalu coba lagi.",
                "File {p} cannot be opened ({e}). If another program has it open, close it "
                "and try again.",
                p=path.name,
                e=error.strerror or error,
            )
        ) from None
    if not head:
        raise WorkbookError(
            tr(
                "Berkas {p} kosong (0 byte); simpan ulang dari Excel lalu impor lagi.",
                "File {p} is empty (0 bytes); save it again from Excel and import again.",
                p=path.name,
            )
        )
    return head


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


def _password_text(path: Path) -> Text:
    return tr(
        "Berkas {p} dilindungi kata sandi: buka di Excel, hapus kata sandinya (File > Info > "
        "Protect Workbook > Encrypt with Password, kosongkan), simpan, lalu impor lagi.",
        "{p} is protected by a password: open it in Excel, remove the password (File > Info > "
        "Protect Workbook > Encrypt with Password, clear it), save, and import again.",
        p=path.name,
    )


def _not_a_workbook_text(path: Path) -> Text:
    return tr(
        "Berkas {p} bukan buku kerja Excel (.xlsx, .xlsm, .xls atau .ods). Buka di Excel, "
        "simpan sebagai Buku Kerja Excel (.xlsx), lalu impor lagi.",
        "{p} is not an Excel workbook (.xlsx, .xlsm, .xls or .ods). Open it in Excel, save it "
        "as an Excel Workbook (.xlsx), and import again.",
        p=path.name,
    )


def _corrupt_text(path: Path, error: BaseException) -> Text:
    return tr(
        "Berkas {p} rusak atau tidak lengkap dan tidak bisa dibaca ({e}). Buka di Excel, "
        "simpan ulang sebagai .xlsx, lalu impor lagi.",
        "{p} is damaged or incomplete and cannot be read ({e}). Open it in Excel, save it "
        "again as .xlsx, and import again.",
        p=path.name,
        e=str(error) or type(error).__name__,
    )


def _no_data_text(path: Path) -> Text:
    return tr(
        "Buku kerja {p} tidak berisi data.",
        "Workbook {p} contains no data.",
        p=path.name,
    )


def _no_rows_text(sheet: str, header_row: int) -> Text:
    return tr(
        "Lembar '{s}' punya judul kolom di baris {r} tetapi tidak ada baris jurnal di bawahnya; "
        "isi jurnalnya di bawah judul, lalu impor lagi.",
        "Sheet '{s}' has its headers in row {r} but no journal rows below them; fill in the "
        "journal under the headers and import again.",
        s=sheet,
        r=header_row,
    )


# --- finding the sheet, the header row and the mapping -------------------------------------


@dataclass
class _Found:
    name: str
    header_index: int  # 0-based row index of the header
    headers: list[str]
    mapping: ColumnMapping
    sheet: python_calamine.CalamineSheet | None = None  # kept: parsing it again is costly


@dataclass
class _Attempt:
    """The closest a sheet came to having a header, for the error message."""

    sheet: str
    headers: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    recognised: int = -1
    empty: bool = True


def _find_sheet(
    path: Path, workbook: python_calamine.CalamineWorkbook, options: ImportOptions | None
) -> _Found:
    options = options or ImportOptions()
    names = _worksheet_names(workbook)
    if options.sheet is not None:
        if options.sheet not in workbook.sheet_names:
            raise WorkbookError(_missing_sheet_text(path, options.sheet, names))
        names = [options.sheet]
    attempts = []
    for name in names:
        try:
            sheet = _get_sheet(path, workbook, name)  # parses the whole sheet: once only
            top = _sheet_top(path, sheet, options.header_row)
        except WorkbookError:
            if len(names) == 1:
                raise
            continue  # an unreadable sheet among others: look for the journal elsewhere
        found, attempt = _find_header(name, top, options)
        if found is not None:
            found.sheet = sheet
            return found
        attempts.append(attempt)
    if isinstance(options.mapping, dict) and attempts:
        # Say which of the user's column names is wrong, judged on the likeliest header row.
        best = max(attempts, key=lambda a: a.recognised)
        ColumnMapping.from_names(best.headers, options.mapping)
    raise WorkbookError(_no_header_text(path, attempts, options))


def _missing_sheet_text(path: Path, sheet: str, names: list[str]) -> Text:
    return tr(
        "Lembar '{s}' tidak ada di {p}; lembar yang ada: {names}.",
        "Sheet '{s}' is not in {p}; its sheets are: {names}.",
        s=sheet,
        p=path.name,
        names=", ".join(names) or "-",
    )


def _sheet_top(
    path: Path, sheet: python_calamine.CalamineSheet, header_row: int | None
) -> list[list[object]]:
    rows = HEADER_SCAN_ROWS if header_row is None else max(header_row, 1)
    try:
        return sheet.to_python(skip_empty_area=False, nrows=rows)
    except Exception as error:
        raise WorkbookError(_corrupt_text(path, error)) from None


def _get_sheet(
    path: Path, workbook: python_calamine.CalamineWorkbook, name: str
) -> python_calamine.CalamineSheet:
    try:
        return workbook.get_sheet_by_name(name)
    except python_calamine.PasswordError:
        raise WorkbookError(_password_text(path)) from None
    except BaseException as error:  # calamine's Rust panics arrive as BaseException
        if isinstance(error, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        raise WorkbookError(_corrupt_text(path, error)) from None


def _sheet_rows(path: Path, sheet: python_calamine.CalamineSheet) -> list[list[object]]:
    try:
        return sheet.to_python(skip_empty_area=False)
    except BaseException as error:
        if isinstance(error, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        raise WorkbookError(_corrupt_text(path, error)) from None


def _merged_ranges(
    sheet: python_calamine.CalamineSheet,
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    try:
        return sheet.merged_cell_ranges or []
    except Exception:  # merged ranges only refine grouping; reading goes on without them
        return []


def _find_header(
    name: str, top: list[list[object]], options: ImportOptions
) -> tuple[_Found | None, _Attempt]:
    """The header row: the first row (from the top, past title rows) whose headers give a
    complete mapping. A mapping that does not depend on header text (a ColumnMapping, or
    column letters only) fits any row, so then the row must also look like a header."""
    attempt = _Attempt(name)
    if options.header_row is not None:
        candidates = [options.header_row - 1] if 0 < options.header_row <= len(top) else []
    else:
        candidates = list(range(len(top)))
    complete: list[tuple[int, list[str], ColumnMapping]] = []
    for index in candidates:
        headers = [_cell_text(value) for value in top[index]]
        if not any(headers):
            continue
        attempt.empty = False
        mapping = _mapping_for(headers, options.mapping)
        missing = mapping.missing_required()
        if not missing:
            complete.append((index, headers, mapping))
            if options.header_row is not None or not _fits_any_row(options.mapping):
                break
        recognised = max(len(mapping.as_dict()), len(detect_mapping(headers).as_dict()))
        if recognised > attempt.recognised:
            attempt.headers, attempt.missing, attempt.recognised = headers, missing, recognised
    chosen = _choose_header(complete, options)
    if chosen is None:
        return None, attempt
    index, headers, mapping = chosen
    return _Found(name, index, headers, mapping), attempt


def _fits_any_row(wanted: ColumnMapping | dict[str, str] | None) -> bool:
    if isinstance(wanted, ColumnMapping):
        return True
    return bool(wanted) and all(column_index(str(name)) is not None for name in wanted.values())


def _choose_header(
    complete: list[tuple[int, list[str], ColumnMapping]], options: ImportOptions
) -> tuple[int, list[str], ColumnMapping] | None:
    if not complete:
        return None
    if options.header_row is not None or not _fits_any_row(options.mapping):
        return complete[0]
    # Prefer a row whose names we recognise, then the first row wide enough to be a header
    # (a title row is usually a single cell).
    for candidate in complete:
        if len(detect_mapping(candidate[1]).as_dict()) >= 2:
            return candidate
    for candidate in complete:
        if sum(1 for header in candidate[1] if header) >= 3:
            return candidate
    return complete[0]


def _mapping_for(
    headers: list[str], wanted: ColumnMapping | dict[str, str] | None
) -> ColumnMapping:
    if isinstance(wanted, ColumnMapping):
        return wanted
    detected = detect_mapping(headers)
    if not wanted:
        return detected
    try:
        explicit = ColumnMapping.from_names(headers, wanted)
    except MappingError:
        # Named headers that are not in this row: this row is not the header row.
        return ColumnMapping()
    return _overlay(detected, explicit, wanted)


def _overlay(detected: ColumnMapping, explicit: ColumnMapping, wanted: dict) -> ColumnMapping:
    """Detected columns, with the user's choices winning: a column the user assigned is
    taken away from any detected field, and choosing a signed amount drops detected
    debit/credit (and the other way round)."""
    taken = set(explicit.as_dict().values())
    result = ColumnMapping(
        **{f: i for f, i in detected.as_dict().items() if i not in taken and f not in wanted}
    )
    for field_name, index in explicit.as_dict().items():
        setattr(result, field_name, index)
    if "amount" in wanted and not {"debit", "credit"} & set(wanted):
        result.debit = result.credit = None
    elif {"debit", "credit"} & set(wanted) and "amount" not in wanted:
        result.amount = None
    return result


def _column_by_name(headers: list[str], name: str) -> int | None:
    for index, header in enumerate(headers):
        if header == name.strip():
            return index
    wanted = normalize_header(name)
    if wanted:
        for index, header in enumerate(headers):
            if header and normalize_header(header) == wanted:
                return index
    return column_index(name)


def _no_header_text(path: Path, attempts: list[_Attempt], options: ImportOptions) -> Text:
    if all(attempt.empty for attempt in attempts):
        if len(attempts) == 1:
            return tr(
                "Lembar '{s}' kosong; isi jurnal di lembar itu atau pilih lembar lain.",
                "Sheet '{s}' is empty; fill in the journal there or choose another sheet.",
                s=attempts[0].sheet,
            )
        return _no_data_text(path)
    best = max((a for a in attempts if not a.empty), key=lambda a: a.recognised)
    where = (
        tr("di baris {r}", "in row {r}", r=options.header_row)
        if options.header_row is not None
        else tr("di {n} baris teratas", "in the top {n} rows", n=HEADER_SCAN_ROWS)
    )
    found = ", ".join(h for h in best.headers if h) or "-"
    needed = tr(
        "Tanggal, No. Bukti, Kode Akun, dan Debit + Kredit (atau satu kolom Jumlah bertanda)",
        "Date, Reference, Account, and Debit + Credit (or one signed Amount column)",
    )
    return tr(
        "Baris judul kolom tidak ditemukan {where} lembar '{s}'. Dibutuhkan: {needed}. "
        "Yang ditemukan: {found}; yang kurang: {missing}. Ganti nama judul kolom atau petakan "
        "kolomnya sendiri.",
        "No header row found {where_en} of sheet '{s}'. Needed: {needed_en}. Found: {found}; "
        "missing: {missing_en}. Rename the headers or map the columns yourself.",
        where=where.id,
        where_en=where.en,
        s=best.sheet,
        needed=needed.id,
        needed_en=needed.en,
        found=found,
        missing=field_list(best.missing).id,
        missing_en=field_list(best.missing).en,
    )


def _fill_merged(
    rows: list[list[object]],
    merged: list[tuple[tuple[int, int], tuple[int, int]]],
    mapping: ColumnMapping,
    first_data: int,
) -> None:
    """Copy a merged cell's value down its range for date, reference and description (calamine
    gives it only in the top-left cell); merged amounts are left alone, never multiplied."""
    columns = {mapping.date, mapping.reference, mapping.description}
    for (top, left), (bottom, _right) in merged:
        if left not in columns or not first_data <= top < len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for row in rows[top + 1 : bottom + 1]:
            if left < len(row):
                row[left] = value


# --- cell conversion ------------------------------------------------------------------------


def _cell_text(value: object) -> str:
    """A cell as text: numbers without a trailing '.0' (account 1100.0 -> '1100')."""
    kind = type(value)
    if kind is str:
        return value.strip()  # type: ignore[union-attr]
    if kind is float:
        return str(int(value)) if value.is_integer() else repr(value)  # type: ignore[union-attr]
    if value is None:
        return ""
    if kind is int:
        return str(value)
    if isinstance(value, datetime):
        return format_date(value.date()) if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return format_date(value)
    return str(value).strip()


def _float_amount(value: float) -> Decimal | None:
    """A float cell's amount the short way (most cells), or None when it needs parse_amount:
    binary noise (0.30000000000000004) or a fraction of a cent (10.125)."""
    if -1e13 < value < 1e13:  # False for nan too
        exact = Decimal(repr(value))
        rounded = exact.quantize(CENT)
        if rounded == exact:
            return rounded
    return None


def _formula_problem_text() -> Text:
    return tr(
        "Sel ini berisi rumus tanpa nilai tersimpan: buka berkas di Excel, simpan, lalu impor "
        "lagi.",
        "Formula without a saved value: open the file in Excel, save it, and import again.",
    )


def _date_mismatch_text(reference: str, line_date: date, entry_date: date) -> Text:
    return tr(
        "Tanggal baris ini ({d}) berbeda dari tanggal jurnal {ref} ({e}); satu jurnal punya "
        "satu tanggal. Samakan tanggalnya atau beri nomor bukti lain.",
        "This row's date ({d}) differs from entry {ref}'s date ({e}); an entry has one date. "
        "Make the dates equal or give this row another reference.",
        d=format_date(line_date),
        e=format_date(entry_date),
        ref=reference,
    )


def _continues(entry: JournalEntry, reference: str, day: date | None) -> bool:
    """Whether a row belongs to the entry above: the same reference, or no reference and
    either no date (a continuation row, or a merged cell) or the entry's own date."""
    if reference:
        return reference == entry.reference
    return day is None or day == entry.date


_PARSED_FIELDS = frozenset({"date", "debit", "credit", "amount", "rate", "prime_amount"})


class _SheetReader:
    """Turns one sheet's rows into entries; keeps the cell problems it finds on the way."""

    def __init__(self, path: Path, found: _Found, style: NumberStyle) -> None:
        self.path = path
        self.sheet = found.name
        self.mapping = found.mapping
        self.header_index = found.header_index
        self.style = style
        self.labels = self._labels(found.headers)
        self.entries: list[JournalEntry] = []
        self.problems: list[Problem] = []
        self.row_count = 0
        self.bad_cells: set[tuple[int, str]] = set()  # (row, field kind) read with a problem
        self._dates: dict[object, tuple[date | None, Text | None]] = {}
        self._amounts: dict[object, tuple[Decimal | None, Text | None]] = {}

    def _labels(self, headers: list[str]) -> dict[str, str]:
        """Column label per field, like 'E (Debit)', as shown in problems."""
        labels = {}
        for field_name, index in self.mapping.as_dict().items():
            header = headers[index] if index < len(headers) else ""
            letter = column_letter(index)
            labels[field_name] = f"{letter} ({header})" if header else letter
        if self.mapping.uses_amount:
            labels["debit"] = labels["credit"] = labels["amount"]
        if "debit" in labels:
            labels[BALANCE] = labels["debit"]  # an entry's totals are shown on its debit cell
        return labels

    # The loop below runs once per row of a sheet that may have 100,000 rows: cells are read
    # by index into locals, text and float cells take an inline short route, parsed dates
    # are cached, and only unusual cells go through the slower helpers.
    def read(self, rows: list[list[object]]) -> None:
        m = self.mapping
        mapped = [m.date, m.reference, m.description, m.account, m.memo, m.department]
        mapped += [m.project, *([m.amount] if m.uses_amount else [m.debit, m.credit])]
        # Branch, party, currency and classifications: None when the sheet has none of them.
        optional = OptionalCells.for_mapping(m.as_dict(), _cell_text, self._problem, self.style)
        if optional is not None:
            mapped += optional.columns
        used = [c for c in mapped if c is not None]
        # Unmapped fields read a blank cell added past the last column, so every field is a
        # plain index and the loop needs no "is the column mapped" tests.
        blank = max(max(used) + 1, max(map(len, rows), default=0))
        pad = [""] * (blank + 1)

        def at(column: int | None) -> int:
            return blank if column is None else column

        date_i, reference_i, account_i = at(m.date), at(m.reference), at(m.account)
        # With no description column, the line memo describes the entry (Accurate's own
        # import calls that column "Keterangan").
        description_i = at(m.description if m.description is not None else m.memo)
        memo_i, department_i, project_i = at(m.memo), at(m.department), at(m.project)
        debit_i, credit_i = at(m.debit), at(m.credit)
        uses_amount, amount_i = m.uses_amount, at(m.amount)
        text, dates, amount_of, float_amount = _cell_text, self._dates, self._amount, _float_amount
        entry: JournalEntry | None = None
        for index in range(self.header_index + 1, len(rows)):
            row = rows[index]
            if len(row) <= blank:
                row.extend(pad[len(row) :])
            for column in used:
                value = row[column]
                if (
                    value != ""
                    and value is not None
                    and not (type(value) is str and not value.strip())
                ):
                    break
            else:
                continue  # an empty row (or only cells outside the mapped columns)
            number = index + 1
            self.row_count += 1
            raw = row[reference_i]
            reference = raw.strip() if type(raw) is str else text(raw)
            raw = row[date_i]
            cached = dates.get(raw) if type(raw) is not bool else None
            if cached is not None and cached[1] is None:
                day = cached[0]
            else:
                day, _read = self._date(raw, number, reference)
            if entry is None or not _continues(entry, reference, day):
                entry = self._start_entry(day, reference)
            elif day is not None and entry.date is not None and day != entry.date:
                mismatch = _date_mismatch_text(entry.reference, day, entry.date)
                self._problem(number, "date", entry.reference, mismatch)
            if not entry.description:
                raw = row[description_i]
                entry.description = raw.strip() if type(raw) is str else text(raw)
            raw = row[account_i]
            account = raw.strip() if type(raw) is str else text(raw)
            if uses_amount:
                debit, credit = self._signed(row[amount_i], number, entry.reference)
            else:
                raw = row[debit_i]
                if raw == "":
                    debit = None
                elif type(raw) is not float or (debit := float_amount(raw)) is None:
                    debit = amount_of(raw, number, "debit", entry.reference)
                raw = row[credit_i]
                if raw == "":
                    credit = None
                elif type(raw) is not float or (credit := float_amount(raw)) is None:
                    credit = amount_of(raw, number, "credit", entry.reference)
                if debit is None:
                    debit = ZERO
                if credit is None:
                    credit = ZERO
            raw = row[memo_i]
            memo = raw.strip() if type(raw) is str else text(raw)
            raw = row[department_i]
            department = raw.strip() if type(raw) is str else text(raw)
            raw = row[project_i]
            project = raw.strip() if type(raw) is str else text(raw)
            line = JournalLine(account, debit, credit, memo, department, project, number)
            if optional is not None:
                optional.fill(line, entry, row, number)
            entry.lines.append(line)

    def _start_entry(self, day: date | None, reference: str) -> JournalEntry:
        entry = JournalEntry(day, reference, "", [], self.sheet)
        self.entries.append(entry)
        return entry

    def _date(self, raw: object, number: int, reference: str) -> tuple[date | None, bool]:
        """(date or None, False when the cell held something that is not a date)."""
        if raw == "" or raw is None:
            return None, True
        cached = self._dates.get(raw) if type(raw) is not bool else None
        if cached is None:
            try:
                cached = (parse_date(raw), None)
            except DateError as error:
                cached = (None, error.text)
            if type(raw) is not bool:
                self._dates[raw] = cached
        day, text = cached
        if text is not None:
            self._problem(number, "date", reference, text)
            return None, False
        return day, True

    def _signed(self, raw: object, number: int, reference: str) -> tuple[Decimal, Decimal]:
        """(debit, credit) from one signed amount: positive is a debit, negative a credit."""
        amount = self._amount(raw, number, "amount", reference)
        if amount is None:
            return ZERO, ZERO
        return (ZERO, -amount) if amount < 0 else (amount, ZERO)

    def _amount(self, raw: object, number: int, field_name: str, reference: str) -> Decimal | None:
        if raw == "" or raw is None:
            return None
        if type(raw) is float:
            amount = _float_amount(raw)
            if amount is not None:
                return amount
        try:
            return parse_amount(raw, self.style)
        except FractionOfCentError as error:
            return error.value  # kept exactly; validation reports it as fixable by rounding
        except AmountError as error:
            self._problem(number, field_name, reference, error.text)
            return None

    def _problem(self, number: int, field_name: str, reference: str, text: Text) -> None:
        kind = "amount" if field_name in _AMOUNT_FIELDS else field_name
        self.bad_cells.add((number, kind))
        label = self.labels.get(field_name, field_name)
        self.problems.append(Problem(text, self.sheet, number, label, field_name, reference))

    # --- after the loop -------------------------------------------------------------------

    def unreadable_texts(self, rows: list[list[object]]) -> dict[tuple[int, str], str]:
        """The text of every date, amount or number cell that could not be read."""
        columns = self.mapping.as_dict()
        found: dict[tuple[int, str], str] = {}
        for problem in self.problems:
            column = columns.get(problem.field)
            if problem.field not in _PARSED_FIELDS or column is None or problem.row is None:
                continue
            row = rows[problem.row - 1]
            text = _cell_text(row[column]) if column < len(row) else ""
            if text:
                found[(problem.row, problem.field)] = text
        return found

    def check_formulas(self) -> None:
        """Report cells that calamine read as empty because they hold a formula Excel never
        calculated (a file written by a program, not saved in Excel), in whatever mapped
        column they sit: a description must not vanish silently any more than an amount.
        Only .xlsx/.xlsm store formulas this way."""
        if self.path.suffix.lower() not in _OOXML_SUFFIXES:
            return
        formulas = uncached_formula_cells(self.path, self.sheet)
        if not formulas:
            return
        fields_by_column = {index: name for name, index in self.mapping.as_dict().items()}
        references = {line.row: e.reference for e in self.entries for line in e.lines}
        for number, column in sorted(formulas):
            field_name = fields_by_column.get(column)
            if field_name is None or number <= self.header_index + 1:
                continue
            self._problem(number, field_name, references.get(number, ""), _formula_problem_text())

    def all_problems(self, chart: Mapping[str, Account] | None) -> list[Problem]:
        """Cell problems plus what validate_entries finds, located on the sheet. A line check
        that only repeats a cell problem ("no amount" because the amount cell held text) is
        left out: the cell problem already says what to fix. The entry's balance is always
        reported: it tells the totals as read."""
        problems = list(self.problems)
        for problem in validate_entries(self.entries, chart):
            kind = "amount" if problem.field in _AMOUNT_FIELDS else problem.field
            if (problem.row, kind) in self.bad_cells and problem.field != BALANCE:
                continue
            problems.append(replace(problem, column=self.labels.get(problem.field, "")))
        problems.sort(key=lambda p: p.row or 0)
        return problems
