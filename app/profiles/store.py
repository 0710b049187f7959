"""Company profiles: one per company the user posts to, saved in `<home>/profiles.json`.

A profile holds settings only. Its API Token and Signature Secret live in the OS keyring
(`app.profiles.secrets`) and never in this file.

The file is written atomically (a temporary file beside it, then `os.replace`), so a crash
mid-write leaves the previous version intact. A file that cannot be read is reported, naming
the file and how to fix it; it is never overwritten or silently replaced by an empty list.
Keys written by a newer Jurnal Desk are kept as they are when this version saves.
"""

from __future__ import annotations

import builtins
import dataclasses
import json
import threading
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from app.core.error_text import os_reason
from app.core.i18n import JurnalError, Text, tr
from app.profiles.atomic import atomic_write
from app.profiles.home import private_folder
from app.profiles.profile import (
    API_LANGUAGES,
    DEFAULT_SEMPOA_LINES,
    DEFAULT_URLS,
    HOST_MAX_AGE,
    SAVED_SEMPOA_LINES_WHEN_MISSING,
    SEMPOA_LINE_SHAPES,
    SERVICES,
    ApiLanguage,
    Profile,
    ProfileInvalid,
    SempoaLines,
    Service,
)
from app.profiles.secrets import SecretsProblem, SecretStore

# Re-exported: a profile's names are known by this module too.
__all__ = [
    "API_LANGUAGES",
    "DEFAULT_SEMPOA_LINES",
    "DEFAULT_URLS",
    "FILE_FORMAT",
    "HOST_MAX_AGE",
    "PROFILES_FILE",
    "SAVED_SEMPOA_LINES_WHEN_MISSING",
    "SEMPOA_LINE_SHAPES",
    "SERVICES",
    "ApiLanguage",
    "DuplicateProfile",
    "Profile",
    "ProfileInvalid",
    "ProfileNotFound",
    "ProfileStore",
    "ProfilesFileError",
    "SempoaLines",
    "Service",
]

PROFILES_FILE: Final = "profiles.json"
FILE_FORMAT: Final = 1


class ProfileNotFound(JurnalError):
    """No profile has the requested name."""


class DuplicateProfile(JurnalError):
    """A profile with that name already exists."""


class ProfilesFileError(JurnalError):
    """profiles.json exists but cannot be read; the user's profiles are left untouched."""


class ProfileStore:
    """The user's profiles in `<home>/profiles.json`; removing one also forgets its secrets."""

    def __init__(self, home: Path, secrets: SecretStore | None = None) -> None:
        self.home = Path(home)
        self.path = self.home / PROFILES_FILE
        self.secrets = secrets if secrets is not None else SecretStore(home=self.home)
        self._lock = _lock_for(self.path)

    def list(self) -> builtins.list[Profile]:
        """All profiles, sorted by name (case-insensitive)."""
        _, profiles = self._load()
        return sorted(profiles, key=lambda profile: profile.name.casefold())

    def get(self, name: str) -> Profile:
        _, profiles = self._load()
        return profiles[self._index(profiles, name)]

    def exists(self, name: str) -> bool:
        _, profiles = self._load()
        return _find(profiles, name) is not None

    def check_new_name(self, name: str, *, among: Sequence[Profile] | None = None) -> None:
        """Raise `DuplicateProfile` when `name` (ignoring case) is already in use: in the
        file, or among the profiles `among` read from it before (no I/O then)."""
        profiles = list(among) if among is not None else self._load()[1]
        if _find(profiles, name) is not None:
            raise DuplicateProfile(_duplicate_text(name.strip()))

    def add(self, profile: Profile) -> None:
        """Save a new profile; a name already in use (ignoring case) is refused."""
        with self._lock:
            document, profiles = self._load()
            if _find(profiles, profile.name) is not None:
                raise DuplicateProfile(_duplicate_text(profile.name))
            self._write(document, [*profiles, profile])

    def save(self, profile: Profile) -> None:
        """Save a profile, replacing the one with the same name or adding it."""
        with self._lock:
            document, profiles = self._load()
            index = _find(profiles, profile.name)
            if index is None:
                profiles.append(profile)
            else:
                profiles[index] = profile
            self._write(document, profiles)

    def remove(self, name: str) -> Profile:
        """Delete a profile and its token and secret; returns what was removed."""
        with self._lock:
            document, profiles = self._load()
            removed = profiles.pop(self._index(profiles, name))
            # Secrets first: if the keyring refuses, the profile stays so the user can retry,
            # rather than leaving an orphaned token nobody can see or remove.
            self.secrets.delete(removed.name)
            self._write(document, profiles)
            return removed

    def remove_anyway(self, name: str) -> tuple[Profile, SecretsProblem | None]:
        """Delete a profile even when its secrets cannot be forgotten (no keyring, a locked or
        lost secrets file): a company whose secrets are unreadable must still be removable.
        Returns what was removed and, when the secrets may remain, why."""
        with self._lock:
            document, profiles = self._load()
            removed = profiles.pop(self._index(profiles, name))
            try:
                self.secrets.delete(removed.name)
            except SecretsProblem as problem:
                left: SecretsProblem | None = problem
            else:
                left = None
            self._write(document, profiles)
            return removed, left

    def update_host(self, name: str, host: str, checked_at: datetime) -> Profile:
        """Record Accurate's data host for a profile and when it was read."""
        if checked_at.tzinfo is None:
            raise ValueError("checked_at must be timezone-aware (use datetime.now(UTC))")
        with self._lock:
            document, profiles = self._load()
            index = self._index(profiles, name)
            updated = dataclasses.replace(
                profiles[index], data_host=host, host_checked_at=checked_at
            )
            profiles[index] = updated
            self._write(document, profiles)
            return updated

    def _index(self, profiles: builtins.list[Profile], name: str) -> int:
        index = _find(profiles, name)
        if index is None:
            raise ProfileNotFound(_not_found_text(name, [profile.name for profile in profiles]))
        return index

    def _load(self) -> tuple[dict[str, Any], builtins.list[Profile]]:
        """The whole document (other keys are kept on write) and its profiles."""
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {"format": FILE_FORMAT, "profiles": []}, []
        except OSError as error:
            raise ProfilesFileError(_unreadable_text(self.path, error)) from error
        try:
            document = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as error:
            raise ProfilesFileError(_corrupt_text(self.path, _detail(error))) from error
        except json.JSONDecodeError as error:
            raise ProfilesFileError(_corrupt_text(self.path, _json_detail(error))) from error
        return document, self._profiles_in(document)

    def _profiles_in(self, document: Any) -> builtins.list[Profile]:
        entries = document.get("profiles") if isinstance(document, dict) else None
        if not isinstance(entries, list):
            detail = tr("tidak ada daftar 'profiles' di dalamnya")
            raise ProfilesFileError(_corrupt_text(self.path, detail))
        profiles: builtins.list[Profile] = []
        for number, entry in enumerate(entries, start=1):
            try:
                profiles.append(Profile.from_json(entry))
            except ProfileInvalid as error:
                detail = tr("profil ke-{n}: {e}", n=number, e=error.text)
                raise ProfilesFileError(_corrupt_text(self.path, detail)) from error
        return profiles

    def _write(self, document: dict[str, Any], profiles: builtins.list[Profile]) -> None:
        document = {**document, "profiles": [profile.to_json() for profile in profiles]}
        document.setdefault("format", FILE_FORMAT)
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        private_folder(self.home)
        atomic_write(self.path, text.encode("utf-8"))


_locks_guard = threading.Lock()
_locks: dict[Path, threading.RLock] = {}


def _lock_for(path: Path) -> threading.RLock:
    """One lock per profiles file in the process: every store on the same file (the window's,
    a posting worker's recording a moved host, the wizard's) serializes its read-modify-write,
    while stores on other homes (tests, separate setups) never wait for each other."""
    key = path.resolve()  # one file, however its folder is spelled (symlinks, ..)
    with _locks_guard:
        return _locks.setdefault(key, threading.RLock())


def _find(profiles: list[Profile], name: str) -> int | None:
    """Index of the profile called `name`: exact match first, then ignoring case."""
    wanted = name.strip()
    for index, profile in enumerate(profiles):
        if profile.name == wanted:
            return index
    for index, profile in enumerate(profiles):
        if profile.name.casefold() == wanted.casefold():
            return index
    return None


# --- messages ---------------------------------------------------------------------------


def _corrupt_text(path: Path, detail: Text) -> Text:
    return tr(
        "Berkas profil {path} rusak dan tidak bisa dibaca ({detail}). Profil Anda tidak dihapus "
        "dan berkas itu tidak diubah. Perbaiki isinya dengan editor teks (format JSON), atau "
        "ganti namanya (mis. menjadi {name}.rusak) lalu buat profil lagi; token yang tersimpan "
        "di penyimpanan kata sandi tetap ada.",
        path=path,
        name=path.name,
        detail=detail,
    )


def _unreadable_text(path: Path, error: OSError) -> Text:
    return tr(
        "Berkas profil {path} tidak bisa dibuka: {reason}. Periksa izin akses berkas itu.",
        path=path,
        reason=os_reason(error),
    )


def _json_detail(error: json.JSONDecodeError) -> Text:
    return tr(
        "baris {line}, kolom {column}: {message}",
        line=error.lineno,
        column=error.colno,
        message=error.msg,
    )


def _detail(error: Exception) -> Text:
    return tr("{error}", error=error)


def _not_found_text(name: str, existing: list[str]) -> Text:
    if not existing:
        return tr(
            "Profil '{name}' tidak ada; belum ada profil sama sekali. Tambahkan dengan "
            "`jurnal-desk profile add NAMA --service accurate` (atau sempoa), atau lewat wizard.",
            name=name,
        )
    return tr(
        "Profil '{name}' tidak ada. Profil yang ada: {existing}.",
        name=name,
        existing=", ".join(sorted(existing, key=str.casefold)),
    )


def _duplicate_text(name: str) -> Text:
    return tr(
        "Profil '{name}' sudah ada. Pilih nama lain, atau hapus dulu yang lama dengan "
        '`jurnal-desk profile remove "{name}"`.',
        name=name,
    )
