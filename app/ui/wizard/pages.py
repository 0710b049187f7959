"""The add-company dialog's pages: the service cards, the Accurate and Sempoa credential forms,
the connection test's result, the default branch, and the profile's name. Each shows what the
dialog hands it; the rules stay in `app.setup.wizard.flow`."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.api.reply_language import CHOSEN_LANGUAGE_NOTE, LANGUAGE_NAMES
from app.core.i18n import Text, tr
from app.core.services import SERVICE_NAMES
from app.profiles.store import API_LANGUAGES, DEFAULT_SEMPOA_LINES, SEMPOA_LINE_SHAPES
from app.setup.wizard.connection_test import Connection
from app.setup.wizard.steps import PageState
from app.ui.common.form_widgets import (
    Advanced,
    Banner,
    Field,
    SecretField,
    make_label,
    page_column,
)
from app.ui.common.notice_box import restyle
from app.ui.common.words import bind

TEST_AGAIN = tr("Uji lagi")

LINE_SHAPE_NAMES: Final[dict[str, Text]] = {
    "transaksi": tr(
        "transaksi: [{{akun, debit, kredit}}] — dokumentasi API Sempoa saat ini (bawaan)"
    ),
    "arrays": tr("akun[], debit[], kredit[] — panduan lama Sempoa (Juni 2023)"),
}


class ChoiceCard(QFrame):
    """One service to choose: a radio button with a line on what it needs; the whole card
    is clickable."""

    def __init__(self, title: str, text: Text, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("choiceCard")
        self.radio = QRadioButton(title, self)
        self.radio.setObjectName("choiceTitle")
        description = make_label(text, "choiceText", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(4)
        layout.addWidget(self.radio)
        indent = QHBoxLayout()
        indent.setContentsMargins(24, 0, 0, 0)
        indent.addWidget(description)
        layout.addLayout(indent)
        self.radio.toggled.connect(lambda chosen: restyle(self, "chosen", chosen))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.radio.setChecked(True)
        self.radio.setFocus()
        super().mousePressEvent(event)


class ServicePage(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.accurate = ChoiceCard(
            SERVICE_NAMES["accurate"],
            tr(
                "Perlu API Token (diawali aat.) dari Accurate, dan Signature Secret dari "
                "aplikasi yang membuat token itu."
            ),
            self,
        )
        self.sempoa = ChoiceCard(
            SERVICE_NAMES["sempoa"],
            tr("Perlu token dari Sempoa: Konfigurasi › Konfigurasi API."),
            self,
        )
        self.group = QButtonGroup(self)
        self.group.addButton(self.accurate.radio)
        self.group.addButton(self.sempoa.radio)
        page_column(self, 10, self.accurate, self.sempoa)


class AccurateForm(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.token = SecretField("aat.…", self, toggle=True)
        self.secret = SecretField("", self, toggle=False)
        self.url = QLineEdit(self)
        self.token_field = Field(
            tr("API Token"),
            self.token,
            tr(
                "Di Accurate Online: Pengaturan › Accurate Store › API Token. Satu token per "
                "pengguna, per data usaha; selalu diawali aat."
            ),
            self,
        )
        self.secret_field = Field(
            tr("Signature Secret"),
            self.secret,
            tr(
                "Dari halaman aplikasi Anda di Area Developer Accurate (aplikasi yang sama "
                "dengan token). Dipakai untuk menandatangani setiap permintaan."
            ),
            self,
        )
        self.url_field = Field(
            tr("Alamat akun Accurate"),
            self.url,
            tr(
                "Tempat Jurnal Desk menanyakan data usaha dan host-nya. Ubah hanya bila "
                "diminta, mis. untuk sandbox lokal."
            ),
            self,
        )
        self.advanced = Advanced(self)
        self.advanced.body_layout.addWidget(self.url_field)
        page_column(self, 14, self.token_field, self.secret_field, self.advanced)
        # Tab goes from field to field, as the fields are typed: the token's show button
        # comes after the Signature Secret, not between the two.
        assert self.token.toggle is not None
        QWidget.setTabOrder(self.token.edit, self.secret.edit)
        QWidget.setTabOrder(self.secret.edit, self.token.toggle)


class SempoaForm(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.token = SecretField("", self, toggle=True)
        self.url = QLineEdit(self)
        self.lines = QComboBox(self)
        shapes = sorted(SEMPOA_LINE_SHAPES, key=lambda shape: shape != DEFAULT_SEMPOA_LINES)
        for index, shape in enumerate(shapes):  # the default first
            self.lines.addItem("", shape)
            bind(self.lines, LINE_SHAPE_NAMES[shape], "setItemText", index)
        self.token_field = Field(
            tr("Token API Sempoa"),
            self.token,
            tr("Di Sempoa: Konfigurasi › Konfigurasi API › Generate Token."),
            self,
        )
        self.warning = make_label(
            tr(
                "Perhatian: Generate Token membuat token baru dan token lama langsung tidak "
                "berlaku. Bila Sempoa sudah tersambung ke aplikasi lain, salin token yang ada "
                "saja."
            ),
            "banner",
            self,
        )
        restyle(self.warning, "kind", "warning")
        self.url_field = Field(
            tr("Alamat API Sempoa"),
            self.url,
            tr("Ubah hanya bila diminta."),
            self,
        )
        self.lines_field = Field(
            tr("Bentuk baris jurnal"),
            self.lines,
            tr(
                "Cara baris jurnal dikirim ke /jurnal. Pakai bawaan kecuali Sempoa menolak "
                "jurnal yang seimbang."
            ),
            self,
        )
        self.advanced = Advanced(self)
        self.advanced.body_layout.addWidget(self.url_field)
        self.advanced.body_layout.addWidget(self.lines_field)
        page_column(self, 14, self.token_field, self.warning, self.advanced)


class ConnectionPage(QWidget):
    """The connection test: busy bar, then who the token belongs to, or what went wrong."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # no steps to count: just "working"
        self.progress.setTextVisible(False)
        self.progress.setFixedHeight(6)
        self.status = Banner(self)
        self.result = QFrame(self)
        self.result.setObjectName("resultPanel")
        self.result_form = QFormLayout(self.result)
        self.result_form.setContentsMargins(14, 12, 14, 12)
        self.result_form.setHorizontalSpacing(18)
        self.result_form.setVerticalSpacing(8)
        self.result.hide()
        self.notice = Banner(self)
        self.again = QPushButton(self)
        bind(self.again, TEST_AGAIN)
        self.again.setAutoDefault(False)
        again_row = QHBoxLayout()
        again_row.addStretch(1)
        again_row.addWidget(self.again)
        page_column(self, 12, self.status, self.progress, self.result, self.notice, again_row)

    def show_state(self, state: PageState, connection: Connection | None, target: Text) -> None:
        self.progress.setVisible(state.busy)
        if state.busy:
            self.status.show_text("busy", target)
        elif connection is not None:
            self.status.show_text("ok", tr("✓") + connection.headline())
        else:
            self.status.show_text("error", state.error)
        self._show_result(connection if not state.busy else None)
        self.notice.show_text("warning", state.notice)
        self.again.setEnabled(not state.busy)

    def _show_result(self, connection: Connection | None) -> None:
        while self.result_form.rowCount():
            self.result_form.removeRow(0)
        self.result.setVisible(connection is not None)
        if connection is None:
            return
        for label, value in connection.lines():
            shown = make_label(value, "resultValue", self.result)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.result_form.addRow(
                make_label(label, "resultLabel", self.result, wrap=False), shown
            )


class BranchPage(QWidget):
    """The default branch: the company's branches in a list; the user picks one."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.intro = make_label("", "help", self)
        self.branches = QListWidget(self)
        self.branches.setObjectName("branchList")
        self.branches.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        self.field = Field(tr("Cabang utama"), self.branches, None, self)
        self.after = make_label(
            tr(
                "Jurnal yang kolom Cabang-nya diisi tetap dikirim ke cabangnya sendiri. Cabang "
                "utama bisa diganti nanti di Berkas › Pengaturan › Cabang utama."
            ),
            "help",
            self,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.intro)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.after)

    def show_choices(self, connection: Connection | None, chosen: str | None) -> None:
        names = connection.branches if connection is not None else ()
        bind(self.intro, _branch_intro(connection))
        shown = [self.branches.item(row).text() for row in range(self.branches.count())]
        self.branches.blockSignals(True)  # rebuilding is not the user choosing
        try:
            if shown != list(names):
                self.branches.clear()
                for name in names:
                    QListWidgetItem(name, self.branches)
            for row, name in enumerate(names):
                self.branches.item(row).setSelected(name == chosen)
        finally:
            self.branches.blockSignals(False)


def _branch_intro(connection: Connection | None) -> Text:
    company = connection.company_name if connection is not None else ""
    return tr(
        "Pengguna token ini melihat {n} cabang di {company}. Accurate menolak setiap jurnal "
        "yang tidak menyebut cabangnya, jadi pilih cabang utama: jurnal tanpa kolom Cabang "
        "dikirim ke cabang ini.",
        n=len(connection.branches) if connection is not None else 0,
        company=company or SERVICE_NAMES["accurate"],
    )


class NamePage(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.name = QLineEdit(self)
        self.name.setMaxLength(120)
        self.language = QComboBox(self)
        for code in API_LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.name_field = Field(
            tr("Nama profil"),
            self.name,
            None,
            self,
        )
        self.name_help = make_label("", "help", self)
        self.name_field.column.insertWidget(2, self.name_help)
        self.language_field = Field(
            tr("Bahasa pesan dari Accurate"),
            self.language,
            CHOSEN_LANGUAGE_NOTE,
            self,
        )
        self.kept = make_label("", "help", self)
        page_column(self, 14, self.name_field, self.language_field, self.kept)
