"""Company profiles: one per company the user posts to, saved in `<home>/profiles.json`.

A profile holds settings only. Its API Token and Signature Secret live in the OS keyring
(`app.profiles.secrets`) and never in this file.

The file is written atomically (a temporary file beside it, then `os.replace`), so a crash
mid-write leaves the previous version intact. A file that cannot be read is reported, naming
the file and how to fix it; it is never overwritten or silently replaced by an empty list.
Keys written by a newer Jurnal Desk are kept as they are when this version saves.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final, Literal
from urllib.parse import urlsplit

from app.core.i18n import JurnalError, Text, tr
from app.profiles.atomic import atomic_write
from app.profiles.secrets import SecretsProblem, SecretStore

Service = Literal["accurate", "sempoa"]
ApiLanguage = Literal["ID", "US", "CN"]
SempoaLines = Literal["arrays", "transaksi"]

SERVICES: Final[tuple[Service, ...]] = ("accurate", "sempoa")
API_LANGUAGES: Final[tuple[ApiLanguage, ...]] = ("ID", "US", "CN")
SEMPOA_LINE_SHAPES: Final[tuple[SempoaLines, ...]] = ("arrays", "transaksi")
# New Sempoa companies send `transaksi: [{akun, debit, kredit}]`, the only shape Sempoa's
# current docs show. A saved profile without the key was written when the tutorial's arrays
# were the only choice, and keeps them.
DEFAULT_SEMPOA_LINES: Final[SempoaLines] = "transaksi"
SAVED_SEMPOA_LINES_WHEN_MISSING: Final[SempoaLines] = "arrays"
DEFAULT_URLS: Final[dict[str, str]] = {
    "accurate": "https://account.accurate.id",
    "sempoa": "https://sempoa.id/api/integration",
}
# Accurate asks integrations to re-read the company's data host at least this often.
HOST_MAX_AGE: Final = timedelta(days=30)

PROFILES_FILE: Final = "profiles.json"
FILE_FORMAT: Final = 1


class ProfileInvalid(JurnalError):
    """A profile setting has a value Jurnal Desk cannot use."""


class ProfileNotFound(JurnalError):
    """No profile has the requested name."""


class DuplicateProfile(JurnalError):
    """A profile with that name already exists."""


class ProfilesFileError(JurnalError):
    """profiles.json exists but cannot be read; the user's profiles are left untouched."""


@dataclass(frozen=True)
class Profile:
    """One company: which service, where it is, and how to talk to it.

    `url` is the service's entry point: for Accurate the account host that answers
    `api-token.do` (it tells us `data_host`), for Sempoa the integration base URL. Left empty,
    it defaults per service. Change a profile with `dataclasses.replace`.
    """

    name: str
    service: Service
    url: str = ""
    data_host: str | None = None  # Accurate's company host, as discovered; None = not yet
    host_checked_at: datetime | None = None  # UTC, when data_host was last read
    language: ApiLanguage = "ID"  # language of the service's error messages (Accurate)
    # transaksi: [{akun, debit, kredit}] with numbers; arrays: akun[]/debit[]/kredit[] strings
    sempoa_lines: SempoaLines = DEFAULT_SEMPOA_LINES
    company_name: str | None = None  # as the service names the company
    user_name: str | None = None  # as the service names the user of the token
    sandbox: bool = False  # a demo profile talking to the local sandbox
    bulk_posting: bool = True  # Accurate bulk-save.do (100 vouchers a call) when possible
    # Accurate: the branch (cabang) a voucher goes to when its entry names none; a user who
    # sees several branches must name one on every save. None = send no branch.
    branch: str | None = None
    # Keys from a newer Jurnal Desk: kept and written back unchanged.
    extra: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        name = _clean_name(self.name)
        service = _choice(self.service, SERVICES, "service", str.lower)
        self._set("name", name)
        self._set("service", service)
        self._set("url", _clean_url(self.url or DEFAULT_URLS[service], "url", name))
        if self.data_host is not None:
            self._set("data_host", _clean_url(self.data_host, "data_host", name))
        self._set("host_checked_at", _utc(self.host_checked_at))
        self._set("language", _choice(self.language, API_LANGUAGES, "language", str.upper))
        self._set("sempoa_lines", _choice(self.sempoa_lines, SEMPOA_LINE_SHAPES, "sempoa_lines"))
        self._set("branch", _clean_branch(self.branch))

    def _set(self, attribute: str, value: object) -> None:
        object.__setattr__(self, attribute, value)  # normalising a frozen dataclass

    def host_is_stale(self, now: datetime, max_age: timedelta = HOST_MAX_AGE) -> bool:
        """True when Accurate's data host should be (re-)read from `api-token.do`.

        Sempoa has no per-company host, so its profiles are never stale.
        """
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware (use datetime.now(UTC))")
        if self.service != "accurate":
            return False
        if self.data_host is None or self.host_checked_at is None:
            return True
        return now - self.host_checked_at >= max_age

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict; unknown keys read earlier are written back too."""
        data: dict[str, Any] = {
            item.name: getattr(self, item.name)
            for item in dataclasses.fields(self)
            if item.name != "extra"
        }
        if self.host_checked_at is not None:
            data["host_checked_at"] = self.host_checked_at.isoformat()
        return {**data, **{key: value for key, value in self.extra.items() if key not in data}}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Profile:
        """The inverse of `to_json`; raises `ProfileInvalid` for a value it cannot use."""
        if not isinstance(data, dict):
            raise ProfileInvalid(tr("profil bukan objek JSON", "a profile is not a JSON object"))
        known = {item.name for item in dataclasses.fields(cls)} - {"extra"}
        values = {key: value for key, value in data.items() if key in known}
        extra = {key: value for key, value in data.items() if key not in known}
        for key in ("name", "service"):
            if key not in values:
                raise ProfileInvalid(tr("kunci '{k}' tidak ada", "key '{k}' is missing", k=key))
        _check_types(values)
        values.setdefault("sempoa_lines", SAVED_SEMPOA_LINES_WHEN_MISSING)
        if values.get("host_checked_at") is not None:
            values["host_checked_at"] = _parse_time(values["host_checked_at"])
        return cls(**values, extra=extra)


class ProfileStore:
    """The user's profiles in `<home>/profiles.json`; removing one also forgets its secrets."""

    def __init__(self, home: Path, secrets: SecretStore | None = None) -> None:
        self.home = Path(home)
        self.path = self.home / PROFILES_FILE
        self.secrets = secrets if secrets is not None else SecretStore(home=self.home)
        self._lock = _lock_for(self.path)

    def list(self) -> list[Profile]:
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

    def _index(self, profiles: list[Profile], name: str) -> int:
        index = _find(profiles, name)
        if index is None:
            raise ProfileNotFound(_not_found_text(name, [profile.name for profile in profiles]))
        return index

    def _load(self) -> tuple[dict[str, Any], list[Profile]]:
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

    def _profiles_in(self, document: Any) -> list[Profile]:
        entries = document.get("profiles") if isinstance(document, dict) else None
        if not isinstance(entries, list):
            detail = tr("tidak ada daftar 'profiles' di dalamnya", "it has no 'profiles' list")
            raise ProfilesFileError(_corrupt_text(self.path, detail))
        profiles = []
        for number, entry in enumerate(entries, start=1):
            try:
                profiles.append(Profile.from_json(entry))
            except ProfileInvalid as error:
                detail = tr("profil ke-{n}: ", "profile #{n}: ", n=number) + error.text
                raise ProfilesFileError(_corrupt_text(self.path, detail)) from error
        return profiles

    def _write(self, document: dict[str, Any], profiles: list[Profile]) -> None:
        document = {**document, "profiles": [profile.to_json() for profile in profiles]}
        document.setdefault("format", FILE_FORMAT)
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        self.home.mkdir(parents=True, exist_ok=True)
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


# --- validation -------------------------------------------------------------------------


def _clean_name(name: object) -> str:
    if not isinstance(name, str) or not name.strip():
        raise ProfileInvalid(
            tr(
                'Nama profil kosong. Beri nama perusahaannya, mis. "PT Maju Jaya".',
                'The profile name is empty. Name it after the company, e.g. "PT Maju Jaya".',
            )
        )
    cleaned = name.strip()
    if any(not character.isprintable() for character in cleaned):
        raise ProfileInvalid(
            tr(
                "Nama profil {name!r} berisi karakter kontrol; pakai huruf, angka dan spasi.",
                "The profile name {name!r} contains control characters; use letters, digits "
                "and spaces.",
                name=cleaned,
            )
        )
    return cleaned


def _choice(
    value: object,
    allowed: tuple[str, ...],
    setting: str,
    normalise: Callable[[str], str] = str.lower,
) -> str:
    chosen = normalise(value) if isinstance(value, str) else value
    if chosen not in allowed:
        raise ProfileInvalid(
            tr(
                "Nilai {setting} {value!r} tidak dikenal; pilih salah satu: {allowed}.",
                "Unknown {setting} {value!r}; choose one of: {allowed}.",
                setting=setting,
                value=value,
                allowed=", ".join(allowed),
            )
        )
    return chosen  # type: ignore[return-value]


def _clean_url(url: object, setting: str, profile_name: str) -> str:
    cleaned = url.strip().rstrip("/") if isinstance(url, str) else ""
    parts = urlsplit(cleaned)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ProfileInvalid(
            tr(
                "Alamat {setting} {url!r} untuk profil '{name}' tidak sah; tulis lengkap dengan "
                "https://, mis. https://account.accurate.id.",
                "The {setting} address {url!r} for profile '{name}' is not valid; write it in "
                "full with https://, e.g. https://account.accurate.id.",
                setting=setting,
                url=url,
                name=profile_name,
            )
        )
    return cleaned


def _clean_branch(branch: object) -> str | None:
    """A branch name as typed, trimmed; blank means none."""
    if branch is None:
        return None
    if not isinstance(branch, str):
        raise ProfileInvalid(
            tr(
                "Nama cabang {value!r} harus berupa teks.",
                "The branch name {value!r} must be text.",
                value=branch,
            )
        )
    return branch.strip() or None


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        raise ValueError("host_checked_at must be a timezone-aware datetime")
    return moment.astimezone(UTC)


def _parse_time(value: object) -> datetime:
    try:
        moment = datetime.fromisoformat(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ProfileInvalid(
            tr(
                "host_checked_at {value!r} bukan waktu ISO 8601",
                "host_checked_at {value!r} is not an ISO 8601 time",
                value=value,
            )
        ) from None
    # A time without a zone can only come from a hand edit; this file always writes UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


_TYPES: Final[dict[str, tuple[type, ...]]] = {
    "name": (str,),
    "service": (str,),
    "url": (str,),
    "data_host": (str, type(None)),
    "host_checked_at": (str, type(None)),
    "language": (str,),
    "sempoa_lines": (str,),
    "company_name": (str, type(None)),
    "user_name": (str, type(None)),
    "sandbox": (bool,),
    "bulk_posting": (bool,),
    "branch": (str, type(None)),
}


def _check_types(values: dict[str, Any]) -> None:
    for key, value in values.items():
        if not isinstance(value, _TYPES[key]):
            raise ProfileInvalid(
                tr(
                    "nilai '{key}' ({value!r}) berjenis salah",
                    "'{key}' has a value of the wrong kind ({value!r})",
                    key=key,
                    value=value,
                )
            )


# --- messages ---------------------------------------------------------------------------

_FIX_ID = (
    "Profil Anda tidak dihapus dan berkas itu tidak diubah. Perbaiki isinya dengan editor teks "
    "(format JSON), atau ganti namanya (mis. menjadi {name}.rusak) lalu buat profil lagi; "
    "token yang tersimpan di penyimpanan kata sandi tetap ada."
)
_FIX_EN = (
    "Your profiles have not been deleted and the file was not changed. Fix it in a text editor "
    "(it is JSON), or rename it (e.g. to {name}.broken) and create the profiles again; the "
    "tokens kept in the password store are still there."
)


def _corrupt_text(path: Path, detail: Text) -> Text:
    return tr(
        "Berkas profil {path} rusak dan tidak bisa dibaca ({detail}). " + _FIX_ID,
        "The profiles file {path} is damaged and cannot be read ({detail_en}). " + _FIX_EN,
        path=path,
        name=path.name,
        detail=detail.id,
        detail_en=detail.en,
    )


def _unreadable_text(path: Path, error: OSError) -> Text:
    return tr(
        "Berkas profil {path} tidak bisa dibuka: {reason}. Periksa izin akses berkas itu.",
        "The profiles file {path} cannot be opened: {reason}. Check its permissions.",
        path=path,
        reason=error.strerror or error,
    )


def _json_detail(error: json.JSONDecodeError) -> Text:
    return tr(
        "baris {line}, kolom {column}: {message}",
        "line {line}, column {column}: {message}",
        line=error.lineno,
        column=error.colno,
        message=error.msg,
    )


def _detail(error: Exception) -> Text:
    return tr("{error}", "{error}", error=error)


def _not_found_text(name: str, existing: list[str]) -> Text:
    if not existing:
        return tr(
            "Profil '{name}' tidak ada; belum ada profil sama sekali. Tambahkan dengan "
            "`jurnal-desk profile add NAMA --service accurate` (atau sempoa), atau lewat wizard.",
            "There is no profile '{name}'; no profiles exist yet. Add one with "
            "`jurnal-desk profile add NAME --service accurate` (or sempoa), or in the wizard.",
            name=name,
        )
    return tr(
        "Profil '{name}' tidak ada. Profil yang ada: {existing}.",
        "There is no profile '{name}'. Existing profiles: {existing}.",
        name=name,
        existing=", ".join(sorted(existing, key=str.casefold)),
    )


def _duplicate_text(name: str) -> Text:
    return tr(
        "Profil '{name}' sudah ada. Pilih nama lain, atau hapus dulu yang lama dengan "
        '`jurnal-desk profile remove "{name}"`.',
        "A profile named '{name}' already exists. Choose another name, or first remove the old "
        'one with `jurnal-desk profile remove "{name}"`.',
        name=name,
    )
