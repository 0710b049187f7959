"""The sandbox's Accurate Online, over real HTTP on 127.0.0.1: what an integration sees."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

import pytest

from app.sandbox import (
    ACCURATE_CHART,
    DEMO_ACCURATE_TOKEN,
    Sandbox,
    token_hash,
)
from app.sandbox.timestamps import read_timestamp, signature_matches
from tests.helpers.sandbox_helpers import API, save, sign, voucher

WIB = timezone(timedelta(hours=7))
# -- api-token.do --------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_api_token_reports_the_company_and_its_host(sandbox, client, method):
    response = client.request(method, sandbox.account_url + "/api/api-token.do", headers=sign())
    assert response.status_code == 200
    body = response.json()
    assert body["s"] is True
    company = body["d"]["data usaha"]
    assert company["host"] == sandbox.accurate_host()
    assert company["host"] != sandbox.account_url  # the data host is its own origin
    assert {"id", "alias", "admin", "license"} <= company.keys()
    assert {"licenseEnd", "trial"} <= company["license"].keys()
    assert {"name", "appKey"} <= body["d"]["application"].keys()
    assert {"id", "email", "fullName"} <= body["d"]["user"].keys()
    assert body["d"]["tokenType"] == "api"


def test_every_answer_has_a_date_header(sandbox, client):
    answers = [
        client.get(sandbox.account_url + "/api/api-token.do", headers=sign()),
        client.get(sandbox.account_url + "/api/api-token.do"),
        client.get(sandbox.accurate_host() + "/nowhere"),
    ]
    for response in answers:
        sent = parsedate_to_datetime(response.headers["Date"])
        assert abs((sent - datetime.now(UTC)).total_seconds()) < 60


# -- the documented API Token errors -------------------------------------------------------


def _without(name: str) -> dict[str, str]:
    headers = sign()
    del headers[name]
    return headers


def _old_timestamp() -> dict[str, str]:
    return sign(timestamp=str(int(datetime.now(UTC).timestamp()) - 601))


@pytest.mark.parametrize(
    ("headers", "status", "message"),
    [
        (lambda: _without("Authorization"), 401, "Unauthorized"),
        (lambda: sign(token="not-a-token"), 401, "Invalid_token"),
        (lambda: sign(token="aat.MTAw.never-issued"), 401, "Invalid or Revoked API Token"),
        (lambda: _without("X-Api-Signature"), 400, "Header X-API-Signature is required"),
        (lambda: sign(secret="0" * 32), 400, "Header X-API-Signature invalid"),
        (lambda: _without("X-Api-Timestamp"), 400, "Header X-API-Timestamp is required"),
        (
            lambda: sign(timestamp="13:42:39 25/12/2023"),
            400,
            "Header X-API-Timestamp invalid",
        ),
        (
            _old_timestamp,
            400,
            "Header X-API Timestamp difference more than 600 seconds with Server Time",
        ),
    ],
)
@pytest.mark.parametrize("where", ["account", "data"])
def test_documented_errors(sandbox, client, headers, status, message, where):
    url = (
        sandbox.account_url + "/api/api-token.do"
        if where == "account"
        else sandbox.accurate_host() + API + "glaccount/list.do"
    )
    response = client.get(url, headers=headers())
    assert response.status_code == status
    assert response.json() == {"s": False, "d": [message]}


@pytest.mark.parametrize("language", ["US", "CN"])
def test_documented_messages_stay_verbatim_in_every_language(sandbox, client, language):
    headers = sign(secret="f" * 32, language=language)
    response = client.get(sandbox.account_url + "/api/api-token.do", headers=headers)
    assert response.json()["d"] == ["Header X-API-Signature invalid"]


def test_revoked_token_is_refused(sandbox, client):
    sandbox.revoke(DEMO_ACCURATE_TOKEN)
    response = client.get(sandbox.account_url + "/api/api-token.do", headers=sign())
    assert response.status_code == 401
    assert response.json()["d"] == ["Invalid or Revoked API Token"]


def _six_formats(moment: datetime) -> list[str]:
    wib = moment.astimezone(WIB)
    plus8 = moment.astimezone(timezone(timedelta(hours=8)))
    return [
        wib.strftime("%d/%m/%Y %H:%M:%S"),
        wib.strftime("%Y-%m-%dT%H:%M:%S"),
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        plus8.strftime("%Y-%m-%dT%H:%M:%S+0800"),
        str(int(moment.timestamp())),
        str(int(moment.timestamp() * 1000)),
    ]


@pytest.mark.parametrize("hex_signature", [False, True], ids=["base64", "hex"])
def test_all_six_timestamp_formats_and_both_encodings_are_accepted(sandbox, client, hex_signature):
    for timestamp in _six_formats(datetime.now(UTC)):
        headers = sign(timestamp=timestamp, hex_signature=hex_signature)
        response = client.get(sandbox.account_url + "/api/api-token.do", headers=headers)
        assert response.status_code == 200, (timestamp, response.text)


def test_a_makassar_wall_clock_sent_as_naive_time_is_an_hour_off(sandbox, client):
    wita_wall_clock = datetime.now(timezone(timedelta(hours=8))).strftime("%Y-%m-%dT%H:%M:%S")
    response = client.get(
        sandbox.account_url + "/api/api-token.do", headers=sign(timestamp=wita_wall_clock)
    )
    assert response.json()["d"] == [
        "Header X-API Timestamp difference more than 600 seconds with Server Time"
    ]


def test_signature_check_agrees_with_the_documented_test_vector():
    timestamp, secret = "02/11/2023 09:01:01", "31d49b3dc632614495ff8071e5be44a1"
    assert signature_matches(timestamp, "8NxvylwwMcjGyzVXK0qbwNvFFuzHpwE9tECllVwLkbo=", secret)
    hex_form = "f0dc6fca5c3031c8c6cb35572b4a9bc0dbc516ecc7a7013db440a5955c0b91ba"
    assert signature_matches(timestamp, hex_form, secret)
    assert signature_matches(timestamp, hex_form.upper(), secret)
    # The seed's own printed hash was garbled by PDF extraction; it must not pass.
    assert not signature_matches(timestamp, "8NxvylwwMcjGyzVXK0qbwNvFFuzHpwE9tECIIvWlkbo=", secret)


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("25/12/2023 13:42:39", datetime(2023, 12, 25, 6, 42, 39, tzinfo=UTC)),
        ("2023-11-02T09:32:43", datetime(2023, 11, 2, 2, 32, 43, tzinfo=UTC)),
        ("2023-11-02T02:32:43Z", datetime(2023, 11, 2, 2, 32, 43, tzinfo=UTC)),
        ("2023-11-02T10:32:43+0800", datetime(2023, 11, 2, 2, 32, 43, tzinfo=UTC)),
        ("1698903037", datetime(2023, 11, 2, 5, 30, 37, tzinfo=UTC)),
        ("1698903037551", datetime(2023, 11, 2, 5, 30, 37, 551000, tzinfo=UTC)),
    ],
)
def test_the_six_documented_examples_read_as_the_right_moment(text, utc):
    assert read_timestamp(text) == utc


@pytest.mark.parametrize("text", ["31/02/2023 10:00:00", "2023-11-02 09:32:43", "", "soon"])
def test_unreadable_timestamps(text):
    assert read_timestamp(text) is None


# -- chart of accounts ---------------------------------------------------------------------


def test_the_chart_is_a_realistic_indonesian_one():
    by_no = {account.no: account for account in ACCURATE_CHART}
    assert 90 <= len(by_no) <= 130
    assert by_no["1-10001"].name == "Kas"
    assert by_no["1-10100"].name == "Bank BCA"
    assert by_no["1-10200"].account_type == "ACCOUNT_RECEIVABLE"
    assert by_no["2-20100"].name == "Utang Usaha"
    assert by_no["1-10000"].is_parent
    assert any(account.suspended for account in ACCURATE_CHART)


def _accounts(client, data, **params) -> dict:
    response = client.get(data + "glaccount/list.do", params=params, headers=sign())
    assert response.status_code == 200
    return response.json()


def test_account_list_pages_until_page_count(client, data):
    first = _accounts(client, data, fields="id,no,name", **{"sp.page": 1, "sp.pageSize": 25})
    paging = first["sp"]
    assert paging["rowCount"] == len(ACCURATE_CHART)
    assert paging["pageCount"] == math.ceil(len(ACCURATE_CHART) / 25)
    numbers = []
    for page in range(1, paging["pageCount"] + 1):
        body = _accounts(client, data, fields="no", **{"sp.page": page, "sp.pageSize": 25})
        assert body["sp"]["page"] == page
        numbers += [row["no"] for row in body["d"]]
    assert numbers == [account.no for account in ACCURATE_CHART]
    beyond = _accounts(client, data, **{"sp.page": paging["pageCount"] + 1, "sp.pageSize": 25})
    assert beyond["d"] == []


def test_account_list_caps_the_page_size_and_returns_the_asked_fields(client, data):
    body = _accounts(
        client,
        data,
        fields="id,no,name,accountType,isParent,suspended",
        **{"sp.pageSize": 1000},
    )
    assert body["sp"]["pageSize"] == 100
    assert len(body["d"]) == 100
    # isParent is not seen in any public integration: the sandbox never answers it, so a
    # client has to learn the leaves from filter.leafOnly.
    assert set(body["d"][0]) == {"id", "no", "name", "accountType", "suspended"}


def test_account_filters(client, data):
    leaves = _accounts(client, data, fields="no", **{"filter.leafOnly": "true", "sp.pageSize": 100})
    parents = {account.no for account in ACCURATE_CHART if account.is_parent}
    assert leaves["sp"]["rowCount"] == len(ACCURATE_CHART) - len(parents)
    assert not parents & {row["no"] for row in leaves["d"]}
    suspended = _accounts(client, data, fields="no", **{"filter.suspended": "true"})
    assert {row["no"] for row in suspended["d"]} == {
        account.no for account in ACCURATE_CHART if account.suspended
    }
    banks = _accounts(
        client,
        data,
        fields="no,name",
        **{"filter.keywords.op": "CONTAIN", "filter.keywords.val": "bank b"},
    )
    assert {row["name"] for row in banks["d"]} == {
        "Bank BCA",
        "Bank BRI",
        "Bank BNI",
        "Bank BCA USD",
    }


def test_a_bad_page_number_is_a_logical_error(client, data):
    body = _accounts(client, data, **{"sp.page": "dua"})
    assert body["s"] is False
    assert "sp.page" in body["d"][0]


# -- journal vouchers ----------------------------------------------------------------------


def test_save_stores_the_voucher_with_exact_amounts(sandbox, client, data):
    body = voucher(amount=1500000.5)
    body["detailJournalVoucher"][0]["memo"] = "setoran"
    result = save(client, data, body)
    assert result["s"] is True
    assert result["r"]["number"] == "JV/2024/001"
    assert isinstance(result["r"]["id"], int)
    assert result["d"] == ['Jurnal Umum "JV/2024/001" berhasil disimpan']
    [stored] = sandbox.vouchers()
    assert stored["id"] == result["r"]["id"]
    assert stored["transDate"] == "31/01/2024"
    lines = stored["detailJournalVoucher"]
    assert [(line["accountNo"], line["amount"], line["amountType"]) for line in lines] == [
        ("1-10001", "1500000.5", "DEBIT"),
        ("4-40000", "1500000.5", "CREDIT"),
    ]
    assert lines[0]["memo"] == "setoran"


def test_json_numbers_keep_every_digit(sandbox, client, data):
    raw = (
        '{"transDate": "01/02/2024", "number": "JV-N", "detailJournalVoucher": ['
        '{"accountNo": "1-10100", "amount": 1234567.89, "amountType": "DEBIT"},'
        '{"accountNo": "2-20100", "amount": 1234567.89, "amountType": "CREDIT"}]}'
    )
    response = client.post(
        data + "journal-voucher/save.do",
        content=raw,
        headers={**sign(), "Content-Type": "application/json"},
    )
    assert response.json()["s"] is True
    assert '"amount": 1234567.89' in response.text  # answered as the same JSON number
    amounts = [line["amount"] for line in sandbox.vouchers()[0]["detailJournalVoucher"]]
    assert amounts == ["1234567.89", "1234567.89"]


def test_without_a_number_the_voucher_is_auto_numbered(client, data):
    first = save(client, data, voucher(number=None))
    second = save(client, data, voucher(number=None))
    assert first["r"]["number"] == "JV.2024.01.00001"
    assert second["r"]["number"] == "JV.2024.01.00002"


def test_a_used_number_is_refused_and_nothing_is_stored(sandbox, client, data):
    save(client, data, voucher())
    again = save(client, data, voucher(description="dikirim ulang"))
    assert again == {
        "s": False,
        "d": ["Sudah ada data lain dengan Nomor JV/2024/001"],
    }
    assert len(sandbox.vouchers()) == 1


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (None, "Sudah ada data lain dengan Nomor JV/2024/001"),
        ("ID", "Sudah ada data lain dengan Nomor JV/2024/001"),
        ("US", "Another record already exists with Number JV/2024/001"),
        ("CN", "已存在编号为 JV/2024/001 的其他数据"),
    ],
)
def test_messages_follow_x_language_profile(client, data, language, expected):
    save(client, data, voucher())
    assert save(client, data, voucher(), language=language)["d"] == [expected]


def test_success_message_in_english(client, data):
    result = save(client, data, voucher(), language="US")
    assert result["d"] == ['Journal Voucher "JV/2024/001" has been successfully saved']


def _lines(*lines: tuple[str, object, str]) -> list[dict]:
    return [{"accountNo": no, "amount": amount, "amountType": kind} for no, amount, kind in lines]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {
                "detailJournalVoucher": _lines(
                    ("1-10001", 1000, "DEBIT"), ("4-40000", 900, "CREDIT")
                )
            },
            "Total debit (1.000) dan total kredit (900) harus sama",
        ),
        (
            {"detailJournalVoucher": _lines(("1-99999", 5, "DEBIT"), ("4-40000", 5, "CREDIT"))},
            'Akun Perkiraan dengan nomor "1-99999" tidak ditemukan',
        ),
        (
            {"detailJournalVoucher": _lines(("1-10000", 5, "DEBIT"), ("4-40000", 5, "CREDIT"))},
            'Akun Perkiraan "1-10000" adalah akun induk dan tidak bisa digunakan pada transaksi',
        ),
        (
            {"detailJournalVoucher": _lines(("1-10104", 5, "DEBIT"), ("4-40000", 5, "CREDIT"))},
            'Akun Perkiraan "1-10104" sudah non-aktif',
        ),
        (
            {"detailJournalVoucher": _lines(("1-10001", -5, "DEBIT"), ("4-40000", 5, "CREDIT"))},
            'Rincian ke-1: nilai "-5" tidak valid, isi angka lebih besar dari 0',
        ),
        (
            {"detailJournalVoucher": _lines(("1-10001", 5, "DEBET"), ("4-40000", 5, "CREDIT"))},
            'Rincian ke-1: tipe nilai "DEBET" tidak valid, gunakan DEBIT atau CREDIT',
        ),
        ({"detailJournalVoucher": []}, "Rincian jurnal harus diisi"),
        (
            {"transDate": "2024-01-31"},
            'Tanggal "2024-01-31" tidak valid, gunakan format dd/MM/yyyy',
        ),
        (
            {"transDate": "31/02/2024"},
            'Tanggal "31/02/2024" tidak valid, gunakan format dd/MM/yyyy',
        ),
        ({"transDate": ""}, "Tanggal harus diisi"),
    ],
    ids=[
        "unbalanced",
        "unknown-account",
        "parent-account",
        "suspended-account",
        "negative-amount",
        "bad-amount-type",
        "no-lines",
        "iso-date",
        "impossible-date",
        "no-date",
    ],
)
def test_invalid_vouchers_are_refused_the_way_accurate_does(sandbox, client, data, change, message):
    result = save(client, data, {**voucher(), **change})
    assert result == {"s": False, "d": [message]}
    assert sandbox.vouchers() == []


def test_every_problem_of_a_voucher_is_listed(client, data):
    body = voucher(
        detailJournalVoucher=_lines(("9-99999", 5, "DEBIT"), ("1-10000", 5, "CREDIT")),
        transDate="kemarin",
    )
    assert len(save(client, data, body)["d"]) == 3


def test_a_body_that_is_not_json_is_a_logical_error(client, data):
    response = client.post(
        data + "journal-voucher/save.do", content=b"transDate=31/01/2024", headers=sign()
    )
    assert response.json() == {"s": False, "d": ["Isi request harus berupa objek JSON"]}


def test_bulk_save_answers_per_voucher(sandbox, client, data):
    items = [voucher("JV-A"), voucher("JV-B", amount=-1), voucher("JV-A"), voucher("JV-C")]
    response = client.post(
        data + "journal-voucher/bulk-save.do", json={"data": items}, headers=sign()
    )
    body = response.json()
    assert body["s"] is True
    assert [item["s"] for item in body["d"]] == [True, False, False, True]
    assert body["d"][0]["r"]["number"] == "JV-A"
    assert "Sudah ada data lain" in body["d"][2]["d"][0]
    assert [stored["number"] for stored in sandbox.vouchers()] == ["JV-A", "JV-C"]


def test_bulk_save_takes_at_most_100(sandbox, client, data):
    items = [voucher(f"JV-{index}") for index in range(101)]
    response = client.post(
        data + "journal-voucher/bulk-save.do", json={"data": items}, headers=sign()
    )
    assert response.json() == {
        "s": False,
        "d": ["Maksimal 100 data dalam satu kali simpan, dikirim 101"],
    }
    assert sandbox.vouchers() == []


def test_voucher_list_pages_and_ignores_filter_number(client, data):
    """`filter.number` is unconfirmed on the journal list: the sandbox answers as if it were
    ignored (every voucher, page by page), so a look-up must not rely on it."""
    for index in range(1, 26):
        save(client, data, voucher(f"JV-{index:02d}"))
    listed = client.get(
        data + "journal-voucher/list.do",
        params={
            "fields": "id,number,transDate",
            "filter.number.op": "EQUAL",
            "filter.number.val": "JV-07",
        },
        headers=sign(),
    ).json()
    assert listed["s"] is True
    assert [row["number"] for row in listed["d"]] == [f"JV-{index:02d}" for index in range(1, 21)]
    assert set(listed["d"][0]) == {"id", "number", "transDate"}
    assert listed["sp"]["rowCount"] == 25
    second = client.get(
        data + "journal-voucher/list.do",
        params={"fields": "number", "sp.page": 2, "sp.pageSize": 20},
        headers=sign(),
    ).json()
    assert [row["number"] for row in second["d"]] == [f"JV-{index}" for index in range(21, 26)]
    assert second["sp"]["pageCount"] == 2


def test_detail_by_number_or_id(client, data):
    saved = save(client, data, voucher(amount=250000))["r"]
    for params in ({"number": "JV/2024/001"}, {"id": saved["id"]}):
        detail = client.get(data + "journal-voucher/detail.do", params=params, headers=sign())
        body = detail.json()
        assert body["s"] is True
        assert body["d"]["number"] == "JV/2024/001"
        assert body["d"]["totalAmount"] == 250000
        assert body["d"]["detailJournalVoucher"][0]["glAccount"]["name"] == "Kas"
    unknown = client.get(
        data + "journal-voucher/detail.do", params={"number": "JV-X"}, headers=sign()
    )
    assert unknown.json() == {"s": False, "d": ["Data Jurnal Umum tidak ditemukan"]}
    for missing_id in (saved["id"] + 1, "abc"):
        no_such_id = client.get(
            data + "journal-voucher/detail.do", params={"id": missing_id}, headers=sign()
        )
        assert no_such_id.json() == {"s": False, "d": ["Data Jurnal Umum tidak tepat"]}


def _delete(client, data, language: str | None = None, **params) -> dict:
    response = client.delete(
        data + "journal-voucher/delete.do", params=params, headers=sign(language=language)
    )
    assert response.status_code == 200
    return response.json()


def test_delete_by_id_removes_the_voucher(sandbox, client, data):
    saved = save(client, data, voucher())["r"]
    deleted = _delete(client, data, id=saved["id"])
    assert deleted == {"s": True, "d": ['Jurnal Umum "JV/2024/001" berhasil dihapus']}
    assert sandbox.vouchers() == []
    # Gone: the wording the vendor's notes give for a record that is not there.
    assert _delete(client, data, id=saved["id"]) == {
        "s": False,
        "d": ["Data Jurnal Umum tidak tepat"],
    }
    assert save(client, data, voucher())["s"] is True  # the number is free again


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("ID", "Data Jurnal Umum tidak tepat"),
        ("US", "Journal Voucher data is incorrect"),
        ("CN", "日记账凭证数据不正确"),
    ],
)
def test_a_missing_id_is_answered_in_the_profiles_language(client, data, language, expected):
    assert _delete(client, data, language, id=424242)["d"] == [expected]


@pytest.mark.parametrize(
    "params",
    [{"number": "JV/2024/001"}, {"number": "JV/2024/001", "id": "ID"}, {}],
    ids=["number", "number-and-id", "nothing"],
)
def test_delete_refuses_anything_but_an_id(sandbox, client, data, params):
    saved = save(client, data, voucher())["r"]
    params = {k: saved["id"] if v == "ID" else v for k, v in params.items()}
    refused = _delete(client, data, **params)
    assert refused == {
        "s": False,
        "d": ["Parameter id harus diisi; Jurnal Umum hanya bisa dihapus berdasarkan id"],
    }
    assert [v["number"] for v in sandbox.vouchers()] == ["JV/2024/001"]


def test_delete_needs_the_delete_method(client, data):
    saved = save(client, data, voucher())["r"]
    response = client.get(
        data + "journal-voucher/delete.do", params={"id": saved["id"]}, headers=sign()
    )
    assert response.status_code == 405
    assert response.json()["s"] is False


def test_saving_with_an_id_edits_that_voucher(sandbox, client, data):
    saved = save(client, data, voucher())["r"]
    edited = save(client, data, voucher(id=saved["id"], description="dikoreksi"))
    assert edited["s"] is True
    [stored] = sandbox.vouchers()
    assert stored["description"] == "dikoreksi"
    assert save(client, data, voucher(id=999999))["s"] is False


def test_unknown_api_path(client, data):
    response = client.get(data + "sales-invoice/list.do", headers=sign())
    assert response.status_code == 404
    assert response.json()["s"] is False


# -- companies and host moves --------------------------------------------------------------


def test_a_moved_company_gets_308_from_its_old_host(sandbox, client):
    old = sandbox.accurate_host()
    new = sandbox.move_host()
    assert new != old and sandbox.accurate_host() == new
    path = API + "glaccount/list.do?fields=no&sp.page=2"
    moved = client.get(old + path, headers=sign())
    assert moved.status_code == 308
    assert moved.headers["Location"] == new + path
    assert moved.json() == {"s": False, "d": ["Host moved"], "host": new}
    following = client.get(moved.headers["Location"], headers=sign())
    assert following.status_code == 200 and following.json()["sp"]["page"] == 2
    info = client.get(sandbox.account_url + "/api/api-token.do", headers=sign()).json()
    assert info["d"]["data usaha"]["host"] == new
    assert sandbox.stats.redirects == 1


def test_a_save_sent_to_the_old_host_is_not_stored(sandbox, client):
    old = sandbox.accurate_host()
    new = sandbox.move_host()
    moved = client.post(old + API + "journal-voucher/save.do", json=voucher(), headers=sign())
    assert moved.status_code == 308
    assert sandbox.vouchers() == []
    resent = client.post(moved.headers["Location"], json=voucher(), headers=sign())
    assert resent.json()["s"] is True
    assert new + API in moved.headers["Location"]


def test_every_old_host_points_at_the_current_one(sandbox, client):
    first = sandbox.accurate_host()
    second = sandbox.move_host()
    third = sandbox.move_host()
    assert len({first, second, third}) == 3
    for old in (first, second):
        moved = client.get(old + API + "glaccount/list.do", headers=sign())
        assert moved.headers["Location"].startswith(third)


def test_companies_are_separate(sandbox, client, data):
    token, secret = sandbox.add_accurate_company("CV Maju Jaya")
    assert sandbox.accurate_host(token) == sandbox.accurate_host()  # same shared host
    save(client, data, voucher(), token=token, secret=secret)
    assert sandbox.vouchers() == []
    assert len(sandbox.vouchers(token)) == 1
    wrong_secret = client.get(data + "glaccount/list.do", headers=sign(token=token))
    assert wrong_secret.json()["d"] == ["Header X-API-Signature invalid"]
    sandbox.move_host(token)
    still_here = client.get(data + "glaccount/list.do", headers=sign())
    assert still_here.status_code == 200  # the demo company did not move


def test_the_request_log_names_tokens_only_by_hash(sandbox, client, data):
    client.get(data + "glaccount/list.do", headers=sign())
    [record] = sandbox.request_log()
    assert record.token_hash == token_hash(DEMO_ACCURATE_TOKEN)
    assert DEMO_ACCURATE_TOKEN not in repr(record)
    assert (record.method, record.path, record.status) == ("GET", API + "glaccount/list.do", 200)
    assert record.ended >= record.started
    assert sandbox.stats.requests == 1


def test_a_restarted_sandbox_keeps_its_books(client):
    sb = Sandbox(enforce_rate_limit=False)
    with sb:
        save(client, sb.accurate_host() + API, voucher())
    with sb:
        data = sb.accurate_host() + API
        listed = client.get(
            data + "journal-voucher/list.do", params={"fields": "number"}, headers=sign()
        )
        assert listed.json()["d"] == [{"number": "JV/2024/001"}]
