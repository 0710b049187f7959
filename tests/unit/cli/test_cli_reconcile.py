"""`jurnal-desk reconcile`: a period read from the books over real HTTP to the sandbox and set
against what Jurnal Desk posted and the workbook, after changes made in the service's own app:
a voucher deleted there, one changed there, one typed there by hand."""

from __future__ import annotations

import contextlib
import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from app.core.excel.sheet_names import sheet_name
from app.posting.reconcile.proof import Kind
from app.posting.reconcile.workbook import SHEETS
from tests.helpers.cli_helpers import ACCURATE, SEMPOA, journal_rows, run
from tests.helpers.posting_helpers import (
    ACCURATE_CREDIT,
    ACCURATE_DEBIT,
    SEMPOA_CREDIT,
    SEMPOA_DEBIT,
)
from tests.helpers.workbooks import write_workbook

AUGUST = ("--from", "01/08/2026", "--to", "31/08/2026")


def post(capsys, book: Path, profile: str = ACCURATE) -> None:
    code, out, err = run(capsys, "post", str(book), "--profile", profile)
    assert code == EXIT_OK, out + err


def reconcile(capsys, *argv: str) -> tuple[int, dict]:
    code, out, _err = run(capsys, "--lang", "en", "reconcile", *argv, "--json")
    return code, json.loads(out)


def by_reference(document: dict) -> dict[str, dict]:
    return {finding["reference"]: finding for finding in document["findings"]}


def sheet_rows(report: Path, kind: Kind, language: str = "en") -> list[tuple]:
    sheet = load_workbook(report)[sheet_name(SHEETS[kind], language)]  # the command's --lang
    return list(sheet.iter_rows(values_only=True))[1:]


def hand_typed(sb, number: str, day: str, amount: str, description: str = "Diketik") -> None:
    lines = [(ACCURATE_DEBIT, "DEBIT", amount), (ACCURATE_CREDIT, "CREDIT", amount)]
    sb.type_voucher_in_app(number, day, lines, description)


def test_a_voucher_deleted_changed_or_typed_in_the_service_is_each_found_and_exits_non_zero(
    sb, profiles, tmp_path, capsys
):
    post(capsys, write_workbook(tmp_path / "agustus.xlsx", journal_rows(4)))

    def smaller_amounts(voucher):
        for line in voucher["detailJournalVoucher"]:
            line["amount"] = "1000.00"
        return voucher

    sb.edit_voucher_in_app("JU/002", smaller_amounts)
    sb.edit_voucher_in_app("JU/003", lambda voucher: {**voucher, "description": "diubah"})
    sb.edit_voucher_in_app("JU/004", lambda _voucher: None)
    hand_typed(sb, "MANUAL-1", "15/08/2026", "777000")
    hand_typed(sb, "JULI-9", "15/07/2026", "1000")  # outside the period: not listed
    report = tmp_path / "rekonsiliasi.xlsx"

    code, document = reconcile(capsys, "--profile", ACCURATE, *AUGUST, "--report", str(report))

    assert code == EXIT_PROBLEMS
    assert document["counts"] == {"equal": 1, "different": 2, "missing": 1, "foreign": 1}
    found = by_reference(document)
    assert found["JU/002"]["kind"] == "different" and found["JU/002"]["fields"] == ["amounts"]
    assert "1,000.00" in found["JU/002"]["details"]
    assert found["JU/003"]["fields"] == ["description"]
    assert "sent: Penjualan 3; on the books: diubah" in found["JU/003"]["details"]
    assert found["JU/004"]["kind"] == "missing" and found["JU/004"]["source"] == "outbox"
    assert "deleted in the service?" in found["JU/004"]["details"]
    assert found["MANUAL-1"]["kind"] == "foreign" and found["MANUAL-1"]["match"] is None
    assert found["MANUAL-1"]["amount"] == "777000"
    assert "JULI-9" not in found
    # The list is one page; JD's vouchers changed in the service (their edit counter grew)
    # are read with their lines, the unchanged one is not, and the one the list lacks is
    # looked for by its id (moved to another date?).
    assert (document["list_requests"], document["detail_requests"]) == (1, 3)

    different = sheet_rows(report, Kind.DIFFERENT)
    assert [(row[1], row[7]) for row in different] == [
        ("JU/002", "amounts"),
        ("JU/003", "description"),
    ]
    assert [row[1] for row in sheet_rows(report, Kind.MISSING)] == ["JU/004"]
    foreign = sheet_rows(report, Kind.FOREIGN)
    assert [(row[1], row[4], row[5]) for row in foreign] == [("MANUAL-1", 777000, "The books only")]
    assert [row[1] for row in sheet_rows(report, Kind.EQUAL)] == ["JU/001"]
    book = load_workbook(report)
    assert book.sheetnames == ["Summary", "Different", "Missing", "Not from JD", "Equal"]
    summary = list(book.worksheets[0].iter_rows(values_only=True))
    assert summary[0][:3] == ("Company", "Service", "From")
    assert summary[1][0] == ACCURATE and summary[1][8] == "No"
    # The history keeps each posted entry's verdict, as `verify` would.
    _code, out, _ = run(capsys, "history", "--json", "--profile", ACCURATE)
    batch = json.loads(out)[-1]["batch"]
    _code, out, _ = run(capsys, "history", "--json", "--batch", batch)
    verdicts = {entry["reference"]: entry["verified"] for entry in json.loads(out)[0]["entries"]}
    assert verdicts == {
        "JU/001": "matches",
        "JU/002": "differs",
        "JU/003": "differs",
        "JU/004": "missing",
    }


def test_a_clean_period_exits_zero_and_says_so_in_both_languages(sb, profiles, tmp_path, capsys):
    post(capsys, write_workbook(tmp_path / "agustus.xlsx", journal_rows(3)))
    code, out, _ = run(capsys, "--lang", "en", "reconcile", "--profile", ACCURATE, *AUGUST)
    assert code == EXIT_OK, out
    assert "[OK] PT Demo Accurate, 01 Aug 2026 to 31 Aug 2026: 3 equal, 0 different" in out
    code, out, _ = run(capsys, "reconcile", "--profile", ACCURATE, *AUGUST)
    assert code == EXIT_OK and "3 cocok, 0 berbeda" in out


def test_a_workbook_given_matches_hand_typed_vouchers_by_number_else_by_date_and_amount(
    sb, profiles, tmp_path, capsys
):
    post(capsys, write_workbook(tmp_path / "posted.xlsx", journal_rows(3)))
    month = write_workbook(tmp_path / "bulan.xlsx", journal_rows(6))
    # JU/004 typed by hand exactly as the workbook has it; JU/005 typed under another number;
    # JU/006 never reached the books.
    sb.type_voucher_in_app(
        "JU/004",
        "05/08/2026",
        [(ACCURATE_DEBIT, "DEBIT", "4500000.50"), (ACCURATE_CREDIT, "CREDIT", "4500000.50")],
        "Penjualan 4",
    )
    hand_typed(sb, "KAS-99", "06/08/2026", "5500000.50")

    code, document = reconcile(capsys, "--profile", ACCURATE, *AUGUST, str(month))

    assert code == EXIT_PROBLEMS
    found = by_reference(document)
    assert found["JU/004"]["kind"] == "foreign" and found["JU/004"]["match"] == "number"
    assert found["JU/004"]["agrees"] is True
    assert (found["KAS-99"]["match"], found["KAS-99"]["match_reference"]) == (
        "date+amount",
        "JU/005",
    )
    assert found["JU/006"]["kind"] == "missing" and found["JU/006"]["source"] == "workbook"
    assert document["counts"]["equal"] == 3

    sb.edit_voucher_in_app("KAS-99", lambda _voucher: None)
    for number, day, amount in (
        ("JU/005", "06/08/2026", "5500000.50"),
        ("JU/006", "07/08/2026", "6500000.50"),
    ):
        sb.type_voucher_in_app(
            number,
            day,
            [(ACCURATE_DEBIT, "DEBIT", amount), (ACCURATE_CREDIT, "CREDIT", amount)],
            f"Penjualan {number[-1]}",
        )
    code, document = reconcile(capsys, "--profile", ACCURATE, *AUGUST, str(month))
    assert code == EXIT_OK, document
    assert document["counts"] == {"equal": 3, "different": 0, "missing": 0, "foreign": 3}


def test_a_list_without_totals_reads_only_the_vouchers_a_workbook_entry_may_match(
    sb, profiles, tmp_path, capsys
):
    sb.list_without_totals()
    month = write_workbook(tmp_path / "bulan.xlsx", journal_rows(2))
    hand_typed(sb, "KAS-1", "02/08/2026", "1500000.50")  # JU/001's date and amount
    hand_typed(sb, "KAS-2", "02/08/2026", "99")  # same date, another amount
    hand_typed(sb, "KAS-3", "20/08/2026", "99")  # a date no workbook entry has: not read
    code, document = reconcile(capsys, "--profile", ACCURATE, *AUGUST, str(month))
    found = by_reference(document)
    assert code == EXIT_PROBLEMS
    assert (found["KAS-1"]["match"], found["KAS-1"]["match_reference"]) == ("date+amount", "JU/001")
    assert found["KAS-2"]["match"] is None and found["KAS-3"]["amount"] is None
    assert found["JU/002"]["kind"] == "missing"
    assert document["detail_requests"] == 2


def test_the_list_is_read_in_pages_of_100_not_a_request_per_voucher(sb, profiles, tmp_path, capsys):
    for number in range(1, 251):
        hand_typed(sb, f"IMP-{number:03}", f"{number % 28 + 1:02}/08/2026", f"{number}000")
    before = len(sb.request_log())
    code, document = reconcile(capsys, "--profile", ACCURATE, *AUGUST)
    paths = [record.path for record in sb.request_log()[before:]]
    assert code == EXIT_PROBLEMS
    assert document["counts"]["foreign"] == 250
    assert paths.count("/accurate/api/journal-voucher/list.do") == 3 == document["list_requests"]
    assert not any(path.endswith("detail.do") for path in paths)
    assert sum(Decimal(f["amount"]) for f in document["findings"]) == sum(
        Decimal(f"{n}000") for n in range(1, 251)
    )


def test_an_interrupted_reading_continues_where_it_stopped(sb, profiles, tmp_path, capsys):
    from datetime import date

    from app.cli.company import saved_company
    from app.posting.reconcile.proof import reconcile_company
    from app.posting.service import opened_outbox
    from app.profiles.home import app_home

    for number in range(1, 251):
        hand_typed(sb, f"IMP-{number:03}", f"{number % 28 + 1:02}/08/2026", "1000")

    class Interrupted(Exception):
        pass

    def stop_after_two_pages(done: int, total: int) -> None:
        if done >= 200:
            raise Interrupted

    with (
        saved_company(ACCURATE) as company,
        opened_outbox(app_home()) as outbox,
        contextlib.suppress(Interrupted),
    ):
        reconcile_company(
            company,
            outbox,
            date(2026, 8, 1),
            date(2026, 8, 31),
            cache_home=app_home(),
            on_progress=stop_after_two_pages,
        )
    _code, document = reconcile(capsys, "--profile", ACCURATE, *AUGUST)
    assert document["continued"] is True and document["list_requests"] == 1
    assert document["counts"]["foreign"] == 250
    _code, document = reconcile(capsys, "--profile", ACCURATE, *AUGUST)
    assert document["continued"] is False and document["list_requests"] == 3  # read fresh


@pytest.mark.slow
def test_a_plan_of_two_companies_is_reconciled_side_by_side(sb, profiles, tmp_path, capsys):
    accurate = write_workbook(tmp_path / "accurate.xlsx", journal_rows(3))
    sempoa = write_workbook(
        tmp_path / "sempoa.xlsx", journal_rows(2, SEMPOA_DEBIT, SEMPOA_CREDIT, prefix="SP")
    )
    post(capsys, accurate)
    post(capsys, sempoa, SEMPOA)
    plan = tmp_path / "rencana.csv"
    with plan.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(
            [
                ["Perusahaan", "Workbook", "Dari tanggal", "Sampai tanggal"],
                [ACCURATE, accurate.name, "01/08/2026", "31/08/2026"],
                [SEMPOA, sempoa.name, "01/08/2026", "31/08/2026"],
            ]
        )
    report = tmp_path / "hasil.xlsx"
    code, out, err = run(
        capsys, "--lang", "en", "reconcile", "--plan", str(plan), "--report", str(report)
    )
    assert code == EXIT_OK, out + err
    assert "3 equal" in out and "2 equal" in out

    def swapped_sides(journal):
        for line in journal["transaksi"]:
            line["debit"], line["kredit"] = line["kredit"], line["debit"]
        return journal

    sb.edit_sempoa_journal_in_app("SP/002", swapped_sides)
    code, document = reconcile(capsys, "--plan", str(plan), "--report", str(report))
    assert code == EXIT_PROBLEMS
    companies = {company["profile"]: company for company in document["companies"]}
    assert companies[ACCURATE]["agrees"] is True
    assert companies[SEMPOA]["agrees"] is False
    assert by_reference(companies[SEMPOA])["SP/002"]["fields"] == ["lines"]
    assert companies[SEMPOA]["detail_requests"] == 0  # Sempoa's pages carry the lines
    rows = sheet_rows(report, Kind.DIFFERENT)
    assert [(row[0], row[1]) for row in rows] == [(SEMPOA, "SP/002")]
    summary = list(load_workbook(report).worksheets[0].iter_rows(values_only=True))[1:]
    assert {row[0]: row[8] for row in summary} == {ACCURATE: "Yes", SEMPOA: "No"}


@pytest.mark.slow
def test_a_plan_run_again_after_trouble_does_not_read_the_finished_company_again(
    sb, profiles, tmp_path, capsys
):
    from app.sandbox import DEMO_SEMPOA_TOKEN

    sb.list_without_versions()  # so Accurate's vouchers are read with their lines
    accurate = write_workbook(tmp_path / "accurate.xlsx", journal_rows(3))
    sempoa = write_workbook(tmp_path / "sempoa.xlsx", journal_rows(1, SEMPOA_DEBIT, SEMPOA_CREDIT))
    post(capsys, accurate)
    plan = tmp_path / "rencana.csv"
    with plan.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(
            [["Perusahaan", "Workbook"], [ACCURATE, accurate.name], [SEMPOA, sempoa.name]]
        )
    sb.revoke(DEMO_SEMPOA_TOKEN)
    code, document = reconcile(capsys, "--plan", str(plan), *AUGUST)
    companies = {company["profile"]: company for company in document["companies"]}
    assert code == EXIT_PROBLEMS
    assert companies[SEMPOA]["trouble"] and companies[ACCURATE]["agrees"] is True
    assert (companies[ACCURATE]["list_requests"], companies[ACCURATE]["detail_requests"]) == (1, 3)

    code, document = reconcile(capsys, "--plan", str(plan), *AUGUST)
    companies = {company["profile"]: company for company in document["companies"]}
    assert companies[ACCURATE]["continued"] is True
    assert (companies[ACCURATE]["list_requests"], companies[ACCURATE]["detail_requests"]) == (0, 0)
    assert companies[ACCURATE]["counts"]["equal"] == 3


def test_a_report_over_its_workbook_or_a_period_left_out_is_refused_before_reading(
    sb, profiles, tmp_path, capsys
):
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(1))
    before = len(sb.request_log())
    code, _out, err = run(
        capsys, "--lang", "en", "reconcile", "--profile", ACCURATE, *AUGUST, str(book),
        "--report", str(book),
    )  # fmt: skip
    assert code == EXIT_USAGE and "must not replace the plan or one of its workbooks" in err
    code, _out, err = run(
        capsys, "--lang", "en", "reconcile", "--profile", ACCURATE, "--from", "01/08/2026"
    )
    assert code == EXIT_USAGE and "Give --profile, --from and --to" in err
    code, _out, err = run(
        capsys,
        "--lang",
        "en",
        "reconcile",
        "--profile",
        ACCURATE,
        "--from",
        "31/08/2026",
        "--to",
        "01/08/2026",
    )
    assert code == EXIT_USAGE and "--from is after --to" in err
    assert len(sb.request_log()) == before


def test_quick_compares_what_the_list_gives_without_reading_any_voucher_s_lines(
    sb, profiles, tmp_path, capsys
):
    post(capsys, write_workbook(tmp_path / "agustus.xlsx", journal_rows(4)))

    def smaller_amounts(voucher):
        for line in voucher["detailJournalVoucher"]:
            line["amount"] = "1000.00"
        return voucher

    def other_account(voucher):  # the same total: only the lines would tell
        voucher["detailJournalVoucher"][0]["accountNo"] = ACCURATE_CREDIT
        voucher["detailJournalVoucher"][1]["accountNo"] = ACCURATE_DEBIT
        return voucher

    sb.edit_voucher_in_app("JU/002", smaller_amounts)
    sb.edit_voucher_in_app("JU/003", lambda voucher: {**voucher, "transDate": "30/08/2026"})
    sb.edit_voucher_in_app("JU/004", other_account)
    before = len(sb.request_log())
    code, document = reconcile(capsys, "--profile", ACCURATE, *AUGUST, "--quick")
    paths = [record.path for record in sb.request_log()[before:]]
    assert code == EXIT_PROBLEMS and document["quick"] is True
    found = by_reference(document)
    assert found["JU/002"]["fields"] == ["amounts"] and "1,000.00" in found["JU/002"]["details"]
    assert found["JU/003"]["fields"] == ["date"]
    assert "JU/004" not in found  # unseen without its lines: what --quick gives up
    assert not any(path.endswith("detail.do") for path in paths)
    code, document = reconcile(capsys, "--profile", ACCURATE, *AUGUST)
    assert by_reference(document)["JU/004"]["fields"] == ["lines"]


def test_a_sempoa_period_is_read_from_its_pages_and_filtered_by_date(
    sb, profiles, tmp_path, capsys
):
    rows = journal_rows(3, SEMPOA_DEBIT, SEMPOA_CREDIT, prefix="PB")
    book = write_workbook(tmp_path / "s.xlsx", rows)
    post(capsys, book, SEMPOA)
    sb.edit_sempoa_journal_in_app("PB/003", lambda _journal: None)
    typed = [(SEMPOA_DEBIT, "250000", "0"), (SEMPOA_CREDIT, "0", "250000")]
    sb.type_sempoa_journal_in_app("KAS/77", "2026-08-20", typed, "Diketik di Sempoa")
    sb.type_sempoa_journal_in_app("KAS/07", "2026-07-20", typed, "Juli")  # outside
    before = len(sb.request_log())
    code, document = reconcile(capsys, "--profile", SEMPOA, *AUGUST)
    paths = [record.path for record in sb.request_log()[before:]]
    assert code == EXIT_PROBLEMS
    assert document["counts"] == {"equal": 2, "different": 0, "missing": 1, "foreign": 1}
    found = by_reference(document)
    assert found["PB/003"]["kind"] == "missing"
    assert (found["KAS/77"]["kind"], found["KAS/77"]["amount"]) == ("foreign", "250000")
    assert "KAS/07" not in found
    # Sempoa's pages carry the lines: read until the empty page, nothing read one by one.
    assert paths.count("/api/integration/jurnal") == document["list_requests"] == 2


def test_a_voucher_moved_out_of_the_period_in_the_service_is_different_not_missing(
    sb, profiles, tmp_path, capsys
):
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(3))
    post(capsys, book)
    sb.edit_voucher_in_app("JU/002", lambda voucher: {**voucher, "transDate": "02/09/2026"})
    sb.edit_voucher_in_app("JU/003", lambda _voucher: None)
    code, document = reconcile(capsys, "--profile", ACCURATE, *AUGUST, str(book))
    assert code == EXIT_PROBLEMS
    found = by_reference(document)
    assert (found["JU/002"]["kind"], found["JU/002"]["fields"]) == ("different", ["date"])
    assert "on the books: 02 Sep 2026" in found["JU/002"]["details"]
    assert found["JU/003"]["kind"] == "missing" and found["JU/003"]["source"] == "outbox"
    assert document["counts"] == {"equal": 1, "different": 1, "missing": 1, "foreign": 0}


def test_in_chinese_the_summary_the_notes_and_the_workbook_read_chinese(
    sb, profiles, tmp_path, capsys
):
    """`--lang zh`: the summary line with its dates year first, what to do per kind naming
    the workbook's sheets as they are called, each difference in Chinese, and the workbook's
    titles and dates in Chinese."""
    post(capsys, write_workbook(tmp_path / "agustus.xlsx", journal_rows(3)))
    sb.edit_voucher_in_app("JU/002", lambda voucher: {**voucher, "transDate": "02/09/2026"})
    sb.edit_voucher_in_app("JU/003", lambda _voucher: None)
    report = tmp_path / "对账.xlsx"
    chinese = ("--from", "2026-08-01", "--to", "2026-08-31", "--report", str(report))
    code, out, _ = run(capsys, "--lang", "zh", "reconcile", "--profile", ACCURATE, *chinese)
    assert code == EXIT_PROBLEMS
    assert (
        f"{ACCURATE}，2026-08-01 至 2026-08-31：1 条一致，1 条不同，1 条账簿中缺失，0 条非来自 "
        "Jurnal Desk。" in out
    )
    summary, *_ = load_workbook(report).worksheets
    titles, row = list(summary.iter_rows(values_only=True))[:2]
    assert titles[:4] == ("公司", "服务", "起始", "截止")
    assert summary.cell(2, 3).number_format == "yyyy-mm-dd"
    notes = row[-1]
    different_sheet = sheet_name(SHEETS[Kind.DIFFERENT], "zh")
    assert f"请查看“{different_sheet}”工作表。有分录不在账簿中" in notes  # no space between
    (different,) = sheet_rows(report, Kind.DIFFERENT, "zh")
    assert (
        different[-1]
        == "过账后在服务中被修改：JU/002：日期不同；发送的：2026-08-03；账簿中：2026-09-02。"
    )
