"""The sandbox's rate limits and injected faults, as a client on 127.0.0.1 meets them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import httpx
import pytest

from app.core.i18n import JurnalError
from app.sandbox import (
    DEMO_ACCURATE_SECRET,
    DEMO_ACCURATE_TOKEN,
    DEMO_SEMPOA_TOKEN,
    Faults,
    FaultSpecError,
    Sandbox,
)

SEMPOA_AUTH = {"Authorization": f"Bearer {DEMO_SEMPOA_TOKEN}"}
SKEW_MESSAGE = "Header X-API Timestamp difference more than 600 seconds with Server Time"


def sign(moment: datetime | None = None) -> dict[str, str]:
    timestamp = str(int((moment or datetime.now(UTC)).timestamp()))
    digest = hmac.new(DEMO_ACCURATE_SECRET.encode(), timestamp.encode(), hashlib.sha256).digest()
    return {
        "Authorization": f"Bearer {DEMO_ACCURATE_TOKEN}",
        "X-Api-Timestamp": timestamp,
        "X-Api-Signature": base64.b64encode(digest).decode(),
    }


VOUCHER = {
    "transDate": "31/01/2024",
    "number": "JV-DROP",
    "detailJournalVoucher": [
        {"accountNo": "1-10001", "amount": 100000, "amountType": "DEBIT"},
        {"accountNo": "4-40000", "amount": 100000, "amountType": "CREDIT"},
    ],
}
JOURNAL = {
    "deskripsi": "Penjualan",
    "referensi": "PJ-DROP",
    "tanggal": "2024-01-31",
    "transaksi": [
        {"akun": "1000", "debit": 5000, "kredit": 0},
        {"akun": "4000", "debit": 0, "kredit": 5000},
    ],
}


@pytest.fixture(scope="module")
def client():
    with httpx.Client(timeout=10, limits=httpx.Limits(max_connections=20)) as http:
        yield http


def _list_url(sb: Sandbox) -> str:
    return sb.accurate_host() + "/accurate/api/glaccount/list.do"


def _concurrently(count: int, call) -> list[httpx.Response]:
    """Start `count` calls at the same moment and return their answers in start order."""
    barrier = threading.Barrier(count)
    answers: list[httpx.Response | None] = [None] * count

    def worker(index: int) -> None:
        barrier.wait()
        answers[index] = call()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers  # type: ignore[return-value]


# -- Accurate's limits per API Token -------------------------------------------------------


def test_a_ninth_request_within_a_second_is_refused(client):
    with Sandbox() as sb:
        answers = _concurrently(9, lambda: client.get(_list_url(sb), headers=sign()))
        statuses = sorted(answer.status_code for answer in answers)
        assert statuses == [200] * 8 + [429]
        [refused] = [answer for answer in answers if answer.status_code == 429]
        assert refused.headers["Retry-After"] == "1"
        assert refused.json()["s"] is False
        assert refused.json()["d"][0].startswith("Request melebihi batas")
        assert sb.stats.rate_limited == 1


def test_nine_quick_calls_one_after_another_break_the_per_second_limit(client):
    with Sandbox() as sb:
        statuses = [client.get(_list_url(sb), headers=sign()).status_code for _ in range(9)]
        assert statuses == [200] * 8 + [429]
        assert sb.stats.rate_limited_per_second == 1
        assert sb.stats.rate_limited_in_flight == 0


def test_a_ninth_request_in_flight_is_refused(client):
    with Sandbox(Faults(latency_ms=1000)) as sb:
        slow = [
            threading.Thread(target=client.get, args=(_list_url(sb),), kwargs={"headers": sign()})
            for _ in range(8)
        ]
        for thread in slow:
            thread.start()
        deadline = time.monotonic() + 30
        while sb.stats.peak_in_flight < 8 and time.monotonic() < deadline:
            time.sleep(0.01)
        refused = client.get(_list_url(sb), headers=sign())
        for thread in slow:
            thread.join()
        assert refused.status_code == 429  # answered at once, not after the latency
        assert sb.stats.rate_limited_in_flight == 1
        assert [record.status for record in sb.request_log()].count(200) == 8


def test_limits_count_per_token(client):
    with Sandbox() as sb:
        token, secret = sb.add_accurate_company("CV Kedua")
        timestamp = str(int(time.time()))
        digest = hmac.new(secret.encode(), timestamp.encode(), hashlib.sha256).digest()
        other = {
            "Authorization": f"Bearer {token}",
            "X-Api-Timestamp": timestamp,
            "X-Api-Signature": digest.hex(),
        }
        for _ in range(8):
            assert client.get(_list_url(sb), headers=sign()).status_code == 200
        assert client.get(_list_url(sb), headers=other).status_code == 200
        assert client.get(_list_url(sb), headers=sign()).status_code == 429


def test_without_enforcement_the_traffic_is_only_measured(client):
    with Sandbox(enforce_rate_limit=False) as sb:
        answers = _concurrently(12, lambda: client.get(_list_url(sb), headers=sign()))
        assert all(answer.status_code == 200 for answer in answers)
        assert sb.stats.rate_limited == 0
        assert sb.stats.peak_per_second == 12
        assert sb.stats.peak_in_flight >= 1


def test_sempoa_is_not_rate_limited(client):
    with Sandbox() as sb:
        for _ in range(12):
            assert client.post(sb.sempoa_url + "/check", headers=SEMPOA_AUTH).status_code == 200


# -- injected faults -----------------------------------------------------------------------


def test_latency_keeps_the_request_in_flight(client):
    with Sandbox(Faults(latency_ms=150)) as sb:
        assert client.get(_list_url(sb), headers=sign()).status_code == 200
        [record] = sb.request_log()
        assert record.ended - record.started >= 0.15


def test_server_errors_are_5xx_before_anything_is_done(client):
    with Sandbox(Faults(error_rate=1.0, seed=3), enforce_rate_limit=False) as sb:
        answers = [
            client.post(
                sb.accurate_host() + "/accurate/api/journal-voucher/save.do",
                json={**VOUCHER, "number": f"JV-{index}"},
                headers=sign(),
            )
            for index in range(12)
        ]
        assert {answer.status_code for answer in answers} == {500, 502, 503}
        for answer in answers:
            if answer.status_code == 500:
                assert answer.json()["s"] is False
            else:  # a gateway in front of the service answers HTML, not JSON
                assert answer.headers["Content-Type"].startswith("text/html")
        assert sb.vouchers() == []
        assert sb.stats.injected_errors == 12


def test_injected_429_says_retry_after_one_second(client):
    with Sandbox(Faults(rate_limit_rate=1.0)) as sb:
        accurate = client.get(_list_url(sb), headers=sign())
        sempoa = client.post(sb.sempoa_url + "/check", headers=SEMPOA_AUTH)
        for answer in (accurate, sempoa):
            assert answer.status_code == 429
            assert answer.headers["Retry-After"] == "1"
        assert sb.stats.injected_rate_limits == 2
        assert sb.stats.rate_limited == 0  # the client broke no limit


def test_a_dropped_save_is_stored_but_never_answered(client):
    with Sandbox(Faults(drop_after_store_rate=1.0)) as sb:
        with pytest.raises(httpx.TransportError):
            client.post(
                sb.accurate_host() + "/accurate/api/journal-voucher/save.do",
                json=VOUCHER,
                headers=sign(),
            )
        assert [voucher["number"] for voucher in sb.vouchers()] == ["JV-DROP"]
        with pytest.raises(httpx.TransportError):
            client.post(sb.sempoa_url + "/jurnal", json=JOURNAL, headers=SEMPOA_AUTH)
        assert [journal["referensi"] for journal in sb.sempoa_journals()] == ["PJ-DROP"]
        assert sb.stats.dropped == 2
        assert [record.status for record in sb.request_log()] == [0, 0]
        # Reading is never cut, so the client can look the entry up before re-sending.
        found = client.get(
            sb.accurate_host() + "/accurate/api/journal-voucher/detail.do",
            params={"number": "JV-DROP"},
            headers=sign(),
        )
        assert found.json()["d"]["number"] == "JV-DROP"


def test_a_bulk_save_is_dropped_after_all_its_vouchers_are_stored(client):
    with Sandbox(Faults(drop_after_store_rate=1.0)) as sb:
        items = [{**VOUCHER, "number": f"JV-{index}"} for index in range(3)]
        with pytest.raises(httpx.TransportError):
            client.post(
                sb.accurate_host() + "/accurate/api/journal-voucher/bulk-save.do",
                json={"data": items},
                headers=sign(),
            )
        assert len(sb.vouchers()) == 3


def test_clock_skew_moves_the_date_header_and_the_timestamp_check(client):
    with Sandbox(Faults(clock_skew_seconds=900)) as sb:
        refused = client.get(sb.account_url + "/api/api-token.do", headers=sign())
        assert refused.status_code == 400
        assert refused.json()["d"] == [SKEW_MESSAGE]
        server_now = parsedate_to_datetime(refused.headers["Date"])
        assert 840 <= (server_now - datetime.now(UTC)).total_seconds() <= 960
        # A client that learned the server's time from Date is accepted.
        accepted = client.get(
            sb.account_url + "/api/api-token.do",
            headers=sign(datetime.now(UTC) + timedelta(seconds=900)),
        )
        assert accepted.status_code == 200


def test_a_seed_repeats_the_same_faults(client):
    def statuses(sb: Sandbox) -> list[int]:
        return [client.get(_list_url(sb), headers=sign()).status_code for _ in range(8)]

    faults = Faults(error_rate=0.5, seed=7)
    with Sandbox(faults, enforce_rate_limit=False) as first:
        run_one = statuses(first)
    with Sandbox(faults, enforce_rate_limit=False) as second:
        run_two = statuses(second)
    assert run_one == run_two
    assert len(set(run_one)) > 1


def test_faults_can_be_changed_while_running(client):
    with Sandbox() as sb:
        assert client.get(_list_url(sb), headers=sign()).status_code == 200
        sb.faults = Faults(error_rate=1.0)
        assert client.get(_list_url(sb), headers=sign()).status_code >= 500
        sb.faults = Faults()
        assert client.get(_list_url(sb), headers=sign()).status_code == 200


# -- the fault spec ------------------------------------------------------------------------


def test_fault_spec_reads_short_and_long_names():
    faults = Faults.parse("error=0.1, drop=0.05,429=0.02,skew=900,latency=100,seed=1")
    assert faults == Faults(
        latency_ms=100,
        error_rate=0.1,
        drop_after_store_rate=0.05,
        rate_limit_rate=0.02,
        clock_skew_seconds=900,
        seed=1,
    )
    assert Faults.parse("error_rate=0.5,clock_skew_seconds=-30") == Faults(
        error_rate=0.5, clock_skew_seconds=-30
    )
    assert Faults.parse("") == Faults()
    assert Faults.parse(faults.describe()) == faults


@pytest.mark.parametrize("spec", ["error", "errors=0.1", "error=lots", "drop=1.5", "latency=-1"])
def test_a_bad_fault_spec_says_what_is_wrong(spec):
    with pytest.raises(FaultSpecError) as raised:
        Faults.parse(spec)
    assert isinstance(raised.value, JurnalError) and isinstance(raised.value, ValueError)
    assert raised.value.text.en
