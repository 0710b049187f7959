"""The "add a company" dialog: a thin Qt skin over `app.profiles.wizard.CredentialsWizard`.

Every rule (what is valid, when the user may go on, what is saved) lives in the wizard; this
view forwards what is typed, shows each page's `PageState`, and runs the connection test on a
worker through a `TaskRunner` (never on the GUI thread). Qt has no Indonesian translation of
its own wizard buttons, so the buttons are plain push buttons labelled here.
"""

from __future__ import annotations

import logging
from concurrent.futures import Executor
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QMouseEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import Text, tr
from app.profiles.store import (
    API_LANGUAGES,
    DEFAULT_SEMPOA_LINES,
    SEMPOA_LINE_SHAPES,
    Profile,
)
from app.profiles.wizard import (
    PAGES,
    SERVICE_NAMES,
    Connection,
    ConnectionCheck,
    CredentialsWizard,
    Page,
    PageState,
    failure_text,
    test_connection,
)
from app.ui import texts
from app.ui.tasks import TaskRunner, TaskState

log = logging.getLogger(__name__)

SHUTDOWN_WAIT_SECONDS: Final = 10.0

TITLE = tr("Tambah perusahaan", "Add a company")
BACK = tr("Kembali", "Back")
NEXT = tr("Lanjut", "Next")
FINISH = tr("Selesai", "Finish")
CANCEL = tr("Batal", "Cancel")
TEST_AGAIN = tr("Uji lagi", "Test again")
ADVANCED = tr("Pengaturan lanjutan", "Advanced settings")

STEP_NAMES: Final[dict[Page, Text]] = {
    Page.SERVICE: tr("Layanan", "Service"),
    Page.CREDENTIALS: tr("Kredensial", "Credentials"),
    Page.TEST: tr("Uji koneksi", "Connection test"),
    Page.NAME: tr("Nama profil", "Profile name"),
}

LANGUAGE_NAMES: Final[dict[str, str]] = {
    "ID": "Bahasa Indonesia (ID)",
    "US": "English (US)",
    "CN": "中文 (CN)",
}

LINE_SHAPE_NAMES: Final[dict[str, Text]] = {
    "transaksi": tr(
        "transaksi: [{{akun, debit, kredit}}] — dokumentasi API Sempoa saat ini (bawaan)",
        "transaksi: [{{akun, debit, kredit}}] — Sempoa's current API docs (default)",
    ),
    "arrays": tr(
        "akun[], debit[], kredit[] — panduan lama Sempoa (Juni 2023)",
        "akun[], debit[], kredit[] — Sempoa's older guide (June 2023)",
    ),
}

STYLE: Final = """
#credentialsWizard QLineEdit { padding: 4px 6px; }
#wizardHeader { background: #ffffff; border-bottom: 1px solid #d9dde3; }
#wizardTitle { font-size: 18px; font-weight: 600; color: #1f2933; }
#wizardSubtitle { color: #52606d; }
#step { color: #7b8794; padding: 2px 0; }
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
#banner { border-radius: 6px; padding: 10px 12px; border: 1px solid #d9dde3;
          background: #f5f7fa; color: #1f2933; }
#banner[kind="busy"] { background: #eef4fb; border-color: #b6cfee; color: #163b66; }
#banner[kind="ok"] { background: #edf7ee; border-color: #a9d5b0; color: #1e5631; }
#banner[kind="warning"] { background: #fff8e6; border-color: #f0d48a; color: #5c4300; }
#banner[kind="error"] { background: #fdeeee; border-color: #eeb4b4; color: #8b1a1a; }
#resultPanel { border: 1px solid #e1e5ea; border-radius: 6px; background: #ffffff; }
#resultLabel { color: #52606d; }
#resultValue { color: #1f2933; font-weight: 600; }
#advancedToggle { border: none; color: #1f5fa8; font-weight: 600; padding: 2px 0; }
#primaryButton { background: #1f5fa8; color: white; border: 1px solid #184c87;
                 border-radius: 4px; padding: 5px 16px; font-weight: 600; }
#primaryButton:disabled { background: #9db6d3; border-color: #9db6d3; }
"""


# --- small building blocks ---------------------------------------------------------------------


def _label(text: Text | str, name: str, parent: QWidget, *, wrap: bool = True) -> QLabel:
    label = QLabel(text.get() if isinstance(text, Text) else text, parent)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


def _restyle(widget: QWidget, name: str, value: object) -> None:
    """Set a property the style sheet selects on, and make it take effect."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class Banner(QLabel):
    """A coloured box for one message: busy, ok, warning or error. Hidden when empty."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_text(self, kind: str, text: Text | None) -> None:
        self.setText(text.get() if text is not None else "")
        _restyle(self, "kind", kind)
        self.setVisible(text is not None)


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
            self.toggle = QPushButton(texts.SHOW.get(), self)
            self.toggle.setCheckable(True)
            self.toggle.setAutoDefault(False)
            self.toggle.toggled.connect(self._shown)
            layout.addWidget(self.toggle)

    def _shown(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.edit.setEchoMode(mode)
        assert self.toggle is not None
        self.toggle.setText((texts.HIDE if shown else texts.SHOW).get())


class Field(QWidget):
    """A bold label, the input, a line of help and a line for what is wrong with the input."""

    def __init__(self, label: Text, input_widget: QWidget, help_text: Text | None, parent):
        super().__init__(parent)
        self.input = input_widget
        self.problem = _label("", "fieldProblem", self)
        self.problem.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        title = _label(label, "fieldLabel", self)
        title.setBuddy(input_widget)
        layout.addWidget(title)
        layout.addWidget(input_widget)
        if help_text is not None:
            layout.addWidget(_label(help_text, "help", self))
        layout.addWidget(self.problem)

    def show_problem(self, problem: Text | None) -> None:
        self.problem.setText(problem.get() if problem is not None else "")
        self.problem.setVisible(problem is not None)


class Advanced(QWidget):
    """A "Pengaturan lanjutan" link that shows or hides the settings few people change."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.button = QToolButton(self)
        self.button.setObjectName("advancedToggle")
        self.button.setText(ADVANCED.get())
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


# --- the pages -------------------------------------------------------------------------------


class ChoiceCard(QFrame):
    """One service to choose: a radio button with a line on what it needs; the whole card
    is clickable."""

    def __init__(self, title: str, text: Text, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("choiceCard")
        self.radio = QRadioButton(title, self)
        self.radio.setObjectName("choiceTitle")
        description = _label(text, "choiceText", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(4)
        layout.addWidget(self.radio)
        indent = QHBoxLayout()
        indent.setContentsMargins(24, 0, 0, 0)
        indent.addWidget(description)
        layout.addLayout(indent)
        self.radio.toggled.connect(lambda chosen: _restyle(self, "chosen", chosen))

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
                "aplikasi yang membuat token itu.",
                "You need an API Token (starting with aat.) from Accurate, and the Signature "
                "Secret of the app the token was made for.",
            ),
            self,
        )
        self.sempoa = ChoiceCard(
            SERVICE_NAMES["sempoa"],
            tr(
                "Perlu token dari Sempoa: Konfigurasi › Konfigurasi API.",
                "You need the token from Sempoa: Konfigurasi › Konfigurasi API.",
            ),
            self,
        )
        self.group = QButtonGroup(self)
        self.group.addButton(self.accurate.radio)
        self.group.addButton(self.sempoa.radio)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.accurate)
        layout.addWidget(self.sempoa)
        layout.addStretch(1)


class AccurateForm(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.token = SecretField("aat.…", self, toggle=True)
        self.secret = SecretField("", self, toggle=False)
        self.url = QLineEdit(self)
        self.token_field = Field(
            tr("API Token", "API Token"),
            self.token,
            tr(
                "Di Accurate Online: Pengaturan › Accurate Store › API Token. Satu token per "
                "pengguna, per data usaha; selalu diawali aat.",
                "In Accurate Online: Pengaturan › Accurate Store › API Token. One token per "
                "user, per company; it always starts with aat.",
            ),
            self,
        )
        self.secret_field = Field(
            tr("Signature Secret", "Signature Secret"),
            self.secret,
            tr(
                "Dari halaman aplikasi Anda di Area Developer Accurate (aplikasi yang sama "
                "dengan token). Dipakai untuk menandatangani setiap permintaan.",
                "From your app's page in the Accurate Developer Area (the same app as the "
                "token). It signs every request.",
            ),
            self,
        )
        self.url_field = Field(
            tr("Alamat akun Accurate", "Accurate account address"),
            self.url,
            tr(
                "Tempat Jurnal Desk menanyakan data usaha dan host-nya. Ubah hanya bila "
                "diminta, mis. untuk sandbox lokal.",
                "Where Jurnal Desk asks for the company and its host. Change it only when "
                "asked to, e.g. for a local sandbox.",
            ),
            self,
        )
        self.advanced = Advanced(self)
        self.advanced.body_layout.addWidget(self.url_field)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(self.token_field)
        layout.addWidget(self.secret_field)
        layout.addWidget(self.advanced)
        layout.addStretch(1)


class SempoaForm(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.token = SecretField("", self, toggle=True)
        self.url = QLineEdit(self)
        self.lines = QComboBox(self)
        for shape in sorted(SEMPOA_LINE_SHAPES, key=lambda shape: shape != DEFAULT_SEMPOA_LINES):
            self.lines.addItem(LINE_SHAPE_NAMES[shape].get(), shape)  # the default first
        self.token_field = Field(
            tr("Token API Sempoa", "Sempoa API token"),
            self.token,
            tr(
                "Di Sempoa: Konfigurasi › Konfigurasi API › Generate Token.",
                "In Sempoa: Konfigurasi › Konfigurasi API › Generate Token.",
            ),
            self,
        )
        self.warning = _label(
            tr(
                "Perhatian: Generate Token membuat token baru dan token lama langsung tidak "
                "berlaku. Bila Sempoa sudah tersambung ke aplikasi lain, salin token yang ada "
                "saja.",
                "Note: Generate Token makes a new token and the old one stops working at once. "
                "If Sempoa is already connected to another app, copy the existing token.",
            ),
            "banner",
            self,
        )
        _restyle(self.warning, "kind", "warning")
        self.url_field = Field(
            tr("Alamat API Sempoa", "Sempoa API address"),
            self.url,
            tr("Ubah hanya bila diminta.", "Change it only when asked to."),
            self,
        )
        self.lines_field = Field(
            tr("Bentuk baris jurnal", "Journal line format"),
            self.lines,
            tr(
                "Cara baris jurnal dikirim ke /jurnal. Pakai bawaan kecuali Sempoa menolak "
                "jurnal yang seimbang.",
                "How journal lines are sent to /jurnal. Keep the default unless Sempoa refuses "
                "balanced entries.",
            ),
            self,
        )
        self.advanced = Advanced(self)
        self.advanced.body_layout.addWidget(self.url_field)
        self.advanced.body_layout.addWidget(self.lines_field)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(self.token_field)
        layout.addWidget(self.warning)
        layout.addWidget(self.advanced)
        layout.addStretch(1)


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
        self.again = QPushButton(TEST_AGAIN.get(), self)
        self.again.setAutoDefault(False)
        again_row = QHBoxLayout()
        again_row.addStretch(1)
        again_row.addWidget(self.again)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.result)
        layout.addWidget(self.notice)
        layout.addLayout(again_row)
        layout.addStretch(1)

    def show_state(self, state: PageState, connection: Connection | None, target: Text) -> None:
        self.progress.setVisible(state.busy)
        if state.busy:
            self.status.show_text("busy", target)
        elif connection is not None:
            self.status.show_text("ok", Text("✓", "✓") + connection.headline())
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
            shown = _label(value, "resultValue", self.result)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.result_form.addRow(_label(label, "resultLabel", self.result, wrap=False), shown)


class NamePage(QWidget):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.name = QLineEdit(self)
        self.name.setMaxLength(120)
        self.language = QComboBox(self)
        for code in API_LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.name_field = Field(
            tr("Nama profil", "Profile name"),
            self.name,
            None,
            self,
        )
        self.name_help = _label("", "help", self)
        self.name_field.layout().insertWidget(2, self.name_help)
        self.language_field = Field(
            tr("Bahasa pesan dari Accurate", "Language of Accurate's messages"),
            self.language,
            tr(
                "Bahasa pesan kesalahan dan peringatan yang dikirim Accurate.",
                "The language Accurate writes its error and warning messages in.",
            ),
            self,
        )
        self.kept = _label("", "help", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(self.name_field)
        layout.addWidget(self.language_field)
        layout.addWidget(self.kept)
        layout.addStretch(1)


# --- the dialog -------------------------------------------------------------------------------


def _save(wizard: CredentialsWizard, state: TaskState) -> Profile | None:
    """Worker: the wizard's last step (keyring and profiles.json)."""
    return wizard.finish()


class CredentialsWizardView(QDialog):
    """Connect a company once. Emits `profile_saved(Profile)` and closes when it is saved."""

    profile_saved = Signal(object)  # Profile

    def __init__(
        self, wizard: CredentialsWizard, executor: Executor, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.wizard = wizard
        self.setWindowTitle(TITLE.get())
        self.setObjectName("credentialsWizard")
        self.setStyleSheet(STYLE)
        self.setMinimumSize(640, 520)
        self.resize(720, 540)
        self._check: ConnectionCheck | None = None
        self._runner = TaskRunner(executor, self)
        self._runner.result_ready.connect(self._test_passed)
        self._runner.error_raised.connect(self._test_failed)
        # Saving writes the keyring (which may ask the user to unlock it) and profiles.json:
        # never on the GUI thread.
        self._save_runner = TaskRunner(executor, self)
        self._save_runner.result_ready.connect(self._finished)
        self._save_runner.error_raised.connect(self._finish_crashed)
        self._build()
        self._connect_inputs()
        self._refresh()

    # -- public ----------------------------------------------------------------------------------

    def shutdown(self, timeout: float = SHUTDOWN_WAIT_SECONDS) -> bool:
        """Cancel a running test and wait for its workers (the window is closing)."""
        return all([self._runner.shutdown(timeout), self._save_runner.shutdown(timeout)])

    def go_next(self) -> None:
        if not self.wizard.can_go_next:
            return
        self.wizard.next()
        if self.wizard.page is Page.NAME:
            self.name_page.name.setText(self.wizard.name)
        self._refresh()
        if self.wizard.page is Page.TEST and self.wizard.connection is None:
            self.start_test()

    def go_back(self) -> None:
        if self.wizard.page is Page.TEST:
            self._runner.cancel()
        self.wizard.back()
        self._refresh()

    def start_test(self) -> None:
        self._check = self.wizard.start_test()
        self._runner.start(test_connection, self._check)
        self._refresh()

    @property
    def saving(self) -> bool:
        return self._save_runner.busy

    def finish(self) -> None:
        if not self.wizard.can_finish or self.saving:
            return
        self.setEnabled(False)  # nothing may change the wizard while a worker saves it
        self._save_runner.start(_save, self.wizard)

    def _finished(self, profile: Profile | None) -> None:
        self.setEnabled(True)
        self._refresh()
        if profile is not None:
            self.profile_saved.emit(profile)
            self.accept()

    def _finish_crashed(self, error: BaseException) -> None:
        self.setEnabled(True)
        log.error("saving the profile failed unexpectedly: %s", type(error).__name__)
        self.banner.show_text("error", failure_text(error))

    # -- Qt --------------------------------------------------------------------------------------

    def done(self, result: int) -> None:
        self._runner.cancel()  # a late outcome is dropped; the worker ends on its own
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._runner.cancel()
        super().closeEvent(event)

    # -- building --------------------------------------------------------------------------------

    def _build(self) -> None:
        self.service_page = ServicePage(self)
        self.accurate_form = AccurateForm(self)
        self.sempoa_form = SempoaForm(self)
        self.forms = QStackedWidget(self)
        self.forms.addWidget(self.accurate_form)
        self.forms.addWidget(self.sempoa_form)
        self.test_page = ConnectionPage(self)
        self.name_page = NamePage(self)
        self.pages = QStackedWidget(self)
        for widget in (self.service_page, self.forms, self.test_page, self.name_page):
            self.pages.addWidget(widget)
        self.banner = Banner(self)
        self.notice = Banner(self)

        body = QVBoxLayout()
        body.setContentsMargins(24, 18, 24, 12)
        body.setSpacing(12)
        body.addWidget(self.pages, 1)
        body.addWidget(self.notice)
        body.addWidget(self.banner)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._header())
        layout.addLayout(body, 1)
        layout.addWidget(self._footer())

    def _header(self) -> QWidget:
        header = QWidget(self)
        header.setObjectName("wizardHeader")
        header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title = _label(TITLE, "wizardTitle", header)
        self.subtitle = _label("", "wizardSubtitle", header)
        steps = QHBoxLayout()
        steps.setSpacing(8)
        self.steps: dict[Page, QLabel] = {}
        for number, page in enumerate(PAGES, start=1):
            if number > 1:
                line = QFrame(header)
                line.setObjectName("stepLine")
                line.setFixedSize(24, 1)
                steps.addWidget(line, 0, Qt.AlignmentFlag.AlignVCenter)
            step = _label("", "step", header, wrap=False)
            self.steps[page] = step
            steps.addWidget(step)
        steps.addStretch(1)
        layout = QVBoxLayout(header)
        layout.setContentsMargins(24, 16, 24, 14)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(8)
        layout.addLayout(steps)
        return header

    def _footer(self) -> QWidget:
        footer = QWidget(self)
        footer.setObjectName("wizardFooter")
        footer.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.cancel_button = QPushButton(CANCEL.get(), footer)
        self.back_button = QPushButton(BACK.get(), footer)
        self.next_button = QPushButton(NEXT.get(), footer)
        self.finish_button = QPushButton(FINISH.get(), footer)
        for button in (self.cancel_button, self.back_button):
            button.setAutoDefault(False)
        for button in (self.next_button, self.finish_button):
            button.setObjectName("primaryButton")
        layout = QHBoxLayout(footer)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.addWidget(self.cancel_button)
        layout.addStretch(1)
        layout.addWidget(self.back_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.finish_button)
        self.cancel_button.clicked.connect(self.reject)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.finish_button.clicked.connect(self.finish)
        return footer

    def _connect_inputs(self) -> None:
        wizard = self.wizard
        self.service_page.accurate.radio.toggled.connect(
            lambda chosen: chosen and self._choose("accurate")
        )
        self.service_page.sempoa.radio.toggled.connect(
            lambda chosen: chosen and self._choose("sempoa")
        )
        for form in (self.accurate_form, self.sempoa_form):
            form.token.edit.textEdited.connect(lambda text: self._edited(wizard.set_token, text))
            form.url.textEdited.connect(lambda text: self._edited(wizard.set_url, text))
        self.accurate_form.secret.edit.textEdited.connect(
            lambda text: self._edited(wizard.set_secret, text)
        )
        self.sempoa_form.lines.currentIndexChanged.connect(
            lambda index: wizard.set_sempoa_lines(self.sempoa_form.lines.itemData(index))
        )
        self.name_page.name.textEdited.connect(lambda text: self._edited(wizard.set_name, text))
        self.name_page.language.currentIndexChanged.connect(
            lambda index: wizard.set_language(self.name_page.language.itemData(index))
        )
        self.test_page.again.clicked.connect(self.start_test)

    # -- reacting --------------------------------------------------------------------------------

    def _choose(self, service: str) -> None:
        self.wizard.choose_service(service)  # type: ignore[arg-type]
        form = self._form()
        if not form.url.text():
            form.url.setText(self.wizard.url)
        self._refresh()

    def _edited(self, setter, text: str) -> None:
        setter(text)
        self._refresh()

    def _test_passed(self, connection: Connection) -> None:
        if self._check is not None:
            self.wizard.test_passed(self._check, connection)
        self._refresh()

    def _test_failed(self, error: BaseException) -> None:
        if self._check is not None:
            self.wizard.test_failed(self._check, error)
        self._refresh()

    def _form(self) -> AccurateForm | SempoaForm:
        return self.sempoa_form if self.wizard.service == "sempoa" else self.accurate_form

    def _refresh(self) -> None:
        """Show the wizard as it is now: page, steps, messages, buttons."""
        wizard = self.wizard
        page = wizard.page
        state = wizard.state()
        self.pages.setCurrentIndex(PAGES.index(page))
        self.subtitle.setText(self._subtitle(page).get())
        for position, (step_page, label) in enumerate(self.steps.items()):
            kind = "done" if position < wizard.index else "todo"
            kind = "current" if step_page is page else kind
            mark = "✓" if kind == "done" else str(position + 1)
            label.setText(f"{mark}  {STEP_NAMES[step_page].get()}")
            _restyle(label, "state", kind)
        if page is Page.CREDENTIALS:
            self._show_credentials()
        elif page is Page.TEST:
            self.test_page.show_state(state, wizard.connection, self._target())
        elif page is Page.NAME:
            self._show_name_page()
        # The credentials page shows its problems under each field; the test page in its
        # status box; the others here.
        own_messages = page in (Page.CREDENTIALS, Page.TEST)
        self.banner.show_text("error", None if own_messages else state.error)
        self.notice.show_text("warning", None if page is Page.TEST else state.notice)
        self._show_buttons()

    def _show_credentials(self) -> None:
        form = self._form()
        self.forms.setCurrentWidget(form)
        problems = self.wizard.field_problems()
        form.token_field.show_problem(problems.get("token"))
        form.url_field.show_problem(problems.get("url"))
        if "url" in problems:
            form.advanced.expand()
        if isinstance(form, AccurateForm):
            form.secret_field.show_problem(problems.get("secret"))

    def _show_name_page(self) -> None:
        accurate = self.wizard.service == "accurate"
        self.name_page.language_field.setVisible(accurate)
        kept = (
            tr(
                "API Token dan Signature Secret disimpan di penyimpanan kata sandi sistem "
                "(keyring), tidak pernah di berkas. Profil disimpan di {path}.",
                "The API Token and Signature Secret go to the system password store (keyring), "
                "never to a file. The profile is saved in {path}.",
                path=self.wizard.store.path,
            )
            if accurate
            else tr(
                "Token disimpan di penyimpanan kata sandi sistem (keyring), tidak pernah di "
                "berkas. Profil disimpan di {path}.",
                "The token goes to the system password store (keyring), never to a file. The "
                "profile is saved in {path}.",
                path=self.wizard.store.path,
            )
        )
        self.name_page.kept.setText(kept.get())
        self.name_page.name_help.setText(_name_help(accurate).get())
        self.name_page.name_field.show_problem(None)

    def _show_buttons(self) -> None:
        wizard = self.wizard
        self.back_button.setEnabled(wizard.can_go_back)
        self.next_button.setVisible(not wizard.is_last)
        self.next_button.setEnabled(wizard.can_go_next)
        self.finish_button.setVisible(wizard.is_last)
        self.finish_button.setEnabled(wizard.can_finish)
        default = self.finish_button if wizard.is_last else self.next_button
        default.setDefault(True)

    def _subtitle(self, page: Page) -> Text:
        service = SERVICE_NAMES.get(self.wizard.service or "", "")
        if page is Page.SERVICE:
            return tr(
                "Hubungkan perusahaan sekali; setelah itu Jurnal Desk mengingatnya.",
                "Connect a company once; Jurnal Desk remembers it from then on.",
            )
        if page is Page.CREDENTIALS:
            return tr("Masukkan kredensial {s}.", "Enter the {s} credentials.", s=service)
        if page is Page.TEST:
            return tr(
                "Jurnal Desk mencoba kredensial ini ke {s}.",
                "Jurnal Desk tries these credentials with {s}.",
                s=service,
            )
        return tr(
            "Beri nama perusahaan ini, lalu tekan Selesai.",
            "Name this company, then press Finish.",
        )

    def _target(self) -> Text:
        return tr(
            "Menghubungi {s} di {url}…",
            "Contacting {s} at {url}…",
            s=SERVICE_NAMES.get(self.wizard.service or "", ""),
            url=self.wizard.url,
        )


def _name_help(accurate: bool) -> Text:
    if accurate:
        return tr(
            "Tampil di pilihan perusahaan di atas jendela. Bawaan: nama data usaha di Accurate.",
            "Shown in the company selector at the top of the window. Default: the company's "
            "name in Accurate.",
        )
    return tr(
        "Tampil di pilihan perusahaan di atas jendela. Sempoa tidak menyebut nama "
        'perusahaannya, jadi sebaiknya ganti dengan nama perusahaan, mis. "PT Maju Jaya".',
        "Shown in the company selector at the top of the window. Sempoa does not say the "
        "company's name, so better replace it with the company's name, e.g. \"PT Maju Jaya\".",
    )
