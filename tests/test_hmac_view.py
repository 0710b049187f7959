"""The live HMAC calculator: its logic without a window, then the page as a user types."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from app.api.signing import SignatureEncoding, TimestampFormat, sign
from app.core.i18n import set_language
from app.ui.hmac_view import (
    EXAMPLE_SECRET,
    EXAMPLE_TIMESTAMP,
    HmacCalculator,
    HmacView,
    SignatureTableModel,
)

VECTOR_BASE64 = "8NxvylwwMcjGyzVXK0qbwNvFFuzHpwE9tECllVwLkbo="
VECTOR_HEX = "f0dc6fca5c3031c8c6cb35572b4a9bc0dbc516ecc7a7013db440a5955c0b91ba"
NOW = datetime(2024, 8, 17, 3, 4, 5, tzinfo=UTC)  # 10:04:05 WIB
WITA = timedelta(hours=8)


def fixed_calculator() -> HmacCalculator:
    return HmacCalculator(now=lambda: NOW, offset=WITA)


# --- the view model, no Qt -----------------------------------------------------------------


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


# --- the table model -----------------------------------------------------------------------


def test_signature_table_model_passes_qt_model_checks(qtmodeltester):
    calc = fixed_calculator()
    calc.use_example()
    model = SignatureTableModel()
    model.set_rows(calc.rows)
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


# --- the page --------------------------------------------------------------------------------


@pytest.fixture
def view(qtbot) -> HmacView:
    page = HmacView(fixed_calculator())
    qtbot.addWidget(page)
    page.resize(1000, 640)
    page.show()
    return page


def shown(view: HmacView, fmt: TimestampFormat, column: int) -> str:
    row = [r.fmt for r in view.calculator.rows].index(fmt)
    return view.model.index(row, column).data()


def test_typing_secret_and_timestamp_shows_the_documented_signature(qtbot, view):
    qtbot.keyClicks(view.secret_edit, EXAMPLE_SECRET)
    view.timestamp_edit.clear()
    qtbot.keyClicks(view.timestamp_edit, EXAMPLE_TIMESTAMP)
    assert shown(view, TimestampFormat.DMY, 1) == EXAMPLE_TIMESTAMP
    assert shown(view, TimestampFormat.DMY, 2) == VECTOR_BASE64
    assert shown(view, TimestampFormat.DMY, 3) == VECTOR_HEX
    assert view.selected_format() is TimestampFormat.DMY
    assert view.timestamp_line.text() == f"X-Api-Timestamp: {EXAMPLE_TIMESTAMP}"
    assert view.signature_line.text() == f"X-Api-Signature: {VECTOR_BASE64}"


def test_signatures_follow_each_keystroke(qtbot, view):
    qtbot.keyClicks(view.secret_edit, "abc")
    assert shown(view, TimestampFormat.UNIX, 2) == sign(
        view.calculator.row(TimestampFormat.UNIX).timestamp, "abc"
    )
    qtbot.keyClick(view.secret_edit, Qt.Key.Key_Backspace)
    assert shown(view, TimestampFormat.UNIX, 2) == sign(
        view.calculator.row(TimestampFormat.UNIX).timestamp, "ab"
    )


def test_the_example_button_fills_both_fields(qtbot, view):
    qtbot.mouseClick(view.example_button, Qt.MouseButton.LeftButton)
    assert view.timestamp_edit.text() == EXAMPLE_TIMESTAMP
    assert view.secret_edit.text() == EXAMPLE_SECRET
    assert view.signature_line.text() == f"X-Api-Signature: {VECTOR_BASE64}"
    view.hex_radio.click()
    assert view.signature_line.text() == f"X-Api-Signature: {VECTOR_HEX}"


def test_the_secret_is_masked_until_shown(qtbot, view):
    assert view.secret_edit.echoMode() is QLineEdit.EchoMode.Password
    view.show_secret_button.click()
    assert view.secret_edit.echoMode() is QLineEdit.EchoMode.Normal
    assert view.show_secret_button.text() == "Sembunyikan"
    view.show_secret_button.click()
    assert view.secret_edit.echoMode() is QLineEdit.EchoMode.Password


def test_now_button_refreshes_the_timestamp(qtbot, view):
    view.timestamp_edit.setText("1")
    qtbot.mouseClick(view.now_button, Qt.MouseButton.LeftButton)
    assert view.timestamp_edit.text() == "1723863845"


def test_copy_buttons_put_each_header_line_on_the_clipboard(qtbot, view):
    view.example_button.click()
    view.copy_signature_button.click()
    assert QGuiApplication.clipboard().text() == f"X-Api-Signature: {VECTOR_BASE64}"
    view.copy_timestamp_button.click()
    assert QGuiApplication.clipboard().text() == f"X-Api-Timestamp: {EXAMPLE_TIMESTAMP}"
    view.copy_both_button.click()
    assert QGuiApplication.clipboard().text() == (
        f"X-Api-Timestamp: {EXAMPLE_TIMESTAMP}\nX-Api-Signature: {VECTOR_BASE64}"
    )


def test_picking_another_row_offers_its_headers(qtbot, view):
    view.example_button.click()
    row = [r.fmt for r in view.calculator.rows].index(TimestampFormat.UNIX)
    view.table.selectRow(row)
    assert view.timestamp_line.text() == "X-Api-Timestamp: 1698890461"


def test_a_bad_timestamp_empties_the_table_and_disables_copying(qtbot, view):
    qtbot.keyClicks(view.secret_edit, "abc")
    view.timestamp_edit.setText("kemarin")
    assert view.model.rowCount() == 0
    assert "kemarin" in view.message_label.text()
    assert not view.copy_signature_button.isEnabled()


def test_the_page_speaks_english_when_asked(qtbot):
    set_language("en")
    try:
        page = HmacView(fixed_calculator())
        qtbot.addWidget(page)
        assert page.now_button.text() == "Now"
        assert page.example_button.text() == "Example"
        assert page.copy_both_button.text() == "Copy both"
    finally:
        set_language("id")
