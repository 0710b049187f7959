"""Sempoa's `/api/integration` as documented: /check, /jurnal, /akun and /akun/<kode>, with
the envelope `{"status", "message", "data"}`.

`/jurnal` takes the current docs' `transaksi: [{akun, debit, kredit}]` with numbers (a string
amount there is refused), and still the 2023-06 tutorial's parallel arrays `akun[]`, `debit[]`,
`kredit[]`. A saved journal is answered as the service shows it: a UUID `id`, `tanggal`
dd-mm-yyyy, `nominal`, `status` "Post", and `transaksi[].akun` holding account NAMES.

What the documents leave open is chosen here in Sempoa's (Laravel) manner, and hostile where
a client could be fooled: the first problem found is the message, with status 400; lists
page with `limit`/`page`, carry no paging block, and honour at most MAX_LIMIT rows (below
what clients ask), so only an empty page says the list has ended. `SempoaFaults` adds wrong
answers to valid saves. The caller (server.py) holds the lock.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from app.sandbox.chart import SEMPOA_CHART, SempoaAccount
from app.sandbox.sempoa_faults import Misanswer, SempoaFaults
from app.sandbox.wire import JsonObject, Reply, Request, html_reply, json_reply, shown_amount

PREFIX = "/api/integration"
NOT_AUTHORIZED = "API Sempoa not authorized"
DUPLICATE_REFERENCE = "Nomor referensi sudah ada"
DEFAULT_LIMIT = 10
# Sempoa's own cap is undocumented. Below the client's page size (100) on purpose: a client
# that takes a short page for the last one misses journals here.
MAX_LIMIT = 25

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_FORM_KEY = re.compile(r"^([^\[]+)(?:\[[^\]]*\])?$")
_Item = TypeVar("_Item")  # what a list call pages through: accounts or journals


@dataclass
class SempoaCompany:
    token: str
    name: str
    accounts: dict[str, SempoaAccount]
    # As stored: account codes, ISO dates, amounts as exact strings.
    journals: list[JsonObject] = field(default_factory=list)
    revoked: bool = False
    faults: SempoaFaults = field(default_factory=SempoaFaults)


class _Invalid(Exception):
    """The first problem with a request, as Sempoa's message."""


class SempoaService:
    def __init__(self) -> None:
        self.companies: dict[str, SempoaCompany] = {}

    def add_company(self, name: str, token: str) -> SempoaCompany:
        accounts = {account.kode: account for account in SEMPOA_CHART}
        company = SempoaCompany(token=token, name=name, accounts=accounts)
        self.companies[token] = company
        return company

    def company(self, token: str) -> SempoaCompany:
        try:
            return self.companies[token]
        except KeyError:
            raise KeyError("no Sempoa company has this token") from None

    def handle(self, request: Request) -> Reply:
        token = request.bearer_token()
        company = self.companies.get(token) if token else None
        if company is None or company.revoked:
            return fail(401, NOT_AUTHORIZED)
        path = request.path.removeprefix(PREFIX).rstrip("/") or "/"
        try:
            reply = self._route(request, path, company)
        except _Invalid as problem:
            reply = fail(400, str(problem))
        # Posting a journal is the one call that stores; the drop fault may cut it afterwards.
        reply.stores = path == "/jurnal" and request.method == "POST"
        return reply

    def _route(self, request: Request, path: str, company: SempoaCompany) -> Reply:
        method = request.method
        is_read = (path, method) in (("/check", "POST"), ("/akun", "GET"), ("/jurnal", "GET"))
        misanswer = company.faults.next_read() if is_read else None
        if misanswer is not None:
            return _misanswered_read(misanswer)
        if path == "/check" and method == "POST":
            return _success(None)
        if path == "/jurnal" and method == "POST":
            return self._post_journal(request, company)
        if path == "/jurnal" and method == "GET":
            return self._list_journals(request, company)
        if path == "/akun" and method == "GET":
            return _list_accounts(request, company)
        if path.startswith("/akun/") and method == "GET":
            return _account(path.removeprefix("/akun/"), company)
        if path in ("/check", "/jurnal", "/akun") or path.startswith("/akun/"):
            return fail(405, "Method not allowed")
        return fail(404, "Not found")

    def _post_journal(self, request: Request, company: SempoaCompany) -> Reply:
        body = _body(request)
        deskripsi = _required(body, "deskripsi", "Deskripsi")
        referensi = _required(body, "referensi", "Referensi")
        if any(journal["referensi"] == referensi for journal in company.journals):
            return fail(400, DUPLICATE_REFERENCE)
        tanggal = _tanggal(_required(body, "tanggal", "Tanggal"))
        lines = _lines(body, company)
        journal = {
            "id": str(uuid.uuid4()),
            "deskripsi": deskripsi,
            "referensi": referensi,
            "tanggal": tanggal,
            "transaksi": lines,
            # Which documented line shape the client sent (for tests; never answered).
            "sent_as": "transaksi" if "transaksi" in body else "arrays",
        }
        misanswer = company.faults.next_save()
        if misanswer is None or misanswer.stored:
            company.journals.append(journal)
        if misanswer is not None:
            return _misanswered(misanswer, journal, company)
        return _success(_journal_json(journal, company))

    def _list_journals(self, request: Request, company: SempoaCompany) -> Reply:
        page = _page(request, company.journals, ignore_page=company.faults.ignore_page)
        shown = [journal for journal in page if not company.faults.hidden(journal["referensi"])]
        return _success([_journal_json(journal, company) for journal in shown])


def fail(status: int, message: str) -> Reply:
    return json_reply(status, {"status": status, "message": message})


def _success(data: object) -> Reply:
    return json_reply(200, {"status": 200, "message": "Success", "data": data})


def _misanswered_read(answer: str) -> Reply:
    if answer == "gagal":
        return json_reply(200, {"status": "error", "message": "Gagal memuat data"})
    return _wrong_answer(answer)


def _wrong_answer(answer: str) -> Reply:
    """The answers at HTTP 200 that say nothing, shared by reads and saves."""
    if answer == "success_false":
        return json_reply(200, {"success": False, "message": "Terjadi kesalahan"})
    if answer == "empty":
        return json_reply(200, {})
    if answer == "data_null":
        return _success(None)
    return html_reply(200, "Sempoa")  # "html"


def _misanswered(misanswer: Misanswer, journal: JsonObject, company: SempoaCompany) -> Reply:
    """A valid save answered in one of the ways SempoaFaults offers."""
    answer = misanswer.answer
    if answer == "gagal":
        return json_reply(200, {"status": "error", "message": "Gagal menyimpan jurnal"})
    if answer == "refused_at_200":
        return json_reply(200, {"status": 400, "message": "Jurnal ditolak oleh sandbox."})
    if answer in ("success_false", "empty", "data_null", "html"):
        return _wrong_answer(answer)
    shown = _journal_json(journal, company)
    if answer == "other_reference":
        return _success({**shown, "referensi": f"{journal['referensi']}-LAIN"})
    if answer == "no_reference":
        return _success({key: value for key, value in shown.items() if key != "referensi"})
    if answer == "contradicting":
        return json_reply(
            200, {"status": 200, "message": "Success", "data": shown, "success": False}
        )
    if answer == "status_text":
        return json_reply(200, {"status": "200", "message": "Success", "data": shown})
    return json_reply(201, {"status": 200, "message": "Success", "data": shown})  # "created"


def _list_accounts(request: Request, company: SempoaCompany) -> Reply:
    page = _page(request, list(company.accounts.values()), ignore_page=company.faults.ignore_page)
    return _success([account.as_json() for account in page])


def _account(kode: str, company: SempoaCompany) -> Reply:
    account = company.accounts.get(kode)
    if account is None:
        return fail(404, f"Akun {kode} tidak ditemukan.")
    return _success(account.as_json())


def _page(request: Request, items: list[_Item], *, ignore_page: bool = False) -> list[_Item]:
    limit = min(_number_param(request, "limit", DEFAULT_LIMIT), MAX_LIMIT)
    page = 1 if ignore_page else _number_param(request, "page", 1)
    start = (page - 1) * limit
    return items[start : start + limit]


def _number_param(request: Request, name: str, default: int) -> int:
    raw = request.query.get(name, "")
    if raw == "":
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise _Invalid(f"Parameter {name} harus berupa angka lebih dari 0.")
    return int(raw)


# -- reading a journal ---------------------------------------------------------------------


def _body(request: Request) -> JsonObject:
    """The fields of a JSON body, or of a form body (`akun[]=1000&akun[]=1001` or `akun[0]=`)."""
    if request.is_form():
        fields: JsonObject = {}
        for key, value in request.form_pairs():
            match = _FORM_KEY.match(key)
            name = match.group(1) if match else key
            if key.endswith("]"):
                listed = fields.setdefault(name, [])
                if isinstance(listed, list):
                    listed.append(value)
            else:
                fields[name] = value
        return fields
    try:
        body = request.json_body()
    except ValueError:
        raise _Invalid("Format data tidak valid, kirim JSON.") from None
    if not isinstance(body, dict):
        raise _Invalid("Format data tidak valid, kirim JSON.")
    return body


def _required(body: JsonObject, name: str, label: str) -> str:
    value = body.get(name)
    text = "" if value is None else str(value).strip()
    if not text:
        raise _Invalid(f"{label} wajib diisi.")
    return text


def _tanggal(text: str) -> str:
    match = _ISO_DATE.fullmatch(text)
    try:
        if match:
            return date(*map(int, match.groups())).isoformat()
    except ValueError:
        pass
    raise _Invalid(f"Tanggal {text} tidak valid, gunakan format YYYY-MM-DD.")


def _lines(body: JsonObject, company: SempoaCompany) -> list[JsonObject]:
    raw_lines = _raw_lines(body)
    if len(raw_lines) < 2:
        raise _Invalid("Transaksi jurnal minimal 2 baris.")
    # The current docs show numbers in `transaksi`; the tutorial's arrays carry strings.
    numbers_only = "transaksi" in body
    lines = [
        _line(raw, number, company, numbers_only) for number, raw in enumerate(raw_lines, start=1)
    ]
    debit = sum((Decimal(line["debit"]) for line in lines), Decimal(0))
    kredit = sum((Decimal(line["kredit"]) for line in lines), Decimal(0))
    if debit != kredit:
        raise _Invalid(
            f"Jurnal tidak seimbang: total debit {shown_amount(debit)} tidak sama dengan "
            f"total kredit {shown_amount(kredit)}."
        )
    return lines


def _raw_lines(body: JsonObject) -> list[object]:
    """The lines in either documented shape: `transaksi: [{akun, debit, kredit}]`, or the
    tutorial's parallel arrays `akun[]`, `debit[]`, `kredit[]`."""
    if "transaksi" in body:
        transaksi = body["transaksi"]
        if not isinstance(transaksi, list):
            raise _Invalid("Transaksi harus berupa daftar baris jurnal.")
        return transaksi
    columns = [body.get(name) for name in ("akun", "debit", "kredit")]
    if all(column is None for column in columns):
        raise _Invalid("Transaksi jurnal wajib diisi.")
    if not all(isinstance(column, list) for column in columns):
        raise _Invalid("Akun, debit dan kredit harus berupa array.")
    akun, debit, kredit = columns
    if not len(akun) == len(debit) == len(kredit):  # type: ignore[arg-type]  # lists, checked above
        raise _Invalid("Jumlah akun, debit dan kredit harus sama.")
    return [
        {"akun": a, "debit": d, "kredit": k}
        for a, d, k in zip(akun, debit, kredit, strict=True)  # type: ignore[arg-type]  # lists, checked above
    ]


def _line(raw: object, number: int, company: SempoaCompany, numbers_only: bool) -> JsonObject:
    if not isinstance(raw, dict):
        raise _Invalid(f"Baris {number} tidak valid.")
    kode = "" if raw.get("akun") is None else str(raw["akun"]).strip()
    if not kode:
        raise _Invalid(f"Akun pada baris {number} wajib diisi.")
    account = company.accounts.get(kode)
    if account is None:
        raise _Invalid(f"Akun {kode} tidak ditemukan.")
    if account.is_group:
        raise _Invalid(f"Akun {kode} adalah akun induk dan tidak bisa dipakai di jurnal.")
    debit = _amount(raw.get("debit"), "Debit", number, numbers_only)
    kredit = _amount(raw.get("kredit"), "Kredit", number, numbers_only)
    if (debit > 0) == (kredit > 0):
        raise _Invalid(f"Baris {number} harus berisi debit atau kredit, salah satu saja.")
    return {"akun": kode, "debit": str(debit), "kredit": str(kredit)}


def _amount(value: object, label: str, number: int, numbers_only: bool) -> Decimal:
    if numbers_only and isinstance(value, str):
        raise _Invalid(f"{label} pada baris {number} harus berupa angka.")
    if value is None or value == "":
        return Decimal(0)
    problem = _Invalid(f"{label} pada baris {number} harus berupa angka tidak negatif.")
    if isinstance(value, bool) or not isinstance(value, (int, str, Decimal)):
        raise problem
    try:
        amount = Decimal(value.strip()) if isinstance(value, str) else Decimal(value)
    except InvalidOperation:
        raise problem from None
    if not amount.is_finite() or amount < 0:
        raise problem
    return amount


def _journal_json(journal: JsonObject, company: SempoaCompany) -> JsonObject:
    """A stored journal as Sempoa shows it: dd-mm-yyyy, account names, numbers."""
    lines: list[JsonObject] = [
        {
            "akun": _account_name(line["akun"], company),
            "debit": Decimal(line["debit"]),
            "kredit": Decimal(line["kredit"]),
        }
        for line in journal["transaksi"]
    ]
    year, month, day = journal["tanggal"].split("-")
    return {
        "id": journal["id"],
        "tanggal": f"{day}-{month}-{year}",
        "referensi": journal["referensi"],
        "deskripsi": journal["deskripsi"],
        "nominal": sum((line["debit"] for line in lines), Decimal(0)),
        "status": "Post",
        "transaksi": lines,
    }


def _account_name(kode: str, company: SempoaCompany) -> str:
    account = company.accounts.get(kode)
    return account.akun if account is not None else kode
