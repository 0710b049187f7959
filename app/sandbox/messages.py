"""Accurate's error and success messages in the three X-Language-Profile languages.

The documented API Token messages (Unauthorized, Invalid_token, Header X-API-...) are English
in Accurate's own table whatever the profile, so they are kept verbatim elsewhere. The texts
here are the sandbox's own wording of what Accurate says, in its style; only the Indonesian
ones marked confirmed are Accurate's. A sandbox started with unknown_wording=True answers the
messages a client decides from, in US and CN, in wording no client knows (`unknown_wording`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.sandbox import unknown_wording

if TYPE_CHECKING:
    from app.sandbox.wire import Request

LANGUAGES = ("ID", "US", "CN")
DEFAULT_LANGUAGE = "ID"
# A language ending in this mark ("US?") asks for the wording nobody outside the vendor knows
# (`unknown_wording`): what a sandbox started with unknown_wording=True answers in US and CN.
UNKNOWN_MARK = "?"

# Documented API Token messages, verbatim.
UNAUTHORIZED = "Unauthorized"
INVALID_TOKEN = "Invalid_token"
REVOKED_TOKEN = "Invalid or Revoked API Token"
SIGNATURE_REQUIRED = "Header X-API-Signature is required"
SIGNATURE_INVALID = "Header X-API-Signature invalid"
TIMESTAMP_REQUIRED = "Header X-API-Timestamp is required"
TIMESTAMP_INVALID = "Header X-API-Timestamp invalid"
TIMESTAMP_SKEW = "Header X-API Timestamp difference more than 600 seconds with Server Time"
HOST_MOVED = "Host moved"

_MESSAGES: dict[str, tuple[str, str, str]] = {
    # Accurate's own words for its per-token limit (ID as seen from the live service).
    "rate_limited": (
        "Jumlah request API melebihi toleransi yang diperbolehkan. Batas maksimum yang "
        "diperbolehkan yaitu 8 proses paralel per Token dan 8 request/detik.",
        "The number of API requests exceeds the allowed tolerance. The maximum allowed is 8 "
        "parallel processes per Token and 8 requests/second.",
        "API 请求数量超出允许的容限。允许的最大值为每个 Token 8 个并行进程和 8 个请求/秒。",
    ),
    "server_error": (
        "Terjadi kesalahan pada server. Silakan coba lagi.",
        "An error occurred on the server. Please try again.",
        "服务器发生错误，请重试。",
    ),
    "path_unknown": (
        "Alamat API {path} tidak ditemukan",
        "API path {path} not found",
        "未找到 API 路径 {path}",
    ),
    "method_not_allowed": (
        "Metode {method} tidak didukung untuk {path}",
        "Method {method} is not supported for {path}",
        "{path} 不支持 {method} 方法",
    ),
    "body_not_json": (
        "Isi request harus berupa objek JSON",
        "The request body must be a JSON object",
        "请求正文必须是 JSON 对象",
    ),
    "param_invalid": (
        'Nilai parameter {name} "{value}" tidak valid',
        'Parameter {name} value "{value}" is invalid',
        '参数 {name} 的值 "{value}" 无效',
    ),
    "date_required": (
        "Tanggal harus diisi",
        "Date is required",
        "日期为必填项",
    ),
    "date_invalid": (
        'Tanggal "{value}" tidak valid, gunakan format dd/MM/yyyy',
        'Date "{value}" is invalid, use the format dd/MM/yyyy',
        '日期 "{value}" 无效，请使用 dd/MM/yyyy 格式',
    ),
    "details_required": (
        "Rincian jurnal harus diisi",
        "Journal details are required",
        "必须填写日记账明细",
    ),
    "line_invalid": (
        "Rincian ke-{line} tidak valid",
        "Detail line {line} is invalid",
        "第 {line} 行明细无效",
    ),
    "account_required": (
        "Rincian ke-{line}: Akun Perkiraan harus diisi",
        "Detail line {line}: GL Account is required",
        "第 {line} 行明细：会计科目为必填项",
    ),
    "account_unknown": (
        'Akun Perkiraan dengan nomor "{no}" tidak ditemukan',
        'GL Account with number "{no}" was not found',
        '未找到编号为 "{no}" 的会计科目',
    ),
    "account_parent": (
        'Akun Perkiraan "{no}" adalah akun induk dan tidak bisa digunakan pada transaksi',
        'GL Account "{no}" is a parent account and cannot be used in transactions',
        '会计科目 "{no}" 是父科目，不能用于交易',
    ),
    "account_suspended": (
        'Akun Perkiraan "{no}" sudah non-aktif',
        'GL Account "{no}" is suspended',
        '会计科目 "{no}" 已停用',
    ),
    "amount_invalid": (
        'Rincian ke-{line}: nilai "{value}" tidak valid, isi angka lebih besar dari 0',
        'Detail line {line}: amount "{value}" is invalid, enter a number greater than 0',
        '第 {line} 行明细：金额 "{value}" 无效，请输入大于 0 的数字',
    ),
    # The three below are the sandbox's wording (assumed): Accurate's answer to an amount sent
    # as text, or beyond its limits (999 billion, 6 decimals), is not documented.
    "number_as_text": (
        'Rincian ke-{line}: nilai {field} "{value}" harus berupa angka, bukan teks',
        'Detail line {line}: {field} value "{value}" must be a number, not text',
        '第 {line} 行明细：{field} 的值 "{value}" 必须是数字，而不是文本',
    ),
    "amount_out_of_range": (
        'Rincian ke-{line}: nilai "{value}" melebihi batas (maksimal 999.999.999.999 dengan '
        "6 angka desimal)",
        'Detail line {line}: amount "{value}" is out of range (at most 999,999,999,999 with '
        "6 decimals)",
        '第 {line} 行明细：金额 "{value}" 超出范围（最多 999,999,999,999，6 位小数）',
    ),
    # Accurate's words for a foreign-currency line without rate and primeAmount (confirmed in
    # Indonesian; the US and CN texts are the sandbox's).
    "rate_invalid": (
        "Kurs tidak valid. Cek nilai kurs!",
        "Exchange rate is not valid. Check the rate value!",
        "汇率无效。请检查汇率！",
    ),
    "subsidiary_type_invalid": (
        'Rincian ke-{line}: tipe subsidiary "{value}" tidak valid, gunakan CUSTOMER, VENDOR '
        "atau EMPLOYEE",
        'Detail line {line}: subsidiary type "{value}" is invalid, use CUSTOMER, VENDOR or '
        "EMPLOYEE",
        '第 {line} 行明细：辅助类型 "{value}" 无效，请使用 CUSTOMER、VENDOR 或 EMPLOYEE',
    ),
    "subsidiary_type_required": (
        "Rincian ke-{line}: {field} diisi tanpa tipe subsidiary (subsidiaryType)",
        "Detail line {line}: {field} is filled without a subsidiary type (subsidiaryType)",
        "第 {line} 行明细：填写了 {field} 但未填写辅助类型 (subsidiaryType)",
    ),
    "party_required": (
        "Rincian ke-{line}: {field} harus diisi untuk tipe subsidiary {type}",
        "Detail line {line}: {field} is required for subsidiary type {type}",
        "第 {line} 行明细：辅助类型 {type} 必须填写 {field}",
    ),
    "party_mismatch": (
        "Rincian ke-{line}: {field} tidak sesuai dengan tipe subsidiary {type}",
        "Detail line {line}: {field} does not match subsidiary type {type}",
        "第 {line} 行明细：{field} 与辅助类型 {type} 不符",
    ),
    "party_unknown": (
        '{kind} dengan nomor "{no}" tidak ditemukan',
        '{kind} with number "{no}" was not found',
        '未找到编号为 "{no}" 的{kind}',
    ),
    "classification_invalid": (
        "Rincian ke-{line}: {field} tidak valid, gunakan dataClassification1Name sampai "
        "dataClassification10Name berisi teks",
        "Detail line {line}: {field} is invalid, use dataClassification1Name to "
        "dataClassification10Name holding text",
        "第 {line} 行明细：{field} 无效，请使用 dataClassification1Name 至 "
        "dataClassification10Name（文本）",
    ),
    "amount_type_invalid": (
        'Rincian ke-{line}: tipe nilai "{value}" tidak valid, gunakan DEBIT atau CREDIT',
        'Detail line {line}: amount type "{value}" is invalid, use DEBIT or CREDIT',
        '第 {line} 行明细：金额类型 "{value}" 无效，请使用 DEBIT 或 CREDIT',
    ),
    "unbalanced": (
        "Total debit ({debit}) dan total kredit ({credit}) harus sama",
        "Total debit ({debit}) and total credit ({credit}) must be equal",
        "借方合计 ({debit}) 与贷方合计 ({credit}) 必须相等",
    ),
    # Accurate's own words for a number already in the books (Indonesian seen from the live
    # service; the US and CN texts are the sandbox's).
    "number_used": (
        "Sudah ada data lain dengan Nomor {number}",
        "Another record already exists with Number {number}",
        "已存在编号为 {number} 的其他数据",
    ),
    "voucher_saved": (
        'Jurnal Umum "{number}" berhasil disimpan',
        'Journal Voucher "{number}" has been successfully saved',
        '日记账凭证 "{number}" 已成功保存',
    ),
    "voucher_deleted": (
        'Jurnal Umum "{number}" berhasil dihapus',
        'Journal Voucher "{number}" has been successfully deleted',
        '日记账凭证 "{number}" 已成功删除',
    ),
    "voucher_not_found": (
        "Data Jurnal Umum tidak ditemukan",
        "Journal Voucher data was not found",
        "未找到日记账凭证数据",
    ),
    # An id that names no voucher: Accurate says "Data ... tidak tepat" (Indonesian confirmed;
    # the US and CN texts are the sandbox's).
    "voucher_id_invalid": (
        "Data Jurnal Umum tidak tepat",
        "Journal Voucher data is incorrect",
        "日记账凭证数据不正确",
    ),
    # delete.do takes an id only. Its answer to `number=` is assumed: the real service may as
    # well say "tidak tepat", which a client deleting by number would misread as "already gone".
    "delete_needs_id": (
        "Parameter id harus diisi; Jurnal Umum hanya bisa dihapus berdasarkan id",
        "Parameter id is required; a Journal Voucher can only be deleted by id",
        "参数 id 为必填项；日记账凭证只能按 id 删除",
    ),
    "number_or_id_required": (
        "Parameter id atau number harus diisi",
        "Parameter id or number is required",
        "参数 id 或 number 为必填项",
    ),
    # Documented (Indonesian, verbatim); the US and CN wordings are assumed.
    "branch_required": (
        "Profil pengguna anda memiliki akses ke lebih dari satu cabang. Anda harus menentukan "
        "cabang saat penulisan data.",
        "Your user profile has access to more than one branch. You must specify the branch "
        "when writing data.",
        "您的用户资料可以访问多个分支。写入数据时必须指定分支。",
    ),
    # Assumed wording: Accurate's answer for a branch it does not know is not documented.
    "branch_unknown": (
        'Cabang dengan nama "{name}" tidak ditemukan',
        'Branch with name "{name}" was not found',
        '未找到名称为 "{name}" 的分支',
    ),
    "branch_id_unknown": (  # assumed wording
        'Cabang dengan id "{id}" tidak ditemukan',
        'Branch with id "{id}" was not found',
        '未找到 id 为 "{id}" 的分支',
    ),
    "branch_mismatch": (  # assumed wording
        'Cabang "{name}" tidak sesuai dengan id cabang "{id}"',
        'Branch "{name}" does not match branch id "{id}"',
        '分支 "{name}" 与分支 id "{id}" 不符',
    ),
    # The sandbox's wording (assumed): whether Accurate refuses a name it does not know in a
    # list's `fields`, and how it words it, is not known (`app.sandbox.list_fields`).
    "field_unknown": (
        "Field {names} tidak dikenal pada daftar Jurnal Umum",
        "Field {names} is not known in the Journal Voucher list",
        "日记账凭证列表中没有字段 {names}",
    ),
    "bulk_empty": (
        "Data untuk disimpan harus diisi",
        "Data to save is required",
        "必须提供要保存的数据",
    ),
    "bulk_too_many": (
        "Maksimal {limit} data dalam satu kali simpan, dikirim {count}",
        "At most {limit} records per save, {count} were sent",
        "每次保存最多 {limit} 条数据，已发送 {count} 条",
    ),
}


_PARTY_KINDS: dict[str, tuple[str, str, str]] = {
    "CUSTOMER": ("Pelanggan", "Customer", "客户"),
    "VENDOR": ("Pemasok", "Vendor", "供应商"),
    "EMPLOYEE": ("Karyawan", "Employee", "员工"),
}


def party_kind(subsidiary_type: str, language: str = DEFAULT_LANGUAGE) -> str:
    """How a message names a kind of party (Pelanggan, Customer, 客户 ...)."""
    return _PARTY_KINDS[subsidiary_type][LANGUAGES.index(language_of(language))]


def language_of(header: str | None) -> str:
    """The X-Language-Profile value as ID, US or CN; anything else means the default, ID."""
    value = (header or "").strip().upper().removesuffix(UNKNOWN_MARK)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def message(key: str, language: str = DEFAULT_LANGUAGE, **params: object) -> str:
    unknown = unknown_phrase(key, language, **params)
    if unknown is not None:
        return unknown
    template = _MESSAGES[key][LANGUAGES.index(language_of(language))]
    return template.format(**params)


def unknown_phrase(key: str, language: str, **params: object) -> str | None:
    """The unknown wording for `key`, when `language` asks for it and it has one."""
    if not language.endswith(UNKNOWN_MARK):
        return None
    return unknown_wording.phrase(key, language_of(language), **params)


def request_language(request: Request) -> str:
    """The language a request asks its answers in (Accurate's X-Language-Profile header),
    marked when the sandbox answers English and Chinese in unknown wording."""
    language = language_of(request.header("x-language-profile"))
    if request.unknown_wording and language != DEFAULT_LANGUAGE:
        return language + UNKNOWN_MARK
    return language
