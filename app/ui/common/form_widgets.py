"""The building blocks of the window's forms (the add-company dialog, the password store's
dialogs): their style sheet, labels, a coloured message box, masked secret fields, a labelled
field with its help and problem lines, and the "advanced settings" fold. Qt only; no rules."""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import Text, tr
from app.ui.common import words as texts
from app.ui.common.notice_box import NoticeBox, notice_style
from app.ui.common.words import BLANK, bind

ADVANCED = tr("Pengaturan lanjutan")

STYLE: Final = """
#credentialsWizard QLineEdit { padding: 4px 6px; }
#wizardHeader { background: #ffffff; border-bottom: 1px solid #d9dde3; }
#wizardTitle { font-size: 18px; font-weight: 600; color: #1f2933; }
#wizardSubtitle { color: #52606d; }
#step { color: #52606d; padding: 2px 0; }
#step[state="current"] { color: #0b4a8b; font-weight: 600; }
#step[state="done"] { color: #1e6b35; }
#stepLine { background: #d9dde3; }
#wizardFooter { border-top: 1px solid #d9dde3; background: #f5f7fa; }
#choiceCard { border: 1px solid #d9dde3; border-radius: 6px; background: #ffffff; }
#choiceCard[chosen="true"] { border: 2px solid #1f5fa8; background: #f3f8fe; }
#choiceTitle { font-size: 14px; font-weight: 600; color: #1f2933; }
#fieldLabel { font-weight: 600; color: #1f2933; }
#help, #choiceText { color: #52606d; }
#fieldProblem { color: #b3261e; }
#resultPanel { border: 1px solid #e1e5ea; border-radius: 6px; background: #ffffff; }
#resultLabel { color: #52606d; }
#resultValue { color: #1f2933; font-weight: 600; }
#branchList { border: 1px solid #d9dde3; border-radius: 6px; background: #ffffff;
              padding: 4px; font-size: 13px; outline: 0; }
#branchList::item { padding: 7px 8px; border-radius: 4px; color: #1f2933; }
#branchList::item:selected { background: #1f5fa8; color: white; }
#advancedToggle { border: none; color: #1f5fa8; font-weight: 600; padding: 2px 0; }
#primaryButton { background: #1f5fa8; color: white; border: 1px solid #184c87;
                 border-radius: 4px; padding: 5px 16px; font-weight: 600; }
#primaryButton:disabled { background: #9db6d3; border-color: #9db6d3; }
""" + notice_style("banner")


EMPTY = BLANK


def make_label(text: Text | str, name: str, parent: QWidget, *, wrap: bool = True) -> QLabel:
    """A label; one given a `Text` follows a language switch."""
    label = QLabel(parent)
    if isinstance(text, Text):
        bind(label, text)
    else:
        label.setText(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


def page_column(page: QWidget, spacing: int, *items: QWidget | QLayout) -> QVBoxLayout:
    """A page's content from top to bottom, no margins, the free space left at the bottom."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing)
    for item in items:
        if isinstance(item, QLayout):
            layout.addLayout(item)
        else:
            layout.addWidget(item)
    layout.addStretch(1)
    return layout


class Banner(NoticeBox):
    """The dialog's coloured box for one message: busy, ok, warning or error. Hidden when
    empty (`show_text`)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, "banner")


class SecretField(QWidget):
    """A masked line edit, with a "Tampilkan" toggle when `toggle` is set."""

    def __init__(self, placeholder: str, parent: QWidget, *, toggle: bool) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setPlaceholderText(placeholder)
        # No undo history or drag-out of a password field's text.
        self.edit.setDragEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        self.toggle: QPushButton | None = None
        if toggle:
            self.toggle = QPushButton(self)
            bind(self.toggle, texts.SHOW)
            self.toggle.setCheckable(True)
            self.toggle.setAutoDefault(False)
            self.toggle.toggled.connect(self._shown)
            layout.addWidget(self.toggle)

    def _shown(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.edit.setEchoMode(mode)
        assert self.toggle is not None
        bind(self.toggle, texts.HIDE if shown else texts.SHOW)


class Field(QWidget):
    """A bold label, the input, a line of help and a line for what is wrong with the input."""

    def __init__(
        self, label: Text, input_widget: QWidget, help_text: Text | None, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.input = input_widget
        self.problem = make_label("", "fieldProblem", self)
        self.problem.hide()
        self.column = QVBoxLayout(self)  # the label, the input, its help, its problem
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(4)
        title = make_label(label, "fieldLabel", self)
        title.setBuddy(input_widget)
        self.column.addWidget(title)
        self.column.addWidget(input_widget)
        if help_text is not None:
            self.column.addWidget(make_label(help_text, "help", self))
        self.column.addWidget(self.problem)

    def show_problem(self, problem: Text | None) -> None:
        bind(self.problem, problem if problem is not None else EMPTY)
        self.problem.setVisible(problem is not None)


class Advanced(QWidget):
    """A "Pengaturan lanjutan" link that shows or hides the settings few people change."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.button = QToolButton(self)
        self.button.setObjectName("advancedToggle")
        bind(self.button, ADVANCED)
        self.button.setCheckable(True)
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setArrowType(Qt.ArrowType.RightArrow)
        self.body = QWidget(self)
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(18, 4, 0, 0)
        self.body_layout.setSpacing(12)
        self.body.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.body)
        self.button.toggled.connect(self.expand)

    def expand(self, shown: bool = True) -> None:
        if self.button.isChecked() != shown:
            self.button.setChecked(shown)  # comes back here through toggled
            return
        self.button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.body.setVisible(shown)
