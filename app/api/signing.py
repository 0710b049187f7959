"""Accurate's request signature: `X-Api-Timestamp` and its HMAC-SHA256 `X-Api-Signature`.

Every Accurate call carries a timestamp (six formats are accepted) and the HMAC-SHA256 of that
exact string, keyed by the app's Signature Secret, in Base64 or lowercase hex. The same pure
functions drive the transport (`signature_headers`), the `jurnal-desk sign` command and the
GUI's live calculator (`calculator`).

Time zones: a timestamp without a zone (`25/12/2023 13:42:39`, `2023-11-02T09:32:43`) is read
by the server as WIB (UTC+7). A laptop in Makassar (WITA) or Jayapura (WIT) that sent its own
wall clock in those forms would be one or two hours off and rejected, so the naive forms are
always written in WIB here, whatever the machine's zone, and requests use ISO 8601 UTC (`Z`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from datetime import UTC, datetime, timedelta, timezone
from enum import StrEnum

from app.core.i18n import JurnalError, tr

WIB = timezone(timedelta(hours=7))
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class TimestampFormat(StrEnum):
    DMY = "dmy"  # 25/12/2023 13:42:39   (wall clock in WIB)
    ISO_WIB = "iso-wib"  # 2023-11-02T09:32:43   (naive = WIB)
    ISO_UTC = "iso-utc"  # 2023-11-02T02:32:43Z
    ISO_OFFSET = "iso-offset"  # 2023-11-02T10:32:43+0800 (given offset; default the machine's)
    UNIX = "unix"  # 1698903037
    UNIX_MS = "unix-ms"  # 1698903037551


class SignatureEncoding(StrEnum):
    BASE64 = "base64"
    HEX = "hex"


# The vendor's own examples, in the order of its table; shown in help and error messages.
TIMESTAMP_EXAMPLES: dict[TimestampFormat, str] = {
    TimestampFormat.DMY: "25/12/2023 13:42:39",
    TimestampFormat.ISO_WIB: "2023-11-02T09:32:43",
    TimestampFormat.ISO_UTC: "2023-11-02T02:32:43Z",
    TimestampFormat.ISO_OFFSET: "2023-11-02T10:32:43+0800",
    TimestampFormat.UNIX: "1698903037",
    TimestampFormat.UNIX_MS: "1698903037551",
}

# re.ASCII: `\d` must not accept Arabic-Indic or other Unicode digits the server would reject.
_DMY = re.compile(r"(\d{2})/(\d{2})/(\d{4}) (\d{2}):(\d{2}):(\d{2})", re.ASCII)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{4})?", re.ASCII)
# The server can tell seconds from milliseconds only by size: 12 digits or more are
# milliseconds (any instant after March 1973); 11 or fewer are seconds (up to the year 5138).
_UNIX = re.compile(r"\d{1,11}", re.ASCII)
_UNIX_MS = re.compile(r"\d{12,15}", re.ASCII)


class TimestampError(JurnalError, ValueError):
    """Text that is none of the six `X-Api-Timestamp` formats (a ValueError too)."""


class MissingSecretError(JurnalError, ValueError):
    """No Signature Secret was given."""


def format_timestamp(
    moment: datetime, fmt: TimestampFormat, *, offset: timedelta | None = None
) -> str:
    """Write `moment` (timezone-aware) as an `X-Api-Timestamp` in `fmt`, to the whole second
    (to the millisecond for UNIX_MS). `offset` is used by ISO_OFFSET only; by default it is
    the machine's own UTC offset at that moment."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        # A naive datetime could be local time or WIB; guessing is how clocks end up hours off.
        raise ValueError("moment must be timezone-aware (for example datetime.now(UTC))")
    fmt = TimestampFormat(fmt)
    if fmt is TimestampFormat.UNIX:
        return str((moment - _EPOCH) // timedelta(seconds=1))
    if fmt is TimestampFormat.UNIX_MS:
        return str((moment - _EPOCH) // timedelta(milliseconds=1))
    if fmt is TimestampFormat.DMY:
        return _dmy(moment.astimezone(WIB))
    if fmt is TimestampFormat.ISO_WIB:
        return _iso(moment.astimezone(WIB))
    if fmt is TimestampFormat.ISO_UTC:
        return _iso(moment.astimezone(UTC)) + "Z"
    zone = moment.astimezone().tzinfo if offset is None else _zone_for(offset)
    local = moment.astimezone(zone)
    return _iso(local) + _offset_text(local.utcoffset() or timedelta(0))


def parse_timestamp(text: str) -> datetime:
    """Read any of the six formats as an aware datetime; TimestampError (a ValueError)
    otherwise. The text must be exactly one format, as the server will see it: no spaces
    around it, no fractions of a second, offsets written `+0800`."""
    return _parse(text)[0]


def detect_format(text: str) -> TimestampFormat:
    """Which of the six formats `text` is; TimestampError (a ValueError) if none."""
    return _parse(text)[1]


def sign(
    timestamp: str, secret: str, encoding: SignatureEncoding = SignatureEncoding.BASE64
) -> str:
    """HMAC-SHA256 of the exact timestamp string, keyed by the Signature Secret (UTF-8)."""
    digest = hmac.new(secret.encode("utf-8"), timestamp.encode("utf-8"), hashlib.sha256).digest()
    if SignatureEncoding(encoding) is SignatureEncoding.HEX:
        return digest.hex()
    return base64.b64encode(digest).decode("ascii")


def signature_headers(
    secret: str,
    moment: datetime,
    *,
    fmt: TimestampFormat = TimestampFormat.ISO_UTC,
    encoding: SignatureEncoding = SignatureEncoding.BASE64,
) -> dict[str, str]:
    """The two signing headers for a request sent at `moment` (use the server-corrected clock).
    ISO_UTC by default: unambiguous wherever the laptop is."""
    if not secret:
        raise MissingSecretError(
            tr(
                "Signature Secret belum diisi. Salin dari halaman aplikasi developer Accurate "
                "ke profil ini, lalu coba lagi."
            )
        )
    timestamp = format_timestamp(moment, fmt)
    return {"X-Api-Timestamp": timestamp, "X-Api-Signature": sign(timestamp, secret, encoding)}


def calculator(
    secret: str, moment: datetime, *, offset: timedelta | None = None
) -> dict[TimestampFormat, tuple[str, str, str]]:
    """For the live HMAC calculator: per format, (timestamp, Base64 signature, hex signature).
    `offset` is passed to ISO_OFFSET (default: the machine's offset)."""
    rows: dict[TimestampFormat, tuple[str, str, str]] = {}
    for fmt in TimestampFormat:
        timestamp = format_timestamp(moment, fmt, offset=offset)
        rows[fmt] = (
            timestamp,
            sign(timestamp, secret, SignatureEncoding.BASE64),
            sign(timestamp, secret, SignatureEncoding.HEX),
        )
    return rows


def _dmy(wall: datetime) -> str:
    # f-strings rather than strftime: strftime does not zero-pad years before 1000 on Linux.
    return (
        f"{wall.day:02d}/{wall.month:02d}/{wall.year:04d} "
        f"{wall.hour:02d}:{wall.minute:02d}:{wall.second:02d}"
    )


def _iso(wall: datetime) -> str:
    return (
        f"{wall.year:04d}-{wall.month:02d}-{wall.day:02d}"
        f"T{wall.hour:02d}:{wall.minute:02d}:{wall.second:02d}"
    )


def _zone_for(offset: timedelta) -> timezone:
    if offset % timedelta(minutes=1):
        raise ValueError("offset must be a whole number of minutes")
    return timezone(offset)  # itself refuses offsets of 24 hours or more


def _offset_text(offset: timedelta) -> str:
    sign_char = "-" if offset < timedelta(0) else "+"
    minutes = abs(offset) // timedelta(minutes=1)
    return f"{sign_char}{minutes // 60:02d}{minutes % 60:02d}"


def _parse(text: str) -> tuple[datetime, TimestampFormat]:
    try:
        return _parse_or_raise(text)
    except (ValueError, OverflowError) as error:
        raise _not_a_timestamp(text) from error


def _parse_or_raise(text: str) -> tuple[datetime, TimestampFormat]:
    if match := _DMY.fullmatch(text):
        day, month, year, hour, minute, second = (int(g) for g in match.groups())
        return datetime(year, month, day, hour, minute, second, tzinfo=WIB), TimestampFormat.DMY
    if match := _ISO.fullmatch(text):
        *fields, zone = match.groups()
        year, month, day, hour, minute, second = (int(g) for g in fields)
        tzinfo, fmt = _iso_zone(zone)
        return datetime(year, month, day, hour, minute, second, tzinfo=tzinfo), fmt
    if _UNIX.fullmatch(text):
        return _EPOCH + timedelta(seconds=int(text)), TimestampFormat.UNIX
    if _UNIX_MS.fullmatch(text):
        return _EPOCH + timedelta(milliseconds=int(text)), TimestampFormat.UNIX_MS
    raise ValueError(text)


def _iso_zone(zone: str | None) -> tuple[timezone, TimestampFormat]:
    if zone is None:
        return WIB, TimestampFormat.ISO_WIB
    if zone == "Z":
        return UTC, TimestampFormat.ISO_UTC
    hours, minutes = int(zone[1:3]), int(zone[3:5])
    if minutes >= 60:
        raise ValueError(zone)
    offset = timedelta(hours=hours, minutes=minutes)
    return timezone(-offset if zone[0] == "-" else offset), TimestampFormat.ISO_OFFSET


def _not_a_timestamp(text: str) -> TimestampError:
    shown = text if len(text) <= 40 else text[:40] + "…"
    examples = ", ".join(TIMESTAMP_EXAMPLES.values())
    return TimestampError(
        tr(
            "{shown!r} bukan format X-Api-Timestamp yang diterima Accurate. "
            "Tulis dalam salah satu format ini: {examples}.",
            shown=shown,
            examples=examples,
        )
    )
