"""`jurnal-desk post-many` end to end over real HTTP: a firm's plan of companies on both
services (an Accurate company with several branches and the branch in the plan, a Sempoa
company, one whose token was revoked, one whose workbook has problems) posts in one command;
every good company's entries reach its books exactly once, the broken ones are explained in
the summary, the JSON and the result workbook, and a re-run sends nothing."""

from __future__ import annotations

import json
from datetime import date

from openpyxl import load_workbook

from app.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from app.profiles.home import app_home
from app.profiles.secrets import SecretStore
from app.profiles.store import ProfileStore
from app.sandbox import DEMO_ACCURATE_TOKEN
from app.sandbox.request_log import token_hash
from tests.helpers.cli_helpers import journal_rows, run
from tests.helpers.firm_plans import (
    BRANCHED,
    BROKEN,
    REVOKED,
    SEMPOA,
    firm_workbooks,
    write_plan,
)
from tests.helpers.posting_helpers import SEMPOA_CREDIT, SEMPOA_DEBIT
from tests.helpers.workbooks import write_workbook


def test_a_plan_of_four_companies_posts_the_good_ones_once_and_explains_the_others(
    firm, tmp_path, capsys
):
    books = firm_workbooks(tmp_path)
    plan = write_plan(
        tmp_path / "rencana.csv",
        [
            [BRANCHED, "cabang.xlsx", "", "bulk", "Cabang Medan", "01/08/2026", "31/08/2026"],
            [SEMPOA, "sempoa.xlsx", "", "", "", "", ""],
            [REVOKED, "dicabut.xlsx", "", "satu per satu", "", "", ""],
            [BROKEN, str(books[BROKEN]), "", "", "", "", ""],
        ],
    )
    out_report = tmp_path / "hasil.xlsx"
    code, out, err = run(
        capsys, "--lang", "en", "post-many", str(plan), "--json", "--report", str(out_report)
    )
    assert code == EXIT_PROBLEMS, out + err
    result = json.loads(out)
    by_name = {company["company"]: company for company in result["companies"]}

    branched = firm.sb.vouchers(firm.branched_token)
    assert sorted(v["number"] for v in branched) == [f"CB/{n:03}" for n in range(1, 6)]
    assert {v["branchName"] for v in branched} == {"Cabang Medan"}
    sempoa = firm.sb.sempoa_journals(firm.sempoa_token)
    assert sorted(j["referensi"] for j in sempoa) == ["SP/001", "SP/002", "SP/003", "SP/004"]
    assert firm.sb.vouchers(DEMO_ACCURATE_TOKEN) == []  # a workbook with problems: nothing
    assert by_name[BRANCHED]["complete"] and by_name[BRANCHED]["posted"] == 5
    assert by_name[SEMPOA]["complete"] and by_name[SEMPOA]["posted"] == 4

    revoked = by_name[REVOKED]
    assert not revoked["complete"] and revoked["state"] == "failed"
    assert "token" in revoked["needs"].lower()
    broken = by_name[BROKEN]
    assert not broken["complete"] and broken["posted"] == 0
    assert "salah.xlsx: 1 problem(s), nothing was sent" in broken["needs"]
    [workbook] = broken["workbooks"]
    assert any("9-99999" in p["message"] for p in workbook["problems"])
    assert result["complete"] is False and result["report"] == str(out_report)

    book = load_workbook(out_report, read_only=True)
    # In the command's language (--lang en), titles and sheet names alike.
    assert book.sheetnames[0] == "Summary" and set(by_name) <= set(book.sheetnames)
    summary_titles = next(book["Summary"].iter_rows(values_only=True))
    assert summary_titles[:4] == ("Company", "Service", "Workbooks", "Posted now")
    written = " ".join(
        str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
        for cell in row if cell is not None
    )  # fmt: skip
    assert "salah.xlsx: 1 problem(s), nothing was sent" in written and "9-99999" in written
    for secret in (firm.revoked_token, firm.branched_token, firm.sempoa_token):
        assert secret not in written and secret not in out + err  # secrets never written

    before = len(firm.sb.request_log())
    code, out, _ = run(capsys, "post-many", str(plan), "--json", "--report", str(out_report))
    assert code == EXIT_PROBLEMS
    assert firm.saves(before) == []  # nothing is sent twice
    again = {c["company"]: c for c in json.loads(out)["companies"]}
    assert again[BRANCHED]["posted_before"] == 5 and again[SEMPOA]["posted_before"] == 4
    assert len(firm.sb.vouchers(firm.branched_token)) == 5
    assert len(firm.sb.sempoa_journals(firm.sempoa_token)) == 4


def test_every_plan_problem_is_reported_with_its_row_before_anything_is_sent(
    firm, tmp_path, capsys
):
    books = firm_workbooks(tmp_path)
    plan = write_plan(
        tmp_path / "rencana.csv",
        [
            [SEMPOA, "sempoa.xlsx", "", "", "", "", ""],
            ["PT Tidak Ada", "cabang.xlsx", "", "", "", "", ""],
            [BRANCHED, "hilang.xlsx", "", "", "", "", ""],
            [BRANCHED, str(books[BRANCHED]), "", "kilat", "", "", ""],
            [BRANCHED, "sempoa.xlsx", "", "", "", "", ""],
            [SEMPOA, "dicabut.xlsx", "", "", "Pusat", "31/08/2026", "01/08/2026"],
            [REVOKED, "salah.xlsx", "Agustus", "", "", "", ""],
        ],
    )
    code, out, err = run(capsys, "--lang", "en", "post-many", str(plan))
    assert code == EXIT_USAGE, out + err
    assert "has 7 problem(s); nothing was sent" in err
    assert "Row 3: Company 'PT Tidak Ada' is not a saved profile" in err
    assert "Row 4: Workbook " in err and "hilang.xlsx was not found" in err
    assert "Row 5: Unknown mode 'kilat'" in err
    assert "Row 6: Workbook " in err and "is already named in row 2" in err
    assert "Row 7: " in err and "Sempoa company, which has no branches" in err
    assert "Row 7: The period is backwards" in err
    assert "Row 8: Sheet 'Agustus' is not in salah.xlsx; its sheets are: Jurnal." in err
    assert firm.saves() == [] and len(firm.sb.request_log()) == 0


def test_a_folder_of_company_folders_is_a_plan_each_company_on_its_own(firm, tmp_path, capsys):
    folder = tmp_path / "agustus"
    (folder / SEMPOA).mkdir(parents=True)
    (folder / BRANCHED).mkdir()
    write_workbook(folder / SEMPOA / "kas.xlsx", journal_rows(2, SEMPOA_DEBIT, SEMPOA_CREDIT))
    write_workbook(
        folder / SEMPOA / "bank.xlsx", journal_rows(3, SEMPOA_DEBIT, SEMPOA_CREDIT, "BK")
    )
    write_workbook(folder / BRANCHED / "jurnal.xlsx", journal_rows(2, prefix="CB"))
    code, out, err = run(capsys, "--lang", "en", "post-many", str(folder))
    assert code == EXIT_PROBLEMS, out + err
    assert sorted(j["referensi"] for j in firm.sb.sempoa_journals(firm.sempoa_token)) == [
        "BK/001", "BK/002", "BK/003", "JU/001", "JU/002",
    ]  # fmt: skip
    # The branched company has no default branch and the folder names none: nothing sent.
    assert firm.sb.vouchers(firm.branched_token) == []
    assert f"[!!] {BRANCHED}" in out and f"[OK] {SEMPOA}" in out
    assert "jurnal.xlsx: 2 problem(s), nothing was sent" in out
    assert list(folder.glob("hasil-posting-*.xlsx"))


def test_entries_outside_the_plan_period_are_problems_and_nothing_of_that_workbook_is_sent(
    firm, tmp_path, capsys
):
    write_workbook(tmp_path / "sempoa.xlsx", journal_rows(3, SEMPOA_DEBIT, SEMPOA_CREDIT))
    plan = write_plan(
        tmp_path / "rencana.csv",
        [[SEMPOA, "sempoa.xlsx", "", "", "", "01/08/2026", "02/08/2026"]],
    )
    code, out, _ = run(capsys, "--lang", "en", "post-many", str(plan), "--json")
    assert code == EXIT_PROBLEMS
    [company] = json.loads(out)["companies"]
    [workbook] = company["workbooks"]
    outside = [p for p in workbook["problems"] if "outside the plan's period" in p["message"]]
    assert [p["reference"] for p in outside] == ["JU/002", "JU/003"]
    assert firm.sb.sempoa_journals(firm.sempoa_token) == []


def test_template_plan_writes_a_plan_post_many_reads(firm, tmp_path, capsys):
    out = tmp_path / "rencana.xlsx"
    code, text, _ = run(capsys, "template", "--plan", str(out))
    assert code == EXIT_OK and "post-many" in text
    code, _out, err = run(capsys, "--lang", "en", "post-many", str(out))
    assert code == EXIT_USAGE
    # The examples name companies and workbooks this firm does not have: each row says so.
    assert "Row 2: Company 'PT Maju Jaya' is not a saved profile" in err
    assert "Row 3: Company 'CV Sumber Rejeki' is not a saved profile" in err
    assert token_hash(DEMO_ACCURATE_TOKEN) not in err


def test_a_company_another_run_is_posting_to_is_left_for_later_and_the_others_post(
    firm, tmp_path, capsys
):
    from app.posting.outbox.lease import PostingLease
    from app.posting.service import opened_outbox

    firm_workbooks(tmp_path)
    plan = write_plan(
        tmp_path / "rencana.csv",
        [
            [BRANCHED, "cabang.xlsx", "", "", "Pusat", "", ""],
            [SEMPOA, "sempoa.xlsx", "", "", "", "", ""],
        ],
    )
    with opened_outbox(app_home()) as outbox, PostingLease(outbox, BRANCHED) as lease:
        lease.acquire()  # as the window posting to that company meanwhile
        code, out, _ = run(capsys, "--lang", "en", "post-many", str(plan), "--json")
    assert code == EXIT_PROBLEMS
    by_name = {c["company"]: c for c in json.loads(out)["companies"]}
    assert "Another posting to PT Tiga Cabang is in progress" in by_name[BRANCHED]["needs"]
    assert firm.sb.vouchers(firm.branched_token) == []
    assert by_name[SEMPOA]["complete"] and len(firm.sb.sempoa_journals(firm.sempoa_token)) == 4


def test_stopping_one_company_leaves_its_entries_for_the_next_run_and_the_others_go_on(
    firm, tmp_path
):
    from app.api.ratelimit import LimiterRegistry
    from app.firm.companies import FirmCompanies
    from app.firm.company_run import CompanyState
    from app.firm.needs import company_needs
    from app.firm.plan import read_plan
    from app.firm.run import FirmRun
    from app.posting.service import opened_outbox

    firm_workbooks(tmp_path)
    plan_file = write_plan(
        tmp_path / "rencana.csv",
        [
            [BRANCHED, "cabang.xlsx", "", "", "Pusat", "", ""],
            [SEMPOA, "sempoa.xlsx", "", "", "", "", ""],
        ],
    )
    store = ProfileStore(app_home(), SecretStore())
    plan = read_plan(plan_file, store.list())
    companies = FirmCompanies(store, store.secrets, LimiterRegistry())

    def stop_the_branched_one(company) -> None:
        if company.name == BRANCHED and company.state is CompanyState.POSTING:
            run_.stop(BRANCHED)  # the user's Stop on that company's row

    with opened_outbox(app_home()) as outbox:
        run_ = FirmRun(plan, companies.company, services={}, on_change=stop_the_branched_one)
        runs = {company.name: company for company in run_.run(outbox)}
    assert runs[BRANCHED].state is CompanyState.STOPPED and not runs[BRANCHED].complete
    assert "run the plan again to resume" in company_needs(runs[BRANCHED]).en
    assert firm.sb.vouchers(firm.branched_token) == []
    assert runs[SEMPOA].complete and len(firm.sb.sempoa_journals(firm.sempoa_token)) == 4

    # Resumable like a single post: the next run finishes the stopped company, exactly once.
    before = len(firm.saves())
    with opened_outbox(app_home()) as outbox:
        again = FirmRun(plan, companies.company, services={})
        again.run(outbox)
    assert again.complete
    assert sorted(v["number"] for v in firm.sb.vouchers(firm.branched_token)) == [
        f"CB/{n:03}" for n in range(1, 6)
    ]
    assert set(firm.sb.save_attempts(firm.branched_token).values()) == {1}
    assert len(firm.saves()) > before and len(firm.sb.sempoa_journals(firm.sempoa_token)) == 4


def test_the_exit_code_is_0_only_when_every_companys_entries_are_on_the_books(
    firm, tmp_path, capsys
):
    firm_workbooks(tmp_path)
    plan = write_plan(
        tmp_path / "rencana.csv",
        [
            [SEMPOA, "sempoa.xlsx", "", "", "", "", ""],
            [BRANCHED, "cabang.xlsx", "", "one by one", "Cabang Surabaya", "", ""],
        ],
    )
    code, out, err = run(capsys, "post-many", str(plan), "--json", "--parallel", "1")
    assert code == EXIT_OK, out + err
    result = json.loads(out)
    assert result["complete"] is True
    assert [c["needs"] for c in result["companies"]] == [
        "Tidak ada: semua jurnal sudah di pembukuan."
    ] * 2


def test_entries_the_server_refuses_are_that_companys_to_fix_and_the_others_are_complete(
    firm, tmp_path, capsys
):
    # A closed period: the service refuses the entry dated before the company's closing date
    # (the checks here cannot know that date), and saves the others.
    rows = journal_rows(3, prefix="TL")
    rows[5][0] = date(2026, 7, 15)  # the second entry's first line
    firm.sb.master_data(firm.branched_token).closing_date = date(2026, 7, 31)
    write_workbook(tmp_path / "tolak.xlsx", rows)
    write_workbook(tmp_path / "sempoa.xlsx", journal_rows(2, SEMPOA_DEBIT, SEMPOA_CREDIT))
    plan = write_plan(
        tmp_path / "rencana.csv",
        [
            [BRANCHED, "tolak.xlsx", "", "satu per satu", "Pusat", "", ""],
            [SEMPOA, "sempoa.xlsx", "", "", "", "", ""],
        ],
    )
    code, out, err = run(capsys, "--lang", "en", "post-many", str(plan), "--json")
    assert code == EXIT_PROBLEMS, out + err
    by_name = {c["company"]: c for c in json.loads(out)["companies"]}
    refused = by_name[BRANCHED]
    assert (refused["posted"], refused["rejected"], refused["complete"]) == (2, 1, False)
    assert "Rejected by the server: 1 entry(ies)" in refused["needs"]
    [look] = refused["workbooks"][0]["to_look_at"]
    assert look["reference"] == "TL/002" and look["status"] == "rejected"
    assert any("31/07/2026" in message for message in look["messages"]), look
    assert sorted(v["number"] for v in firm.sb.vouchers(firm.branched_token)) == [
        "TL/001",
        "TL/003",
    ]
    assert by_name[SEMPOA]["complete"]


def test_a_dry_run_checks_every_workbook_against_its_company_and_sends_nothing(
    firm, tmp_path, capsys
):
    books = firm_workbooks(tmp_path)
    plan = write_plan(
        tmp_path / "rencana.csv",
        [
            [SEMPOA, "sempoa.xlsx", "", "", "", "", ""],
            [BRANCHED, "cabang.xlsx", "", "", "Cabang Medan", "", ""],
        ],
    )
    code, out, err = run(capsys, "--lang", "en", "post-many", str(plan), "--dry-run")
    assert code == EXIT_OK, out + err
    assert "Dry run without problems: 4 entries would be sent; 0 were posted before" in out
    assert "Dry run without problems: 5 entries would be sent" in out
    assert firm.saves() == []

    run(capsys, "post-many", str(plan))  # post them, then a dry run counts them as posted
    with_broken = write_plan(
        tmp_path / "rencana.csv",
        [
            [SEMPOA, "sempoa.xlsx", "", "", "", "", ""],
            [BROKEN, str(books[BROKEN]), "", "", "", "", ""],
        ],
    )
    before = len(firm.saves())
    code, out, _ = run(capsys, "--lang", "en", "post-many", str(with_broken), "--dry-run", "--json")
    assert code == EXIT_PROBLEMS and len(firm.saves()) == before
    by_name = {c["company"]: c for c in json.loads(out)["companies"]}
    assert (
        by_name[SEMPOA]["checked_ok"]
        and "0 entries would be sent; 4 were posted" in (by_name[SEMPOA]["needs"])
    )
    assert not by_name[BROKEN]["checked_ok"] and "1 problem(s)" in by_name[BROKEN]["needs"]


def test_the_window_keeps_each_workbook_read_out_of_the_collectors_way_before_it_runs_again(
    firm, tmp_path
):
    """The window passes `keep_long_lived`: called once per workbook read, while the collector
    is still paused, so not even a young sweep walks the entries just read."""
    import gc

    from app.api.ratelimit import LimiterRegistry
    from app.firm.companies import FirmCompanies
    from app.firm.plan import read_plan
    from app.firm.run import FirmRun
    from app.posting.service import opened_outbox

    firm_workbooks(tmp_path)
    plan_file = write_plan(
        tmp_path / "rencana.csv",
        [
            [BRANCHED, "cabang.xlsx", "", "", "Pusat", "", ""],
            [SEMPOA, "sempoa.xlsx", "", "", "", "", ""],
        ],
    )
    store = ProfileStore(app_home(), SecretStore())
    companies = FirmCompanies(store, store.secrets, LimiterRegistry())
    collector_running_when_kept: list[bool] = []

    def keep_read() -> None:
        collector_running_when_kept.append(gc.isenabled())

    was_enabled = gc.isenabled()
    gc.enable()
    try:
        with opened_outbox(app_home()) as outbox:
            plan = read_plan(plan_file, store.list())
            runs = FirmRun(plan, companies.company, services={}, keep_read=keep_read).run(outbox)
        assert all(run.complete for run in runs)
        assert collector_running_when_kept == [False, False]
        assert gc.isenabled()  # and running again after
    finally:
        if not was_enabled:
            gc.disable()
