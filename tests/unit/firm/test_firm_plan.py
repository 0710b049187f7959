"""Reading a firm's run plan: the header row found by its titles in either language (below
title rows, among a firm's own columns), real date cells, CSV with semicolons (Excel in
Indonesian), each job's mode, branch and period, and every problem with its row."""

from __future__ import annotations

from datetime import date, datetime

import pytest

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


TEMPLATE_WORDS = {
    "id": (["Rencana", "Petunjuk"], ["Perusahaan", "Workbook", "Sheet", "Cara kirim"]),
    "en": (["Plan", "Help"], ["Company", "Workbook", "Sheet", "Mode"]),
    "zh": (["计划", "说明"], ["公司", "工作簿", "工作表", "发送方式"]),
}


def template_workbooks(folder):
    for name in ("maju-jaya/agustus.xlsx", "sumber-rejeki/agustus.xlsx"):
        (folder / name).parent.mkdir(exist_ok=True)
        journal(folder / name)


TEMPLATE_PROFILES = [
    Profile("PT Maju Jaya", "accurate", url="https://account.accurate.id"),
    Profile("CV Sumber Rejeki", "accurate", url="https://account.accurate.id"),
]


@pytest.mark.parametrize("language", ["zh", "en", "id"])
def test_the_plan_template_is_in_one_language_and_reads_back_as_its_two_jobs(tmp_path, language):
    from openpyxl import load_workbook

    from app.firm.plan_template import HELP_ROWS, write_plan_template

    template_workbooks(tmp_path)
    path = write_plan_template(tmp_path / "rencana.xlsx", language)
    book = load_workbook(path)
    sheets, titles = TEMPLATE_WORDS[language]
    assert book.sheetnames == sheets
    header = [cell.value for cell in book.worksheets[0][1]]
    assert header[:4] == titles and not any("/" in title for title in header)
    assert [row[0] for row in book[sheets[1]].iter_rows(values_only=True)] == [
        text.get(language) for text in HELP_ROWS
    ]
    assert book.worksheets[0]["F2"].number_format == "dd/mm/yyyy"  # a real date
    plan = read_plan(path, TEMPLATE_PROFILES)
    assert plan.problems == [] and plan.ok
    first, second = plan.jobs
    assert (first.company, first.bulk, first.branch) == ("PT Maju Jaya", True, "Pusat")
    assert (first.start, first.end) == (date(2026, 8, 1), date(2026, 8, 31))
    assert (second.company, second.bulk, second.sheet) == ("CV Sumber Rejeki", False, "Jurnal")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_csv_plan_template_reads_back_in_its_language(tmp_path, language):
    from app.firm.plan_template import write_plan_template

    template_workbooks(tmp_path)
    path = write_plan_template(tmp_path / "rencana.csv", language)
    assert (
        path.read_text(encoding="utf-8-sig")
        .splitlines()[0]
        .startswith(",".join(TEMPLATE_WORDS[language][1]))
    )
    plan = read_plan(path, TEMPLATE_PROFILES)
    assert plan.ok and [job.bulk for job in plan.jobs] == [True, False]
    assert plan.jobs[0].end == date(2026, 8, 31)


def test_a_plan_from_the_earlier_two_language_template_still_reads(tmp_path):
    template_workbooks(tmp_path)
    earlier = [
        "Perusahaan / Company", "Workbook", "Sheet", "Cara kirim / Mode", "Cabang / Branch",
        "Dari tanggal / From date", "Sampai tanggal / To date",
    ]  # fmt: skip
    plan_file = write_workbook(
        tmp_path / "lama.xlsx",
        [
            earlier,
            ["PT Maju Jaya", "maju-jaya/agustus.xlsx", "", "bulk", "Pusat", "01/08/2026", ""],
            ["CV Sumber Rejeki", "sumber-rejeki/agustus.xlsx", "Jurnal", "satu per satu"],
        ],
    )
    plan = read_plan(plan_file, TEMPLATE_PROFILES)
    assert plan.ok and [job.bulk for job in plan.jobs] == [True, False]
    assert plan.jobs[0].start == date(2026, 8, 1) and plan.jobs[0].branch == "Pusat"


@pytest.mark.parametrize("mode", ["批量", "逐条", "Bulk", "One by one"])
def test_the_mode_is_read_in_every_language(tmp_path, mode):
    template_workbooks(tmp_path)
    plan_file = write_workbook(
        tmp_path / "rencana.xlsx",
        [["公司", "工作簿", "发送方式"], ["PT Maju Jaya", "maju-jaya/agustus.xlsx", mode]],
    )
    plan = read_plan(plan_file, TEMPLATE_PROFILES)
    assert plan.ok and plan.jobs[0].bulk is (mode in ("批量", "Bulk"))
