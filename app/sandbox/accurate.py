"""Accurate Online as the API Token flow documents it: the account host's api-token.do, and
a company's data host under /accurate/api/ (GL accounts, branches and journal vouchers).

Status codes the documents leave open are chosen here: 401 for the token messages, 400 for
the X-API-Signature/X-API-Timestamp messages, and HTTP 200 with `{"s": false, "d": [...]}`
for a logical error, as Accurate does. The caller (server.py) holds the sandbox lock.

Journal vouchers follow the public evidence and no more: detail.do by id or number, delete.do
by id only, and a journal list that ignores `filter.number` (unconfirmed there). What save.do
accepts in a voucher is in vouchers.py.
"""

from __future__ import annotations

import copy
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from app.sandbox import list_fields, listing, master_data
from app.sandbox import messages as m
from app.sandbox.accurate_faults import AccurateFaults, misanswered
from app.sandbox.branches import DEFAULT_BRANCHES, SandboxBranch, branch_for_save, make_branches
from app.sandbox.chart import ACCOUNT_TYPE_NAMES, ACCURATE_CHART, GlAccount
from app.sandbox.master_data import MasterData
from app.sandbox.parties import PARTIES
from app.sandbox.timestamps import MAX_DIFFERENCE_SECONDS, read_timestamp, signature_matches
from app.sandbox.vouchers import ParsedVoucher, parse_voucher, voucher_json
from app.sandbox.wire import JsonObject, Reply, Request, json_reply

API_PREFIX = "/accurate/api/"
TOKEN_PATH = "/api/api-token.do"
BULK_LIMIT = 100

APP_NAME = "Jurnal Desk Sandbox"
APP_KEY = "0b7e6c1a-5d2f-4e8b-9a3c-7f1d2e4b6a80"


@dataclass
class AccurateCompany:
    """One Data Usaha reached by one API Token."""

    token: str
    secret: str
    id: int
    alias: str
    host: str
    user_id: int
    email: str
    accounts: dict[str, GlAccount]
    branches: list[SandboxBranch] = field(default_factory=list)  # as the token's user sees them
    parties: dict[str, dict[str, str]] = field(  # subsidiaryType -> {number: name}
        default_factory=lambda: {kind: dict(known) for kind, known in PARTIES.items()}
    )
    # Departments, projects, classifications, closing date, field lengths (master_data.py).
    master: MasterData = field(default_factory=MasterData)
    vouchers: dict[int, JsonObject] = field(default_factory=dict)  # id -> voucher as saved
    numbers: dict[str, int] = field(default_factory=dict)  # number -> id, for O(1) look-ups
    previous_hosts: set[str] = field(default_factory=set)  # these answer 308 to `host`
    missing_scopes: set[str] = field(default_factory=set)  # endpoints the token may not call
    # Every voucher number that arrived in a save, stored or refused: how many times a client
    # sent each one (a client that posts exactly once sends each number once).
    save_attempts: Counter[str] = field(default_factory=Counter)
    # The real service's answer to a repeated number is not known: a company may take it
    # (so a client that sends twice posts twice, and tests can see it).
    accepts_repeated_numbers: bool = False
    revoked: bool = False
    # Whether journal-voucher/list.do answers `totalAmount` and `description` when asked:
    # unconfirmed, so tests can have a list that does not (the client then reads details).
    list_gives_totals: bool = True
    # Whether journal-voucher/list.do answers a voucher's edit counter (`optLock`) when asked,
    # and whether save.do's and bulk-save.do's `r` carry it and `totalAmount`: Accurate keeps
    # `optLock` on its records (seen on other lists), but neither is confirmed for journal
    # vouchers, so tests can have a service that gives neither.
    list_gives_versions: bool = True
    save_gives_versions: bool = True
    # Whether journal-voucher/list.do honours `sp.sort` (`transDate|asc` is seen in use; a
    # sort by id is assumed): by default it answers in its own order, oldest first.
    list_honours_sort: bool = False
    # How journal-voucher/list.do answers a request naming `optLock` or `totalAmount` in
    # `fields` (assumed of this list): None takes them; else a shape of
    # `list_fields.REFUSAL_SHAPES` refuses the whole request. Each refusal is counted.
    list_refuses_fields: str | None = None
    list_field_refusals: int = 0
    # The largest sp.pageSize the journal list answers (assumed of Accurate: integrations use
    # 100 and more); a smaller one makes a few vouchers fill several pages.
    list_page_cap: int = listing.MAX_PAGE_SIZE
    faults: AccurateFaults = field(default_factory=AccurateFaults)  # hostile save answers
    next_voucher_id: int = 1001
    auto_sequence: int = 0


class AccurateService:
    def __init__(self) -> None:
        self.companies: dict[str, AccurateCompany] = {}

    def add_company(
        self,
        alias: str,
        host: str,
        token: str,
        secret: str,
        branches: Iterable[str] = DEFAULT_BRANCHES,
    ) -> AccurateCompany:
        number = len(self.companies)
        company = AccurateCompany(
            token=token,
            secret=secret,
            id=96400 + number,
            alias=alias,
            host=host,
            user_id=36000 + number,
            email=f"pengguna{number + 1}@contoh.co.id",
            accounts={account.no: account for account in ACCURATE_CHART},
            branches=make_branches(branches),
        )
        self.companies[token] = company
        return company

    def company(self, token: str) -> AccurateCompany:
        try:
            return self.companies[token]
        except KeyError:
            raise KeyError("no Accurate company has this token") from None

    # -- authentication ------------------------------------------------------------------

    def authenticate(self, request: Request, now: datetime) -> AccurateCompany | Reply:
        """The company the request's token opens, or the documented error reply."""
        token = request.bearer_token()
        if token is None:
            return fail(401, m.UNAUTHORIZED)
        company = self.companies.get(token)
        if company is None:
            # A token that is not even shaped like an API Token is "invalid"; a well-formed
            # one nobody issued (or deleted) reads like a revoked one.
            return fail(401, m.REVOKED_TOKEN if token.startswith("aat.") else m.INVALID_TOKEN)
        if company.revoked:
            return fail(401, m.REVOKED_TOKEN)
        return _signature_problem(request, company.secret, now) or company

    # -- account host --------------------------------------------------------------------

    def api_token_info(self, request: Request, company: AccurateCompany, today: date) -> Reply:
        if request.method not in ("GET", "POST"):
            return _method_not_allowed(request)
        license_end = today + timedelta(days=365)
        return json_reply(
            200,
            {
                "s": True,
                "d": {
                    "data usaha": {
                        "id": company.id,
                        "alias": company.alias,
                        "host": company.host,
                        "admin": True,
                        "license": {"licenseEnd": license_end.strftime("%d/%m/%Y"), "trial": False},
                    },
                    "application": {"name": APP_NAME, "appKey": APP_KEY},
                    "tokenType": "api",
                    "user": {
                        "gender": "male",
                        "nickName": company.email,
                        "mobile": None,
                        "fullName": f"Pengguna {company.alias}",
                        "id": company.user_id,
                        "locale": "in-ID",
                        "email": company.email,
                        "picture": None,
                    },
                },
            },
        )

    # -- data host -----------------------------------------------------------------------

    def data_call(self, request: Request, company: AccurateCompany) -> Reply:
        name = request.path.removeprefix(API_PREFIX)
        route = _ROUTES.get(name)
        if route is None:
            return fail(
                404, m.message("path_unknown", m.request_language(request), path=request.path)
            )
        methods, handler = route
        if request.method not in methods:
            return _method_not_allowed(request)
        if name in company.missing_scopes:
            return _scope_missing(name)
        reply = handler(self, request, company)
        reply.stores = name in _STORING
        return reply

    def _gl_accounts(self, request: Request, company: AccurateCompany) -> Reply:
        params = request.params()
        lang = m.request_language(request)
        try:
            leaf_only = listing.flag(params, "filter.leafOnly")
            suspended = listing.flag(params, "filter.suspended")
            keywords = listing.keyword_filter(params, "filter.keywords")
            page, size = listing.paging(params)
        except listing.ParamError as error:
            return fail(200, m.message("param_invalid", lang, name=error.name, value=error.value))
        accounts = [
            account
            for account in company.accounts.values()
            if (not leaf_only or not account.is_parent)
            and (suspended is None or account.suspended == suspended)
            and (keywords is None or keywords(account.no) or keywords(account.name))
        ]
        rows = [_account_json(account, company.accounts) for account in accounts]
        fields = listing.fields(params, ("id", "no", "name"))
        return listing.list_reply(rows, fields, page, size)

    def _branches(self, request: Request, company: AccurateCompany) -> Reply:
        try:
            page, size = listing.paging(request.params())
        except listing.ParamError as error:
            text = m.message(
                "param_invalid", m.request_language(request), name=error.name, value=error.value
            )
            return fail(200, text)
        rows = [branch.as_json() for branch in company.branches]
        return listing.list_reply(
            rows, listing.fields(request.params(), ("id", "name")), page, size
        )

    def _master_list(self, request: Request, company: AccurateCompany) -> Reply:
        endpoint = request.path.removeprefix(API_PREFIX)
        return master_data.list_reply(endpoint, request, company.master, company.parties)

    def _save_classification(self, request: Request, company: AccurateCompany) -> Reply:
        return master_data.save_classification(request, company.master)

    def _save(self, request: Request, company: AccurateCompany) -> Reply:
        lang = m.request_language(request)
        body = _json_object(request)
        if body is None:
            return fail(200, m.message("body_not_json", lang))
        return json_reply(200, self._save_one(body, company, lang))

    def _bulk_save(self, request: Request, company: AccurateCompany) -> Reply:
        lang = m.request_language(request)
        body = _json_object(request)
        items = body.get("data") if body is not None else None
        if not isinstance(items, list) or not items:
            return fail(200, m.message("bulk_empty", lang))
        if len(items) > BULK_LIMIT:
            text = m.message("bulk_too_many", lang, limit=BULK_LIMIT, count=len(items))
            return fail(200, text)
        results = [self._save_one(item, company, lang) for item in items]
        # "s" says the call was processed; each voucher's own outcome is in its result.
        return json_reply(200, {"s": True, "d": results})

    def _save_one(self, body: object, company: AccurateCompany, lang: str) -> JsonObject:
        if not isinstance(body, dict):
            return {"s": False, "d": [m.message("body_not_json", lang)]}
        if _text(body.get("number")):
            company.save_attempts[_text(body.get("number"))] += 1
        existing = _existing_for_edit(body, company)
        if existing is False:
            return {"s": False, "d": [m.message("voucher_not_found", lang)]}
        branch, branch_problem = branch_for_save(body, company.branches, lang)
        if branch_problem is not None:
            return {"s": False, "d": [branch_problem]}
        parsed = parse_voucher(body, company.accounts, company.parties, lang)
        if isinstance(parsed, list):
            return {"s": False, "d": parsed}
        refused = master_data.save_problems(body, parsed.trans_date, company.master, lang)
        if refused:
            return {"s": False, "d": refused}
        number = _text(body.get("number"))
        repeat_allowed = company.accepts_repeated_numbers and existing is None
        if number and not repeat_allowed and _number_taken(company, number, existing):
            return {"s": False, "d": [m.message("number_used", lang, number=number)]}
        misanswer = company.faults.next_save()
        keep = misanswer is None or misanswer.stored
        voucher = self._store(company, body, parsed, number, existing, keep=keep)
        _set_branch(voucher, branch)
        saved = m.message("voucher_saved", lang, number=voucher["number"])
        record = voucher_json(voucher, company.accounts)
        if not company.save_gives_versions:
            record = {k: v for k, v in record.items() if k not in ("optLock", "totalAmount")}
        answer = {"s": True, "r": record, "d": [saved]}
        if misanswer is None:
            return answer
        others = (other for other in company.vouchers if other != voucher["id"])
        return misanswered(misanswer.answer, answer, next(others, None))

    def _store(
        self,
        company: AccurateCompany,
        body: JsonObject,
        parsed: ParsedVoucher,
        number: str,
        existing: JsonObject | None,
        *,
        keep: bool = True,
    ) -> JsonObject:
        """The voucher as saved; kept in the books unless `keep` is False (a fault that
        answers a save it did not make)."""
        if existing is not None:
            voucher_id = existing["id"]
            number = number or existing["number"]
        else:
            voucher_id = company.next_voucher_id
            company.next_voucher_id += 1
            number = number or _auto_number(company, parsed.trans_date)
        voucher = {
            "id": voucher_id,
            "number": number,
            "transDate": parsed.trans_date.strftime("%d/%m/%Y"),
            # Accurate's edit counter: every save of an existing voucher makes it grow.
            "optLock": existing.get("optLock", 0) + 1 if existing is not None else 0,
        }
        voucher.update(
            (key, copy.deepcopy(value)) for key, value in body.items() if key not in voucher
        )
        voucher["detailJournalVoucher"] = parsed.lines
        if not keep:
            return voucher
        if existing is not None:
            company.numbers.pop(existing["number"], None)
        company.vouchers[voucher_id] = voucher
        company.numbers[number] = voucher_id
        return voucher

    def _list_vouchers(self, request: Request, company: AccurateCompany) -> Reply:
        # `filter.number` is confirmed on other lists but not on this one: the sandbox ignores
        # it (answering every voucher, page by page) so no client comes to rely on it.
        # `filter.transDate` (BETWEEN, or EQUAL, dd/MM/yyyy) is seen in use and honoured.
        params = request.params()
        if company.faults.list_limited():
            return fail(200, m.message("rate_limited", m.request_language(request)))
        shown = listing.fields(params, ("id",))
        refused = list_fields.refused_names(shown)
        if company.list_refuses_fields is not None and refused:
            company.list_field_refusals += 1
            language = m.request_language(request)
            return list_fields.refusal(company.list_refuses_fields, refused, language)
        try:
            page, size = listing.paging(params, cap=company.list_page_cap)
            in_range = listing.date_filter(params, "filter.transDate")
        except listing.ParamError as error:
            text = m.message(
                "param_invalid", m.request_language(request), name=error.name, value=error.value
            )
            return fail(200, text)
        vouchers = [
            voucher
            for voucher in company.vouchers.values()
            if (in_range is None or in_range(listing.dmy(voucher["transDate"])))
            and not company.faults.hidden(voucher["number"])
        ]
        rows = [voucher_json(voucher, company.accounts) for voucher in vouchers]
        if company.list_honours_sort:
            try:
                rows = listing.sorted_rows(rows, params)
            except listing.ParamError as error:
                text = m.message(
                    "param_invalid", m.request_language(request), name=error.name, value=error.value
                )
                return fail(200, text)
        if not company.list_gives_totals:
            shown = [name for name in shown if name not in ("totalAmount", "description")]
        if not company.list_gives_versions:
            shown = [name for name in shown if name != "optLock"]
        return listing.list_reply(rows, shown, page, size)

    def _detail(self, request: Request, company: AccurateCompany) -> Reply:
        found = _find_voucher(request, company)
        if isinstance(found, Reply):
            return found
        return json_reply(200, {"s": True, "d": voucher_json(found, company.accounts)})

    def _delete(self, request: Request, company: AccurateCompany) -> Reply:
        found = _voucher_to_delete(request, company)
        if isinstance(found, Reply):
            return found
        lang = m.request_language(request)
        closed = master_data.delete_problem(listing.dmy(found["transDate"]), company.master, lang)
        if closed is not None:
            return fail(200, closed)
        del company.vouchers[found["id"]]
        company.numbers.pop(found["number"], None)
        text = m.message("voucher_deleted", m.request_language(request), number=found["number"])
        return json_reply(200, {"s": True, "d": [text]})


_STORING = ("journal-voucher/save.do", "journal-voucher/bulk-save.do")
_ROUTES = {
    "glaccount/list.do": (("GET", "POST"), AccurateService._gl_accounts),
    "branch/list.do": (("GET", "POST"), AccurateService._branches),
    "journal-voucher/save.do": (("POST",), AccurateService._save),
    "journal-voucher/bulk-save.do": (("POST",), AccurateService._bulk_save),
    "journal-voucher/list.do": (("GET", "POST"), AccurateService._list_vouchers),
    "journal-voucher/detail.do": (("GET", "POST"), AccurateService._detail),
    "journal-voucher/delete.do": (("DELETE",), AccurateService._delete),
    **{
        name: (("GET", "POST"), AccurateService._master_list) for name in master_data.LIST_ENDPOINTS
    },
    "data-classification/save.do": (("POST",), AccurateService._save_classification),
}


def fail(status: int, text: str, *, headers: dict[str, str] | None = None) -> Reply:
    """Accurate's envelope for a refusal: `{"s": false, "d": ["<message>"]}`."""
    return json_reply(status, {"s": False, "d": [text]}, headers=headers)


def _method_not_allowed(request: Request) -> Reply:
    text = m.message(
        "method_not_allowed", m.request_language(request), method=request.method, path=request.path
    )
    return fail(405, text)


def _scope_missing(name: str) -> Reply:
    """A token whose app lacks the endpoint's scope: HTTP 403 with an XML body, as Accurate."""
    body = f'<?xml version="1.0"?><error><path>{name}</path><message>Forbidden</message></error>'
    return Reply(403, body.encode(), content_type="application/xml")


def _signature_problem(request: Request, secret: str, now: datetime) -> Reply | None:
    signature = request.header("x-api-signature")
    timestamp = request.header("x-api-timestamp")
    if not signature:
        return fail(400, m.SIGNATURE_REQUIRED)
    if not timestamp:
        return fail(400, m.TIMESTAMP_REQUIRED)
    moment = read_timestamp(timestamp.strip())
    if moment is None:
        return fail(400, m.TIMESTAMP_INVALID)
    if not signature_matches(timestamp, signature, secret):
        return fail(400, m.SIGNATURE_INVALID)
    if abs((moment - now).total_seconds()) > MAX_DIFFERENCE_SECONDS:
        return fail(400, m.TIMESTAMP_SKEW)
    return None


def _account_json(account: GlAccount, accounts: dict[str, GlAccount]) -> JsonObject:
    parent = accounts.get(account.parent_no) if account.parent_no else None
    return {
        "id": account.id,
        "no": account.no,
        "name": account.name,
        "accountType": account.account_type,
        "accountTypeName": ACCOUNT_TYPE_NAMES[account.account_type],
        # No `isParent`: no public integration shows the field, so a client must learn which
        # accounts are leaves from `filter.leafOnly=true` (or from `parent`), not from it.
        "suspended": account.suspended,
        "lvl": 2 if parent else 1,
        "parent": {"id": parent.id, "no": parent.no, "name": parent.name} if parent else None,
        "currency": {"code": account.currency},
    }


# -- journal vouchers ----------------------------------------------------------------------


def _json_object(request: Request) -> JsonObject | None:
    try:
        body = request.json_body()
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


def _text(value: object) -> str:
    if value is None:
        return ""
    return str(value).strip()


def _existing_for_edit(
    body: JsonObject, company: AccurateCompany
) -> JsonObject | Literal[False] | None:
    """The voucher an `id` edits; None for a new voucher; False for an unknown id."""
    if body.get("id") in (None, ""):
        return None
    try:
        found = company.vouchers.get(int(str(body["id"])))
    except ValueError:
        return False
    return False if found is None else found


def _number_taken(company: AccurateCompany, number: str, editing: JsonObject | None) -> bool:
    holder = company.numbers.get(number)
    return holder is not None and (editing is None or holder != editing["id"])


def _auto_number(company: AccurateCompany, trans_date: date) -> str:
    """Accurate's default Jurnal Umum numbering: JV.<year>.<month>.<sequence>."""
    used = {voucher["number"] for voucher in company.vouchers.values()}
    while True:
        company.auto_sequence += 1
        number = f"JV.{trans_date:%Y.%m}.{company.auto_sequence:05d}"
        if number not in used:
            return number


def _set_branch(voucher: JsonObject, branch: SandboxBranch | None) -> None:
    """The branch as list.do and detail.do show it: an object, and its name beside it."""
    voucher.pop("branchId", None)
    voucher.pop("branchName", None)
    voucher.pop("branch", None)
    if branch is not None:
        voucher["branch"] = branch.as_json()
        voucher["branchName"] = branch.name


def _find_voucher(request: Request, company: AccurateCompany) -> JsonObject | Reply:
    """The voucher detail.do asks for, by `number` or by `id`."""
    params = request.params()
    lang = m.request_language(request)
    number, raw_id = params.get("number"), params.get("id")
    if number:
        voucher = company.vouchers.get(company.numbers.get(number, -1))
        if voucher is None or company.faults.hidden(number):
            return fail(200, m.message("voucher_not_found", lang))
        return voucher
    if not raw_id:
        return fail(200, m.message("number_or_id_required", lang))
    return _voucher_by_id(raw_id, company, lang)


def _voucher_to_delete(request: Request, company: AccurateCompany) -> JsonObject | Reply:
    """delete.do deletes by `id` only (the vendor's list: "berdasarkan id"); a `number` is
    refused, whether or not an id comes with it, so no client can come to rely on it."""
    params = request.params()
    lang = m.request_language(request)
    if "number" in params or not params.get("id"):
        return fail(200, m.message("delete_needs_id", lang))
    return _voucher_by_id(params["id"], company, lang)


def _voucher_by_id(raw_id: str, company: AccurateCompany, lang: str) -> JsonObject | Reply:
    voucher_id = _int_or_none(raw_id)
    voucher = company.vouchers.get(voucher_id) if voucher_id is not None else None
    if voucher is None:
        return fail(200, m.message("voucher_id_invalid", lang))
    return voucher


def _int_or_none(text: str | None) -> int | None:
    try:
        return int(text) if text else None
    except ValueError:
        return None


def new_api_token() -> tuple[str, str]:
    """A fresh (API Token, Signature Secret) pair in Accurate's shapes."""
    return f"aat.MTAx.{secrets.token_urlsafe(48)}", secrets.token_hex(16)
