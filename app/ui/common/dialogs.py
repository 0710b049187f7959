"""Questions the window asks, answered without a nested event loop, and its file dialogs.

Qt has no Indonesian translation of its own buttons and labels, so every box and file
dialog here is labelled by us, in the language now chosen; file dialogs are Qt's own (not
the platform's, which would speak the system's language), the rest of their words come from
`qt_words`, they ask before replacing a file in our words, and they open in the folder the
last one was in (the `last_folder` setting).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QSplitter, QTreeView, QWidget

from app.core.i18n import Text, tr
from app.profiles.settings import LAST_FOLDER, Settings
from app.ui.common import qt_words
from app.ui.common import words as texts

ReportPathChooser = Callable[[QWidget, Path], Path | None]
REPLACE = tr("Ganti")


def ask(
    parent: QWidget,
    title: Text,
    text: Text,
    yes: Text,
    no: Text,
    on_yes: Callable[[], None],
    *,
    on_closed: Callable[[], None] = lambda: None,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> QMessageBox:
    """A window-modal question with labelled buttons (Qt has no Indonesian of its own):
    `on_yes` runs when the user picks `yes`; `on_closed` whatever the answer. "No" is the
    default, and Escape means no. Returns the open box (tests answer it)."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title.get())
    box.setText(text.get())
    yes_button = box.addButton(yes.get(), QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(no.get(), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered(_result: int) -> None:
        on_closed()
        if box.clickedButton() == yes_button:
            on_yes()

    box.finished.connect(answered)
    box.open()
    return box


# --- files --------------------------------------------------------------------------------------


def start_folder(settings: Settings | None, suggested: Path | None = None) -> Path:
    """Where a file dialog opens: the last folder used, if it still exists; else the
    suggested file's folder; else the home folder."""
    last = settings.get(LAST_FOLDER) if settings is not None else ""
    if last and Path(last).is_dir():
        return Path(last)
    if suggested is not None and suggested.parent.is_dir():
        return suggested.parent
    return Path.home()


def remember_folder(settings: Settings | None, chosen: Path) -> None:
    """The next file dialog opens where this file is."""
    if settings is not None:
        settings.set(LAST_FOLDER, str(chosen.parent))


class FileDialog(QFileDialog):
    """Qt's own file dialog (not the platform's, which speaks the system's language), every
    word of it in the app's language: our labels, Qt's tool tips, headers and menus through
    `qt_words`, and the question before a file is replaced asked in our words."""

    def __init__(self, parent: QWidget | None, title: Text) -> None:
        qt_words.install()
        super().__init__(parent, title.get())
        self.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        self.setOption(QFileDialog.Option.DontConfirmOverwrite, True)  # asked by `accept`
        self.replace_question: QMessageBox | None = None  # open while asking (tests answer)

    def accept(self) -> None:
        """A save over an existing file goes ahead only once the user says so."""
        chosen = self.selectedFiles()
        saving = self.acceptMode() == QFileDialog.AcceptMode.AcceptSave
        if saving and chosen and Path(chosen[0]).is_file() and not self._replace(Path(chosen[0])):
            return
        super().accept()

    def _replace(self, path: Path) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.windowTitle())
        box.setText(
            tr(
                "{name} sudah ada di folder ini. Ganti isinya dengan yang baru?",
                name=path.name,
            ).get()
        )
        replace = box.addButton(REPLACE.get(), QMessageBox.ButtonRole.AcceptRole)
        keep = box.addButton(texts.CANCEL.get(), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        self.replace_question = box
        try:
            box.exec()  # inside the dialog's own modal loop, as Qt's question would be
        finally:
            self.replace_question = None
        return box.clickedButton() == replace


def file_dialog(
    parent: QWidget | None,
    title: Text,
    filters: Text,
    *,
    save_as: Path | None = None,
    settings: Settings | None = None,
    suffix: str = "xlsx",
) -> FileDialog:
    """An open dialog (`save_as` None) or a save dialog proposing `save_as`'s name, in the
    app's language, starting in the last folder used. Every file dialog of the app is one."""
    dialog = FileDialog(parent, title)
    dialog.setNameFilters(filters.get().split(";;"))
    dialog.setDirectory(str(start_folder(settings, save_as)))
    if save_as is None:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, texts.OPEN.get())
    else:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix)
        dialog.selectFile(save_as.name)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, texts.SAVE.get())
    labels = {
        QFileDialog.DialogLabel.Reject: texts.CANCEL,
        QFileDialog.DialogLabel.LookIn: tr("Lihat di:"),
        QFileDialog.DialogLabel.FileName: tr("Nama berkas:"),
        QFileDialog.DialogLabel.FileType: tr("Jenis berkas:"),
    }
    for label, text in labels.items():
        dialog.setLabelText(label, text.get())
    _give_room(dialog)
    return dialog


_TYPE_COLUMN = 2  # of Qt's file list: Name, Size, Type, Date Modified


def _give_room(dialog: QFileDialog) -> None:
    """Qt's dialog opens so narrow that "Komputer" shows cut: the places and the columns get
    the room their words need. The Type column goes: its words ("Excel 2007 spreadsheet")
    come from the system's file-type list in the system's language, and the name's suffix
    says as much."""
    dialog.resize(820, 480)
    splitter = dialog.findChild(QSplitter, "splitter")
    if splitter is not None:
        splitter.setSizes([150, 670])
    tree = dialog.findChild(QTreeView, "treeView")
    if tree is not None:
        tree.setColumnHidden(_TYPE_COLUMN, True)
        for column, width in ((0, 340), (1, 90), (3, 150)):
            tree.header().resizeSection(column, width)


def ask_path(
    parent: QWidget | None,
    title: Text,
    filters: Text,
    *,
    save_as: Path | None = None,
    settings: Settings | None = None,
    suffix: str = "xlsx",
) -> Path | None:
    """The file the user chose (None if cancelled); its folder is remembered."""
    dialog = file_dialog(parent, title, filters, save_as=save_as, settings=settings, suffix=suffix)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    path = Path(dialog.selectedFiles()[0])
    remember_folder(settings, path)
    return path


def ask_report_path(
    parent: QWidget, suggested: Path, settings: Settings | None = None
) -> Path | None:
    """Ask where to save a result workbook (a dialog in the app's language, opening in the
    last folder used); the name always ends in .xlsx."""
    title = tr("Simpan laporan hasil posting")
    path = ask_path(parent, title, texts.XLSX_FILTER, save_as=suggested, settings=settings)
    if path is None:
        return None
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")
