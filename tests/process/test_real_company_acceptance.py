"""A month on a company shaped like a real one, end to end through the commands: Accurate
with several branches, limit replies at HTTP 200, 3 % server errors and injected limit
replies; 110 entries in bulk (two bulk saves) and 20 one by one; verify; undo by id. Sempoa
posts in the `transaksi` shape."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from app.cli import EXIT_OK, EXIT_PROBLEMS
from app.profiles.store import Profile
from app.sandbox import (
    MULTI_BRANCHES,
    Sandbox,
)
from app.sandbox.faults import Faults
from tests.helpers.cli_helpers import HEADER, demo_profiles, journal_rows, run
from tests.helpers.posting_helpers import SEMPOA_CREDIT, SEMPOA_DEBIT
from tests.helpers.workbooks import write_workbook

pytestmark = pytest.mark.slow
ACCURATE, SEMPOA = "PT Cabang Banyak", "Toko Sempoa"
DEFAULT_BRANCH = "Cabang Surabaya"
BULK, SINGLE = 110, 20


@pytest.fixture
def sb() -> Iterator[Sandbox]:
    faults = Faults(error_rate=0.03, rate_limit_rate=0.03, seed=11)
    with Sandbox(faults, demo_branches=MULTI_BRANCHES, limit_reply="200") as sandbox:
        yield sandbox


@pytest.fixture
def companies(sb, jurnal_home):
    accurate = Profile(
        ACCURATE, "accurate", url=sb.account_url, sandbox=True, branch=DEFAULT_BRANCH
    )
    sempoa = Profile(SEMPOA, "sempoa", url=sb.sempoa_url, sandbox=True)
    with demo_profiles(accurate, sempoa) as store:
        yield store


def with_branches(rows: list[list]) -> list[list]:
    """The rows with a Cabang column: every other entry names Cabang Medan, the rest none."""
    out = [*rows[:2], [*HEADER, "Cabang"]]
    for index, row in enumerate(rows[3:]):
        entry_number = index // 2
        first_line = index % 2 == 0
        branch = "Cabang Medan" if first_line and entry_number % 2 == 0 else None
        out.append([*row, branch])
    return out


def post_until_done(capsys, *argv: str) -> str:
    """As a user would: post, and if the run could not finish everything (a server error
    on a re-sent entry), run the same command again; it finishes without duplicates."""
    code, out, err = run(capsys, "--lang", "en", "post", *argv)
    if code == EXIT_PROBLEMS:
        assert "Rejected by the server:                           0" in out, out
        code, out, err = run(capsys, "--lang", "en", "post", *argv)
    assert code == EXIT_OK, out + err
    return out


def batch_of(capsys, source: str) -> str:
    _code, out, _ = run(capsys, "history", "--json", "--profile", ACCURATE)
    return next(b["batch"] for b in json.loads(out) if b["source"].endswith(source))


def test_a_month_on_a_multi_branch_company_posts_verifies_and_undoes(
    sb, companies, tmp_path, capsys
):
    # Verify reads, and undo reads and deletes, every voucher at the service's 8 requests a
    # second: more entries cost seconds and prove nothing more than 110 (over one bulk save's
    # 100) and 20 (both branch cases, many times over).
    bulk = write_workbook(tmp_path / "bulk.xlsx", journal_rows(BULK, prefix="BK"))
    single = write_workbook(
        tmp_path / "single.xlsx", with_branches(journal_rows(SINGLE, prefix="SG"))
    )
    post_until_done(capsys, str(bulk), "--profile", ACCURATE)
    post_until_done(capsys, str(single), "--profile", ACCURATE, "--no-bulk")

    vouchers = sb.vouchers()
    assert len(vouchers) == BULK + SINGLE
    assert sorted(v["number"] for v in vouchers) == sorted(
        [f"BK/{n:03}" for n in range(1, BULK + 1)] + [f"SG/{n:03}" for n in range(1, SINGLE + 1)]
    )
    branches = {voucher["number"]: voucher["branchName"] for voucher in vouchers}
    assert {branches[f"BK/{n:03}"] for n in range(1, BULK + 1)} == {DEFAULT_BRANCH}
    assert branches["SG/001"] == "Cabang Medan" and branches["SG/002"] == DEFAULT_BRANCH
    stats = sb.stats
    assert stats.injected_errors > 0 and stats.injected_rate_limits > 0

    for source in ("bulk.xlsx", "single.xlsx"):
        batch = batch_of(capsys, source)
        code, out, _ = run(capsys, "--lang", "en", "verify", batch)
        assert code == EXIT_OK, out
        assert "0 differ, 0 not on the books" in out

    sb.faults = Faults()  # undo, by id, on a calm service
    for source in ("bulk.xlsx", "single.xlsx"):
        code, out, err = run(capsys, "undo", batch_of(capsys, source), "--yes")
        assert code == EXIT_OK, out + err
    assert sb.vouchers() == []
    deletes = [r for r in sb.request_log() if r.path.endswith("journal-voucher/delete.do")]
    assert len([r for r in deletes if r.status == 200]) >= BULK + SINGLE


def test_sempoa_posts_in_the_transaksi_shape(sb, companies, tmp_path, capsys):
    sb.faults = Faults()
    rows = journal_rows(20, SEMPOA_DEBIT, SEMPOA_CREDIT, prefix="SP")
    book = write_workbook(tmp_path / "sempoa.xlsx", rows)
    code, out, err = run(capsys, "post", str(book), "--profile", SEMPOA)
    assert code == EXIT_OK, out + err
    journals = sb.sempoa_journals()
    assert len(journals) == 20 and {j["sent_as"] for j in journals} == {"transaksi"}
