"""The HMAC calculator's logic: Accurate's X-Api-Signature for a Signature Secret and a
timestamp, in all six timestamp formats, in Base64 and hex, recomputed on every change.

Plain Python (the page in app/ui/tools/hmac_page.py only shows it, and it is tested without a
window). The secret lives in memory only: it is never logged, saved or put in a repr.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Final

from app.api.signing import (
    TIMESTAMP_EXAMPLES,
    SignatureEncoding,
    TimestampError,
    TimestampFormat,
    calculator,
    detect_format,
    format_timestamp,
    parse_timestamp,
)
from app.core.i18n import Text, tr

# The test vector of the vendor's document (see api-notes): this secret and timestamp give
# 8NxvylwwMcjGyzVXK0qbwNvFFuzHpwE9tECllVwLkbo= in Base64.
EXAMPLE_SECRET: Final = "31d49b3dc632614495ff8071e5be44a1"
EXAMPLE_TIMESTAMP: Final = "02/11/2023 09:01:01"
DEFAULT_FORMAT: Final = TimestampFormat.DMY  # the vendor's first example; read as WIB

FORMAT_LABELS: Final[dict[TimestampFormat, Text]] = {
    TimestampFormat.DMY: tr("Tanggal dan jam WIB"),
    TimestampFormat.ISO_WIB: tr("ISO 8601 tanpa zona (WIB)"),
    TimestampFormat.ISO_UTC: tr("ISO 8601 UTC"),
    TimestampFormat.ISO_OFFSET: tr("ISO 8601 dengan offset"),
    TimestampFormat.UNIX: tr("Unix (detik)"),
    TimestampFormat.UNIX_MS: tr("Unix (milidetik)"),
}

TIMESTAMP_HEADER: Final = "X-Api-Timestamp"
SIGNATURE_HEADER: Final = "X-Api-Signature"


@dataclass(frozen=True, slots=True)
class SignatureRow:
    """One timestamp format: the timestamp and its signatures ("" without a secret)."""

    fmt: TimestampFormat
    timestamp: str
    base64: str
    hex: str
    typed: bool  # the timestamp exactly as the user wrote it

    @property
    def label(self) -> Text:
        return FORMAT_LABELS[self.fmt]

    def signature(self, encoding: SignatureEncoding) -> str:
        return self.hex if encoding is SignatureEncoding.HEX else self.base64


class HmacCalculator:
    """The calculator's state and answers. No Qt; the view calls it and redraws."""

    def __init__(
        self,
        *,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        offset: timedelta | None = None,
    ) -> None:
        self._now = now
        self._offset = offset  # ISO 8601 with offset, when the typed text has none: the machine's
        self._secret = ""
        self._secret_trimmed = False
        self._timestamp = ""
        self._rows: list[SignatureRow] = []
        self._error: Text | None = None
        self.use_now()

    def __repr__(self) -> str:
        return f"HmacCalculator(timestamp={self._timestamp!r}, secret=<hidden>)"

    # -- input -----------------------------------------------------------------------------

    def set_secret(self, text: str) -> None:
        # Pasted secrets often carry a stray space or newline; a real one never has either.
        self._secret = text.strip()
        self._secret_trimmed = bool(text) and self._secret != text
        self._compute()

    def set_timestamp(self, text: str) -> None:
        self._timestamp = text.strip()
        self._compute()

    def use_now(self) -> str:
        """Set the timestamp to the current time, in the format the field has now (or the
        default); returns the new text."""
        fmt = self.input_format or DEFAULT_FORMAT
        offset = self._typed_offset() if fmt is TimestampFormat.ISO_OFFSET else None
        self.set_timestamp(format_timestamp(self._now(), fmt, offset=offset or self._offset))
        return self._timestamp

    def use_example(self) -> tuple[str, str]:
        """The vendor's test vector; returns (secret, timestamp) for the view's fields."""
        self._secret, self._secret_trimmed = EXAMPLE_SECRET, False
        self.set_timestamp(EXAMPLE_TIMESTAMP)
        return EXAMPLE_SECRET, EXAMPLE_TIMESTAMP

    # -- answers ---------------------------------------------------------------------------

    @property
    def timestamp(self) -> str:
        return self._timestamp

    @property
    def rows(self) -> list[SignatureRow]:
        """The six formats in the vendor's order; empty while the timestamp is unreadable."""
        return list(self._rows)

    @property
    def input_format(self) -> TimestampFormat | None:
        try:
            return detect_format(self._timestamp)
        except TimestampError:
            return None

    @property
    def error(self) -> Text | None:
        """What is wrong with the timestamp, if anything."""
        return self._error

    @property
    def hint(self) -> Text:
        """One line under the fields: the problem to fix, or what the table shows."""
        if self._error is not None:
            return self._error
        if not self._secret:
            return tr(
                "Isi Signature Secret (dari halaman aplikasi developer Accurate) untuk melihat "
                "tanda tangannya."
            )
        if self._secret_trimmed:
            return tr("Spasi atau baris baru di awal/akhir secret diabaikan.")
        return tr(
            "Baris tebal adalah timestamp persis seperti yang ditulis. Tanda tangan = "
            "HMAC-SHA256(timestamp, Signature Secret)."
        )

    def row(self, fmt: TimestampFormat) -> SignatureRow | None:
        return next((row for row in self._rows if row.fmt is fmt), None)

    def header_lines(
        self, fmt: TimestampFormat, encoding: SignatureEncoding = SignatureEncoding.BASE64
    ) -> tuple[str, str] | None:
        """The two header lines for `fmt`, ready to paste into curl or Postman."""
        row = self.row(fmt)
        if row is None or not self._secret:
            return None
        return (
            f"{TIMESTAMP_HEADER}: {row.timestamp}",
            f"{SIGNATURE_HEADER}: {row.signature(encoding)}",
        )

    # -- internals -------------------------------------------------------------------------

    def _typed_offset(self) -> timedelta | None:
        try:
            return parse_timestamp(self._timestamp).utcoffset()
        except TimestampError:
            return None

    def _compute(self) -> None:
        try:
            moment = parse_timestamp(self._timestamp)
            typed = detect_format(self._timestamp)
        except TimestampError as error:
            self._rows, self._error = [], _timestamp_problem(self._timestamp, error)
            return
        offset = moment.utcoffset() if typed is TimestampFormat.ISO_OFFSET else self._offset
        results = calculator(self._secret or "-", moment, offset=offset)
        self._error = None
        self._rows = [
            SignatureRow(
                fmt,
                timestamp,
                base64 if self._secret else "",
                hex_digest if self._secret else "",
                typed is fmt,
            )
            for fmt, (timestamp, base64, hex_digest) in results.items()
        ]


def _timestamp_problem(text: str, error: TimestampError) -> Text:
    if not text:
        return tr(
            "Timestamp kosong. Tekan Sekarang, atau tulis misalnya {example}.",
            example=TIMESTAMP_EXAMPLES[DEFAULT_FORMAT],
        )
    return error.text
