"""The live HMAC calculator page: Accurate's X-Api-Signature for a Signature Secret and a
timestamp, in all six timestamp formats, in Base64 and hex, updated as the user types.

The logic is `app.api.hmac_calculator.HmacCalculator` (plain Python); this page only passes
the user's typing to it and shows its answers. The secret lives in memory while the page is
open: it is never logged, saved or put in a repr.
"""

from __future__ import annotations

from typing import Any, Final

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.api.hmac_calculator import (
    FORMAT_LABELS,
    TIMESTAMP_HEADER,
    HmacCalculator,
    SignatureRow,
)
from app.api.signing import (
    TIMESTAMP_EXAMPLES,
    SignatureEncoding,
    TimestampFormat,
)
from app.core.i18n import Text, tr
from app.ui.common import words as texts
from app.ui.common.hint_label import HintLabel
from app.ui.common.read_only_table import ReadOnlyTableModel
from app.ui.common.words import bind, retranslate_tree

COLUMNS: Final = (
    tr("Format"),
    Text(TIMESTAMP_HEADER),  # the header's name, the same in every language
    tr("Signature (Base64)"),
    tr("Signature (hex)"),
)
_PLACEHOLDER = "—"
_MUTED = QColor("#5b6573")  # a placeholder, still 4.5:1 on white and the shaded rows

Index = QModelIndex | QPersistentModelIndex


class SignatureTableModel(ReadOnlyTableModel):
    """The six rows of the calculator, read-only."""

    columns = COLUMNS

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SignatureRow] = []
        self._mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self._bold_mono = QFont(self._mono)
        self._bold_mono.setBold(True)
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: list[SignatureRow]) -> None:
        if len(rows) == len(self._rows) and rows:
            self._rows = rows
            last = self.index(len(rows) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column, role)
        if role == Qt.ItemDataRole.FontRole:
            if column == 0:
                return self._bold if row.typed else None
            return self._bold_mono if row.typed else self._mono
        if role == Qt.ItemDataRole.ForegroundRole and column >= 2 and not row.base64:
            return QBrush(_MUTED)
        if role == Qt.ItemDataRole.UserRole:
            return row.fmt
        return None

    def _text(self, row: SignatureRow, column: int, role: int) -> str:
        if column == 0:
            label = row.label.get()
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{label} — {TIMESTAMP_EXAMPLES[row.fmt]}"
            return label
        value = (row.timestamp, row.base64, row.hex)[column - 1]
        return value or _PLACEHOLDER


class HmacView(QWidget):
    """The calculator page."""

    def __init__(
        self, calculator_model: HmacCalculator | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("hmacView")
        self.calculator = calculator_model or HmacCalculator()
        self.model = SignatureTableModel(self)
        self._encoding = SignatureEncoding.BASE64
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(14)
        layout.addWidget(self._build_intro())
        layout.addLayout(self._build_inputs())
        self.message_label = HintLabel(self, wrapped=True)
        layout.addWidget(self.message_label)
        layout.addWidget(self._build_table())
        layout.addWidget(self._build_headers())
        layout.addStretch(1)
        self._refresh(select_typed=True)
        self._fit_table_height()

    # -- building --------------------------------------------------------------------------

    def _build_intro(self) -> QWidget:
        intro = QLabel(self)
        bind(
            intro,
            tr(
                "<h2>Kalkulator HMAC</h2>Hitung <b>X-Api-Signature</b> Accurate untuk sebuah "
                "X-Api-Timestamp, dalam keenam format yang diterima server. Secret hanya "
                "dipakai di jendela ini: tidak disimpan dan tidak dicatat."
            ),
        )
        intro.setWordWrap(True)
        return intro

    def _build_inputs(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(8)
        grid.setColumnStretch(1, 1)

        self.secret_edit = QLineEdit(self)
        self.secret_edit.setObjectName("secretEdit")
        self.secret_edit.setEchoMode(QLineEdit.EchoMode.Password)
        bind(self.secret_edit, tr("mis. 31d49b3d…"), "setPlaceholderText")
        self.secret_edit.textChanged.connect(self._secret_changed)
        self.show_secret_button = QPushButton(self)
        bind(self.show_secret_button, texts.SHOW)
        self.show_secret_button.setCheckable(True)
        self.show_secret_button.toggled.connect(self._show_secret)

        self.timestamp_edit = QLineEdit(self.calculator.timestamp, self)
        self.timestamp_edit.setObjectName("timestampEdit")
        self.timestamp_edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        accepted = tr("Format yang diterima: {f}", f=_examples())
        bind(self.timestamp_edit, accepted, "setToolTip")
        self.timestamp_edit.textChanged.connect(self._timestamp_changed)
        self.now_button = QPushButton(self)
        bind(self.now_button, tr("Sekarang"))
        bind(
            self.now_button,
            tr("Isi dengan waktu saat ini, dalam format yang sedang dipakai"),
            "setToolTip",
        )
        self.now_button.clicked.connect(self._use_now)
        self.example_button = QPushButton(self)
        bind(self.example_button, tr("Contoh"))
        bind(
            self.example_button,
            tr(
                "Contoh dari dokumentasi Accurate: hasil Base64 harus {b}",
                b="8NxvylwwMcjGyzVXK0qbwNvFFuzHpwE9tECllVwLkbo=",
            ),
            "setToolTip",
        )
        self.example_button.clicked.connect(self._use_example)

        secret_label = QLabel(self)
        bind(secret_label, tr("Signature &Secret"))
        secret_label.setBuddy(self.secret_edit)
        timestamp_label = QLabel(self)
        bind(timestamp_label, tr("&Timestamp"))
        timestamp_label.setBuddy(self.timestamp_edit)
        grid.addWidget(secret_label, 0, 0)
        grid.addWidget(self.secret_edit, 0, 1)
        grid.addWidget(self.show_secret_button, 0, 2)
        grid.addWidget(timestamp_label, 1, 0)
        grid.addWidget(self.timestamp_edit, 1, 1)
        grid.addWidget(self.now_button, 1, 2)
        grid.addWidget(self.example_button, 1, 3)
        return grid

    def _build_table(self) -> QTableView:
        self.table = QTableView(self)
        self.table.setObjectName("signatureTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        # Both ends of a long signature are what people compare; the tooltip has it whole.
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_headers())
        return self.table

    def _fit_table_height(self) -> None:
        """Exactly six rows tall: the table never scrolls and leaves no empty band."""
        rows = len(TimestampFormat)
        height = (
            self.table.horizontalHeader().sizeHint().height()
            + rows * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
        )
        self.table.setFixedHeight(height)

    def _build_headers(self) -> QGroupBox:
        box = QGroupBox(self)
        bind(box, tr("Header untuk disalin"), "setTitle")
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        self.base64_radio = QRadioButton("Base64", box)
        self.hex_radio = QRadioButton("hex", box)
        self.base64_radio.setChecked(True)
        group = QButtonGroup(box)
        group.addButton(self.base64_radio)
        group.addButton(self.hex_radio)
        self.hex_radio.toggled.connect(self._encoding_changed)
        encodings = QHBoxLayout()
        encoding_label = QLabel(box)
        bind(encoding_label, tr("Pengodean:"))
        encodings.addWidget(encoding_label)
        encodings.addWidget(self.base64_radio)
        encodings.addWidget(self.hex_radio)
        encodings.addStretch(1)
        self.format_label = HintLabel(box)
        encodings.addWidget(self.format_label)
        grid.addLayout(encodings, 0, 0, 1, 3)

        self.timestamp_line = self._header_line(box)
        self.signature_line = self._header_line(box)
        self.copy_timestamp_button = QPushButton(box)
        self.copy_signature_button = QPushButton(box)
        self.copy_both_button = QPushButton(box)
        bind(self.copy_timestamp_button, texts.COPY)
        bind(self.copy_signature_button, texts.COPY)
        bind(self.copy_both_button, tr("Salin keduanya"))
        self.copy_timestamp_button.clicked.connect(lambda: self._copy(self.timestamp_line.text()))
        self.copy_signature_button.clicked.connect(lambda: self._copy(self.signature_line.text()))
        self.copy_both_button.clicked.connect(self._copy_both)
        grid.addWidget(self.timestamp_line, 1, 0, 1, 2)
        grid.addWidget(self.copy_timestamp_button, 1, 2)
        grid.addWidget(self.signature_line, 2, 0, 1, 2)
        grid.addWidget(self.copy_signature_button, 2, 2)
        grid.addWidget(self.copy_both_button, 3, 2)
        self.copied_label = HintLabel(box)
        grid.addWidget(self.copied_label, 3, 0, 1, 2)
        return box

    def _header_line(self, parent: QWidget) -> QLineEdit:
        line = QLineEdit(parent)
        line.setReadOnly(True)
        line.setFrame(False)
        line.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        line.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        return line

    # -- reacting --------------------------------------------------------------------------

    def _secret_changed(self, text: str) -> None:
        self.calculator.set_secret(text)
        self._refresh()

    def _timestamp_changed(self, text: str) -> None:
        self.calculator.set_timestamp(text)
        self._refresh(select_typed=True)

    def _show_secret(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.secret_edit.setEchoMode(mode)
        bind(self.show_secret_button, texts.HIDE if shown else texts.SHOW)

    def _use_now(self) -> None:
        self.timestamp_edit.setText(self.calculator.use_now())

    def _use_example(self) -> None:
        secret, timestamp = self.calculator.use_example()
        self.secret_edit.setText(secret)
        self.timestamp_edit.setText(timestamp)

    def _encoding_changed(self) -> None:
        hex_chosen = self.hex_radio.isChecked()
        self._encoding = SignatureEncoding.HEX if hex_chosen else SignatureEncoding.BASE64
        self._show_headers()

    def retranslate(self) -> None:
        """Every text in the language now chosen; what was typed stays."""
        retranslate_tree(self)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self.model.set_rows(self.calculator.rows)
        self._refresh()

    def _refresh(self, *, select_typed: bool = False) -> None:
        calc = self.calculator
        self.message_label.setText(calc.hint.get())
        self.message_label.set_problem(calc.error is not None)
        self.model.set_rows(calc.rows)
        if select_typed or not self.table.selectionModel().hasSelection():
            self._select(calc.input_format)
        self._show_headers()

    def _select(self, fmt: TimestampFormat | None) -> None:
        for number, row in enumerate(self.calculator.rows):
            if row.fmt is (fmt or TimestampFormat.ISO_UTC):
                self.table.selectRow(number)
                return

    def selected_format(self) -> TimestampFormat | None:
        current = self.table.selectionModel().currentIndex()
        row = self.model.row_at(current.row()) if current.isValid() else None
        return row.fmt if row is not None else None

    def _show_headers(self) -> None:
        fmt = self.selected_format()
        lines = self.calculator.header_lines(fmt, self._encoding) if fmt else None
        self.timestamp_line.setText(lines[0] if lines else "")
        self.signature_line.setText(lines[1] if lines else "")
        self.format_label.setText(FORMAT_LABELS[fmt].get() if fmt else "")
        for button in (
            self.copy_timestamp_button,
            self.copy_signature_button,
            self.copy_both_button,
        ):
            button.setEnabled(lines is not None)
        self.copied_label.clear()

    def _copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.copied_label.setText(texts.COPIED.get())

    def _copy_both(self) -> None:
        self._copy(f"{self.timestamp_line.text()}\n{self.signature_line.text()}")


def _examples() -> str:
    return ", ".join(TIMESTAMP_EXAMPLES.values())
