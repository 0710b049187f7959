"""The grid's column widths as the settings file keeps them (plain rules)."""

from __future__ import annotations

from app.core.grid.column_layout import MAX_WIDTH, format_widths, longest_texts, parse_widths
from app.core.grid.columns import Column


def test_widths_are_kept_by_column_name_and_read_back():
    widths = {Column.REFERENCE: 140, Column.DATE: 90, Column.CLASSIFICATION3: 75}
    text = format_widths(widths)
    assert text == "date=90,reference=140,classification3=75"
    assert parse_widths(text) == widths


def test_what_cannot_be_used_is_left_out_and_the_rest_is_kept():
    text = "date=90, reference = 150 ,future_column=80,memo=wide,debit=-5,credit=99999,=3,,x"
    assert parse_widths(text) == {Column.DATE: 90, Column.REFERENCE: 150}
    assert parse_widths("") == {}


def test_a_width_out_of_reason_is_written_within_bounds():
    assert parse_widths(format_widths({Column.MEMO: 10_000})) == {Column.MEMO: MAX_WIDTH}


def test_only_the_longest_references_are_measured():
    references = [f"JU-{n:04d}" for n in range(5000)] + ["BKK/2026/00017", "BKM/2026/1"]
    assert longest_texts(references, 2) == ["BKK/2026/00017", "BKM/2026/1"]
    assert longest_texts([]) == []
