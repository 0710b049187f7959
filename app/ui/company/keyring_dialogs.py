"""Small dialogs for the password store: the encrypted secrets file's password (to unlock it,
or to create it) and a company's credentials entered again. Each only collects what is typed
and shows what the caller reports back; the work runs on a worker in `keyring_banner`.

Typed values live only in the line edits and in the signal that hands them over; the fields
are cleared when the dialog closes.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import Text, tr
from app.profiles import keyring_words as keyring_texts
from app.profiles.store import Profile
from app.setup.wizard.credential_checks import secret_problem, token_problem
from app.ui.common.form_widgets import STYLE, Banner, Field, SecretField, make_label

CANCEL = tr("Batal")
UNLOCK = tr("Buka kunci")
USE_FILE = tr("Pakai berkas terenkripsi")
# The same on a button that opens a dialog to ask more.
UNLOCK_ASKING = tr("Buka kunci…")
USE_FILE_ASKING = tr("Pakai berkas terenkripsi…")
SAVE = tr("Simpan")


class _Dialog(QDialog):
    """A titled dialog with an explanation, fields, a message box and two buttons."""

    def __init__(self, title: Text, explanation: Text, ok: Text, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("credentialsWizard")  # the wizard's style sheet applies
        self.setStyleSheet(STYLE)
        self.setWindowTitle(title.get())
        self.setMinimumWidth(520)
        self.explanation = make_label(explanation, "help", self)
        self.fields = QVBoxLayout()
        self.fields.setSpacing(12)
        self.message = Banner(self)
        self.cancel_button = QPushButton(CANCEL.get(), self)
        self.cancel_button.setAutoDefault(False)
        self.ok_button = QPushButton(ok.get(), self)
        self.ok_button.setObjectName("primaryButton")
        self.ok_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(24, 18, 24, 18)
        self._column.setSpacing(12)
        self._column.addWidget(make_label(title, "wizardTitle", self))
        self._column.addWidget(self.explanation)
        self._column.addLayout(self.fields)
        self._column.addWidget(self.message)
        self._column.addLayout(buttons)
        self.cancel_button.clicked.connect(self.reject)
        self.ok_button.clicked.connect(self._submit)

    def showEvent(self, event: QShowEvent) -> None:
        """Typing starts in the first field, and Tab goes through the fields before the
        buttons (which are made first, so they would come first otherwise)."""
        super().showEvent(event)
        edits = [edit for edit in self.findChildren(QLineEdit) if edit.isEnabled()]
        chain = [*edits, self.ok_button, self.cancel_button]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        if edits:
            edits[0].setFocus(Qt.FocusReason.TabFocusReason)

    def _grow_to_fit(self) -> None:
        """A message shown under the fields makes the dialog taller, never the fields
        squeezed (the minimum width set above turns the layout's own minimum height off)."""
        layout = self._column
        layout.activate()
        if layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(self.width())
        else:
            needed = layout.totalSizeHint().height()
        if needed > self.height():
            self.resize(self.width(), needed)

    def show_error(self, text: Text) -> None:
        """The caller's worker failed: say why and let the user try again."""
        self.set_busy(False)
        self.message.show_text("error", text)
        self._grow_to_fit()

    def set_busy(self, busy: bool) -> None:
        self.ok_button.setEnabled(not busy)
        for edit in self.findChildren(QLineEdit):
            edit.setEnabled(not busy)

    def done(self, result: int) -> None:
        for edit in self.findChildren(QLineEdit):
            edit.clear()  # no typed secret outlives the dialog
        super().done(result)

    def _submit(self) -> None:
        raise NotImplementedError


class PasswordDialog(_Dialog):
    """The secrets file's password: to open it (`create=False`) or to start a new one, typed
    twice. Emits `submitted(password)`; the caller answers `show_error()` or `accept()`."""

    submitted = Signal(str)

    def __init__(self, path: object, *, create: bool, parent: QWidget | None = None) -> None:
        if create:
            title = tr("Berkas rahasia terenkripsi")
            explanation = tr(
                "Komputer ini tidak punya penyimpanan kata sandi yang bisa dipakai. Jurnal Desk "
                "bisa menyimpan token dan Signature Secret terenkripsi di {path}, dengan kata "
                "sandi pilihan Anda (minimal {n} karakter). Kata sandi ini diminta setiap kali "
                "Jurnal Desk dibuka, tidak pernah disimpan, dan tidak bisa dipulihkan bila lupa.",
                path=path,
                n=keyring_texts.MIN_PASSWORD_LENGTH,
            )
        else:
            title = tr("Buka berkas rahasia")
            explanation = tr(
                "Token dan Signature Secret perusahaan Anda ada di berkas terenkripsi {path}. "
                "Ketik kata sandinya; Jurnal Desk mengingatnya sampai jendela ditutup.",
                path=path,
            )
        super().__init__(title, explanation, USE_FILE if create else UNLOCK, parent)
        self.setObjectName("credentialsWizard")
        self.creates_file = create  # a new file, its password typed twice
        self.password = SecretField("", self, toggle=False)
        self.password.edit.setObjectName("keyringPassword")
        self.fields.addWidget(Field(tr("Kata sandi"), self.password, None, self))
        self.again: SecretField | None = None
        if create:
            self.again = SecretField("", self, toggle=False)
            self.again.edit.setObjectName("keyringPasswordAgain")
            label = tr("Ketik sekali lagi")
            self.fields.addWidget(Field(label, self.again, None, self))

    def _submit(self) -> None:
        password = self.password.edit.text()
        if self.creates_file and len(password) < keyring_texts.MIN_PASSWORD_LENGTH:
            self.show_error(keyring_texts.password_too_short())
            return
        if self.again is not None and self.again.edit.text() != password:
            self.show_error(keyring_texts.passwords_differ())
            return
        if not password:
            return
        self.message.show_text("busy", tr("Membuka berkas…"))
        self._grow_to_fit()
        self.set_busy(True)
        self.submitted.emit(password)

    def show_error(self, text: Text) -> None:
        super().show_error(text)
        self.password.edit.selectAll()
        self.password.edit.setFocus()


class CredentialsDialog(_Dialog):
    """A company's API Token (and Accurate's Signature Secret) typed again. Emits
    `submitted(token, secret)` (secret "" for Sempoa)."""

    submitted = Signal(str, str)

    def __init__(self, profile: Profile, parent: QWidget | None = None) -> None:
        accurate = profile.service == "accurate"
        if accurate:
            explanation = tr(
                "Kredensial '{name}' tidak bisa dibaca dari penyimpanan kata sandi. Tempel lagi "
                "API Token dan Signature Secret perusahaan itu; Jurnal Desk lalu memeriksa "
                "koneksinya.",
                name=profile.name,
            )
        else:
            explanation = tr(
                "Kredensial '{name}' tidak bisa dibaca dari penyimpanan kata sandi. Tempel lagi "
                "API Token perusahaan itu; Jurnal Desk lalu memeriksa koneksinya.",
                name=profile.name,
            )
        title = tr("Masukkan lagi kredensial")
        super().__init__(title, explanation, SAVE, parent)
        self.profile = profile
        self.token = SecretField("aat.…" if accurate else "", self, toggle=True)
        self.token.edit.setObjectName("fixToken")
        self.token_field = Field(tr("API Token"), self.token, None, self)
        self.fields.addWidget(self.token_field)
        self.secret: SecretField | None = None
        self.secret_field: Field | None = None
        if accurate:
            self.secret = SecretField("", self, toggle=True)
            self.secret.edit.setObjectName("fixSecret")
            self.secret_field = Field(tr("Signature Secret"), self.secret, None, self)
            self.fields.addWidget(self.secret_field)

    def _submit(self) -> None:
        token = self.token.edit.text().strip()
        secret = self.secret.edit.text().strip() if self.secret is not None else ""
        token_wrong = token_problem(self.profile.service, token) if token else None
        secret_wrong = secret_problem(secret) if secret else None
        self.token_field.show_problem(token_wrong)
        if self.secret_field is not None:
            self.secret_field.show_problem(secret_wrong)
        missing = not token or (self.secret is not None and not secret)
        if missing or token_wrong or secret_wrong:
            return
        self.message.show_text("busy", tr("Menyimpan…"))
        self.set_busy(True)
        self.submitted.emit(token, secret)
