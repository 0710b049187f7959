"""What the wizard says about what the user typed (token, Signature Secret, address) and about
a failed connection test: what is wrong and what to do, as catalog messages. No Qt."""

from __future__ import annotations

from typing import Final
from urllib.parse import urlsplit

from app.api import errors
from app.api.redirects import is_loopback
from app.core.i18n import JurnalError, Text, tr
from app.profiles.store import DEFAULT_URLS, Service
from app.setup.wizard.steps import PageState

ACCURATE_TOKEN_PREFIX: Final = "aat."


def characters_problem(label: Text, value: str) -> Text | None:
    """What is wrong with the characters of a (stripped) token or Signature Secret, or None.
    Both travel in HTTP headers, where a line break or a control character ends the header
    (and the request fails far from here, as if the network were down); neither ever holds
    a space, a control character or anything outside printable ASCII (a curly quote)."""
    if any(character in "\r\n" for character in value):
        return tr(
            "{label} berisi baris baru; salin ulang dengan lengkap (satu baris saja).",
            label=label,
        )
    if any(character.isspace() for character in value):
        return tr(
            "{label} berisi spasi; salin ulang dengan lengkap, tanpa spasi.",
            label=label,
        )
    odd = next((c for c in value if not "!" <= c <= "~"), None)
    if odd is not None:
        return tr(
            "{label} berisi karakter yang tidak pernah ada di dalamnya ({code}, mis. karakter "
            "tak terlihat atau tanda kutip miring); salin ulang langsung dari sumbernya.",
            label=label,
            code=f"U+{ord(odd):04X}",
        )
    return None


TOKEN_LABEL: Final = tr("Token")
SECRET_LABEL: Final = tr("Signature Secret")


def token_problem(service: Service, token: str) -> Text | None:
    """What is wrong with a (non-empty, stripped) token, or None."""
    if problem := characters_problem(TOKEN_LABEL, token):
        return problem
    starts_accurate = token.startswith(ACCURATE_TOKEN_PREFIX)
    if service == "accurate" and not starts_accurate:
        return tr(
            'API Token Accurate selalu diawali "aat.". Salin dari Accurate: Pengaturan › '
            "Accurate Store › API Token (bukan App Key atau Signature Secret)."
        )
    if service == "sempoa" and starts_accurate:
        return tr(
            'Token ini API Token Accurate (diawali "aat."), bukan token Sempoa. Pilih Accurate '
            "Online di langkah pertama, atau salin token dari Sempoa."
        )
    return None


def secret_problem(secret: str) -> Text | None:
    """What is wrong with a (non-empty, stripped) Signature Secret, or None."""
    if secret.startswith(ACCURATE_TOKEN_PREFIX):
        return tr(
            'Yang ditempel di Signature Secret adalah API Token (diawali "aat."). Signature '
            "Secret ada di halaman aplikasi di Area Developer Accurate."
        )
    return characters_problem(SECRET_LABEL, secret)


def url_problem(service: Service, url: str) -> Text | None:
    """What is wrong with an address the token would be sent to, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return tr(
            "Alamat {url!r} tidak sah; tulis lengkap dengan https://, mis. {default}.",
            url=url,
            default=DEFAULT_URLS[service],
        )
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        return errors.insecure_url(url).text
    return None


def field_problems(service: Service, token: str, secret: str, url: str) -> dict[str, Text]:
    """Per field ("token", "secret", "url") of the credentials page: what is wrong with
    what was typed. An empty field is not reported, only not valid."""
    problems: dict[str, Text] = {}
    if token and (problem := token_problem(service, token)):
        problems["token"] = problem
    if service == "accurate" and secret and (problem := secret_problem(secret)):
        problems["secret"] = problem
    if problem := url_problem(service, url):
        problems["url"] = problem
    return problems


def credentials_state(service: Service, token: str, secret: str, url: str) -> PageState:
    """The credentials page: valid once filled in (Sempoa needs no secret) with no problem."""
    problems = field_problems(service, token, secret, url)
    filled = bool(token) and (service == "sempoa" or bool(secret))
    error = next(iter(problems.values()), None)
    return PageState(valid=filled and not problems, error=error)


def failure_text(error: BaseException) -> Text:
    """The test page's message for a failed test: what happened and what to do."""
    if isinstance(error, JurnalError):
        return error.text
    # The exception's own text is left out: nobody vouches that it holds no secret.
    return tr(
        "Pengujian gagal karena kesalahan tak terduga ({kind}). Coba lagi; bila berulang, "
        "laporkan ke dukungan Jurnal Desk.",
        kind=type(error).__name__,
    )


def test_failure_text(service: Service, url: str, error: BaseException) -> Text:
    """`failure_text`, with a hint to check the address when it is not the service's default
    and the service could not be reached (or had no such page) there."""
    text = failure_text(error)
    moved_from_default = url != DEFAULT_URLS[service]
    if moved_from_default and isinstance(error, errors.NetworkError | errors.NotFound):
        text = text + address_hint(service, url)
    return text


def save_failed_text(error: BaseException) -> Text:
    """The last step's message when saving the profile or its secrets failed: it is the
    saving (menyimpan), not the test, that went wrong, and what to do about it."""
    lead = tr(
        "Menyimpan profil gagal; tidak ada yang disimpan, dan kredensial yang diketik masih "
        "ada di sini."
    )
    if isinstance(error, JurnalError):
        return lead + error.text
    # The exception's own text is left out: nobody vouches that it holds no secret.
    return lead + tr(
        "Penyimpanan kata sandi gagal dengan kesalahan tak terduga ({kind}). Pastikan "
        "penyimpanan itu terbuka lalu tekan Selesai lagi, atau pakai berkas rahasia "
        "terenkripsi Jurnal Desk (`jurnal-desk keyring use-file`).",
        kind=type(error).__name__,
    )


def address_hint(service: Service, url: str) -> Text:
    return tr(
        "Periksa juga alamat di Pengaturan lanjutan: {url} (bawaan: {default}).",
        url=url,
        default=DEFAULT_URLS[service],
    )
