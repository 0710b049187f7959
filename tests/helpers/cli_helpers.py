"""Shared pieces for command-line tests: a sandbox, saved demo profiles with their secrets in
a memory keyring, a runner that captures output, and journal workbook rows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest

from app.cli import main
from app.core.i18n import set_language
from app.profiles.home import app_home
from app.profiles.secrets import SecretStore
from app.profiles.store import Profile, ProfileStore
from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN, DEMO_SEMPOA_TOKEN
from tests.helpers.memory_keyring import MemoryKeyring, installed
from tests.helpers.posting_helpers import ACCURATE_CREDIT, ACCURATE_DEBIT

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


@contextmanager
def demo_profiles(*profiles: Profile) -> Iterator[ProfileStore]:
    """`profiles` saved in the app's home with the sandbox's demo secrets (each service's own)
    in a memory keyring; the process language is Indonesian again afterwards (main() sets it
    from --lang)."""
    with installed(MemoryKeyring()):
        secrets = SecretStore()
        store = ProfileStore(app_home(), secrets)
        for profile in profiles:
            store.add(profile)
            if profile.service == "accurate":
                secrets.set_token(profile.name, DEMO_ACCURATE_TOKEN)
                secrets.set_secret(profile.name, DEMO_ACCURATE_SECRET)
            else:
                secrets.set_token(profile.name, DEMO_SEMPOA_TOKEN)
        yield store
    set_language("id")


@pytest.fixture
def profiles(sb, jurnal_home):
    with demo_profiles(
        Profile(ACCURATE, "accurate", url=sb.account_url, sandbox=True),
        Profile(SEMPOA, "sempoa", url=sb.sempoa_url, sandbox=True),
    ) as store:
        yield store


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err
