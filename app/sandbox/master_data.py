"""A sandbox Accurate company's master data: departments, projects, customers, vendors,
employees and data classifications (Kategori Keuangan 1..10), their `list.do` endpoints and
`data-classification/save.do`; and the save refusals that go with them, its closing date and
its field lengths.

What is confirmed (api-notes, "Evidence added 2026-12"): a voucher line naming a data
classification the company does not have is refused, `Kategori Keuangan X tidak ditemukan
atau sudah dihapus`; classifications are created with `{index, name}`; a transaction date
before the closing date is refused (`Tanggal transaksi tidak dapat lebih kecil ...`); a value
longer than its field is refused (`... terlalu besar. Maksimal 30 karakter`). What is assumed,
and answered here in each plausible way (`field_style`): the field names of each list's rows
(`no` or `customerNo` ...; a classification's `index` or `classificationIndex`), the wording
for an unknown department or project (built like the classification's), the exact lengths.

Strict by default: names and numbers match exactly (a client sends the company's spelling),
a suspended or parent record is refused like an unknown one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from app.sandbox import listing
from app.sandbox import messages as m
from app.sandbox.wire import JsonObject, Reply, Request, json_reply

# How the rows of a list name their fields. "plain": `no`, `index`; "named": `customerNo`,
# `departmentNo`, `classificationIndex` ... (both are seen across Accurate's modules).
FieldStyle = Literal["plain", "named"]
# Lengths Accurate allows are not documented; 30 is the only number seen in a refusal.
DEFAULT_MAX_LENGTHS: Mapping[str, int] = {"number": 30, "description": 255}
LIST_ENDPOINTS = (
    "department/list.do",
    "project/list.do",
    "customer/list.do",
    "vendor/list.do",
    "employee/list.do",
    "data-classification/list.do",
)
_FIRST_ID = 700


@dataclass
class MasterRecord:
    id: int
    name: str
    no: str = ""
    suspended: bool = False
    parent: str = ""  # the parent record's name ("" for a top-level one)
    index: int = 0  # classifications: which Kategori Keuangan (1..10)


def _records(names: list[tuple[str, str]], start: int) -> list[MasterRecord]:
    return [MasterRecord(start + n, name, no) for n, (no, name) in enumerate(names)]


def _demo_departments() -> list[MasterRecord]:
    records = _records(
        [("D-01", "Umum"), ("D-02", "Keuangan"), ("D-03", "Penjualan"), ("D-04", "Gudang"),
         ("D-05", "Jakarta"), ("D-06", "Finance"), ("D-07", "Operasional")],
        _FIRST_ID,
    )  # fmt: skip
    records.append(MasterRecord(_FIRST_ID + 20, "Produksi Lama", "D-20", suspended=True))
    records.append(MasterRecord(_FIRST_ID + 21, "Pabrik", "D-21"))
    records.append(MasterRecord(_FIRST_ID + 22, "Pabrik Cikarang", "D-22", parent="Pabrik"))
    return records


def _demo_projects() -> list[MasterRecord]:
    records = _records(
        [("P-1", "Proyek Satu"), ("P-01", "Renovasi Kantor"), ("P-02", "Gedung Baru"),
         ("PRJ-2026-01", "Ekspansi Surabaya")],
        _FIRST_ID + 100,
    )  # fmt: skip
    records.append(MasterRecord(_FIRST_ID + 120, "Proyek Selesai", "P-99", suspended=True))
    return records


def _demo_classifications() -> list[MasterRecord]:
    values = {
        1: ["Jakarta", "Ekspor", "Surabaya", "2026"],
        2: ["Proyek A", "Cabang Bandung", "Asia"],
        3: ["Asia", "Proyek A", "Eropa"],
        10: ["Proyek Z"],
    }
    records, next_id = [], _FIRST_ID + 200
    for index, names in values.items():
        for name in names:
            records.append(MasterRecord(next_id, name, index=index))
            next_id += 1
    return records


@dataclass
class MasterData:
    """One company's master data and the save rules that come with it."""

    departments: list[MasterRecord] = field(default_factory=_demo_departments)
    projects: list[MasterRecord] = field(default_factory=_demo_projects)
    classifications: list[MasterRecord] = field(default_factory=_demo_classifications)
    suspended_parties: set[str] = field(default_factory=set)  # party numbers
    field_style: FieldStyle = "plain"
    closing_date: date | None = None
    closing_date_in_message: bool = True  # whether the refusal names the date
    max_lengths: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_MAX_LENGTHS))
    classifications_created: int = 0

    def classification_names(self, index: int) -> list[str]:
        return [record.name for record in self.classifications if record.index == index]

    def add_classification(self, index: int, name: str) -> MasterRecord:
        record = MasterRecord(_FIRST_ID + 500 + len(self.classifications), name, index=index)
        self.classifications.append(record)
        return record


# -- list.do ---------------------------------------------------------------------------------


def list_reply(
    endpoint: str, request: Request, master: MasterData, parties: Mapping[str, Mapping[str, str]]
) -> Reply:
    """One page of the list `endpoint` names, with the fields asked for (paged like every list)."""
    params = request.params()
    try:
        page, size = listing.paging(params)
    except listing.ParamError as error:
        text = m.message(
            "param_invalid", m.request_language(request), name=error.name, value=error.value
        )
        return json_reply(200, {"s": False, "d": [text]})
    kind = endpoint.split("/")[0]
    rows = [_row(kind, record, master.field_style) for record in _records_of(kind, master, parties)]
    return listing.list_reply(rows, listing.fields(params, ("id", "name")), page, size)


_PARTY_KINDS = {"customer": "CUSTOMER", "vendor": "VENDOR", "employee": "EMPLOYEE"}


def _records_of(
    kind: str, master: MasterData, parties: Mapping[str, Mapping[str, str]]
) -> list[MasterRecord]:
    if kind == "department":
        return master.departments
    if kind == "project":
        return master.projects
    if kind == "data-classification":
        return master.classifications
    known = parties.get(_PARTY_KINDS[kind], {})
    return [
        MasterRecord(900 + n, name, no, suspended=no in master.suspended_parties)
        for n, (no, name) in enumerate(known.items())
    ]


def _row(kind: str, record: MasterRecord, style: FieldStyle) -> JsonObject:
    named = style == "named"
    row: JsonObject = {"id": record.id, "name": record.name, "suspended": record.suspended}
    if kind == "data-classification":
        row["classificationIndex" if named else "index"] = record.index
        if record.no:  # whether classifications have codes is not known: a test may give one
            row["classificationNo" if named else "no"] = record.no
        return row
    if record.no:
        row[f"{kind}No" if named else "no"] = record.no
    if record.parent:
        row["parent"] = {"name": record.parent}
    return row


# -- data-classification/save.do -------------------------------------------------------------


def save_classification(request: Request, master: MasterData) -> Reply:
    """Create one classification value: `{index, name}` (JSON or form fields)."""
    lang = m.request_language(request)
    try:
        body = request.json_body()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        body = request.params()
    name = str(body.get("name") or "").strip()
    try:
        index = int(str(body.get("index", "")).strip())
    except ValueError:
        index = 0
    if not name or not 1 <= index <= 10:
        text = _say("classification_fields", lang)
        return json_reply(200, {"s": False, "d": [text]})
    if name in master.classification_names(index):
        return json_reply(200, {"s": False, "d": [_say("classification_exists", lang, name=name)]})
    record = master.add_classification(index, name)
    master.classifications_created += 1
    saved = {"id": record.id, "index": index, "name": name}
    return json_reply(200, {"s": True, "r": saved, "d": [_say("classification_saved", lang)]})


# -- save.do refusals ------------------------------------------------------------------------


def save_problems(body: JsonObject, trans_date: date, master: MasterData, lang: str) -> list[str]:
    """What the company's master data, closing date and field lengths refuse in a voucher
    whose lines are otherwise valid."""
    problems: list[str] = []
    if master.closing_date is not None and trans_date <= master.closing_date:
        if master.closing_date_in_message:
            shown = master.closing_date.strftime("%d/%m/%Y")
            problems.append(_say("closing_date", lang, date=shown))
        else:
            problems.append(_say("closing_date_bare", lang))
    for name, limit in master.max_lengths.items():
        value = body.get(name)
        if isinstance(value, str) and len(value) > limit:
            problems.append(_say("too_long", lang, label=_LABELS[name][_lang_index(lang)], n=limit))
    for line in body.get("detailJournalVoucher") or []:
        if isinstance(line, dict):
            problems.extend(_line_problems(line, master, lang))
    return problems


def delete_problem(trans_date: date, master: MasterData, lang: str) -> str | None:
    """Why delete.do refuses a voucher of this date: on or before the closing date (Accurate
    keeps a closed period's vouchers; the wording is assumed), else None."""
    if master.closing_date is not None and trans_date <= master.closing_date:
        return _say("delete_closed", lang, date=master.closing_date.strftime("%d/%m/%Y"))
    return None


def _line_problems(line: JsonObject, master: MasterData, lang: str) -> list[str]:
    found: list[str] = []
    department = line.get("departmentName")
    if department not in (None, "") and not _usable(master.departments, department, "name"):
        found.append(_say("department_unknown", lang, name=department))
    project = line.get("projectNo")
    if project not in (None, "") and not _usable(master.projects, project, "no"):
        found.append(_say("project_unknown", lang, no=project))
    for number in ("customerNo", "vendorNo", "employeeNo"):
        if line.get(number) in master.suspended_parties:
            found.append(_say("party_suspended", lang, no=line[number]))
    for index in range(1, 11):
        name = line.get(f"dataClassification{index}Name")
        if isinstance(name, str) and name and name not in master.classification_names(index):
            found.append(_say("classification_unknown", lang, name=name))
    return found


def _usable(records: list[MasterRecord], value: object, key: str) -> bool:
    parents = {record.parent for record in records if record.parent}
    for record in records:
        if getattr(record, key) == value:
            return not record.suspended and record.name not in parents
    return False


def _lang_index(lang: str) -> int:
    return m.LANGUAGES.index(m.language_of(lang))


def _say(key: str, lang: str, **params: object) -> str:
    unknown = m.unknown_phrase(key, lang, **params)
    if unknown is not None:
        return unknown
    return _MESSAGES[key][_lang_index(lang)].format(**params)


_LABELS: dict[str, tuple[str, str, str]] = {
    "number": ("Nomor #", "Number #", "编号 #"),
    "description": ("Keterangan", "Description", "说明"),
}

_MESSAGES: dict[str, tuple[str, str, str]] = {
    # Indonesian confirmed (the shape: "Kategori Keuangan X tidak ditemukan atau sudah dihapus").
    "classification_unknown": (
        "Kategori Keuangan {name} tidak ditemukan atau sudah dihapus",
        "Financial Category {name} was not found or has been deleted",
        "未找到财务类别 {name} 或已被删除",
    ),
    # Assumed: built like the classification's.
    "department_unknown": (
        "Departemen {name} tidak ditemukan atau sudah dihapus",
        "Department {name} was not found or has been deleted",
        "未找到部门 {name} 或已被删除",
    ),
    "project_unknown": (
        "Proyek {no} tidak ditemukan atau sudah dihapus",
        "Project {no} was not found or has been deleted",
        "未找到项目 {no} 或已被删除",
    ),
    "party_suspended": (
        "Data {no} sudah non-aktif",
        "Data {no} is suspended",
        "数据 {no} 已停用",
    ),
    # Indonesian confirmed up to "lebih kecil"; the rest is the sandbox's.
    "closing_date": (
        "Tanggal transaksi tidak dapat lebih kecil atau sama dengan tanggal tutup buku {date}",
        "Transaction date cannot be earlier than or equal to the closing date {date}",
        "交易日期不能早于或等于结账日期 {date}",
    ),
    "closing_date_bare": (
        "Tanggal transaksi tidak dapat lebih kecil dari tanggal tutup buku",
        "Transaction date cannot be earlier than the closing date",
        "交易日期不能早于结账日期",
    ),
    # A deletion in a closed period: refused (the wording is assumed: "... tidak dapat ...").
    "delete_closed": (
        "Data tidak dapat dihapus karena tanggal transaksi lebih kecil atau sama dengan "
        "tanggal tutup buku {date}",
        "Data cannot be deleted because the transaction date is on or before the closing "
        "date {date}",
        "数据无法删除，因为交易日期早于或等于结账日期 {date}",
    ),
    # Confirmed shape: "... terlalu besar. Maksimal 30 karakter".
    "too_long": (
        "{label} terlalu besar. Maksimal {n} karakter",
        "{label} is too long. Maximum {n} characters",
        "{label} 太长。最多 {n} 个字符",
    ),
    "classification_fields": (
        "Index (1 sampai 10) dan nama Kategori Keuangan harus diisi",
        "The Financial Category's index (1 to 10) and name are required",
        "必须填写财务类别的索引（1 至 10）和名称",
    ),
    "classification_exists": (
        "Sudah ada data lain dengan Nama {name}",
        "Another record already has the Name {name}",
        "已有其他数据使用名称 {name}",
    ),
    "classification_saved": (
        "Kategori Keuangan berhasil disimpan",
        "Financial Category has been successfully saved",
        "财务类别已成功保存",
    ),
}
