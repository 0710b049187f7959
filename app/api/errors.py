"""What can go wrong when talking to Accurate Online or Sempoa, in words an accountant can act on.

Every error is an `ApiError` (a `JurnalError`), carrying a message (`Text`) that says what
happened and what to do. The classes let callers decide: an `AuthError` stops the whole batch,
a `Rejected` entry is reported and the rest continue, an `UncertainOutcome` must be looked up on
the server before anything is re-sent. How the services word an answer is recognised in
`wording`.

No message, repr or attribute here ever holds an API token or Signature Secret: the server's own
messages are kept (they never echo credentials), request headers are not.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.api.clock import clock_skew_text
from app.core.i18n import JurnalError, Text, ctr, tr

ACCURATE, SEMPOA = "Accurate Online", "Sempoa"


class ApiError(JurnalError):
    """A call to a service failed; `text` says why and what to do."""

    def __init__(
        self,
        text: Text,
        *,
        status: int | None = None,
        messages: Iterable[str] = (),
    ) -> None:
        super().__init__(text)
        self.status = status
        self.messages = [str(message) for message in messages]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, text={self.text.en!r})"


class AuthError(ApiError):
    """The API token is missing or wrong."""


class TokenRevoked(AuthError):
    """Accurate answered "Invalid or Revoked API Token": a token it does not know (mistyped,
    or from another app) or one the user revoked; the service does not say which."""


class SignatureError(ApiError):
    """Accurate refused the request's X-Api-Signature or X-Api-Timestamp header."""


class ClockSkewError(SignatureError):
    """This computer's clock is too far from the server's (Accurate allows 600 seconds)."""

    def __init__(self, text: Text, *, minutes: int, status: int | None = None) -> None:
        super().__init__(text, status=status)
        self.minutes = minutes


class RateLimited(ApiError):
    """The service kept asking us to slow down."""

    def __init__(
        self,
        text: Text,
        *,
        retry_after: float | None = None,
        status: int | None = None,
        messages: Iterable[str] = (),
    ) -> None:
        super().__init__(text, status=status, messages=messages)
        self.retry_after = retry_after


class Rejected(ApiError):
    """The service understood the request and refused it; `messages` are its reasons."""


class AlreadyExists(Rejected):
    """An entry with this number/reference is already in the books."""


class NotFound(ApiError):
    """The thing asked for (an account, a voucher, an endpoint) does not exist."""


class PermissionDenied(ApiError):
    """The token's user or app is not allowed to do this (a missing access right or scope)."""


class ServerError(ApiError):
    """The service failed on its side (HTTP 5xx) and kept failing."""


class NetworkError(ApiError):
    """The service could not be reached, or the connection broke."""


class UncertainOutcome(NetworkError):
    """A save was sent but no answer came back: it may or may not be in the books.

    Never re-send blindly; look the reference up first (the posting layer does this).
    """

    def __init__(
        self,
        text: Text,
        *,
        reason: Text | str = "",
        status: int | None = None,
        messages: Iterable[str] = (),
    ) -> None:
        super().__init__(text, status=status, messages=messages)
        self.reason = reason  # what went wrong, without the advice (to re-word it per entry)


class InsecureUrl(ApiError):
    """An address that would send the token unencrypted (http:// to a non-local host)."""


SKEW_MESSAGE = "Header X-API Timestamp difference more than 600 seconds with Server Time"


def clock_skew_error(minutes: int | None, *, status: int | None = None) -> ClockSkewError:
    """This computer's clock is off by `minutes` (server minus local; None when unknown)."""
    error = ClockSkewError(clock_skew_text(minutes or 0), minutes=minutes or 0, status=status)
    error.messages = [SKEW_MESSAGE]
    return error


def sempoa_not_authorized(status: int | None = 401, messages: Iterable[str] = ()) -> AuthError:
    return AuthError(
        tr(
            "Sempoa menolak token (API Sempoa not authorized). Token mungkin salah salin, atau "
            "sudah diganti karena seseorang menekan Generate Token lagi. Buka Sempoa > "
            "Konfigurasi > Konfigurasi API, salin token yang berlaku, lalu simpan di profil."
        ),
        status=status,
        messages=messages or ["API Sempoa not authorized"],
    )


def generic_auth_error(service: str, status: int | None, messages: Iterable[str]) -> AuthError:
    messages = list(messages)
    return AuthError(
        tr(
            "{service} menolak API Token ({detail}). Periksa token di pengaturan profil; bila "
            "perlu buat token baru di {service}.",
            service=service,
            detail=_detail(status, messages),
        ),
        status=status,
        messages=messages,
    )


def permission_denied(
    service: str, what: Text | str, messages: Iterable[str] = ()
) -> PermissionDenied:
    return PermissionDenied(
        tr(
            "{service} tidak mengizinkan {what} untuk token ini (HTTP 403). Pengguna pemilik "
            "token perlu hak akses untuk fitur ini, dan aplikasi perlu izin (scope) yang sesuai; "
            "minta administrator data usaha menambahkannya.",
            service=service,
            what=what,
        ),
        status=403,
        messages=messages,
    )


def not_found(service: str, what: Text | str, messages: Iterable[str] = ()) -> NotFound:
    messages = list(messages)
    return NotFound(
        tr(
            "{service}: {what} tidak ditemukan ({detail}).",
            service=service,
            what=what,
            detail="; ".join(messages),
        )
        if messages
        else tr("{service}: {what} tidak ditemukan.", service=service, what=what),
        status=404,
        messages=messages,
    )


def server_error(service: str, status: int, messages: Iterable[str] = ()) -> ServerError:
    messages = list(messages)
    return ServerError(
        tr(
            "Server {service} sedang bermasalah ({detail}). Ini bukan kesalahan data Anda; "
            "coba lagi beberapa menit lagi.",
            service=service,
            detail=_detail(status, messages),
        ),
        status=status,
        messages=messages,
    )


def rate_limited(service: str, retry_after: float | None) -> RateLimited:
    wait = f"{retry_after:.0f}" if retry_after is not None else "60"
    return RateLimited(
        tr(
            "{service} meminta pengiriman diperlambat (terlalu banyak permintaan). Tunggu "
            "sekitar {wait} detik lalu coba lagi; jangan jalankan dua pengiriman sekaligus "
            "dengan token yang sama.",
            service=service,
            wait=wait,
        ),
        retry_after=retry_after,
        status=429,
    )


def network_error(service: str, host: str, reason: Text | str) -> NetworkError:
    return NetworkError(
        tr(
            "Tidak bisa terhubung ke {service} ({host}): {reason}. Periksa koneksi internet "
            "(dan proxy/firewall kantor), lalu coba lagi.",
            service=service,
            host=host,
            reason=reason,
        )
    )


def uncertain_outcome(service: str, reason: Text | str, reference: str = "") -> UncertainOutcome:
    what = ctr("nama satu jurnal", "jurnal {ref}", ref=reference) if reference else tr("data")
    return UncertainOutcome(
        tr(
            "Data sudah terkirim ke {service} tetapi jawabannya tidak diterima ({reason}), jadi "
            "belum pasti apakah {what} tersimpan. Jangan kirim ulang dulu: periksa dulu di "
            "{service} (Jurnal Desk mencocokkan nomor referensinya sebelum mengirim ulang).",
            service=service,
            reason=reason,
            what=what,
        ),
        reason=reason,
    )


def insecure_url(url: str) -> InsecureUrl:
    return InsecureUrl(
        tr(
            "Alamat {url} tidak terenkripsi (http://); token tidak akan dikirim lewat sana. "
            "Pakai alamat https://.",
            url=url,
        )
    )


def rejected(service: str, messages: Iterable[str], *, status: int | None = None) -> Rejected:
    messages = list(messages) or ["?"]
    return Rejected(
        tr(
            "{service} menolak: {messages}. Perbaiki sesuai pesan itu, lalu kirim lagi.",
            service=service,
            messages="; ".join(messages),
        ),
        status=status,
        messages=messages,
    )


def already_exists(
    service: str, reference: str, messages: Iterable[str], *, status: int | None = None
) -> AlreadyExists:
    messages = list(messages)
    return AlreadyExists(
        tr(
            "Nomor {ref} sudah ada di {service} ({messages}); jurnal ini kemungkinan sudah "
            "pernah dikirim. Periksa di {service}; jangan kirim ulang dengan nomor yang sama.",
            ref=reference or "?",
            service=service,
            messages="; ".join(messages),
        ),
        status=status,
        messages=messages,
    )


def unexpected_answer(service: str, what: Text | str, status: int | None = None) -> ServerError:
    return ServerError(
        tr(
            "Jawaban {service} untuk {what} tidak dikenali (format berubah?). Coba lagi nanti; "
            "bila berulang, laporkan ke dukungan Jurnal Desk.",
            service=service,
            what=what,
        ),
        status=status,
    )


def _detail(status: int | None, messages: list[str]) -> str:
    parts = [f"HTTP {status}"] if status is not None else []
    parts.extend(messages)
    return "; ".join(parts) or "?"
