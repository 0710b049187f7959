"""Accurate journal vouchers on the wire, over real HTTP on 127.0.0.1: the exact bytes the
client sends (a scripted server records them), the optional line fields, reading a voucher
back with detail.do, look-ups and deletes in every answer shape, and the paging guard.
Round trips go through the sandbox."""

from __future__ import annotations

import json
from collections.abc import Generator
from datetime import date
from decimal import Decimal

import pytest

from app.api import accurate, errors
from app.api.accurate import AccurateClient
from app.api.records import RemoteLine
from app.core.books.journal import JournalEntry, JournalLine
from app.sandbox import ACCURATE_CHART
from tests.helpers.accurate_clients import client_on
from tests.helpers.http_helpers import Reply, ScriptedServer
from tests.helpers.posting_helpers import said

CASH, BANK = [account.no for account in ACCURATE_CHART if account.postable][:2]
USD_BANK = next(account.no for account in ACCURATE_CHART if account.currency == "USD")
RECEIVABLE = "1-10200"


@pytest.fixture
def client(sb) -> Generator[AccurateClient, None, None]:
    with client_on(sb.accurate_host(), account_url=sb.account_url) as accurate_client:
        yield accurate_client


def entry(reference: str, *lines: JournalLine, description: str = "") -> JournalEntry:
    if not lines:
        lines = (JournalLine(CASH, debit=Decimal(1000)), JournalLine(BANK, credit=Decimal(1000)))
    return JournalEntry(date(2026, 8, 5), reference, description, list(lines))


def sent_body(server: ScriptedServer, index: int = 0) -> bytes:
    return server.seen[index].body


SAVED = Reply(body={"s": True, "r": {"id": 7, "number": "JV-1"}, "d": ["ok"]})


# -- amounts as exact JSON numbers --------------------------------------------------------------


def test_amounts_go_out_as_exact_json_numbers():
    # 999,999,999,999.123456 has more digits than a float holds: through float it would change.
    big = Decimal("999999999999.123456")
    voucher = entry(
        "JV-1",
        JournalLine(CASH, debit=Decimal("1500000.5")),
        JournalLine(BANK, debit=big),
        JournalLine(
            USD_BANK,
            credit=big + Decimal("1500000.5"),
            rate=Decimal("15750.25"),
            prime_amount=Decimal("63492127.0000"),
        ),
    )
    with ScriptedServer(SAVED) as server, client_on(server.url) as client:
        assert client.save_voucher(voucher).ok
    body = sent_body(server)
    assert b'"amount":1500000.5,' in body
    assert b'"amount":999999999999.123456,' in body
    assert b'"amount":1000001499999.623456,' in body
    assert b'"rate":15750.25,"primeAmount":63492127.0000' in body
    assert b'"amount":"' not in body and b'"rate":"' not in body
    lines = json.loads(body, parse_float=Decimal)["detailJournalVoucher"]
    assert [line["amount"] for line in lines] == [
        Decimal("1500000.5"),
        big,
        Decimal("1000001499999.623456"),
    ]


def test_bulk_save_sends_numbers_too():
    answer = Reply(body={"s": True, "d": [{"s": True, "r": {"id": 1, "number": "JV-1"}}]})
    voucher = entry(
        "JV-1",
        JournalLine(CASH, debit=Decimal("0.000001")),
        JournalLine(BANK, credit=Decimal("0.000001")),
    )
    with ScriptedServer(answer) as server, client_on(server.url) as client:
        assert client.bulk_save([voucher])[0].ok
    assert server.seen[0].path.endswith("journal-voucher/bulk-save.do")
    assert sent_body(server).count(b'"amount":0.000001,') == 2


def test_the_sandbox_keeps_the_amounts_exactly(sb, client):
    amount = Decimal("1500000.50")
    voucher = entry("JV-1", JournalLine(CASH, debit=amount), JournalLine(BANK, credit=amount))
    assert client.save_voucher(voucher).ok
    (stored,) = sb.vouchers()
    assert [line["amount"] for line in stored["detailJournalVoucher"]] == ["1500000.50"] * 2


# -- optional line fields ----------------------------------------------------------------------


def _line_bodies(voucher: JournalEntry) -> list[dict]:
    with ScriptedServer(SAVED) as server, client_on(server.url) as client:
        client.save_voucher(voucher)
    return json.loads(sent_body(server), parse_float=Decimal)["detailJournalVoucher"]


def test_empty_optional_fields_send_nothing():
    lines = _line_bodies(entry("JV-1"))
    assert [set(line) for line in lines] == [{"accountNo", "amount", "amountType"}] * 2


@pytest.mark.parametrize(
    ("party", "kind", "field"),
    [
        ({"customer": "C.00001"}, "CUSTOMER", "customerNo"),
        ({"vendor": "V.00002"}, "VENDOR", "vendorNo"),
        ({"employee": "E.00001"}, "EMPLOYEE", "employeeNo"),
    ],
)
def test_the_party_sets_its_subsidiary_type(party, kind, field):
    voucher = entry(
        "JV-1",
        JournalLine(RECEIVABLE, debit=Decimal(500), **party),
        JournalLine(BANK, credit=Decimal(500)),
    )
    first, second = _line_bodies(voucher)
    assert first["subsidiaryType"] == kind and first[field] == next(iter(party.values()))
    other_parties = {"customerNo", "vendorNo", "employeeNo"} - {field}
    assert not other_parties & set(first)
    assert "subsidiaryType" not in second


def test_rate_prime_amount_and_classifications_are_sent_when_filled():
    line = JournalLine(
        USD_BANK,
        debit=Decimal("15750000"),
        rate=Decimal("15750"),
        prime_amount=Decimal("1000"),
        classifications=("Jakarta", "", "Proyek A"),
    )
    first, _second = _line_bodies(entry("JV-1", line, JournalLine(BANK, credit=Decimal(15750000))))
    assert (first["rate"], first["primeAmount"]) == (Decimal(15750), Decimal(1000))
    assert first["dataClassification1Name"] == "Jakarta"
    assert first["dataClassification3Name"] == "Proyek A"
    assert "dataClassification2Name" not in first


def test_a_line_naming_two_parties_is_refused_before_sending():
    two = entry(
        "JV-2",
        JournalLine(RECEIVABLE, debit=Decimal(5), customer="C.00001", vendor="V.00001", row=7),
        JournalLine(BANK, credit=Decimal(5)),
    )
    answer = Reply(
        body={
            "s": True,
            "d": [
                {"s": True, "r": {"id": 1, "number": "JV-1"}},
                {"s": True, "r": {"id": 2, "number": "JV-3"}},
            ],
        }
    )
    with ScriptedServer(answer) as server, client_on(server.url) as client:
        alone = client.save_voucher(two)
        results = client.bulk_save([entry("JV-1"), two, entry("JV-3")])
    [words] = said(alone.messages)
    assert not alone.ok and "baris 7" in words and "row 7" in words
    assert "customerNo C.00001" in words
    assert [(r.reference, r.ok) for r in results] == [
        ("JV-1", True),
        ("JV-2", False),
        ("JV-3", True),
    ]
    (bulk,) = server.seen  # the lone save sent nothing; the bulk call sent the other two
    assert [v["number"] for v in json.loads(bulk.body)["data"]] == ["JV-1", "JV-3"]


def test_optional_fields_reach_the_sandbox_and_come_back_from_detail(sb, client):
    voucher = entry(
        "JV-FX",
        JournalLine(
            USD_BANK,
            debit=Decimal("15750000.5"),
            rate=Decimal("15750.0005"),
            prime_amount=Decimal("1000"),
            memo="setoran USD",
        ),
        JournalLine(
            RECEIVABLE,
            credit=Decimal("15750000.5"),
            customer="C.00002",
            classifications=("", "Cabang Bandung"),
        ),
        description="Pelunasan piutang ekspor",
    )
    saved = client.save_voucher(voucher)
    assert saved.ok, saved.messages
    (stored,) = sb.vouchers()
    usd, receivable = stored["detailJournalVoucher"]
    assert (usd["rate"], usd["primeAmount"]) == ("15750.0005", "1000")
    assert (receivable["subsidiaryType"], receivable["customerNo"]) == ("CUSTOMER", "C.00002")
    assert receivable["dataClassification2Name"] == "Cabang Bandung"

    read = client.voucher_detail(voucher_id=saved.remote_id)
    assert read is not None and read == client.voucher_detail(number="JV-FX")
    assert (read.remote_id, read.number, read.date) == (saved.remote_id, "JV-FX", date(2026, 8, 5))
    assert read.description == "Pelunasan piutang ekspor"
    assert read.lines == (
        RemoteLine(USD_BANK, Decimal("15750000.5"), Decimal(0), "setoran USD", "Bank BCA USD"),
        RemoteLine(RECEIVABLE, Decimal(0), Decimal("15750000.5"), "", "Piutang Usaha"),
    )


def test_a_foreign_currency_line_without_a_rate_is_refused_in_accurates_words(sb, client):
    voucher = entry(
        "JV-USD",
        JournalLine(USD_BANK, debit=Decimal(1000)),
        JournalLine(BANK, credit=Decimal(1000)),
    )
    result = client.save_voucher(voucher)
    assert (result.ok, result.messages) == (False, ["Kurs tidak valid. Cek nilai kurs!"])
    assert sb.vouchers() == []


# -- reading a voucher back --------------------------------------------------------------------


def _detail(voucher: dict) -> Reply:
    return Reply(body={"s": True, "d": voucher})


LINES = [
    {"glAccount": {"no": CASH, "name": "Kas"}, "amount": 1500000.5, "amountType": "DEBIT"},
    {"accountNo": BANK, "amount": "1500000.5", "amountType": "credit", "memo": "bank"},
]


@pytest.mark.parametrize(
    ("extra", "branch"),
    [
        ({"branch": {"id": 50, "name": "Surabaya"}}, "Surabaya"),
        ({"branchName": "Medan"}, "Medan"),
        ({}, ""),
    ],
)
def test_a_detail_answer_is_read_defensively(extra, branch):
    answer = _detail(
        {
            "id": 81,
            "number": "JV-1",
            "transDate": "05/08/2026",
            "detailJournalVoucher": LINES,
            **extra,
        }
    )
    with ScriptedServer(answer) as server, client_on(server.url) as client:
        read = client.voucher_detail(number="JV-1")
    assert server.seen[0].method == "GET"
    assert server.seen[0].path.endswith("journal-voucher/detail.do?number=JV-1")
    assert read is not None and (read.remote_id, read.branch, read.description) == (
        "81",
        branch,
        "",
    )
    assert read.date == date(2026, 8, 5)
    assert read.lines == (
        RemoteLine(CASH, Decimal("1500000.5"), Decimal(0), "", "Kas"),
        RemoteLine(BANK, Decimal(0), Decimal("1500000.5"), "bank"),
    )


def test_detail_amounts_are_read_exactly():
    raw = (
        '{"s": true, "d": {"id": 1, "number": "JV-1", "transDate": "05/08/2026", '
        '"detailJournalVoucher": [{"accountNo": "1", "amount": 999999999999.123456, '
        '"amountType": "DEBIT"}]}}'
    )
    with ScriptedServer(Reply(body=raw)) as server, client_on(server.url) as client:
        read = client.voucher_detail(voucher_id="1")
    assert server.seen[0].path.endswith("detail.do?id=1")
    assert read is not None and read.lines[0].debit == Decimal("999999999999.123456")


NOT_THERE = [
    Reply(body={"s": False, "d": ["Data Jurnal Umum tidak ditemukan"]}),
    Reply(body={"s": False, "d": ["Data Jurnal Umum tidak tepat"]}),
    Reply(404, body={"s": False, "d": ["Data tidak ditemukan"]}),
]


@pytest.mark.parametrize("answer", NOT_THERE, ids=["ditemukan", "tepat", "404"])
def test_an_answer_that_says_not_found_is_none(answer):
    with ScriptedServer(answer) as server, client_on(server.url) as client:
        assert client.voucher_detail(number="JV-1") is None
        assert client.find_voucher("JV-1") is None


UNCLEAR = [
    Reply(body={"s": False, "d": ["Parameter id atau number harus diisi"]}),
    # Asked in Indonesian, an English or Chinese "not found" is guessed wording: not read.
    Reply(body={"s": False, "d": ["Journal Voucher data was not found"]}),
    Reply(body={"s": False, "d": ["未找到日记账凭证数据"]}),
    Reply(404, body="<html><title>404 Not Found</title></html>"),
    Reply(
        404,
        body={
            "s": False,
            "d": ["Alamat API /accurate/api/journal-voucher/detail.do tidak ditemukan"],
        },
    ),
    Reply(body={"s": True, "d": []}),
    Reply(body={"s": True, "d": {"id": 5, "number": "JV-1"}}),
    Reply(
        body={
            "s": True,
            "d": {
                "id": 5,
                "number": "JV-1",
                "detailJournalVoucher": [
                    {"accountNo": CASH, "amount": "banyak", "amountType": "DEBIT"}
                ],
            },
        }
    ),
    Reply(body="Service Unavailable"),
]


@pytest.mark.parametrize(
    "answer",
    UNCLEAR,
    ids=[
        "other-refusal",
        "english",
        "chinese",
        "proxy-404",
        "unknown-path",
        "list",
        "no-lines",
        "bad-amount",
        "text",
    ],
)
def test_any_other_answer_raises_so_the_entry_stays_uncertain(answer):
    with (
        ScriptedServer(answer) as server,
        client_on(server.url) as client,
        pytest.raises(errors.ApiError) as raised,
    ):
        client.find_voucher("JV-1")
    assert not isinstance(raised.value, errors.Rejected)  # a rejection would stop the engine
    assert raised.value.text.id and raised.value.text.en


def test_a_voucher_answered_under_another_number_is_not_a_match():
    answer = _detail({"id": 9, "number": "JV-2", "detailJournalVoucher": LINES})
    with ScriptedServer(answer) as server, client_on(server.url) as client:
        assert client.find_voucher("JV-1") is None
        assert client.voucher_detail(number="JV-1").number == "JV-2"  # type: ignore[union-attr]


def test_find_voucher_asks_detail_by_number_and_never_the_journal_list(sb, client):
    for number in ("JV-1", "JV-2", "JV-3"):
        client.save_voucher(entry(number))
    found = client.find_voucher("JV-2")
    assert found is not None and found.number == "JV-2"
    assert client.find_voucher("JV-9") is None
    paths = [record.path for record in sb.request_log()]
    assert not [path for path in paths if path.endswith("journal-voucher/list.do")]
    assert paths.count("/accurate/api/journal-voucher/detail.do") == 2


def test_voucher_detail_takes_an_id_or_a_number():
    with client_on("http://127.0.0.1:9") as client:
        for wrong in ({}, {"voucher_id": "1", "number": "JV-1"}):
            with pytest.raises(ValueError):
                client.voucher_detail(**wrong)


# -- delete by id ------------------------------------------------------------------------------


GONE = [
    Reply(body={"s": False, "d": ["Data Jurnal Umum tidak tepat"]}),
    Reply(body={"s": False, "d": ["Data Jurnal Umum tidak ditemukan"]}),
    Reply(404, body={"s": False, "d": ["Data Jurnal Umum tidak tepat"]}),
]


@pytest.mark.parametrize("answer", GONE, ids=["tepat", "ditemukan", "404"])
def test_delete_of_a_voucher_that_is_gone_is_false(answer):
    with ScriptedServer(answer) as server, client_on(server.url) as client:
        assert client.delete_voucher("1001") is False
    (seen,) = server.seen
    assert (seen.method, seen.path) == ("DELETE", "/accurate/api/journal-voucher/delete.do?id=1001")


@pytest.mark.parametrize(
    "words",
    ["Journal Voucher data is incorrect", "Journal Voucher not found", "日记账凭证数据不正确"],
)
def test_delete_answered_in_a_guessed_language_is_not_read_as_gone(words):
    """Jurnal Desk asks in Indonesian; English or Chinese words are not proof it is gone."""
    refusal = Reply(body={"s": False, "d": [words]})
    with (
        ScriptedServer(refusal) as server,
        client_on(server.url) as client,
        pytest.raises(errors.Rejected),
    ):
        client.delete_voucher("1001")
    assert server.seen[0].headers["X-Language-Profile"] == "ID"


def test_delete_refused_for_another_reason_says_why():
    refusal = Reply(body={"s": False, "d": ["Periode akuntansi sudah ditutup"]})
    with (
        ScriptedServer(refusal) as server,
        client_on(server.url) as client,
        pytest.raises(errors.Rejected) as raised,
    ):
        client.delete_voucher("1001")
    assert "Periode akuntansi sudah ditutup" in raised.value.text.id


def test_delete_by_id_in_the_sandbox(sb, client):
    saved = client.save_voucher(entry("JV-1"))
    assert saved.remote_id
    assert client.delete_voucher(saved.remote_id) is True
    assert sb.vouchers() == []
    assert client.delete_voucher(saved.remote_id) is False
    with pytest.raises(ValueError):
        client.delete_voucher("")


# -- the paging guard --------------------------------------------------------------------------


def _page(page_count: int) -> Reply:
    return Reply(
        body={"s": True, "d": [{"no": "1", "name": "Kas"}], "sp": {"pageCount": page_count}}
    )


def test_an_absurd_page_count_stops_at_once_with_a_clear_error():
    with (
        ScriptedServer(_page(accurate.MAX_PAGES + 1)) as server,
        client_on(server.url) as client,
        pytest.raises(errors.ServerError) as raised,
    ):
        client.accounts()
    assert len(server.seen) == 1
    assert f"{accurate.MAX_PAGES + 1} halaman" in raised.value.text.id
    assert f"{accurate.MAX_PAGES + 1} pages" in raised.value.text.en


def test_a_listing_that_never_ends_stops_after_the_page_limit(monkeypatch):
    monkeypatch.setattr(accurate, "MAX_PAGES", 5)
    with ScriptedServer(_page(5)) as server, client_on(server.url) as client:
        assert len(client.accounts()) == 1  # a listing of exactly the limit is read whole
    assert len(server.seen) == 5 * 2  # the whole chart, then the leaves
    growing = [_page(n + 2) for n in range(1, 10)]  # always two pages more than read so far
    with (
        ScriptedServer(*growing) as server,
        client_on(server.url) as client,
        pytest.raises(errors.ServerError) as raised,
    ):
        client.accounts()
    assert len(server.seen) == 4  # stopped as soon as it claimed more than the limit
    assert "6 halaman" in raised.value.text.id and "6 pages" in raised.value.text.en
