"""Every word a file dialog shows is in the app's language: Qt ships no Indonesian, so the
labels are the app's, Qt's own tool tips, column headers, menus and buttons come from the
app's table (`qt_words`), and replacing a file is asked in the app's words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from app.core.grid.page_words import WORKBOOK_FILTER, XLSX_FILTER
from app.core.i18n import set_language
from app.ui.common.dialogs import FileDialog, file_dialog

# Words Qt writes in its file dialog and standard buttons; none is also Indonesian.
ENGLISH = {
    "back", "forward", "parent", "directory", "create", "new", "list", "detail", "view",
    "files", "sidebar", "name", "size", "type", "date", "modified", "look", "open", "save",
    "cancel", "rename", "delete", "show", "hidden", "yes", "no", "replace", "already",
    "exists", "places", "bookmarks", "change", "mode", "computer", "all", "copy", "paste",
}  # fmt: skip


@pytest.fixture
def language() -> Iterator[None]:
    yield
    set_language("id")


def visible_words(dialog: QWidget) -> set[str]:
    """Every word of every text the dialog's widgets and actions can show (not the folder
    and file names it lists)."""
    texts: list[str] = [dialog.windowTitle()]
    for widget in [dialog, *dialog.findChildren(QWidget)]:
        texts += [widget.toolTip(), widget.statusTip(), widget.whatsThis(), widget.accessibleName()]
        if isinstance(widget, QAbstractButton | QLabel):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QComboBox) and widget.objectName() != "lookInCombo":  # paths
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            texts += [
                str(model.headerData(column, Qt.Orientation.Horizontal) or "")
                for column in range(model.columnCount())
            ]
    for action in dialog.findChildren(QAction):
        texts += [action.text(), action.toolTip()]
    words = set()
    for text in texts:
        words |= {word.lower() for word in re.findall(r"[A-Za-z]+", text.replace("&", ""))}
    return words


def test_open_and_save_dialogs_show_no_english_word_in_indonesian(qtbot, tmp_path, language):
    set_language("id")
    opening = file_dialog(None, WORKBOOK_FILTER, WORKBOOK_FILTER)
    saving = file_dialog(None, XLSX_FILTER, XLSX_FILTER, save_as=tmp_path / "hasil.xlsx")
    for dialog in (opening, saving):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.findChild(QAbstractButton, "detailModeButton").click()  # the headers show

        english = visible_words(dialog) & ENGLISH

        assert not english, english
    headers = saving.findChild(QAbstractItemView, "treeView").model()
    assert [headers.headerData(c, Qt.Orientation.Horizontal) for c in range(4)] == [
        "Nama",
        "Ukuran",
        "Jenis",
        "Tanggal diubah",
    ]
    assert saving.findChild(QAbstractButton, "backButton").toolTip() == "Kembali"


def test_in_english_the_dialog_keeps_qts_english(qtbot, tmp_path, language):
    set_language("en")
    dialog = file_dialog(None, XLSX_FILTER, XLSX_FILTER, save_as=tmp_path / "result.xlsx")
    qtbot.addWidget(dialog)

    assert dialog.findChild(QAbstractButton, "backButton").toolTip() == "Back"
    assert "name" in visible_words(dialog)  # Qt's own header, untouched
    assert {"nama", "ukuran", "kembali", "batal", "simpan"}.isdisjoint(visible_words(dialog))


def test_in_chinese_the_dialog_uses_qts_own_chinese(qtbot, tmp_path, language):
    set_language("zh")
    dialog = file_dialog(None, XLSX_FILTER, XLSX_FILTER, save_as=tmp_path / "result.xlsx")
    qtbot.addWidget(dialog)

    assert dialog.findChild(QAbstractButton, "backButton").toolTip() == "后退"
    assert not visible_words(dialog) & ENGLISH  # Qt's words; the app's follow its catalogs


def answer_replace_question(dialog: FileDialog, button_text: str, seen: list[str]) -> None:
    def answer() -> None:
        box = dialog.replace_question
        assert box is not None, "no question asked"
        seen.append(box.text())
        seen.extend(b.text() for b in box.buttons())
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(0, answer)


def save_button(dialog: QFileDialog) -> QPushButton:
    box = dialog.findChild(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Save) or box.buttons()[0]


def test_replacing_a_file_is_asked_in_the_apps_words_and_no_keeps_it(qtbot, tmp_path, language):
    set_language("id")
    existing = tmp_path / "hasil.xlsx"
    existing.write_bytes(b"yang lama")
    dialog = file_dialog(None, XLSX_FILTER, XLSX_FILTER, save_as=existing)
    dialog.setDirectory(str(tmp_path))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    seen: list[str] = []

    answer_replace_question(dialog, "Batal", seen)
    save_button(dialog).click()
    qtbot.waitUntil(lambda: bool(seen))

    assert seen == [
        "hasil.xlsx sudah ada di folder ini. Ganti isinya dengan yang baru?",
        "Ganti",
        "Batal",
    ]
    assert dialog.isVisible() and dialog.result() == 0  # still choosing
    assert existing.read_bytes() == b"yang lama"

    seen.clear()
    answer_replace_question(dialog, "Ganti", seen)
    save_button(dialog).click()
    qtbot.waitUntil(lambda: not dialog.isVisible())

    assert dialog.result() == QFileDialog.DialogCode.Accepted
    assert Path(dialog.selectedFiles()[0]) == existing


def test_qts_standard_buttons_and_text_menus_are_indonesian(qtbot, language):
    set_language("id")
    file_dialog(None, XLSX_FILTER, XLSX_FILTER).deleteLater()  # the translator is in place
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    field = QLineEdit()
    qtbot.addWidget(box)
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()

    assert sorted(b.text() for b in box.buttons()) == ["&Tidak", "&Ya"]
    assert "&Salin\tCtrl+C" in [action.text() for action in menu.actions()]
    menu.deleteLater()
