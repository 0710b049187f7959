"""The account mapping dialog (Pemetaan akun): old codes of the grid → the company's accounts.

A thin view over `AccountMappingModel`: a table whose "company account" cell opens an editor
completing from the company's postable accounts (code or name, "110101 · Kas Kecil"), a note
when the remembered mappings could not be read, and "Save and apply", enabled only when every
choice can be used. It emits the mapping to save; the page's hook saves it and applies it to
the grid as one undoable step.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.books.account_mapping import AccountMap
from app.core.books.journal import Chart
from app.core.i18n import Text, ntr, tr
from app.ui.common import words as texts
from app.ui.common.words import bind, retranslate_tree
from app.ui.journal.grid.hints import account_completer
from app.ui.journal.mapping_model import ACCOUNT, AccountMappingModel, MappingRow

TITLE: Final = tr("Pemetaan akun")
SAVE_AND_APPLY: Final = tr("Simpan dan terapkan")
STYLE: Final = """
#mappingHelp { color: #4a5361; }
#mappingWarning { background: #FFF6E0; border: 1px solid #E8C77A; border-radius: 4px;
                  padding: 6px; }
#primaryButton { background: #1f5fa8; color: white; border: 1px solid #184c87;
                 border-radius: 4px; padding: 5px 16px; font-weight: 600; }
#primaryButton:disabled { background: #9db4d3; border-color: #9db4d3; }
"""


class AccountChooser(QStyledItemDelegate):
    """The company-account cell's editor: a line edit completing "code · name"."""

    def __init__(self, chart: Chart, parent: QObject | None = None) -> None:
        super().__init__(parent)
        postable = chart.postable()
        self._choices = QStringListModel([f"{a.code} · {a.name}" for a in postable], self)
        self.completer = account_completer(self._choices, self)  # one, lent to each editor

    def createEditor(
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setPlaceholderText(tr("Ketik kode atau nama akun").get())
        editor.setCompleter(self.completer)
        return editor


class AccountMappingDialog(QDialog):
    """Choose the company account for each old code; `saved(AccountMap)` on Save and apply."""

    saved = Signal(object)  # AccountMap: every pair chosen (the company's whole mapping)

    def __init__(
        self,
        rows: list[MappingRow],
        chart: Chart,
        *,
        company: str,
        warning: Text | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("accountMappingDialog")
        self.setStyleSheet(STYLE)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        bind(self, TITLE, "setWindowTitle")
        self.model = AccountMappingModel(rows, chart, self)
        self.table = self._build_table(chart)
        self.help = QLabel(self)
        self.help.setObjectName("mappingHelp")
        self.help.setWordWrap(True)
        bind(self.help, _help_text(company, bool(rows)))
        self.warning = QLabel(self)
        self.warning.setObjectName("mappingWarning")
        self.warning.setWordWrap(True)
        if warning is not None:
            bind(self.warning, warning)
        self.warning.setVisible(warning is not None)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("primaryButton")
        self.save_button.setDefault(True)
        bind(self.save_button, SAVE_AND_APPLY)
        self.cancel_button = QPushButton(self)
        bind(self.cancel_button, texts.CANCEL)
        self._layout()
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.reject)
        self.model.dataChanged.connect(self._show_status)
        self._show_status()
        self.resize(880, 420)

    def retranslate(self) -> None:
        retranslate_tree(self)
        self.model.retranslate()
        self._show_status()

    def choose(self, old_code: str, text: str) -> None:
        """Choose the company account for an old code (as typing it in its cell does)."""
        for number, row in enumerate(self.model.rows):
            if row.code == old_code:
                self.model.choose(number, text)
                return
        raise KeyError(old_code)

    # --- building -------------------------------------------------------------------------------

    def _build_table(self, chart: Chart) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setItemDelegateForColumn(ACCOUNT, AccountChooser(chart, table))
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(26)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((90, 50, 200, 250)):
            table.setColumnWidth(column, width)
        if self.model.rowCount():
            table.setCurrentIndex(self.model.index(0, ACCOUNT))
        return table

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)
        layout.addWidget(self.help)
        layout.addWidget(self.warning)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    # --- reacting ---------------------------------------------------------------------------------

    def _show_status(self, *_args: object) -> None:
        problems = self.model.problems()
        chosen = sum(1 for row in self.model.rows if row.chosen)
        if problems:
            number, first = min(problems.items())
            text = ntr(
                "{n} pilihan tidak bisa dipakai. {code}: {why}",
                "{n} pilihan tidak bisa dipakai. {code}: {why}",
                len(problems),
                code=self.model.rows[number].code,
                why=first,
            )
        else:
            text = ntr(
                "{c} dari {n} kode dipetakan.",
                "{c} dari {n} kode dipetakan.",
                self.model.rowCount(),
                c=chosen,
            )
        self.status.setText(text.get())
        self.save_button.setEnabled(not problems)

    def _save(self) -> None:
        if self.model.problems():
            return
        mapping: AccountMap = self.model.mapping()
        self.saved.emit(mapping)
        self.accept()


def _help_text(company: str, any_rows: bool) -> Text:
    if not any_rows:
        return tr(
            "Semua kode akun di tabel ada di daftar akun {c}, dan belum ada pemetaan yang "
            "diingat untuk perusahaan ini.",
            c=company,
        )
    return tr(
        "Kode akun di tabel yang tidak ada di daftar akun {c}. Pilih akun perusahaan untuk "
        "setiap kode (ketik kode atau namanya); pemetaan diingat untuk {c} dan dipakai lagi "
        "pada impor berikutnya. Kosongkan pilihan untuk melupakannya.",
        c=company,
    )


__all__ = ["SAVE_AND_APPLY", "TITLE", "AccountChooser", "AccountMappingDialog"]
