"""`jurnal-desk sign`: print the two Accurate signing headers, to try a call by hand (curl,
Postman) or to check a signature another program made."""

from __future__ import annotations

import argparse
import getpass
from datetime import UTC, datetime

from app.api.signing import (
    TIMESTAMP_EXAMPLES,
    SignatureEncoding,
    TimestampFormat,
    detect_format,
    format_timestamp,
    sign,
)
from app.cli import EXIT_OK, commands
from app.core import environment
from app.core.i18n import JurnalError, tr

SECRET_ENV = environment.SECRET
DEFAULT_FORMAT = TimestampFormat.ISO_UTC


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    formats = "; ".join(f"{fmt.value}: {TIMESTAMP_EXAMPLES[fmt]}" for fmt in TimestampFormat)
    parser = subparsers.add_parser(
        "sign",
        help=commands.summary("sign"),
        description=tr(
            "Cetak header X-Api-Timestamp dan X-Api-Signature untuk panggilan API Token "
            "Accurate. Signature Secret dibaca dari ${variable}, atau ditanyakan tanpa "
            "ditampilkan; tidak pernah dicetak.",
            variable=SECRET_ENV,
        ).get(),
    )
    parser.add_argument(
        "--timestamp",
        metavar="T",
        help=tr(
            "tandatangani timestamp ini persis seperti tertulis; harus salah satu dari enam "
            "format yang diterima Accurate ({formats}). Bawaan: waktu sekarang.",
            formats=formats,
        ).get(),
    )
    parser.add_argument(
        "--format",
        choices=[fmt.value for fmt in TimestampFormat],
        help=tr(
            "format waktu sekarang bila --timestamp tidak diberikan (bawaan {default}: UTC "
            "dengan Z, terbaca benar di WIB, WITA maupun WIT; dmy dan iso-wib dibaca sebagai "
            "jam dinding WIB)",
            default=DEFAULT_FORMAT.value,
        ).get(),
    )
    parser.add_argument(
        "--hex", action="store_true", help=tr("tanda tangan hex huruf kecil, bukan Base64").get()
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    timestamp = _timestamp(args.timestamp, args.format)
    secret = _read_secret()
    encoding = SignatureEncoding.HEX if args.hex else SignatureEncoding.BASE64
    print(f"X-Api-Timestamp: {timestamp}")
    print(f"X-Api-Signature: {sign(timestamp, secret, encoding)}")
    return EXIT_OK


def _timestamp(given: str | None, format_name: str | None) -> str:
    if given is None:
        return format_timestamp(datetime.now(UTC), TimestampFormat(format_name or DEFAULT_FORMAT))
    found = detect_format(given)  # TimestampError (a JurnalError) when it is none of the six
    if format_name is not None and found is not TimestampFormat(format_name):
        raise JurnalError(
            tr(
                "Timestamp {t!r} berformat {found}, bukan {wanted}. Hapus --format, atau tulis "
                "timestamp dalam format {wanted} (contoh: {example}).",
                t=given,
                found=found.value,
                wanted=format_name,
                example=TIMESTAMP_EXAMPLES[TimestampFormat(format_name)],
            )
        )
    return given


def _read_secret() -> str:
    secret = environment.raw(SECRET_ENV)
    if secret is None:
        try:
            secret = getpass.getpass("Signature Secret: ")
        except EOFError:
            secret = ""
    # Pasted secrets often carry a stray space or newline; a real one never has either.
    secret = secret.strip()
    if not secret:
        raise JurnalError(
            tr(
                "Signature Secret kosong. Isi variabel lingkungan {env} atau ketik secret saat "
                "diminta (salin dari halaman aplikasi developer Accurate).",
                env=SECRET_ENV,
            )
        )
    return secret
