"""The grid saved as Excel: a real .xlsx in the template's layout that the importer reads back
as the same entries (Decimal amounts exact, optional columns kept), with what could not be
read written back into its cell so the re-import marks it again."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from app.core.books.journal import JournalEntry, JournalLine
from app.core.books.number_style import NumberStyle
from app.core.excel.grid_workbook import (
    EntriesWouldMerge,
    MergingPair,
    merging_neighbours,
    merging_text,
    write_entries,
)
from app.core.excel.reader import read_workbook
from app.core.excel.template import TEMPLATE_HEADERS
from app.core.excel.writing import WorkbookWriteError
from app.core.grid.columns import Column
from app.core.grid.entry_table import EntryTable, table_from_import
from app.drafts.file import snapshot
from tests.helpers.grid_pages import month_of_entries
from tests.helpers.journal_data import CHART

D = Decimal


def as_read(entries: list[JournalEntry]) -> list[JournalEntry]:
    """What an accountant compares: everything but where the line came from."""
    return [
        replace(entry, sheet="", lines=[replace(line, row=None) for line in entry.lines])
        for entry in entries
    ]


def tricky_entries() -> list[JournalEntry]:
    entries = month_of_entries(4)
    entries[0].lines[0].debit = entries[0].lines[1].credit = D("4596996.23")
    big = D("12345678901234.56")  # more digits than a float keeps
    entries[1].lines[0].debit = entries[1].lines[1].credit = big
    entries[2].lines[0].account = "0101"  # a leading zero
    entries[2].lines[0].rate = D("15750.123456")
    entries[2].lines[0].prime_amount = D("6.35")
    entries[2].lines[1].classifications = ("", "Proyek A")
    entries[2].lines[1].customer = "C-001"
    entries[3].branch = "Surabaya"
    entries[3].lines.append(JournalLine("1101", D("0.10"), memo="=SUM(A1)", department="Umum"))
    entries[3].lines[0].debit -= D("0.10")
    return entries


def test_the_saved_workbook_reimports_to_the_same_entries(tmp_path):
    entries = tricky_entries()
    path = write_entries(tmp_path / "jurnal.xlsx", entries)
    result = read_workbook(path, chart=CHART)
    assert as_read(result.entries) == as_read(entries)
    assert result.entries[1].lines[0].debit == D("12345678901234.56")
    assert [p for p in result.problems if p.field not in ("account",)] == []


def test_the_layout_is_the_templates_with_the_optional_columns_in_use(tmp_path):
    path = write_entries(tmp_path / "jurnal.xlsx", tricky_entries())
    sheet = openpyxl.load_workbook(path).active
    headers = [cell.value for cell in sheet[1]]
    assert sheet.title == "Jurnal"
    assert tuple(headers[: len(TEMPLATE_HEADERS)]) == TEMPLATE_HEADERS
    assert headers[len(TEMPLATE_HEADERS) :] == [
        "Cabang", "Pelanggan", "Kurs", "Jumlah Valuta", "Klasifikasi 2",
    ]  # fmt: skip
    first = [cell.value for cell in sheet[2]][:6]
    assert first[:5] == [first[0], "JU-0001", "Beban listrik 1", "6105", 4596996.23]
    assert sheet["E2"].number_format == "#,##0.00"  # a number Excel sums
    assert sheet["E4"].value == "12.345.678.901.234,56"  # exact, as text
    assert sheet["D6"].value == "0101"


def test_plain_entries_get_no_optional_columns(tmp_path):
    path = write_entries(tmp_path / "jurnal.xlsx", month_of_entries(3))
    sheet = openpyxl.load_workbook(path).active
    assert tuple(cell.value for cell in sheet[1]) == TEMPLATE_HEADERS
    assert sheet.max_row == 7


def test_cells_that_could_not_be_read_keep_their_text_and_their_problem(tmp_path):
    table = EntryTable.build(month_of_entries(2), CHART)
    table.edit(0, Column.DEBIT, "12,3,4", NumberStyle.ID)
    table.edit(2, Column.DATE, "31/02/2026", NumberStyle.ID)
    table.edit(3, Column.CREDIT, "101.000,125", NumberStyle.ID)  # a fraction of a cent
    draft = snapshot(table)
    path = write_entries(tmp_path / "jurnal.xlsx", draft.entries, draft.typed_cells())
    again = table_from_import(read_workbook(path, chart=CHART), CHART)
    style = NumberStyle.ID
    assert again.text(0, Column.DEBIT, style) == "12,3,4" and again.is_unreadable(0, Column.DEBIT)
    assert again.text(2, Column.DATE, style) == "31/02/2026"
    assert again.entries[1].lines[1].credit == D("101000.125")
    assert again.problem_count == table.problem_count
    assert as_read(again.copied_entries()) == as_read(table.copied_entries())


def test_a_folder_that_cannot_be_written_says_so(tmp_path):
    with pytest.raises(WorkbookWriteError) as raised:
        write_entries(tmp_path / "nowhere" / "jurnal.xlsx", month_of_entries(1))
    assert "Tidak bisa menyimpan" in raised.value.text.id


def test_an_entry_without_a_date_or_description_round_trips(tmp_path):
    entry = JournalEntry(
        None, "JU-9", "", [JournalLine("6105", D("5")), JournalLine("1102", credit=D("5"))]
    )
    path = write_entries(tmp_path / "jurnal.xlsx", [entry, *month_of_entries(1)])
    result = read_workbook(path, chart=CHART)
    assert as_read(result.entries)[0] == as_read([entry])[0]
    assert date(2026, 1, 2) == result.entries[1].date


# --- neighbours a re-import would read as one --------------------------------------------------


def two_line_entry(day: date | None, reference: str, amount: str) -> JournalEntry:
    return JournalEntry(
        day,
        reference,
        "Listrik",
        [JournalLine("6105", D(amount)), JournalLine("1102", credit=D(amount))],
    )


def test_neighbours_with_one_reference_are_refused_and_nothing_is_written(tmp_path):
    entries = [*month_of_entries(1), two_line_entry(date(2026, 8, 5), "JU-7", "10")]
    entries.append(two_line_entry(date(2026, 8, 6), "JU-7", "20"))  # the same reference
    target = tmp_path / "jurnal.xlsx"
    with pytest.raises(EntriesWouldMerge) as raised:
        write_entries(target, entries)
    assert not target.exists()
    assert raised.value.pairs == [MergingPair(2, 4, "JU-7", date(2026, 8, 6))]
    text = raised.value.text
    assert "No. Bukti JU-7 di baris 3 dan 5" in text.id and "Tidak disimpan" in text.id
    assert "reference JU-7 on lines 3 and 5" in text.en


def test_neighbours_without_a_reference_merge_on_one_date_or_none():
    day = date(2026, 8, 5)
    same_day = [two_line_entry(day, "", "10"), two_line_entry(day, "", "20")]
    assert merging_neighbours(same_day) == [MergingPair(0, 2, "", day)]
    assert (
        "tanpa No. Bukti, tanggal 05/08/2026, di baris 1 dan 3"
        in merging_text(merging_neighbours(same_day)).id
    )
    undated = [two_line_entry(day, "JU-1", "10"), two_line_entry(None, "", "20")]
    assert merging_neighbours(undated) == [MergingPair(0, 2, "", None)]
    # A date that could not be read is written as typed and read as none: it merges too.
    other_day = [two_line_entry(day, "", "10"), two_line_entry(date(2026, 8, 6), "", "20")]
    assert merging_neighbours(other_day) == []
    assert merging_neighbours(other_day, {(2, "date"): "32/08/2026"}) != []


def test_neighbours_that_stay_apart_round_trip_as_they_are(tmp_path):
    day = date(2026, 8, 5)
    entries = [
        two_line_entry(day, "", "10"),
        two_line_entry(date(2026, 8, 6), "", "20"),  # no reference, another date
        two_line_entry(date(2026, 8, 6), "JU-1", "30"),
        two_line_entry(date(2026, 8, 6), "JU-2", "40"),
        two_line_entry(date(2026, 8, 6), "JU-1", "50"),  # JU-1 again, not beside the first
    ]
    assert merging_neighbours(entries) == []
    result = read_workbook(write_entries(tmp_path / "jurnal.xlsx", entries), chart=CHART)
    assert as_read(result.entries) == as_read(entries)


def test_many_pairs_are_named_five_at_a_time():
    day = date(2026, 8, 5)
    entries = [two_line_entry(day, "JU-1", str(n + 1)) for n in range(8)]
    text = merging_text(merging_neighbours(entries))
    assert text.id.count("No. Bukti JU-1") == 5 and "dan 2 pasang lagi" in text.id
