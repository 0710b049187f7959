"""The Many companies page posts in a child process (`post-many --progress jsonl`): when that
process dies mid-run the page says what happened on every unfinished company and a second
run resumes without sending anything twice; "Stop all" stops every company."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.profiles.home import app_home
from app.profiles.secrets import SecretStore
from app.profiles.store import ProfileStore
from app.ui.firm.model import NEEDS, PROGRESS, STATE
from app.ui.firm.page import FirmView
from tests.helpers.cli_helpers import journal_rows
from tests.helpers.firm_plans import BRANCHED, SEMPOA, write_plan
from tests.helpers.firm_views import click, open_firm_view, row_of
from tests.helpers.posting_helpers import SEMPOA_CREDIT, SEMPOA_DEBIT
from tests.helpers.workbooks import write_workbook

WAIT_MS = 60_000


@pytest.fixture
def make_view(qtbot, executor) -> Iterator:
    views: list[FirmView] = []

    def make(plan: Path) -> FirmView:
        view = open_firm_view(
            qtbot, executor, ProfileStore(app_home(), SecretStore()), app_home(), plan
        )
        views.append(view)
        return view

    yield make
    for view in views:
        view.shutdown()


def slow_plan(tmp_path: Path, entries: int) -> Path:
    """An Accurate company posting `entries` one by one (8 a second) and a Sempoa company."""
    write_workbook(tmp_path / "cabang.xlsx", journal_rows(entries, prefix="CB"))
    write_workbook(
        tmp_path / "sempoa.xlsx", journal_rows(3, SEMPOA_DEBIT, SEMPOA_CREDIT, prefix="SP")
    )
    return write_plan(
        tmp_path / "rencana.csv",
        [
            [BRANCHED, "cabang.xlsx", "", "satu per satu", "Pusat", "", ""],
            [SEMPOA, "sempoa.xlsx", "", "", "", "", ""],
        ],
    )


def posted_some(view: FirmView, company: str) -> bool:
    done = row_of(view, company)[PROGRESS].split(" / ")[0]
    return done.isdigit() and int(done) >= 5


@pytest.mark.slow
def test_the_posting_process_killed_mid_run_is_told_and_posting_again_resumes_once(
    qtbot, firm, tmp_path, make_view
):
    plan = slow_plan(tmp_path, 60)
    firm.sb.enforce_rate_limit = True  # 8 a second: 60 entries one by one take 8 seconds
    view = make_view(plan)
    click(qtbot, view.choose_button)
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=WAIT_MS)
    click(qtbot, view.post_button)
    qtbot.waitUntil(lambda: posted_some(view, BRANCHED), timeout=WAIT_MS)
    assert view.firm is not None and view.firm.pid is not None
    # The child runs below the window's CPU priority, so the window gets a core first.
    assert os.getpriority(os.PRIO_PROCESS, view.firm.pid) > os.getpriority(os.PRIO_PROCESS, 0)
    os.kill(view.firm.pid, signal.SIGKILL)

    qtbot.waitUntil(lambda: view.post_button.isEnabled(), timeout=WAIT_MS)
    status = view.status_label.text()
    assert "Proses posting berakhir sebelum selesai (dihentikan sinyal 9)" in status
    assert "jalankan rencana lagi untuk melanjutkan" in status
    branched = row_of(view, BRANCHED)
    assert branched[STATE] == "terhenti"
    assert "Proses posting berakhir sebelum selesai" in branched[NEEDS]
    assert not view.report_button.isEnabled()  # the killed run wrote no result workbook
    assert len(firm.sb.vouchers(firm.branched_token)) < 60

    click(qtbot, view.post_button)  # posting again resumes
    qtbot.waitUntil(lambda: view.status_label.text().startswith("Selesai"), timeout=WAIT_MS)
    assert row_of(view, BRANCHED)[STATE] == "selesai"
    numbers = [v["number"] for v in firm.sb.vouchers(firm.branched_token)]
    assert sorted(numbers) == [f"CB/{n:03}" for n in range(1, 61)]  # each exactly once
    assert len(firm.sb.sempoa_journals(firm.sempoa_token)) == 3
    assert view.report_button.isEnabled()


@pytest.mark.slow
def test_stop_all_stops_every_company_and_the_run_ends(qtbot, firm, tmp_path, make_view):
    write_workbook(tmp_path / "satu.xlsx", journal_rows(60, prefix="CB"))
    plan = write_plan(
        tmp_path / "rencana.csv", [[BRANCHED, "satu.xlsx", "", "satu per satu", "Pusat", "", ""]]
    )
    firm.sb.enforce_rate_limit = True
    view = make_view(plan)
    click(qtbot, view.choose_button)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=WAIT_MS)
    click(qtbot, view.post_button)
    qtbot.waitUntil(lambda: posted_some(view, BRANCHED), timeout=WAIT_MS)
    click(qtbot, view.stop_all_button)
    qtbot.waitUntil(lambda: view.status_label.text().startswith("Selesai"), timeout=WAIT_MS)
    branched = row_of(view, BRANCHED)
    assert branched[STATE] == "dihentikan"
    assert "jalankan rencana lagi untuk melanjutkan" in branched[NEEDS]
    assert 5 <= len(firm.sb.vouchers(firm.branched_token)) < 60
    assert view.report_button.isEnabled()
