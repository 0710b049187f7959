"""The app's own settings (not a company's): saved in `<home>/settings.json`.

Each setting is declared once, with its key, its default and the values it may take
(`Setting`); `Settings` reads the file once and writes it atomically on every change (a
temporary file beside it, then `os.replace`, as profiles.json is written). A value the file
holds that this version cannot use is read as the default; keys written by a newer Jurnal
Desk are kept as they are. A file that cannot be read at all leaves every setting at its
default, says so (`problem`), and is kept beside the new one as `settings.json.damaged`
the first time a setting is saved, so nothing the user had is lost without a trace.

A company's own settings (its API message language, bulk posting) live in its profile.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, Generic, TypeVar

from app.core.error_text import os_reason
from app.core.i18n import LANGUAGES, Text, tr
from app.profiles.atomic import atomic_write
from app.profiles.home import private_folder

SETTINGS_FILE: Final = "settings.json"
DAMAGED_SUFFIX: Final = ".damaged"
FILE_FORMAT: Final = 1

T = TypeVar("T", str, bool, int)


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    """One setting: where it is kept in the file, its default, and what it may be."""

    key: str
    default: T
    choices: tuple[T, ...] = ()

    def read(self, raw: object) -> T:
        """The value the file holds, or the default when this version cannot use it."""
        if type(raw) is not type(self.default):
            return self.default
        if self.choices and raw not in self.choices:
            return self.default
        return raw

    def check(self, value: object) -> T:
        """`value`, or ValueError when it is not one this setting may take (a bug)."""
        if self.read(value) != value or type(value) is not type(self.default):
            raise ValueError(f"{value!r} is not a valid value for the setting {self.key!r}")
        return value


# The language of the window; `--lang` or JURNAL_DESK_LANG still win at start.
LANGUAGE: Final = Setting("language", "id", LANGUAGES)
# The folder the last file dialog was in: the next one opens there.
LAST_FOLDER: Final = Setting("last_folder", "")
# Amounts with a fraction of a cent: "ask" offers the Round to cents button; "never" leaves
# them for the user to correct (nothing is rounded behind the accountant's back either way).
ROUND_ASK, ROUND_NEVER = "ask", "never"
ROUNDING: Final = Setting("rounding", ROUND_ASK, (ROUND_ASK, ROUND_NEVER))

# The journal grid's column widths the user chose: "reference=140,memo=220" (column_layout).
COLUMN_WIDTHS: Final = Setting("grid_column_widths", "")
# How numbers are typed and shown in the journal grid: "id" 1.234,56 or "en" 1,234.56
# (app.core.books.money.NumberStyle). Not the menus' language: accountants type Indonesian
# numbers whatever language they read the menus in.
NUMBER_STYLE: Final = Setting("number_style", "id", ("id", "en"))

# The company last chosen in the window ("saved:PT Maju" or "demo:..."): the next start opens
# it, while it is still there.
LAST_COMPANY: Final = Setting("last_company", "")
# Whether the window was maximized when it closed: the next start opens it so again.
WINDOW_MAXIMIZED: Final = Setting("window_maximized", False)


class Settings:
    """The settings in `<home>/settings.json`. Read once; every `set` saves the file."""

    def __init__(self, home: Path) -> None:
        self.home = Path(home)
        self.path = self.home / SETTINGS_FILE
        self._lock = threading.Lock()
        self._problem: Text | None = None
        self._document = self._load()

    @property
    def problem(self) -> Text | None:
        """Why the saved settings could not be read (every setting is at its default)."""
        return self._problem

    def has(self, setting: Setting[Any]) -> bool:
        """Whether the file holds a value of its own for this setting (one it can use)."""
        with self._lock:
            raw = self._document.get(setting.key)
        return raw is not None and setting.read(raw) == raw

    def get(self, setting: Setting[T]) -> T:
        with self._lock:
            return setting.read(self._document.get(setting.key, setting.default))

    def set(self, setting: Setting[T], value: T) -> None:
        """Change one setting and save the file; an unchanged value writes nothing."""
        self.update({setting: value})

    def update(self, values: dict[Setting[Any], Any]) -> None:
        """Change several settings at once, in one write."""
        with self._lock:
            changed = {s.key: s.check(v) for s, v in values.items()}
            if all(self._document.get(key) == value for key, value in changed.items()):
                return
            self._document.update(changed)
            self._save()

    # -- the file ------------------------------------------------------------------------------

    def _load(self) -> dict[str, Any]:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return {"format": FILE_FORMAT}
        except OSError as error:
            self._problem = _unreadable(self.path, os_reason(error))
            return {"format": FILE_FORMAT}
        try:
            document = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            self._problem = _unreadable(self.path, str(error))
            return {"format": FILE_FORMAT}
        if not isinstance(document, dict):
            self._problem = _unreadable(self.path, "not a JSON object")
            return {"format": FILE_FORMAT}
        return document

    def _save(self) -> None:
        private_folder(self.home)
        if self._problem is not None and self.path.exists():
            self.path.replace(self.path.with_name(SETTINGS_FILE + DAMAGED_SUFFIX))
            self._problem = None
        self._document.setdefault("format", FILE_FORMAT)
        text = json.dumps(self._document, ensure_ascii=False, indent=2) + "\n"
        atomic_write(self.path, text.encode("utf-8"))


def _unreadable(path: Path, reason: str | Text) -> Text:
    return tr(
        "Pengaturan di {path} tidak bisa dibaca ({reason}); pengaturan bawaan dipakai. Saat "
        "pengaturan disimpan lagi, berkas lama disimpan sebagai {name}{suffix}.",
        path=path,
        reason=reason,
        name=SETTINGS_FILE,
        suffix=DAMAGED_SUFFIX,
    )


__all__ = [
    "COLUMN_WIDTHS",
    "LANGUAGE",
    "LAST_COMPANY",
    "LAST_FOLDER",
    "NUMBER_STYLE",
    "ROUNDING",
    "ROUND_ASK",
    "ROUND_NEVER",
    "SETTINGS_FILE",
    "WINDOW_MAXIMIZED",
    "Setting",
    "Settings",
]
