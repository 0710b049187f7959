"""The journal list asked for fields it is not known to take (`optLock`, `totalAmount`): a list
that refuses them, in any plausible shape, is asked the same page again with the confirmed
fields, once per company and process; every other refusal, limit reply, token or network
failure is what it was. Over real HTTP: the sandbox, and a scripted server for answers the
sandbox does not give on a list."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from urllib.parse import parse_qs, urlsplit

import pytest

from app.api import errors
from app.api.accurate import VOUCHER_LIST_FIELDS, VOUCHER_PERIOD_FIELDS, AccurateClient
from app.api.accurate_list_fields import forget_refusals
from app.api.ratelimit import RateLimiter
from app.api.transport import RetryPolicy
from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN, Faults, Sandbox
from tests.helpers.accurate_clients import client_on
from tests.helpers.http_helpers import Reply, ScriptedServer
from tests.helpers.posting_helpers import ACCURATE_CREDIT, ACCURATE_DEBIT

FIRST, LAST = date(2026, 8, 1), date(2026, 8, 31)
LIST = "/accurate/api/journal-voucher/list.do"
LIMIT_WORDS = (
    "Jumlah request API melebihi toleransi yang diperbolehkan. Batas maksimum yang "
    "diperbolehkan yaitu 8 proses paralel per Token dan 8 request/detik."
)
ROW = {"id": 7, "number": "JU/001", "transDate": "02/08/2026", "totalAmount": 10, "optLock": 3}
ONE_PAGE = {"s": True, "d": [ROW], "sp": {"page": 1, "pageCount": 1, "rowCount": 1}}


@pytest.fixture
def sb() -> Iterator[Sandbox]:
    """The sandbox without Accurate's limits: the client's limiter runs on virtual time."""
    with Sandbox(enforce_rate_limit=False) as sandbox:
        yield sandbox


@pytest.fixture(autouse=True)
def nothing_learned_yet():
    """What the process learned of a company's list stays with the test that taught it."""
    forget_refusals()
    yield
    forget_refusals()


def client_for(sb, vt, token: str = DEMO_ACCURATE_TOKEN, secret: str = DEMO_ACCURATE_SECRET):
    return AccurateClient.create(
        token=token,
        secret=secret,
        limiter=RateLimiter(clock=vt.monotonic),
        host=sb.accurate_host(token),
        account_url=sb.account_url,
        retry=RetryPolicy(sleep=vt.sleep, random=lambda: 0.0),
    )


def five_vouchers(sb, token: str = DEMO_ACCURATE_TOKEN) -> None:
    for day in range(1, 6):
        sb.type_voucher_in_app(
            f"JU/{day:03}",
            f"{day:02}/08/2026",
            [(ACCURATE_DEBIT, "DEBIT", "1000"), (ACCURATE_CREDIT, "CREDIT", "1000")],
            token=token,
        )


def period(client: AccurateClient) -> list:
    pages = client.voucher_pages(FIRST, LAST, fields=VOUCHER_PERIOD_FIELDS)
    return [voucher for page in pages for voucher in page]


def list_requests(sb, since: int) -> int:
    return sum(1 for record in sb.request_log()[since:] if record.path == LIST)


def fields_asked(seen) -> list[str]:
    return [parse_qs(urlsplit(request.path).query)["fields"][0] for request in seen]


@pytest.mark.parametrize("shape", ["200", "400", "500"])
def test_a_refusing_list_is_asked_once_more_with_the_confirmed_fields(sb, vt, shape):
    five_vouchers(sb)
    sb.cap_list_pages(2)
    sb.list_refuses_fields(shape)
    before = len(sb.request_log())

    with client_for(sb, vt) as client:
        vouchers = period(client)
        assert client.journal_list_refuses_fields

        assert [v.number for v in vouchers] == [f"JU/{n:03}" for n in range(1, 6)]
        assert all(v.version is None and v.total is None for v in vouchers)
        # Three pages and one request more: the first page with the fields, refused.
        assert list_requests(sb, before) == 3 + 1 and sb.list_field_refusals() == 1

        before = len(sb.request_log())
        assert len(period(client)) == 5  # the same client: the confirmed fields only
        assert list_requests(sb, before) == 3 and sb.list_field_refusals() == 1

    before = len(sb.request_log())
    with client_for(sb, vt) as again:  # another client, the same company: learned already
        assert len(period(again)) == 5
    assert list_requests(sb, before) == 3 and sb.list_field_refusals() == 1


def test_what_one_company_refused_is_still_asked_of_another(sb, vt):
    sb.list_refuses_fields("200")
    token, secret = sb.add_accurate_company("PT Lain")
    five_vouchers(sb, token)
    with client_for(sb, vt) as refusing:
        period(refusing)

    with client_for(sb, vt, token, secret) as other:
        vouchers = period(other)

    assert [v.version for v in vouchers] == ["0"] * 5
    assert not other.journal_list_refuses_fields


def test_a_server_error_that_persists_without_the_fields_is_told_as_before(
    sb, vt, quick_retry_waits
):
    sb.faults = Faults(failing_texts=("journal-voucher/list.do",))
    with client_for(sb, vt) as client, pytest.raises(errors.ServerError) as with_fields:
        period(client)
    assert not client.journal_list_refuses_fields

    with client_for(sb, vt) as client, pytest.raises(errors.ServerError) as confirmed:
        list(client.voucher_pages(FIRST, LAST, fields=VOUCHER_LIST_FIELDS))
    assert with_fields.value.text.en == confirmed.value.text.en


def test_a_refusal_that_persists_without_the_fields_is_told_as_before():
    refusal = Reply(400, {"s": False, "d": ["Parameter tidak valid"]})
    with ScriptedServer(refusal) as server, client_on(server.url) as client:
        with pytest.raises(errors.Rejected) as raised:
            period(client)
        assert not client.journal_list_refuses_fields
    assert fields_asked(server.seen) == [VOUCHER_PERIOD_FIELDS, VOUCHER_LIST_FIELDS]
    assert raised.value.messages == ["Parameter tidak valid"] and raised.value.status == 400


@pytest.mark.parametrize(
    "words",
    [
        "Profil pengguna anda memiliki akses ke lebih dari satu cabang. Anda harus menentukan "
        "cabang saat penulisan data.",
        "Tanggal transaksi tidak dapat lebih kecil dari tanggal tutup buku 31/07/2026",
    ],
    ids=["branch", "closing-date"],
)
def test_a_refusal_that_says_what_else_is_wrong_is_not_taken_for_the_fields(words):
    with ScriptedServer(Reply(200, {"s": False, "d": [words]})) as server:
        with client_on(server.url) as client, pytest.raises(errors.Rejected) as raised:
            period(client)
        assert not client.journal_list_refuses_fields
    assert fields_asked(server.seen) == [VOUCHER_PERIOD_FIELDS]
    assert raised.value.messages == [words]


def test_a_token_refusal_is_not_taken_for_the_fields():
    revoked = Reply(401, {"s": False, "d": ["Invalid or Revoked API Token"]})
    with (
        ScriptedServer(revoked) as server,
        client_on(server.url) as client,
        pytest.raises(errors.TokenRevoked),
    ):
        period(client)
    assert fields_asked(server.seen) == [VOUCHER_PERIOD_FIELDS]


def test_a_network_failure_is_not_taken_for_the_fields():
    with ScriptedServer(Reply(cut=True)) as server, client_on(server.url) as client:
        with pytest.raises(errors.NetworkError):
            period(client)
        assert not client.journal_list_refuses_fields
    assert set(fields_asked(server.seen)) == {VOUCHER_PERIOD_FIELDS}


@pytest.mark.parametrize("status", [200, 429])
def test_a_limit_reply_is_waited_out_and_the_fields_asked_again(status):
    limited = Reply(status, {"s": False, "d": [LIMIT_WORDS]})
    with ScriptedServer(limited, Reply(200, ONE_PAGE)) as server, client_on(server.url) as client:
        vouchers = period(client)
        assert not client.journal_list_refuses_fields
    assert fields_asked(server.seen) == [VOUCHER_PERIOD_FIELDS, VOUCHER_PERIOD_FIELDS]
    assert [(v.version, v.total) for v in vouchers] == [("3", 10)]
