"""Company profiles in profiles.json: defaults, validation, storage, damaged files."""

from __future__ import annotations

import dataclasses
import json
import os
import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from keyring.backends import fail

from app.profiles.home import app_home, default_home
from app.profiles.secrets import KeyringUnavailable, SecretStore
from app.profiles.store import (
    PROFILES_FILE,
    DuplicateProfile,
    Profile,
    ProfileInvalid,
    ProfileNotFound,
    ProfilesFileError,
    ProfileStore,
)
from tests.helpers.memory_keyring import MemoryKeyring, installed

WIB = timezone(timedelta(hours=7))
NOW = datetime(2024, 5, 31, 12, 0, tzinfo=UTC)


@pytest.fixture
def memory():
    with installed(MemoryKeyring()) as backend:
        yield backend


@pytest.fixture
def store(jurnal_home, memory):
    return ProfileStore(jurnal_home)


def accurate(name: str = "PT Maju", **changes) -> Profile:
    return Profile(name=name, service="accurate", **changes)


# --- the home folder ----------------------------------------------------------------------


def test_home_is_jurnal_desk_home_created_on_demand(monkeypatch, tmp_path):
    wanted = tmp_path / "portable" / "data"
    monkeypatch.setenv("JURNAL_DESK_HOME", str(wanted))
    assert app_home(create=False) == wanted
    assert not wanted.exists()
    assert app_home() == wanted
    assert wanted.is_dir()


def test_home_without_the_variable_is_the_user_data_folder(monkeypatch):
    monkeypatch.delenv("JURNAL_DESK_HOME")
    assert app_home(create=False) == default_home()
    assert default_home().name == "jurnal-desk"


# --- the profile value --------------------------------------------------------------------


def test_defaults_per_service():
    acc = accurate()
    sempoa = Profile(name="Toko Sempoa", service="sempoa")
    assert acc.url == "https://account.accurate.id"
    assert sempoa.url == "https://sempoa.id/api/integration"
    for profile in (acc, sempoa):
        assert profile.language == "ID"
        assert profile.sempoa_lines == "transaksi"
        assert profile.bulk_posting is True
        assert profile.sandbox is False
        assert profile.data_host is None and profile.host_checked_at is None


def test_values_are_tidied():
    profile = Profile(
        name="  PT Maju  ",
        service="Accurate",
        url="https://account.accurate.id/ ",
        language="us",
        data_host="https://zeus.accurate.id/",
        host_checked_at=datetime(2024, 5, 1, 9, 0, tzinfo=WIB),
    )
    assert profile.name == "PT Maju"
    assert profile.service == "accurate"
    assert profile.url == "https://account.accurate.id"
    assert profile.language == "US"
    assert profile.data_host == "https://zeus.accurate.id"
    assert profile.host_checked_at == datetime(2024, 5, 1, 2, 0, tzinfo=UTC)
    assert profile.host_checked_at.tzinfo == UTC


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"service": "jurnal"}, "accurate, sempoa"),
        ({"language": "FR"}, "ID, US, CN"),
        ({"sempoa_lines": "rows"}, "arrays, transaksi"),
        ({"url": "account.accurate.id"}, "https://"),
        ({"url": "https://"}, "https://"),
        ({"name": "   "}, "PT Maju Jaya"),
        ({"name": "PT\nMaju"}, "control"),
    ],
)
def test_unusable_values_are_refused_with_a_bilingual_message(changes, words):
    values = {"name": "PT Maju", "service": "accurate", **changes}
    with pytest.raises(ProfileInvalid) as caught:
        Profile(**values)
    assert words in caught.value.text.en
    assert caught.value.text.id != caught.value.text.en


def test_host_is_stale_after_30_days_or_when_never_checked():
    never = accurate()
    fresh = accurate(data_host="https://zeus.accurate.id", host_checked_at=NOW - timedelta(days=29))
    old = dataclasses.replace(fresh, host_checked_at=NOW - timedelta(days=30))
    assert never.host_is_stale(NOW)
    assert not fresh.host_is_stale(NOW)
    assert old.host_is_stale(NOW)
    assert fresh.host_is_stale(NOW, max_age=timedelta(days=7))
    assert not Profile(name="Toko", service="sempoa").host_is_stale(NOW)
    with pytest.raises(ValueError, match="timezone-aware"):
        fresh.host_is_stale(datetime(2024, 5, 31, 12, 0))


def test_json_round_trip_keeps_every_setting_and_unknown_keys():
    profile = accurate(
        url="https://account.accurate.id",
        data_host="https://zeus.accurate.id",
        host_checked_at=datetime(2024, 5, 1, 9, 0, tzinfo=UTC),
        language="CN",
        company_name="PT Maju Jaya Abadi",
        user_name="Siti Rahma",
        sandbox=True,
        bulk_posting=False,
        branch="Cabang Surabaya",
    )
    data = json.loads(json.dumps(profile.to_json()))
    assert data["host_checked_at"] == "2024-05-01T09:00:00+00:00"
    assert data["branch"] == "Cabang Surabaya"
    assert Profile.from_json(data) == profile

    newer = {**data, "cost_centre": "Jakarta", "future": {"x": 1}}
    again = Profile.from_json(newer)
    assert again == profile
    assert again.to_json()["cost_centre"] == "Jakarta"
    assert again.to_json()["future"] == {"x": 1}


def test_a_profile_written_before_branches_existed_loads_without_a_default_branch(jurnal_home):
    (jurnal_home / PROFILES_FILE).write_text(
        json.dumps({"format": 1, "profiles": [{"name": "PT Lama", "service": "accurate"}]}),
        encoding="utf-8",
    )
    store = ProfileStore(jurnal_home, SecretStore(MemoryKeyring()))
    old = store.get("PT Lama")
    assert old.branch is None
    store.save(dataclasses.replace(old, branch="  Pusat  "))
    saved = json.loads((jurnal_home / PROFILES_FILE).read_text(encoding="utf-8"))
    assert saved["profiles"][0]["branch"] == "Pusat"
    assert store.get("PT Lama").branch == "Pusat"
    assert dataclasses.replace(old, branch="   ").branch is None  # blank means no default
    with pytest.raises(ProfileInvalid, match="branch"):
        Profile.from_json({"name": "T", "service": "accurate", "branch": 7})


def test_from_json_fills_defaults_and_reports_bad_values():
    assert Profile.from_json({"name": "Toko", "service": "sempoa"}).sempoa_lines == "arrays"
    with pytest.raises(ProfileInvalid, match="service"):
        Profile.from_json({"name": "Toko"})
    with pytest.raises(ProfileInvalid, match="sandbox"):
        Profile.from_json({"name": "Toko", "service": "sempoa", "sandbox": "yes"})
    with pytest.raises(ProfileInvalid, match="ISO 8601"):
        Profile.from_json({"name": "T", "service": "accurate", "host_checked_at": "kemarin"})


# --- the store ----------------------------------------------------------------------------


def test_no_file_means_no_profiles_and_nothing_is_created(store, jurnal_home):
    assert store.list() == []
    assert list(jurnal_home.iterdir()) == []


def test_added_profiles_come_back_sorted_and_survive_a_new_store(store, jurnal_home):
    store.add(accurate("PT Zebra"))
    store.add(Profile(name="cv anggrek", service="sempoa", sempoa_lines="transaksi"))
    store.add(accurate("PT Maju", language="US"))

    again = ProfileStore(jurnal_home)
    assert [profile.name for profile in again.list()] == ["cv anggrek", "PT Maju", "PT Zebra"]
    assert again.get("PT Maju").language == "US"
    assert again.get("pt maju").name == "PT Maju"  # typed in another case
    assert again.get("cv anggrek").sempoa_lines == "transaksi"
    saved = json.loads((jurnal_home / "profiles.json").read_text(encoding="utf-8"))
    assert saved["format"] == 1
    assert len(saved["profiles"]) == 3


def test_add_refuses_a_duplicate_name_even_in_another_case(store, jurnal_home):
    store.add(accurate("PT Maju"))
    before = (jurnal_home / "profiles.json").read_bytes()
    with pytest.raises(DuplicateProfile) as caught:
        store.add(Profile(name="pt MAJU", service="sempoa"))
    assert "pt MAJU" in caught.value.text.en and "already exists" in caught.value.text.en
    assert "sudah ada" in caught.value.text.id
    assert (jurnal_home / "profiles.json").read_bytes() == before


def test_get_unknown_names_the_existing_profiles(store):
    store.add(accurate("PT Maju"))
    store.add(Profile(name="Toko Sempoa", service="sempoa"))
    with pytest.raises(ProfileNotFound) as caught:
        store.get("PT Mundur")
    assert caught.value.text.id == (
        "Profil 'PT Mundur' tidak ada. Profil yang ada: PT Maju, Toko Sempoa."
    )
    assert caught.value.text.en == (
        "There is no profile 'PT Mundur'. Existing profiles: PT Maju, Toko Sempoa."
    )


def test_get_with_no_profiles_says_how_to_add_one(store):
    with pytest.raises(ProfileNotFound, match="jurnal-desk profile add"):
        store.get("PT Maju")


def test_save_replaces_or_adds(store):
    store.save(accurate("PT Maju"))
    store.save(accurate("PT Maju", company_name="PT Maju Jaya Abadi", user_name="Siti"))
    store.save(Profile(name="Toko", service="sempoa"))
    assert [profile.name for profile in store.list()] == ["PT Maju", "Toko"]
    assert store.get("PT Maju").company_name == "PT Maju Jaya Abadi"


def test_update_host_records_host_and_time(store, jurnal_home):
    store.add(accurate("PT Maju"))
    checked = datetime(2024, 5, 31, 19, 0, tzinfo=WIB)
    updated = store.update_host("PT Maju", "https://iris.accurate.id", checked)
    assert updated.data_host == "https://iris.accurate.id"
    again = ProfileStore(jurnal_home).get("PT Maju")
    assert again == updated
    assert again.host_checked_at == datetime(2024, 5, 31, 12, 0, tzinfo=UTC)
    assert not again.host_is_stale(NOW)
    with pytest.raises(ProfileNotFound):
        store.update_host("PT Lain", "https://iris.accurate.id", checked)


def test_remove_deletes_the_profile_and_its_secrets(store, memory):
    secrets = SecretStore()
    for name in ("PT Maju", "PT Lain"):
        store.add(accurate(name))
        secrets.set_token(name, f"token-{name}")
        secrets.set_secret(name, f"secret-{name}")

    removed = store.remove("pt maju")

    assert removed.name == "PT Maju"
    assert [profile.name for profile in store.list()] == ["PT Lain"]
    assert {username for _, username in memory.passwords} == {"PT Lain:token", "PT Lain:secret"}
    with pytest.raises(ProfileNotFound):
        store.remove("PT Maju")


def test_remove_keeps_the_profile_when_the_keyring_is_unavailable(jurnal_home, memory):
    ProfileStore(jurnal_home).add(accurate("PT Maju"))
    with installed(fail.Keyring()), pytest.raises(KeyringUnavailable):
        ProfileStore(jurnal_home).remove("PT Maju")
    assert [profile.name for profile in ProfileStore(jurnal_home).list()] == ["PT Maju"]


def test_keys_from_a_newer_version_survive_a_save(store, jurnal_home):
    path = jurnal_home / "profiles.json"
    document = {
        "format": 1,
        "window": {"width": 1200},
        "profiles": [{"name": "PT Maju", "service": "accurate", "branch": "Jakarta"}],
    }
    path.write_text(json.dumps(document), encoding="utf-8")

    store.update_host("PT Maju", "https://zeus.accurate.id", NOW)

    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["window"] == {"width": 1200}
    assert saved["profiles"][0]["branch"] == "Jakarta"
    assert saved["profiles"][0]["data_host"] == "https://zeus.accurate.id"


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        (b'{"profiles": [{"name": "PT Maju",', "line 1"),
        (b"[1, 2]", "no 'profiles' list"),
        (b'{"profiles": [{"name": "PT Maju", "service": "jurnal"}]}', "profile #1"),
        (b"\xff\xfe not text", "utf-8"),
    ],
    ids=["truncated", "wrong-shape", "bad-value", "not-utf8"],
)
def test_a_damaged_file_is_reported_and_never_overwritten(store, jurnal_home, content, detail):
    path = jurnal_home / "profiles.json"
    path.write_bytes(content)

    for action in (store.list, lambda: store.add(accurate("PT Baru"))):
        with pytest.raises(ProfilesFileError) as caught:
            action()
        text = caught.value.text
        assert str(path) in text.id and str(path) in text.en
        assert detail in text.en
        assert "have not been deleted" in text.en and "rename it" in text.en
        assert "tidak dihapus" in text.id
    assert path.read_bytes() == content
    assert sorted(p.name for p in jurnal_home.iterdir()) == ["profiles.json"]


def test_a_failed_write_leaves_the_previous_file_and_no_temporary(store, jurnal_home, monkeypatch):
    store.add(accurate("PT Maju"))
    path = jurnal_home / "profiles.json"
    before = path.read_bytes()

    def disk_full(source, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError, match="No space"):
        store.add(accurate("PT Baru"))

    assert path.read_bytes() == before
    assert [p.name for p in jurnal_home.iterdir()] == ["profiles.json"]


def test_saves_from_several_threads_lose_nothing(store):
    def save_many(prefix: str) -> None:
        for number in range(15):
            store.save(accurate(f"{prefix} {number}"))

    workers = [threading.Thread(target=save_many, args=(f"PT {x}",)) for x in "ABC"]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(store.list()) == 45


def test_stores_on_one_file_take_turns_however_the_folder_is_spelled(jurnal_home, memory):
    """The window's store and a worker's (recording a moved host) are separate objects on the
    same profiles.json: their read-modify-writes must not interleave."""
    spellings = [jurnal_home, jurnal_home / ".." / jurnal_home.name, jurnal_home]

    def save_many(home: Path, prefix: str) -> None:
        store = ProfileStore(home, SecretStore(memory))
        for number in range(15):
            store.save(accurate(f"{prefix} {number}"))

    workers = [
        threading.Thread(target=save_many, args=(home, f"PT {x}"))
        for home, x in zip(spellings, "ABC", strict=True)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(ProfileStore(jurnal_home, SecretStore(memory)).list()) == 45


class HeldKeyring(MemoryKeyring):
    """Forgetting a secret waits until the test lets it go (the store holds its lock then)."""

    def __init__(self) -> None:
        super().__init__()
        self.deleting, self.go_on = threading.Event(), threading.Event()

    def delete_password(self, service: str, username: str) -> None:
        self.deleting.set()
        self.go_on.wait()
        super().delete_password(service, username)


def test_a_store_busy_on_one_home_does_not_hold_up_another_home(tmp_path):
    held = HeldKeyring()
    busy = ProfileStore(tmp_path / "kantor", SecretStore(held))
    busy.add(accurate("PT Lama"))
    remover = threading.Thread(target=busy.remove, args=("PT Lama",))
    remover.start()
    try:
        assert held.deleting.wait(10)  # the remover holds the kantor file's lock now
        other = ProfileStore(tmp_path / "rumah", SecretStore(MemoryKeyring()))
        adder = threading.Thread(target=other.add, args=(accurate("PT Rumah"),), daemon=True)
        adder.start()
        adder.join(10)  # a bound for a hang, not a timing: the add takes milliseconds
        assert not adder.is_alive(), "a store on another home waited for the kantor lock"
        assert [p.name for p in other.list()] == ["PT Rumah"]
    finally:
        held.go_on.set()
        remover.join()
    assert busy.list() == []


def test_store_creates_a_missing_home_when_saving(tmp_path, memory):
    home = tmp_path / "new" / "home"
    ProfileStore(home).add(accurate())
    assert (home / "profiles.json").is_file()
    assert isinstance(ProfileStore(Path(home)).get("PT Maju"), Profile)
