"""Branches (cabang) on the command line: `profile add --branch`, `profile set-branch`,
`profile list`, and `check` showing the company's branches (sandbox over real HTTP)."""

from __future__ import annotations

from collections.abc import Generator

import pytest

from app.cli import EXIT_OK, EXIT_USAGE
from app.core.i18n import set_language
from app.profiles.home import app_home
from app.profiles.secrets import SecretStore
from app.profiles.store import Profile, ProfileStore
from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN, Sandbox
from tests.helpers.cli_helpers import run
from tests.helpers.memory_keyring import MemoryKeyring, installed

ACCURATE = "PT Dua Cabang"
BRANCHES = ("Pusat", "Cabang Surabaya")


@pytest.fixture
def memory():
    with installed(MemoryKeyring()) as backend:
        yield backend
    set_language("id")


@pytest.fixture
def credentials_in_env(monkeypatch):
    monkeypatch.setenv("JURNAL_DESK_TOKEN", DEMO_ACCURATE_TOKEN)
    monkeypatch.setenv("JURNAL_DESK_SECRET", DEMO_ACCURATE_SECRET)


@pytest.fixture
def sb() -> Generator[Sandbox, None, None]:
    with Sandbox(demo_branches=BRANCHES) as sandbox:
        yield sandbox


def add(capsys, sb: Sandbox, *extra: str) -> tuple[int, str, str]:
    return run(
        capsys, "profile", "add", ACCURATE, "--service", "accurate", "--url", sb.account_url,
        *extra,
    )  # fmt: skip


def test_profile_add_keeps_the_default_branch_and_list_shows_it(
    sb, capsys, memory, credentials_in_env
):
    code, _out, err = add(capsys, sb, "--branch", " Cabang Surabaya ")
    assert (code, err) == (EXIT_OK, "")
    assert ProfileStore(app_home()).get(ACCURATE).branch == "Cabang Surabaya"
    code, out, _ = run(capsys, "profile", "list")
    assert "Cabang utama" in out.splitlines()[0]
    assert "Cabang Surabaya" in out.splitlines()[1]


def test_a_sempoa_profile_takes_no_branch(capsys, memory, credentials_in_env):
    code, _out, err = run(
        capsys, "profile", "add", "Toko", "--service", "sempoa", "--branch", "Pusat"
    )
    assert code == EXIT_USAGE and "Sempoa" in err
    assert not ProfileStore(app_home()).exists("Toko")


def test_set_branch_changes_and_clears_the_default(sb, capsys, memory, credentials_in_env):
    add(capsys, sb)
    code, out, _ = run(capsys, "profile", "set-branch", ACCURATE, "Pusat")
    assert code == EXIT_OK and "'Pusat'" in out
    assert ProfileStore(app_home()).get(ACCURATE).branch == "Pusat"
    code, out, _ = run(capsys, "profile", "set-branch", ACCURATE)
    assert code == EXIT_OK
    assert ProfileStore(app_home()).get(ACCURATE).branch is None


def test_check_lists_the_branches_and_warns_without_a_default(
    sb, capsys, memory, credentials_in_env
):
    add(capsys, sb)
    code, out, err = run(capsys, "--lang", "en", "check", "--profile", ACCURATE)
    assert (code, err) == (EXIT_OK, "")
    assert "Branches: Pusat, Cabang Surabaya" in out
    assert "Default branch: -" in out
    assert "Warning: this company has 2 branches and this profile has no default branch" in out
    assert f'profile set-branch "{ACCURATE}"' in out

    run(capsys, "profile", "set-branch", ACCURATE, "Cabang Surabaya")
    code, out, _ = run(capsys, "--lang", "en", "check", "--profile", ACCURATE)
    assert "Default branch: Cabang Surabaya" in out and "Warning" not in out


def test_check_warns_about_a_default_the_company_does_not_have(
    sb, capsys, memory, credentials_in_env
):
    add(capsys, sb, "--branch", "Cabang Bali")
    code, out, _ = run(capsys, "check", "--profile", ACCURATE)
    assert code == EXIT_OK
    assert "Peringatan: cabang utama 'Cabang Bali' tidak ada di perusahaan ini" in out


def test_check_of_a_single_branch_company_says_nothing_to_worry_about(capsys, memory):
    with Sandbox() as single:
        store = ProfileStore(app_home(), SecretStore())
        store.add(Profile(ACCURATE, "accurate", url=single.account_url, sandbox=True))
        store.secrets.set_token(ACCURATE, DEMO_ACCURATE_TOKEN)
        store.secrets.set_secret(ACCURATE, DEMO_ACCURATE_SECRET)
        code, out, _ = run(capsys, "--lang", "en", "check", "--profile", ACCURATE)
    assert code == EXIT_OK
    assert "Branches: Pusat" in out and "Warning" not in out


def test_check_says_when_the_token_may_not_list_branches(sb, capsys, memory, credentials_in_env):
    add(capsys, sb)
    sb.withdraw_scope("branch/list.do")
    code, out, _ = run(capsys, "--lang", "en", "check", "--profile", ACCURATE)
    assert code == EXIT_OK
    assert "Branches: cannot be read (this token may not list branches)" in out
