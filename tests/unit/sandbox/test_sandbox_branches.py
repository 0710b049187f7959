"""Branches (cabang) in the sandbox's Accurate Online, over real HTTP: a user who sees more than
one branch must name one on every save, exactly as Accurate refuses it otherwise."""

from __future__ import annotations

import pytest

from app.sandbox import DEFAULT_BRANCHES, MULTI_BRANCHES, Sandbox
from tests.helpers.sandbox_helpers import API, sign, voucher

MULTI = ("Pusat", "Cabang Surabaya")
NEEDS_BRANCH = (
    "Profil pengguna anda memiliki akses ke lebih dari satu cabang. Anda harus menentukan "
    "cabang saat penulisan data."
)


@pytest.fixture
def company(sandbox):
    """A company whose user sees two branches: (token, secret, data URL)."""
    token, secret = sandbox.add_accurate_company("PT Dua Cabang", branches=MULTI)
    return token, secret, sandbox.accurate_host(token) + API


def post(client, company, path: str, body: dict, **options) -> dict:
    token, secret, data = company
    response = client.post(data + path, json=body, headers=sign(token, secret, **options))
    assert response.status_code == 200
    return response.json()


def get(client, company, path: str, **params) -> dict:
    token, secret, data = company
    response = client.get(data + path, params=params, headers=sign(token, secret))
    assert response.status_code == 200
    return response.json()


def test_branch_list_names_every_branch_page_by_page(sandbox, client):
    names = [f"Cabang {n:02}" for n in range(1, 26)]
    token, secret = sandbox.add_accurate_company("PT Banyak Cabang", branches=names)
    company = (token, secret, sandbox.accurate_host(token) + API)
    first = get(client, company, "branch/list.do", **{"fields": "id,name", "sp.pageSize": 10})
    assert first["s"] is True and first["sp"]["pageCount"] == 3 and first["sp"]["rowCount"] == 25
    seen = []
    for page in (1, 2, 3):
        rows = get(client, company, "branch/list.do", **{"sp.page": page, "sp.pageSize": 10})["d"]
        assert all(set(row) == {"id", "name"} and isinstance(row["id"], int) for row in rows)
        seen += [row["name"] for row in rows]
    assert seen == names


def test_a_save_without_a_branch_is_refused_with_accurates_message(sandbox, client, company):
    answer = post(client, company, "journal-voucher/save.do", voucher())
    assert answer == {"s": False, "d": [NEEDS_BRANCH]}
    assert sandbox.vouchers(company[0]) == []


def test_bulk_save_refuses_each_voucher_without_a_branch(sandbox, client, company):
    vouchers = [voucher("JV/1"), voucher("JV/2", branchName="Cabang Surabaya"), voucher("JV/3")]
    answer = post(client, company, "journal-voucher/bulk-save.do", {"data": vouchers})
    outcomes = [(item["s"], item["d"]) for item in answer["d"]]
    assert outcomes[0] == (False, [NEEDS_BRANCH]) and outcomes[2] == (False, [NEEDS_BRANCH])
    assert outcomes[1][0] is True
    assert [v["number"] for v in sandbox.vouchers(company[0])] == ["JV/2"]


def test_the_branch_is_stored_and_shown_by_list_and_detail(sandbox, client, company):
    saved = post(client, company, "journal-voucher/save.do", voucher(branchName="Cabang Surabaya"))
    assert saved["s"] is True
    stored = sandbox.vouchers(company[0])[0]
    assert stored["branchName"] == "Cabang Surabaya"
    assert stored["branch"]["name"] == "Cabang Surabaya"
    detail = get(client, company, "journal-voucher/detail.do", number="JV/2024/001")["d"]
    assert detail["branch"] == stored["branch"] and detail["branchName"] == "Cabang Surabaya"
    listed = get(client, company, "journal-voucher/list.do", fields="id,number,branch")["d"]
    assert listed[0]["branch"]["name"] == "Cabang Surabaya"


def test_a_branch_may_be_named_by_id(sandbox, client, company):
    branches = get(client, company, "branch/list.do")["d"]
    surabaya = next(row["id"] for row in branches if row["name"] == "Cabang Surabaya")
    assert post(client, company, "journal-voucher/save.do", voucher(branchId=surabaya))["s"]
    assert sandbox.vouchers(company[0])[0]["branch"] == {"id": surabaya, "name": "Cabang Surabaya"}
    assert "branchId" not in sandbox.vouchers(company[0])[0]


@pytest.mark.parametrize(
    ("named", "words"),
    [
        ({"branchName": "Cabang Medan"}, 'Cabang dengan nama "Cabang Medan" tidak ditemukan'),
        ({"branchName": "cabang surabaya"}, "tidak ditemukan"),  # exact spelling only
        ({"branchName": "Pusat "}, "tidak ditemukan"),
        ({"branchId": 9999}, 'Cabang dengan id "9999" tidak ditemukan'),
        ({"branchId": 50, "branchName": "Cabang Surabaya"}, "tidak sesuai"),
    ],
)
def test_an_unknown_branch_is_refused_and_nothing_is_stored(sandbox, client, company, named, words):
    answer = post(client, company, "journal-voucher/save.do", voucher(**named))
    assert answer["s"] is False and words in answer["d"][0]
    assert sandbox.vouchers(company[0]) == []


def test_the_refusal_follows_x_language_profile(client, company):
    answer = post(client, company, "journal-voucher/save.do", voucher(), language="US")
    assert answer["s"] is False and "more than one branch" in answer["d"][0]


def test_a_single_branch_company_needs_no_branch_and_files_under_its_only_one(sandbox, client):
    token, secret = sandbox.add_accurate_company("PT Satu Cabang")
    company = (token, secret, sandbox.accurate_host(token) + API)
    assert sandbox.branches(token) == list(DEFAULT_BRANCHES)
    assert post(client, company, "journal-voucher/save.do", voucher())["s"] is True
    assert sandbox.vouchers(token)[0]["branchName"] == DEFAULT_BRANCHES[0]
    refused = post(client, company, "journal-voucher/save.do", voucher("JV/2", branchName="X"))
    assert refused["s"] is False


def test_the_demo_company_can_be_given_several_branches(client):
    with Sandbox(demo_branches=MULTI_BRANCHES, enforce_rate_limit=False) as sb:
        assert sb.branches() == list(MULTI_BRANCHES)
        data = sb.accurate_host() + API
        response = client.post(data + "journal-voucher/save.do", json=voucher(), headers=sign())
        assert response.json() == {"s": False, "d": [NEEDS_BRANCH]}
        sb.set_branches(["Pusat"])
        response = client.post(data + "journal-voucher/save.do", json=voucher(), headers=sign())
        assert response.json()["s"] is True
