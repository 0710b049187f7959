"""What the services' answers say in words, recognised: Accurate's documented API Token
messages (English in every profile; each turned into the error that says what to do), and
"already exists", "not found", "too many requests" and "branch needed" as Accurate and Sempoa
word them in Indonesian, the only wording of them that is confirmed (Accurate is asked for
Indonesian wherever its words are read: `reply_language`). Callers decide with these; the
wording lives here only."""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.api.errors import (
    ApiError,
    AuthError,
    SignatureError,
    TokenRevoked,
    clock_skew_error,
)
from app.core.i18n import tr

# --- Accurate's documented API Token messages -------------------------------------------------


def _norm(message: str) -> str:
    return " ".join(message.lower().replace("_", " ").split())


def _unauthorized() -> AuthError:
    return AuthError(
        tr(
            "Accurate Online menolak permintaan karena API Token tidak dikirim (Unauthorized). "
            "Isi API Token di pengaturan profil, lalu coba lagi."
        ),
        status=401,
        messages=["Unauthorized"],
    )


def _invalid_token() -> AuthError:
    return AuthError(
        tr(
            "API Token tidak dikenali Accurate Online (Invalid_token). Salin ulang token dari "
            "Accurate (Pengaturan > Accurate Store > API Token) dengan lengkap, tanpa spasi, "
            "lalu simpan di profil."
        ),
        status=401,
        messages=["Invalid_token"],
    )


def _revoked() -> TokenRevoked:
    return TokenRevoked(
        tr(
            "API Token tidak valid atau sudah dicabut (Invalid or Revoked API Token). Periksa "
            "apakah token disalin lengkap dari Accurate (Pengaturan > Accurate Store > API "
            "Token); bila token itu sudah dicabut, minta pengguna Accurate membuat API Token "
            "baru untuk aplikasi ini, lalu simpan token baru di profil."
        ),
        status=401,
        messages=["Invalid or Revoked API Token"],
    )


def _signature_required() -> SignatureError:
    return SignatureError(
        tr(
            "Accurate Online meminta tanda tangan permintaan (Header X-API-Signature is "
            "required). Isi Signature Secret di pengaturan profil (dari halaman aplikasi di "
            "Area Developer Accurate)."
        ),
        messages=["Header X-API-Signature is required"],
    )


def _signature_invalid() -> SignatureError:
    return SignatureError(
        tr(
            "Tanda tangan permintaan ditolak (Header X-API-Signature invalid): Signature Secret "
            "di profil tidak cocok dengan aplikasi pemilik API Token ini. Salin ulang Signature "
            "Secret dari Area Developer Accurate (aplikasi yang sama dengan token), lalu simpan."
        ),
        messages=["Header X-API-Signature invalid"],
    )


def _timestamp_required() -> SignatureError:
    return SignatureError(
        tr(
            "Accurate Online tidak menerima waktu permintaan (Header X-API-Timestamp is "
            "required). Ini kesalahan Jurnal Desk atau proxy jaringan yang membuang header; "
            "coba jaringan lain atau laporkan ke dukungan Jurnal Desk."
        ),
        messages=["Header X-API-Timestamp is required"],
    )


def _timestamp_invalid() -> SignatureError:
    return SignatureError(
        tr(
            "Accurate Online tidak bisa membaca waktu permintaan (Header X-API-Timestamp "
            "invalid). Periksa tanggal, jam dan zona waktu komputer; jika sudah benar, laporkan "
            "ke dukungan Jurnal Desk."
        ),
        messages=["Header X-API-Timestamp invalid"],
    )


# Most specific first: "Invalid or Revoked API Token" also contains "invalid ... token".
_ACCURATE_AUTH_MESSAGES = (
    ("invalid or revoked api token", _revoked),
    ("header x-api-signature is required", _signature_required),
    ("header x-api-signature invalid", _signature_invalid),
    ("header x-api-timestamp is required", _timestamp_required),
    ("header x-api-timestamp invalid", _timestamp_invalid),
    ("timestamp difference more than 600 seconds", lambda: clock_skew_error(None)),
    ("invalid token", _invalid_token),
)


def accurate_auth_error(messages: Iterable[str], status: int | None = None) -> ApiError | None:
    """The error for one of Accurate's documented API Token messages, or None."""
    normalised = [_norm(message).rstrip(".!") for message in messages]
    for pattern, make in _ACCURATE_AUTH_MESSAGES:
        if any(pattern in message for message in normalised):
            return _with_status(make(), status)
    # "Unauthorized" alone (no token sent); as a word inside longer text it means other things.
    if "unauthorized" in normalised:
        return _with_status(_unauthorized(), status)
    return None


def is_skew_message(messages: Iterable[str]) -> bool:
    return any("timestamp difference more than 600 seconds" in _norm(m) for m in messages)


def _with_status(error: ApiError, status: int | None) -> ApiError:
    if status is not None:
        error.status = status
    return error


# Only Indonesian wording is recognised below: it is the only wording of these answers seen from
# the live services, and Jurnal Desk asks Accurate for Indonesian on every request it reads
# (`reply_language`). English and Chinese patterns would be guesses; a guess that missed
# would turn a limit reply into a refusal, so none is kept.

# An existing voucher number / reference: Accurate "Sudah ada data lain dengan Nomor ...",
# Sempoa "Nomor referensi sudah ada".
_DUPLICATE = re.compile(
    r"sudah\s+(ada|digunakan|dipakai|terpakai|terdaftar)|duplikat", re.IGNORECASE
)


def says_already_exists(messages: Iterable[str]) -> bool:
    return any(_DUPLICATE.search(message) for message in messages)


# A record that is not there (never was, or already deleted): "Data Jurnal Umum tidak
# ditemukan", "Data ... tidak tepat" (Accurate's words for an id that names nothing). An
# unknown *address* ("Alamat API ... tidak ditemukan") is not a missing record: reading it as
# one would make a lookup say "not there" and re-send.
_RECORD_GONE = re.compile(r"tidak\s+ditemukan|tidak\s+tepat", re.IGNORECASE)
_ADDRESS = re.compile(r"\.do\b|/api/|alamat\s+api", re.IGNORECASE)


def says_not_found(messages: Iterable[str]) -> bool:
    return any(_RECORD_GONE.search(m) and not _ADDRESS.search(m) for m in messages)


# "Slow down" worded in a body rather than (or as well as) HTTP 429. Accurate's own words:
# "Jumlah request API melebihi toleransi yang diperbolehkan. Batas maksimum ... 8 request/detik."
# "Too many requests" is HTTP's own name for 429 (proxies and frameworks write it whatever
# the profile), not a guess at Accurate's English.
_RATE_LIMIT = re.compile(
    r"request\s+api\s+melebihi\s+toleransi|\d+\s+request/detik|(request|permintaan|"
    r"pemanggilan)\s+melebihi\s+batas|batas\s+(request|permintaan|pemanggilan)|"
    r"too\s+many\s+requests",
    re.IGNORECASE,
)


def says_rate_limited(messages: Iterable[str]) -> bool:
    return any(_RATE_LIMIT.search(message) for message in messages)


# Accurate refuses every save without a branch from a user who sees more than one: "Profil
# pengguna anda memiliki akses ke lebih dari satu cabang. Anda harus menentukan cabang saat
# penulisan data." (documented verbatim).
_BRANCH_NEEDED = re.compile(
    r"akses\s+ke\s+lebih\s+dari\s+satu\s+cabang|harus\s+menentukan\s+cabang", re.IGNORECASE
)


def says_branch_needed(messages: Iterable[str]) -> bool:
    return any(_BRANCH_NEEDED.search(message) for message in messages)


# A date before the company's closing date: "Tanggal transaksi tidak dapat lebih kecil ..."
# (confirmed in Indonesian; the rest of the wording is not).
PERIOD_CLOSED = re.compile(r"tanggal\s+transaksi\s+tidak\s+dapat\s+lebih\s+kecil", re.IGNORECASE)


def says_period_closed(messages: Iterable[str]) -> bool:
    return any(PERIOD_CLOSED.search(message) for message in messages)
