"""Accurate Online over its API Token: who the token is, the chart of accounts, the company's
branches, journal vouchers.

Every call is signed (see `auth.AccurateAuth`). `api-token.do` lives on the account host
(https://account.accurate.id); everything else on the company's data host, under
`/accurate/api/`. Accurate answers logical errors as HTTP 200 with `{"s": false, "d": [...]}`:
`s` is always checked, and such an answer is a rejection, never a success.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

from app.api import accurate_company, errors, reply_language
from app.api import reply_wording as wording
from app.api.accurate_company import Branch, TokenInfo
from app.api.accurate_list_fields import (
    CONFIRMED_FIELDS,
    REFUSAL_SERVER_STATUSES,
    ListFields,
    company_key,
    may_refuse_fields,
)
from app.api.accurate_master import MasterKind, MasterRecord, master_records
from app.api.accurate_vouchers import (
    VoucherProblem,
    bulk_results,
    listed_voucher,
    not_sendable,
    refused_result,
    remote_voucher,
    saved_result,
    voucher_body,
)
from app.api.auth import AccurateAuth
from app.api.clock import ServerClock
from app.api.deadlines import bulk_deadline
from app.api.errors import ACCURATE, Rejected
from app.api.ratelimit import RateLimiter
from app.api.records import RemoteVoucher
from app.api.redirects import data_host_allowed, refused_data_host
from app.api.retrying import RetryPolicy, messages_of
from app.api.transport import BULK_TIMEOUT, Transport
from app.api.wire import ApiResponse, SaveResult, object_at
from app.core.books.journal import Chart, JournalEntry
from app.core.i18n import Text, tr

__all__ = ["AccurateClient", "Branch", "TokenInfo", "VoucherProblem", "voucher_body"]

DEFAULT_ACCOUNT_URL = "https://account.accurate.id"
API = "accurate/api"
# `isParent` is asked for but not relied on (no public integration shows it): which accounts
# take journal lines comes from a second, leaf-only listing (see `accounts`).
ACCOUNT_FIELDS = "id,no,name,accountType,suspended,isParent,parent,parentNo"
LEAF_FIELDS = "id,no"
BRANCH_FIELDS = "id,name"
VOUCHER_LIST_FIELDS = CONFIRMED_FIELDS
# What a period's reconciliation asks of each list row: enough to tell a voucher and, for one
# not from Jurnal Desk, to match it by date and amount without reading its lines; and its
# edit counter (`optLock`, seen on Accurate's list rows of other records, unconfirmed on this
# list), which with the total proves a voucher from Jurnal Desk unchanged since it was
# compared. A row that lacks either is read with its lines; a list that refuses them is asked
# again for VOUCHER_LIST_FIELDS only (`accurate_list_fields`).
VOUCHER_PERIOD_FIELDS = "id,number,transDate,description,totalAmount,optLock"
PAGE_SIZE = 100
BULK_LIMIT = 100
# A listing longer than this (100,000 rows at 100 a page) is not a company's chart: stop with
# a clear error rather than read for many minutes (or forever, from a server that never ends).
MAX_PAGES = 1000


class AccurateClient:
    """One Accurate company. Thread-safe (the transport is); close it when done.

    `default_branch` is the branch a voucher is written to when its entry names none: a user
    who sees more than one branch has every save without a branch refused. `company_key`
    names the company (`accurate_list_fields.company_key` of its token) for what this process
    learns of its journal list; None: learned for this client only."""

    service = "accurate"

    def __init__(
        self,
        transport: Transport,
        *,
        account_url: str = DEFAULT_ACCOUNT_URL,
        page_size: int = PAGE_SIZE,
        default_branch: str | None = None,
        company_key: str | None = None,
    ) -> None:
        self.transport = transport
        self.account_url = account_url.rstrip("/")
        self.page_size = page_size
        self.default_branch = default_branch or None
        self.list_fields = ListFields(company_key)

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
        answers `token_info`; call `use_host` with what it says). `language` is the
        company's chosen message language; requests ask for it only where its wording is
        confirmed, else for Indonesian (`reply_language`)."""
        clock = clock or ServerClock()
        asked = reply_language.asked_language(language)
        transport = Transport(
            host or account_url,
            service=ACCURATE,
            auth=AccurateAuth(token, secret, clock),
            limiter=limiter,
            clock=clock,
            headers={reply_language.HEADER: asked, "Accept": "application/json"},
            retry=retry,
            on_host_moved=on_host_moved,
        )
        return cls(
            transport,
            account_url=account_url,
            default_branch=default_branch,
            company_key=company_key(token),
        )

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
        body = self._data(response, tr("info API Token"))
        info = accurate_company.token_info(body.get("d"))
        # The token and signature go wherever this host says, for good: only Accurate's own.
        if not data_host_allowed(ACCURATE, self.account_url, info.host):
            raise refused_data_host(ACCURATE, self.account_url, info.host)
        return info

    # -- chart of accounts -----------------------------------------------------------------

    def accounts(self, *, cancel: threading.Event | None = None) -> Chart:
        """The whole chart, every page of `glaccount/list.do`.

        Which accounts can take journal lines is asked with `filter.leafOnly=true` in a second
        listing rather than read from one field; an account that another names as its parent
        is a parent too (should the filter be ignored)."""
        what = tr("daftar akun")
        rows = list(self._rows("glaccount/list.do", {"fields": ACCOUNT_FIELDS}, what, cancel))
        leaf_params = {"fields": LEAF_FIELDS, "filter.leafOnly": "true"}
        leaves = self._rows("glaccount/list.do", leaf_params, what, cancel)
        return accurate_company.chart(rows, leaves)

    def _rows(
        self,
        endpoint: str,
        params: dict[str, Any],
        what: Text,
        cancel: threading.Event | None,
    ) -> Iterator[Mapping[str, Any]]:
        for rows in self._pages(endpoint, params, what, cancel):
            yield from (row for row in rows if isinstance(row, Mapping))

    # -- branches ----------------------------------------------------------------------------

    def branches(self, *, cancel: threading.Event | None = None) -> list[Branch]:
        """Every branch the token's user sees, every page of `branch/list.do`."""
        what = tr("daftar cabang")
        rows = self._rows("branch/list.do", {"fields": BRANCH_FIELDS}, what, cancel)
        branches = [accurate_company.branch(row) for row in rows]
        return [branch for branch in branches if branch.name]

    # -- master data: departments, projects, parties, classifications ---------------------------

    def master_list(
        self, kind: MasterKind, *, cancel: threading.Event | None = None
    ) -> list[MasterRecord]:
        """Every record of one master-data list (`<kind>/list.do`, every page)."""
        what = tr("daftar {k}", k=kind.value[0])
        rows = self._rows(kind.endpoint, {"fields": kind.fields}, what, cancel)
        return master_records(kind, rows)

    def save_classification(
        self, index: int, name: str, *, cancel: threading.Event | None = None
    ) -> None:
        """Create data classification `name` in Kategori Keuangan `index`; a refusal raises."""
        what = tr("Kategori Keuangan {n} {v}", n=index, v=name)
        response = self.transport.request(
            "POST",
            f"{API}/data-classification/save.do",
            json_body={"index": index, "name": name},
            cancel=cancel,
        )
        self._data(response, what)

    def _pages(
        self,
        endpoint: str,
        params: dict[str, Any],
        what: Text,
        cancel: threading.Event | None,
        first_page: int = 1,
        read_page: PageReader | None = None,
    ) -> Iterator[list[Any]]:
        read_page = read_page or self._page
        for page in range(first_page, MAX_PAGES + 1):
            rows, paging = read_page(endpoint, params, what, cancel, page)
            yield rows
            if not rows or paging.page_count is None or page >= paging.page_count:
                return
        raise _too_many_pages(what, None)

    def _page(
        self,
        endpoint: str,
        params: dict[str, Any],
        what: Text,
        cancel: threading.Event | None,
        page: int,
        final_statuses: Sequence[int] = (),
    ) -> tuple[list[Any], Paging]:
        """One page of a list and its paging block (`sp`)."""
        response = self.transport.request(
            "GET",
            f"{API}/{endpoint}",
            params={**params, "sp.page": page, "sp.pageSize": self.page_size},
            cancel=cancel,
            final_statuses=final_statuses,
        )
        body = self._data(response, what)
        rows = body.get("d")
        if not isinstance(rows, list):
            raise errors.unexpected_answer(ACCURATE, what, status=response.status)
        sp = object_at(body, "sp")
        paging = Paging(
            accurate_company.int_or_none(sp.get("pageCount")),
            accurate_company.int_or_none(sp.get("rowCount")),
        )
        if paging.page_count is not None and paging.page_count > MAX_PAGES:
            raise _too_many_pages(what, paging.page_count)
        return rows, paging

    # -- journal vouchers ------------------------------------------------------------------

    def save_voucher(
        self, entry: JournalEntry, *, cancel: threading.Event | None = None
    ) -> SaveResult:
        """Save one voucher. A refusal (bad account, duplicate number ...) is a SaveResult
        with ok=False; what stops every entry (token, network ...) raises."""
        try:
            body = voucher_body(entry, default_branch=self.default_branch)
        except VoucherProblem as problem:
            return not_sendable(entry.reference, problem)
        try:
            response = self.transport.request(
                "POST", f"{API}/journal-voucher/save.do", json_body=body, cancel=cancel
            )
        except errors.UncertainOutcome as error:
            raise _about(error, entry.reference) from None
        try:
            answer = self._data(response, _voucher_what(entry.reference), entry.reference)
        except Rejected as refusal:
            return refused_result(entry.reference, refusal)
        except errors.ServerError:
            # An answer that is not Accurate's (a proxy's page ...): the save may have happened.
            raise errors.uncertain_outcome(
                ACCURATE, tr("jawaban tidak dikenali"), entry.reference
            ) from None
        return saved_result(entry.reference, answer)

    def bulk_save(
        self, entries: Sequence[JournalEntry], *, cancel: threading.Event | None = None
    ) -> list[SaveResult]:
        """Save up to 100 vouchers in one call; one result per voucher, in order. An entry
        that cannot be written as a voucher is refused here and the others are sent."""
        entries = list(entries)
        if len(entries) > BULK_LIMIT:
            raise ValueError(f"bulk_save takes at most {BULK_LIMIT} vouchers, got {len(entries)}")
        local: dict[int, SaveResult] = {}
        sendable: list[tuple[JournalEntry, dict[str, Any]]] = []
        for index, entry in enumerate(entries):
            try:
                sendable.append((entry, voucher_body(entry, default_branch=self.default_branch)))
            except VoucherProblem as problem:
                local[index] = not_sendable(entry.reference, problem)
        sent = iter(self._bulk_send(sendable, cancel) if sendable else [])
        return [local[index] if index in local else next(sent) for index in range(len(entries))]

    def _bulk_send(
        self,
        sendable: list[tuple[JournalEntry, dict[str, Any]]],
        cancel: threading.Event | None,
    ) -> list[SaveResult]:
        response = self.transport.request(
            "POST",
            f"{API}/journal-voucher/bulk-save.do",
            json_body={"data": [body for _entry, body in sendable]},
            timeout=BULK_TIMEOUT,
            deadline=bulk_deadline(len(sendable)),
            cancel=cancel,
        )
        what = tr("simpan {n} jurnal sekaligus", n=len(sendable))
        self._raise_for_access(response, what)
        return bulk_results([entry for entry, _body in sendable], response)

    def voucher_detail(
        self,
        *,
        voucher_id: str | None = None,
        number: str | None = None,
        cancel: threading.Event | None = None,
    ) -> RemoteVoucher | None:
        """The voucher with this id or number, as `journal-voucher/detail.do` holds it.

        None only when the answer says plainly that there is no such voucher; any other
        answer that is not a voucher raises, so a caller deciding whether to send an entry
        again keeps it uncertain instead."""
        if (voucher_id is None) == (number is None):
            raise ValueError("voucher_detail takes a voucher_id or a number (one of them)")
        params: dict[str, str]
        if voucher_id is not None:
            params, what = {"id": voucher_id}, _voucher_id_what(voucher_id)
        else:
            params, what = {"number": str(number)}, _voucher_what(str(number))
        response = self.transport.request(
            "GET", f"{API}/journal-voucher/detail.do", params=params, cancel=cancel
        )
        if _says_gone(response):
            return None
        try:
            self._data(response, what)
        except Rejected as refusal:
            raise _lookup_not_understood(what, refusal) from None
        return remote_voucher(_exact_body(response).get("d"), what)

    def voucher_pages(
        self,
        first: date,
        last: date,
        *,
        cancel: threading.Event | None = None,
        fields: str = VOUCHER_LIST_FIELDS,
        first_page: int = 1,
    ) -> Iterator[list[RemoteVoucher]]:
        """Every voucher dated `first` to `last` (both included), page by page as
        journal-voucher/list.do answers (id, number and date, and the other `fields` the
        list gives; no lines), 100 a page. The date filter (`filter.transDate` BETWEEN) is
        seen in public integrations; a service that ignored it would answer more vouchers,
        never fewer, so whatever is looked for in these pages is judged by its own number and
        date. `first_page` > 1 continues a reading interrupted after the page before it. A
        list that refuses the unconfirmed fields is asked for the confirmed ones only
        (`_period_page`)."""
        what = tr("daftar jurnal umum")
        params = {
            "fields": fields,
            "filter.transDate.op": "BETWEEN",
            "filter.transDate.val[0]": first.strftime("%d/%m/%Y"),
            "filter.transDate.val[1]": last.strftime("%d/%m/%Y"),
        }
        pages = self._pages(
            "journal-voucher/list.do", params, what, cancel, first_page, self._period_page
        )
        for rows in pages:
            yield [listed_voucher(row, what) for row in rows]

    def _period_page(
        self,
        endpoint: str,
        params: dict[str, Any],
        what: Text,
        cancel: threading.Event | None,
        page: int,
    ) -> tuple[list[Any], Paging]:
        """One page of the journal list with the fields asked; when the list refuses a
        request naming unconfirmed fields in a way that may be about them, the same page
        again with the confirmed fields only, which are then the only ones asked. A refusal
        of that second request is the list's refusal, raised as any other."""
        asked = self.list_fields.usable(params["fields"], self.host)
        if asked == CONFIRMED_FIELDS:
            return self._page(endpoint, {**params, "fields": asked}, what, cancel, page)
        try:
            return self._page(
                endpoint,
                {**params, "fields": asked},
                what,
                cancel,
                page,
                final_statuses=REFUSAL_SERVER_STATUSES,
            )
        except Rejected as refusal:
            if not may_refuse_fields(refusal):
                raise
            refused = refusal
        answer = self._page(endpoint, {**params, "fields": CONFIRMED_FIELDS}, what, cancel, page)
        self.list_fields.learn_refused(asked, self.host, refused)
        return answer

    @property
    def journal_list_refuses_fields(self) -> bool:
        """Whether the journal list is known to refuse fields beyond the confirmed ones (it
        is then asked for those only)."""
        return self.list_fields.only_confirmed(self.host)

    def voucher_list_page(
        self,
        first: date,
        last: date,
        page: int,
        *,
        newest_first: bool = False,
        cancel: threading.Event | None = None,
    ) -> VoucherPage:
        """Page `page` of the journal list of `first` to `last` (id, number and date), 100
        vouchers a page. `newest_first` asks for `sp.sort=id|desc`; whether the service
        honours a sort by id is assumed, so a caller judges the order by the ids answered."""
        what = tr("daftar jurnal umum")
        params = {
            "fields": VOUCHER_LIST_FIELDS,
            "filter.transDate.op": "BETWEEN",
            "filter.transDate.val[0]": first.strftime("%d/%m/%Y"),
            "filter.transDate.val[1]": last.strftime("%d/%m/%Y"),
        }
        if newest_first:
            params["sp.sort"] = "id|desc"
        rows, paging = self._page("journal-voucher/list.do", params, what, cancel, page)
        vouchers = [listed_voucher(row, what) for row in rows]
        return VoucherPage(page, vouchers, paging.page_count, paging.row_count)

    def find_voucher(
        self, number: str, *, cancel: threading.Event | None = None
    ) -> RemoteVoucher | None:
        """The voucher with exactly this number, or None. Looked up with detail.do (confirmed)
        rather than the journal list's `filter.number` (unconfirmed: a list that ignored it
        would answer with other vouchers); a voucher answered under another number is not it."""
        found = self.voucher_detail(number=number, cancel=cancel)
        if found is None or found.number != number:
            return None
        return found

    def delete_voucher(self, voucher_id: str, *, cancel: threading.Event | None = None) -> bool:
        """Delete the voucher with this id (Accurate deletes by id only). False when it was
        not there (already deleted, perhaps by an earlier attempt whose answer was lost):
        either way it is gone."""
        if not str(voucher_id).strip():
            raise ValueError("delete_voucher needs the voucher's id")
        what = _voucher_id_what(voucher_id)
        response = self.transport.request(
            "DELETE", f"{API}/journal-voucher/delete.do", params={"id": voucher_id}, cancel=cancel
        )
        if _says_gone(response):
            return False
        self._data(response, what)
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
            if wording.says_already_exists(messages):
                raise errors.already_exists(ACCURATE, reference, messages, status=response.status)
            raise errors.rejected(ACCURATE, messages, status=response.status)
        return body

    def _raise_for_access(self, response: ApiResponse, what: Text) -> None:
        """Token, signature, permission and missing-endpoint answers, whatever the body."""
        status = response.status
        messages = messages_of(response.body, response.text)
        if isinstance(response.body, dict) or status in (401, 403):
            auth = wording.accurate_auth_error(messages, status)
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


# -- answers ----------------------------------------------------------------------------------


class PageReader(Protocol):
    """How `_pages` reads one page: `AccurateClient._page` or a reader built on it."""

    def __call__(
        self,
        endpoint: str,
        params: dict[str, Any],
        what: Text,
        cancel: threading.Event | None,
        page: int,
    ) -> tuple[list[Any], Paging]: ...


@dataclass(frozen=True, slots=True)
class Paging:
    """A list answer's paging block: None where the answer leaves a number out."""

    page_count: int | None
    row_count: int | None


@dataclass(frozen=True, slots=True)
class VoucherPage:
    """One page of the journal list, with the list's size as this answer gave it."""

    number: int
    vouchers: list[RemoteVoucher]
    page_count: int | None
    row_count: int | None


def _too_many_pages(what: Text, page_count: int | None) -> errors.ServerError:
    pages = str(page_count) if page_count is not None else f"> {MAX_PAGES}"
    return errors.ServerError(
        tr(
            "Accurate Online menjawab {what} dengan {pages} halaman; Jurnal Desk berhenti "
            "membaca setelah {max} halaman agar tidak berjalan berjam-jam. Jawaban sebesar ini "
            "tidak wajar: coba lagi nanti, dan bila berulang laporkan ke dukungan Jurnal Desk.",
            what=what,
            pages=pages,
            max=MAX_PAGES,
        )
    )


def _says_gone(response: ApiResponse) -> bool:
    """Accurate's own answer (its envelope, at 200 or 404) that the voucher is not there. A
    proxy's "404 Not Found" page, or a 404 for an unknown address, is not such an answer."""
    body = response.body
    if response.status not in (200, 404) or not isinstance(body, dict):
        return False
    return body.get("s") is False and wording.says_not_found(messages_of(body, response.text))


def _exact_body(response: ApiResponse) -> dict[str, Any]:
    """The answer read again with decimals kept exact (the transport reads floats)."""
    try:
        body = json.loads(response.text, parse_float=Decimal)
    except ValueError:
        body = response.body
    return body if isinstance(body, dict) else {}


def _lookup_not_understood(what: Text, refusal: Rejected) -> errors.ServerError:
    """A look-up answered with a refusal that does not say "not found": the voucher may well
    be there, so this must not read as "absent" (that would send the entry a second time)."""
    error = errors.unexpected_answer(
        ACCURATE,
        tr("{what} ({m})", what=what, m="; ".join(refusal.messages)),
        status=refusal.status,
    )
    error.messages = list(refusal.messages)
    return error


def _voucher_what(number: str) -> Text:
    return tr("jurnal umum {n}", n=number)


def _voucher_id_what(voucher_id: str) -> Text:
    return tr("jurnal umum id {n}", n=voucher_id)


def _about(error: errors.UncertainOutcome, reference: str) -> errors.UncertainOutcome:
    """The same uncertainty, naming the entry so the user knows which one to check."""
    return errors.uncertain_outcome(ACCURATE, error.reason, reference)
