"""The HMAC calculator's logic, without Qt: Accurate's documented test vector, every
timestamp format of one instant, the user's typing and pasting."""

from __future__ import annotations

from app.api.hmac_calculator import EXAMPLE_SECRET, EXAMPLE_TIMESTAMP
from app.api.signing import SignatureEncoding, TimestampFormat, sign
from tests.helpers.hmac_vectors import VECTOR_BASE64, VECTOR_HEX, fixed_calculator


def test_it_starts_at_now_in_the_vendors_first_format_without_signatures():
    calc = fixed_calculator()
    assert calc.timestamp == "17/08/2024 10:04:05"
    assert [row.fmt for row in calc.rows] == list(TimestampFormat)
    assert all(row.base64 == "" and row.hex == "" for row in calc.rows)
    assert calc.header_lines(TimestampFormat.DMY) is None
    assert "Signature Secret" in calc.hint.get("id")


def test_the_example_reproduces_the_documented_signature():
    calc = fixed_calculator()
    assert calc.use_example() == (EXAMPLE_SECRET, EXAMPLE_TIMESTAMP)
    typed = calc.row(TimestampFormat.DMY)
    assert typed is not None and typed.typed
    assert typed.timestamp == EXAMPLE_TIMESTAMP
    assert typed.base64 == VECTOR_BASE64
    assert typed.hex == VECTOR_HEX
    assert calc.header_lines(TimestampFormat.DMY) == (
        f"X-Api-Timestamp: {EXAMPLE_TIMESTAMP}",
        f"X-Api-Signature: {VECTOR_BASE64}",
    )
    assert calc.header_lines(TimestampFormat.DMY, SignatureEncoding.HEX)[1].endswith(VECTOR_HEX)


def test_every_format_of_the_same_instant_is_signed_as_written():
    calc = fixed_calculator()
    calc.set_secret("rahasia")
    calc.set_timestamp("2023-11-02T02:32:43Z")
    timestamps = {row.fmt: row.timestamp for row in calc.rows}
    assert timestamps == {
        TimestampFormat.DMY: "02/11/2023 09:32:43",
        TimestampFormat.ISO_WIB: "2023-11-02T09:32:43",
        TimestampFormat.ISO_UTC: "2023-11-02T02:32:43Z",
        TimestampFormat.ISO_OFFSET: "2023-11-02T10:32:43+0800",
        TimestampFormat.UNIX: "1698892363",
        TimestampFormat.UNIX_MS: "1698892363000",
    }
    for row in calc.rows:
        assert row.base64 == sign(row.timestamp, "rahasia")
        assert row.hex == sign(row.timestamp, "rahasia", SignatureEncoding.HEX)
    assert [row.fmt for row in calc.rows if row.typed] == [TimestampFormat.ISO_UTC]


def test_a_typed_offset_is_kept_in_the_offset_row():
    calc = fixed_calculator()
    calc.set_timestamp("2023-11-02T11:32:43+0900")
    row = calc.row(TimestampFormat.ISO_OFFSET)
    assert row is not None and row.typed
    assert row.timestamp == "2023-11-02T11:32:43+0900"
    assert calc.row(TimestampFormat.ISO_UTC).timestamp == "2023-11-02T02:32:43Z"


def test_now_keeps_the_format_the_user_chose():
    calc = fixed_calculator()
    calc.set_timestamp("1698892363000")
    assert calc.use_now() == "1723863845000"
    calc.set_timestamp("2023-11-02T11:32:43+0900")
    assert calc.use_now() == "2024-08-17T12:04:05+0900"


def test_an_unreadable_timestamp_says_which_formats_are_accepted():
    calc = fixed_calculator()
    calc.set_secret("rahasia")
    calc.set_timestamp("2023-11-02 09:32")
    assert calc.rows == []
    assert calc.error is not None
    assert "25/12/2023 13:42:39" in calc.error.get("en")
    calc.set_timestamp("")
    assert "empty" in calc.hint.get("en")


def test_a_pasted_secret_loses_its_stray_whitespace_and_never_shows_in_repr():
    calc = fixed_calculator()
    calc.set_timestamp(EXAMPLE_TIMESTAMP)
    calc.set_secret(f"  {EXAMPLE_SECRET}\n")
    assert calc.row(TimestampFormat.DMY).base64 == VECTOR_BASE64
    assert "ignored" in calc.hint.get("en")
    assert EXAMPLE_SECRET not in repr(calc)
