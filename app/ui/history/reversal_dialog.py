"""The question asked before a batch is cancelled with reversing entries: what will be posted
(how many reversing entries, to which company, their numbers and descriptions, the debit
total) and on which date: each original's own, or one date the user picks (a date in the open
period when the originals' period is closed). Window-modal, opened (never exec'd): `on_yes`
gets the chosen date (None for the originals' dates) once the user agrees."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import Text, current_language, tr

TITLE = tr("Batalkan dengan jurnal balik")
DATE_PROMPT = tr("Tanggal jurnal balik:")
ORIGINAL_DATES = tr("Tanggal asli setiap jurnal")
ONE_DATE = tr("Satu tanggal untuk semua:")
YES_REVERSE = tr("Ya, posting jurnal balik")
NO = tr("Batal")
_LOCALES = {
    "id": QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
    "zh": QLocale(QLocale.Language.Chinese, QLocale.Country.China),
}


class ReversalDialog(QDialog):
    """Asks what to post and on which date; `chosen_date()` is the answer."""

    def __init__(
        self,
        parent: QWidget,
        question: Text,
        on_yes: Callable[[date | None], None],
        *,
        suggested: date,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reversalDialog")
        self.setWindowTitle(TITLE.get())
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._on_yes = on_yes
        self._build(question, suggested)
        self.finished.connect(self._answered)

    def chosen_date(self) -> date | None:
        """The one date chosen, or None for each original's own date."""
        if self.original_dates.isChecked():
            return None
        return self.date_edit.date().toPython()  # type: ignore[return-value]  # stub says object; a date

    def _build(self, question: Text, suggested: date) -> None:
        text = QLabel(question.get(), self)
        text.setObjectName("reversalQuestion")
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setMinimumWidth(520)
        self.original_dates = QRadioButton(ORIGINAL_DATES.get(), self)
        self.one_date = QRadioButton(ONE_DATE.get(), self)
        group = QButtonGroup(self)
        group.addButton(self.original_dates)
        group.addButton(self.one_date)
        self.original_dates.setChecked(True)
        self.date_edit = QDateEdit(QDate(suggested.year, suggested.month, suggested.day), self)
        self.date_edit.setObjectName("reversalDate")
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setLocale(_LOCALES.get(current_language(), _LOCALES["id"]))
        self.date_edit.setEnabled(False)
        self.one_date.toggled.connect(self.date_edit.setEnabled)
        one = QHBoxLayout()
        one.addWidget(self.one_date)
        one.addWidget(self.date_edit)
        one.addStretch(1)
        buttons = QDialogButtonBox(self)
        self.yes_button = QPushButton(YES_REVERSE.get(), self)
        self.no_button = QPushButton(NO.get(), self)
        buttons.addButton(self.yes_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.no_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.no_button.setDefault(True)  # posting to the books is never the default
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addSpacing(8)
        prompt = QLabel(DATE_PROMPT.get(), self)
        prompt.setObjectName("reversalDatePrompt")
        layout.addWidget(prompt)
        layout.addWidget(self.original_dates)
        layout.addLayout(one)
        layout.addSpacing(6)
        layout.addWidget(buttons)

    def _answered(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            self._on_yes(self.chosen_date())
