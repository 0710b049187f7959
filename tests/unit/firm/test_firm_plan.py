"""Reading a firm's run plan: the header row found by its titles in either language (below
title rows, among a firm's own columns), real date cells, CSV with semicolons (Excel in
Indonesian), each job's mode, branch and period, and every problem with its row."""

from __future__ import annotations

from datetime import date, datetime

from app.firm.plan import read_plan
from app.profiles.store import Profile
from tests.helpers.workbooks import write_workbook

PROFILES = [
    Profile("PT Maju Jaya", "accurate", url="https://account.accurate.id"),
    Profile("CV Sumber", "sempoa", url="https://sempoa.id/api/integration"),
]


def journal(path):
    return write_workbook(path, [["Tanggal", "No. Bukti"], [date(2026, 8, 1), "JU/001"]])


def test_a_workbook_plan_with_title_rows_own_columns_and_real_dates(tmp_path):
    journal(tmp_path / "maju.xlsx")
    journal(tmp_path / "sumber.xlsx")
    plan_file = write_workbook(
        tmp_path / "rencana.xlsx",
        [
            ["Rencana tutup buku Agustus 2026"],
            [],
            ["Catatan", "Perusahaan / Company", "Workbook", "Mode", "Branch", "From", "To"],
            ["klien lama", "pt maju jaya", "maju.xlsx", "Bulk", "Cabang Medan",
             datetime(2026, 8, 1), date(2026, 8, 31)],
            [None, "CV Sumber", "sumber.xlsx", "one by one", None, None, None],
            [],
        ],
    )  # fmt: skip
    plan = read_plan(plan_file, PROFILES)
    assert plan.problems == [] and plan.ok
    first, second = plan.jobs
    assert (first.company, first.row, first.bulk, first.branch) == (
        "PT Maju Jaya", 4, True, "Cabang Medan",
    )  # fmt: skip
    assert (first.start, first.end) == (date(2026, 8, 1), date(2026, 8, 31))
    assert first.workbook == tmp_path / "maju.xlsx"
    assert (second.company, second.bulk, second.has_period) == ("CV Sumber", False, False)
    assert plan.companies() == ["PT Maju Jaya", "CV Sumber"]


def test_a_semicolon_csv_reads_like_a_comma_one_and_bad_cells_are_named(tmp_path):
    journal(tmp_path / "maju.xlsx")
    plan_file = tmp_path / "rencana.csv"
    plan_file.write_text(
        "Perusahaan;Workbook;Cara kirim;Dari tanggal;Sampai tanggal\n"
        "PT Maju Jaya;maju.xlsx;satu per satu;1 Agustus 2026;31/08/2026\n"
        "PT Maju Jaya;maju.xlsx;;kemarin;\n",
        encoding="utf-8",
    )
    plan = read_plan(plan_file, PROFILES)
    [job] = plan.jobs
    assert (job.bulk, job.start, job.end) == (False, date(2026, 8, 1), date(2026, 8, 31))
    described = [problem.describe("en") for problem in plan.problems]
    assert described[0].startswith("Row 3: From date: ")
    assert "already named in row 2" in described[1]


def test_a_file_without_the_plans_columns_says_how_to_make_one(tmp_path):
    plan_file = journal(tmp_path / "bukan-rencana.xlsx")
    plan = read_plan(plan_file, PROFILES)
    [problem] = plan.problems
    assert "jurnal-desk template --plan" in problem.text.en and problem.row is None
    assert not plan.ok


def test_the_plan_templates_help_has_a_column_per_language_each_in_its_own_words(tmp_path):
    from openpyxl import load_workbook

    from app.firm.plan_template import HELP_SHEET, write_plan_template

    path = write_plan_template(tmp_path / "rencana.xlsx")
    help_rows = list(load_workbook(path)[HELP_SHEET].iter_rows(values_only=True))
    assert help_rows[0] == ("Bahasa Indonesia", "English", "简体中文")
    assert help_rows[3] == (
        "Sheet: kosong = dideteksi otomatis.",
        "Sheet: empty = detected.",
        "工作表：留空 = 自动检测。",
    )
