"""Keyring trouble, handled in the window.

When the selected company's secrets cannot be read, the window works on the demo company
(`CompanyController` falls back to it) and this banner, under the company strip, says why and
offers what can be done: enter the credentials again, remove the company, unlock the
encrypted secrets file, or turn that file on for a machine with no password store at all.

`KeyringBanner` is the widget; `KeyringDoctor` runs its actions: every password-store call on
a worker (`TaskRunner`), every question in a dialog opened without a nested event loop. The
secrets file's password is asked at start when the file is in use and still locked.
"""

from __future__ import annotations

import logging
from concurrent.futures import Executor
from typing import Final, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.error_text import error_text
from app.core.i18n import Text, tr
from app.profiles import keyring_words as keyring_texts
from app.profiles.secrets import (
    KeyringUnavailable,
    SecretsFileDamaged,
    SecretsFileLocked,
    SecretsProblem,
    SecretStore,
)
from app.profiles.store import Profile, ProfileStore
from app.setup.wizard.credential_checks import save_failed_text
from app.ui.common import words as texts
from app.ui.common.dialogs import ask
from app.ui.common.notice_box import restyle
from app.ui.common.tasks import CLOSE_WAIT_SECONDS, Runners, TaskState, Timeout
from app.ui.common.words import bind
from app.ui.company.keyring_dialogs import (
    UNLOCK_ASKING,
    USE_FILE_ASKING,
    CredentialsDialog,
    PasswordDialog,
)

# The dialog being opened: a password or a credentials dialog, returned as it was given.
OpenedDialog = TypeVar("OpenedDialog", PasswordDialog, CredentialsDialog)

log = logging.getLogger(__name__)

FIX = tr("Masukkan lagi kredensial…")
REMOVE = tr("Hapus perusahaan…")

STYLE: Final = """
#keyringBanner { background: #fff8e6; border: none; border-bottom: 1px solid #f0d48a; }
#keyringBanner[kind="info"] { background: #eef4fb; border-bottom-color: #b6cfee; }
#keyringTitle { font-weight: 600; color: #5c4300; }
#keyringBanner[kind="info"] #keyringTitle { color: #163b66; }
#keyringText { color: #3d2f00; }
#keyringPrimary { background: #1f5fa8; color: white; border: 1px solid #184c87;
                  border-radius: 4px; padding: 4px 12px; font-weight: 600; }
#keyringBanner[kind="info"] #keyringText { color: #1f2933; }
"""


# --- worker functions (plain Python) ----------------------------------------------------------


def unlock_file(secrets: SecretStore, password: str, state: TaskState) -> None:
    secrets.unlock_file(password)


def turn_on_file(secrets: SecretStore, password: str, state: TaskState) -> bool:
    return secrets.use_file(password)


def save_credentials(
    secrets: SecretStore, profile: Profile, token: str, secret: str, state: TaskState
) -> str:
    secrets.set_token(profile.name, token)
    if profile.service == "accurate":
        secrets.set_secret(profile.name, secret)
    return profile.name


def remove_company(
    store: ProfileStore, name: str, state: TaskState
) -> tuple[Profile, SecretsProblem | None]:
    return store.remove_anyway(name)


# --- the banner -------------------------------------------------------------------------------


class KeyringBanner(QFrame):
    """What went wrong with the password store, and a button for each way out."""

    fix_requested = Signal(str)
    remove_requested = Signal(str)
    unlock_requested = Signal()
    use_file_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keyringBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(STYLE)
        self.profile_name: str | None = None
        self.problem: SecretsProblem | None = None
        self.title = QLabel(self)
        self.title.setObjectName("keyringTitle")
        self.title.setWordWrap(True)
        self.text = QLabel(self)
        self.text.setObjectName("keyringText")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fix_button = QPushButton(self)
        bind(self.fix_button, FIX)
        self.remove_button = QPushButton(self)
        bind(self.remove_button, REMOVE)
        self.unlock_button = QPushButton(self)
        bind(self.unlock_button, UNLOCK_ASKING)
        self.use_file_button = QPushButton(self)
        bind(self.use_file_button, USE_FILE_ASKING)
        self.use_file_button.setObjectName("keyringPrimary")
        self.close_button = QPushButton(self)
        bind(self.close_button, texts.CLOSE)
        buttons = QHBoxLayout()
        for button in (
            self.fix_button,
            self.unlock_button,
            self.use_file_button,
            self.remove_button,
        ):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.fix_button.clicked.connect(lambda: self._for_company(self.fix_requested))
        self.remove_button.clicked.connect(lambda: self._for_company(self.remove_requested))
        self.unlock_button.clicked.connect(self.unlock_requested)
        self.use_file_button.clicked.connect(self.use_file_requested)
        self.close_button.clicked.connect(self.clear)
        self.hide()

    def show_problem(
        self, profile_name: str | None, problem: SecretsProblem, *, file_in_use: bool
    ) -> None:
        """Say why `profile_name`'s secrets (or, with None, the secrets file) cannot be read,
        and show the buttons that can help with this kind of problem."""
        self.profile_name, self.problem = profile_name, problem
        if profile_name is not None:
            title = tr(
                "Kredensial '{name}' tidak bisa dibaca, jadi Jurnal Desk memakai perusahaan demo.",
                name=profile_name,
            )
        else:
            title = tr("Berkas rahasia terenkripsi masih terkunci.")
        locked = isinstance(problem, SecretsFileLocked)
        no_store = isinstance(problem, KeyringUnavailable) and not isinstance(
            problem, SecretsFileLocked | SecretsFileDamaged
        )
        self._show("warning", title, problem.text)
        # With no store at all, entering the credentials again could only fail: the file
        # comes first (and then asks for them).
        self.fix_button.setVisible(profile_name is not None and not locked and not no_store)
        self.remove_button.setVisible(profile_name is not None)
        self.unlock_button.setVisible(locked)
        self.use_file_button.setVisible(no_store and not file_in_use)

    def show_note(self, title: Text, text: Text) -> None:
        """Something worth reading after an action (a keyring entry that may remain)."""
        self.profile_name, self.problem = None, None
        self._show("info", title, text)
        for button in (
            self.fix_button,
            self.remove_button,
            self.unlock_button,
            self.use_file_button,
        ):
            button.hide()

    def clear(self) -> None:
        self.profile_name, self.problem = None, None
        self.hide()

    def _show(self, kind: str, title: Text, text: Text) -> None:
        bind(self.title, title)  # set again on a language switch
        bind(self.text, text)
        restyle(self, "kind", kind)
        self.show()

    def _for_company(self, signal: SignalInstance) -> None:
        if self.profile_name is not None:
            signal.emit(self.profile_name)


# --- the actions ------------------------------------------------------------------------------


class KeyringDoctor(QObject):
    """Runs the banner's actions. Emits `companies_changed(name | None)` when the company
    list should be read again (and `name`, when given, selected)."""

    companies_changed = Signal(object)  # str | None

    def __init__(
        self,
        store: ProfileStore,
        executor: Executor,
        banner: KeyringBanner,
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.store = store
        self.banner = banner
        self._window = window
        self.dialog: PasswordDialog | CredentialsDialog | None = None
        self.question: QMessageBox | None = None  # the open "remove?" question
        self._unlocking: PasswordDialog | None = None  # the open "unlock the file?" question
        # A company's secrets unreadable while that question is open: told only if declined.
        self._held: tuple[str, SecretsProblem] | None = None
        self._runners = Runners(executor, self)
        new = self._runners.new
        self._unlock = new(result=self._unlocked, error=self._dialog_failed)
        self._file = new(result=self._file_on, error=self._dialog_failed)
        self._fix = new(result=self._fixed, error=self._fix_failed)
        self._remove = new(result=self._removed, error=self._remove_failed)
        banner.fix_requested.connect(self.fix)
        banner.remove_requested.connect(self.remove)
        banner.unlock_requested.connect(self.unlock)
        banner.use_file_requested.connect(self.use_file)

    @property
    def secrets(self) -> SecretStore:
        return self.store.secrets

    # -- entry points ----------------------------------------------------------------------------

    def secrets_unreadable(self, profile_name: str, problem: SecretsProblem) -> None:
        """The selected company's secrets could not be read (the window is on the demo)."""
        log.info("secrets of a saved company unreadable: %s", type(problem).__name__)
        if isinstance(problem, SecretsFileLocked) and self._unlocking is not None:
            self._held = (profile_name, problem)  # the open question may still unlock it
            return
        self.banner.show_problem(profile_name, problem, file_in_use=self.secrets.uses_file())

    def ask_to_unlock_if_locked(self) -> PasswordDialog | None:
        """At start: the secrets file is in use and waits for its password."""
        if not self.secrets.file_locked():
            return None
        return self.unlock()

    def unlock(self) -> PasswordDialog:
        dialog = self._open(PasswordDialog(self.secrets.secrets_file(), create=False))
        dialog.submitted.connect(
            lambda password: self._unlock.start(unlock_file, self.secrets, password)
        )
        dialog.rejected.connect(self._unlock_declined)
        dialog.finished.connect(lambda _result: self._unlock_closed(dialog))
        self._unlocking = dialog
        return dialog

    def use_file(self) -> PasswordDialog:
        create = not self.secrets.secrets_file_exists()
        dialog = self._open(PasswordDialog(self.secrets.secrets_file(), create=create))
        dialog.submitted.connect(
            lambda password: self._file.start(turn_on_file, self.secrets, password)
        )
        return dialog

    def fix(self, profile_name: str) -> CredentialsDialog | None:
        try:
            profile = self.store.get(profile_name)
        except Exception as error:  # removed meanwhile, or profiles.json unreadable
            log.info("company to fix not found: %s", type(error).__name__)
            self.banner.clear()
            self.companies_changed.emit(None)
            return None
        dialog = self._open(CredentialsDialog(profile))
        dialog.submitted.connect(
            lambda token, secret: self._fix.start(
                save_credentials, self.secrets, profile, token, secret
            )
        )
        return dialog

    def remove(self, profile_name: str) -> QMessageBox:
        question = tr(
            "Hapus perusahaan '{name}' dari Jurnal Desk? Riwayat postingnya tetap ada; untuk "
            "memakainya lagi, tambahkan perusahaan itu lagi.",
            name=profile_name,
        )

        def remove_it() -> None:
            self._remove.start(remove_company, self.store, profile_name)

        self.question = ask(
            self._window,
            tr("Hapus perusahaan"),
            question,
            tr("Hapus"),
            tr("Batal"),
            remove_it,
        )
        return self.question

    def file_unlocked_elsewhere(self) -> None:
        """Another page opened the secrets file (the Many companies page asks for its
        password before it posts): the company that waited for it is read again."""
        if isinstance(self.banner.problem, SecretsFileLocked):
            self._unlocked(None)

    def shutdown(self, timeout: Timeout = CLOSE_WAIT_SECONDS) -> bool:
        return self._runners.shutdown(timeout)

    # -- outcomes --------------------------------------------------------------------------------

    def _unlocked(self, _result: None) -> None:
        self._held = None  # the company is read again, from the unlocked file
        self._close_dialog()
        self.banner.clear()
        self.companies_changed.emit(None)

    def _unlock_declined(self) -> None:
        held, self._held = self._held, None
        if not self.secrets.file_locked() or self.banner.isVisible():
            return
        if held is not None:
            self.banner.show_problem(*held, file_in_use=True)
        else:
            problem = SecretsFileLocked(self.secrets.secrets_file())
            self.banner.show_problem(None, problem, file_in_use=True)

    def _unlock_closed(self, dialog: PasswordDialog) -> None:
        if self._unlocking is dialog:
            self._unlocking = None

    def _file_on(self, _created: bool) -> None:
        self._close_dialog()
        waiting = self.banner.profile_name
        self.banner.clear()
        if waiting is not None:
            self.fix(waiting)  # the new file does not hold that company's credentials yet
        else:
            self.companies_changed.emit(None)

    def _dialog_failed(self, error: BaseException) -> None:
        if self.dialog is not None:
            self.dialog.show_error(error_text(error))

    def _fixed(self, profile_name: str) -> None:
        self._close_dialog()
        self.banner.clear()
        self.companies_changed.emit(profile_name)

    def _fix_failed(self, error: BaseException) -> None:
        if self.dialog is not None:
            self.dialog.show_error(save_failed_text(error))

    def _removed(self, outcome: tuple[Profile, SecretsProblem | None]) -> None:
        removed, left = outcome
        if left is None:
            self.banner.clear()
        else:
            title = tr("Perusahaan dihapus.")
            self.banner.show_note(title, keyring_texts.entry_may_remain(removed.name, left.text))
        self.companies_changed.emit(None)

    def _remove_failed(self, error: BaseException) -> None:
        self.banner.show_note(tr("Perusahaan tidak dihapus."), error_text(error))

    # -- internals -------------------------------------------------------------------------------

    def _open(self, dialog: OpenedDialog) -> OpenedDialog:
        self._close_dialog()
        dialog.setParent(self._window, dialog.windowFlags())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result, shown=dialog: self._forget(shown))
        self.dialog = dialog
        dialog.open()  # window-modal, without a nested event loop
        return dialog

    def _forget(self, dialog: PasswordDialog | CredentialsDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            dialog, self.dialog = self.dialog, None
            dialog.accept()
