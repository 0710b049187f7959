"""What the sandbox's save.do accepts in a journal voucher, over raw HTTP on 127.0.0.1 (no app
code in the request): numbers only, amount limits, foreign-currency lines, parties, data
classifications, and detail.do giving every optional field back."""

from __future__ import annotations

import pytest

from tests.helpers.sandbox_helpers import save, sign, voucher

USD_BANK, RECEIVABLE, PAYABLE = "1-10110", "1-10200", "2-20100"


def lines(*first: dict, amount: object = 1000, second: dict | None = None) -> list[dict]:
    """A debit line (with `first`'s fields) and the matching credit on Kas."""
    debit = {"accountNo": "1-10001", "amount": amount, "amountType": "DEBIT"}
    for fields in first:
        debit.update(fields)
    credit = {"accountNo": "4-40000", "amount": amount, "amountType": "CREDIT", **(second or {})}
    return [debit, credit]


def refused(client, data, sandbox, detail: list[dict], language: str | None = None) -> list[str]:
    body = save(client, data, voucher(detailJournalVoucher=detail), language=language)
    assert body["s"] is False and sandbox.vouchers() == []
    return body["d"]


# -- numbers only -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ID", 'Rincian ke-1: nilai amount "1000" harus berupa angka, bukan teks'),
        ("US", 'Detail line 1: amount value "1000" must be a number, not text'),
        ("CN", '第 1 行明细：amount 的值 "1000" 必须是数字，而不是文本'),
    ],
)
def test_an_amount_sent_as_text_is_refused(sandbox, client, data, language, expected):
    detail = lines()
    detail[0]["amount"] = "1000"
    assert refused(client, data, sandbox, detail, language) == [expected]


@pytest.mark.parametrize("field", ["rate", "primeAmount"])
def test_a_rate_or_foreign_amount_sent_as_text_is_refused(sandbox, client, data, field):
    detail = lines({"accountNo": USD_BANK, "rate": 15000, "primeAmount": 1}, amount=15000)
    detail[0][field] = "15000"
    assert refused(client, data, sandbox, detail) == [
        f'Rincian ke-1: nilai {field} "15000" harus berupa angka, bukan teks'
    ]


@pytest.mark.parametrize(
    "raw",
    ["1000000000000", "999999999999.5", "0.0000001"],
    ids=["over-999-billion", "over-even-by-a-fraction", "seven-decimals"],
)
def test_amounts_beyond_accurates_limits_are_refused(sandbox, client, data, raw):
    content = (
        '{"transDate": "31/01/2024", "number": "JV-BIG", "detailJournalVoucher": ['
        f'{{"accountNo": "1-10001", "amount": {raw}, "amountType": "DEBIT"}},'
        f'{{"accountNo": "4-40000", "amount": {raw}, "amountType": "CREDIT"}}]}}'
    )
    response = client.post(
        data + "journal-voucher/save.do",
        content=content,
        headers={**sign(), "Content-Type": "application/json"},
    )
    messages = response.json()["d"]
    assert len(messages) == 2 and "melebihi batas" in messages[0] and raw in messages[0]
    assert sandbox.vouchers() == []


def test_amounts_up_to_the_limits_are_accepted_exactly(sandbox, client, data):
    content = (
        '{"transDate": "31/01/2024", "number": "JV-MAX", "detailJournalVoucher": ['
        '{"accountNo": "1-10001", "amount": 999999999998.999999, "amountType": "DEBIT"},'
        '{"accountNo": "1-10002", "amount": 1, "amountType": "DEBIT"},'
        '{"accountNo": "4-40000", "amount": 999999999999, "amountType": "CREDIT"},'
        '{"accountNo": "4-40100", "amount": 0.999999, "amountType": "CREDIT"}]}'
    )
    response = client.post(
        data + "journal-voucher/save.do",
        content=content,
        headers={**sign(), "Content-Type": "application/json"},
    )
    assert response.json()["s"] is True
    amounts = [line["amount"] for line in sandbox.vouchers()[0]["detailJournalVoucher"]]
    assert amounts == ["999999999998.999999", "1", "999999999999", "0.999999"]


# -- foreign-currency accounts ------------------------------------------------------------------


@pytest.mark.parametrize(
    "given",
    [{}, {"rate": 15750}, {"primeAmount": 100}, {"rate": 0, "primeAmount": 100}],
    ids=["neither", "rate-only", "prime-only", "zero-rate"],
)
def test_a_usd_line_without_rate_and_prime_amount_is_refused(sandbox, client, data, given):
    detail = lines({"accountNo": USD_BANK, **given}, amount=1575000)
    assert refused(client, data, sandbox, detail) == ["Kurs tidak valid. Cek nilai kurs!"]


def test_the_rate_message_follows_the_language(sandbox, client, data):
    detail = lines({"accountNo": USD_BANK}, amount=1575000)
    assert refused(client, data, sandbox, detail, "US") == [
        "Exchange rate is not valid. Check the rate value!"
    ]


def test_a_usd_line_with_rate_and_prime_amount_is_stored_and_shown(sandbox, client, data):
    detail = lines({"accountNo": USD_BANK, "rate": 15750.5, "primeAmount": 100}, amount=1575050)
    saved = save(client, data, voucher(detailJournalVoucher=detail))
    assert saved["s"] is True
    usd = sandbox.vouchers()[0]["detailJournalVoucher"][0]
    assert (usd["rate"], usd["primeAmount"]) == ("15750.5", "100")
    shown = client.get(
        data + "journal-voucher/detail.do", params={"id": saved["r"]["id"]}, headers=sign()
    )
    assert '"rate": 15750.5, "primeAmount": 100' in shown.text  # numbers, as sent


def test_the_chart_shows_the_foreign_currency(client, data):
    listed = client.get(
        data + "glaccount/list.do",
        params={"fields": "no,currency", "sp.pageSize": 100, "sp.page": 2},
        headers=sign(),
    ).json()
    assert {"no": USD_BANK, "currency": {"code": "USD"}} in listed["d"]


# -- parties ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("party", "expected"),
    [
        (
            {"subsidiaryType": "PELANGGAN", "customerNo": "C.00001"},
            'Rincian ke-1: tipe subsidiary "PELANGGAN" tidak valid, gunakan CUSTOMER, VENDOR '
            "atau EMPLOYEE",
        ),
        (
            {"subsidiaryType": "CUSTOMER"},
            "Rincian ke-1: customerNo harus diisi untuk tipe subsidiary CUSTOMER",
        ),
        (
            {"customerNo": "C.00001"},
            "Rincian ke-1: customerNo diisi tanpa tipe subsidiary (subsidiaryType)",
        ),
        (
            {"subsidiaryType": "VENDOR", "vendorNo": "V.00001", "customerNo": "C.00001"},
            "Rincian ke-1: customerNo tidak sesuai dengan tipe subsidiary VENDOR",
        ),
        (
            {"subsidiaryType": "CUSTOMER", "customerNo": "C.99999"},
            'Pelanggan dengan nomor "C.99999" tidak ditemukan',
        ),
        (
            {"subsidiaryType": "EMPLOYEE", "employeeNo": "E.99999"},
            'Karyawan dengan nomor "E.99999" tidak ditemukan',
        ),
    ],
    ids=["bad-type", "no-number", "no-type", "two-parties", "unknown-customer", "unknown-employee"],
)
def test_party_lines_need_a_type_and_a_known_party(sandbox, client, data, party, expected):
    detail = lines({"accountNo": RECEIVABLE, **party})
    assert refused(client, data, sandbox, detail) == [expected]


def test_party_messages_follow_the_language(sandbox, client, data):
    detail = lines({"accountNo": PAYABLE, "subsidiaryType": "VENDOR", "vendorNo": "V.7"})
    assert refused(client, data, sandbox, detail, "US") == [
        'Vendor with number "V.7" was not found'
    ]
    assert refused(client, data, sandbox, detail, "CN") == ['未找到编号为 "V.7" 的供应商']


# -- data classifications -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"dataClassification11Name": "X"},
        {"dataClassification0Name": "X"},
        {"dataClassification2Name": 5},
    ],
    ids=["eleven", "zero", "not-text"],
)
def test_only_classifications_1_to_10_as_text(sandbox, client, data, fields):
    (message,) = refused(client, data, sandbox, lines(fields))
    assert message.startswith(f"Rincian ke-1: {next(iter(fields))} tidak valid")


# -- everything comes back from detail.do -------------------------------------------------------


def test_detail_gives_back_every_optional_field(sandbox, client, data):
    first = {
        "accountNo": RECEIVABLE,
        "subsidiaryType": "CUSTOMER",
        "customerNo": "C.00003",
        "dataClassification1Name": "Jakarta",
        "dataClassification10Name": "Proyek Z",
        "memo": "pelunasan",
    }
    second = {"accountNo": USD_BANK, "rate": 16000, "primeAmount": 12.5}
    body = voucher("JV-ALL", detailJournalVoucher=lines(first, amount=200000, second=second))
    assert save(client, data, body)["s"] is True
    detail = client.get(
        data + "journal-voucher/detail.do", params={"number": "JV-ALL"}, headers=sign()
    ).json()["d"]
    party, usd = detail["detailJournalVoucher"]
    assert {key: party[key] for key in first} == first
    assert party["glAccount"]["name"] == "Piutang Usaha"
    assert (usd["rate"], usd["primeAmount"], usd["amountType"]) == (16000, 12.5, "CREDIT")
