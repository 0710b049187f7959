"""The Accurate client against the sandbox over real HTTP on 127.0.0.1: token info, the chart,
vouchers one by one and in bulk, every documented error, host moves, clock skew, faults."""

from __future__ import annotations

import math
import time
from collections.abc import Generator
from datetime import date
from decimal import Decimal

import httpx
import pytest

from app.api import errors
from app.api.accurate import AccurateClient
from app.api.clock import ServerClock
from app.api.ratelimit import RateLimiter
from app.api.signing import sign
from app.api.transport import RetryPolicy, Transport
from app.core.books.journal import JournalEntry, JournalLine
from app.sandbox import (
    ACCURATE_CHART,
    DEMO_ACCURATE_SECRET,
    DEMO_ACCURATE_TOKEN,
    DEMO_COMPANY,
    Faults,
    Sandbox,
)
from tests.helpers.http_helpers import VirtualTime

CASH, BANK = [account.no for account in ACCURATE_CHART if account.postable][:2]


def client_for(
    sb: Sandbox,
    vt: VirtualTime,
    *,
    token: str = DEMO_ACCURATE_TOKEN,
    secret: str = DEMO_ACCURATE_SECRET,
    host: str | None = None,
    **kwargs,
) -> AccurateClient:
    return AccurateClient.create(
        token=token,
        secret=secret,
        limiter=RateLimiter(clock=vt.monotonic),
        host=host or sb.accurate_host(),
        account_url=sb.account_url,
        retry=RetryPolicy(sleep=vt.sleep, random=lambda: 0.0),
        **kwargs,
    )


@pytest.fixture
def client(sb, vt) -> Generator[AccurateClient, None, None]:
    with client_for(sb, vt) as accurate:
        yield accurate


def entry(reference: str, amount: str = "1500000.10", account: str = CASH) -> JournalEntry:
    value = Decimal(amount)
    return JournalEntry(
        date(2026, 8, 5),
        reference,
        "Bayar listrik Agustus",
        [
            JournalLine(account, debit=value, memo="PLN", department="Umum", project="P-1"),
            JournalLine(BANK, credit=value),
        ],
    )


# -- token and chart --------------------------------------------------------------------------


def test_token_info_names_the_company_its_host_and_user(sb, vt):
    with client_for(sb, vt, host=sb.account_url) as client:
        info = client.token_info()
    assert info.company_name == DEMO_COMPANY
    assert info.host == sb.accurate_host()
    assert info.user_email and info.user_name
    assert info.license_end is not None and info.license_end > date.today()
    assert info.trial is False


def test_the_whole_chart_is_read_across_pages(sb, vt):
    with client_for(sb, vt) as client:
        client.page_size = 40  # 3 + 3 pages: fewer than 8 calls, so the 8-per-second limit is moot
        chart = client.accounts()
    assert len(chart) == len(ACCURATE_CHART)
    for account in ACCURATE_CHART:
        read = chart[account.no]
        assert (read.name, read.is_parent, read.suspended, read.account_type) == (
            account.name,
            account.is_parent,
            account.suspended,
            account.account_type,
        )
    # The whole chart, then the leaves only (filter.leafOnly): no isParent field is relied on.
    pages = [r for r in sb.request_log() if r.path.endswith("glaccount/list.do")]
    leaves = sum(1 for account in ACCURATE_CHART if not account.is_parent)
    assert len(pages) == math.ceil(len(ACCURATE_CHART) / 40) + math.ceil(leaves / 40) > 2


# -- vouchers ---------------------------------------------------------------------------------


def test_a_saved_voucher_is_on_the_books_exactly_as_entered(sb, client):
    result = client.save_voucher(entry("JV/2026/08/001"))
    assert result.ok and not result.already_exists
    assert result.remote_number == "JV/2026/08/001" and result.remote_id
    (stored,) = sb.vouchers()
    assert stored["number"] == "JV/2026/08/001"
    assert stored["transDate"] == "05/08/2026"
    assert stored["description"] == "Bayar listrik Agustus"
    debit, credit = stored["detailJournalVoucher"]
    assert debit == {
        "accountNo": CASH,
        "amount": "1500000.10",
        "amountType": "DEBIT",
        "memo": "PLN",
        "departmentName": "Umum",
        "projectNo": "P-1",
    }
    assert (credit["accountNo"], credit["amount"], credit["amountType"]) == (
        BANK,
        "1500000.10",
        "CREDIT",
    )


def test_a_number_already_on_the_books_is_its_own_outcome(client):
    assert client.save_voucher(entry("JV-1")).ok
    again = client.save_voucher(entry("JV-1"))
    assert (again.ok, again.already_exists) == (False, True)
    assert any("JV-1" in message for message in again.messages)


def test_a_refused_voucher_says_why_in_the_services_words(client):
    result = client.save_voucher(entry("JV-2", account="9-99999"))
    assert (result.ok, result.already_exists) == (False, False)
    assert any("9-99999" in m and "tidak ditemukan" in m for m in result.messages)


def test_a_company_set_to_english_still_reads_accurates_indonesian(sb, vt):
    """Only Accurate's Indonesian wording is known: it is what every request asks for."""
    with client_for(sb, vt, language="US") as client:
        result = client.save_voucher(entry("JV-3", account="9-99999"))
    assert result.messages == ['Akun Perkiraan dengan nomor "9-99999" tidak ditemukan']


def test_bulk_save_gives_one_result_per_voucher_in_order(sb, client):
    batch = [entry("B-1"), entry("B-2", account="9-99999"), entry("B-3", amount="7.25")]
    results = client.bulk_save(batch)
    assert [(r.reference, r.ok) for r in results] == [("B-1", True), ("B-2", False), ("B-3", True)]
    assert any("9-99999" in message for message in results[1].messages)
    assert sorted(v["number"] for v in sb.vouchers()) == ["B-1", "B-3"]


def test_bulk_save_marks_numbers_already_on_the_books(client):
    client.save_voucher(entry("B-1"))
    results = client.bulk_save([entry("B-1"), entry("B-2")])
    assert [(r.ok, r.already_exists) for r in results] == [(False, True), (True, False)]


def test_bulk_save_refuses_more_than_100_vouchers_before_sending(sb, client):
    with pytest.raises(ValueError, match="100"):
        client.bulk_save([entry(f"B-{n}") for n in range(101)])
    assert not [r for r in sb.request_log() if r.path.endswith("bulk-save.do")]


def test_find_a_voucher_by_number_and_delete_it_by_id(sb, client):
    saved = client.save_voucher(entry("JV-9"))
    found = client.find_voucher("JV-9")
    assert found is not None and found.remote_id == saved.remote_id
    assert (found.number, found.date) == ("JV-9", date(2026, 8, 5))
    assert client.find_voucher("JV-99") is None
    assert client.delete_voucher(found.remote_id) is True
    assert client.find_voucher("JV-9") is None
    # Gone already (say an earlier attempt's answer was lost): the goal is reached all the same.
    assert client.delete_voucher(found.remote_id) is False
    deletes = [r for r in sb.request_log() if r.path.endswith("delete.do")]
    assert [r.status for r in deletes] == [200, 200]


# -- the documented API Token errors ------------------------------------------------------------


class HandMadeHeaders(httpx.Auth):
    """Whatever headers a broken integration might send."""

    def __init__(self, headers: dict[str, str]) -> None:
        self.headers = headers

    def auth_flow(self, request: httpx.Request):
        request.headers.update(self.headers)
        yield request


def _signed(timestamp: str, secret: str = DEMO_ACCURATE_SECRET) -> dict[str, str]:
    return {"X-Api-Timestamp": timestamp, "X-Api-Signature": sign(timestamp, secret)}


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


BEARER = {"Authorization": f"Bearer {DEMO_ACCURATE_TOKEN}"}

DOCUMENTED = {
    "Unauthorized": (lambda: _signed(_now()), errors.AuthError, "Enter the API Token"),
    "Invalid_token": (
        lambda: {"Authorization": "Bearer not-a-token", **_signed(_now())},
        errors.AuthError,
        "Copy the token again",
    ),
    "Invalid or Revoked API Token": (
        lambda: {"Authorization": "Bearer aat.MTAw.revoked", **_signed(_now())},
        errors.TokenRevoked,
        "create a new API Token",
    ),
    "Header X-API-Signature is required": (
        lambda: {**BEARER, "X-Api-Timestamp": _now()},
        errors.SignatureError,
        "Enter the Signature Secret",
    ),
    "Header X-API-Signature invalid": (
        lambda: {**BEARER, **_signed(_now(), "0" * 32)},
        errors.SignatureError,
        "Copy the Signature Secret again",
    ),
    "Header X-API-Timestamp is required": (
        lambda: {**BEARER, "X-Api-Signature": sign(_now(), DEMO_ACCURATE_SECRET)},
        errors.SignatureError,
        "report it",
    ),
    "Header X-API-Timestamp invalid": (
        lambda: {**BEARER, **_signed("kemarin sore")},
        errors.SignatureError,
        "time zone",
    ),
    "Header X-API Timestamp difference more than 600 seconds with Server Time": (
        lambda: {**BEARER, **_signed("2020-01-01T00:00:00Z")},
        errors.ClockSkewError,
        "clock",
    ),
}


@pytest.mark.parametrize("documented", list(DOCUMENTED))
def test_each_documented_message_becomes_an_error_with_a_remedy(sb, vt, documented):
    headers, expected, remedy = DOCUMENTED[documented]
    transport = Transport(
        sb.accurate_host(),
        service=errors.ACCURATE,
        auth=HandMadeHeaders(headers()),
        limiter=RateLimiter(clock=vt.monotonic),
        retry=RetryPolicy(sleep=vt.sleep, random=lambda: 0.0),
    )
    with (
        AccurateClient(transport, account_url=sb.account_url) as client,
        pytest.raises(errors.ApiError) as caught,
    ):
        client.accounts()
    error = caught.value
    assert type(error) is expected
    assert documented in error.messages
    assert remedy in error.text.en
    assert error.text.id and error.text.id != error.text.en  # Indonesian first, English too
    assert DEMO_ACCURATE_TOKEN not in error.text.both()


def test_a_revoked_token_stops_with_advice(sb, client):
    sb.revoke(DEMO_ACCURATE_TOKEN)
    with pytest.raises(errors.TokenRevoked) as caught:
        client.save_voucher(entry("JV-1"))
    assert "API Token baru" in caught.value.text.id


# -- host moves -------------------------------------------------------------------------------


def test_a_moved_company_is_followed_with_body_and_token_and_the_new_host_is_kept(sb, vt):
    old = sb.accurate_host()
    new = sb.move_host()
    moved: list[str] = []
    with client_for(sb, vt, host=old, on_host_moved=moved.append) as client:
        assert client.save_voucher(entry("JV-308")).ok
        assert client.find_voucher("JV-308") is not None
        assert client.host == new
    assert moved == [new]
    (stored,) = sb.vouchers()
    assert stored["number"] == "JV-308" and len(stored["detailJournalVoucher"]) == 2
    log = sb.request_log()
    assert [r.status for r in log if r.status == 308] == [308]
    assert log[-1].origin == new and log[-1].path.endswith("journal-voucher/detail.do")


# -- clock skew -------------------------------------------------------------------------------


def test_a_wrong_clock_is_corrected_from_the_servers_date_and_the_call_retried(sb, vt):
    sb.faults = Faults(clock_skew_seconds=900)
    clock = ServerClock()
    with client_for(sb, vt, clock=clock) as client:
        assert len(client.accounts()) == len(ACCURATE_CHART)
    assert clock.skew_minutes() == 15
    statuses = [r.status for r in sb.request_log()]
    assert statuses[0] == 400 and set(statuses[1:]) == {200}


class StubbornClock(ServerClock):
    """A clock that will not learn (as if the server's Date header never arrived right)."""

    def observe_date_header(self, value, *, sent_at, received_at) -> None:
        pass


def test_a_clock_that_stays_wrong_is_reported_in_minutes(sb, vt):
    sb.faults = Faults(clock_skew_seconds=900)
    with (
        client_for(sb, vt, clock=StubbornClock()) as client,
        pytest.raises(errors.ClockSkewError) as caught,
    ):
        client.accounts()
    assert caught.value.minutes == 15
    assert "15 menit" in caught.value.text.id and "15 minutes" in caught.value.text.en
    assert len(sb.request_log()) == 2  # corrected once, retried once, then reported


# -- faults -----------------------------------------------------------------------------------


def test_reads_are_retried_through_server_errors(sb, vt, client):
    sb.enforce_rate_limit = False  # retries on a virtual clock; the limits have their own tests
    sb.faults = Faults(error_rate=0.5, seed=4)
    assert len(client.accounts()) == len(ACCURATE_CHART)
    assert sb.stats.injected_errors >= 1 and vt.sleeps


def test_reads_that_keep_failing_end_in_a_server_error(sb, vt, client):
    sb.faults = Faults(error_rate=1.0)
    with pytest.raises(errors.ServerError):
        client.accounts()
    assert len(sb.request_log()) == RetryPolicy().max_attempts


def test_a_save_cut_off_after_it_was_stored_is_uncertain_and_is_on_the_books(sb, client):
    sb.faults = Faults(drop_after_store_rate=1.0)
    with pytest.raises(errors.UncertainOutcome) as caught:
        client.save_voucher(entry("JV-DROP"))
    assert "JV-DROP" in caught.value.text.id and "JV-DROP" in caught.value.text.en
    assert [v["number"] for v in sb.vouchers()] == ["JV-DROP"]
    assert len(sb.request_log()) == 1  # never sent twice
    assert client.find_voucher("JV-DROP") is not None  # what the posting layer does next


def test_a_bulk_save_cut_off_is_uncertain_for_the_whole_chunk(sb, client):
    sb.faults = Faults(drop_after_store_rate=1.0)
    with pytest.raises(errors.UncertainOutcome):
        client.bulk_save([entry("B-1"), entry("B-2")])
    assert len(sb.vouchers()) == 2


def test_a_save_answered_with_a_server_error_is_uncertain_and_not_resent(sb, client):
    sb.faults = Faults(error_rate=1.0)
    with pytest.raises(errors.UncertainOutcome):
        client.save_voucher(entry("JV-500"))
    assert len(sb.request_log()) == 1 and sb.vouchers() == []


def test_429_is_waited_out_and_a_save_goes_through_once(sb, vt, client):
    sb.faults = Faults(rate_limit_rate=0.6, seed=2)
    for n in range(3):
        assert client.save_voucher(entry(f"JV-{n}")).ok
    assert sb.stats.injected_rate_limits >= 1
    assert len(vt.sleeps) == sb.stats.injected_rate_limits  # each limit reply waited out
    assert min(vt.sleeps) >= 1.0  # at least the sandbox's Retry-After: 1
    assert sorted(v["number"] for v in sb.vouchers()) == ["JV-0", "JV-1", "JV-2"]


def test_429_without_end_is_reported(sb, vt, client):
    sb.faults = Faults(rate_limit_rate=1.0)
    with pytest.raises(errors.RateLimited):
        client.accounts()
    # Limit replies are not failed attempts: waited out until the policy's total bound.
    assert len(vt.sleeps) > RetryPolicy().max_attempts
    assert sum(vt.sleeps) <= RetryPolicy().max_limit_wait


def test_plain_http_to_a_real_host_is_refused_before_anything_is_sent(sb, vt):
    with pytest.raises(errors.InsecureUrl):
        client_for(sb, vt, host="http://zeus.accurate.id")
