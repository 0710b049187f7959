"""Sempoa's integration API: token check, accounts (`/akun`), journals (`/jurnal`).

Sempoa answers `{"status": 200, "message": "Success", "data": ...}`; errors carry `status` and
`message` ("API Sempoa not authorized", "Nomor referensi sudah ada"). Two shapes of journal
lines are documented: the tutorial's parallel arrays `akun[]`, `debit[]`, `kredit[]` (strings)
and the current page's `transaksi: [{akun, debit, kredit}]` (numbers); the profile chooses.
Sempoa has no update or delete, and its list paging is read defensively (a plain list, or a
paginator object) because it is not documented.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any, Literal

from app.api import errors
from app.api.errors import SEMPOA, AlreadyExists, Rejected
from app.api.ratelimit import RateLimiter
from app.api.transport import ApiResponse, BearerAuth, RetryPolicy, SaveResult, Transport
from app.core.i18n import Text, tr
from app.core.journal import Account, Chart, JournalEntry

DEFAULT_BASE_URL = "https://sempoa.id/api/integration"
LineShape = Literal["arrays", "transaksi"]
LINE_SHAPES: tuple[LineShape, ...] = ("arrays", "transaksi")
PAGE_SIZE = 100
_MAX_PAGES = 10_000


class SempoaClient:
    """One Sempoa company (one token). Thread-safe; close it when done."""

    service = "sempoa"

    def __init__(
        self, transport: Transport, *, line_shape: LineShape = "arrays", page_size: int = PAGE_SIZE
    ) -> None:
        if line_shape not in LINE_SHAPES:
            raise ValueError(f"line_shape must be one of {LINE_SHAPES}, not {line_shape!r}")
        self.transport = transport
        self.line_shape = line_shape
        self.page_size = page_size

    @classmethod
    def create(
        cls,
        *,
        token: str,
        limiter: RateLimiter,
        base_url: str = DEFAULT_BASE_URL,
        line_shape: LineShape = "arrays",
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
        """Raises AuthError when the token is not accepted."""
        # POST by the docs, but it changes nothing: safe to repeat.
        response = self.transport.request("POST", "check", idempotent=True, cancel=cancel)
        self._data(response, tr("pemeriksaan token", "the token check"))

    def accounts(self, *, cancel: threading.Event | None = None) -> Chart:
        """Every account of `/akun`; one that another names as its `akun_induk` is a parent."""
        rows = [
            row
            for page in self._pages("akun", tr("daftar akun", "the chart of accounts"), cancel)
            for row in page
        ]
        parents = _parent_codes(rows)
        return Chart(_account(row, str(row.get("kode") or "") in parents) for row in rows)

    def post_journal(
        self, entry: JournalEntry, *, cancel: threading.Event | None = None
    ) -> SaveResult:
        """Post one entry. A refusal is a SaveResult with ok=False (already_exists=True when the
        reference is taken); what stops every entry (token, network ...) raises."""
        try:
            response = self.transport.request(
                "POST", "jurnal", json_body=journal_body(entry, self.line_shape), cancel=cancel
            )
        except errors.UncertainOutcome as error:
            raise errors.uncertain_outcome(SEMPOA, error.reason, entry.reference) from None
        try:
            body = self._data(response, _journal_what(entry.reference), entry.reference)
        except errors.ServerError:
            # An answer that is not Sempoa's (a proxy's page ...): the post may have happened.
            raise errors.uncertain_outcome(
                SEMPOA, tr("jawaban tidak dikenali", "an unknown answer"), entry.reference
            ) from None
        except Rejected as refusal:
            return SaveResult(
                reference=entry.reference,
                ok=False,
                messages=list(refusal.messages) or [refusal.text.both()],
                already_exists=isinstance(refusal, AlreadyExists),
            )
        data = body.get("data") if isinstance(body.get("data"), Mapping) else {}
        remote_id = data.get("id")
        return SaveResult(
            reference=entry.reference,
            ok=True,
            remote_id=str(remote_id) if remote_id is not None else None,
            remote_number=str(data.get("referensi") or entry.reference),
            messages=[str(body["message"])] if body.get("message") else [],
        )

    def list_journals(
        self, page: int = 1, limit: int = PAGE_SIZE, *, cancel: threading.Event | None = None
    ) -> list[dict[str, Any]]:
        rows, _last = self._page("jurnal", page, limit, tr("daftar jurnal", "the journals"), cancel)
        return rows

    def find_journal(
        self, reference: str, *, cancel: threading.Event | None = None
    ) -> dict[str, Any] | None:
        """The journal with exactly this reference, found by reading the list (Sempoa has no
        look-up by reference), or None."""
        for rows in self._pages("jurnal", _journal_what(reference), cancel):
            for row in rows:
                if str(row.get("referensi")) == reference:
                    return row
        return None

    # -- paging ----------------------------------------------------------------------------

    def _pages(
        self, path: str, what: Text, cancel: threading.Event | None
    ) -> Iterator[list[dict[str, Any]]]:
        seen: set[str] = set()
        for page in range(1, _MAX_PAGES + 1):
            rows, last_page = self._page(path, page, self.page_size, what, cancel)
            keys = {repr(sorted(row.items())) for row in rows}
            if not rows or keys <= seen:  # empty, or a server that ignores `page`
                return
            seen |= keys
            yield rows
            if (last_page is not None and page >= last_page) or (
                last_page is None and len(rows) < self.page_size
            ):
                return

    def _page(
        self, path: str, page: int, limit: int, what: Text, cancel: threading.Event | None
    ) -> tuple[list[dict[str, Any]], int | None]:
        response = self.transport.request(
            "GET", path, params={"limit": limit, "page": page}, cancel=cancel
        )
        body = self._data(response, what)
        rows, last_page = _rows_and_last_page(body.get("data"))
        if rows is None:
            raise errors.unexpected_answer(SEMPOA, what, response.status)
        return rows, last_page

    # -- answers -----------------------------------------------------------------------------

    def _data(self, response: ApiResponse, what: Text, reference: str = "") -> dict[str, Any]:
        body = response.body
        message = body.get("message") if isinstance(body, dict) else None
        messages = [str(message)] if message else _text_of(response)
        status = _status(response)
        if status == 401 or any("not authorized" in m.lower() for m in messages):
            raise errors.sempoa_not_authorized(status, messages)
        if status == 403:
            raise errors.permission_denied(SEMPOA, what, messages)
        if status == 404:
            raise errors.not_found(SEMPOA, what, messages)
        if not isinstance(body, dict):
            if status >= 400:
                raise errors.rejected(SEMPOA, messages, status=status)
            raise errors.unexpected_answer(SEMPOA, what, status)
        if status >= 400:
            if errors.says_already_exists(messages):
                raise errors.already_exists(SEMPOA, reference, messages, status=status)
            raise errors.rejected(SEMPOA, messages, status=status)
        return body


def journal_body(entry: JournalEntry, line_shape: LineShape = "arrays") -> dict[str, Any]:
    """The `/jurnal` body in the chosen line shape; date YYYY-MM-DD."""
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


def _rows_and_last_page(data: Any) -> tuple[list[dict[str, Any]] | None, int | None]:
    """Rows and the last page number from a plain list or a paginator object."""
    if isinstance(data, list):
        return [dict(row) for row in data if isinstance(row, Mapping)], None
    if not isinstance(data, Mapping):
        return None, None
    for key in ("data", "items", "rows", "list", "akun", "jurnal"):
        if isinstance(data.get(key), list):
            rows = [dict(row) for row in data[key] if isinstance(row, Mapping)]
            return rows, _last_page(data)
    return None, None


def _last_page(data: Mapping[str, Any]) -> int | None:
    meta = data.get("meta") if isinstance(data.get("meta"), Mapping) else data
    pagination = meta.get("pagination") if isinstance(meta.get("pagination"), Mapping) else meta
    for key in ("last_page", "lastPage", "total_pages", "totalPages", "page_count", "pageCount"):
        try:
            return int(pagination[key])
        except (KeyError, TypeError, ValueError):
            continue
    return None


def _parent_codes(rows: list[dict[str, Any]]) -> set[str]:
    """Codes of the accounts some other account names as its `akun_induk`.

    Sempoa names the parent by its name ("Aset"), perhaps by its code; "-" means none. A group
    and a leaf may share a name (50000 and 5000 both "Harga Pokok Penjualan"): the parent is
    then the one on a higher level (a smaller `level`) than the child."""
    codes = {str(row.get("kode")) for row in rows}
    by_name: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_name.setdefault(str(row.get("akun") or "").strip(), []).append(row)
    parents: set[str] = set()
    for row in rows:
        named = str(row.get("akun_induk") or "").strip()
        if named in ("", "-"):
            continue
        if named in codes and named != str(row.get("kode")):
            parents.add(named)
            continue
        candidates = [other for other in by_name.get(named, []) if other is not row]
        above = [other for other in candidates if _is_above(other, row)]
        parents.update(str(other.get("kode")) for other in above or candidates)
    return parents


def _is_above(candidate: Mapping[str, Any], child: Mapping[str, Any]) -> bool:
    try:
        return int(candidate.get("level")) < int(child.get("level"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return True  # no levels to compare: the name alone decides


def _account(row: Mapping[str, Any], is_parent: bool) -> Account:
    return Account(
        code=str(row.get("kode") or ""),
        name=str(row.get("akun") or row.get("nama") or ""),
        is_parent=is_parent,
        account_type=str(row.get("tipe") or ""),
    )


def _status(response: ApiResponse) -> int:
    """The HTTP status, or the body's own `status` when the HTTP one says all is well."""
    body = response.body
    if response.status < 400 and isinstance(body, dict):
        try:
            return int(body.get("status", response.status))
        except (TypeError, ValueError):
            return response.status
    return response.status


def _text_of(response: ApiResponse) -> list[str]:
    text = response.text.strip()
    return [text[:300]] if text and not text.startswith("<") else []


def _journal_what(reference: str) -> Text:
    return tr("jurnal {ref}", "journal {ref}", ref=reference)
