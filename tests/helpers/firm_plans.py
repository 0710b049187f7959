"""Firm run plans for tests: companies, workbooks, a plan file."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.i18n import set_language
from app.profiles.home import app_home
from app.profiles.keyring_choice import file_keyring
from app.profiles.secrets import SecretStore
from app.profiles.store import Profile, ProfileStore
from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN, MULTI_BRANCHES, Sandbox
from tests.helpers.cli_helpers import journal_rows
from tests.helpers.file_keyring import FileKeyring
from tests.helpers.memory_keyring import installed
from tests.helpers.paths import ROOT
from tests.helpers.posting_helpers import SEMPOA_CREDIT, SEMPOA_DEBIT
from tests.helpers.workbooks import write_workbook

BRANCHED, SEMPOA, REVOKED, BROKEN = "PT Tiga Cabang", "CV Sempoa Jaya", "PT Dicabut", "PT Salah"


PLAN_HEADER = ["Perusahaan", "Workbook", "Sheet", "Cara kirim", "Cabang", "Dari", "Sampai"]


SAVE_PATHS = ("journal-voucher/save.do", "journal-voucher/bulk-save.do", "/jurnal")


class Firm:
    """The sandbox's companies, their tokens and saved profiles."""

    def __init__(self, sb: Sandbox, store: ProfileStore) -> None:
        self.sb = sb
        self.branched_token, branched_secret = sb.add_accurate_company(BRANCHED, MULTI_BRANCHES)
        self.revoked_token, revoked_secret = sb.add_accurate_company(REVOKED)
        self.sempoa_token = sb.add_sempoa_company(SEMPOA)
        secrets = store.secrets
        for name, token, secret in (
            (BRANCHED, self.branched_token, branched_secret),
            (REVOKED, self.revoked_token, revoked_secret),
            (BROKEN, DEMO_ACCURATE_TOKEN, DEMO_ACCURATE_SECRET),
        ):
            store.add(Profile(name, "accurate", url=sb.account_url, sandbox=True))
            secrets.set_token(name, token)
            secrets.set_secret(name, secret)
        store.add(Profile(SEMPOA, "sempoa", url=sb.sempoa_url, sandbox=True))
        secrets.set_token(SEMPOA, self.sempoa_token)
        sb.revoke(self.revoked_token)

    def saves(self, since: int = 0) -> list:
        return [r for r in self.sb.request_log()[since:] if r.path.endswith(SAVE_PATHS)]


@pytest.fixture
def firm(jurnal_home, monkeypatch) -> Iterator[Firm]:
    """The companies, their secrets in a keyring file that `post-many` child processes (the
    window's Many companies page starts one) read too."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "tests.helpers.file_keyring.FileKeyring")
    monkeypatch.setenv("JURNAL_DESK_TEST_KEYRING", str(jurnal_home / "keyring.json"))
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    with Sandbox(enforce_rate_limit=False) as sb, installed(FileKeyring()):
        yield Firm(sb, ProfileStore(app_home(), SecretStore()))
    set_language("id")


def write_plan(path: Path, rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows([PLAN_HEADER, *rows])
    return path


def firm_workbooks(tmp_path: Path) -> dict[str, Path]:
    broken = journal_rows(3, prefix="SL")
    broken[5][3] = "9-99999"  # the second entry's debit line: not in the chart
    return {
        BRANCHED: write_workbook(tmp_path / "cabang.xlsx", journal_rows(5, prefix="CB")),
        SEMPOA: write_workbook(
            tmp_path / "sempoa.xlsx", journal_rows(4, SEMPOA_DEBIT, SEMPOA_CREDIT, prefix="SP")
        ),
        REVOKED: write_workbook(tmp_path / "dicabut.xlsx", journal_rows(2, prefix="DC")),
        BROKEN: write_workbook(tmp_path / "salah.xlsx", broken),
    }


FILE_PASSWORD = "LEAK-CANARY-firm-file-password-5d1"


@pytest.fixture
def filed_firm(jurnal_home, monkeypatch) -> Iterator[Firm]:
    """The companies, their secrets in Jurnal Desk's encrypted secrets file in the home (a
    machine with no password store: the system keyring always fails), unlocked in this process
    as the window unlocks it; a `post-many` child process finds the file locked."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("JURNAL_DESK_LOG_LEVEL", "DEBUG")  # the child's log says all it can
    secrets = SecretStore(home=jurnal_home, terminal=False)
    secrets.use_file(FILE_PASSWORD)
    with Sandbox(enforce_rate_limit=False) as sb:
        yield Firm(sb, ProfileStore(jurnal_home, secrets))
    file_keyring(jurnal_home).lock()
    set_language("id")
