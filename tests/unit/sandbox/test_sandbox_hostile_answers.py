"""The sandbox's hostile Accurate save answers and its journal list, over raw HTTP with no app
code in the request: a valid save answered `s: true` with another number, without `r`, or
with another voucher's id (kept or not); a search that lags behind a save; a repeated number
refused in Accurate's words; list.do filtered by transDate BETWEEN, paged 100 at most."""

from __future__ import annotations

import pytest

from tests.helpers.sandbox_helpers import save, sign, voucher


def listed(client, data, params: dict) -> dict:
    response = client.get(data + "journal-voucher/list.do", params=params, headers=sign())
    assert response.status_code == 200
    return response.json()


def detail(client, data, number: str) -> dict:
    response = client.get(
        data + "journal-voucher/detail.do", params={"number": number}, headers=sign()
    )
    return response.json()


@pytest.mark.parametrize("stored", [True, False])
def test_a_save_answered_with_another_number(sandbox, client, data, stored):
    sandbox.accurate_faults().misanswer_saves("other_number", stored=stored)
    body = save(client, data, voucher("JV/1"))
    assert body["s"] is True and body["r"]["number"] == "EVIL"
    assert [v["number"] for v in sandbox.vouchers()] == (["JV/1"] if stored else [])
    assert save(client, data, voucher("JV/2"))["r"]["number"] == "JV/2"  # the next is plain


def test_a_save_answered_without_r(sandbox, client, data):
    sandbox.accurate_faults().misanswer_saves("no_record", count=None, stored=False)
    body = save(client, data, voucher("JV/1"))
    assert body["s"] is True and "r" not in body
    assert sandbox.vouchers() == []


def test_a_save_answered_with_the_id_of_another_voucher(sandbox, client, data):
    first = save(client, data, voucher("JV/1"))["r"]["id"]
    sandbox.accurate_faults().misanswer_saves("reused_id", count=2)
    answers = [save(client, data, voucher(number))["r"] for number in ("JV/2", "JV/3")]
    assert [(r["id"], r["number"]) for r in answers] == [(first, "JV/2"), (first, "JV/3")]
    assert len({v["id"] for v in sandbox.vouchers()}) == 3  # each kept under its own id


def test_a_refused_save_is_not_misanswered(sandbox, client, data):
    save(client, data, voucher("JV/1"))
    sandbox.accurate_faults().misanswer_saves("other_number")
    again = save(client, data, voucher("JV/1"))
    assert again == {"s": False, "d": ["Sudah ada data lain dengan Nomor JV/1"]}


def test_a_lagging_search_hides_a_saved_voucher_for_the_next_look_ups(sandbox, client, data):
    save(client, data, voucher("JV/1"))
    sandbox.accurate_faults().hide_in_look_ups("JV/1", times=2)
    assert detail(client, data, "JV/1")["s"] is False
    assert listed(client, data, {"fields": "id,number"})["d"] == []
    assert detail(client, data, "JV/1")["d"]["number"] == "JV/1"


def test_the_journal_list_is_filtered_by_date_and_paged(sandbox, client, data):
    for day in range(1, 31):
        for number in range(5):
            save(client, data, voucher(f"JV/{day:02}/{number}", transDate=f"{day:02}/01/2024"))
    params = {
        "fields": "id,number,transDate",
        "filter.transDate.op": "BETWEEN",
        "filter.transDate.val[0]": "10/01/2024",
        "filter.transDate.val[1]": "29/01/2024",
        "sp.pageSize": 1000,
    }
    first = listed(client, data, params)
    assert first["sp"]["pageSize"] == 100 and first["sp"]["rowCount"] == 100
    second = listed(client, data, {**params, "sp.page": 2})
    assert second["d"] == [] and first["sp"]["pageCount"] == 1
    days = {row["transDate"] for row in first["d"]}
    assert days == {f"{day:02}/01/2024" for day in range(10, 30)}
    assert set(first["d"][0]) == {"id", "number", "transDate"}


@pytest.mark.parametrize(
    "params",
    [
        {"filter.transDate.op": "AFTER", "filter.transDate.val": "01/01/2024"},
        {"filter.transDate.op": "BETWEEN", "filter.transDate.val[0]": "2024-01-01",
         "filter.transDate.val[1]": "31/01/2024"},
        {"filter.transDate.op": "BETWEEN"},
    ],
)  # fmt: skip
def test_a_date_filter_it_cannot_read_is_refused_not_ignored(sandbox, client, data, params):
    save(client, data, voucher("JV/1"))
    body = listed(client, data, params)
    assert body["s"] is False and "d" in body
