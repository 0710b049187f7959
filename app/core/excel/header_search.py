"""Find the journal in a workbook: the sheet, its header row (which may sit below title
rows) and the column mapping; or say, as closely as possible, why no sheet has one."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from app.core.excel.cell_values import CellValue, cell_text
from app.core.excel.column_mapping import ColumnMapping, detect_mapping, mapping_for
from app.core.excel.columns import column_index, field_list
from app.core.excel.import_types import ImportOptions
from app.core.excel.workbook_file import (
    Sheet,
    SheetTooLarge,
    Workbook,
    WorkbookError,
    corrupt_text,
    get_sheet,
    missing_sheet_text,
    no_data_text,
    worksheet_names,
)
from app.core.i18n import Text, tr

HEADER_SCAN_ROWS = 30  # a header is looked for in this many rows from the top (title rows)


@dataclass
class FoundSheet:
    name: str
    header_index: int  # 0-based row index of the header
    headers: list[str]
    mapping: ColumnMapping
    sheet: Sheet  # kept: parsing it again is costly


@dataclass
class _Attempt:
    """The closest a sheet came to having a header, for the error message."""

    sheet: str
    headers: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    recognised: int = -1
    empty: bool = True


def find_sheet(path: Path, workbook: Workbook, options: ImportOptions | None) -> FoundSheet:
    options = options or ImportOptions()
    names = worksheet_names(workbook)
    if options.sheet is not None:
        if options.sheet not in workbook.sheet_names:
            raise WorkbookError(missing_sheet_text(path, options.sheet, names))
        names = [options.sheet]
    attempts = []
    too_large: SheetTooLarge | None = None
    for name in names:
        try:
            sheet = get_sheet(path, workbook, name)  # parses the whole sheet: once only
            top = sheet_top(path, sheet, options.header_row)
        except SheetTooLarge as refused:
            if len(names) == 1:
                raise
            too_large = too_large or refused  # said if the journal is found nowhere else
            continue
        except WorkbookError:
            if len(names) == 1:
                raise
            continue  # an unreadable sheet among others: look for the journal elsewhere
        found, attempt = _find_header(name, sheet, top, options)
        if found is not None:
            return found
        attempts.append(attempt)
    if isinstance(options.mapping, dict) and attempts:
        # Say which of the user's column names is wrong, judged on the likeliest header row.
        best = max(attempts, key=lambda a: a.recognised)
        ColumnMapping.from_names(best.headers, options.mapping)
    if too_large is not None:
        raise too_large
    raise WorkbookError(_no_header_text(path, attempts, options))


def sheet_top(path: Path, sheet: Sheet, header_row: int | None) -> list[list[CellValue]]:
    rows = HEADER_SCAN_ROWS if header_row is None else max(header_row, 1)
    try:
        return sheet.to_python(skip_empty_area=False, nrows=rows)
    except Exception as error:
        raise WorkbookError(corrupt_text(path, error)) from None


def _find_header(
    name: str, sheet: Sheet, top: list[list[CellValue]], options: ImportOptions
) -> tuple[FoundSheet | None, _Attempt]:
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
        headers = [cell_text(value) for value in top[index]]
        if not any(headers):
            continue
        attempt.empty = False
        mapping = mapping_for(headers, options.mapping)
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
    return FoundSheet(name, index, headers, mapping, sheet), attempt


def _fits_any_row(wanted: ColumnMapping | dict[str, str] | None) -> bool:
    if isinstance(wanted, ColumnMapping):
        return True
    if not wanted:
        return False
    return all(column_index(str(name)) is not None for name in wanted.values())


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


def _no_header_text(path: Path, attempts: list[_Attempt], options: ImportOptions) -> Text:
    if all(attempt.empty for attempt in attempts):
        if len(attempts) == 1:
            return tr(
                "Lembar '{s}' kosong; isi jurnal di lembar itu atau pilih lembar lain.",
                s=attempts[0].sheet,
            )
        return no_data_text(path)
    best = max((a for a in attempts if not a.empty), key=lambda a: a.recognised)
    where = (
        tr("di baris {r}", r=options.header_row)
        if options.header_row is not None
        else tr("di {n} baris teratas", n=HEADER_SCAN_ROWS)
    )
    found = ", ".join(h for h in best.headers if h) or "-"
    needed = tr(
        "Tanggal, No. Bukti, Kode Akun, dan Debit + Kredit (atau satu kolom Jumlah bertanda)"
    )
    return tr(
        "Baris judul kolom tidak ditemukan {where} lembar '{s}'. Dibutuhkan: {needed}. "
        "Yang ditemukan: {found}; yang kurang: {missing}. Ganti nama judul kolom atau petakan "
        "kolomnya sendiri.",
        where=where,
        s=best.sheet,
        needed=needed,
        found=found,
        missing=field_list(best.missing),
    )
