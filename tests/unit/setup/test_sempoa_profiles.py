"""Which journal line shape a Sempoa company sends: `transaksi` for new companies (profile,
wizard, `profile add`), the tutorial's arrays by choice, and saved profiles keep what they
were saved with, through real profiles.json files and posting over HTTP."""

from __future__ import annotations

import getpass
import json

import pytest

from app.api.ratelimit import LimiterRegistry
from app.cli import EXIT_OK, main
from app.profiles.secrets import SecretStore
from app.profiles.store import Profile, ProfileStore
from app.sandbox import DEMO_SEMPOA_TOKEN, Sandbox
from app.setup.connect import connect
from tests.helpers.memory_keyring import MemoryKeyring, installed
from tests.helpers.posting_helpers import SEMPOA_CREDIT, SEMPOA_DEBIT, entries


@pytest.fixture
def secrets():
    with installed(MemoryKeyring()):
        yield SecretStore()


def test_a_new_sempoa_profile_sends_transaksi():
    assert Profile("Toko Baru", "sempoa").sempoa_lines == "transaksi"


def test_saved_profiles_keep_the_shape_they_were_saved_with(jurnal_home, secrets):
    # As an earlier Jurnal Desk wrote them, plus one edited by hand without the key.
    (jurnal_home / "profiles.json").write_text(
        json.dumps(
            {
                "format": 1,
                "profiles": [
                    {"name": "Lama Arrays", "service": "sempoa", "sempoa_lines": "arrays"},
                    {"name": "Lama Transaksi", "service": "sempoa", "sempoa_lines": "transaksi"},
                    {"name": "Tanpa Kunci", "service": "sempoa"},
                ],
            }
        ),
        encoding="utf-8",
    )
    store = ProfileStore(jurnal_home, secrets)
    store.add(Profile("Toko Baru", "sempoa"))  # rewrites the whole file
    again = ProfileStore(jurnal_home, secrets)
    assert {p.name: p.sempoa_lines for p in again.list()} == {
        "Lama Arrays": "arrays",
        "Lama Transaksi": "transaksi",
        "Tanpa Kunci": "arrays",
        "Toko Baru": "transaksi",
    }
    written = json.loads((jurnal_home / "profiles.json").read_text(encoding="utf-8"))
    assert {p["name"]: p["sempoa_lines"] for p in written["profiles"]}["Tanpa Kunci"] == "arrays"


@pytest.mark.parametrize(
    ("options", "expected"),
    [([], "transaksi"), (["--sempoa-lines", "arrays"], "arrays")],
    ids=["default", "arrays-by-choice"],
)
def test_profile_add_defaults_to_transaksi(
    capsys, monkeypatch, jurnal_home, secrets, options, expected
):
    monkeypatch.setenv("JURNAL_DESK_TOKEN", "sempoa-token-123")
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": pytest.fail("asked: " + prompt))
    code = main(["profile", "add", "Toko", "--service", "sempoa", *options])
    assert code == EXIT_OK, capsys.readouterr()
    assert ProfileStore(jurnal_home, secrets).get("Toko").sempoa_lines == expected


@pytest.mark.parametrize("shape", ["arrays", "transaksi"])
def test_a_profile_posts_in_its_own_shape(secrets, shape):
    with Sandbox() as sb:
        profile = Profile("Toko", "sempoa", url=sb.sempoa_url, sandbox=True, sempoa_lines=shape)
        secrets.set_token("Toko", DEMO_SEMPOA_TOKEN)
        with connect(profile, secrets, LimiterRegistry()) as client:
            assert client.line_shape == shape
            batch = entries(3, prefix="PJ", accounts=(SEMPOA_DEBIT, SEMPOA_CREDIT))
            assert all(client.post_journal(entry).ok for entry in batch)
        stored = {j["referensi"]: j["transaksi"][0]["debit"] for j in sb.sempoa_journals()}
        assert stored == {"PJ-00001": "1000.25", "PJ-00002": "2000.25", "PJ-00003": "3000.25"}
