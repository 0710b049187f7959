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
        description="Print the X-Api-Timestamp and X-Api-Signature headers for an Accurate "
        f"API Token call. The Signature Secret is read from ${SECRET_ENV}, or asked for "
        "without echoing it; it is never printed.",
    )
    parser.add_argument(
        "--timestamp",
        metavar="T",
        help="sign this timestamp exactly as written; it must be one of the six formats "
        f"Accurate accepts ({formats}). Default: the current time.",
    )
    parser.add_argument(
        "--format",
        choices=[fmt.value for fmt in TimestampFormat],
        help=f"format of the current time when --timestamp is not given (default "
        f"{DEFAULT_FORMAT.value}: UTC with Z, read correctly in WIB, WITA and WIT alike; "
        "dmy and iso-wib are read as WIB wall-clock time)",
    )
    parser.add_argument(
        "--hex", action="store_true", help="lowercase hex signature instead of Base64"
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
