"""The Accurate client and branches (cabang), over real HTTP against the sandbox: listing them,
and every voucher carrying the entry's branch or else the company's default."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import replace

import pytest

from app.api.accurate import AccurateClient, Branch, voucher_body
from app.api.ratelimit import RateLimiter
from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN, Sandbox
from tests.helpers.posting_helpers import NO_WAIT, accurate_client, entries

MULTI = ("Pusat", "Cabang Surabaya", "Cabang Medan")
NEEDS_BRANCH = "Profil pengguna anda memiliki akses ke lebih dari satu cabang"


@pytest.fixture
def sb() -> Generator[Sandbox, None, None]:
    with Sandbox(demo_branches=MULTI) as sandbox:
        yield sandbox


@pytest.fixture
def client(sb) -> Generator[AccurateClient, None, None]:
    with accurate_client(sb) as accurate:
        yield accurate


def test_branches_reads_every_page(sb, client):
    names = [f"Cabang {n:03}" for n in range(1, 8)]
    sb.set_branches(names)
    client.page_size = 3  # three pages
    branches = client.branches()
    assert [branch.name for branch in branches] == names
    assert all(isinstance(branch, Branch) and branch.id.isdigit() for branch in branches)
    listed = [r for r in sb.request_log() if r.path.endswith("branch/list.do")]
    assert len(listed) == 3


def test_without_a_branch_a_multi_branch_company_refuses_every_voucher(sb, client):
    result = client.save_voucher(entries(1)[0])
    assert not result.ok and NEEDS_BRANCH in result.messages[0]
    bulk = client.bulk_save(entries(3))
    assert [r.ok for r in bulk] == [False, False, False]
    assert sb.vouchers() == []


def test_the_default_branch_goes_with_every_voucher_and_an_entrys_own_wins(sb, client):
    client.default_branch = "Cabang Medan"
    own = replace(entries(1, prefix="OWN")[0], branch="Cabang Surabaya")
    assert client.save_voucher(entries(1, prefix="ONE")[0]).ok
    assert all(r.ok for r in client.bulk_save([*entries(2, prefix="BULK"), own]))
    branches = {voucher["number"]: voucher["branchName"] for voucher in sb.vouchers()}
    assert branches == {
        "ONE-00001": "Cabang Medan",
        "BULK-00001": "Cabang Medan",
        "BULK-00002": "Cabang Medan",
        "OWN-00001": "Cabang Surabaya",
    }


def test_create_takes_the_default_branch(sb):
    with AccurateClient.create(
        token=DEMO_ACCURATE_TOKEN,
        secret=DEMO_ACCURATE_SECRET,
        limiter=RateLimiter(),
        host=sb.accurate_host(),
        account_url=sb.account_url,
        retry=NO_WAIT,
        default_branch="Pusat",
    ) as client:
        assert client.save_voucher(entries(1)[0]).ok
    assert sb.vouchers()[0]["branch"]["name"] == "Pusat"


def test_no_branch_is_sent_when_neither_the_entry_nor_the_client_names_one():
    entry = entries(1)[0]
    assert "branchName" not in voucher_body(entry)
    assert "branchName" not in voucher_body(entry, default_branch="  ")
    assert voucher_body(entry, default_branch="Pusat")["branchName"] == "Pusat"
    assert voucher_body(replace(entry, branch="Medan"), default_branch="Pusat")["branchName"] == (
        "Medan"
    )
