"""The Settings dialog (Pengaturan): the window's language, the journal grid's number style
and the rounding choice, and the
selected company's own settings (the language of Accurate's messages, bulk posting, the
default branch).

A thin view: it is handed what is set now (`Choices`) and emits what the user saved; the main
window stores the app's settings, saves the company's profile on a worker and switches the
language of every open window. Buttons are labelled here (Qt has no Indonesian of its own).
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.api.reply_language import CHOSEN_LANGUAGE_NOTE, LANGUAGE_NAMES
from app.core.books.money import STYLE_NAMES, STYLE_SAMPLES
from app.core.books.number_style import NumberStyle
from app.core.i18n import Text, ctr, languages, tr
from app.core.i18n.names import language_names
from app.profiles.settings import ROUND_ASK, ROUND_NEVER
from app.profiles.store import API_LANGUAGES
from app.setup.preferences import Choices
from app.ui.common import words as texts
from app.ui.common.words import bind, retranslate_tree

TITLE: Final = tr("Pengaturan")
ROUNDING_NAMES: Final = (
    (ROUND_ASK, tr("Tawarkan tombol Bulatkan ke sen")),
    (ROUND_NEVER, tr("Jangan tawarkan; saya perbaiki sendiri")),
)

LANGUAGE_HELP: Final = tr(
    "Semua jendela langsung berganti bahasa; diingat untuk pembukaan berikutnya. Angka di "
    "tabel Jurnal mengikuti Gaya angka di bawah, bukan bahasa."
)
NUMBER_STYLE: Final = tr("Gaya angka")
NUMBER_STYLE_HELP: Final = tr(
    "Cara angka diketik dan ditampilkan di tabel Jurnal, apa pun bahasanya: gaya Indonesia "
    "membaca 1.500 sebagai seribu lima ratus. Angka yang bisa berarti dua hal (1.500 dengan "
    "gaya Inggris) ditandai untuk dipastikan, tidak ditebak."
)
ROUNDING_HELP: Final = tr(
    "Jumlah dengan lebih dari 2 desimal selalu ditandai sebagai masalah; pilih apakah halaman "
    "Jurnal menawarkan pembulatannya dengan satu tombol."
)
BULK: Final = tr("Posting massal: sampai 100 jurnal per permintaan (bulk-save.do)")
BULK_HELP: Final = tr(
    "Tanpa posting massal, setiap jurnal dikirim sendiri-sendiri: lebih lambat, tetapi pesan "
    "penolakannya selalu menyebut jurnalnya."
)
BRANCH: Final = tr("Cabang utama")
BRANCH_HELP: Final = tr(
    "Cabang untuk jurnal yang tidak menyebut cabangnya sendiri (kolom Cabang). Kosongkan bila "
    "perusahaan hanya punya satu cabang."
)
BRANCHES_READING: Final = tr("Membaca daftar cabang…")
NO_BRANCH: Final = tr("(tanpa cabang)")

STYLE: Final = """
#settingsHelp { color: #4a5361; }
#primaryButton { background: #1f5fa8; color: white; border: 1px solid #184c87;
                 border-radius: 4px; padding: 5px 16px; font-weight: 600; }
"""


class SettingsDialog(QDialog):
    """Window-modal; emits `saved(Choices)` when the user presses Simpan."""

    saved = Signal(object)  # Choices

    def __init__(
        self,
        choices: Choices,
        *,
        company: str = "",
        company_note: Text | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setStyleSheet(STYLE)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(520)
        bind(self, TITLE, "setWindowTitle")
        self._choices = choices
        self._company = company
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self._build_window_group())
        layout.addWidget(self._build_company_group(company_note))
        layout.addLayout(self._build_buttons())
        self._show(choices)

    def choices(self) -> Choices:
        """What the dialog shows now."""
        company = self._choices.api_language is not None
        return Choices(
            language=self.language_combo.currentData(),
            rounding=self.rounding_combo.currentData(),
            number_style=self.number_style_combo.currentData(),
            api_language=self.api_language_combo.currentData() if company else None,
            bulk_posting=self.bulk_box.isChecked() if company else None,
            branch=self._chosen_branch() if company else None,
        )

    def show_branches(self, names: list[str]) -> None:
        """The company's branches, read on a worker after the dialog opened: offered in the
        list, the current choice kept (even one the company no longer has, so the user sees
        it and can change it)."""
        current = self._chosen_branch()
        self.branch_combo.clear()
        self.branch_combo.addItem(NO_BRANCH.get(), "")
        for name in names:
            self.branch_combo.addItem(name, name)
        self._select_branch(current)
        self.branch_status.hide()

    def show_branches_unread(self, reason: Text) -> None:
        """The list could not be read: the field stays free text, and says why."""
        bind(self.branch_status, reason)
        self.branch_status.show()

    def retranslate(self) -> None:
        retranslate_tree(self)
        self.branch_combo.setItemText(0, NO_BRANCH.get())
        self.company_group.setTitle(self._company_title().get())

    # -- building --------------------------------------------------------------------------------

    def _build_window_group(self) -> QGroupBox:
        group = QGroupBox(self)
        bind(group, tr("Jendela"), "setTitle")
        self.language_combo = QComboBox(group)
        # Each language is named in itself (from its own catalog), so a user who cannot read
        # the others finds their own.
        for code, name in language_names():
            self.language_combo.addItem(name, code)
        self.rounding_combo = QComboBox(group)
        for index, (code, rounding_name) in enumerate(ROUNDING_NAMES):
            self.rounding_combo.addItem("", code)
            bind(self.rounding_combo, rounding_name, "setItemText", index)
        form = QFormLayout(group)
        form.addRow(self._label(tr("Bahasa"), group), self.language_combo)
        form.addRow(self._help(LANGUAGE_HELP, group))
        self._add_number_style(form, group)
        rounding = self._label(tr("Pecahan sen"), group)
        form.addRow(rounding, self.rounding_combo)
        form.addRow(self._help(ROUNDING_HELP, group))
        return group

    def _add_number_style(self, form: QFormLayout, group: QGroupBox) -> None:
        self.number_style_combo = QComboBox(group)
        for index, style in enumerate(NumberStyle):
            self.number_style_combo.addItem("", style.value)
            name = STYLE_NAMES[style]
            sample = STYLE_SAMPLES[style]
            # Translators: a number style's name and how it writes a sample number.
            named = ctr("gaya angka dan contohnya", "{name} ({sample})", name=name, sample=sample)
            bind(self.number_style_combo, named, "setItemText", index)
        form.addRow(self._label(NUMBER_STYLE, group), self.number_style_combo)
        form.addRow(self._help(NUMBER_STYLE_HELP, group))

    def _build_company_group(self, note: Text | None) -> QGroupBox:
        self.company_group = QGroupBox(self._company_title().get(), self)
        group = self.company_group
        self.api_language_combo = QComboBox(group)
        for code in API_LANGUAGES:
            self.api_language_combo.addItem(LANGUAGE_NAMES[code], code)
        self.bulk_box = QCheckBox(group)
        bind(self.bulk_box, BULK)
        form = QFormLayout(group)
        api_language = tr("Bahasa pesan Accurate")
        form.addRow(self._label(api_language, group), self.api_language_combo)
        form.addRow(self._help(CHOSEN_LANGUAGE_NOTE, group))
        form.addRow(self.bulk_box)
        form.addRow(self._help(BULK_HELP, group))
        self.branch_combo = QComboBox(group)
        self.branch_combo.setEditable(True)  # a branch can be typed before the list arrives
        self.branch_combo.setMinimumContentsLength(24)
        self.branch_combo.addItem(NO_BRANCH.get(), "")
        form.addRow(self._label(BRANCH, group), self.branch_combo)
        self.branch_status = self._help(BRANCHES_READING, group)
        form.addRow(self.branch_status)
        form.addRow(self._help(BRANCH_HELP, group))
        self.company_note = QLabel(group)
        self.company_note.setObjectName("settingsHelp")
        self.company_note.setWordWrap(True)
        if note is not None:  # why the company's settings cannot be changed here
            bind(self.company_note, note)
            form.addRow(self.company_note)
        else:
            self.company_note.hide()
        return group

    def _build_buttons(self) -> QHBoxLayout:
        self.cancel_button = QPushButton(self)
        bind(self.cancel_button, texts.CANCEL)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.save_button = QPushButton(self)
        bind(self.save_button, texts.SAVE)
        self.save_button.setObjectName("primaryButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._save)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        row.addWidget(self.save_button)
        return row

    def _label(self, text: Text, parent: QWidget) -> QLabel:
        label = QLabel(parent)
        bind(label, text)
        return label

    def _help(self, text: Text, parent: QWidget) -> QLabel:
        label = self._label(text, parent)
        label.setObjectName("settingsHelp")
        label.setWordWrap(True)
        return label

    def _company_title(self) -> Text:
        if not self._company:
            return tr("Perusahaan terpilih")
        return tr("Perusahaan: {c}", c=self._company)

    # -- showing and saving ----------------------------------------------------------------------

    def _show(self, choices: Choices) -> None:
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(choices.language)))
        self.rounding_combo.setCurrentIndex(max(0, self.rounding_combo.findData(choices.rounding)))
        style = self.number_style_combo.findData(choices.number_style)
        self.number_style_combo.setCurrentIndex(max(0, style))
        company = choices.api_language is not None
        if company:
            index = self.api_language_combo.findData(choices.api_language)
            self.api_language_combo.setCurrentIndex(max(0, index))
            self.bulk_box.setChecked(bool(choices.bulk_posting))
            self._select_branch(choices.branch or "")
        self.api_language_combo.setEnabled(company)
        self.bulk_box.setEnabled(company)
        self.branch_combo.setEnabled(company)
        self.branch_status.setVisible(company)

    def _select_branch(self, name: str) -> None:
        index = self.branch_combo.findData(name) if name else 0
        if index < 0:
            self.branch_combo.addItem(name, name)
            index = self.branch_combo.count() - 1
        self.branch_combo.setCurrentIndex(index)

    def _chosen_branch(self) -> str:
        """The branch chosen or typed; "" for none (the "(no branch)" item or a blank)."""
        text = self.branch_combo.currentText().strip()
        index = self.branch_combo.findText(text)
        if index >= 0:
            return str(self.branch_combo.itemData(index) or "")
        # The "(no branch)" item in any language: it was typed or chosen before a switch.
        return "" if text in {NO_BRANCH.get(code) for code in languages()} else text

    def _save(self) -> None:
        self.saved.emit(self.choices())
        self.accept()
