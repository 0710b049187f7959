"""Workbooks whose cells hold formulas with the value Excel saved for them (its cache).

openpyxl writes a formula without a cached value, and writes a float with 16 significant
digits (0.1 + 0.2 becomes "0.3"), so neither shows the binary noise Excel itself stores. A
`Cached` cell is written as a formula and then given, in the sheet's XML, the exact value
text Excel would have saved ("0.30000000000000004"), which is what calamine reads.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from app.core.excel.columns import column_letter
from tests.helpers.workbooks import Rows, write_workbook


@dataclass(frozen=True)
class Cached:
    formula: str  # "=E2*1.1"
    value: str  # the value text as Excel saves it: "317626.630000001"


def write_cached_workbook(path: Path, rows: Rows, sheet: str = "Jurnal") -> Path:
    """An .xlsx of `rows` ("Jurnal" sheet) where each Cached cell has its saved value."""
    cached: dict[str, str] = {}
    plain = []
    for r, row in enumerate(rows, start=1):
        values = []
        for c, value in enumerate(row):
            if isinstance(value, Cached):
                cached[f"{column_letter(c)}{r}"] = value.value
                value = value.formula
            values.append(value)
        plain.append(values)
    write_workbook(path, {sheet: plain})
    _fill_cached_values(path, cached)
    return path


def _fill_cached_values(path: Path, cached: dict[str, str]) -> None:
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as source:
        xml = source.read(member).decode("utf-8")
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    for cell, value in cached.items():
        pattern = re.compile(rf'(<c r="{cell}"[^>]*>\s*<f>[^<]*</f>)\s*<v\s*/>')
        xml, count = pattern.subn(rf"\g<1><v>{value}</v>", xml)
        assert count == 1, f"formula cell {cell} not found in the sheet XML"
    temporary = path.with_suffix(".tmp")
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            target.writestr(info, xml.encode("utf-8") if info.filename == member else data)
    shutil.move(temporary, path)
