import time
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.api.signing import (
    TIMESTAMP_EXAMPLES,
    WIB,
    MissingSecretError,
    SignatureEncoding,
    TimestampError,
    TimestampFormat,
    calculator,
    detect_format,
    format_timestamp,
    parse_timestamp,
    sign,
    signature_headers,
)
from app.core.i18n import JurnalError

# The vendor document's example, with the hash computed (the PDF's printed one is garbled).
VECTOR_TIMESTAMP = "02/11/2023 09:01:01"
VECTOR_SECRET = "31d49b3dc632614495ff8071e5be44a1"
VECTOR_BASE64 = "8NxvylwwMcjGyzVXK0qbwNvFFuzHpwE9tECllVwLkbo="
VECTOR_HEX = "f0dc6fca5c3031c8c6cb35572b4a9bc0dbc516ecc7a7013db440a5955c0b91ba"

WITA = timezone(timedelta(hours=8))
WIT = timezone(timedelta(hours=9))
# The instant of the vendor's examples: 2023-11-02 02:32:43 UTC = 09:32:43 WIB.
INSTANT = datetime(2023, 11, 2, 2, 32, 43, tzinfo=UTC)


def test_signature_matches_the_vendor_test_vector_in_base64_and_hex():
    assert sign(VECTOR_TIMESTAMP, VECTOR_SECRET) == VECTOR_BASE64
    assert sign(VECTOR_TIMESTAMP, VECTOR_SECRET, SignatureEncoding.BASE64) == VECTOR_BASE64
    assert sign(VECTOR_TIMESTAMP, VECTOR_SECRET, SignatureEncoding.HEX) == VECTOR_HEX


def test_signature_covers_the_exact_timestamp_string():
    # The same instant written differently is a different signature: sign what is sent.
    assert sign("02/11/2023 09:01:01", VECTOR_SECRET) != sign("2023-11-02T09:01:01", VECTOR_SECRET)
    assert sign(VECTOR_TIMESTAMP + " ", VECTOR_SECRET) != VECTOR_BASE64


def test_the_vector_timestamp_is_read_as_wib():
    assert parse_timestamp(VECTOR_TIMESTAMP) == datetime(2023, 11, 2, 2, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        (TimestampFormat.DMY, "02/11/2023 09:32:43"),
        (TimestampFormat.ISO_WIB, "2023-11-02T09:32:43"),
        (TimestampFormat.ISO_UTC, "2023-11-02T02:32:43Z"),
        (TimestampFormat.UNIX, "1698892363"),
        (TimestampFormat.UNIX_MS, "1698892363000"),
    ],
)
def test_format_writes_each_documented_form(fmt, expected):
    assert format_timestamp(INSTANT, fmt) == expected
    assert parse_timestamp(expected) == INSTANT
    assert detect_format(expected) is fmt


def test_iso_offset_uses_the_given_offset():
    assert (
        format_timestamp(INSTANT, TimestampFormat.ISO_OFFSET, offset=timedelta(hours=8))
        == "2023-11-02T10:32:43+0800"
    )
    assert (
        format_timestamp(
            INSTANT, TimestampFormat.ISO_OFFSET, offset=timedelta(hours=-3, minutes=-30)
        )
        == "2023-11-01T23:02:43-0330"
    )


@pytest.mark.parametrize("fmt", list(TimestampFormat))
def test_every_vendor_example_parses_to_its_own_format(fmt):
    example = TIMESTAMP_EXAMPLES[fmt]
    assert detect_format(example) is fmt
    assert parse_timestamp(example).utcoffset() is not None


def test_vendor_iso_examples_are_the_same_instant():
    # The vendor's three ISO examples describe one moment; reading them must agree.
    wib, utc, offset = (
        parse_timestamp(TIMESTAMP_EXAMPLES[f])
        for f in (TimestampFormat.ISO_WIB, TimestampFormat.ISO_UTC, TimestampFormat.ISO_OFFSET)
    )
    assert wib == utc == offset


def test_unix_milliseconds_keep_their_milliseconds():
    moment = datetime(2023, 11, 2, 5, 30, 37, 551_999, tzinfo=UTC)
    assert format_timestamp(moment, TimestampFormat.UNIX_MS) == "1698903037551"
    assert format_timestamp(moment, TimestampFormat.UNIX) == "1698903037"
    assert parse_timestamp("1698903037551") == moment.replace(microsecond=551_000)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " 02/11/2023 09:01:01",
        "02/11/2023 09:01:01 ",
        "2/11/2023 09:01:01",
        "02-11-2023 09:01:01",
        "31/02/2023 09:01:01",
        "02/11/2023 24:00:00",
        "2023-11-02 09:32:43",
        "2023-11-02T09:32",
        "2023-11-02T09:32:43.123Z",
        "2023-11-02T10:32:43+08:00",
        "2023-11-02T10:32:43+0860",
        "2023-11-02T10:32:43+2400",
        "2023-11-02t02:32:43z",
        "-1698903037",
        "1698903037.5",
        "١٦٩٨٩٠٣٠٣٧",  # Arabic-Indic digits
        "9999999999999999",
        "kemarin",
    ],
)
def test_anything_but_the_six_formats_is_refused_with_a_bilingual_message(text):
    with pytest.raises(ValueError) as caught:
        parse_timestamp(text)
    error = caught.value
    assert isinstance(error, TimestampError)
    assert isinstance(error, JurnalError)
    assert "X-Api-Timestamp" in error.text.id and "X-Api-Timestamp" in error.text.en
    assert TIMESTAMP_EXAMPLES[TimestampFormat.ISO_UTC] in error.text.en


def test_a_naive_datetime_is_refused_rather_than_guessed():
    with pytest.raises(ValueError, match="timezone-aware"):
        format_timestamp(datetime(2023, 11, 2, 9, 32, 43), TimestampFormat.ISO_UTC)


def test_an_offset_with_seconds_cannot_be_written():
    with pytest.raises(ValueError):
        format_timestamp(INSTANT, TimestampFormat.ISO_OFFSET, offset=timedelta(seconds=30))


@pytest.mark.parametrize(("zone", "wall"), [(WITA, "10:32:43"), (WIT, "11:32:43")])
def test_laptop_in_wita_or_wit_sends_a_timestamp_the_server_reads_as_the_right_instant(zone, wall):
    # The laptop's wall clock shows local time; the instant is the same everywhere.
    laptop_now = datetime(2023, 11, 2, int(wall[:2]), 32, 43, tzinfo=zone)
    assert laptop_now == INSTANT
    headers = signature_headers(VECTOR_SECRET, laptop_now)
    assert headers["X-Api-Timestamp"] == "2023-11-02T02:32:43Z"
    assert parse_timestamp(headers["X-Api-Timestamp"]) == INSTANT
    # The naive forms are written in WIB, not in the laptop's wall clock...
    assert format_timestamp(laptop_now, TimestampFormat.DMY) == "02/11/2023 09:32:43"
    assert format_timestamp(laptop_now, TimestampFormat.ISO_WIB) == "2023-11-02T09:32:43"
    # ...because the laptop's own wall clock, sent without a zone, is hours off at the server.
    naive_wall_clock = f"2023-11-02T{wall}"
    assert parse_timestamp(naive_wall_clock) - INSTANT >= timedelta(hours=1)
    # With its offset written out, the local wall clock is read correctly.
    offset = zone.utcoffset(None)
    local = format_timestamp(laptop_now, TimestampFormat.ISO_OFFSET, offset=offset)
    assert local.startswith(f"2023-11-02T{wall}")
    assert parse_timestamp(local) == INSTANT


@pytest.fixture
def machine_zone(monkeypatch):
    """Set the process's local time zone like a laptop's settings would."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is not available on this platform")

    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield use
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    ("zone_name", "expected_offset"),
    [("Asia/Makassar", "+0800"), ("Asia/Jayapura", "+0900"), ("Asia/Jakarta", "+0700")],
)
def test_machine_zone_affects_only_the_offset_form(machine_zone, zone_name, expected_offset):
    machine_zone(zone_name)
    now = datetime.now(UTC).replace(microsecond=0)
    headers = signature_headers(VECTOR_SECRET, now)
    assert parse_timestamp(headers["X-Api-Timestamp"]) == now
    local = format_timestamp(now, TimestampFormat.ISO_OFFSET)
    assert local.endswith(expected_offset)
    assert parse_timestamp(local) == now
    for fmt in TimestampFormat:
        assert parse_timestamp(format_timestamp(now, fmt)) == now
    wib_wall = now.astimezone(WIB)
    assert format_timestamp(now, TimestampFormat.DMY) == wib_wall.strftime("%d/%m/%Y %H:%M:%S")


def test_signature_headers_sign_an_unambiguous_utc_timestamp():
    headers = signature_headers(VECTOR_SECRET, INSTANT)
    assert headers == {
        "X-Api-Timestamp": "2023-11-02T02:32:43Z",
        "X-Api-Signature": sign("2023-11-02T02:32:43Z", VECTOR_SECRET),
    }


def test_signature_headers_can_use_another_format_and_hex():
    moment = datetime(2023, 11, 2, 9, 1, 1, tzinfo=WIB)
    headers = signature_headers(
        VECTOR_SECRET, moment, fmt=TimestampFormat.DMY, encoding=SignatureEncoding.HEX
    )
    assert headers == {"X-Api-Timestamp": VECTOR_TIMESTAMP, "X-Api-Signature": VECTOR_HEX}


def test_signature_headers_refuse_an_empty_secret_without_naming_it():
    with pytest.raises(MissingSecretError) as caught:
        signature_headers("", INSTANT)
    assert "Signature Secret" in caught.value.text.id
    assert "Signature Secret" in caught.value.text.en


def test_calculator_gives_every_format_with_both_encodings():
    moment = datetime(2023, 11, 2, 9, 1, 1, tzinfo=WIB)
    rows = calculator(VECTOR_SECRET, moment, offset=timedelta(hours=8))
    assert list(rows) == list(TimestampFormat)
    assert rows[TimestampFormat.DMY] == (VECTOR_TIMESTAMP, VECTOR_BASE64, VECTOR_HEX)
    assert rows[TimestampFormat.ISO_OFFSET][0] == "2023-11-02T10:01:01+0800"
    for timestamp, base64_signature, hex_signature in rows.values():
        assert parse_timestamp(timestamp) == moment
        assert base64_signature == sign(timestamp, VECTOR_SECRET, SignatureEncoding.BASE64)
        assert hex_signature == sign(timestamp, VECTOR_SECRET, SignatureEncoding.HEX)
        assert hex_signature == hex_signature.lower()


def test_no_secret_in_what_the_calculator_returns():
    rows = calculator(VECTOR_SECRET, INSTANT)
    assert VECTOR_SECRET not in repr(rows)


moments = st.datetimes(
    min_value=datetime(2000, 1, 1),
    max_value=datetime(2100, 12, 31),
    timezones=st.sampled_from([UTC, WIB, WITA, WIT, timezone(timedelta(hours=-5))]),
)
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: timedelta(minutes=m))


@given(moment=moments, offset=offsets, fmt=st.sampled_from(list(TimestampFormat)))
def test_every_format_reads_back_as_the_same_instant(moment, offset, fmt):
    text = format_timestamp(moment, fmt, offset=offset)
    resolution = (
        timedelta(milliseconds=1) if fmt is TimestampFormat.UNIX_MS else timedelta(seconds=1)
    )
    truncated = moment - (moment - datetime(2000, 1, 1, tzinfo=UTC)) % resolution
    assert parse_timestamp(text) == truncated
    assert detect_format(text) is fmt
