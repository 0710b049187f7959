"""Each company's account re-mapping, remembered in `<home>/account-maps.json`.

The file is versioned JSON: `{"format": 1, "companies": {"PT Maju Jaya": {"accounts":
{"1-1100": "110101"}}}}`, keyed by the profile's name. It is written atomically (a temporary
file beside it, then `os.replace`), and keys written by a newer Jurnal Desk are kept as they
are. A file that cannot be read leaves every company without a mapping and says so
(`problem`); the first save then keeps it beside the new one as `account-maps.json.damaged`
(numbered if that name is taken), so nothing the user had is lost.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any, Final

from app.core.books.account_mapping import AccountMap
from app.core.error_text import os_reason
from app.core.i18n import Text, tr
from app.profiles.atomic import atomic_write
from app.profiles.home import private_folder

MAPS_FILE: Final = "account-maps.json"
DAMAGED_SUFFIX: Final = ".damaged"
FILE_FORMAT: Final = 1


class AccountMapStore:
    """The account mappings of every company; read afresh on each call (the window and the
    command line may both change the file)."""

    _lock = threading.RLock()  # one for the process: read-modify-write must not interleave

    def __init__(self, home: Path) -> None:
        self.home = Path(home)
        self.path = self.home / MAPS_FILE
        self.problem: Text | None = None  # why the file could not be read, at the last look

    def get(self, company: str) -> AccountMap:
        """The company's mapping (empty when it has none, or the file cannot be read)."""
        with self._lock:
            document = self._load()
        entry = _company_entry(document, company)
        return AccountMap(entry.get("accounts", {})) if entry is not None else AccountMap()

    def companies(self) -> list[str]:
        with self._lock:
            document = self._load()
        return sorted(document.get("companies", {}), key=str.casefold)

    def save(self, company: str, mapping: AccountMap) -> None:
        """Remember `mapping` for the company (an empty one forgets it)."""
        with self._lock:
            document = self._load()
            if self.problem is not None:
                self._set_aside()
            companies = document.setdefault("companies", {})
            key = _company_key(companies, company)
            if mapping:
                entry = companies.get(key, {})
                entry["accounts"] = {old: mapping[old] for old in mapping}
                companies[key] = entry
            else:
                companies.pop(key, None)
            document["format"] = max(FILE_FORMAT, _format_of(document))
            text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
            private_folder(self.home)
            atomic_write(self.path, text.encode("utf-8"))

    # --- the file -----------------------------------------------------------------------------

    def _load(self) -> dict[str, Any]:
        self.problem = None
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {"format": FILE_FORMAT, "companies": {}}
        except OSError as error:
            return self._damaged(os_reason(error))
        try:
            document = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            return self._damaged(str(error))
        if not isinstance(document, dict):
            return self._damaged("not a JSON object")
        reason = _shape_problem(document)
        if reason is not None:
            return self._damaged(reason)
        return document

    def _damaged(self, reason: str | Text) -> dict[str, Any]:
        self.problem = _unreadable(self.path, reason)
        return {"format": FILE_FORMAT, "companies": {}}

    def _set_aside(self) -> None:
        if not self.path.exists():
            return
        target = self.path.with_name(MAPS_FILE + DAMAGED_SUFFIX)
        number = 2
        while target.exists():
            target = self.path.with_name(f"{MAPS_FILE}{DAMAGED_SUFFIX}.{number}")
            number += 1
        self.path.replace(target)
        self.problem = None


def _shape_problem(document: dict[str, Any]) -> str | None:
    """What makes a parsed file unusable, in a few words (None: it can be used)."""
    companies = document.get("companies", {})
    if not isinstance(companies, dict):
        return "'companies' is not an object"
    for name, entry in companies.items():
        accounts = entry.get("accounts", {}) if isinstance(entry, dict) else None
        if not isinstance(accounts, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in accounts.items()
        ):
            return f"the mapping of {name!r} is not a list of code pairs"
    return None


def _format_of(document: dict[str, Any]) -> int:
    value = document.get("format")
    return value if isinstance(value, int) else FILE_FORMAT


def _company_key(companies: dict[str, Any], company: str) -> str:
    """The key the company is saved under: exact name first, then ignoring case."""
    wanted = company.strip()
    if wanted in companies:
        return wanted
    for key in companies:
        if key.casefold() == wanted.casefold():
            return key
    return wanted


def _company_entry(document: dict[str, Any], company: str) -> dict[str, Any] | None:
    companies = document.get("companies", {})
    entry = companies.get(_company_key(companies, company))
    return entry if isinstance(entry, dict) else None  # a dict whenever there is one (_load)


def _unreadable(path: Path, reason: str | Text) -> Text:
    return tr(
        "Pemetaan akun di {path} tidak bisa dibaca ({reason}); tidak ada pemetaan yang dipakai. "
        "Saat pemetaan disimpan lagi, berkas lama disimpan sebagai {name}{suffix}; perbaiki "
        "dengan editor teks (JSON) bila ingin memakainya lagi.",
        path=path,
        reason=reason,
        name=MAPS_FILE,
        suffix=DAMAGED_SUFFIX,
    )


__all__ = ["MAPS_FILE", "AccountMapStore"]
