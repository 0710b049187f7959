"""`jurnal-desk reconcile` against a journal list that refuses the fields it is not known to
take (`optLock`, `totalAmount`: assumed of Accurate's journal list), in each plausible way:
HTTP 200 with `s: false`, HTTP 400 with that envelope, HTTP 500 with an HTML page. The run
asks the same page again with the confirmed fields only, once, and then finds what a list
that ignored the fields would have let it find. Over real HTTP to the sandbox, with the real
outbox; list requests are counted where they arrive, at the sandbox."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.api.accurate_list_fields import forget_refusals
from app.cli import EXIT_OK, EXIT_PROBLEMS
from tests.helpers.cli_helpers import ACCURATE, journal_rows, run
from tests.helpers.posting_helpers import ACCURATE_CREDIT, ACCURATE_DEBIT
from tests.helpers.workbooks import write_workbook

AUGUST = ("--from", "01/08/2026", "--to", "31/08/2026")
LIST = "/accurate/api/journal-voucher/list.do"
DETAIL = "/accurate/api/journal-voucher/detail.do"
SHAPES = ("200", "400", "500")
PAGE = 2  # vouchers a list page holds here, so a few vouchers fill several pages


@pytest.fixture(autouse=True)
def nothing_learned_yet():
    """What the process learned of a company's list stays with the test that taught it."""
    forget_refusals()
    yield
    forget_refusals()


def post(capsys, tmp_path: Path, count: int) -> None:
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(count))
    code, out, err = run(capsys, "post", str(book), "--profile", ACCURATE)
    assert code == EXIT_OK, out + err


def reconcile(sb, capsys, *argv: str) -> tuple[int, dict, list]:
    """Exit code, the JSON result, and the requests that reached the sandbox meanwhile."""
    before = len(sb.request_log())
    code, out, err = run(capsys, "--lang", "en", "reconcile", "--profile", ACCURATE, *AUGUST,
                         *argv, "--json")  # fmt: skip
    assert out, err
    return code, json.loads(out), sb.request_log()[before:]


def lists(records: list) -> int:
    return sum(1 for record in records if record.path == LIST)


def details(records: list) -> int:
    return sum(1 for record in records if record.path == DETAIL)


def verdicts(document: dict) -> tuple[dict, dict[str, tuple]]:
    """What a user reads: the counts, and each finding that is not "equal"."""
    return document["counts"], {
        f["reference"]: (f["kind"], tuple(f["fields"]), f["amount"], f["details"])
        for f in document["findings"]
    }


def changed_deleted_and_typed(sb, capsys, tmp_path: Path) -> None:
    """Five entries posted; then, in Accurate's own app, JU/002's amounts changed, JU/003
    deleted and MANUAL-1 typed: five vouchers in the month, three list pages."""
    post(capsys, tmp_path, 5)
    sb.cap_list_pages(PAGE)
    sb.edit_voucher_in_app("JU/002", smaller_amounts)
    sb.edit_voucher_in_app("JU/003", lambda _voucher: None)
    sb.type_voucher_in_app(
        "MANUAL-1",
        "15/08/2026",
        [(ACCURATE_DEBIT, "DEBIT", "777000"), (ACCURATE_CREDIT, "CREDIT", "777000")],
        "Diketik",
    )


def smaller_amounts(voucher: dict) -> dict:
    for line in voucher["detailJournalVoucher"]:
        line["amount"] = "1000.00"
    return voucher


def ignoring_list(sb, capsys) -> tuple[int, dict, list]:
    """The same month read from a list that leaves the unconfirmed fields out instead."""
    sb.list_without_totals()
    sb.list_without_versions()
    return reconcile(sb, capsys)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.slow
def test_a_list_refusing_the_fields_is_asked_once_more_and_finds_the_same(
    sb, profiles, tmp_path, capsys, quick_retry_waits, shape
):
    changed_deleted_and_typed(sb, capsys, tmp_path)
    code_ignored, ignored, ignored_requests = ignoring_list(sb, capsys)
    assert code_ignored == EXIT_PROBLEMS and lists(ignored_requests) == 3

    sb.list_refuses_fields(shape)
    code, document, requests = reconcile(sb, capsys)

    assert code == code_ignored
    assert verdicts(document) == verdicts(ignored)
    assert document["counts"] == {"equal": 3, "different": 1, "missing": 1, "foreign": 1}
    assert details(requests) == details(ignored_requests)
    # Three pages, and one request more: the first page with the fields, refused once.
    assert lists(requests) == 3 + 1 and sb.list_field_refusals() == 1
    assert document["list_requests"] == 3 + 1
    assert sb.stats.breaches == 0  # the request asked again is paced as every other
    assert document["list_fields_refused"] is True

    # Learned for this company in this process: the next run asks the confirmed fields only.
    code, again, requests = reconcile(sb, capsys)
    assert code == code_ignored and verdicts(again) == verdicts(ignored)
    assert lists(requests) == 3 and sb.list_field_refusals() == 1


def test_the_run_says_once_that_the_list_refused_the_fields(sb, profiles, tmp_path, capsys):
    post(capsys, tmp_path, 3)
    sb.cap_list_pages(PAGE)
    sb.list_refuses_fields("200")

    code, out, _err = run(capsys, "--lang", "en", "reconcile", "--profile", ACCURATE, *AUGUST)

    assert code == EXIT_OK
    note = "Accurate's journal list refused a request naming the edit counter (optLock)"
    assert out.count(note) == 1
    assert "every entry from Jurnal Desk is read with its lines" in out
    code, out, _err = run(capsys, "--lang", "zh", "reconcile", "--profile", ACCURATE, *AUGUST)
    assert code == EXIT_OK
    assert out.count("Accurate 的记账凭证列表拒绝了") == 1


def test_a_limit_reply_to_the_list_is_waited_out_and_the_fields_kept(
    sb, profiles, tmp_path, capsys
):
    """Accurate's limit reply at HTTP 200 (s: false) looks like a refusal, and is not one:
    the same request goes again after the wait, the fields with it."""
    post(capsys, tmp_path, 3)
    sb.accurate_faults().limit_list_requests(1)

    code, document, requests = reconcile(sb, capsys)

    assert code == EXIT_OK
    assert details(requests) == 0 and document["unchanged_by_version"] == 3
    assert lists(requests) == 2  # the limit reply, then the same request answered
    assert document["list_fields_refused"] is False


@pytest.mark.slow
def test_a_limit_reply_before_a_refusal_is_waited_out_and_only_the_refusal_counts(
    sb, profiles, tmp_path, capsys, quick_retry_waits
):
    changed_deleted_and_typed(sb, capsys, tmp_path)
    code_ignored, ignored, _requests = ignoring_list(sb, capsys)
    sb.list_refuses_fields("200")
    sb.accurate_faults().limit_list_requests(1)

    code, document, requests = reconcile(sb, capsys)

    assert code == code_ignored
    assert verdicts(document) == verdicts(ignored)
    # The limit reply, the same request again (refused for its fields), then three pages.
    assert lists(requests) == 1 + 1 + 3 and sb.list_field_refusals() == 1
