"""The lines a firm run's child and the window exchange: rows in both languages, stop
commands, and the end of the window's stream stopping every company."""

from __future__ import annotations

import io
import json
from pathlib import Path

from app.core.i18n import Text, tr
from app.core.i18n.stored import text_from_json
from app.firm.company_run import CompanySnapshot, CompanyState
from app.firm.plan import Job, Plan, PlanProblem
from app.firm.progress_lines import (
    _obey,
    follow_commands,
    row_json,
    row_of,
    stop_line,
    write_plan_problems,
)
from app.firm.run import FirmRun
from app.firm.work import FirmRow
from app.posting.service import Company


def test_a_row_goes_through_a_line_whole_with_its_needs_in_both_languages():
    snapshot = CompanySnapshot("PT Satu", CompanyState.STOPPED, 40, 12, 11, 1, 0, 7.5, None)
    row = FirmRow(snapshot, Text("jalankan lagi", "run it again"), False)
    back = row_of(json.loads(json.dumps(row_json(row))))
    assert back == row
    assert back.needs is not None and back.needs.get("en") == "run it again"


def firm_of(*companies: str) -> FirmRun:
    """A run of these companies that is never started (nothing connects)."""
    plan = Plan(Path("rencana.csv"), [Job(name, Path("buku.xlsx")) for name in companies])

    def never(job: Job) -> Company:
        raise AssertionError("the run was not meant to start")

    return FirmRun(plan, never, services={})


def test_a_stop_line_stops_that_company_and_the_end_of_the_stream_stops_the_rest():
    firm = firm_of("PT Satu", "PT Dua")
    reader = follow_commands(io.StringIO(stop_line("PT Satu") + "not json\n"), firm)
    reader.join(5)
    assert [run.cancel.is_set() for run in firm.companies] == [True, True]


def test_stop_one_leaves_the_others_while_the_stream_stays_open():
    firm = firm_of("PT Satu", "PT Dua")
    _obey(stop_line("PT Dua"), firm)
    assert [run.cancel.is_set() for run in firm.companies] == [False, True]
    _obey(stop_line(None), firm)
    assert all(run.cancel.is_set() for run in firm.companies)


def test_a_rows_needs_cross_as_their_message_so_the_window_shows_them_in_chinese_too():
    snapshot = CompanySnapshot("PT Satu", CompanyState.DONE, 4, 4, 4, 0, 0, 7.5, None)
    needs = tr("Laporan disimpan: {p}", p="hasil.xlsx")  # a message the catalogs translate
    back = row_of(json.loads(json.dumps(row_json(FirmRow(snapshot, needs, True)))))
    assert back.needs is not None
    for language in ("id", "en", "zh"):
        assert back.needs.get(language) == needs.get(language)
    assert back.needs.get("zh") != needs.get("id")


def test_a_plans_problems_cross_with_their_row_as_messages_read_in_chinese_too():
    problems = [PlanProblem(tr("Nama berkas workbook kosong."), row=3), PlanProblem(tr("Sheet"))]
    stream = io.StringIO()
    write_plan_problems(stream, problems)
    stored = json.loads(stream.getvalue())["plan_problems"]
    back = [text_from_json(text) for text in stored]
    assert [text.id for text in back] == ["Baris 3: Nama berkas workbook kosong.", "Sheet"]
    assert back[0].en == "Row 3: " + tr("Nama berkas workbook kosong.").en
    assert back[0].get("zh") == "第 3 行：工作簿文件名为空。"
