"""Shared pieces for command-line tests: a sandbox, saved demo profiles with their secrets in
a memory keyring, a runner that captures output, and journal workbook rows."""

from __future__ import annotations

from datetime import date

import pytest
from memory_keyring import MemoryKeyring, installed

from app.cli import main
from app.core.i18n import set_language
from app.profiles.home import app_home
from app.profiles.secrets import SecretStore
from app.profiles.store import Profile, ProfileStore
from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN, DEMO_SEMPOA_TOKEN
from tests.posting_helpers import ACCURATE_CREDIT, ACCURATE_DEBIT

ACCURATE, SEMPOA = "PT Demo Accurate", "PT Demo Sempoa"
HEADER = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit", "Keterangan"]


def journal_rows(count: int, debit=ACCURATE_DEBIT, credit=ACCURATE_CREDIT, prefix="JU"):
    """A title row, a blank row, the header, then `count` two-line entries."""
    rows: list[list] = [["Jurnal Umum Agustus 2026"], [], HEADER]
    for number in range(1, count + 1):
        amount = f"{number}.500.000,50"  # Indonesian-style text amounts
        reference = f"{prefix}/{number:03}"
        rows.append(
            [
                date(2026, 8, number % 28 + 1),
                reference,
                f"Penjualan {number}",
                debit,
                amount,
                None,
                "kas",
            ]
        )
        rows.append([None, None, None, credit, None, amount, "pendapatan"])
    return rows


@pytest.fixture
def profiles(sb, jurnal_home):
    with installed(MemoryKeyring()):
        secrets = SecretStore()
        store = ProfileStore(app_home(), secrets)
        store.add(Profile(ACCURATE, "accurate", url=sb.account_url, sandbox=True))
        secrets.set_token(ACCURATE, DEMO_ACCURATE_TOKEN)
        secrets.set_secret(ACCURATE, DEMO_ACCURATE_SECRET)
        store.add(Profile(SEMPOA, "sempoa", url=sb.sempoa_url, sandbox=True))
        secrets.set_token(SEMPOA, DEMO_SEMPOA_TOKEN)
        yield store
    set_language("id")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
