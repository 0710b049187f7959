"""What a period's reconciliation has read so far, kept on disk so an interrupted reading
continues where it stopped instead of asking the service again.

One small file per company and period in the app's home (`reconcile/`), one JSON line per
list page and per batch of vouchers read with their lines, appended as they arrive (an
interruption loses at most the line being written). Readable by this user alone: it holds
journal data. A cache older than `MAX_AGE` is dropped (the books may have changed since), and
a reconciliation that finishes removes its own: the next one reads the books fresh.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.api.records import RemoteLine, RemoteVoucher

log = logging.getLogger(__name__)

FOLDER = "reconcile"
MAX_AGE = 6 * 3600  # seconds: an older reading is not continued


class ReadingCache:
    """The pages and the vouchers with lines read for one company and period."""

    def __init__(self, home: Path | None, profile: str, first: date, last: date) -> None:
        self.path: Path | None = None
        self.pages: dict[int, list[RemoteVoucher]] = {}
        self.list_done = False
        self.details: dict[str, RemoteVoucher] = {}
        if home is None:
            return  # kept in memory only
        key = f"{profile}\n{first.isoformat()}\n{last.isoformat()}"
        name = hashlib.sha256(key.encode()).hexdigest()[:24] + ".jsonl"
        self.path = home / FOLDER / name
        self._load()

    @property
    def continued(self) -> bool:
        """Something was read by an earlier, interrupted reconciliation."""
        return bool(self.pages or self.details)

    def next_page(self) -> int:
        """The first list page not read yet (pages are read in order)."""
        page = 1
        while page in self.pages:
            page += 1
        return page

    def add_page(self, page: int, vouchers: list[RemoteVoucher]) -> None:
        self.pages[page] = vouchers
        self._append({"page": page, "vouchers": [_voucher_json(v) for v in vouchers]})

    def end_list(self) -> None:
        self.list_done = True
        self._append({"end": True})

    def add_details(self, vouchers: Iterable[RemoteVoucher]) -> None:
        vouchers = list(vouchers)
        for voucher in vouchers:
            self.details[voucher.remote_id] = voucher
        if vouchers:
            self._append({"details": [_voucher_json(v) for v in vouchers]})

    def listed(self) -> list[RemoteVoucher]:
        return [voucher for page in sorted(self.pages) for voucher in self.pages[page]]

    def clear(self) -> None:
        """The reconciliation finished: the next one reads the books fresh."""
        if self.path is not None:
            self.path.unlink(missing_ok=True)

    # -- the file ------------------------------------------------------------------------------

    def _load(self) -> None:
        path = self.path
        assert path is not None
        try:
            age = time.time() - path.stat().st_mtime
        except FileNotFoundError:
            return
        if age > MAX_AGE:
            path.unlink(missing_ok=True)
            return
        try:
            with path.open(encoding="utf-8") as lines:
                for line in lines:
                    self._take(json.loads(line))
        except (OSError, ValueError, KeyError, TypeError) as error:
            # A line cut by the interruption, or a file from another version: read afresh.
            log.warning("reconcile cache %s not usable (%s); reading the books again", path, error)
            self.pages, self.details, self.list_done = {}, {}, False
            path.unlink(missing_ok=True)

    def _take(self, record: dict[str, Any]) -> None:
        if "page" in record:
            self.pages[int(record["page"])] = [_voucher(v) for v in record["vouchers"]]
        elif "details" in record:
            for raw in record["details"]:
                voucher = _voucher(raw)
                self.details[voucher.remote_id] = voucher
        elif record.get("end"):
            self.list_done = True

    def _append(self, record: dict[str, Any]) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND
        descriptor = os.open(self.path, flags, 0o600)
        with os.fdopen(descriptor, "a", encoding="utf-8") as file:
            file.write(json.dumps(record, ensure_ascii=False) + "\n")


def _voucher_json(voucher: RemoteVoucher) -> dict[str, Any]:
    return {
        "id": voucher.remote_id,
        "number": voucher.number,
        "date": voucher.date.isoformat() if voucher.date else None,
        "description": voucher.description,
        "branch": voucher.branch,
        "total": str(voucher.total) if voucher.total is not None else None,
        "version": voucher.version,
        "lines": [
            [line.account, str(line.debit), str(line.credit), line.memo, line.account_name]
            for line in voucher.lines
        ],
    }


def _voucher(raw: dict[str, Any]) -> RemoteVoucher:
    return RemoteVoucher(
        remote_id=raw["id"],
        number=raw["number"],
        date=date.fromisoformat(raw["date"]) if raw["date"] else None,
        description=raw["description"],
        branch=raw["branch"],
        lines=tuple(
            RemoteLine(account, Decimal(debit), Decimal(credit), memo, name)
            for account, debit, credit, memo, name in raw["lines"]
        ),
        total=Decimal(raw["total"]) if raw["total"] is not None else None,
        # Absent from a reading kept before edit counters were read.
        version=str(raw["version"]) if raw.get("version") is not None else None,
    )
