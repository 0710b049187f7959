"""The cells of a plan file (.csv or a workbook's first sheet), by column: the header row is
found by its titles, in any language Jurnal Desk speaks (the template writes them in one) or
in the earlier two-language form ("Perusahaan / Company"), so a firm may add its own columns
or title rows.

A CSV may be separated by commas or semicolons (Excel in Indonesian saves with semicolons)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from app.core.i18n import Text, ctr, languages, tr

# The plan's columns, as the template titles them.
COLUMNS: dict[str, Text] = {
    "company": tr("Perusahaan"),
    "workbook": tr("Workbook"),
    "sheet": tr("Sheet"),
    "mode": tr("Cara kirim"),
    "branch": ctr("judul kolom", "Cabang"),
    "start": tr("Dari tanggal"),
    "end": tr("Sampai tanggal"),
}
# Other titles each column is known by (lower case).
_ALIASES: dict[str, tuple[str, ...]] = {
    "company": ("perusahaan", "company", "profil", "profile"),
    "workbook": ("workbook", "berkas", "file", "buku kerja"),
    "sheet": ("sheet", "lembar"),
    "mode": ("cara kirim", "mode", "cara"),
    "branch": ("cabang", "branch"),
    "start": ("dari tanggal", "from date", "dari", "from", "periode dari", "period from"),
    "end": ("sampai tanggal", "to date", "sampai", "to", "periode sampai", "period to"),
}
_HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True, slots=True)
class PlanRow:
    number: int | None  # the row in the plan file (1-based), None for a folder plan
    cells: dict[str, object]  # column -> value; Path for a workbook a folder names


def read_plan_rows(path: Path) -> tuple[list[PlanRow], Text | None]:
    """The plan's job rows, or why the file cannot be read as a plan."""
    try:
        table = _csv_rows(path) if path.suffix.lower() == ".csv" else _sheet_rows(path)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        return [], _unreadable(path, str(error))
    except Exception as error:  # the workbook reader's own errors (WorkbookError and such)
        return [], _unreadable(path, str(error))
    header_at, columns = _header(table)
    if not columns:
        return [], _no_header(path)
    rows = []
    for index in range(header_at + 1, len(table)):
        values = table[index]
        cells = {name: values[i] if i < len(values) else None for name, i in columns.items()}
        if any(str(v).strip() for v in cells.values() if v is not None):
            rows.append(PlanRow(index + 1, cells))
    return rows, None


def _csv_rows(path: Path) -> list[list[object]]:
    text = path.read_text(encoding="utf-8-sig")
    first = text.splitlines()[0] if text else ""
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [list(row) for row in csv.reader(text.splitlines(), delimiter=delimiter)]


def _sheet_rows(path: Path) -> list[list[object]]:
    from app.core.excel.reader import list_sheets, read_rows

    sheets = list_sheets(path)
    _name, rows = read_rows(path, sheets[0] if sheets else None)
    return rows


def _header(table: list[list[object]]) -> tuple[int, dict[str, int]]:
    """The header row's index and each known column's position; ({}) when none is found."""
    for index, values in enumerate(table[:_HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for position, value in enumerate(values):
            name = _column_named(value)
            if name is not None and name not in columns:
                columns[name] = position
        if "company" in columns and "workbook" in columns:
            return index, columns
    return 0, {}


def _column_named(value: object) -> str | None:
    if value is None:
        return None
    titles = _known_titles()
    # The whole title, else either half of an earlier template's "Perusahaan / Company".
    for part in (str(value), *str(value).split("/")):
        name = titles.get(_plain(part))
        if name is not None:
            return name
    return None


def _known_titles() -> dict[str, str]:
    """Every title a column is known by: its aliases, and the template's title in each
    language (read when a plan is read: a catalog added later is known too)."""
    titles = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}
    for name, title in COLUMNS.items():
        for language in languages():
            titles.setdefault(_plain(title.get(language)), name)
    return titles


def _plain(title: str) -> str:
    return " ".join(title.strip().casefold().split())


def _unreadable(path: Path, reason: str) -> Text:
    return tr(
        "Rencana {p} tidak bisa dibaca: {e}",
        p=path,
        e=reason,
    )


def _no_header(path: Path) -> Text:
    return tr(
        "Rencana {p} tidak punya baris judul dengan kolom 'Perusahaan' dan 'Workbook'. Buat "
        "contohnya dengan: jurnal-desk template --plan rencana.xlsx",
        p=path,
    )
