"""Amounts from cells and text, in Indonesian and English number styles."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.money import AmountError, NumberStyle, format_amount, parse_amount

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
