"""Qt's own words in Indonesian: Qt ships no Indonesian translation, so the texts it writes
itself (the file dialog's tool tips, column headers and context menu, a text field's
Undo/Copy/Paste menu, the standard Yes/No/Cancel buttons) would stay English in an
Indonesian window. `QtWords` is a translator that answers Qt from this table in the language
now chosen; in English it answers nothing and Qt keeps its own words. In another language
(Chinese) it answers with the translation Qt ships for it (qtbase_zh_CN.qm), when there is
one. Keyboard names (Ctrl, Shift) are left as printed on the keys.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from app.core.i18n import current_language

_EDIT_MENU: Final = {
    "&Undo": "&Urungkan",
    "&Redo": "Ulan&gi",
    "Cu&t": "Po&tong",
    "&Copy": "&Salin",
    "Copy &Link Location": "Salin &alamat tautan",
    "&Paste": "&Tempel",
    "Delete": "Hapus",
    "Select All": "Pilih semua",
}
_INDONESIAN: Final[dict[str, dict[str, str]]] = {
    "QFileDialog": {
        "&Look in:": "&Lihat di:",
        "Look in:": "Lihat di:",
        "Back": "Kembali",
        "Go back": "Kembali",
        "Forward": "Maju",
        "Go forward": "Maju",
        "Parent Directory": "Folder induk",
        "Go to the parent directory": "Ke folder induk",
        "Create New Folder": "Buat folder baru",
        "Create a New Folder": "Buat folder baru",
        "List View": "Tampilan daftar",
        "Change to list view mode": "Tampilkan sebagai daftar",
        "Detail View": "Tampilan rinci",
        "Change to detail view mode": "Tampilkan dengan rincian",
        "Sidebar": "Panel samping",
        "List of places and bookmarks": "Daftar tempat dan penanda",
        "Files": "Berkas",
        "Files of type:": "Jenis berkas:",
        "Files of &type:": "&Jenis berkas:",
        "File &name:": "&Nama berkas:",
        "Directory:": "Folder:",
        "&Open": "&Buka",
        "&Save": "&Simpan",
        "&Choose": "&Pilih",
        "Open": "Buka",
        "Save As": "Simpan sebagai",
        "Find Directory": "Cari folder",
        "All Files (*)": "Semua berkas (*)",
        "All files (*)": "Semua berkas (*)",
        "Show ": "Tampilkan ",
        "&Rename": "&Ganti nama",
        "&Delete": "&Hapus",
        "Show &hidden files": "Tampilkan berkas &tersembunyi",
        "&New Folder": "Folder &baru",
        "New Folder": "Folder baru",
        "Recent Places": "Tempat terakhir",
        "Delete": "Hapus",
        "Are you sure you want to delete '%1'?": "Yakin ingin menghapus '%1'?",
        "'%1' is write protected.\nDo you want to delete it anyway?": (
            "'%1' dilindungi dari penulisan.\nTetap hapus?"
        ),
        "Could not delete directory.": "Folder tidak bisa dihapus.",
        "%1 already exists.\nDo you want to replace it?": "%1 sudah ada.\nGanti berkas itu?",
        "%1\nFile not found.\nPlease verify the correct file name was given.": (
            "%1\nBerkas tidak ditemukan.\nPeriksa nama berkasnya."
        ),
        "%1\nDirectory not found.\nPlease verify the correct directory name was given.": (
            "%1\nFolder tidak ditemukan.\nPeriksa nama foldernya."
        ),
    },
    "QFileSystemModel": {
        "Name": "Nama",
        "Size": "Ukuran",
        "Type": "Jenis",
        "Kind": "Jenis",
        "Date Modified": "Tanggal diubah",
        "Computer": "Komputer",
        "My Computer": "Komputer",
        "Invalid filename": "Nama berkas tidak valid",
    },
    "QAbstractFileIconProvider": {
        "Drive": "Drive",
        "Folder": "Folder",
        "Shortcut": "Pintasan",
        "Alias": "Alias",
        "%1 File": "Berkas %1",
        "File": "Berkas",
    },
    "QPlatformTheme": {
        "OK": "OK",
        "Save": "Simpan",
        "Save All": "Simpan semua",
        "Open": "Buka",
        "&Yes": "&Ya",
        "Yes to &All": "Ya untuk &semua",
        "&No": "&Tidak",
        "N&o to All": "Tidak untuk s&emua",
        "Abort": "Batalkan",
        "Retry": "Coba lagi",
        "Ignore": "Abaikan",
        "Close": "Tutup",
        "Cancel": "Batal",
        "Discard": "Buang",
        "Don't Save": "Jangan simpan",
        "Apply": "Terapkan",
        "Reset": "Atur ulang",
        "Restore Defaults": "Kembalikan bawaan",
        "Help": "Bantuan",
    },
    "QLineEdit": _EDIT_MENU,
    "QWidgetTextControl": _EDIT_MENU,
}


class QtWords(QTranslator):
    """Answers Qt's own texts in Indonesian while Indonesian is the language chosen, and
    from Qt's own catalog for another language that Qt ships one for."""

    def __init__(self, parent: QCoreApplication | None = None) -> None:
        super().__init__(parent)
        self._qt_translations: dict[str, QTranslator | None] = {}

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        language = current_language()
        if language == "id":
            return _INDONESIAN.get(context, {}).get(source)
        shipped = self._shipped(language)
        if shipped is None:
            return None  # Qt's own English
        return shipped.translate(context, source, disambiguation, n) or None

    def _shipped(self, language: str) -> QTranslator | None:
        """Qt's own translation for the language (read once), None when Qt has none."""
        if language not in self._qt_translations:
            translator: QTranslator | None = QTranslator(self)
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            names = [f"qtbase_{name}" for name in _QT_LOCALES.get(language, (language,))]
            if translator is not None and not any(translator.load(n, folder) for n in names):
                translator = None
            self._qt_translations[language] = translator
        return self._qt_translations[language]

    def isEmpty(self) -> bool:
        return False


# Qt names its catalogs by locale: the app's "zh" is Qt's zh_CN (Simplified).
_QT_LOCALES: Final = {"zh": ("zh_CN",)}
_installed: QtWords | None = None


def install() -> None:
    """Put the translator in the running application, once."""
    global _installed
    app = QCoreApplication.instance()
    if app is None or (_installed is not None and _installed.parent() is app):
        return
    _installed = QtWords(app)
    app.installTranslator(_installed)
