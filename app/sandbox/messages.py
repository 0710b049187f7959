"""Accurate's error and success messages in the three X-Language-Profile languages.

The documented API Token messages (Unauthorized, Invalid_token, Header X-API-...) are English
in Accurate's own table whatever the profile, so they are kept verbatim elsewhere. The texts
here are the sandbox's own wording of what Accurate says, in its style.
"""

from __future__ import annotations

LANGUAGES = ("ID", "US", "CN")
DEFAULT_LANGUAGE = "ID"

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
    "number_used": (
        'Nomor # "{number}" sudah digunakan oleh Jurnal Umum lain',
        'Number # "{number}" is already used by another Journal Voucher',
        '编号 # "{number}" 已被其他日记账凭证使用',
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
    "number_or_id_required": (
        "Parameter id atau number harus diisi",
        "Parameter id or number is required",
        "参数 id 或 number 为必填项",
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


def language_of(header: str | None) -> str:
    """The X-Language-Profile value as ID, US or CN; anything else means the default, ID."""
    value = (header or "").strip().upper()
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def message(key: str, language: str = DEFAULT_LANGUAGE, **params: object) -> str:
    template = _MESSAGES[key][LANGUAGES.index(language_of(language))]
    return template.format(**params)
