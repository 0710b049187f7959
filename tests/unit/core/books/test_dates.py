"""Dates from cells: real dates, serial numbers and day-first text."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.core.books.dates import DateError, format_date, parse_date

AUG5 = date(2026, 8, 5)


@pytest.mark.parametrize(
    "cell",
    [
        AUG5,
        datetime(2026, 8, 5, 23, 59),
        46239,  # Excel serial
        46239.75,  # a serial with a time of day
        "05/08/2026",
        "5/8/2026",
        "05-08-2026",
        "05.08.2026",
        "05/08/26",
        "2026-08-05",
        "2026/8/5",
        "05/08/2026 00:00:00",
        "2026-08-05T10:30",
        "5 Agustus 2026",
        "5 agustus 2026",
        "5 Agu 2026",
        "5 Agt 2026",
        "5 Aug 2026",
        "5 August 2026",
        "05-Agu-2026",
        "5 Agu. 2026",
        "  5   Agustus   2026 ",
    ],
)
def test_every_form_of_the_fifth_of_august(cell):
    assert parse_date(cell) == AUG5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 Mei 2026", date(2026, 5, 1)),
        ("1 Okt 2026", date(2026, 10, 1)),
        ("25 Des 2026", date(2026, 12, 25)),
        ("29/02/2028", date(2028, 2, 29)),
        ("1 Pebruari 2026", date(2026, 2, 1)),
    ],
)
def test_indonesian_month_names(text, expected):
    assert parse_date(text) == expected


def test_day_comes_first():
    assert parse_date("01/02/2026") == date(2026, 2, 1)


@pytest.mark.parametrize("cell", [None, "", "   "])
def test_blank_cells_have_no_date(cell):
    assert parse_date(cell) is None


@pytest.mark.parametrize("cell", ["besok", "2026", True, 0, -5, 3_000_000, "5/8", object()])
def test_not_a_date(cell):
    with pytest.raises(DateError) as raised:
        parse_date(cell)
    assert "is not a date" in raised.value.text.en
    assert "bukan tanggal" in raised.value.text.id


@pytest.mark.parametrize("text", ["31/02/2026", "29/02/2026", "05/13/2026", "00/01/2026"])
def test_dates_that_do_not_exist(text):
    with pytest.raises(DateError) as raised:
        parse_date(text)
    assert "does not exist" in raised.value.text.en
    assert "hari/bulan/tahun" in raised.value.text.id


def test_an_unknown_month_name_is_named():
    with pytest.raises(DateError) as raised:
        parse_date("5 Agustusan 2026")
    assert "'agustusan'" in raised.value.text.en


def test_format_date_is_day_first():
    assert format_date(AUG5) == "05/08/2026"
    assert parse_date(format_date(AUG5)) == AUG5
