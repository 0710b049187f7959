"""The encrypted file's password dialog typed as a user types it: the keys go into the
password at once (not into a button), Tab goes from the password to its repetition, Enter
submits; a message under the fields makes the dialog taller instead of squeezing them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.ui.company.keyring_dialogs import PasswordDialog

PASSWORD = "rahasia-123"


def shown_dialog(qtbot) -> PasswordDialog:
    dialog = PasswordDialog("/tmp/secrets.enc", create=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def type_keys(*keys: str | Qt.Key) -> None:
    for key in keys:
        focused = QApplication.focusWidget()
        assert focused is not None
        if isinstance(key, str):
            QTest.keyClicks(focused, key)
        else:
            QTest.keyClick(focused, key)


def test_the_password_typed_tab_again_enter_is_submitted(qtbot):
    dialog = shown_dialog(qtbot)
    assert QApplication.focusWidget() is dialog.password.edit
    with qtbot.waitSignal(dialog.submitted) as submitted:
        type_keys(PASSWORD, Qt.Key.Key_Tab, PASSWORD, Qt.Key.Key_Return)
    assert submitted.args == [PASSWORD]


def test_a_message_under_the_fields_leaves_them_their_height(qtbot):
    dialog = shown_dialog(qtbot)
    edit = dialog.password.edit
    height = edit.height()
    type_keys("pendek", Qt.Key.Key_Tab, "pendek", Qt.Key.Key_Return)
    assert "minimal 8 karakter" in dialog.message.text()
    qtbot.waitUntil(lambda: dialog.height() >= dialog.minimumSizeHint().height())
    assert edit.height() >= height
    assert dialog.again is not None and dialog.again.edit.height() >= height
    assert QApplication.focusWidget() is edit  # typed again from the start
