"""The firm run's result workbook in the run's language: sheet names, column titles and the
run's words, no title in another language."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.core.books.journal import Problem
from app.core.i18n import languages, tr
from app.firm.company_run import CompanyRun, JobOutcome
from app.firm.plan import Job
from app.firm.report import COMPANY_COLUMNS, SUMMARY_COLUMNS, write_firm_report


def runs() -> list[CompanyRun]:
    job = Job("PT Maju", Path("maju.xlsx"))
    run = CompanyRun("PT Maju", "accurate", [job, Job("PT Maju", Path("lain.xlsx"))])
    problem = Problem(tr("Akun {a} tidak ada di bagan akun.", a="9-99999"), "Jurnal", 3)
    run.outcomes.append(JobOutcome(job, "Jurnal", problems=[problem]))
    return [run]


@pytest.mark.parametrize(
    ("language", "summary", "problem", "not_run"),
    [
        ("zh", "汇总", "问题（未发送）", "未运行"),
        ("en", "Summary", "Problem (not sent)", "Did not run"),
    ],
)
def test_the_firm_report_is_in_the_runs_language_only(
    tmp_path, language, summary, problem, not_run
):
    path = write_firm_report(runs(), tmp_path / "hasil.xlsx", language)
    book = load_workbook(path)
    assert book.sheetnames == [summary, "PT Maju"]
    rows = [list(row) for row in book[summary].iter_rows(values_only=True)]
    assert rows[0] == [title.get(language) for title, _ in SUMMARY_COLUMNS]
    assert rows[1][9] == {"zh": "否", "en": "No"}[language]
    company = [list(row) for row in book["PT Maju"].iter_rows(values_only=True)]
    assert company[3] == [title.get(language) for title, _ in COMPANY_COLUMNS]
    assert company[4][2] == 3 and company[4][4] == problem
    assert company[4][6] == tr("Akun {a} tidak ada di bagan akun.", a="9-99999").get(language)
    assert company[5][:5] == ["lain.xlsx", None, None, None, not_run]
    titles = [t for t, _ in (*SUMMARY_COLUMNS, *COMPANY_COLUMNS)]
    shown = {*rows[0], *company[3]}
    for other in languages():
        if other != language:
            foreign = {t.get(other) for t in titles} - {t.get(language) for t in titles}
            assert not foreign & shown, (other, foreign & shown)
    assert not any(" / " in str(title) for title in shown)
