"""The transport over real HTTP on 127.0.0.1: retries, what is never re-sent, redirects, limits.

A small scripted server answers each request with the next scripted reply (or cuts the
connection, or stalls), and records what it received, so each rule is shown on the wire.
Waiting is virtual: the retry policy's sleep advances a clock the limiter and signer read.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import ssl
import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.api import errors
from app.api.accurate import AccurateClient
from app.api.ratelimit import DEFAULT_WINDOW, Cancelled, RateLimiter
from app.api.redirects import origin, require_secure
from app.api.signing import sign
from app.api.transport import RetryPolicy
from app.api.wire import json_bytes
from tests.helpers.http_helpers import (
    SECRET,
    TOKEN,
    Reply,
    ScriptedServer,
    VirtualTime,
    transport,
)

OK = Reply(body={"s": True, "d": ["ok"]})


# -- only https, except to this machine ----------------------------------------------------


@pytest.mark.parametrize(
    "url", ["http://zeus.accurate.id", "http://sempoa.id/api/integration", "ftp://127.0.0.1"]
)
def test_plain_http_to_another_machine_is_refused(url, vt):
    with pytest.raises(errors.InsecureUrl) as caught:
        transport(url, vt)
    assert "https://" in caught.value.text.id and "https://" in caught.value.text.en


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8080", "http://127.9.9.9", "http://localhost:1", "http://[::1]:80"]
)
def test_plain_http_to_this_machine_is_allowed_for_the_sandbox(url):
    assert require_secure(url).host


def self_made_certificate(folder: Path) -> ssl.SSLContext:
    """A server's TLS context with a certificate for 127.0.0.1 that no authority signed."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    (folder / "cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "cert.pem", folder / "key.pem")
    return context


def serve_tls(listener: socket.socket, context: ssl.SSLContext, received: list[bytes]) -> None:
    """Accept connections until `listener` closes; what a client sends is kept."""
    while True:
        try:
            connection, _ = listener.accept()
        except OSError:
            return  # closed: the test is over
        try:
            with context.wrap_socket(connection, server_side=True) as tls:
                received.append(tls.recv(1024))
        except (ssl.SSLError, OSError):
            connection.close()  # the client refused the certificate


def test_a_server_whose_certificate_no_authority_signed_is_never_sent_a_request(tmp_path, vt):
    """Certificates are checked for every client (one TLS context shared by all): a server
    on https with a self-made certificate gets no request, and the user is told."""
    received: list[bytes] = []
    listener = socket.create_server(("127.0.0.1", 0))
    context = self_made_certificate(tmp_path)
    threading.Thread(target=serve_tls, args=(listener, context, received), daemon=True).start()
    port = listener.getsockname()[1]
    try:
        with (
            transport(f"https://127.0.0.1:{port}", vt) as http,
            pytest.raises(errors.NetworkError) as caught,
        ):
            http.request("POST", "save.do", json_body={})
    finally:
        listener.close()
    assert received == []
    assert not isinstance(caught.value, errors.UncertainOutcome)


def test_a_redirect_may_not_lead_to_plain_http_or_another_site(vt):
    with (
        ScriptedServer(
            Reply(308, headers={"Location": "http://zeus.accurate.id/accurate/api/x.do"}),
            Reply(308, headers={"Location": "https://evil.example/steal"}),
        ) as server,
        transport(server.url, vt) as http,
    ):
        with pytest.raises(errors.InsecureUrl):
            http.request("GET", "accurate/api/x.do")
        with pytest.raises(errors.InsecureUrl):
            http.request("GET", "accurate/api/x.do")
        assert http.host == server.url  # nothing moved


def test_a_refused_redirect_says_where_it_pointed_and_not_that_http_is_unencrypted(vt):
    with (
        ScriptedServer(Reply(308, headers={"Location": "https://attacker.co.id/steal"})) as server,
        transport(server.url, vt) as http,
    ):
        with pytest.raises(errors.InsecureUrl) as refused:
            http.request("GET", "accurate/api/x.do")
        assert len(server.seen) == 1  # the token went nowhere else
    message = refused.value.text.en
    assert "https://attacker.co.id" in message and "not part of that service" in message
    assert "not encrypted" not in message


def test_json_nested_too_deep_is_an_unreadable_answer_not_a_traceback(vt):
    deep = "[" * 200_000 + "]" * 200_000
    with ScriptedServer(Reply(200, body=deep)) as server, transport(server.url, vt) as http:
        response = http.request("GET", "accurate/api/x.do")
    assert response.status == 200 and response.body is None


# -- signing, per attempt -----------------------------------------------------------------


def test_every_attempt_carries_a_fresh_valid_signature_and_the_token(vt):
    busy = Reply(503, headers={"Retry-After": "2"})
    with ScriptedServer(busy, busy, OK) as server, transport(server.url, vt) as http:
        response = http.request("GET", "accurate/api/glaccount/list.do")
    assert response.status == 200
    stamps = [seen.headers["X-Api-Timestamp"] for seen in server.seen]
    assert len(stamps) == 3
    for seen in server.seen:
        assert seen.headers["Authorization"] == f"Bearer {TOKEN}"
        assert seen.headers["X-Api-Signature"] == sign(seen.headers["X-Api-Timestamp"], SECRET)


def test_language_header_is_sent_when_configured(vt):
    with (
        ScriptedServer(OK) as server,
        transport(server.url, vt, headers={"X-Language-Profile": "US"}) as http,
    ):
        http.request("GET", "x")
    assert server.seen[0].headers["X-Language-Profile"] == "US"


# -- retries ------------------------------------------------------------------------------


def test_get_is_retried_on_server_errors_with_growing_waits(vt):
    with (
        ScriptedServer(Reply(500), Reply(502), Reply(503), Reply(504), OK) as server,
        transport(server.url, vt) as http,
    ):
        assert http.request("GET", "x").status == 200
    assert vt.sleeps == [0.5, 1.0, 2.0, 4.0]
    assert len(server.seen) == 5


def test_backoff_has_a_cap_and_jitter_only_shortens_it():
    policy = RetryPolicy(random=lambda: 1.0)
    assert [policy.backoff(n) for n in (1, 2, 5, 9)] == [0.375, 0.75, 6.0, 6.0]
    assert RetryPolicy(random=lambda: 0.0).backoff(30) == 8.0


def test_get_that_keeps_failing_gives_a_server_error_after_the_last_attempt(vt):
    with (
        ScriptedServer(Reply(500, body={"s": False, "d": ["Terjadi kesalahan"]})) as server,
        transport(server.url, vt) as http,
        pytest.raises(errors.ServerError) as caught,
    ):
        http.request("GET", "x")
    assert len(server.seen) == RetryPolicy().max_attempts
    assert "Terjadi kesalahan" in caught.value.text.id
    assert "try again" in caught.value.text.en


def test_a_save_answered_5xx_is_uncertain_and_never_resent(vt):
    with (
        ScriptedServer(Reply(503)) as server,
        transport(server.url, vt) as http,
        pytest.raises(errors.UncertainOutcome) as caught,
    ):
        http.request("POST", "save.do", json_body={"number": "JV-1"})
    assert len(server.seen) == 1 and vt.sleeps == []
    assert "Jangan kirim ulang" in caught.value.text.id
    assert "Do not send it again" in caught.value.text.en


def test_a_5xx_that_says_nothing_was_processed_lets_a_save_be_resent(vt):
    busy = Reply(503, body={"s": False, "d": ["Service busy, request not processed"]})
    with ScriptedServer(busy, OK) as server, transport(server.url, vt) as http:
        assert http.request("POST", "save.do", json_body={}).status == 200
    assert len(server.seen) == 2


def test_a_save_whose_connection_is_cut_is_uncertain(vt):
    with (
        ScriptedServer(Reply(cut=True), OK) as server,
        transport(server.url, vt) as http,
        pytest.raises(errors.UncertainOutcome),
    ):
        http.request("POST", "save.do", json_body={"number": "JV-1"})
    assert len(server.seen) == 1


def test_a_read_whose_connection_is_cut_is_simply_retried(vt):
    with ScriptedServer(Reply(cut=True), OK) as server, transport(server.url, vt) as http:
        assert http.request("GET", "list.do").status == 200
    assert len(server.seen) == 2


def test_a_save_without_an_answer_in_time_is_uncertain(vt):
    with (
        ScriptedServer(Reply(stall=0.5, body={"s": True})) as server,
        transport(server.url, vt, timeout=httpx.Timeout(5.0, read=0.1)) as http,
        pytest.raises(errors.UncertainOutcome) as caught,
    ):
        http.request("POST", "save.do", json_body={})
    assert "no answer came in time" in caught.value.text.en


def test_a_save_that_never_connected_is_resent_then_reported_as_a_network_error(vt):
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    # Nothing listens on `port`: every attempt fails before anything is sent.
    with (
        transport(f"http://127.0.0.1:{port}", vt) as http,
        pytest.raises(errors.NetworkError) as caught,
    ):
        http.request("POST", "save.do", json_body={})
    assert not isinstance(caught.value, errors.UncertainOutcome)
    assert len(vt.sleeps) == RetryPolicy().max_attempts - 1
    assert "internet" in caught.value.text.en


def test_429_is_honoured_for_every_thread_and_a_save_is_resent(vt):
    limiter = RateLimiter(clock=vt.monotonic)
    paused_for: list[float] = []
    vt.on_sleep = lambda seconds: paused_for.append(limiter.stats().paused_for)
    with (
        ScriptedServer(Reply(429, headers={"Retry-After": "3"}), OK) as server,
        transport(server.url, vt, limiter=limiter) as http,
    ):
        assert http.request("POST", "save.do", json_body={"a": 1}).status == 200
    assert vt.sleeps == [3.0]
    assert paused_for and paused_for[0] == pytest.approx(3.0, abs=0.5)
    assert server.seen[0].body == server.seen[1].body == b'{"a":1}'


def test_limit_replies_that_never_end_are_reported_after_a_bounded_wait(vt):
    with (
        ScriptedServer(Reply(429, headers={"Retry-After": "1"})) as server,
        transport(server.url, vt) as http,
        pytest.raises(errors.RateLimited) as caught,
    ):
        http.request("GET", "x")
    # Not counted as failed attempts: waited out, longer each time, up to the total bound.
    assert len(server.seen) > RetryPolicy().max_attempts
    assert vt.sleeps[:5] == [1.0, 2.0, 4.0, 8.0, 8.0]
    assert sum(vt.sleeps) <= RetryPolicy().max_limit_wait
    assert sum(vt.sleeps) + 8.0 > RetryPolicy().max_limit_wait
    assert "slow down" in caught.value.text.en


def test_the_total_wait_for_limit_replies_is_the_policys(vt):
    policy = RetryPolicy(sleep=vt.sleep, random=lambda: 0.0, max_limit_wait=10.0)
    with (
        ScriptedServer(Reply(200, body={"s": False, "d": [LIMIT_WORDS]})) as server,
        transport(server.url, vt, retry=policy) as http,
        pytest.raises(errors.RateLimited),
    ):
        http.request("POST", "save.do", json_body={"a": 1})
    assert vt.sleeps == [1.0, 2.0, 4.0]  # a fourth wait (8 s) would pass 10 s
    assert len(server.seen) == 4


LIMIT_WORDS = (
    "Jumlah request API melebihi toleransi yang diperbolehkan. Batas maksimum yang "
    "diperbolehkan yaitu 8 proses paralel per Token dan 8 request/detik."
)
OLDER_LIMIT_WORDS = "Request melebihi batas: maksimal 8 request per detik"


@pytest.mark.parametrize(
    "limit",
    [
        Reply(200, body={"s": False, "d": [LIMIT_WORDS]}),
        Reply(200, body={"s": False, "d": [LIMIT_WORDS]}, headers={"Retry-After": "1"}),
        Reply(429, body={"s": False, "d": [LIMIT_WORDS]}),
        Reply(429, body="Too Many Requests"),
        Reply(503, body={"s": False, "d": [LIMIT_WORDS]}),
        Reply(
            200, body={"s": False, "d": ["Request melebihi batas: maksimal 8 request per detik"]}
        ),
    ],
    ids=["200", "200-retry-after", "429", "429-plain", "503-with-the-words", "older-wording"],
)
def test_a_limit_reply_in_any_form_means_not_processed_and_a_save_is_sent_again(vt, limit):
    limiter = RateLimiter(clock=vt.monotonic)
    with (
        ScriptedServer(limit, OK) as server,
        transport(server.url, vt, limiter=limiter) as http,
    ):
        assert http.request("POST", "save.do", json_body={"a": 1}).body["s"] is True
    assert len(server.seen) == 2
    assert server.seen[0].body == server.seen[1].body == b'{"a":1}'
    assert vt.sleeps == [1.0]
    assert limiter.stats().window > DEFAULT_WINDOW  # the margin widened


def test_limit_replies_do_not_use_up_the_attempts_for_failures(vt):
    limit = Reply(200, body={"s": False, "d": [LIMIT_WORDS]})
    busy = Reply(503)
    script = [busy, limit] * (RetryPolicy().max_attempts - 1) + [OK]
    with ScriptedServer(*script) as server, transport(server.url, vt) as http:
        assert http.request("GET", "list.do").status == 200
    assert len(server.seen) == len(script)


def test_each_attempt_marks_once_when_its_headers_are_written(vt):
    seen_when_sent: list[int] = []

    class Watching(RateLimiter):
        def _sent(self, permit):
            seen_when_sent.append(len(server.seen))
            super()._sent(permit)

    limiter = Watching(clock=vt.monotonic)
    with (
        ScriptedServer(Reply(503), Reply(cut=True), OK) as server,
        transport(server.url, vt, limiter=limiter) as http,
    ):
        response = http.request("GET", "list.do")
    # Once per attempt, each after the attempts before it reached the server; an attempt's
    # own request may already be there (its start is noted once its bytes have left).
    assert len(seen_when_sent) == 3
    assert all(attempt <= seen <= attempt + 1 for attempt, seen in enumerate(seen_when_sent))
    assert response.sent_at is not None and response.sent_at <= vt.monotonic()
    assert limiter.stats().in_flight == 0


def test_a_very_long_retry_after_is_reported_not_waited_for(vt):
    limiter = RateLimiter(clock=vt.monotonic)
    with (
        ScriptedServer(Reply(429, headers={"Retry-After": "3600"})) as server,
        transport(server.url, vt, limiter=limiter) as http,
        pytest.raises(errors.RateLimited) as caught,
    ):
        http.request("GET", "x")
    assert vt.sleeps == [] and caught.value.retry_after == 3600
    # The other threads hold back too, but not for an hour: they hear it and report it.
    assert 0 < limiter.stats().paused_for <= RetryPolicy().max_retry_after


def test_cancelling_stops_before_sending(vt):
    cancel = threading.Event()
    cancel.set()
    with ScriptedServer(OK) as server, transport(server.url, vt) as http, pytest.raises(Cancelled):
        http.request("GET", "x", cancel=cancel)
    assert server.seen == []


# -- redirects ----------------------------------------------------------------------------


def test_308_keeps_method_body_and_token_and_moves_the_host_for_good(vt):
    moved: list[str] = []
    with ScriptedServer(OK) as new, ScriptedServer() as old:
        old.script = [Reply(308, headers={"Location": f"{new.url}/accurate/api/save.do"})]
        with transport(old.url, vt, on_host_moved=moved.append) as http:
            http.request("POST", "accurate/api/save.do", json_body={"number": "JV-9"})
            http.request("GET", "accurate/api/list.do")
            assert http.host == new.url
    assert moved == [new.url]
    assert len(old.seen) == 1  # the second call went straight to the new host
    first = new.seen[0]
    assert (first.method, first.path, first.body) == (
        "POST",
        "/accurate/api/save.do",
        b'{"number":"JV-9"}',
    )
    assert first.headers["Authorization"] == f"Bearer {TOKEN}"
    assert first.headers["X-Api-Signature"] == sign(first.headers["X-Api-Timestamp"], SECRET)
    assert new.seen[1].path == "/accurate/api/list.do"


def test_307_is_followed_but_the_host_stays(vt):
    moved: list[str] = []
    with ScriptedServer(OK) as other, ScriptedServer() as home:
        home.script = [Reply(307, headers={"Location": f"{other.url}/x?a=1"}), OK]
        with transport(home.url, vt, on_host_moved=moved.append) as http:
            assert http.request("GET", "x", params={"a": 1}).status == 200
            http.request("GET", "y")
    assert moved == [] and other.seen[0].path == "/x?a=1" and home.seen[1].path == "/y"


def test_a_redirect_loop_stops(vt):
    with ScriptedServer() as loop:
        loop.script = [Reply(308, headers={"Location": f"{loop.url}/x"})]
        with transport(loop.url, vt) as http, pytest.raises(errors.ServerError):
            http.request("GET", "x")
    assert len(loop.seen) == 4


# -- Accurate answers through the client ------------------------------------------------------


def accurate_over(url: str, vt: VirtualTime) -> AccurateClient:
    return AccurateClient(transport(url, vt), account_url=url)


def test_accurate_s_false_at_http_200_is_a_rejection_not_a_success(vt):
    refusal = Reply(200, body={"s": False, "d": ["Tanggal harus diisi"]})
    with (
        ScriptedServer(refusal) as server,
        accurate_over(server.url, vt) as client,
        pytest.raises(errors.Rejected) as caught,
    ):
        client.accounts()
    assert caught.value.messages == ["Tanggal harus diisi"]
    assert "Tanggal harus diisi" in caught.value.text.en


def test_accurate_403_with_xml_is_a_missing_permission(vt):
    xml = "<?xml version='1.0'?><error><scope>journal_voucher_save</scope></error>"
    with (
        ScriptedServer(Reply(403, body=xml)) as server,
        accurate_over(server.url, vt) as client,
        pytest.raises(errors.PermissionDenied) as caught,
    ):
        client.accounts()
    assert "hak akses" in caught.value.text.id and "administrator" in caught.value.text.en


def test_oauth_style_error_bodies_are_read_too(vt):
    body = {"error": "invalid_token", "error_description": "Invalid or Revoked API Token"}
    with (
        ScriptedServer(Reply(401, body=body)) as server,
        accurate_over(server.url, vt) as client,
        pytest.raises(errors.TokenRevoked),
    ):
        client.accounts()


def test_a_bulk_answer_that_cannot_be_matched_is_uncertain(vt):
    from datetime import date

    from app.core.books.journal import JournalEntry, JournalLine

    entries = [
        JournalEntry(date(2026, 8, 5), f"JV-{n}", lines=[JournalLine("1", Decimal(1))])
        for n in range(3)
    ]
    short = Reply(200, body={"s": True, "d": [{"s": True, "r": {"number": "JV-0"}}]})
    with (
        ScriptedServer(short) as server,
        accurate_over(server.url, vt) as client,
        pytest.raises(errors.UncertainOutcome),
    ):
        client.bulk_save(entries)


# -- bodies and secrecy -----------------------------------------------------------------------


def test_json_bodies_carry_decimals_exactly():
    payload = {"a": Decimal("1500000.10"), "b": [Decimal("0.1"), "0.1"], "c": "x"}
    assert json_bytes(payload) == b'{"a":1500000.10,"b":[0.1,"0.1"],"c":"x"}'


def test_origin_is_scheme_host_and_port():
    assert origin("https://zeus.accurate.id/accurate/api/x.do?a=1") == "https://zeus.accurate.id"
    assert origin("http://127.0.0.1:8080/x") == "http://127.0.0.1:8080"


def test_token_and_secret_stay_out_of_logs_reprs_and_errors(vt, caplog):
    caplog.set_level(logging.DEBUG)
    body = {"s": False, "d": ["Header X-API-Signature invalid"]}
    with (
        ScriptedServer(Reply(500), Reply(401, body=body)) as server,
        accurate_over(server.url, vt) as client,
    ):
        with pytest.raises(errors.SignatureError) as caught:
            client.accounts()
        shown = [
            repr(client),
            repr(client.transport),
            repr(client.transport._auth),
            str(caught.value),
            repr(caught.value),
            caught.value.text.both(),
            caplog.text,
        ]
    for text in shown:
        assert TOKEN not in text and SECRET not in text


def test_a_save_answered_by_something_that_is_not_accurate_is_uncertain(vt):
    from datetime import date

    from app.core.books.journal import JournalEntry, JournalLine

    voucher = JournalEntry(date(2026, 8, 5), "JV-7", lines=[JournalLine("1", Decimal(1))])
    portal = Reply(200, body="<html><body>Hotel Wi-Fi login</body></html>")
    with (
        ScriptedServer(portal) as server,
        accurate_over(server.url, vt) as client,
        pytest.raises(errors.UncertainOutcome) as caught,
    ):
        client.save_voucher(voucher)
    assert "JV-7" in caught.value.text.en
