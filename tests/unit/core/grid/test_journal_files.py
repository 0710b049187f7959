"""The journal page's file work and messages without a window: a workbook read and laid out
on a worker, the template and report written, and what the page says afterwards."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.core.excel.reader import ImportOptions, read_rows
from app.core.grid.page_files import import_workbook, save_error_report, save_template
from app.core.grid.page_words import (
    INFO,
    WARNING,
    file_error_text,
    imported_message,
    readiness,
    template_saved_text,
)
from app.core.i18n import JurnalError, Text
from app.core.tasks import TaskCancelled, TaskState
from tests.helpers.journal_data import CHART
from tests.helpers.paths import ROOT
from tests.helpers.workbooks import write_workbook

HEADER = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit"]
ROWS = [
    [date(2026, 1, 7), "JU-2", "Listrik", "6105", 2350000, None],
    [date(2026, 1, 7), "JU-2", "Listrik", "1102", None, 2350000],
    [date(2026, 1, 8), "JU-3", "Tidak seimbang", "6105", 100, None],
    [date(2026, 1, 8), "JU-3", "Tidak seimbang", "1102", None, 90],
]


def test_a_workbook_is_read_checked_and_laid_out_for_the_grid(tmp_path):
    path = write_workbook(tmp_path / "jurnal.xlsx", {"Catatan": [["x"]], "Jurnal": [HEADER, *ROWS]})
    outcome = import_workbook(path, ImportOptions(sheet="Jurnal"), CHART, TaskState())
    assert outcome.sheets == ["Catatan", "Jurnal"]
    assert [entry.reference for entry in outcome.result.entries] == ["JU-2", "JU-3"]
    assert len(outcome.table.lines) == 4
    kind, text = imported_message(outcome.result, 4, len(outcome.result.problems), 0)
    assert kind == WARNING and "problem" in text.get("en")
    assert text.get("en").startswith("jurnal.xlsx: 2 entries, 4 lines read from sheet 'Jurnal'.")


def test_a_cancelled_read_stops_before_laying_out(tmp_path):
    path = write_workbook(tmp_path / "jurnal.xlsx", [HEADER, *ROWS])
    state = TaskState()
    state.cancel.set()
    with pytest.raises(TaskCancelled):
        import_workbook(path, ImportOptions(), CHART, state)


def test_the_template_and_the_problem_report_are_real_workbooks(tmp_path):
    template = save_template(tmp_path / "templat.xlsx", TaskState())
    assert import_workbook(template, ImportOptions(), None, TaskState()).result.entries
    source = write_workbook(tmp_path / "jurnal.xlsx", [HEADER, *ROWS])
    outcome = import_workbook(source, ImportOptions(), CHART, TaskState())
    report = save_error_report(outcome.result, tmp_path / "masalah.xlsx", TaskState())
    _sheet, rows = read_rows(report)
    assert any("JU-3" in str(cell) for row in rows for cell in row)


def test_a_clean_import_says_every_entry_is_ready(tmp_path):
    path = write_workbook(tmp_path / "jurnal.xlsx", [HEADER, *ROWS[:2]])
    outcome = import_workbook(path, ImportOptions(), CHART, TaskState())
    kind, text = imported_message(outcome.result, 2, 0, 0)
    assert kind == INFO and text.get("id").endswith("Semua jurnal siap diposting.")


def test_file_errors_say_what_happened_in_both_languages():
    missing = file_error_text(FileNotFoundError(2, "No such file or directory"))
    assert "file or folder not found" in missing.get("en")
    assert "tidak ditemukan" in missing.get("id") and "Periksa" in missing.get("id")
    assert "No such file or directory" not in missing.both()
    own = JurnalError(Text("Lembar tidak ada", "No such sheet"))
    assert file_error_text(own).get("en") == "No such sheet"
    odd = file_error_text(ValueError("bad"))
    assert "(ValueError)" in odd.get("en") and "unchanged" in odd.get("en")
    assert "bad" not in odd.both()


@pytest.mark.parametrize(
    ("lines", "problems", "state"),
    [(0, 0, "empty"), (4, 2, "problems"), (4, 0, "ready")],
)
def test_the_ready_badge_follows_lines_and_problems(lines, problems, state):
    assert readiness(lines, problems)[0] == state


def test_no_message_puts_a_full_stop_after_an_ellipsis():
    """ "Impor Excel…." reads as four dots: a sentence naming a button that ends in "…"
    goes on after it instead."""
    saved = template_saved_text(Path("Templat Jurnal.xlsx"))
    assert "…." not in saved.id and "…." not in saved.en
    app = ROOT / "app"
    offenders = [
        f"{source.relative_to(app)}:{number}"
        for source in app.rglob("*.py")
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1)
        if "…." in line
    ]
    assert offenders == []
