"""The sandbox's journal list set to refuse the fields it is not known to take (`optLock`,
`totalAmount`), in each plausible shape; its page cap; and its limit reply at HTTP 200. Over raw
HTTP on 127.0.0.1 (no app code in the request)."""

from __future__ import annotations

import pytest

from tests.helpers.sandbox_helpers import save, sign, voucher

ASKED = "id,number,transDate,description,totalAmount,optLock"


def listed(client, data, fields: str, language: str | None = None, page: int = 1):
    return client.get(
        data + "journal-voucher/list.do",
        params={"fields": fields, "sp.page": page, "sp.pageSize": 100},
        headers=sign(language=language),
    )


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("ID", 'Field "totalAmount", "optLock" tidak dikenal pada daftar Jurnal Umum'),
        ("US", 'Field "totalAmount", "optLock" is not known in the Journal Voucher list'),
    ],
)
@pytest.mark.parametrize("shape", ["200", "400"])
def test_a_refusing_list_answers_the_envelope_naming_the_fields(
    sandbox, client, data, shape, language, words
):
    save(client, data, voucher())
    sandbox.list_refuses_fields(shape)

    answer = listed(client, data, ASKED, language)

    assert answer.status_code == int(shape)
    assert answer.json() == {"s": False, "d": [words]}
    assert sandbox.list_field_refusals() == 1


def test_a_refusing_list_may_answer_an_html_error_page(sandbox, client, data):
    sandbox.list_refuses_fields("500")

    answer = listed(client, data, "id,number,optLock")

    assert answer.status_code == 500
    assert answer.headers["content-type"].startswith("text/html")
    assert "<html>" in answer.text
    assert sandbox.list_field_refusals() == 1


@pytest.mark.parametrize("shape", ["200", "400", "500"])
def test_a_refusing_list_answers_the_confirmed_fields(sandbox, client, data, shape):
    save(client, data, voucher())
    sandbox.list_refuses_fields(shape)

    answer = listed(client, data, "id,number,transDate,description")

    assert answer.status_code == 200
    assert answer.json()["d"] == [
        {"id": 1001, "number": "JV/2024/001", "transDate": "31/01/2024",
         "description": "Penjualan tunai"}
    ]  # fmt: skip
    assert sandbox.list_field_refusals() == 0


def test_by_default_the_list_takes_the_fields(sandbox, client, data):
    save(client, data, voucher())

    row = listed(client, data, ASKED).json()["d"][0]

    assert row["optLock"] == 0 and row["totalAmount"] == 1500000
    assert sandbox.list_field_refusals() == 0


def test_an_unknown_refusal_shape_is_a_programming_error(sandbox):
    with pytest.raises(ValueError, match="shape"):
        sandbox.list_refuses_fields("418")


def test_a_capped_list_spreads_few_vouchers_over_pages(sandbox, client, data):
    for number in ("A-1", "A-2", "A-3"):
        save(client, data, voucher(number))
    sandbox.cap_list_pages(2)

    first, second = (listed(client, data, "id,number", page=page).json() for page in (1, 2))

    assert [row["number"] for row in first["d"]] == ["A-1", "A-2"]
    assert [row["number"] for row in second["d"]] == ["A-3"]
    assert first["sp"]["pageCount"] == 2 and first["sp"]["pageSize"] == 2


def test_a_limit_reply_on_the_list_comes_at_http_200_and_does_nothing_else(sandbox, client, data):
    save(client, data, voucher())
    sandbox.accurate_faults().limit_list_requests(1)

    limited = listed(client, data, "id,number")
    answered = listed(client, data, "id,number")

    assert limited.status_code == 200 and limited.json()["s"] is False
    assert "8 request/detik" in limited.json()["d"][0]
    assert answered.json()["s"] is True and len(answered.json()["d"]) == 1
