"""A company profile: which service, where it is, and how to talk to it; its settings
checked and normalised when made (or read from profiles.json), and written back as JSON with
the keys a newer Jurnal Desk added kept. `app.profiles.store` keeps the profiles in the file."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Final, Literal
from urllib.parse import urlsplit

from app.core.i18n import JurnalError, tr

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


class ProfileInvalid(JurnalError):
    """A profile setting has a value Jurnal Desk cannot use."""


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
    # Both services refuse a second voucher with a number they hold, so an unclear entry may
    # be sent again within a run. True for a company whose service takes repeated numbers:
    # then an unclear entry is sent again at most once a run (app.posting.resends).
    accepts_repeated_numbers: bool = False
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
            raise ProfileInvalid(tr("profil bukan objek JSON"))
        known = {item.name for item in dataclasses.fields(cls)} - {"extra"}
        values = {key: value for key, value in data.items() if key in known}
        extra = {key: value for key, value in data.items() if key not in known}
        for key in ("name", "service"):
            if key not in values:
                raise ProfileInvalid(tr("kunci '{k}' tidak ada", k=key))
        _check_types(values)
        values.setdefault("sempoa_lines", SAVED_SEMPOA_LINES_WHEN_MISSING)
        if values.get("host_checked_at") is not None:
            values["host_checked_at"] = _parse_time(values["host_checked_at"])
        return cls(**values, extra=extra)


# --- validation -------------------------------------------------------------------------


def _clean_name(name: object) -> str:
    if not isinstance(name, str) or not name.strip():
        raise ProfileInvalid(
            tr('Nama profil kosong. Beri nama perusahaannya, mis. "PT Maju Jaya".')
        )
    cleaned = name.strip()
    if any(not character.isprintable() for character in cleaned):
        raise ProfileInvalid(
            tr(
                "Nama profil {name!r} berisi karakter kontrol; pakai huruf, angka dan spasi.",
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
                setting=setting,
                value=value,
                allowed=", ".join(allowed),
            )
        )
    return chosen


def _clean_url(url: object, setting: str, profile_name: str) -> str:
    cleaned = url.strip().rstrip("/") if isinstance(url, str) else ""
    parts = urlsplit(cleaned)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ProfileInvalid(
            tr(
                "Alamat {setting} {url!r} untuk profil '{name}' tidak sah; tulis lengkap dengan "
                "https://, mis. https://account.accurate.id.",
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
                value=branch,
            )
        )
    return branch.strip() or None


def _utc(moment: object) -> datetime | None:
    """`moment` in UTC; a naive time or anything else is refused (a bug in the caller)."""
    if moment is None:
        return None
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        raise ValueError("host_checked_at must be a timezone-aware datetime")
    return moment.astimezone(UTC)


def _parse_time(value: object) -> datetime:
    try:
        moment = datetime.fromisoformat(value)  # type: ignore[arg-type]  # bad types end in except
    except (TypeError, ValueError):
        raise ProfileInvalid(
            tr(
                "host_checked_at {value!r} bukan waktu ISO 8601",
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
    "accepts_repeated_numbers": (bool,),
}


def _check_types(values: dict[str, Any]) -> None:
    for key, value in values.items():
        if not isinstance(value, _TYPES[key]):
            raise ProfileInvalid(
                tr(
                    "nilai '{key}' ({value!r}) berjenis salah",
                    key=key,
                    value=value,
                )
            )
