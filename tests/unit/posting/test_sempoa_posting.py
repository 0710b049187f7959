"""Posting to Sempoa when its answers cannot be trusted, over real HTTP: a save answered at
HTTP 200 without a success is looked up before anything is re-sent. Kept by the server: found
and marked posted, never sent again. Not kept: sent again once. Never kept: left uncertain,
never posted. The outbox never claims a journal the books do not hold, and `jurnal-desk post`
exits 0 only when every journal is in the books, exactly once.

The sandbox honours at most 25 rows of a list page while the client asks for 100, so every
look-up and the chart load read past short pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.cli import EXIT_OK, EXIT_PROBLEMS, main
from app.posting.engine import PostingEngine
from app.posting.outbox.ledger import EntryStatus, OutboxEntry
from app.posting.reasons import EntryReason
from app.posting.targets import SempoaTarget
from app.profiles.store import Profile
from app.sandbox import Sandbox
from app.sandbox.sempoa import MAX_LIMIT
from app.sandbox.sempoa_faults import NOT_CONFIRMING
from tests.helpers.cli_helpers import demo_profiles
from tests.helpers.posting_helpers import SEMPOA_CREDIT, SEMPOA_DEBIT, entries, said, sempoa_client
from tests.helpers.workbooks import write_workbook

COMPANY = "Toko Sempoa"
HEADER = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit"]


def post_batch(outbox, sb, count, **engine_options) -> tuple[list, list[OutboxEntry]]:
    batch_entries = entries(count, prefix="PJ", accounts=(SEMPOA_DEBIT, SEMPOA_CREDIT))
    with sempoa_client(sb, fast=True, line_shape="transaksi") as client:
        engine = PostingEngine(outbox, SempoaTarget(client), COMPANY, **engine_options)
        report = engine.run(engine.open_batch(batch_entries))
    return batch_entries, report.entries


def saves(sb: Sandbox) -> int:
    return sum(1 for r in sb.request_log() if r.method == "POST" and r.path.endswith("/jurnal"))


def assert_books_agree(sb: Sandbox, rows: list[OutboxEntry]) -> None:
    """Each journal at most once, and every row marked posted is in the books by its id."""
    books = {journal["referensi"]: journal for journal in sb.sempoa_journals()}
    assert len(books) == len(sb.sempoa_journals()), "a journal was posted twice"
    for row in rows:
        if row.status is EntryStatus.POSTED:
            assert row.reference in books, f"{row.reference} marked posted, not in the books"
            assert row.remote_id == books[row.reference]["id"]


@pytest.mark.parametrize("answer", NOT_CONFIRMING)
def test_misanswered_saves_that_were_kept_are_found_and_not_sent_again(outbox, sb, answer):
    sb.sempoa_faults().misanswer_saves(answer, count=3, stored=True)
    batch_entries, rows = post_batch(outbox, sb, MAX_LIMIT + 15)
    assert {row.status for row in rows} == {EntryStatus.POSTED}
    assert sum(row.reason is EntryReason.FOUND_ON_SERVER for row in rows) == 3
    assert saves(sb) == len(batch_entries)  # nothing sent twice
    assert_books_agree(sb, rows)
    assert len(sb.sempoa_journals()) == len(batch_entries)


@pytest.mark.parametrize("answer", NOT_CONFIRMING)
def test_misanswered_saves_that_were_not_kept_are_sent_again_once(outbox, sb, answer):
    sb.sempoa_faults().misanswer_saves(answer, count=3, stored=False)
    batch_entries, rows = post_batch(outbox, sb, MAX_LIMIT + 15)
    assert {row.status for row in rows} == {EntryStatus.POSTED}
    assert not any(row.reason is EntryReason.FOUND_ON_SERVER for row in rows)
    assert saves(sb) == len(batch_entries) + 3
    assert_books_agree(sb, rows)
    posted = {j["referensi"]: Decimal(j["transaksi"][0]["debit"]) for j in sb.sempoa_journals()}
    assert posted == {entry.reference: entry.total_debit for entry in batch_entries}


def test_saves_never_kept_are_never_marked_posted(outbox, sb):
    sb.sempoa_faults().misanswer_saves("gagal", count=None, stored=False)
    _sent, rows = post_batch(outbox, sb, 4, reconcile_rounds=2)
    # Sempoa refuses a repeated reference, so each round of the run looks them up and sends
    # again what is surely not there; they stay uncertain, never counted as posted.
    assert {row.status for row in rows} == {EntryStatus.UNCERTAIN}
    assert saves(sb) == 4 * 3  # the first send and one re-send a round, each after a look-up
    assert sb.sempoa_journals() == []


def test_saves_never_kept_are_sent_again_once_a_run_where_repeats_are_accepted(outbox, sb):
    sb.sempoa_faults().misanswer_saves("gagal", count=None, stored=False)
    _sent, rows = post_batch(outbox, sb, 4, reconcile_rounds=2, refuses_repeated_numbers=False)
    # Looked up after each unclear answer, and sent again at most once in a run: they stay
    # uncertain for the next run to look up again, never counted as posted.
    assert {row.status for row in rows} == {EntryStatus.UNCERTAIN}
    assert all("again in the next run" in " ".join(said(row.messages)) for row in rows)
    assert saves(sb) == 4 * 2  # the first send and one re-send, each after a look-up
    assert sb.sempoa_journals() == []


def test_saves_always_kept_but_never_confirmed_end_posted_once(outbox, sb):
    sb.sempoa_faults().misanswer_saves("empty", count=None, stored=True)
    _sent, rows = post_batch(outbox, sb, 6)
    assert {row.status for row in rows} == {EntryStatus.POSTED}
    assert all(row.reason is EntryReason.FOUND_ON_SERVER for row in rows)
    assert saves(sb) == 6
    assert_books_agree(sb, rows)


# -- jurnal-desk post ---------------------------------------------------------------------


@pytest.fixture
def company(sb, jurnal_home):
    with demo_profiles(Profile(COMPANY, "sempoa", url=sb.sempoa_url, sandbox=True)) as store:
        yield store


def workbook(tmp_path, count: int):
    rows = [HEADER]
    for number in range(1, count + 1):
        amount = f"{number}.250.000,75"
        reference = f"PJ/{number:03}"
        day = date(2026, 8, number % 28 + 1)
        rows.append([day, reference, f"Penjualan {number}", SEMPOA_DEBIT, amount, None])
        rows.append([None, None, None, SEMPOA_CREDIT, None, amount])
    return write_workbook(tmp_path / "sempoa.xlsx", rows)


def run(capsys, *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out + err


@pytest.mark.slow
def test_post_30_entries_in_transaksi_shape_past_a_capped_page(sb, company, tmp_path, capsys):
    # 30: more than one page of MAX_LIMIT (25), which is short of the 100 the client asks.
    count = MAX_LIMIT + 5
    assert company.get(COMPANY).sempoa_lines == "transaksi"
    code, out = run(capsys, "post", str(workbook(tmp_path, count)), "--profile", COMPANY)
    assert code == EXIT_OK, out
    journals = sb.sempoa_journals()
    assert sorted(j["referensi"] for j in journals) == [f"PJ/{n:03}" for n in range(1, count + 1)]
    assert journals[0]["transaksi"][0]["debit"] in {f"{n}250000.75" for n in range(1, count + 1)}
    assert {j["referensi"]: j["transaksi"][1]["kredit"] for j in journals}["PJ/027"] == (
        "27250000.75"
    )
    assert saves(sb) == count
    # A second run sends nothing: every entry is known to be in the books.
    code, out = run(capsys, "post", str(workbook(tmp_path, count)), "--profile", COMPANY)
    assert code == EXIT_OK and saves(sb) == count


def test_post_exits_0_when_misanswered_saves_are_reconciled(sb, company, tmp_path, capsys):
    faults = sb.sempoa_faults()
    faults.misanswer_saves("gagal", count=2, stored=True)
    faults.misanswer_saves("success_false", count=2, stored=False)
    code, out = run(capsys, "post", str(workbook(tmp_path, 10)), "--profile", COMPANY)
    assert code == EXIT_OK, out
    assert sorted(j["referensi"] for j in sb.sempoa_journals()) == [
        f"PJ/{n:03}" for n in range(1, 11)
    ]
    assert saves(sb) == 12  # the two not kept were sent again, the two kept were not


@pytest.mark.slow
def test_post_exits_1_while_sempoa_never_confirms_and_a_later_run_finishes(
    sb, company, tmp_path, capsys
):
    sb.sempoa_faults().misanswer_saves("html", count=None, stored=False)
    book = workbook(tmp_path, 2)
    code, out = run(capsys, "--lang", "en", "post", str(book), "--profile", COMPANY)
    assert code == EXIT_PROBLEMS
    assert "Posted now:" in out and "Uncertain:" in out
    summary = {line.split(":")[0].strip(): line.split(":")[-1].strip() for line in out.splitlines()}
    assert (summary["Posted now"], summary["Uncertain"]) == ("0", "2")
    assert sb.sempoa_journals() == []
    sb.sempoa_faults().clear()
    code, out = run(capsys, "post", str(book), "--profile", COMPANY)
    assert code == EXIT_OK, out
    assert sorted(j["referensi"] for j in sb.sempoa_journals()) == ["PJ/001", "PJ/002"]
