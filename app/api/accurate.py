"""Accurate Online over its API Token: who the token is, the chart of accounts, the company's
branches, journal vouchers.

Every call is signed (see `transport.AccurateAuth`). `api-token.do` lives on the account host
(https://account.accurate.id); everything else on the company's data host, under
`/accurate/api/`. Accurate answers logical errors as HTTP 200 with `{"s": false, "d": [...]}`:
`s` is always checked, and such an answer is a rejection, never a success.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.api import errors
from app.api.clock import ServerClock
from app.api.errors import ACCURATE, AlreadyExists, Rejected
from app.api.ratelimit import RateLimiter
from app.api.transport import (
    BULK_TIMEOUT,
    AccurateAuth,
    ApiResponse,
    RetryPolicy,
    SaveResult,
    Transport,
    messages_of,
)
from app.core.i18n import Text, tr
from app.core.journal import Account, Chart, JournalEntry, JournalLine

DEFAULT_ACCOUNT_URL = "https://account.accurate.id"
API = "accurate/api"
ACCOUNT_FIELDS = "id,no,name,accountType,isParent,suspended"
BRANCH_FIELDS = "id,name"
PAGE_SIZE = 100
BULK_LIMIT = 100
_MAX_PAGES = 10_000  # a server that never says "last page" must not loop forever


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """What `api-token.do` says about a token: the company, its data host, the user."""

    company_name: str
    company_id: int | None
    host: str
    user_name: str
    user_email: str
    license_end: date | None
    trial: bool
    admin: bool
    app_name: str


@dataclass(frozen=True, slots=True)
class Branch:
    """One of the company's branches (cabang), as `branch/list.do` lists it."""

    id: str
    name: str


class AccurateClient:
    """One Accurate company. Thread-safe (the transport is); close it when done.

    `default_branch` is the branch a voucher is written to when its entry names none: a user
    who sees more than one branch has every save without a branch refused."""

    service = "accurate"

    def __init__(
        self,
        transport: Transport,
        *,
        account_url: str = DEFAULT_ACCOUNT_URL,
        page_size: int = PAGE_SIZE,
        default_branch: str | None = None,
    ) -> None:
        self.transport = transport
        self.account_url = account_url.rstrip("/")
        self.page_size = page_size
        self.default_branch = default_branch or None

    @classmethod
    def create(
        cls,
        *,
        token: str,
        secret: str,
        limiter: RateLimiter,
        host: str | None = None,
        account_url: str = DEFAULT_ACCOUNT_URL,
        clock: ServerClock | None = None,
        language: str = "ID",
        retry: RetryPolicy | None = None,
        on_host_moved: Callable[[str], None] | None = None,
        default_branch: str | None = None,
    ) -> AccurateClient:
        """A client for the company at `host` (until known: the account host, which only
        answers `token_info`; call `use_host` with what it says)."""
        clock = clock or ServerClock()
        transport = Transport(
            host or account_url,
            service=ACCURATE,
            auth=AccurateAuth(token, secret, clock),
            limiter=limiter,
            clock=clock,
            headers={"X-Language-Profile": language, "Accept": "application/json"},
            retry=retry,
            on_host_moved=on_host_moved,
        )
        return cls(transport, account_url=account_url, default_branch=default_branch)

    @property
    def host(self) -> str:
        return self.transport.host

    def use_host(self, host: str) -> None:
        self.transport.rebase(host)

    def close(self) -> None:
        self.transport.close()

    def __enter__(self) -> AccurateClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"AccurateClient(host={self.host!r})"

    # -- token and company ---------------------------------------------------------------

    def token_info(self, *, cancel: threading.Event | None = None) -> TokenInfo:
        response = self.transport.request(
            "GET", f"{self.account_url}/api/api-token.do", cancel=cancel
        )
        body = self._data(response, tr("info API Token", "the API Token's details"))
        return _token_info(body.get("d"))

    # -- chart of accounts -----------------------------------------------------------------

    def accounts(self, *, cancel: threading.Event | None = None) -> Chart:
        """The whole chart, every page of `glaccount/list.do`."""
        accounts: list[Account] = []
        for rows in self._pages(
            "glaccount/list.do",
            {"fields": ACCOUNT_FIELDS},
            tr("daftar akun", "the chart of accounts"),
            cancel,
        ):
            accounts.extend(_account(row) for row in rows if isinstance(row, Mapping))
        return Chart(accounts)

    # -- branches ----------------------------------------------------------------------------

    def branches(self, *, cancel: threading.Event | None = None) -> list[Branch]:
        """Every branch the token's user sees, every page of `branch/list.do`."""
        branches: list[Branch] = []
        for rows in self._pages(
            "branch/list.do",
            {"fields": BRANCH_FIELDS},
            tr("daftar cabang", "the list of branches"),
            cancel,
        ):
            branches.extend(_branch(row) for row in rows if isinstance(row, Mapping))
        return [branch for branch in branches if branch.name]

    def _pages(
        self,
        endpoint: str,
        params: dict[str, Any],
        what: Text,
        cancel: threading.Event | None,
    ):
        page = 1
        while page <= _MAX_PAGES:
            response = self.transport.request(
                "GET",
                f"{API}/{endpoint}",
                params={**params, "sp.page": page, "sp.pageSize": self.page_size},
                cancel=cancel,
            )
            body = self._data(response, what)
            rows = body.get("d")
            if not isinstance(rows, list):
                raise errors.unexpected_answer(ACCURATE, what, status=response.status)
            yield rows
            page_count = _int((body.get("sp") or {}).get("pageCount"))
            if not rows or page_count is None or page >= page_count:
                return
            page += 1

    # -- journal vouchers ------------------------------------------------------------------

    def save_voucher(
        self, entry: JournalEntry, *, cancel: threading.Event | None = None
    ) -> SaveResult:
        """Save one voucher. A refusal (bad account, duplicate number ...) is a SaveResult
        with ok=False; what stops every entry (token, network ...) raises."""
        try:
            response = self.transport.request(
                "POST",
                f"{API}/journal-voucher/save.do",
                json_body=voucher_body(entry, default_branch=self.default_branch),
                cancel=cancel,
            )
        except errors.UncertainOutcome as error:
            raise _about(error, entry.reference) from None
        try:
            body = self._data(response, _voucher_what(entry.reference), entry.reference)
        except Rejected as refusal:
            return _refused(entry.reference, refusal)
        except errors.ServerError:
            # An answer that is not Accurate's (a proxy's page ...): the save may have happened.
            raise errors.uncertain_outcome(
                ACCURATE, tr("jawaban tidak dikenali", "an unknown answer"), entry.reference
            ) from None
        return _saved(entry.reference, body)

    def bulk_save(
        self, entries: Sequence[JournalEntry], *, cancel: threading.Event | None = None
    ) -> list[SaveResult]:
        """Save up to 100 vouchers in one call; one result per voucher, in order."""
        entries = list(entries)
        if len(entries) > BULK_LIMIT:
            raise ValueError(f"bulk_save takes at most {BULK_LIMIT} vouchers, got {len(entries)}")
        if not entries:
            return []
        response = self.transport.request(
            "POST",
            f"{API}/journal-voucher/bulk-save.do",
            json_body={"data": self._bodies(entries)},
            timeout=BULK_TIMEOUT,
            cancel=cancel,
        )
        what = tr("simpan {n} jurnal sekaligus", "saving {n} vouchers at once", n=len(entries))
        self._raise_for_access(response, what)
        return _bulk_results(entries, response)

    def _bodies(self, entries: Sequence[JournalEntry]) -> list[dict[str, Any]]:
        return [voucher_body(entry, default_branch=self.default_branch) for entry in entries]

    def find_voucher(
        self, number: str, *, cancel: threading.Event | None = None
    ) -> dict[str, Any] | None:
        """The voucher with exactly this number ({id, number, transDate}), or None."""
        response = self.transport.request(
            "GET",
            f"{API}/journal-voucher/list.do",
            params={
                "fields": "id,number,transDate",
                "filter.number.op": "EQUAL",
                "filter.number.val": number,
                "sp.pageSize": PAGE_SIZE,
            },
            cancel=cancel,
        )
        body = self._data(response, _voucher_what(number))
        rows = body.get("d")
        if not isinstance(rows, list):
            raise errors.unexpected_answer(ACCURATE, _voucher_what(number), response.status)
        for row in rows:
            if isinstance(row, Mapping) and str(row.get("number")) == number:
                return dict(row)
        return None

    def delete_voucher(self, number: str, *, cancel: threading.Event | None = None) -> bool:
        """Delete the voucher with this number. False when it was not there (already deleted,
        perhaps by an earlier attempt whose answer was lost): either way it is gone."""
        response = self.transport.request(
            "DELETE",
            f"{API}/journal-voucher/delete.do",
            params={"number": number},
            cancel=cancel,
        )
        try:
            self._data(response, _voucher_what(number))
        except errors.NotFound:
            return False
        except Rejected as refusal:
            if _says_not_found(refusal.messages):
                return False
            raise
        return True

    # -- answers -----------------------------------------------------------------------------

    def _data(self, response: ApiResponse, what: Text, reference: str = "") -> dict[str, Any]:
        """The body of a successful answer; raises the matching ApiError otherwise."""
        self._raise_for_access(response, what)
        body = response.body
        messages = messages_of(body, response.text)
        if not isinstance(body, dict) or "s" not in body:
            if response.status >= 400:
                raise errors.rejected(ACCURATE, messages, status=response.status)
            raise errors.unexpected_answer(ACCURATE, what, response.status)
        if body["s"] is not True or response.status >= 400:
            if errors.says_already_exists(messages):
                raise errors.already_exists(ACCURATE, reference, messages, status=response.status)
            raise errors.rejected(ACCURATE, messages, status=response.status)
        return body

    def _raise_for_access(self, response: ApiResponse, what: Text) -> None:
        """Token, signature, permission and missing-endpoint answers, whatever the body."""
        status = response.status
        messages = messages_of(response.body, response.text)
        if isinstance(response.body, dict) or status in (401, 403):
            auth = errors.accurate_auth_error(messages, status)
            if auth is not None:
                raise auth
        if status == 401:
            raise errors.generic_auth_error(ACCURATE, status, messages)
        if status == 403:
            # The body is XML naming the missing scope; its text is not for accountants.
            raise errors.permission_denied(ACCURATE, what)
        if status == 404:
            raise errors.not_found(ACCURATE, what, messages)
        if 300 <= status < 400:
            raise errors.unexpected_answer(ACCURATE, what, status)


# -- request bodies -----------------------------------------------------------------------------


def voucher_body(entry: JournalEntry, *, default_branch: str | None = None) -> dict[str, Any]:
    """The save.do body for one entry: amounts as exact decimal strings, date dd/MM/yyyy,
    and the branch: the entry's own, else `default_branch`, else none sent."""
    if entry.date is None:
        raise ValueError(f"entry {entry.reference!r} has no date")
    body: dict[str, Any] = {
        "transDate": entry.date.strftime("%d/%m/%Y"),
        "number": entry.reference,
        "detailJournalVoucher": [_line_body(line) for line in entry.lines],
    }
    if entry.description:
        body["description"] = entry.description
    branch = entry.branch.strip() or (default_branch or "").strip()
    if branch:
        body["branchName"] = branch
    return body


def _line_body(line: JournalLine) -> dict[str, Any]:
    debit = line.debit > 0
    amount = line.debit if debit else line.credit
    body: dict[str, Any] = {
        "accountNo": line.account,
        "amount": format(amount, "f"),
        "amountType": "DEBIT" if debit else "CREDIT",
    }
    if line.memo:
        body["memo"] = line.memo
    if line.department:
        body["departmentName"] = line.department
    if line.project:
        body["projectNo"] = line.project
    return body


# -- answers ----------------------------------------------------------------------------------


def _token_info(data: Any) -> TokenInfo:
    if not isinstance(data, Mapping):
        raise errors.unexpected_answer(ACCURATE, tr("info API Token", "the API Token's details"))
    company = _first_mapping(data, "data usaha", "dataUsaha", "database", "db")
    user = _first_mapping(data, "user")
    application = _first_mapping(data, "application")
    license_ = company.get("license") if isinstance(company.get("license"), Mapping) else {}
    host = company.get("host")
    if not isinstance(host, str) or not host:
        raise errors.unexpected_answer(ACCURATE, tr("alamat data usaha", "the company's host"))
    return TokenInfo(
        company_name=str(company.get("alias") or company.get("name") or ""),
        company_id=_int(company.get("id")),
        host=host.rstrip("/"),
        user_name=str(user.get("fullName") or user.get("name") or user.get("email") or ""),
        user_email=str(user.get("email") or ""),
        license_end=_dmy(license_.get("licenseEnd")),
        trial=bool(license_.get("trial")),
        admin=bool(company.get("admin")),
        app_name=str(application.get("name") or ""),
    )


def _first_mapping(data: Mapping[str, Any], *keys: str) -> Mapping[str, Any]:
    for key in keys:
        value = data.get(key)
        if isinstance(value, Mapping):
            return value
    return {}


def _account(row: Mapping[str, Any]) -> Account:
    return Account(
        code=str(row.get("no") or ""),
        name=str(row.get("name") or ""),
        is_parent=bool(row.get("isParent")),
        suspended=bool(row.get("suspended")),
        account_type=str(row.get("accountType") or ""),
    )


def _branch(row: Mapping[str, Any]) -> Branch:
    branch_id = row.get("id")
    return Branch(
        id="" if branch_id is None else str(branch_id), name=str(row.get("name") or "").strip()
    )


def _saved(reference: str, body: Mapping[str, Any]) -> SaveResult:
    record = body.get("r") if isinstance(body.get("r"), Mapping) else {}
    remote_id = record.get("id")
    return SaveResult(
        reference=reference,
        ok=True,
        remote_id=str(remote_id) if remote_id is not None else None,
        remote_number=str(record.get("number") or reference),
        messages=_strings(body.get("d")),
    )


def _refused(reference: str, refusal: Rejected) -> SaveResult:
    return SaveResult(
        reference=reference,
        ok=False,
        messages=list(refusal.messages) or [refusal.text.both()],
        already_exists=isinstance(refusal, AlreadyExists),
    )


def _bulk_results(entries: list[JournalEntry], response: ApiResponse) -> list[SaveResult]:
    """One result per voucher from bulk-save.do, whose exact shape is unconfirmed: per-voucher
    `{"s", "d", "r"}` objects in `d` (or the body itself being that list). Anything we cannot
    match voucher by voucher is an uncertain outcome for the whole chunk (looked up later)."""
    body = response.body
    items = body.get("d") if isinstance(body, dict) else body
    if (
        isinstance(items, list)
        and len(items) == len(entries)
        and all(isinstance(item, Mapping) for item in items)
    ):
        return [_bulk_item(entry, item) for entry, item in zip(entries, items, strict=True)]
    if isinstance(body, dict) and body.get("s") is False and _strings(items):
        # The whole call was refused (empty data, too many vouchers ...): nothing was saved.
        messages = _strings(items)
        refusal = (
            errors.already_exists(ACCURATE, "", messages)
            if errors.says_already_exists(messages)
            else errors.rejected(ACCURATE, messages)
        )
        return [_refused(entry.reference, refusal) for entry in entries]
    raise errors.uncertain_outcome(
        ACCURATE,
        tr(
            "jawaban simpan-sekaligus tidak bisa dicocokkan per jurnal",
            "the bulk-save answer could not be matched voucher by voucher",
        ),
    )


def _bulk_item(entry: JournalEntry, item: Mapping[str, Any]) -> SaveResult:
    messages = _strings(item.get("d"))
    ok = item.get("s")
    if ok is True:
        result = _saved(entry.reference, item)
        if result.remote_number not in (None, entry.reference):
            # Results out of order would pin one voucher's fate on another: trust none.
            raise errors.uncertain_outcome(
                ACCURATE,
                tr(
                    "urutan jawaban simpan-sekaligus tidak cocok",
                    "the bulk-save answer is not in the order sent",
                ),
            )
        return result
    if ok is False:
        return SaveResult(
            reference=entry.reference,
            ok=False,
            messages=messages,
            already_exists=errors.says_already_exists(messages),
        )
    raise errors.uncertain_outcome(ACCURATE, tr("jawaban tidak dikenali", "an unknown answer"))


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value if isinstance(item, str | int | float)]
    return []


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _dmy(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value.strip(), "%d/%m/%Y").date()
    except ValueError:
        return None


_NOT_FOUND_WORDS = ("tidak ditemukan", "not found", "未找到")


def _says_not_found(messages: list[str]) -> bool:
    return any(words in message.lower() for message in messages for words in _NOT_FOUND_WORDS)


def _voucher_what(number: str) -> Text:
    return tr("jurnal umum {n}", "journal voucher {n}", n=number)


def _about(error: errors.UncertainOutcome, reference: str) -> errors.UncertainOutcome:
    """The same uncertainty, naming the entry so the user knows which one to check."""
    return errors.uncertain_outcome(ACCURATE, error.reason, reference)
