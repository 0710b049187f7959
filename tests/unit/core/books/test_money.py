"""Amounts from cells and text, in Indonesian and English number styles."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.books.money import (
    AmbiguousNumberError,
    AmountError,
    FractionOfCentError,
    parse_amount,
    parse_typed_amount,
    round_to_cent,
)
from app.core.books.number_style import NumberStyle, format_amount

ID, EN = NumberStyle.ID, NumberStyle.EN


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (1500000, "1500000.00"),
        (-250, "-250.00"),
        (1500000.0, "1500000.00"),
        (0.1 + 0.2, "0.30"),  # binary noise from a spreadsheet
        (1500000.0000000002, "1500000.00"),
        (Decimal("12.5"), "12.50"),
        ("1.500.000,00", "1500000.00"),
        ("1.500", "1500.00"),  # Indonesian: a dot groups thousands
        ("1500,5", "1500.50"),
        (",5", "0.50"),
        ("Rp 1.500.000", "1500000.00"),
        ("Rp. 1.500.000,25", "1500000.25"),
        ("1.500.000 IDR", "1500000.00"),
        ("-1.500", "-1500.00"),
        ("1.500-", "-1500.00"),
        ("(1.500,00)", "-1500.00"),
        ("  1 500 000 ", "1500000.00"),
        ("1\u00a0500\u00a0000,00", "1500000.00"),
    ],
)
def test_indonesian_style(cell, expected):
    assert parse_amount(cell, ID) == Decimal(expected)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1,500,000.00", "1500000.00"),
        ("1,500", "1500.00"),  # English: a comma groups thousands
        ("1500.5", "1500.50"),
        ("IDR 2,000.75", "2000.75"),
        ("(2,000.75)", "-2000.75"),
    ],
)
def test_english_style(cell, expected):
    assert parse_amount(cell, "en") == Decimal(expected)


@pytest.mark.parametrize("cell", [None, "", "   "])
def test_blank_cells_have_no_amount(cell):
    assert parse_amount(cell) is None


@pytest.mark.parametrize("cell", ["abc", "12a", True, float("nan"), float("inf"), "--", []])
def test_not_a_number(cell):
    with pytest.raises(AmountError) as raised:
        parse_amount(cell)
    assert "is not a number" in raised.value.text.en
    assert "bukan angka" in raised.value.text.id


@pytest.mark.parametrize("cell", [10.125, "10,125", Decimal("0.001")])
def test_a_third_decimal_is_refused(cell):
    with pytest.raises(AmountError, match="lebih dari 2 angka desimal"):
        parse_amount(cell, ID)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (317626.630000001, "317626.63"),  # a formula's result, shown by Excel as 317.626,63
        (-317626.630000001, "-317626.63"),
        (317626.629999999, "317626.63"),
        (0.1 + 0.7, "0.80"),  # 0.7999999999999999
        (10.120001, "10.12"),  # exactly a millionth away: still noise
        (-0.0, "0.00"),
    ],
)
def test_float_noise_within_a_millionth_of_a_cent_is_that_cent(cell, expected):
    amount = parse_amount(cell)
    assert amount == Decimal(expected)
    assert str(amount) == expected


@pytest.mark.parametrize(
    ("cell", "exact", "rounded"),
    [
        (10.125, "10.125", "10.13"),
        (317626.6302, "317626.6302", "317626.63"),
        (10.1200011, "10.1200011", "10.12"),  # just past the tolerance
        (-10.125, "-10.125", "-10.13"),  # half away from zero, as Excel shows it
        (2.675, "2.675", "2.68"),  # the float's shortest text, not its binary expansion
        ("10,125", "10.125", "10.13"),
        ("10,1200001", "10.1200001", "10.12"),  # typed text gets no tolerance
        (Decimal("0.004"), "0.004", "0.00"),
    ],
)
def test_a_real_fraction_of_a_cent_carries_the_value_and_its_rounding(cell, exact, rounded):
    with pytest.raises(FractionOfCentError) as raised:
        parse_amount(cell, ID)
    assert raised.value.value == Decimal(exact)
    assert str(raised.value.rounded) == rounded
    assert isinstance(raised.value, AmountError)  # typing one in the grid is still refused


def test_round_to_cent_is_half_up_and_never_minus_zero():
    assert round_to_cent(Decimal("10.125")) == Decimal("10.13")
    assert round_to_cent(Decimal("10.12499")) == Decimal("10.12")
    assert round_to_cent(Decimal("-10.125")) == Decimal("-10.13")
    assert str(round_to_cent(Decimal("-0.004"))) == "0.00"


@pytest.mark.parametrize("cell", [1e300, 10**40, Decimal("1e40")])
def test_an_amount_too_large_to_hold_is_an_error_not_a_crash(cell):
    with pytest.raises(AmountError, match="terlalu besar"):
        parse_amount(cell)


def test_the_wrong_style_says_which_style_to_choose():
    with pytest.raises(AmountError) as raised:
        parse_amount("1,500,000.00", ID)
    assert "choose the English number style" in raised.value.text.en
    with pytest.raises(AmountError) as raised:
        parse_amount("1.500.000,00", EN)
    assert "choose the Indonesian number style" in raised.value.text.en


@pytest.mark.parametrize("cell", ["1.50.000", "15.00.000,00", "1.5000", "1..5"])
def test_malformed_grouping_is_refused(cell):
    with pytest.raises(AmountError):
        parse_amount(cell, ID)


def test_format_amount_in_both_styles():
    assert format_amount(Decimal("1500000")) == "1.500.000,00"
    assert format_amount(Decimal("1500000.5"), EN) == "1,500,000.50"
    assert format_amount(Decimal("-0.5"), "id") == "-0,50"


def test_format_amount_shows_a_fraction_of_a_cent_instead_of_hiding_it():
    assert format_amount(Decimal("10.125")) == "10,125"
    assert format_amount(Decimal("-317626.6302"), EN) == "-317,626.6302"
    assert format_amount(Decimal("0.0002")) == "0,0002"
    assert format_amount(Decimal("10.120")) == "10,12"


amounts = st.decimals(
    min_value=Decimal("-999999999999.99"),
    max_value=Decimal("999999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@given(amount=amounts, style=st.sampled_from([ID, EN]))
def test_format_then_parse_gives_the_amount_back(amount, style):
    assert parse_amount(format_amount(amount, style), style) == amount


@given(amount=amounts)
def test_spreadsheet_floats_with_cents_read_exactly(amount):
    assert parse_amount(float(amount)) == amount


@given(
    amount=st.decimals(min_value=Decimal("-999999999.99"), max_value=Decimal("999999999.99"),
                       places=2),
    noise=st.decimals(min_value=Decimal("-0.0000005"), max_value=Decimal("0.0000005"),
                      places=10),
)  # fmt: skip
def test_formula_noise_near_a_cent_reads_as_that_cent(amount, noise):
    # Below a billion a float holds the noisy value to better than 1e-7, so it stays
    # within the millionth the reader tolerates.
    assert parse_amount(float(amount + noise)) == amount


@pytest.mark.parametrize("cents", ["17000000123.45", "99999999999.99", "250000000000.10"])
def test_a_float_step_off_the_cent_on_tens_of_billions_is_still_noise(cents):
    import math

    value = float(cents)
    for noisy in (math.nextafter(value, math.inf), math.nextafter(value, -math.inf)):
        assert parse_amount(noisy) == Decimal(cents)


def test_a_real_fraction_of_a_cent_on_a_large_amount_is_still_found():
    with pytest.raises(FractionOfCentError):
        parse_amount(17000000123.455)


# --- typed by a person: one style, never a guess between the two --------------------------


@pytest.mark.parametrize(
    ("text", "style", "readings"),
    [
        ("1.500", EN, ("1.50", "1,500.00")),  # English decimals, or Indonesian thousands?
        ("-12.345", EN, ("-12.3450", "-12,345.00")),
        ("Rp 999.000", EN, ("999.00", "999,000.00")),
        ("1,500", ID, ("1,50", "1.500,00")),  # Indonesian decimals, or English thousands?
        ("10,125", ID, ("10,1250", "10.125,00")),
    ],
)
def test_typed_text_the_two_styles_read_differently_is_not_guessed(text, style, readings):
    with pytest.raises(AmbiguousNumberError) as raised:
        parse_typed_amount(text, style)
    assert raised.value.readings == readings
    assert all(reading in raised.value.text.en for reading in readings)


@pytest.mark.parametrize(
    ("text", "style", "expected"),
    [
        ("1.500", ID, "1500.00"),
        ("1.500.000,25", ID, "1500000.25"),
        ("1,5", ID, "1.50"),
        ("0,500", ID, "0.50"),  # no one writes thousands with a leading 0
        ("1,500", EN, "1500.00"),
        ("1.50", EN, "1.50"),
        ("1,500,000.25", EN, "1500000.25"),
        ("", EN, None),
    ],
)
def test_typed_text_one_style_alone_reads_is_read(text, style, expected):
    amount = parse_typed_amount(text, style)
    assert amount == (None if expected is None else Decimal(expected))


def test_typed_text_in_the_other_style_says_how_to_type_it():
    with pytest.raises(AmountError) as raised:
        parse_typed_amount("1,500.00", ID)
    assert "Ketik 1.500,00" in raised.value.text.id
    assert "written in the English number style" in raised.value.text.en
