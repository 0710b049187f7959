"""Sempoa's integration API: token check, accounts (`/akun`), journals (`/jurnal`).

Sempoa answers `{"status": 200, "message": "Success", "data": ...}`; errors carry `status` and
`message` ("API Sempoa not authorized", "Nomor referensi sudah ada"). Journal lines go in the
current docs' `transaksi: [{akun, debit, kredit}]` with numbers (the default), or, for a
company whose profile asks for it, in the 2023-06 tutorial's parallel arrays `akun[]`,
`debit[]`, `kredit[]` (strings).

Only an explicit success counts (see sempoa_answers): a save answered in any other way is an
uncertain outcome, which the posting engine resolves by looking the reference up. Lists
(`/akun`, `/jurnal`) carry no paging block and the largest `limit` honoured is unknown, so
they are read page after page until an EMPTY page; a list that never ends (a page repeating
what was read, or more than `max_pages` pages) stops with an error instead of looping.
Sempoa has no update or delete.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from decimal import Decimal
from typing import Any, Literal

from app.api import errors, sempoa_records
from app.api.auth import BearerAuth
from app.api.errors import SEMPOA, AlreadyExists, ApiError, Rejected
from app.api.ratelimit import RateLimiter
from app.api.records import RemoteVoucher
from app.api.retrying import RetryPolicy
from app.api.sempoa_answers import (
    envelope,
    read_body,
    refusal,
    rows_of,
    saved_journal,
    unconfirmed_save,
    unreadable,
)
from app.api.sempoa_records import Unreadable
from app.api.transport import Transport
from app.api.wire import SaveResult
from app.core.books.journal import Chart, JournalEntry
from app.core.i18n import Text, ctr, tr
from app.core.i18n.values import Count

log = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://sempoa.id/api/integration"
LineShape = Literal["arrays", "transaksi"]
LINE_SHAPES: tuple[LineShape, ...] = ("arrays", "transaksi")
DEFAULT_LINE_SHAPE: LineShape = "transaksi"  # the only shape Sempoa's current docs show
PAGE_SIZE = 100  # asked for; the service may answer fewer rows a page
MAX_PAGES = 20_000  # 2,000,000 rows at 100 a page, 200,000 if the service caps pages at 10

_JOURNALS = tr("daftar jurnal")
_ACCOUNTS = tr("daftar akun")


class SempoaClient:
    """One Sempoa company (one token). Thread-safe; close it when done."""

    service = "sempoa"

    def __init__(
        self,
        transport: Transport,
        *,
        line_shape: LineShape = DEFAULT_LINE_SHAPE,
        page_size: int = PAGE_SIZE,
        max_pages: int = MAX_PAGES,
    ) -> None:
        if line_shape not in LINE_SHAPES:
            raise ValueError(f"line_shape must be one of {LINE_SHAPES}, not {line_shape!r}")
        self.transport = transport
        self.line_shape = line_shape
        self.page_size = page_size
        self.max_pages = max_pages

    @classmethod
    def create(
        cls,
        *,
        token: str,
        limiter: RateLimiter,
        base_url: str = DEFAULT_BASE_URL,
        line_shape: LineShape = DEFAULT_LINE_SHAPE,
        retry: RetryPolicy | None = None,
    ) -> SempoaClient:
        transport = Transport(
            base_url,
            service=SEMPOA,
            auth=BearerAuth(token),
            limiter=limiter,
            headers={"Accept": "application/json"},
            retry=retry,
        )
        return cls(transport, line_shape=line_shape)

    @property
    def host(self) -> str:
        return self.transport.host

    def close(self) -> None:
        self.transport.close()

    def __enter__(self) -> SempoaClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SempoaClient(base_url={self.transport.base_url!r}, lines={self.line_shape!r})"

    # -- calls ---------------------------------------------------------------------------

    def check(self, *, cancel: threading.Event | None = None) -> None:
        """Returns only on Sempoa's explicit success; AuthError when the token is refused,
        an unreadable-answer error for anything else."""
        # POST by the docs, but it changes nothing: safe to repeat.
        response = self.transport.request("POST", "check", idempotent=True, cancel=cancel)
        envelope(response, tr("pemeriksaan token"))

    def accounts(self, *, cancel: threading.Event | None = None) -> Chart:
        """Every account of `/akun`; one that another names as its `akun_induk` is a parent."""
        rows: dict[str, Mapping[str, Any]] = {}
        with _readable(_ACCOUNTS):
            for page in self._pages("akun", _ACCOUNTS, cancel):
                for row in page:
                    rows.setdefault(sempoa_records.code_of(row), row)
            return sempoa_records.chart(list(rows.values()))

    def post_journal(
        self, entry: JournalEntry, *, cancel: threading.Event | None = None
    ) -> SaveResult:
        """Post one entry. ok=True only on Sempoa's explicit success naming this journal. A
        clear refusal is a SaveResult with ok=False (already_exists=True when the reference is
        taken). An answer that confirms nothing raises UncertainOutcome: the journal may be on
        the books. What stops every entry (token, network ...) raises too."""
        what = _journal_what(entry.reference)
        try:
            response = self.transport.request(
                "POST", "jurnal", json_body=journal_body(entry, self.line_shape), cancel=cancel
            )
        except errors.UncertainOutcome as error:
            raise errors.uncertain_outcome(SEMPOA, error.reason, entry.reference) from None
        body = read_body(response)
        refused = refusal(response, body, what, entry.reference)
        if isinstance(refused, Rejected):
            return SaveResult(
                reference=entry.reference,
                ok=False,
                messages=list(refused.messages) or [refused.text],
                already_exists=isinstance(refused, AlreadyExists),
            )
        if refused is not None:
            raise refused
        saved = saved_journal(response, body, entry.reference)
        if isinstance(saved, Text):
            log.warning("POST jurnal %s: HTTP %d, %s", entry.reference, response.status, saved.en)
            raise unconfirmed_save(saved, entry.reference)
        return SaveResult(
            reference=entry.reference,
            ok=True,
            remote_id=saved.remote_id,
            remote_number=saved.referensi,
            messages=[saved.message] if saved.message else [],
        )

    def journals(self, *, cancel: threading.Event | None = None) -> Iterator[RemoteVoucher]:
        """Every journal of `/jurnal` as the service holds it (for reading a batch back)."""
        seen: set[str] = set()
        with _readable(_JOURNALS):
            for page in self._journal_pages(cancel):
                for row in page:
                    voucher = sempoa_records.voucher(row)
                    key = voucher.remote_id or voucher.number
                    if key not in seen:
                        seen.add(key)
                        yield voucher

    def journal_pages(
        self, *, first_page: int = 1, cancel: threading.Event | None = None
    ) -> Iterator[list[RemoteVoucher]]:
        """The journal list page by page, as `/jurnal` answers it (every journal, with its
        lines; Sempoa has no date filter), until an empty page. `first_page` > 1 continues a
        reading interrupted after the page before it."""
        with _readable(_JOURNALS):
            for page in self._journal_pages(cancel, first_page):
                yield [sempoa_records.voucher(row) for row in page]

    def find_journals(
        self,
        references: Iterable[str],
        *,
        cancel: threading.Event | None = None,
        on_found: Callable[[dict[str, RemoteVoucher]], None] | None = None,
    ) -> dict[str, RemoteVoucher]:
        """The journals holding these references, found by reading the list (Sempoa has no
        look-up by reference) until all are found or the list ends. `on_found` is handed
        each page's finds as the page arrives (so a caller keeps them even if a later page
        fails)."""
        wanted = set(references)
        found: dict[str, RemoteVoucher] = {}
        if not wanted:
            return found
        with _readable(_JOURNALS):
            for page in self._journal_pages(cancel):
                hits: dict[str, RemoteVoucher] = {}
                for row in page:
                    reference = sempoa_records.reference_of(row)
                    if reference in wanted and reference not in found and reference not in hits:
                        hits[reference] = sempoa_records.voucher(row)
                found.update(hits)
                if hits and on_found is not None:
                    on_found(hits)
                if len(found) == len(wanted):
                    break
        return found

    def find_journal(
        self, reference: str, *, cancel: threading.Event | None = None
    ) -> RemoteVoucher | None:
        """The journal with exactly this reference, or None."""
        return self.find_journals([reference], cancel=cancel).get(reference)

    # -- paging ----------------------------------------------------------------------------

    def _journal_pages(
        self, cancel: threading.Event | None, first_page: int = 1
    ) -> Iterator[list[Mapping[str, Any]]]:
        for rows in self._pages("jurnal", _JOURNALS, cancel, first_page):
            if not any("referensi" in row for row in rows):
                # A list that names no reference at all has changed shape: saying "not found"
                # would have entries sent again.
                raise Unreadable("no journal row has a referensi")
            yield rows

    def _pages(
        self, path: str, what: Text, cancel: threading.Event | None, first_page: int = 1
    ) -> Iterator[list[Mapping[str, Any]]]:
        """Page after page until an empty one. A short page is not the end: the service may
        cap `limit` below what is asked."""
        seen: set[bytes] = set()
        for page in range(first_page, self.max_pages + 1):
            rows = self._page(path, page, what, cancel)
            if not rows:
                return
            keys = {_fingerprint(row) for row in rows}
            if keys <= seen:  # a server that ignores `page`, or starts over
                raise _endless_list(what, page)
            seen |= keys
            yield rows
        raise _too_many_pages(what, self.max_pages)

    def _page(
        self, path: str, page: int, what: Text, cancel: threading.Event | None
    ) -> list[Mapping[str, Any]]:
        response = self.transport.request(
            "GET", path, params={"limit": self.page_size, "page": page}, cancel=cancel
        )
        rows = rows_of(envelope(response, what).get("data"))
        if rows is None:
            raise unreadable(what, response.status)
        return rows


@contextmanager
def _readable(what: Text) -> Iterator[None]:
    """Turns a row that cannot be read into the 'answer could not be read' error."""
    try:
        yield
    except Unreadable as error:
        log.warning("Sempoa %s: %s", what.en, error)
        raise unreadable(what) from None


def _fingerprint(row: Mapping[str, Any]) -> bytes:
    text = json.dumps(row, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


def _endless_list(what: Text, page: int) -> ApiError:
    return errors.ServerError(
        tr(
            "Sempoa mengirim ulang isi yang sudah dibaca untuk {what} (halaman {page}); "
            "daftarnya tidak bisa dibaca sampai habis, jadi pembacaan dihentikan. Coba lagi "
            "nanti; bila berulang, laporkan ke dukungan Jurnal Desk.",
            what=what,
            page=page,
        )
    )


def _too_many_pages(what: Text, pages: int) -> ApiError:
    return errors.ServerError(
        tr(
            "Pembacaan {what} dari Sempoa dihentikan setelah {pages} halaman tanpa mencapai "
            "akhirnya, agar tidak berjalan tanpa akhir. Laporkan ke dukungan Jurnal Desk.",
            what=what,
            pages=Count(pages),
        )
    )


def journal_body(entry: JournalEntry, line_shape: LineShape = DEFAULT_LINE_SHAPE) -> dict[str, Any]:
    """The `/jurnal` body in the chosen line shape; date YYYY-MM-DD. In `transaksi` the
    amounts are numbers (Decimal or int, written exactly by the transport's json_bytes); in
    the tutorial's arrays they are strings, as its example writes them."""
    if entry.date is None:
        raise ValueError(f"entry {entry.reference!r} has no date")
    body: dict[str, Any] = {
        "deskripsi": entry.description,
        "referensi": entry.reference,
        "tanggal": entry.date.isoformat(),
    }
    if line_shape == "transaksi":
        body["transaksi"] = [
            {"akun": line.account, "debit": _number(line.debit), "kredit": _number(line.credit)}
            for line in entry.lines
        ]
    else:
        body["akun"] = [line.account for line in entry.lines]
        body["debit"] = [_plain(line.debit) for line in entry.lines]
        body["kredit"] = [_plain(line.credit) for line in entry.lines]
    return body


def _plain(amount: Decimal) -> str:
    """'15000' for a whole amount (as Sempoa's own example writes it), '15000.50' otherwise."""
    return str(_number(amount))


def _number(amount: Decimal) -> Decimal | int:
    return int(amount) if amount == amount.to_integral_value() else amount


def _journal_what(reference: str) -> Text:
    # Translators: one journal of Sempoa's books, named by its reference: "journal JU-1".
    return ctr("jurnal di Sempoa", "jurnal {ref}", ref=reference)
