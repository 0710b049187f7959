"""The import side of the journal page: the problems list and the import options.

`ProblemsPanel` lists every problem in the grid (click one to jump to its cell) and offers
the error report. `ImportOptionsPanel` shows what the last import used (sheet, number style,
which column holds which field) and lets the user correct it and read the file again.
Neither reads files itself: the page runs that on a worker.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.books.journal import FRACTION_OF_CENT
from app.core.books.number_style import NumberStyle
from app.core.excel.columns import FIELDS, column_letter, field_label
from app.core.excel.optional_fields import OPTIONAL_FIELDS
from app.core.excel.reader import ColumnMapping, ImportOptions, ImportResult
from app.core.grid.entry_problems import code_count
from app.core.grid.problems import LocatedProblem
from app.core.i18n import Text, ctr, ntr, tr
from app.core.visible_text import visible
from app.ui.common.hint_label import mute
from app.ui.common.words import listed
from app.ui.journal.problems_model import COLUMN, MESSAGE, ROW, SHEET, ProblemsModel

_REQUIRED = ("date", "reference", "account")
FIT_SAMPLE = 200  # problems measured at each end of the list when sizing its columns
CELL_PADDING = 16  # a cell's margins and the grid line
HEADER_PADDING = 8  # a column title's margins beyond a cell's
_OPTIONAL = frozenset(OPTIONAL_FIELDS)
_OPTIONAL_TITLE = tr("Kolom tambahan (cabang, pihak, kurs, klasifikasi)")


class Translated:
    """Widgets whose text is set from a Text, so a language switch can set them again."""

    def __init__(self) -> None:
        self._setters: list[tuple[Callable[[str], None], Text]] = []

    def bind(self, setter: Callable[[str], None], text: Text) -> None:
        self._setters.append((setter, text))
        setter(text.get())

    def apply(self) -> None:
        for setter, text in self._setters:
            setter(text.get())


class WordElidingDelegate(QStyledItemDelegate):
    """A message too long for its column ends at a whole word with "…" (never "perus…");
    the whole message is in the row's tool tip and under the list."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        widget: QWidget | None = option.widget  # None for an option not made by a view
        style = widget.style() if widget is not None else QApplication.style()
        margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1)
        option.text = elide_at_word(option.text, option.fontMetrics, option.rect.width() - margin)
        option.textElideMode = Qt.TextElideMode.ElideNone


def elide_at_word(text: str, metrics: QFontMetrics, width: int) -> str:
    """The text, or as many of its whole words as fit before "…"."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    cut = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
    kept = cut.rstrip("…").rstrip()
    if " " in kept and not text.startswith(kept + " "):
        kept = kept.rsplit(" ", 1)[0]  # the last word was cut
    return kept.rstrip(" ,;:") + "…"


class ProblemsPanel(QWidget):
    """Every problem in the grid; a click selects the cell it is about."""

    problem_chosen = Signal(int, int)  # grid row, grid column
    save_report_requested = Signal()
    round_cents_requested = Signal()  # round every amount with a fraction of a cent

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts = Translated()
        self.model = ProblemsModel(self)
        self.title = QLabel(self)
        self.title.setObjectName("problemsTitle")
        self.title.setStyleSheet("#problemsTitle { font-weight: bold; }")
        self.save_button = QPushButton(self)
        self._texts.bind(self.save_button.setText, tr("Simpan laporan masalah…"))
        self._texts.bind(
            self.save_button.setToolTip,
            tr(
                "Simpan berkas Excel yang diimpor dengan setiap masalah di samping barisnya, "
                "untuk diperbaiki lalu diimpor lagi."
            ),
        )
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(lambda: self.save_report_requested.emit())
        self.round_button = QPushButton(self)  # shown only while some amount can be rounded
        self._texts.bind(
            self.round_button.setToolTip,
            tr(
                "Bulatkan setiap jumlah yang punya pecahan sen ke sen terdekat (setengah ke "
                "atas, seperti tampilan Excel), lalu periksa lagi keseimbangan jurnalnya."
            ),
        )
        self.round_button.clicked.connect(lambda: self.round_cents_requested.emit())
        self._fixable = 0
        self._offer_rounding = True
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItemDelegateForColumn(MESSAGE, WordElidingDelegate(self.table))
        self.table.clicked.connect(self._choose)
        self.table.activated.connect(self._choose)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self.detail = QLabel(self)  # the whole message of the chosen problem
        self.detail.setWordWrap(True)
        mute(self.detail)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model.modelReset.connect(lambda: self.detail.setText(""))
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.title, 1)
        top.addWidget(self.round_button)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        self.set_problems([])

    @property
    def fixable_count(self) -> int:
        """Problems the round button fixes: amounts with a fraction of a cent (none while
        the settings say not to offer it)."""
        return self._fixable if self._offer_rounding else 0

    def offer_rounding(self, offered: bool) -> None:
        """Whether the Round to cents button is offered (the rounding setting)."""
        self._offer_rounding = offered
        self._show_count()

    def set_problems(self, problems: Sequence[LocatedProblem]) -> None:
        self.model.set_problems(problems)
        self._fixable = code_count(problems, FRACTION_OF_CENT)
        self._show_count()
        self._fit_columns()
        if self.model.rowCount():  # one message in full under the list, from the start
            self.table.setCurrentIndex(self.model.index(0, MESSAGE))

    def _fit_columns(self) -> None:
        """The sheet, row and column each as wide as its longest text, so none is cut
        ("Baris grid 1250"). Looked for among the first and the last problems (the rows
        grow down the list): a list of 75,000 is not measured whole after every edit."""
        model, table = self.model, self.table
        count = model.rowCount()
        rows = {*range(min(count, FIT_SAMPLE)), *range(max(0, count - FIT_SAMPLE), count)}
        title_font = table.horizontalHeader().font()
        title_font.setBold(True)  # as the style shows column titles
        cell, title = table.fontMetrics(), QFontMetrics(title_font)
        for column in (SHEET, ROW, COLUMN):
            heading = model.headerData(column, Qt.Orientation.Horizontal)
            widest = max(
                [title.horizontalAdvance(str(heading)) + HEADER_PADDING]
                + [cell.horizontalAdvance(str(model.index(r, column).data())) for r in rows]
            )
            table.setColumnWidth(column, widest + CELL_PADDING)

    def _show_count(self) -> None:
        self.round_button.setVisible(self.fixable_count > 0)
        self.round_button.setText(tr("Bulatkan ke sen ({n})", n=self._fixable).get())
        count = self.model.rowCount()
        if count:
            self.title.setText(tr("Masalah ({n})", n=count).get())
        else:
            self.title.setText(tr("Masalah: tidak ada").get())

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.setText("")
            return
        self.detail.setText(self.model.problem(current.row()).text.get())

    def _choose(self, index: QModelIndex) -> None:
        problem = self.model.problem(index.row())
        if problem.grid_row >= 0:
            self.problem_chosen.emit(problem.grid_row, problem.grid_column)

    def retranslate(self) -> None:
        self._texts.apply()
        chosen = self.table.currentIndex().row()
        self.model.retranslate()
        self._show_count()
        self._fit_columns()
        if 0 <= chosen < self.model.rowCount():  # its message shown again, in the new words
            self.table.setCurrentIndex(self.model.index(chosen, MESSAGE))


class ImportOptionsPanel(QGroupBox):
    """Sheet, number style and column mapping of the last import, correctable."""

    reread_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts = Translated()
        self._texts.bind(self.setTitle, tr("Pengaturan impor"))
        self._result: ImportResult | None = None
        self.file_label = QLabel(self)
        self.file_label.setWordWrap(True)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sheet_combo = QComboBox(self)
        self.style_combo = QComboBox(self)
        self.style_combo.addItem("", NumberStyle.ID)
        self.style_combo.addItem("", NumberStyle.EN)
        self.mapping_combos: dict[str, QComboBox] = {}
        self.reread_button = QPushButton(self)
        self._texts.bind(self.reread_button.setText, tr("Baca ulang berkas"))
        self.reread_button.clicked.connect(lambda: self.reread_requested.emit())
        self._build_layout()
        self._label_styles()

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        sheet_label, style_label = QLabel(self), QLabel(self)
        self._texts.bind(sheet_label.setText, tr("Lembar:"))
        self._texts.bind(style_label.setText, tr("Gaya angka:"))
        form.addRow(sheet_label, self.sheet_combo)
        form.addRow(style_label, self.style_combo)
        mapping_title = QLabel(self)
        self._texts.bind(
            mapping_title.setText,
            tr("<b>Kolom di lembar kerja</b>"),
        )
        grid = self._mapping_grid([f for f in FIELDS if f not in _OPTIONAL], self)
        # The optional fields fold away: most workbooks have none of them.
        self.optional_toggle = QToolButton(self)
        self.optional_toggle.setCheckable(True)
        self.optional_toggle.setAutoRaise(True)
        self.optional_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.optional_toggle.toggled.connect(self._fold_optional)
        self._texts.bind(self.optional_toggle.setText, _OPTIONAL_TITLE)
        self.optional_box = QWidget(self)
        optional_grid = self._mapping_grid(list(OPTIONAL_FIELDS), self.optional_box)
        optional_grid.setContentsMargins(0, 0, 0, 0)
        self.optional_box.setLayout(optional_grid)
        self._fold_optional(False)
        note = QLabel(self)
        note.setWordWrap(True)
        mute(note)
        self._texts.bind(
            note.setText,
            tr("* wajib, bersama Debit + Kredit atau satu kolom Jumlah bertanda."),
        )
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reread_button)
        # The settings scroll, so that unfolding the optional columns never squeezes the
        # journal grid above this panel.
        content = QWidget(self)
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.file_label)
        inner.addLayout(form)
        inner.addWidget(mapping_title)
        inner.addLayout(grid)
        inner.addWidget(self.optional_toggle)
        inner.addWidget(self.optional_box)
        inner.addWidget(note)
        inner.addStretch(1)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(buttons)

    def _mapping_grid(self, field_names: list[str], parent: QWidget) -> QGridLayout:
        """Label and column choice per field, two fields a row."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(3)
        for position, field_name in enumerate(field_names):
            label = QLabel(parent)
            name = field_label(field_name)
            if field_name in _REQUIRED:
                # Translators: a field that must be chosen, marked with a star.
                name = ctr("isian wajib", "{name} *", name=name)
            self._texts.bind(label.setText, name)
            combo = QComboBox(parent)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(10)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.mapping_combos[field_name] = combo
            row, pair = divmod(position, 2)
            grid.addWidget(label, row, pair * 2)
            grid.addWidget(combo, row, pair * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return grid

    def _fold_optional(self, unfolded: bool) -> None:
        self.optional_box.setVisible(unfolded)
        arrow = Qt.ArrowType.DownArrow if unfolded else Qt.ArrowType.RightArrow
        self.optional_toggle.setArrowType(arrow)
        if self.optional_toggle.isChecked() != unfolded:
            self.optional_toggle.setChecked(unfolded)

    def _label_styles(self) -> None:
        names = (
            tr("Indonesia (1.500.000,00)"),
            tr("Inggris (1,500,000.00)"),
        )
        for index, name in enumerate(names):
            self._texts.bind(functools.partial(self.style_combo.setItemText, index), name)

    # --- showing what was read ---------------------------------------------------------------

    def show_result(self, result: ImportResult, sheets: list[str], style: NumberStyle) -> None:
        self._result = result
        self.file_label.setText(
            tr(
                "<b>{name}</b><br>Judul kolom di baris {r}; {n} baris data dibaca.",
                name=result.path.name,
                r=result.header_row,
                n=result.row_count,
            ).get()
        )
        self.file_label.setToolTip(str(result.path))
        self._show_sheets(sheets or [result.sheet], result.sheet)
        self.style_combo.setCurrentIndex(self.style_combo.findData(NumberStyle(style)))
        none = tr("— tidak ada —").get()
        for field_name, combo in self.mapping_combos.items():
            combo.clear()
            combo.addItem(none, None)
            for index, header in enumerate(result.headers):
                letter = column_letter(index)
                combo.addItem(f"{letter}: {header}" if header else letter, index)
            chosen = getattr(result.mapping, field_name)
            combo.setCurrentIndex(0 if chosen is None else combo.findData(chosen))
        found = sum(getattr(result.mapping, name) is not None for name in OPTIONAL_FIELDS)
        title = _OPTIONAL_TITLE
        if found:  # said on the folded title: the user opens it to check them
            title += ntr("— {n} kolom ditemukan", "— {n} kolom ditemukan", found)
        self.optional_toggle.setText(title.get())

    def _show_sheets(self, sheets: list[str], chosen: str) -> None:
        """The sheet names as they can be read (a control character shown escaped), each
        item keeping the real name, which reads the sheet."""
        self.sheet_combo.clear()
        for sheet in sheets:
            self.sheet_combo.addItem(visible(sheet), sheet)
        self.sheet_combo.setCurrentIndex(max(0, self.sheet_combo.findData(chosen)))

    def _chosen_sheet(self) -> str | None:
        return self.sheet_combo.currentData() or None

    @property
    def result(self) -> ImportResult | None:
        return self._result

    def options(self) -> ImportOptions:
        """What to read next: the chosen sheet and style; the corrected mapping and the same
        header row when the sheet is the one shown (another sheet is detected afresh)."""
        style = NumberStyle(self.style_combo.currentData() or NumberStyle.ID)
        sheet = self._chosen_sheet()
        if self._result is None or sheet != self._result.sheet:
            return ImportOptions(sheet=sheet, number_style=style)
        return ImportOptions(
            sheet=sheet,
            number_style=style,
            mapping=self.mapping(),
            header_row=self._result.header_row,
        )

    def mapping(self) -> ColumnMapping:
        return ColumnMapping(
            **{field_name: combo.currentData() for field_name, combo in self.mapping_combos.items()}
        )

    def mapping_problem(self) -> Text | None:
        """Why the mapping shown cannot be used, or None."""
        mapping = self.mapping()
        used: dict[int, str] = {}
        for field_name, column in mapping.as_dict().items():
            if column in used:
                first, second = field_label(used[column]), field_label(field_name)
                return tr(
                    "Kolom {c} dipilih untuk {a} dan {b}; satu kolom hanya untuk satu isian.",
                    c=column_letter(column),
                    a=first,
                    b=second,
                )
            used[column] = field_name
        missing = mapping.missing_required()
        if missing:
            names = [field_label(name) for name in missing]
            return tr("Pilih kolom untuk: {f}.", f=listed(*names))
        return None

    def retranslate(self) -> None:
        self._texts.apply()
        if self._result is None:
            return
        # Refill the texts, keeping what the user has chosen so far.
        sheets = [self.sheet_combo.itemData(i) for i in range(self.sheet_combo.count())]
        sheet, mapping = self._chosen_sheet(), self.mapping()
        self.show_result(self._result, sheets, NumberStyle(self.style_combo.currentData()))
        if sheet is not None:
            self._show_sheets(sheets, sheet)
        for field_name, combo in self.mapping_combos.items():
            chosen = getattr(mapping, field_name)
            combo.setCurrentIndex(0 if chosen is None else combo.findData(chosen))


__all__ = ["ImportOptionsPanel", "ProblemsPanel"]
