"""Accurate's side of request signing: read X-Api-Timestamp in its six accepted formats and
check X-Api-Signature. Written independently of app/api/signing.py on purpose, so the
sandbox is a second opinion on the client's signing rather than a copy of it."""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import re
from datetime import UTC, datetime, timedelta, timezone

WIB = timezone(timedelta(hours=7), "WIB")
MAX_DIFFERENCE_SECONDS = 600

_DMY = re.compile(r"(\d{2})/(\d{2})/(\d{4}) (\d{2}):(\d{2}):(\d{2})")
_ISO = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?"
)
_UNIX_SECONDS = re.compile(r"\d{1,11}")
_UNIX_MILLISECONDS = re.compile(r"\d{12,13}")


def read_timestamp(text: str) -> datetime | None:
    """The moment an X-Api-Timestamp names (aware), or None when it is in no accepted format.

    Naive forms (dd/MM/yyyy HH:mm:ss and ISO without zone) are WIB wall-clock time.
    """
    try:
        if match := _DMY.fullmatch(text):
            day, month, year, hour, minute, second = map(int, match.groups())
            return datetime(year, month, day, hour, minute, second, tzinfo=WIB)
        if match := _ISO.fullmatch(text):
            return _iso(match)
        if _UNIX_SECONDS.fullmatch(text):
            return datetime.fromtimestamp(int(text), UTC)
        if _UNIX_MILLISECONDS.fullmatch(text):
            return datetime.fromtimestamp(int(text) / 1000, UTC)
    except (ValueError, OverflowError, OSError):
        return None  # 31/02/2023, hour 25, a year out of range
    return None


def _iso(match: re.Match[str]) -> datetime:
    year, month, day, hour, minute, second = (int(group) for group in match.groups()[:6])
    fraction, zone = match.group(7), match.group(8)
    microsecond = int((fraction or "0").ljust(6, "0")[:6])
    return datetime(year, month, day, hour, minute, second, microsecond, tzinfo=_zone(zone))


def _zone(zone: str | None) -> timezone:
    if zone is None:
        return WIB
    if zone == "Z":
        return UTC
    digits = zone[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return timezone(-offset if zone[0] == "-" else offset)


def signature_matches(timestamp: str, signature: str, secret: str) -> bool:
    """True when `signature` is HMAC-SHA256(key=secret, msg=timestamp), in Base64 or hex."""
    expected = hmac.new(secret.encode(), timestamp.encode(), hashlib.sha256).digest()
    return any(hmac.compare_digest(expected, given) for given in _decodings(signature.strip()))


def _decodings(signature: str) -> list[bytes]:
    candidates: list[bytes] = []
    if re.fullmatch(r"[0-9a-fA-F]{64}", signature):
        candidates.append(bytes.fromhex(signature))
    with contextlib.suppress(binascii.Error, ValueError):
        candidates.append(base64.b64decode(signature, validate=True))
    return candidates
