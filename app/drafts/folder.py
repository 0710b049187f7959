"""The journal drafts' files in the app's home: one per company profile (the demo companies
included), `<home>/drafts/journal-<company>-<hash>.json` (`company_draft_name`), and
`<home>/drafts/journal.json` for a grid with no company chosen yet (and the single draft
older versions kept, which is restored as before).

Written atomically (a reader sees the old draft or the new one, never half), from workers:
each write carries the grid's generation, and a write older than one already done is
dropped, so two workers finishing out of order never leave the older grid on disk. A draft
the user discards, or one that cannot be read, is moved aside (`journal.discarded-<time>.json`,
`journal.damaged-<time>.json`), never deleted; the oldest of those beyond `KEPT_ASIDE` go.
"""

from __future__ import annotations

import hashlib
import re
import threading
from datetime import datetime
from pathlib import Path
from typing import Final

from app.drafts.file import Draft, decode_draft, encode_draft
from app.profiles.atomic import atomic_write
from app.profiles.home import private_folder

DRAFTS_FOLDER: Final = "drafts"
DRAFT_NAME: Final = "journal"
DISCARDED: Final = "discarded"
DAMAGED: Final = "damaged"
REPLACED: Final = "replaced"
KEPT_ASIDE: Final = 10  # per kind
_UNSAFE = re.compile(r"[^0-9A-Za-z]+")


def company_draft_name(company: str | None) -> str:
    """The draft's file name (without .json) for a company profile; no company: `journal`.
    Readable, and safe on every file system; the hash keeps two names apart that differ
    only in characters left out ("PT Maju/Jaya" and "PT Maju Jaya")."""
    if not company:
        return DRAFT_NAME
    readable = _UNSAFE.sub("-", company).strip("-")[:40] or "company"
    digest = hashlib.sha1(company.encode("utf-8")).hexdigest()[:8]
    return f"{DRAFT_NAME}-{readable}-{digest}"


class DraftStore:
    """One draft file; safe to call from several worker threads."""

    def __init__(self, home: Path, name: str = DRAFT_NAME) -> None:
        self.home = home
        self.folder = home / DRAFTS_FOLDER
        self.name = name
        self._lock = threading.Lock()
        self._written = -1  # the newest generation written or removed

    @property
    def path(self) -> Path:
        return self.folder / f"{self.name}.json"

    def exists(self) -> bool:
        return self.path.is_file()

    def save(self, draft: Draft, generation: int) -> bool:
        """Write the draft, unless a newer generation was written already; True if written."""
        data = encode_draft(draft)  # outside the lock: the slow part
        with self._lock:
            if generation < self._written:
                return False
            private_folder(self.folder)
            atomic_write(self.path, data)
            self._written = generation
            return True

    def remove(self, generation: int) -> bool:
        """No unsaved work any more: the draft goes (unless a newer one was written)."""
        with self._lock:
            if generation < self._written:
                return False
            self._written = generation
            self.path.unlink(missing_ok=True)
            return True

    def load(self) -> Draft | None:
        """The draft, or None when there is none. Raises DraftDamaged (the file stays)."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        return decode_draft(data, str(self.path))

    def set_aside(self, kind: str) -> Path | None:
        """Move the draft beside itself as `<name>.<kind>-<time>.json`; None if there is none."""
        with self._lock:
            if not self.path.exists():
                return None
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            target = self.folder / f"{self.name}.{kind}-{stamp}.json"
            self.path.replace(target)
            self._prune(kind)
            return target

    def aside(self, kind: str) -> list[Path]:
        """The drafts set aside as `kind`, oldest first."""
        return sorted(self.folder.glob(f"{self.name}.{kind}-*.json"))

    def _prune(self, kind: str) -> None:
        for old in self.aside(kind)[:-KEPT_ASIDE]:
            old.unlink(missing_ok=True)


def drafts_of(home: Path, company: str | None) -> DraftStore:
    return DraftStore(home, company_draft_name(company))


__all__ = [
    "DAMAGED",
    "DISCARDED",
    "DRAFTS_FOLDER",
    "REPLACED",
    "DraftStore",
    "company_draft_name",
    "drafts_of",
]
