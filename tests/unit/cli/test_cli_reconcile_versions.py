"""`jurnal-desk reconcile` reads a voucher Jurnal Desk posted with its lines only when the
journal list cannot prove it unchanged: the same id, edit counter (`optLock`) and total as
remembered when it was known to hold what was sent (the save's answer, or an earlier reading
that compared its lines). Over real HTTP to the sandbox, with the real outbox; the detail
requests are counted where they arrive, at the sandbox."""

from __future__ import annotations

import json
from pathlib import Path

from app.cli import EXIT_OK, EXIT_PROBLEMS
from tests.helpers.cli_helpers import ACCURATE, journal_rows, run
from tests.helpers.posting_helpers import ACCURATE_CREDIT, ACCURATE_DEBIT
from tests.helpers.workbooks import write_workbook

AUGUST = ("--from", "01/08/2026", "--to", "31/08/2026")
DETAIL = "/accurate/api/journal-voucher/detail.do"


def post(capsys, tmp_path: Path, count: int) -> Path:
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(count))
    code, out, err = run(capsys, "post", str(book), "--profile", ACCURATE)
    assert code == EXIT_OK, out + err
    return book


def reconcile(sb, capsys, *argv: str) -> tuple[int, dict, int]:
    """Exit code, the JSON result, and how many detail.do requests reached the sandbox."""
    before = len(sb.request_log())
    code, out, _err = run(capsys, "--lang", "en", "reconcile", "--profile", ACCURATE, *AUGUST,
                          *argv, "--json")  # fmt: skip
    details = sum(1 for record in sb.request_log()[before:] if record.path == DETAIL)
    document = json.loads(out)
    assert document["detail_requests"] == details
    return code, document, details


def by_reference(document: dict) -> dict[str, dict]:
    return {finding["reference"]: finding for finding in document["findings"]}


def verdicts(document: dict) -> tuple[dict, dict[str, tuple]]:
    """What a user reads: the counts, and each finding that is not "equal" (those are only
    counted)."""
    return document["counts"], {
        f["reference"]: (f["kind"], tuple(f["fields"]), f["amount"], f["details"])
        for f in document["findings"]
    }


def smaller_amounts(voucher: dict) -> dict:
    for line in voucher["detailJournalVoucher"]:
        line["amount"] = "1000.00"
    return voucher


def test_the_first_reconcile_after_posting_reads_no_lines_and_still_finds_every_change(
    sb, profiles, tmp_path, capsys
):
    post(capsys, tmp_path, 5)

    code, document, details = reconcile(sb, capsys)
    assert code == EXIT_OK, document
    assert details == 0 and document["counts"]["equal"] == 5

    sb.edit_voucher_in_app("JU/002", smaller_amounts)  # lines changed: the counter grows
    sb.edit_voucher_in_app("JU/003", lambda _voucher: None)  # deleted in the service
    sb.type_voucher_in_app(
        "MANUAL-1",
        "15/08/2026",
        [(ACCURATE_DEBIT, "DEBIT", "777000"), (ACCURATE_CREDIT, "CREDIT", "777000")],
        "Diketik",
    )
    code, document, details = reconcile(sb, capsys)

    assert code == EXIT_PROBLEMS
    assert document["counts"] == {"equal": 3, "different": 1, "missing": 1, "foreign": 1}
    found = by_reference(document)
    assert found["JU/002"]["kind"] == "different" and found["JU/002"]["fields"] == ["amounts"]
    assert "1,000.00" in found["JU/002"]["details"]
    assert found["JU/003"]["kind"] == "missing"
    assert found["MANUAL-1"]["kind"] == "foreign" and found["MANUAL-1"]["amount"] == "777000"
    # JU/002 read with its lines, JU/003 looked for by its id; the three unchanged are not read.
    assert details == 2


def test_a_history_without_counters_is_read_once_then_no_more(sb, profiles, tmp_path, capsys):
    """Posted while the save's answer carried no counter (or before Jurnal Desk kept them):
    the first reconcile reads every voucher's lines and remembers what it proved."""
    sb.save_answers_without_versions()
    post(capsys, tmp_path, 4)

    code, first, details = reconcile(sb, capsys)
    assert code == EXIT_OK and details == 4

    code, second, details = reconcile(sb, capsys)
    assert code == EXIT_OK and details == 0
    assert verdicts(second) == verdicts(first)

    sb.edit_voucher_in_app("JU/004", lambda voucher: {**voucher, "description": "diubah"})
    code, third, details = reconcile(sb, capsys)
    assert code == EXIT_PROBLEMS and details == 1
    assert by_reference(third)["JU/004"]["fields"] == ["description"]


def test_a_list_without_counters_reads_every_voucher_with_the_same_results(
    sb, profiles, tmp_path, capsys
):
    post(capsys, tmp_path, 4)
    sb.edit_voucher_in_app("JU/001", smaller_amounts)
    sb.edit_voucher_in_app("JU/002", lambda voucher: {**voucher, "description": "diubah"})
    _code, with_counters, details = reconcile(sb, capsys)
    assert details == 2  # the two changed

    sb.list_without_versions()
    _code, without, details = reconcile(sb, capsys)

    assert details == 4  # every voucher from Jurnal Desk, read with its lines
    assert verdicts(without) == verdicts(with_counters)
    assert without["counts"] == {"equal": 2, "different": 2, "missing": 0, "foreign": 0}


def test_the_same_counter_with_another_total_is_read_and_told(sb, profiles, tmp_path, capsys):
    """A service whose counter missed a change: the total still tells, and the lines are
    read; the counter alone is never taken for proof."""
    post(capsys, tmp_path, 3)
    sb.edit_voucher_in_app("JU/002", smaller_amounts, counted=False)

    code, document, details = reconcile(sb, capsys)

    assert code == EXIT_PROBLEMS and details == 1
    found = by_reference(document)
    assert found["JU/002"]["kind"] == "different" and found["JU/002"]["fields"] == ["amounts"]
    assert document["counts"] == {"equal": 2, "different": 1, "missing": 0, "foreign": 0}


def test_a_voucher_typed_again_under_its_number_is_read_even_with_the_same_counter(
    sb, profiles, tmp_path, capsys
):
    """Deleted and typed again by hand with the number Jurnal Desk sent: another voucher (id),
    whose counter starts again, so proves nothing of the one posted."""
    post(capsys, tmp_path, 2)
    sb.edit_voucher_in_app("JU/001", lambda _voucher: None)
    sb.type_voucher_in_app(
        "JU/001",
        "02/08/2026",
        [(ACCURATE_DEBIT, "DEBIT", "1500000.50"), (ACCURATE_CREDIT, "CREDIT", "1500000.50")],
        "Penjualan 1 diketik ulang",
    )

    code, document, details = reconcile(sb, capsys)

    assert code == EXIT_PROBLEMS and details == 1
    assert by_reference(document)["JU/001"]["fields"] == ["description"]


def test_a_workbook_entry_changed_since_posting_is_compared_with_the_lines(
    sb, profiles, tmp_path, capsys
):
    post(capsys, tmp_path, 2)
    rows = journal_rows(2)
    rows[3][2] = "Penjualan 1 (dikoreksi)"  # JU/001's description, changed in the workbook
    changed = write_workbook(tmp_path / "dikoreksi.xlsx", rows)

    code, document, details = reconcile(sb, capsys, str(changed))

    assert code == EXIT_PROBLEMS and details == 1  # JU/001 read; JU/002 proven as sent
    assert by_reference(document)["JU/001"]["fields"] == ["description"]
    assert document["counts"] == {"equal": 1, "different": 1, "missing": 0, "foreign": 0}


def test_the_result_says_how_many_were_proven_by_their_version(sb, profiles, tmp_path, capsys):
    post(capsys, tmp_path, 3)
    code, out, _err = run(capsys, "--lang", "en", "reconcile", "--profile", ACCURATE, *AUGUST)
    assert code == EXIT_OK
    assert "3 entries from Jurnal Desk were proven unchanged by their version in the list" in out
    assert "1 list requests, 0 detail requests." in out
    code, out, _err = run(capsys, "--lang", "zh", "reconcile", "--profile", ACCURATE, *AUGUST)
    assert "3 条来自 Jurnal Desk 的分录已由列表中的版本证明未被更改" in out
