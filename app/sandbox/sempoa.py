"""Sempoa's `/api/integration` as documented: /check, /jurnal (both documented line shapes),
/akun and /akun/<kode>, with the envelope `{"status", "message", "data"}`.

What the documents leave open is chosen here in Sempoa's (Laravel) manner: the first
problem found is the message, with status 400; lists page with `limit`/`page` and carry no
paging block, as the documented example shows. The caller (server.py) holds the lock.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from app.sandbox.chart import SEMPOA_CHART, SempoaAccount
from app.sandbox.wire import Reply, Request, json_reply, shown_amount

PREFIX = "/api/integration"
NOT_AUTHORIZED = "API Sempoa not authorized"
DUPLICATE_REFERENCE = "Nomor referensi sudah ada"
DEFAULT_LIMIT = 10
MAX_LIMIT = 100  # Sempoa's own cap is undocumented

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_FORM_KEY = re.compile(r"^([^\[]+)(?:\[[^\]]*\])?$")


@dataclass
class SempoaCompany:
    token: str
    name: str
    accounts: dict[str, SempoaAccount]
    journals: list[dict] = field(default_factory=list)  # as stored: amounts as exact strings
    revoked: bool = False
    next_id: int = 1


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
            "id": company.next_id,
            "deskripsi": deskripsi,
            "referensi": referensi,
            "tanggal": tanggal,
            "transaksi": lines,
        }
        company.next_id += 1
        company.journals.append(journal)
        return _success({"id": journal["id"], "referensi": referensi})

    def _list_journals(self, request: Request, company: SempoaCompany) -> Reply:
        page = _page(request, company.journals)
        return _success([_journal_json(journal) for journal in page])


def fail(status: int, message: str) -> Reply:
    return json_reply(status, {"status": status, "message": message})


def _success(data: object) -> Reply:
    return json_reply(200, {"status": 200, "message": "Success", "data": data})


def _list_accounts(request: Request, company: SempoaCompany) -> Reply:
    page = _page(request, list(company.accounts.values()))
    return _success([account.as_json() for account in page])


def _account(kode: str, company: SempoaCompany) -> Reply:
    account = company.accounts.get(kode)
    if account is None:
        return fail(404, f"Akun {kode} tidak ditemukan.")
    return _success(account.as_json())


def _page(request: Request, items: list) -> list:
    limit = min(_number_param(request, "limit", DEFAULT_LIMIT), MAX_LIMIT)
    page = _number_param(request, "page", 1)
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


def _body(request: Request) -> dict:
    """The fields of a JSON body, or of a form body (`akun[]=1000&akun[]=1001` or `akun[0]=`)."""
    if request.is_form():
        fields: dict[str, object] = {}
        for key, value in request.form_pairs():
            match = _FORM_KEY.match(key)
            name = match.group(1) if match else key
            if key.endswith("]"):
                fields.setdefault(name, [])
                if isinstance(fields[name], list):
                    fields[name].append(value)  # type: ignore[union-attr]
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


def _required(body: dict, name: str, label: str) -> str:
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


def _lines(body: dict, company: SempoaCompany) -> list[dict]:
    raw_lines = _raw_lines(body)
    if len(raw_lines) < 2:
        raise _Invalid("Transaksi jurnal minimal 2 baris.")
    lines = [_line(raw, number, company) for number, raw in enumerate(raw_lines, start=1)]
    debit = sum((Decimal(line["debit"]) for line in lines), Decimal(0))
    kredit = sum((Decimal(line["kredit"]) for line in lines), Decimal(0))
    if debit != kredit:
        raise _Invalid(
            f"Jurnal tidak seimbang: total debit {shown_amount(debit)} tidak sama dengan "
            f"total kredit {shown_amount(kredit)}."
        )
    return lines


def _raw_lines(body: dict) -> list[object]:
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
    if not len(akun) == len(debit) == len(kredit):  # type: ignore[arg-type]
        raise _Invalid("Jumlah akun, debit dan kredit harus sama.")
    return [
        {"akun": a, "debit": d, "kredit": k}
        for a, d, k in zip(akun, debit, kredit, strict=True)  # type: ignore[arg-type]
    ]


def _line(raw: object, number: int, company: SempoaCompany) -> dict:
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
    debit = _amount(raw.get("debit"), "Debit", number)
    kredit = _amount(raw.get("kredit"), "Kredit", number)
    if (debit > 0) == (kredit > 0):
        raise _Invalid(f"Baris {number} harus berisi debit atau kredit, salah satu saja.")
    return {"akun": kode, "debit": str(debit), "kredit": str(kredit)}


def _amount(value: object, label: str, number: int) -> Decimal:
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


def _journal_json(journal: dict) -> dict:
    shown = copy.deepcopy(journal)
    for line in shown["transaksi"]:
        line["debit"], line["kredit"] = Decimal(line["debit"]), Decimal(line["kredit"])
    return shown
