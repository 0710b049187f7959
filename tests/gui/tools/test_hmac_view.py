"""The live HMAC calculator page as a user types (its logic: test_hmac_calculator.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLineEdit

from app.api.hmac_calculator import EXAMPLE_SECRET, EXAMPLE_TIMESTAMP
from app.api.signing import TimestampFormat, sign
from app.core.i18n import set_language
from app.ui.tools.hmac_page import HmacView, SignatureTableModel
from tests.helpers.hmac_vectors import VECTOR_BASE64, VECTOR_HEX, fixed_calculator

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


def test_every_label_speaks_the_apps_language(qtbot, view):
    from PySide6.QtWidgets import QLabel

    labels = [label.text() for label in view.findChildren(QLabel)]
    assert "Pengodean:" in labels and "Encoding:" not in labels
    set_language("en")
    try:
        view.retranslate()
        labels = [label.text() for label in view.findChildren(QLabel)]
        assert "Encoding:" in labels and "Pengodean:" not in labels
    finally:
        set_language("id")
