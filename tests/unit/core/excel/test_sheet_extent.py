"""A sheet that reaches far beyond its cells (one value at XFD1048576, a stray value in column
XFD on every row, an .ods row repeated a million times) is refused with a message naming the
farthest cell, before the reader allocates its empty area: the process lives on and its
memory stays small. Ordinary sheets, a lying `<dimension>`, and formatted empty cells far
away are read as before."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.excel.reader import WorkbookError, list_sheets, read_rows, read_workbook
from app.core.excel.sheet_extent import sheet_extent
from tests.helpers.cli_helpers import journal_rows
from tests.helpers.paths import ROOT
from tests.helpers.sparse_workbooks import (
    far_corner_workbook,
    inline,
    journal_row,
    last_cell_xls,
    lying_dimension_workbook,
    repeated_ods,
    wide_sparse_workbook,
    write_sheet_xml,
)
from tests.helpers.workbooks import write_workbook

# Far above what refusing (or reading a small journal) takes, far below what reading the
# empty area would: the measured peaks are in BENCHMARKS.md.
PEAK_MEMORY_MB = 300
# The child may not take more address space than this: without the guard it would die of
# it at once instead of taking the machine's memory.
ADDRESS_SPACE_LIMIT = 3 * 1024**3

_CHILD = """
import sys
from app.core.excel.reader import WorkbookError, read_workbook
try:
    result = read_workbook(sys.argv[1])
    print("READ", len(result.entries))
except WorkbookError as error:
    print("REFUSED", error.text.en)
# VmHWM, not ru_maxrss: a child's ru_maxrss starts at its parent's peak at fork time (a
# whole test session's), while VmHWM belongs to the memory the child has after exec.
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print("PEAK_MB", int(peak.split()[1]) // 1024)
"""


def read_in_child(book: Path) -> tuple[str, int]:
    """read_workbook(book) in a fresh process: what it said, and its peak memory in MB."""

    def limit_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(book)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=limit_memory,
    )
    assert done.returncode == 0, f"the reader died ({done.returncode}): {done.stderr[-600:]}"
    said, peak = done.stdout.rsplit("PEAK_MB", 1)
    return said.strip(), int(peak)


def test_one_cell_at_xfd1048576_is_refused_and_the_process_lives(tmp_path):
    book = far_corner_workbook(tmp_path / "pojok.xlsx")
    assert book.stat().st_size < 2500
    said, peak_mb = read_in_child(book)
    assert said.startswith("REFUSED")
    assert "XFD1048576" in said and "Ctrl+End" in said
    assert peak_mb < PEAK_MEMORY_MB


def test_a_journal_with_a_stray_value_in_column_xfd_is_refused_in_little_memory(tmp_path):
    book = wide_sparse_workbook(tmp_path / "lebar.xlsx", rows=5000)
    said, peak_mb = read_in_child(book)
    assert said.startswith("REFUSED")
    assert "XFD5001" in said and "16,384 columns" in said
    assert peak_mb < PEAK_MEMORY_MB


def test_an_ods_row_repeated_five_thousand_times_across_every_column_is_refused(tmp_path):
    book = repeated_ods(tmp_path / "ulang.ods", rows_repeated=5_000, columns_repeated=16_384)
    said, peak_mb = read_in_child(book)
    assert said.startswith("REFUSED") and "XFD5001" in said
    assert peak_mb < PEAK_MEMORY_MB


def test_an_xls_with_a_value_in_its_last_cell_is_refused_in_little_memory(tmp_path):
    said, peak_mb = read_in_child(last_cell_xls(tmp_path / "ujung.xls"))
    assert said.startswith("REFUSED") and "IV65536" in said
    assert peak_mb < PEAK_MEMORY_MB


def test_an_ordinary_xls_is_measured_sheet_by_sheet_as_the_reader_sees_it(tmp_path):
    sheets = {"Catatan": [["x", "y"]], "Jurnal": journal_rows(40), "Lain": [[1]] * 5}
    book = write_workbook(tmp_path / "tiga.xls", sheets)
    extents = {name: sheet_extent(book, name) for name in sheets}
    assert {name: (e.rows, e.columns) for name, e in extents.items()} == {
        "Catatan": (1, 2),
        "Jurnal": (83, 7),
        "Lain": (5, 1),
    }
    assert len(read_workbook(book).entries) == 40


def test_the_refusal_is_in_indonesian_too(tmp_path):
    book = far_corner_workbook(tmp_path / "pojok.xlsx")
    with pytest.raises(WorkbookError) as refused:
        read_rows(book)
    assert "terbentang sampai sel XFD1048576" in refused.value.text.id
    assert list_sheets(book) == ["Jurnal"]  # naming the sheets reads none of them


def test_a_dimension_claiming_the_whole_sheet_is_not_believed(tmp_path):
    book = lying_dimension_workbook(tmp_path / "dusta.xlsx")
    assert len(read_workbook(book).entries) == 2


def test_formatted_empty_cells_far_away_do_not_count(tmp_path):
    rows = [journal_row(row) for row in range(2, 6)]
    far = '<row r="1048576"><c r="XFD1048576" s="1"/><c r="XFC1048576"><v></v></c></row>'
    header = "".join(inline(f"{c}1", n) for c, n in zip("ABCDE", ["Tanggal", "No. Bukti",
                     "Kode Akun", "Debit", "Kredit"], strict=True))  # fmt: skip
    book = write_sheet_xml(tmp_path / "format.xlsx", [f'<row r="1">{header}</row>', *rows, far])
    assert len(read_workbook(book).entries) == 2


def test_a_sparse_sheet_beside_the_journal_does_not_stop_the_import(tmp_path):
    book = write_workbook(tmp_path / "dua.xlsx", {"Jurnal": journal_rows(3), "Catatan": [["x"]]})
    assert len(read_workbook(book).entries) == 3


def test_cells_without_their_place_are_placed_as_the_reader_places_them(tmp_path):
    row = '<row r="1048576">' + '<c t="inlineStr"><is><t>x</t></is></c>' * 3 + "</row>"
    book = write_sheet_xml(tmp_path / "tanpa_r.xlsx", [row])
    extent = sheet_extent(book, "Jurnal")
    assert (extent.rows, extent.columns) == (1_048_576, 3)


def test_an_ordinary_journal_is_bounded_without_the_slow_tiers(tmp_path):
    book = write_workbook(tmp_path / "biasa.xlsx", journal_rows(50))
    extent = sheet_extent(book, "Jurnal")
    assert extent.cells == 0 and extent.area <= 4_000_000  # judged by the first tier alone
