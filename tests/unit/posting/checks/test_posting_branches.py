"""Branches (cabang) checked before anything is sent, end to end: a profile in a (memory)
keyring, the sandbox's multi-branch company on 127.0.0.1, real workbooks and the outbox in the
test's home. Every voucher in the books must carry the right branch, and nothing is sent while
an entry lacks one or names one the company does not have."""

from __future__ import annotations

import dataclasses
from collections.abc import Generator, Iterator

import pytest

from app.api.ratelimit import LimiterRegistry
from app.cli import EXIT_OK, EXIT_PROBLEMS
from app.posting.service import Company, NotReady, opened_outbox, post_entries
from app.profiles.home import app_home
from app.profiles.secrets import SecretStore
from app.profiles.store import Profile, ProfileStore
from app.sandbox import MULTI_BRANCHES, Sandbox
from app.setup.connect import saved_company
from tests.helpers.cli_helpers import demo_profiles, journal_rows, run
from tests.helpers.posting_helpers import entries
from tests.helpers.workbooks import write_workbook

ACCURATE = "PT Dua Cabang"
BRANCHES = MULTI_BRANCHES


@pytest.fixture
def sb() -> Generator[Sandbox, None, None]:
    with Sandbox(demo_branches=BRANCHES) as sandbox:
        yield sandbox


@pytest.fixture
def store(sb, jurnal_home) -> Iterator[ProfileStore]:
    """The multi-branch demo company as a profile without a default branch."""
    with demo_profiles(Profile(ACCURATE, "accurate", url=sb.account_url, sandbox=True)) as saved:
        yield saved


def set_default(store: ProfileStore, branch: str | None) -> None:
    store.save(dataclasses.replace(store.get(ACCURATE), branch=branch))


def branches_on_server(sb: Sandbox) -> dict[str, str]:
    return {voucher["number"]: voucher["branchName"] for voucher in sb.vouchers()}


def company(store: ProfileStore, **options) -> Company:
    return saved_company(store, SecretStore(), LimiterRegistry(), ACCURATE, **options)


# -- the command line -------------------------------------------------------------------------


def test_post_with_the_profiles_default_branch_files_every_voucher_under_it(
    sb, store, tmp_path, capsys
):
    set_default(store, "Cabang Surabaya")
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(5))
    code, out, err = run(capsys, "post", str(book), "--profile", ACCURATE)
    assert code == EXIT_OK, out + err
    assert branches_on_server(sb) == {f"JU/{n:03}": "Cabang Surabaya" for n in range(1, 6)}


@pytest.mark.parametrize("bulk", [True, False])
def test_the_default_is_sent_in_the_companys_spelling(sb, store, tmp_path, capsys, bulk):
    set_default(store, "  cabang MEDAN ")
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(3))
    extra = [] if bulk else ["--no-bulk"]
    code, out, err = run(capsys, "post", str(book), "--profile", ACCURATE, *extra)
    assert code == EXIT_OK, out + err
    assert set(branches_on_server(sb).values()) == {"Cabang Medan"}


def test_without_a_default_every_entry_is_reported_and_nothing_is_sent(sb, store, tmp_path, capsys):
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(3))
    code, out, _ = run(capsys, "--lang", "en", "post", str(book), "--profile", ACCURATE)
    assert code == EXIT_PROBLEMS
    assert out.count("has no branch, but this company has 3 branches") == 3
    assert "Fill in the Branch column or choose the company's default branch" in out
    assert "Nothing was sent" in out
    assert sb.vouchers() == []
    saves = [r for r in sb.request_log() if "journal-voucher" in r.path]
    assert saves == []


def test_an_unknown_default_branch_is_caught_before_sending(sb, store, tmp_path, capsys):
    set_default(store, "Cabang Bandung")
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(2))
    code, out, _ = run(capsys, "post", str(book), "--profile", ACCURATE, "--dry-run")
    assert code == EXIT_PROBLEMS  # as for an unknown account
    assert out.count("'Cabang Bandung', yang tidak ada di perusahaan ini") == 2
    assert "Pusat, Cabang Surabaya, Cabang Medan" in out
    assert sb.vouchers() == []


def test_the_branches_are_read_once_per_run(sb, store, tmp_path, capsys):
    set_default(store, "Pusat")
    # 12 one by one: more entries than requests in flight at once, every one needing a branch.
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(12))
    code, out, err = run(capsys, "post", str(book), "--profile", ACCURATE, "--no-bulk")
    assert code == EXIT_OK, out + err
    listed = [r for r in sb.request_log() if r.path.endswith("branch/list.do")]
    assert len(listed) == 1 and len(sb.vouchers()) == 12


def test_a_single_branch_company_needs_no_branch(sb, store, tmp_path, capsys):
    sb.set_branches(["Pusat"])
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(2))
    code, out, err = run(capsys, "post", str(book), "--profile", ACCURATE)
    assert code == EXIT_OK, out + err
    assert set(branches_on_server(sb).values()) == {"Pusat"}  # Accurate files them there


# -- the posting service (what the window uses too) -------------------------------------------


def test_an_entrys_own_branch_overrides_the_default(sb, store):
    set_default(store, "Pusat")
    batch = entries(3)
    batch[1].branch = "Cabang Surabaya"
    batch[2].branch = "cabang medan"  # the company's spelling is what is sent
    with company(store) as medan, opened_outbox(app_home()) as outbox:
        report = post_entries(outbox, medan, batch)
    assert report.complete
    assert branches_on_server(sb) == {
        "JV-00001": "Pusat",
        "JV-00002": "Cabang Surabaya",
        "JV-00003": "Cabang Medan",
    }


def test_an_unknown_branch_on_one_entry_stops_everything_unless_only_valid(sb, store):
    batch = entries(3)
    for entry, branch in zip(batch, ["Pusat", "Cabang Jayapura", "Cabang Medan"], strict=True):
        entry.branch = branch
    with company(store) as accurate, opened_outbox(app_home()) as outbox:
        checked = accurate.check(batch)
        assert [p.reference for p in checked.problems] == ["JV-00002"]
        problem = checked.problems[0]
        assert problem.field == "branch" and problem.row == batch[1].row
        assert "Cabang Jayapura" in problem.text.id and "Cabang Jayapura" in problem.text.en
        assert "Perbaiki kolom Cabang" in problem.text.id
        with pytest.raises(NotReady):
            post_entries(outbox, accurate, batch)
        assert sb.vouchers() == []
        post_entries(outbox, accurate, batch, only_valid=True)
    assert branches_on_server(sb) == {"JV-00001": "Pusat", "JV-00003": "Cabang Medan"}


def test_entries_without_a_branch_are_problems_only_where_the_company_has_several(sb, store):
    batch = entries(2)
    batch[0].branch = "Pusat"
    with company(store) as accurate:
        checked = accurate.check(batch)
    assert [p.reference for p in checked.problems] == ["JV-00002"]
    assert "isi kolom cabang atau pilih cabang utama perusahaan di pengaturan perusahaan" in (
        checked.problems[0].text.id.lower()
    )
    assert [e.reference for e in checked.ready] == ["JV-00001"]


def test_a_token_that_may_not_list_branches_leaves_the_decision_to_accurate(sb, store):
    sb.withdraw_scope("branch/list.do")
    set_default(store, "Cabang Surabaya")
    with company(store) as accurate, opened_outbox(app_home()) as outbox:
        assert accurate.branches() is None
        report = post_entries(outbox, accurate, entries(2))
    assert report.complete
    assert set(branches_on_server(sb).values()) == {"Cabang Surabaya"}
