"""The sandbox's rate limits and injected faults, as a client on 127.0.0.1 meets them."""

from __future__ import annotations

import base64
import hashlib
import hmac
import socket
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
LIMIT_MESSAGE = (
    "Jumlah request API melebihi toleransi yang diperbolehkan. Batas maksimum yang "
    "diperbolehkan yaitu 8 proses paralel per Token dan 8 request/detik."
)


def is_limit_reply(answer: httpx.Response) -> bool:
    """Accurate's "too many requests", in whichever form the sandbox chose (429 or 200)."""
    if answer.status_code not in (200, 429):
        return False
    body = answer.json()
    return body.get("s") is False and body.get("d") == [LIMIT_MESSAGE]


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
        [refused] = [answer for answer in answers if is_limit_reply(answer)]
        assert refused.status_code == 429 and refused.headers["Retry-After"] == "1"
        assert sorted(answer.status_code for answer in answers) == [200] * 8 + [429]
        assert sb.stats.rate_limited == 1 and sb.stats.breaches == 1


def test_nine_quick_calls_one_after_another_break_the_per_second_limit(client):
    with Sandbox() as sb:
        answers = [client.get(_list_url(sb), headers=sign()) for _ in range(9)]
        assert [is_limit_reply(answer) for answer in answers] == [False] * 8 + [True]
        assert sb.stats.rate_limited_per_second == 1
        assert sb.stats.rate_limited_in_flight == 0
        assert sb.stats.breaches_per_second == 1


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("both", [(429, "1"), (200, None), (429, None), (200, "1"), (429, "1")]),
        ("429", [(429, "1"), (429, None), (429, "1")]),
        ("200", [(200, None), (200, "1"), (200, None)]),
    ],
)
def test_limit_replies_come_as_429_and_as_200_with_and_without_retry_after(client, form, expected):
    with Sandbox(limit_reply=form) as sb:
        for _ in range(8):
            assert client.get(_list_url(sb), headers=sign()).status_code == 200
        refused = [client.get(_list_url(sb), headers=sign()) for _ in expected]
        assert all(is_limit_reply(answer) for answer in refused)
        assert [(a.status_code, a.headers.get("Retry-After")) for a in refused] == expected
        assert sb.vouchers() == []
        stats = sb.stats
        assert stats.limit_replies_429 + stats.limit_replies_200 == len(expected)
        assert stats.limit_replies_200 == sum(1 for status, _ in expected if status == 200)


def test_the_limit_reply_speaks_the_language_profile(client):
    with Sandbox() as sb:
        for _ in range(8):
            client.get(_list_url(sb), headers=sign())
        english = client.get(_list_url(sb), headers={**sign(), "X-Language-Profile": "US"})
        assert "8 parallel processes per Token and 8 requests/second" in english.json()["d"][0]
        chinese = client.get(_list_url(sb), headers={**sign(), "X-Language-Profile": "CN"})
        assert "8 个请求/秒" in chinese.json()["d"][0]
        assert english.json()["s"] is chinese.json()["s"] is False


def test_a_request_counts_from_the_moment_its_request_line_arrives(client):
    """A ninth request whose request line comes within the second but whose headers and
    body come after it is still the ninth: the service counts arrivals, not finished reads."""
    with Sandbox() as sb:
        host, port = sb.accurate_host().removeprefix("http://").split(":")
        began = time.monotonic()
        for _ in range(8):
            assert client.get(_list_url(sb), headers=sign()).status_code == 200
        if time.monotonic() - began > 0.6:
            pytest.skip("the machine is too busy to send 8 requests well within a second")
        with socket.create_connection((host, int(port))) as raw:
            raw.sendall(b"GET /accurate/api/glaccount/list.do HTTP/1.1\r\n")
            time.sleep(1.5)  # the rest arrives in another second
            headers = "".join(f"{name}: {value}\r\n" for name, value in sign().items())
            raw.sendall(f"Host: {host}\r\n{headers}Connection: close\r\n\r\n".encode())
            answer = _read_all(raw)
        assert LIMIT_MESSAGE.encode() in answer
        assert sb.stats.breaches_per_second == 1 and sb.stats.rate_limited == 1


def _read_all(connection: socket.socket) -> bytes:
    chunks = []
    while chunk := connection.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


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
        assert is_limit_reply(refused)  # answered at once, not after the latency
        assert sb.stats.rate_limited_in_flight == 1 and sb.stats.breaches_in_flight == 1
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
        assert is_limit_reply(client.get(_list_url(sb), headers=sign()))


def test_without_enforcement_the_traffic_is_only_measured(client):
    with Sandbox(enforce_rate_limit=False) as sb:
        answers = _concurrently(12, lambda: client.get(_list_url(sb), headers=sign()))
        assert all(answer.status_code == 200 for answer in answers)
        assert all(answer.json()["s"] is True for answer in answers)
        stats = sb.stats
        assert stats.rate_limited == 0
        assert stats.peak_per_second == 12
        assert stats.peak_in_flight >= 1
        # Counted as the service would have: four arrived after eight in the same second.
        assert stats.breaches_per_second == 4 and stats.breaches >= 4
        assert stats.breaches_calendar_second <= 4


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


def test_injected_limit_replies_take_every_form_and_sempoa_says_429(client):
    with Sandbox(Faults(rate_limit_rate=1.0)) as sb:
        accurate = [client.get(_list_url(sb), headers=sign()) for _ in range(2)]
        assert [(a.status_code, a.headers.get("Retry-After")) for a in accurate] == [
            (429, "1"),
            (200, None),
        ]
        assert all(is_limit_reply(answer) for answer in accurate)
        sempoa = client.post(sb.sempoa_url + "/check", headers=SEMPOA_AUTH)
        assert sempoa.status_code == 429 and sempoa.headers["Retry-After"] == "1"
        assert sb.stats.injected_rate_limits == 3
        assert sb.stats.rate_limited == 0 and sb.stats.breaches == 0  # no limit broken


def test_a_cut_connection_does_nothing_and_answers_nothing(client):
    with Sandbox(Faults(cut_rate=1.0)) as sb:
        with pytest.raises(httpx.TransportError):
            client.post(
                sb.accurate_host() + "/accurate/api/journal-voucher/save.do",
                json=VOUCHER,
                headers=sign(),
            )
        with pytest.raises(httpx.TransportError):
            client.get(_list_url(sb), headers=sign())
        assert sb.vouchers() == []
        assert sb.stats.cut == 2
        assert [record.status for record in sb.request_log()] == [0, 0]


def test_jitter_spreads_each_latency_around_the_configured_one():
    from app.sandbox.faults import FaultDice

    dice = FaultDice(Faults(latency_ms=100, latency_jitter=0.5, seed=4))
    draws = [dice.latency_seconds() for _ in range(400)]
    assert all(0.05 <= draw <= 0.15 for draw in draws)
    assert min(draws) < 0.06 and max(draws) > 0.14  # the whole +-50 % is used
    assert FaultDice(Faults(latency_ms=100)).latency_seconds() == 0.1


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
    rough = Faults.parse("latency=100,jitter,seed=2")
    assert rough == Faults(
        latency_ms=100, latency_jitter=0.5, cut_rate=0.01, error_rate=0.02, seed=2
    )
    assert Faults.parse(rough.describe()) == rough
    assert Faults.parse("jitter=0.2,cut=0.1") == Faults(latency_jitter=0.2, cut_rate=0.1)


@pytest.mark.parametrize(
    "spec", ["error", "errors=0.1", "error=lots", "drop=1.5", "latency=-1", "jitter=2", "cut"]
)
def test_a_bad_fault_spec_says_what_is_wrong(spec):
    with pytest.raises(FaultSpecError) as raised:
        Faults.parse(spec)
    assert isinstance(raised.value, JurnalError) and isinstance(raised.value, ValueError)
    assert raised.value.text.en
