"""Servers that misbehave on purpose, over real HTTP on loopback addresses: one that drips its
response headers a byte a second, one that stays silent, one that redirects to another
loopback address, and an account server naming a stranger as the company's host. The
client's own clock ends each exchange, Stop works at any moment, and the token goes nowhere
the service does not own."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest

from app.api import deadlines, errors, exchange_clock
from app.api.accurate import AccurateClient
from app.api.auth import BearerAuth
from app.api.ratelimit import Cancelled, LimiterRegistry, RateLimiter
from app.api.retrying import RetryPolicy
from app.cli import EXIT_OK, EXIT_PROBLEMS, main
from app.profiles.secrets import SecretStore
from app.profiles.store import Profile, ProfileStore
from app.setup.connect import connect, host_saver
from tests.helpers.cli_helpers import ACCURATE, demo_profiles, journal_rows
from tests.helpers.http_helpers import SECRET, TOKEN, Reply, ScriptedServer, transport
from tests.helpers.memory_keyring import MemoryKeyring, installed
from tests.helpers.misbehaving_server import DRIP, FORWARD, REDIRECT, SILENT, MisbehavingServer
from tests.helpers.posting_helpers import entries
from tests.helpers.workbooks import write_workbook

# Far longer than any deadline below: a call still running this long was never ended.
NEVER = 30.0


def ended(call: Callable[[], Any], within: float = NEVER) -> BaseException | Any:
    """What `call` raised (or returned), run on another thread; fails the test when it is
    still running after `within` seconds (the server held it)."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as error:
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(within)
    assert not thread.is_alive(), f"the server held the request for over {within:.0f} s"
    return outcome[0]


# -- one clock for the whole exchange -------------------------------------------------------


def test_headers_dripped_a_byte_a_second_end_at_the_deadline(vt):
    with MisbehavingServer(DRIP) as server, transport(server.url, vt) as http:
        failed = ended(lambda: http.request("GET", "accurate/api/glaccount/list.do", deadline=2))
        assert server.closed_by_client.wait(5)  # the connection was given up, not left open
    assert isinstance(failed, errors.NetworkError)
    assert "ran out of time" in failed.text.en
    assert len(server.requests) == 1


def test_a_save_whose_answer_headers_drip_is_uncertain_and_not_sent_again(vt):
    with MisbehavingServer(DRIP) as server, transport(server.url, vt) as http:
        failed = ended(
            lambda: http.request(
                "POST", "accurate/api/journal-voucher/save.do", json_body={}, deadline=2
            )
        )
    assert isinstance(failed, errors.UncertainOutcome)
    assert len(server.requests) == 1


def test_a_silent_server_is_given_up_at_the_deadline(vt):
    with MisbehavingServer(SILENT) as server, transport(server.url, vt) as http:
        failed = ended(lambda: http.request("GET", "accurate/api/branch/list.do", deadline=2))
    assert isinstance(failed, errors.NetworkError)


def test_stop_ends_a_dripping_exchange_long_before_its_deadline(vt):
    cancel = threading.Event()
    with MisbehavingServer(DRIP) as server, transport(server.url, vt) as http:
        threading.Timer(0.5, cancel.set).start()
        failed = ended(
            lambda: http.request("GET", "accurate/api/glaccount/list.do", cancel=cancel),
            within=10,  # the deadline is 150 s: only Stop can end it this soon
        )
    assert isinstance(failed, Cancelled)


def test_stop_gives_a_save_already_sent_a_moment_to_answer_then_calls_it_uncertain(vt, monkeypatch):
    # The silent server never answers: the grace's 10 s would only be waited out whole.
    monkeypatch.setattr(exchange_clock, "SENT_SAVE_GRACE", 1.0)
    cancel = threading.Event()
    with MisbehavingServer(SILENT) as server, transport(server.url, vt) as http:
        threading.Timer(0.5, cancel.set).start()
        failed = ended(
            lambda: http.request(
                "POST", "accurate/api/journal-voucher/save.do", json_body={}, cancel=cancel
            )
        )
    assert isinstance(failed, errors.UncertainOutcome)
    assert "stopped before the answer came" in failed.text.en


# -- a redirect to another loopback address ----------------------------------------------------


@pytest.fixture
def company_store(jurnal_home) -> Iterator[ProfileStore]:
    with installed(MemoryKeyring()):
        secrets = SecretStore()
        yield ProfileStore(jurnal_home, secrets)


def saved_profile(store: ProfileStore, account_url: str, data_host: str | None) -> Profile:
    checked = datetime.now(UTC) if data_host else None
    profile = Profile(
        "PT Loopback", "accurate", url=account_url, data_host=data_host, host_checked_at=checked
    )
    store.add(profile)
    store.secrets.set_token(profile.name, TOKEN)
    store.secrets.set_secret(profile.name, SECRET)
    return store.get(profile.name)


def test_a_redirect_to_another_loopback_address_is_refused_and_the_host_kept(company_store):
    with MisbehavingServer(SILENT, address="127.0.0.2") as elsewhere:
        with MisbehavingServer(REDIRECT, location=elsewhere.url) as company_host:
            profile = saved_profile(company_store, company_host.url, company_host.url)
            saver = host_saver(company_store, profile.name)
            client = connect(profile, company_store.secrets, LimiterRegistry(), store_host=saver)
            with client, pytest.raises(errors.InsecureUrl) as refused:
                client.accounts()
            assert len(company_host.requests) == 1
        assert not elsewhere.anything_received  # neither the token nor anything else
    assert "127.0.0.2" in refused.value.text.en
    assert company_store.get(profile.name).data_host == company_host.url


# -- the data host api-token.do names ----------------------------------------------------------


def token_answer(host: str) -> Reply:
    return Reply(body={"s": True, "d": {"data usaha": {"id": 1, "alias": "PT X", "host": host}}})


def accurate_client(account_url: str) -> AccurateClient:
    return AccurateClient.create(
        token=TOKEN,
        secret=SECRET,
        limiter=RateLimiter(),
        account_url=account_url,
        retry=RetryPolicy(sleep=lambda _s: None),
    )


@pytest.mark.parametrize(
    "named",
    [
        "https://evil.example",
        "https://accurate.id.evil.example",
        "https://evilaccurate.id",
        "http://zeus.accurate.id",
        "https://user@zeus.accurate.id",
    ],
)
def test_a_data_host_outside_the_service_is_refused_and_nothing_stored(company_store, named):
    with ScriptedServer(token_answer(named)) as account:
        profile = saved_profile(company_store, account.url, None)
        saver = host_saver(company_store, profile.name)
        with pytest.raises(errors.InsecureUrl) as refused:
            connect(profile, company_store.secrets, LimiterRegistry(), store_host=saver)
        assert len(account.seen) == 1
    assert named.split("//")[1] in refused.value.text.en
    assert "token was not sent there" in refused.value.text.en
    assert company_store.get(profile.name).data_host is None


def test_a_sandbox_may_name_only_its_own_loopback_address():
    with MisbehavingServer(SILENT, address="127.0.0.2") as other:
        with (
            ScriptedServer(token_answer(other.url)) as account,
            accurate_client(account.url) as client,
            pytest.raises(errors.InsecureUrl),
        ):
            client.token_info()
        own_port = account.url.replace(account.url.rsplit(":", 1)[1], "8123")
        with (
            ScriptedServer(token_answer(own_port)) as account,
            accurate_client(account.url) as client,
        ):
            assert client.token_info().host == own_port
        assert not other.anything_received


def test_a_host_inside_accurate_id_is_accepted():
    with (
        ScriptedServer(token_answer("https://iris.accurate.id")) as account,
        accurate_client(account.url) as client,
    ):
        assert client.token_info().host == "https://iris.accurate.id"


# -- a whole posting run against a proxy that goes silent on saves ------------------------------


@pytest.mark.slow
def test_a_post_whose_saves_go_unanswered_ends_and_frees_the_company(
    sb, tmp_path, capsys, monkeypatch
):
    monkeypatch.setattr(deadlines, "REQUEST_DEADLINE", 2.0)
    # Every save of the first run goes unanswered and waits out its whole deadline, again for
    # each attempt the run makes: a short one ends the run sooner and proves the same.
    monkeypatch.setattr(deadlines, "BULK_DEADLINE", 0.5)
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(3))
    saves = {"answered": False}

    def behaviour(target: str) -> str:
        return FORWARD if saves["answered"] or "save.do" not in target else SILENT

    with MisbehavingServer(behaviour, upstream=sb.accurate_host()) as proxy:
        company = Profile(
            ACCURATE,
            "accurate",
            url=sb.account_url,
            sandbox=True,
            data_host=proxy.url,
            host_checked_at=datetime.now(UTC),
        )
        with demo_profiles(company):
            argv = ("--lang", "en", "post", str(book), "--profile", ACCURATE)
            code = ended(lambda: main(list(argv)), within=60)
            out, err = capsys.readouterr()
            assert code == EXIT_PROBLEMS, out + err
            assert "uncertain" in (out + err).lower()
            assert sb.vouchers() == []

            saves["answered"] = True  # the company is free again: a second run is not "busy"
            monkeypatch.setattr(deadlines, "BULK_DEADLINE", 3.0)  # answered saves: time enough
            code = ended(lambda: main(list(argv)), within=60)
            out, err = capsys.readouterr()
    assert code == EXIT_OK, out + err
    assert sorted(v["number"] for v in sb.vouchers()) == ["JU/001", "JU/002", "JU/003"]


def test_check_against_an_account_server_dripping_its_headers_ends_with_a_clear_message(
    capsys, monkeypatch
):
    monkeypatch.setattr(deadlines, "REQUEST_DEADLINE", 2.0)
    argv = ["--lang", "en", "check", "--profile", ACCURATE]
    with (
        MisbehavingServer(DRIP) as account,
        demo_profiles(Profile(ACCURATE, "accurate", url=account.url, sandbox=True)),
    ):
        code = ended(lambda: main(argv))
    out, err = capsys.readouterr()
    assert code not in (EXIT_OK, None)
    assert "ran out of time" in out + err


def test_a_saved_token_with_a_line_break_is_reported_as_such_not_as_the_network(vt):
    saved = BearerAuth(TOKEN + "\r\nX-Injected: 1")  # saved before tokens were checked
    with ScriptedServer() as server, transport(server.url, vt, auth=saved) as http:
        with pytest.raises(errors.AuthError) as refused:
            http.request("GET", "accurate/api/glaccount/list.do")
        assert server.seen == []
    assert "line break" in refused.value.text.en and "internet" not in refused.value.text.en


def test_a_data_host_stored_outside_the_service_is_never_used_and_is_read_again(company_store):
    with MisbehavingServer(SILENT, address="127.0.0.2") as stranger:
        with ScriptedServer(token_answer("")) as account:
            own_host = account.url.rsplit(":", 1)[0] + ":8124"
            account.script = [token_answer(own_host)]
            profile = saved_profile(company_store, account.url, stranger.url)
            saver = host_saver(company_store, profile.name)
            with connect(profile, company_store.secrets, LimiterRegistry(), store_host=saver):
                pass
            assert len(account.seen) == 1  # api-token.do asked afresh
        assert not stranger.anything_received
    assert company_store.get(profile.name).data_host == own_host


def test_a_silent_bulk_save_of_three_vouchers_waits_their_deadline_not_a_hundreds(monkeypatch):
    monkeypatch.setattr(deadlines, "REQUEST_DEADLINE", 1.0)
    monkeypatch.setattr(deadlines, "BULK_SECONDS_PER_VOUCHER", 0.2)  # 100 vouchers: 21 s
    with MisbehavingServer(SILENT) as server:
        client = accurate_client(server.url)
        client.use_host(server.url)
        with client:
            failed = ended(lambda: client.bulk_save(entries(3)), within=15)
    assert isinstance(failed, errors.UncertainOutcome)
    assert len(server.requests) == 1
