"""The sandbox: Accurate Online and Sempoa on 127.0.0.1, for demo mode, tests and benchmarks.

One listening port serves Accurate's account host (`/api/api-token.do`) and Sempoa
(`/api/integration/...`); every Accurate data host is a port of its own, so a host move
is cross-origin as in real life. Each port is a `ThreadingHTTPServer` on a daemon thread
(app.sandbox.listener).

Per request, in this order: Accurate's per-token limits, counted when the request line
arrives (`admission`: 8 in any rolling second, 8 in flight; refused with Accurate's limit
reply otherwise), the injected latency (the request is in flight meanwhile), an injected cut
connection, 5xx or limit reply, then the service itself; a save call may then be cut without
an answer (`app.sandbox.answering`, which the sandbox owns and hands to its listeners). All
state sits behind one lock.

Accurate's limit reply is `{"s": false, "d": ["Jumlah request API melebihi toleransi ..."]}`;
its HTTP status and Retry-After are undocumented, so the sandbox answers it in every plausible
way (`limit_reply`): "429", "200" (HTTP 200 with s: false) or "both" (the default), each
form with and without Retry-After, taking turns.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from typing import Protocol, TypeVar

from app.core.interpreter import full_sweeps_rare
from app.sandbox import accurate, list_fields, sempoa
from app.sandbox.accurate_faults import AccurateFaults
from app.sandbox.answering import LIMIT_REPLY_FORMS, Answering
from app.sandbox.branches import DEFAULT_BRANCHES, make_branches
from app.sandbox.faults import FaultDice, Faults
from app.sandbox.listener import Listener
from app.sandbox.master_data import MasterData
from app.sandbox.request_log import RequestRecord, SandboxStats
from app.sandbox.sempoa_faults import SempoaFaults
from app.sandbox.wire import JsonObject

# Fixed demo credentials, shown by the demo mode and the `sandbox` command. They open
# nothing but this sandbox.
DEMO_ACCURATE_TOKEN = "aat.MTAw.eyJkIjoiSnVybmFsIERlc2sgRGVtbyJ9.c2FuZGJveC1kZW1vLXRva2VuLTAx"
DEMO_ACCURATE_SECRET = "8c3a0d9e5b7f41a6b2d4e6f8a1c3e5b7"
DEMO_SEMPOA_TOKEN = "sempoa-demo-3f9a1c7e5b2d8f4a6c0e9b1d7f3a5c8e"
DEMO_COMPANY = "PT Sandbox Jurnal Desk"


class Sandbox:
    """Both services on 127.0.0.1. Use as a context manager, or start() and stop()."""

    def __init__(
        self,
        faults: Faults | None = None,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        enforce_rate_limit: bool = True,
        demo_branches: Iterable[str] = DEFAULT_BRANCHES,
        limit_reply: str = "both",
        unknown_wording: bool = False,
    ) -> None:
        """`demo_branches`: the demo Accurate company's branches (see `branches.MULTI_BRANCHES`
        for a company that needs a branch on every save). `limit_reply`: how a request over
        Accurate's limits is refused: "429", "200" (s: false) or "both" in turn.
        `unknown_wording`: Accurate answers requests asking for English or Chinese with
        wording no client knows (`unknown_wording`); Indonesian stays as confirmed."""
        if limit_reply not in LIMIT_REPLY_FORMS:
            raise ValueError(f"limit_reply must be one of {sorted(LIMIT_REPLY_FORMS)}")
        self._host, self._port = host, port
        self.limit_reply = limit_reply
        self._demo_branches = tuple(demo_branches)
        self._lock = threading.RLock()
        self._stopping = threading.Event()
        self._accurate = accurate.AccurateService()
        self._sempoa = sempoa.SempoaService()
        self._answering = Answering(
            lock=self._lock,
            stopping=self._stopping,
            accurate_service=self._accurate,
            sempoa_service=self._sempoa,
            faults=faults or Faults(),
            enforce_rate_limit=enforce_rate_limit,
            limit_reply=limit_reply,
            unknown_wording=unknown_wording,
        )
        self._main: Listener | None = None
        self._data_hosts: list[Listener] = []
        # While serving, the books (tens of thousands of saved vouchers) stay alive: full
        # collector sweeps over them held every thread, so requests that arrived meanwhile
        # were stamped together on the next one (over the limit only on the sandbox's clock).
        self._sweeps_rare: contextlib.ExitStack | None = None

    # -- life cycle ----------------------------------------------------------------------

    def start(self) -> Sandbox:
        if self._main is not None:
            return self
        self._stopping.clear()
        self._main = Listener(self._answering, self._host, self._port, "main")
        self._answering.main_origin = self._main.origin
        try:
            first_host = self._start_data_host()
        except OSError:
            self.stop()
            raise
        self._sweeps_rare = contextlib.ExitStack()
        self._sweeps_rare.enter_context(full_sweeps_rare())
        with self._lock:
            if DEMO_ACCURATE_TOKEN not in self._accurate.companies:
                self._accurate.add_company(
                    DEMO_COMPANY,
                    first_host.origin,
                    DEMO_ACCURATE_TOKEN,
                    DEMO_ACCURATE_SECRET,
                    self._demo_branches,
                )
                self._sempoa.add_company(DEMO_COMPANY, DEMO_SEMPOA_TOKEN)
            for company in self._accurate.companies.values():
                # Started again after stop(): the old ports are gone, the books are kept.
                company.host, company.previous_hosts = first_host.origin, set()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes requests sleeping through injected latency
        listeners = [self._main, *self._data_hosts] if self._main else []
        # Each listener takes up to a poll interval to notice; close them side by side.
        closers = [threading.Thread(target=listener.close) for listener in listeners]
        for closer in closers:
            closer.start()
        for closer in closers:
            closer.join()
        self._main = None
        self._answering.main_origin = None
        self._data_hosts = []
        if self._sweeps_rare is not None:
            self._sweeps_rare.close()  # the collector's thresholds as before it started
            self._sweeps_rare = None

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _start_data_host(self) -> Listener:
        listener = Listener(self._answering, self._host, 0, "data")
        self._data_hosts.append(listener)
        return listener

    # -- addresses and companies ---------------------------------------------------------

    @property
    def account_url(self) -> str:
        """Accurate's account host; api-token.do is at /api/api-token.do."""
        return self._running().origin

    @property
    def sempoa_url(self) -> str:
        return self._running().origin + sempoa.PREFIX

    def accurate_host(self, token: str = DEMO_ACCURATE_TOKEN) -> str:
        """The data host api-token.do currently reports for this token's company."""
        with self._lock:
            return self._accurate.company(token).host

    def move_host(self, token: str = DEMO_ACCURATE_TOKEN) -> str:
        """Move the company to another data host; its old hosts answer 308 from now on."""
        self._running()
        with self._lock:
            company = self._accurate.company(token)
            company.previous_hosts.add(company.host)
            fresh = [h for h in self._data_hosts if h.origin not in company.previous_hosts]
            target = fresh[0] if fresh else self._start_data_host()
            company.host = target.origin
            return target.origin

    def add_accurate_company(
        self, name: str, branches: Iterable[str] = DEFAULT_BRANCHES
    ) -> tuple[str, str]:
        """A new company on the first data host; returns its (API Token, Signature Secret).
        With more than one branch, every save must name one."""
        self._running()
        token, secret = accurate.new_api_token()
        with self._lock:
            origin = self._data_hosts[0].origin
            self._accurate.add_company(name, origin, token, secret, tuple(branches))
        return token, secret

    def branches(self, token: str = DEMO_ACCURATE_TOKEN) -> list[str]:
        """The names of the Accurate company's branches, in list order."""
        with self._lock:
            return [branch.name for branch in self._accurate.company(token).branches]

    def master_data(self, token: str = DEMO_ACCURATE_TOKEN) -> MasterData:
        """The Accurate company's departments, projects, classifications, closing date and
        field lengths (`app.sandbox.master_data`), live: change them between requests."""
        with self._lock:
            return self._accurate.company(token).master

    def withdraw_scope(self, endpoint: str, token: str = DEMO_ACCURATE_TOKEN) -> None:
        """The token's app loses the scope of `endpoint` (e.g. "branch/list.do"): calls to
        it answer 403 from now on, as for a token made without that access right."""
        with self._lock:
            self._accurate.company(token).missing_scopes.add(endpoint)

    def set_branches(self, names: Iterable[str], token: str = DEMO_ACCURATE_TOKEN) -> None:
        """Give the Accurate company these branches (as its administrator adding or removing
        branches, or the user's access to them, would). Stored vouchers keep theirs."""
        branches = make_branches(names)
        with self._lock:
            self._accurate.company(token).branches = branches

    def add_sempoa_company(self, name: str) -> str:
        """A new Sempoa company; returns its token."""
        token = _new_sempoa_token(name)
        with self._lock:
            self._sempoa.add_company(name, token)
        return token

    def revoke(self, token: str) -> None:
        """Revoke the token in whichever service issued it (as deleting it, or pressing
        Generate Token again, would)."""
        with self._lock:
            for companies in (self._accurate.companies, self._sempoa.companies):
                if token in companies:
                    companies[token].revoked = True

    def replace_token(self, token: str) -> str:
        """A new token for the same company, as the user creating a new API Token (Accurate)
        or pressing Generate Token again (Sempoa) would: the old token stops working."""
        with self._lock:
            if token in self._accurate.companies:
                fresh, _secret = accurate.new_api_token()
                _reissue(self._accurate.companies, token, fresh)
            else:
                fresh = _new_sempoa_token(token)
                _reissue(self._sempoa.companies, token, fresh)
        return fresh

    def save_attempts(self, token: str = DEMO_ACCURATE_TOKEN) -> dict[str, int]:
        """How many times each voucher number arrived in a save (stored or refused)."""
        with self._lock:
            return dict(self._accurate.company(token).save_attempts)

    def accept_repeated_numbers(self, token: str = DEMO_ACCURATE_TOKEN) -> None:
        """Let the company store a voucher number it already holds (the real service's
        answer is unknown): a client that sends twice then posts twice, visibly."""
        with self._lock:
            self._accurate.company(token).accepts_repeated_numbers = True

    def list_without_totals(self, token: str = DEMO_ACCURATE_TOKEN) -> None:
        """The journal list leaves `totalAmount` and `description` out even when asked for
        them (whether Accurate's list gives them is unconfirmed)."""
        with self._lock:
            self._accurate.company(token).list_gives_totals = False

    def list_without_versions(self, token: str = DEMO_ACCURATE_TOKEN) -> None:
        """The journal list leaves the edit counter (`optLock`) out even when asked for it
        (whether Accurate's journal list gives it is unconfirmed)."""
        with self._lock:
            self._accurate.company(token).list_gives_versions = False

    def save_answers_without_versions(self, token: str = DEMO_ACCURATE_TOKEN) -> None:
        """save.do's and bulk-save.do's `r` leave out the edit counter and the total (whether
        Accurate's save answer carries them is unconfirmed)."""
        with self._lock:
            self._accurate.company(token).save_gives_versions = False

    def list_refuses_fields(self, shape: str = "200", token: str = DEMO_ACCURATE_TOKEN) -> None:
        """The journal list refuses any request naming `optLock` or `totalAmount` in `fields`
        (assumed of it), answering in `shape`: "200" (s: false, a message naming the field),
        "400" (the same envelope at HTTP 400) or "500" (an HTML error page); see
        `app.sandbox.list_fields`."""
        list_fields.check_shape(shape)
        with self._lock:
            self._accurate.company(token).list_refuses_fields = shape

    def list_field_refusals(self, token: str = DEMO_ACCURATE_TOKEN) -> int:
        """How many journal list requests were refused for naming `optLock` or `totalAmount`."""
        with self._lock:
            return self._accurate.company(token).list_field_refusals

    def cap_list_pages(self, size: int, token: str = DEMO_ACCURATE_TOKEN) -> None:
        """The journal list answers at most `size` vouchers a page, whatever sp.pageSize asks
        (Accurate's largest page size is assumed): a few vouchers then fill several pages."""
        if size < 1:
            raise ValueError("a page holds at least one voucher")
        with self._lock:
            self._accurate.company(token).list_page_cap = size

    def honour_list_sort(self, honour: bool = True, token: str = DEMO_ACCURATE_TOKEN) -> None:
        """Whether the journal list honours `sp.sort` (a sort by id is assumed of Accurate);
        by default it answers in its own order, oldest first, whatever is asked."""
        with self._lock:
            self._accurate.company(token).list_honours_sort = honour

    def vouchers(self, token: str = DEMO_ACCURATE_TOKEN) -> list[JsonObject]:
        """The company's stored journal vouchers as saved (amounts as exact decimal strings)."""
        with self._lock:
            return copy.deepcopy(list(self._accurate.company(token).vouchers.values()))

    def sempoa_journals(self, token: str = DEMO_SEMPOA_TOKEN) -> list[JsonObject]:
        with self._lock:
            return copy.deepcopy(self._sempoa.company(token).journals)

    def edit_voucher_in_app(
        self,
        number: str,
        change: Callable[[JsonObject], JsonObject | None],
        token: str = DEMO_ACCURATE_TOKEN,
        *,
        counted: bool = True,
    ) -> None:
        """As a person changing (or, when `change` returns None, deleting) a voucher in
        Accurate's own app: the books change behind Jurnal Desk's back (for `verify`). The
        voucher's edit counter (`optLock`) grows, as on every change in Accurate; with
        `counted=False` it does not (a service whose counter misses a change: a client must
        not take the counter alone for proof)."""
        with self._lock:
            company = self._accurate.company(token)
            voucher_id = company.numbers[number]
            before = company.vouchers[voucher_id]
            changed = change(copy.deepcopy(before))
            if changed is None:
                del company.vouchers[voucher_id]
                del company.numbers[number]
            else:
                changed["optLock"] = before.get("optLock", 0) + (1 if counted else 0)
                company.vouchers[voucher_id] = changed

    def type_voucher_in_app(
        self,
        number: str,
        trans_date: str,
        lines: list[tuple[str, str, str]],
        description: str = "",
        token: str = DEMO_ACCURATE_TOKEN,
    ) -> int:
        """As a person typing a voucher in Accurate's own app (not through the API): dated
        dd/MM/yyyy, `lines` as (account number, "DEBIT" or "CREDIT", amount text). Returns
        its id. The books gain a voucher Jurnal Desk never sent (for `reconcile`)."""
        with self._lock:
            company = self._accurate.company(token)
            voucher_id = company.next_voucher_id
            company.next_voucher_id += 1
            company.vouchers[voucher_id] = {
                "id": voucher_id,
                "number": number,
                "transDate": trans_date,
                "description": description,
                "optLock": 0,
                "detailJournalVoucher": [
                    {"accountNo": account, "amountType": side, "amount": amount}
                    for account, side, amount in lines
                ],
            }
            company.numbers[number] = voucher_id
            return voucher_id

    def edit_sempoa_journal_in_app(
        self,
        referensi: str,
        change: Callable[[JsonObject], JsonObject | None],
        token: str = DEMO_SEMPOA_TOKEN,
    ) -> None:
        """The same for a Sempoa journal (stored with ISO dates and account codes)."""
        with self._lock:
            journals = self._sempoa.company(token).journals
            index = next(i for i, j in enumerate(journals) if j["referensi"] == referensi)
            changed = change(copy.deepcopy(journals[index]))
            if changed is None:
                del journals[index]
            else:
                journals[index] = changed

    def type_sempoa_journal_in_app(
        self,
        referensi: str,
        tanggal: str,
        lines: list[tuple[str, str, str]],
        deskripsi: str = "",
        token: str = DEMO_SEMPOA_TOKEN,
    ) -> None:
        """As a person typing a journal in Sempoa's own app: dated YYYY-MM-DD, `lines` as
        (account code, debit, kredit) amount texts. The books gain a journal Jurnal Desk
        never sent (for `reconcile`)."""
        with self._lock:
            self._sempoa.company(token).journals.append(
                {
                    "id": str(uuid.uuid4()),
                    "deskripsi": deskripsi,
                    "referensi": referensi,
                    "tanggal": tanggal,
                    "transaksi": [
                        {"akun": akun, "debit": debit, "kredit": kredit}
                        for akun, debit, kredit in lines
                    ],
                    "sent_as": "app",
                }
            )

    def sempoa_faults(self, token: str = DEMO_SEMPOA_TOKEN) -> SempoaFaults:
        """The Sempoa company's own hostile switches (wrong answers to valid saves, a list
        that ignores `page`): see app.sandbox.sempoa_faults."""
        with self._lock:
            return self._sempoa.company(token).faults

    def accurate_faults(self, token: str = DEMO_ACCURATE_TOKEN) -> AccurateFaults:
        """The Accurate company's own hostile switches (save answers that do not name the
        voucher sent): see app.sandbox.accurate_faults."""
        with self._lock:
            return self._accurate.company(token).faults

    def request_log(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._answering.records)

    @property
    def stats(self) -> SandboxStats:
        with self._lock:
            return self._answering.stats

    @property
    def faults(self) -> Faults:
        return self._answering.dice.faults

    @faults.setter
    def faults(self, faults: Faults) -> None:
        self._answering.dice = FaultDice(faults)

    @property
    def enforce_rate_limit(self) -> bool:
        """Whether Accurate's per-token limits refuse requests (they are counted either way)."""
        return self._answering.enforce_rate_limit

    @enforce_rate_limit.setter
    def enforce_rate_limit(self, enforce: bool) -> None:
        self._answering.enforce_rate_limit = enforce

    @property
    def unknown_wording(self) -> bool:
        """Whether English and Chinese requests are answered in wording no client knows."""
        return self._answering.unknown_wording

    def _running(self) -> Listener:
        if self._main is None:
            raise RuntimeError("the sandbox is not running: call start() first")
        return self._main


class _TokenHolder(Protocol):
    """A company of either service, as its token opens it."""

    token: str
    revoked: bool


_Company = TypeVar("_Company", bound=_TokenHolder)


def _reissue(companies: dict[str, _Company], token: str, fresh: str) -> None:
    """The company of `token` is opened by `fresh` from now on, and no longer by `token`."""
    company = companies.pop(token)
    company.token = fresh
    company.revoked = False
    companies[fresh] = company


def _new_sempoa_token(seed: str) -> str:
    return f"sempoa-{hashlib.sha256(seed.encode() + time.time_ns().to_bytes(8)).hexdigest()}"
