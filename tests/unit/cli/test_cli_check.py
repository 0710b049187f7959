"""`jurnal-desk check` and `jurnal-desk accounts` end to end: a profile saved with its secrets in
a (memory) keyring, the sandbox in this process, real HTTP on 127.0.0.1."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta

import pytest

from app.cli import EXIT_OK, EXIT_USAGE
from app.profiles.store import ProfileStore
from app.sandbox import (
    ACCURATE_CHART,
    DEMO_ACCURATE_SECRET,
    DEMO_ACCURATE_TOKEN,
    DEMO_COMPANY,
    SEMPOA_CHART,
)
from tests.helpers.cli_helpers import ACCURATE, SEMPOA, run


@pytest.fixture
def store(profiles) -> ProfileStore:
    """Both demo companies saved as profiles (tests.helpers.cli_helpers), their secrets in a memory
    keyring."""
    return profiles


def test_check_shows_company_host_and_user_and_stores_them(sb, store, capsys):
    started = datetime.now(UTC)
    code, out, err = run(capsys, "check", "--profile", ACCURATE)
    assert (code, err) == (EXIT_OK, "")
    assert f"Perusahaan: {DEMO_COMPANY}" in out
    assert f"Host: {sb.accurate_host()}" in out
    assert f"Pengguna: Pengguna {DEMO_COMPANY}" in out
    saved = store.get(ACCURATE)
    assert saved.data_host == sb.accurate_host()
    assert saved.host_checked_at is not None and saved.host_checked_at >= started
    assert (saved.company_name, saved.user_name) == (DEMO_COMPANY, f"Pengguna {DEMO_COMPANY}")


def test_check_speaks_english_when_asked(sb, store, capsys):
    code, out, _ = run(capsys, "--lang", "en", "check", "--profile", ACCURATE)
    assert code == EXIT_OK
    assert f"Company: {DEMO_COMPANY}" in out and "User: " in out and "Licence until: " in out


def test_check_picks_up_a_company_that_moved(sb, store, capsys):
    run(capsys, "check", "--profile", ACCURATE)
    new = sb.move_host()
    code, out, _ = run(capsys, "check", "--profile", ACCURATE)
    assert code == EXIT_OK and f"Host: {new}" in out
    assert store.get(ACCURATE).data_host == new


def test_a_308_during_other_work_updates_the_stored_host(sb, store, capsys):
    run(capsys, "check", "--profile", ACCURATE)  # host stored and fresh: not re-read next time
    new = sb.move_host()
    code, _, err = run(capsys, "accounts", "--profile", ACCURATE)
    assert (code, err) == (EXIT_OK, "")
    assert store.get(ACCURATE).data_host == new
    assert sb.stats.redirects == 1


def test_a_host_older_than_30_days_is_read_again(sb, store, capsys):
    month_ago = datetime.now(UTC) - timedelta(days=31)
    store.save(
        dataclasses.replace(
            store.get(ACCURATE), data_host="http://127.0.0.1:9", host_checked_at=month_ago
        )
    )
    code, _, err = run(capsys, "accounts", "--profile", ACCURATE)
    assert (code, err) == (EXIT_OK, "")
    saved = store.get(ACCURATE)
    assert saved.data_host == sb.accurate_host() and saved.host_checked_at > month_ago


def test_check_accepts_a_good_sempoa_token(sb, store, capsys):
    code, out, err = run(capsys, "--lang", "en", "check", "--profile", SEMPOA)
    assert (code, err) == (EXIT_OK, "")
    assert "token accepted" in out and sb.sempoa_url in out


def test_accounts_lists_the_chart_with_parent_and_suspended_marks(store, capsys):
    code, out, _ = run(capsys, "--lang", "en", "accounts", "--profile", ACCURATE)
    assert code == EXIT_OK
    lines = {line.split()[0]: line for line in out.splitlines()[1:-1]}
    assert set(lines) == {account.no for account in ACCURATE_CHART}
    for account in ACCURATE_CHART:
        line = lines[account.no]
        assert account.name in line
        assert ("parent" in line) == account.is_parent
        assert ("suspended" in line) == account.suspended
    postable = sum(1 for account in ACCURATE_CHART if account.postable)
    assert out.splitlines()[-1] == (
        f"{len(ACCURATE_CHART)} accounts, {postable} usable on journal lines."
    )


def test_accounts_of_a_sempoa_company(store, capsys):
    code, out, _ = run(capsys, "accounts", "--profile", SEMPOA)
    assert code == EXIT_OK
    assert "10000  Aset" in out and "induk" in out
    assert out.splitlines()[-1].startswith(f"{len(SEMPOA_CHART)} akun")


def test_a_revoked_token_exits_2_with_advice_and_never_shows_the_token(sb, store, capsys):
    sb.revoke(DEMO_ACCURATE_TOKEN)
    code, out, err = run(capsys, "--lang", "en", "check", "--profile", ACCURATE)
    assert code == EXIT_USAGE and out == ""
    assert "revoked" in err and "new API Token" in err
    assert DEMO_ACCURATE_TOKEN not in err and DEMO_ACCURATE_SECRET not in err


def test_an_unknown_profile_exits_2(store, capsys):
    code, _, err = run(capsys, "check", "--profile", "PT Tidak Ada")
    assert code == EXIT_USAGE and "PT Tidak Ada" in err
