"""A save answer is believed only when it names the voucher sent, and undo proves before it
deletes. Over real HTTP to the sandbox, whose Accurate company answers valid saves `s: true`
with another number, with no `r`, or with the id of another voucher (app.sandbox
.accurate_faults): such an entry is uncertain, looked up by its number and compared, and ends
posted only when the books hold it; two entries never keep one id; undo reads voucher id N
back and deletes it only when it is the entry's."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from app.cli import EXIT_OK, EXIT_PROBLEMS
from app.core.books.journal import JournalEntry, JournalLine
from app.posting.engine import PostingEngine
from app.posting.outbox.ledger import EntryStatus
from app.posting.reasons import EntryReason
from app.posting.targets import AccurateTarget
from app.sandbox import Sandbox
from tests.helpers.cli_helpers import ACCURATE, journal_rows, run
from tests.helpers.posting_helpers import (
    ACCURATE_CREDIT,
    ACCURATE_DEBIT,
    accurate_client,
    entries,
    said,
)
from tests.helpers.workbooks import write_workbook


@pytest.fixture
def sb():
    with Sandbox(enforce_rate_limit=False) as sandbox:
        yield sandbox


def post(outbox, sb, batch_entries, *, bulk: bool = False, **options):
    with accurate_client(sb, fast=True) as client:
        engine = PostingEngine(outbox, AccurateTarget(client, bulk=bulk), "PT Demo", **options)
        report = engine.run(engine.open_batch(batch_entries))
        return engine, report


def books(sb: Sandbox) -> dict[str, str]:
    """number -> id of every voucher in the sandbox's books."""
    return {voucher["number"]: str(voucher["id"]) for voucher in sb.vouchers()}


def someone_elses_voucher(sb: Sandbox) -> str:
    """A voucher typed in Accurate's own app (not through this outbox); returns its id."""
    other = JournalEntry(
        date=date(2026, 7, 31),
        reference="LAIN/001",
        description="Dicatat di Accurate",
        lines=[
            JournalLine(ACCURATE_DEBIT, debit=Decimal(77)),
            JournalLine(ACCURATE_CREDIT, credit=Decimal(77)),
        ],
    )
    with accurate_client(sb, fast=True) as client:
        saved = client.save_voucher(other)
    assert saved.ok
    return str(saved.remote_id)


# -- answers that do not name the voucher sent ----------------------------------------------


@pytest.mark.parametrize("answer", ["other_number", "no_record"])
def test_a_save_answered_without_naming_the_voucher_is_not_posted_when_not_in_the_books(
    outbox, sb, answer
):
    sb.accurate_faults().misanswer_saves(answer, count=None, stored=False)
    _engine, report = post(outbox, sb, entries(3), reconcile_rounds=2)
    assert sb.vouchers() == []
    assert {row.status for row in report.entries} == {EntryStatus.UNCERTAIN}
    assert report.progress.posted == 0 and not report.complete
    assert all(row.remote_id == "" for row in report.entries)


@pytest.mark.parametrize("answer", ["other_number", "no_record"])
def test_a_misanswered_save_that_was_kept_is_found_compared_and_posted_once(outbox, sb, answer):
    sb.accurate_faults().misanswer_saves(answer, count=3, stored=True)
    _engine, report = post(outbox, sb, entries(5))
    assert report.complete
    assert {row.reference: row.remote_id for row in report.entries} == books(sb)
    assert set(sb.save_attempts().values()) == {1}  # nothing was sent twice
    found = [row for row in report.entries if row.reason is EntryReason.FOUND_ON_SERVER]
    assert len(found) == 3


def test_a_misanswered_save_that_was_not_kept_is_sent_again_after_a_clean_look_up(outbox, sb):
    sb.accurate_faults().misanswer_saves("other_number", count=2, stored=False)
    _engine, report = post(outbox, sb, entries(4))
    assert report.complete
    assert {row.reference: row.remote_id for row in report.entries} == books(sb)
    assert sorted(sb.save_attempts().values()) == [1, 1, 2, 2]


@pytest.mark.slow
def test_the_command_exits_with_problems_and_posts_nothing_while_answers_name_another_voucher(
    sb,
    profiles,
    tmp_path,
    capsys,
):
    sb.accurate_faults().misanswer_saves("other_number", count=None, stored=False)
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(3))
    code, out, _err = run(capsys, "--lang", "en", "post", str(book), "--profile", ACCURATE,
                          "--no-bulk")  # fmt: skip
    assert code == EXIT_PROBLEMS, out
    summary = {line.split(":")[0].strip(): line.split(":")[-1].strip() for line in out.splitlines()}
    assert (summary["Posted now"], summary["Uncertain"]) == ("0", "3")
    assert sb.vouchers() == []


# -- one id, two entries ----------------------------------------------------------------------


@pytest.mark.parametrize("bulk", [False, True], ids=["one-by-one", "bulk"])
def test_entries_answered_with_one_id_are_looked_up_and_get_their_own(outbox, sb, bulk):
    theirs = someone_elses_voucher(sb)
    sb.accurate_faults().misanswer_saves("reused_id", count=3, stored=True)
    engine, report = post(outbox, sb, entries(3), bulk=bulk)
    assert report.complete
    ids = {row.reference: row.remote_id for row in report.entries}
    assert theirs not in ids.values()
    assert len(set(ids.values())) == 3
    assert ids == {number: id_ for number, id_ in books(sb).items() if number != "LAIN/001"}
    with accurate_client(sb, fast=True) as client:
        engine.target = AccurateTarget(client)
        undone = engine.undo(report.batch.id)
    assert len(undone) == 3
    assert list(books(sb)) == ["LAIN/001"]  # someone else's voucher is still there


# -- undo proves before it deletes ------------------------------------------------------------


def test_undo_leaves_a_voucher_whose_id_names_another_voucher_and_says_why(outbox, sb):
    theirs = someone_elses_voucher(sb)
    # The only misanswered save: nothing to compare it with, so it is recorded with that id.
    sb.accurate_faults().misanswer_saves("reused_id", count=1, stored=True)
    engine, report = post(outbox, sb, entries(2))
    [wrong] = [row for row in report.entries if row.remote_id == theirs]
    with accurate_client(sb, fast=True) as client:
        engine.target = AccurateTarget(client)
        undone = engine.undo(report.batch.id)
    assert [row.reference for row in undone] == [
        row.reference for row in report.entries if row is not wrong
    ]
    assert sorted(books(sb)) == sorted(["LAIN/001", wrong.reference])  # nothing of it deleted
    left = outbox.get(wrong.id)
    assert left.status is EntryStatus.POSTED
    assert any(f"Not deleted: voucher id {theirs}" in message for message in said(left.messages))
    deletes = [r for r in sb.request_log() if r.path.endswith("delete.do")]
    assert len(deletes) == 1


def test_the_undo_command_names_the_voucher_it_would_not_delete(
    sb,
    profiles,
    tmp_path,
    capsys,
):
    theirs = someone_elses_voucher(sb)
    sb.accurate_faults().misanswer_saves("reused_id", count=1, stored=True)
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(2))
    code, out, _err = run(capsys, "post", str(book), "--profile", ACCURATE, "--no-bulk")
    assert code == EXIT_OK, out
    code, out, _err = run(capsys, "history", "--json")
    [batch] = json.loads(out)
    code, out, _err = run(capsys, "--lang", "en", "undo", batch["batch"], "--yes")
    assert code == EXIT_PROBLEMS
    assert "1 vouchers of batch" in out
    assert f"Not deleted: voucher id {theirs}" in out
    left = sorted(books(sb))
    assert left in (["JU/001", "LAIN/001"], ["JU/002", "LAIN/001"])  # the one undo left alone
