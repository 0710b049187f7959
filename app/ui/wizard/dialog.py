"""The "add a company" dialog: a thin Qt skin over `app.setup.wizard.flow.CredentialsWizard`.

Every rule (what is valid, when the user may go on, what is saved) lives in the wizard; this
view forwards what is typed, shows each page's `PageState`, and runs the connection test on a
worker through a `TaskRunner` (never on the GUI thread). Qt has no Indonesian translation of
its own wizard buttons, so the buttons are plain push buttons labelled here. The pages are in
`wizard_pages`, their building blocks and style sheet in `wizard_widgets`; where the secrets
go (asked on a worker as the dialog opens) and the encrypted file offered where there is no
password store, in `wizard_secrets`.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from concurrent.futures import Executor
from typing import Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.i18n import Text, ctr, tr
from app.core.services import service_name
from app.profiles.profile import Service
from app.profiles.store import Profile
from app.setup.wizard.connection_test import Connection, ConnectionCheck, test_connection
from app.setup.wizard.credential_checks import save_failed_text
from app.setup.wizard.flow import CredentialsWizard
from app.setup.wizard.secrets_place import SecretsPlace, destination_text
from app.setup.wizard.steps import PAGES, Page
from app.ui.common.form_widgets import STYLE, Banner, make_label
from app.ui.common.notice_box import restyle
from app.ui.common.tasks import CLOSE_WAIT_SECONDS, Runners, TaskState, Timeout
from app.ui.common.words import bind, retranslate_tree
from app.ui.wizard.pages import (
    AccurateForm,
    BranchPage,
    ConnectionPage,
    NamePage,
    SempoaForm,
    ServicePage,
)
from app.ui.wizard.secrets_place import STYLE as SECRETS_STYLE
from app.ui.wizard.secrets_place import SecretsPanel, SecretsPlaceKeeper

log = logging.getLogger(__name__)


TITLE = tr("Tambah perusahaan")
BACK = tr("Kembali")
NEXT = tr("Lanjut")
FINISH = tr("Selesai")
CANCEL = tr("Batal")

STEP_NAMES: Final[dict[Page, Text]] = {
    Page.SERVICE: tr("Layanan"),
    Page.CREDENTIALS: tr("Kredensial"),
    Page.TEST: tr("Uji koneksi"),
    Page.BRANCH: ctr("nama langkah: satu cabang", "Cabang"),
    Page.NAME: tr("Nama profil"),
}


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
        bind(self, TITLE, "setWindowTitle")
        self.setObjectName("credentialsWizard")
        self.setStyleSheet(STYLE + SECRETS_STYLE)
        self.setMinimumSize(640, 520)
        self.resize(720, 540)
        self._check: ConnectionCheck | None = None
        self._runners = Runners(executor, self)
        self._runner = self._runners.new(result=self._test_passed, error=self._test_failed)
        # Saving writes the keyring (which may ask the user to unlock it) and profiles.json:
        # never on the GUI thread.
        self._save_runner = self._runners.new(result=self._finished, error=self._finish_crashed)
        self._build()
        # Where the secrets go: said on the first page, before a token is typed that could
        # not be saved, with the encrypted file offered there where no store works.
        self.secrets = SecretsPlaceKeeper(
            wizard.store,
            self._runners,
            self.secrets_panel,
            self._keyring_checked,
            lambda: self.wizard.secrets_place,
            self,
        )
        self._connect_inputs()
        self._refresh()
        self.secrets.ask()

    # -- public ----------------------------------------------------------------------------------

    def shutdown(self, timeout: Timeout = CLOSE_WAIT_SECONDS) -> bool:
        """Cancel running tasks and wait for their workers (the window is closing; within
        `timeout` for all)."""
        return self._runners.shutdown(timeout)

    def retranslate(self) -> None:
        """Every text in the language now chosen; what was typed stays."""
        retranslate_tree(self)
        self._refresh()

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
        self.banner.show_text("error", save_failed_text(error))

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
        self.branch_page = BranchPage(self)
        self.name_page = NamePage(self)
        self.pages = QStackedWidget(self)
        widgets = (self.service_page, self.forms, self.test_page, self.branch_page, self.name_page)
        for widget in widgets:  # in the order of PAGES
            self.pages.addWidget(widget)
        self.banner = Banner(self)
        self.notice = Banner(self)
        self.secrets_panel = SecretsPanel(self)

        body = QVBoxLayout()
        body.setContentsMargins(24, 18, 24, 12)
        body.setSpacing(12)
        body.addWidget(self.pages, 1)
        body.addWidget(self.secrets_panel)
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
        self.title = make_label(TITLE, "wizardTitle", header)
        self.subtitle = make_label("", "wizardSubtitle", header)
        steps = QHBoxLayout()
        steps.setSpacing(8)
        self.steps: dict[Page, QLabel] = {}
        self._step_lines: dict[Page, QFrame] = {}  # the line before each step but the first
        for number, page in enumerate(PAGES, start=1):
            if number > 1:
                line = QFrame(header)
                line.setObjectName("stepLine")
                line.setFixedSize(24, 1)
                steps.addWidget(line, 0, Qt.AlignmentFlag.AlignVCenter)
                self._step_lines[page] = line
            step = make_label("", "step", header, wrap=False)
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
        self.cancel_button = QPushButton(footer)
        self.back_button = QPushButton(footer)
        self.next_button = QPushButton(footer)
        self.finish_button = QPushButton(footer)
        for button, text in (
            (self.cancel_button, CANCEL),
            (self.back_button, BACK),
            (self.next_button, NEXT),
            (self.finish_button, FINISH),
        ):
            bind(button, text)
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
        accurate, sempoa = self.service_page.accurate.radio, self.service_page.sempoa.radio
        accurate.toggled.connect(functools.partial(self._service_toggled, "accurate"))
        sempoa.toggled.connect(functools.partial(self._service_toggled, "sempoa"))
        for form in (self.accurate_form, self.sempoa_form):
            form.token.edit.textEdited.connect(lambda text: self._edited(wizard.set_token, text))
            form.url.textEdited.connect(lambda text: self._edited(wizard.set_url, text))
        self.accurate_form.secret.edit.textEdited.connect(
            lambda text: self._edited(wizard.set_secret, text)
        )
        self.sempoa_form.lines.currentIndexChanged.connect(
            lambda index: wizard.set_sempoa_lines(self.sempoa_form.lines.itemData(index))
        )
        # The selection, not the current item: Qt makes the first item current on focus,
        # and no branch may be chosen for the user.
        self.branch_page.branches.itemSelectionChanged.connect(self._branch_chosen)
        self.name_page.name.textEdited.connect(lambda text: self._edited(wizard.set_name, text))
        self.name_page.language.currentIndexChanged.connect(
            lambda index: wizard.set_language(self.name_page.language.itemData(index))
        )
        self.test_page.again.clicked.connect(self.start_test)

    # -- reacting --------------------------------------------------------------------------------

    def _service_toggled(self, service: Service, chosen: bool) -> None:
        if chosen:  # (the radio button left is toggled too)
            self._choose(service)

    def _choose(self, service: Service) -> None:
        self.wizard.choose_service(service)
        form = self._form()
        if not form.url.text():
            form.url.setText(self.wizard.url)
        self._refresh()

    def _edited(self, setter: Callable[[str], object], text: str) -> None:
        setter(text)
        self._refresh()

    def _branch_chosen(self) -> None:
        selected = self.branch_page.branches.selectedItems()
        if selected and selected[0].text() in self.wizard.branch_choices:
            self.wizard.choose_branch(selected[0].text())
        self._refresh()

    def _keyring_checked(self, place: SecretsPlace) -> None:
        self.wizard.keyring_checked(place)
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
        bind(self.subtitle, self._subtitle(page))
        self._show_steps()
        if page is Page.CREDENTIALS:
            self._show_credentials()
        elif page is Page.TEST:
            self.test_page.show_state(state, wizard.connection, self._target())
        elif page is Page.BRANCH:
            self.branch_page.show_choices(wizard.connection, wizard.branch)
        elif page is Page.NAME:
            self._show_name_page()
        # Where the secrets go: on the first page, and on the last where they cannot go yet.
        if page in (Page.SERVICE, Page.NAME):
            place = wizard.secrets_place
            self.secrets_panel.show_place(place, problems_only=page is Page.NAME)
        else:
            self.secrets_panel.hide()
        # The credentials page shows its problems under each field; the test page in its
        # status box; the first page's keyring problem is the panel's; the others here.
        own_messages = page in (Page.CREDENTIALS, Page.TEST) or (
            page is Page.SERVICE and self.secrets_panel.isVisibleTo(self)
        )
        self.banner.show_text("error", None if own_messages else state.error)
        self.notice.show_text("warning", None if page is Page.TEST else state.notice)
        self._show_buttons()

    def _show_steps(self) -> None:
        """The steps of this flow, numbered; the branch step only where it is needed."""
        flow = self.wizard.pages
        for step_page, label in self.steps.items():
            shown = step_page in flow
            label.setVisible(shown)
            if step_page in self._step_lines:
                self._step_lines[step_page].setVisible(shown)
            if not shown:
                continue
            position = flow.index(step_page)
            kind = "done" if position < self.wizard.index else "todo"
            kind = "current" if step_page is self.wizard.page else kind
            mark = "✓" if kind == "done" else str(position + 1)
            label.setText(f"{mark}  {STEP_NAMES[step_page].get()}")
            restyle(label, "state", kind)

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
        place = self.wizard.secrets_place
        bind(self.name_page.kept, destination_text(place, accurate, self.wizard.store.path))
        bind(self.name_page.name_help, _name_help(accurate))
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
        service = service_name(self.wizard.service or "")
        if page is Page.SERVICE:
            return tr("Hubungkan perusahaan sekali; setelah itu Jurnal Desk mengingatnya.")
        if page is Page.CREDENTIALS:
            return tr("Masukkan kredensial {s}.", s=service)
        if page is Page.TEST:
            return tr(
                "Jurnal Desk mencoba kredensial ini ke {s}.",
                s=service,
            )
        if page is Page.BRANCH:
            return tr("Pilih cabang tujuan jurnal yang tidak menyebut cabang.")
        return tr("Beri nama perusahaan ini, lalu tekan Selesai.")

    def _target(self) -> Text:
        return tr(
            "Menghubungi {s} di {url}…",
            s=service_name(self.wizard.service or ""),
            url=self.wizard.url,
        )


def _name_help(accurate: bool) -> Text:
    if accurate:
        return tr(
            "Tampil di pilihan perusahaan di atas jendela. Bawaan: nama data usaha di Accurate."
        )
    return tr(
        "Tampil di pilihan perusahaan di atas jendela. Sempoa tidak menyebut nama "
        'perusahaannya, jadi sebaiknya ganti dengan nama perusahaan, mis. "PT Maju Jaya".'
    )
