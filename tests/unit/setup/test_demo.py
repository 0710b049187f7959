"""Demo mode: two ready companies on the in-process sandbox, reached over real HTTP, with no
profile saved and nothing read from or written to the OS keyring."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from keyring.backends import fail

from app.api.accurate import AccurateClient
from app.api.errors import NetworkError
from app.api.ratelimit import LimiterRegistry
from app.api.sempoa import SempoaClient
from app.api.transport import RetryPolicy
from app.profiles.secrets import SecretMissing
from app.profiles.store import PROFILES_FILE
from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN, DEMO_COMPANY, DEMO_SEMPOA_TOKEN
from app.setup.connect import company_for, connect
from app.setup.demo import DEMO_ACCURATE_NAME, DEMO_SEMPOA_NAME, Demo, start_demo
from tests.helpers.memory_keyring import installed


@pytest.fixture
def demo(jurnal_home) -> Iterator[Demo]:
    # A keyring that fails every call: the demo must never need it.
    with installed(fail.Keyring()), start_demo(jurnal_home) as running:
        yield running


def test_demo_offers_an_accurate_and_a_sempoa_sandbox_company(demo):
    assert [p.name for p in demo.profiles] == [DEMO_ACCURATE_NAME, DEMO_SEMPOA_NAME]
    assert all(p.sandbox for p in demo.profiles)
    assert demo.accurate.service == "accurate"
    assert demo.accurate.url == demo.sandbox.account_url
    assert demo.sempoa.service == "sempoa"
    assert demo.sempoa.url == demo.sandbox.sempoa_url


def test_accurate_demo_company_answers_over_http_with_the_demo_credentials(demo):
    profile = demo.accurate
    with connect(profile, demo.secrets, LimiterRegistry()) as client:
        assert isinstance(client, AccurateClient)
        info = client.token_info()
        assert info.company_name == DEMO_COMPANY
        assert client.host == demo.sandbox.accurate_host()
        assert len(client.accounts()) > 0


def test_sempoa_demo_company_answers_over_http_with_the_demo_token(demo):
    with connect(demo.sempoa, demo.secrets, LimiterRegistry()) as client:
        assert isinstance(client, SempoaClient)
        client.check()  # raises when the token is refused
        assert len(client.accounts()) > 0


def test_the_accurate_host_is_remembered_in_memory_only(demo, jurnal_home):
    saver = demo.host_saver(DEMO_ACCURATE_NAME)
    with connect(demo.accurate, demo.secrets, LimiterRegistry(), store_host=saver):
        pass
    assert demo.accurate.data_host == demo.sandbox.accurate_host()
    assert demo.accurate.host_checked_at is not None
    assert not (jurnal_home / PROFILES_FILE).exists()


def test_demo_saves_no_profile_and_keeps_its_history_in_its_own_folder(demo, jurnal_home):
    assert not (jurnal_home / PROFILES_FILE).exists()
    assert demo.outbox_home == jurnal_home / "demo"
    assert demo.outbox_home.is_dir()


def test_an_old_demo_history_is_wiped_because_the_new_sandbox_starts_empty(jurnal_home):
    old = jurnal_home / "demo" / "outbox.sqlite3"
    old.parent.mkdir()
    old.write_text("vouchers of a sandbox that is gone")
    keep = jurnal_home / "outbox.sqlite3"
    keep.write_text("the user's real history")
    with start_demo(jurnal_home) as demo:
        assert not old.exists()
        assert list(demo.outbox_home.iterdir()) == []
    assert keep.read_text() == "the user's real history"


def test_demo_secrets_give_the_public_demo_credentials_and_hide_them_in_repr(demo):
    secrets = demo.secrets
    assert secrets.get_token(DEMO_ACCURATE_NAME) == DEMO_ACCURATE_TOKEN
    assert secrets.get_secret(DEMO_ACCURATE_NAME) == DEMO_ACCURATE_SECRET
    assert secrets.get_token(DEMO_SEMPOA_NAME) == DEMO_SEMPOA_TOKEN
    assert secrets.has_token(DEMO_SEMPOA_NAME)
    assert secrets.credentials(DEMO_SEMPOA_NAME, with_secret=False).secret is None
    for text in (repr(secrets), repr(demo), repr(secrets.credentials(DEMO_ACCURATE_NAME))):
        assert DEMO_ACCURATE_TOKEN not in text
        assert DEMO_ACCURATE_SECRET not in text
        assert DEMO_SEMPOA_TOKEN not in text


def test_demo_secrets_know_only_the_demo_companies(demo):
    with pytest.raises(SecretMissing):
        demo.secrets.get_token("PT Lain")
    with pytest.raises(SecretMissing):
        demo.secrets.get_secret(DEMO_SEMPOA_NAME)  # Sempoa has no Signature Secret


def test_stop_closes_the_sandbox_and_can_be_called_twice(jurnal_home):
    demo = start_demo(jurnal_home)
    with connect(demo.sempoa, demo.secrets, LimiterRegistry()) as client:
        client.check()
    demo.stop()
    demo.stop()
    assert not demo.running
    once = RetryPolicy(max_attempts=1)
    with (
        connect(demo.sempoa, demo.secrets, LimiterRegistry(), retry=once) as client,
        pytest.raises(NetworkError),
    ):
        client.check()
    with pytest.raises(NetworkError):
        connect(demo.accurate, demo.secrets, LimiterRegistry(), retry=once)


def test_a_multi_branch_demo_posts_under_its_profiles_default_branch(jurnal_home):
    from app.posting.service import opened_outbox, post_entries
    from tests.helpers.posting_helpers import entries

    with installed(fail.Keyring()), start_demo(jurnal_home, multi_branch=True) as demo:
        assert len(demo.sandbox.branches()) > 1
        assert demo.accurate.branch == demo.sandbox.branches()[0]
        limiters = LimiterRegistry()
        with (
            company_for(demo.accurate, demo.secrets, limiters) as company,
            opened_outbox(demo.outbox_home) as outbox,
        ):
            assert post_entries(outbox, company, entries(2)).complete
        assert {v["branchName"] for v in demo.sandbox.vouchers()} == {demo.accurate.branch}


def test_posting_what_is_already_on_the_books_sends_nothing_and_opens_no_batch(jurnal_home):
    from app.posting.outbox.ledger import EntryStatus
    from app.posting.service import opened_outbox, post_entries
    from tests.helpers.posting_helpers import entries

    with installed(fail.Keyring()), start_demo(jurnal_home) as demo:
        with (
            company_for(demo.accurate, demo.secrets, LimiterRegistry()) as company,
            opened_outbox(demo.outbox_home) as outbox,
        ):
            first = post_entries(outbox, company, entries(4))
            requests = len(demo.sandbox.request_log())
            again = post_entries(outbox, company, entries(4))
            assert len(demo.sandbox.request_log()) == requests  # not even a look-up
            assert [batch.id for batch in outbox.batches()] == [first.batch.id]
            assert again.batch.id == first.batch.id and again.complete
            assert again.count(EntryStatus.SKIPPED) == 4 and again.count(EntryStatus.POSTED) == 0
            changed = entries(5)  # one more entry: a batch is opened, the four are skipped
            third = post_entries(outbox, company, changed)
            assert len(outbox.batches()) == 2 and third.count(EntryStatus.POSTED) == 1
        assert len(demo.sandbox.vouchers()) == 5
