"""The "Banyak perusahaan / Many companies" page, driven by its buttons over real HTTP: a plan's
problems are shown before anything is sent, every company posts at once with its own row,
one company can be stopped while the others go on, and the result workbook is saved."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt

from app.api.ratelimit import LimiterRegistry
from app.core.i18n import set_language
from app.profiles.home import app_home
from app.profiles.secrets import SecretStore
from app.profiles.store import ProfileStore
from app.ui.firm.model import COMPANY, NEEDS, POSTED, PROGRESS, STATE
from app.ui.firm.page import FirmView
from tests.helpers.cli_helpers import journal_rows
from tests.helpers.firm_plans import BRANCHED, REVOKED, SEMPOA, firm_workbooks, write_plan
from tests.helpers.firm_views import click, column, open_firm_view, row_of
from tests.helpers.posting_helpers import SEMPOA_CREDIT, SEMPOA_DEBIT
from tests.helpers.workbooks import write_workbook

WAIT_MS = 60_000


@pytest.fixture
def make_view(qtbot, executor, tmp_path) -> Iterator:
    views: list[FirmView] = []
    reports: list[Path] = []

    def make(plan: Path, limiters: LimiterRegistry | None = None) -> FirmView:
        store = ProfileStore(app_home(), SecretStore())
        view = open_firm_view(
            qtbot,
            executor,
            store,
            app_home(),
            plan,
            limiters=limiters,
            choose_report=lambda _parent, suggested: reports.append(suggested) or suggested,
        )
        views.append(view)
        return view

    yield make
    for view in views:
        view.shutdown()


@pytest.mark.slow
def test_the_plan_is_read_then_every_company_posts_at_once_with_its_own_row(
    qtbot, firm, tmp_path, make_view
):
    firm_workbooks(tmp_path)
    plan = write_plan(
        tmp_path / "rencana.csv",
        [
            [BRANCHED, "cabang.xlsx", "", "bulk", "Cabang Medan", "", ""],
            [SEMPOA, "sempoa.xlsx", "", "", "", "", ""],
            [REVOKED, "dicabut.xlsx", "", "", "", "", ""],
        ],
    )
    view = make_view(plan)
    assert not view.post_button.isEnabled()
    click(qtbot, view.choose_button)
    qtbot.waitUntil(lambda: view.model.rowCount() == 3, timeout=WAIT_MS)
    assert column(view, COMPANY) == [BRANCHED, SEMPOA, REVOKED]
    assert set(column(view, STATE)) == {"menunggu"}
    assert "3 workbook untuk 3 perusahaan" in view.status_label.text()

    click(qtbot, view.post_button)
    qtbot.waitUntil(lambda: view.status_label.text().startswith("Selesai"), timeout=WAIT_MS)
    assert "2 dari 3 perusahaan lengkap" in view.status_label.text()
    branched, sempoa, revoked = (row_of(view, name) for name in (BRANCHED, SEMPOA, REVOKED))
    assert (branched[STATE], branched[POSTED], branched[PROGRESS]) == ("selesai", "5", "5 / 5")
    assert (sempoa[STATE], sempoa[POSTED]) == ("selesai", "4")
    assert revoked[STATE] == "terhenti" and "API Token" in revoked[NEEDS]
    assert len(firm.sb.vouchers(firm.branched_token)) == 5
    assert len(firm.sb.sempoa_journals(firm.sempoa_token)) == 4

    click(qtbot, view.report_button)
    report = tmp_path / "rencana-hasil.xlsx"
    qtbot.waitUntil(lambda: "Laporan disimpan" in view.status_label.text(), timeout=WAIT_MS)
    sheets = load_workbook(report, read_only=True).sheetnames
    assert {BRANCHED, SEMPOA, REVOKED} <= set(sheets)

    set_language("en")
    view.retranslate()
    assert row_of(view, SEMPOA)[STATE] == "done"
    assert view.model.headerData(NEEDS, Qt.Orientation.Horizontal) == "What it needs"
    set_language("id")


def test_a_plan_with_problems_lists_them_by_row_and_cannot_be_posted(
    qtbot, firm, tmp_path, make_view
):
    firm_workbooks(tmp_path)
    plan = write_plan(
        tmp_path / "rencana.csv",
        [
            [SEMPOA, "sempoa.xlsx", "", "", "", "", ""],
            ["PT Tidak Ada", "x.xlsx", "", "", "", "", ""],
        ],
    )
    view = make_view(plan)
    click(qtbot, view.choose_button)
    qtbot.waitUntil(lambda: view.problems_label.isVisible(), timeout=WAIT_MS)
    problems = view.problems_label.text()
    assert "Baris 3: Perusahaan 'PT Tidak Ada' tidak ada di profil tersimpan" in problems
    assert "Baris 3: Workbook " in problems and "x.xlsx tidak ditemukan" in problems
    assert not view.post_button.isEnabled()
    assert firm.sb.request_log() == []


@pytest.mark.slow
def test_stopping_one_company_leaves_the_rest_of_its_entries_and_the_others_finish(
    qtbot, firm, tmp_path, make_view
):
    write_workbook(tmp_path / "cabang.xlsx", journal_rows(40, prefix="CB"))
    write_workbook(
        tmp_path / "sempoa.xlsx", journal_rows(3, SEMPOA_DEBIT, SEMPOA_CREDIT, prefix="SP")
    )
    plan = write_plan(
        tmp_path / "rencana.csv",
        [
            [BRANCHED, "cabang.xlsx", "", "satu per satu", "Pusat", "", ""],
            [SEMPOA, "sempoa.xlsx", "", "", "", "", ""],
        ],
    )
    firm.sb.enforce_rate_limit = True  # 8 a second: 40 entries one by one take 5 seconds
    view = make_view(plan)
    click(qtbot, view.choose_button)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=WAIT_MS)
    click(qtbot, view.post_button)
    qtbot.waitUntil(lambda: row_of(view, BRANCHED)[STATE] == "memposting", timeout=WAIT_MS)
    cell = view.model.index(column(view, COMPANY).index(BRANCHED), COMPANY)
    where = view.table.visualRect(cell).center()
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    click(qtbot, view.stop_button)
    qtbot.waitUntil(lambda: view.status_label.text().startswith("Selesai"), timeout=WAIT_MS)
    branched = row_of(view, BRANCHED)
    assert branched[STATE] == "dihentikan"
    assert "jalankan rencana lagi untuk melanjutkan" in branched[NEEDS]
    assert 0 <= len(firm.sb.vouchers(firm.branched_token)) < 40
    assert row_of(view, SEMPOA)[STATE] == "selesai"
    assert len(firm.sb.sempoa_journals(firm.sempoa_token)) == 3


def clipped_cells(view: FirmView) -> list[str]:
    """The number and state cells whose text is wider than their column (shown cut short)."""
    metrics = view.table.fontMetrics()
    clipped = []
    for row in range(view.model.rowCount()):
        for col in range(STATE, NEEDS):
            text = view.model.index(row, col).data() or ""
            if metrics.horizontalAdvance(text) > view.table.columnWidth(col):
                clipped.append(text)
    return clipped


ENTRIES = 100


@pytest.mark.slow
def test_the_progress_columns_widen_as_the_counts_grow_and_never_cut_a_number_short(
    qtbot, firm, tmp_path, make_view
):
    # 100 entries: the fewest whose counts reach three digits. One by one, they take the
    # posting child (its own limiter: 8 a second) 12 s, long enough to see the table mid-run.
    write_workbook(tmp_path / "cabang.xlsx", journal_rows(ENTRIES, prefix="CB"))
    plan = write_plan(
        tmp_path / "rencana.csv", [[BRANCHED, "cabang.xlsx", "", "satu per satu", "Pusat", "", ""]]
    )
    view = make_view(plan)
    click(qtbot, view.choose_button)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT_MS)
    assert clipped_cells(view) == []
    click(qtbot, view.post_button)
    qtbot.waitUntil(lambda: row_of(view, BRANCHED)[STATE] == "memposting", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: row_of(view, BRANCHED)[PROGRESS].startswith("1"), timeout=WAIT_MS)
    assert clipped_cells(view) == []
    qtbot.waitUntil(lambda: view.status_label.text().startswith("Selesai"), timeout=WAIT_MS)
    assert row_of(view, BRANCHED)[PROGRESS] == f"{ENTRIES} / {ENTRIES}"
    assert clipped_cells(view) == []
    set_language("en")
    view.retranslate()
    assert clipped_cells(view) == []
    set_language("id")
