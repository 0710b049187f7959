"""The add-company dialog's word on where the secrets go, and its way out where they cannot.

`SecretsPanel` shows what `app.setup.wizard.secrets_place` found: on a computer with no usable
password store it says what the encrypted secrets file is (a file in the app's folder,
encrypted with a password the user chooses) and offers "Pakai berkas terenkripsi…" right
there; a locked secrets file gets "Buka kunci…". `SecretsPlaceKeeper` asks the store on a
worker when the dialog opens, runs the button's action on a worker (the password typed in
`keyring_dialogs.PasswordDialog`), and asks again afterwards, so the wizard's pages follow
what is true now.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.core.error_text import error_text
from app.core.i18n import Text, tr
from app.profiles.secrets import SecretStore
from app.profiles.store import ProfileStore
from app.setup.wizard.secrets_place import Remedy, SecretsPlace, secrets_place
from app.ui.common.form_widgets import EMPTY, make_label
from app.ui.common.notice_box import restyle
from app.ui.common.tasks import Runners, TaskState
from app.ui.common.words import bind
from app.ui.company.keyring_banner import turn_on_file, unlock_file
from app.ui.company.keyring_dialogs import UNLOCK_ASKING, USE_FILE_ASKING, PasswordDialog

NO_PLACE_TITLE = tr("Kredensial belum bisa disimpan di komputer ini.")
IN_FILE_TITLE = tr("Kredensial disimpan di berkas terenkripsi.")

STYLE = """
#secretsPanel { border-radius: 6px; border: 1px solid #f0d48a; background: #fff8e6; }
#secretsPanel[kind="info"] { border-color: #b6cfee; background: #eef4fb; }
#secretsTitle { font-weight: 600; color: #5c4300; }
#secretsPanel[kind="info"] #secretsTitle { color: #163b66; }
#secretsText { color: #3d2f00; }
#secretsPanel[kind="info"] #secretsText { color: #1f2933; }
"""


def probe_place(store: ProfileStore, state: TaskState) -> SecretsPlace:
    """Worker: where the secrets would go now (a locked keyring may ask to be unlocked)."""
    return secrets_place(store.secrets)


def open_file(
    work: Callable[[SecretStore, str, TaskState], object],
    store: ProfileStore,
    password: str,
    state: TaskState,
) -> SecretsPlace:
    """Worker: turn the encrypted file on or unlock it with `password`, then say where the
    secrets go now, so the wizard can go on the moment the password dialog closes."""
    work(store.secrets, password, state)
    return secrets_place(store.secrets)


class SecretsPanel(QFrame):
    """Where the secrets cannot go yet and the button that helps; or, once the encrypted
    file is in use, which file."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("secretsPanel")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title = make_label("", "secretsTitle", self)
        self.text = make_label("", "secretsText", self)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(self)
        self.button.setObjectName("primaryButton")
        self.button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(6)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(row)
        self.remedy = Remedy.NONE
        self.hide()

    def show_place(self, place: SecretsPlace | None, *, problems_only: bool) -> None:
        """Say what `place` means; with `problems_only`, only a place that is not ready."""
        if place is None or (place.ready and (problems_only or not place.in_file)):
            self.remedy = Remedy.NONE
            self.hide()
            return
        self.remedy = place.remedy
        if place.ready:
            self._show("info", IN_FILE_TITLE, _in_file_text(place))
            self.button.hide()
            return
        self._show("warning", NO_PLACE_TITLE, place.problem or EMPTY)
        label = _BUTTONS.get(place.remedy)
        self.button.setVisible(label is not None)
        if label is not None:
            bind(self.button, label)

    def _show(self, kind: str, title: Text, text: Text) -> None:
        bind(self.title, title)
        bind(self.text, text)
        restyle(self, "kind", kind)
        for label in (self.title, self.text):  # their colours follow the panel's kind
            label.style().unpolish(label)
            label.style().polish(label)
        self.show()


_BUTTONS = {
    Remedy.USE_FILE: USE_FILE_ASKING,
    Remedy.UNLOCK_FILE: UNLOCK_ASKING,
}


def _in_file_text(place: SecretsPlace) -> Text:
    return tr(
        "Token dan Signature Secret perusahaan ini disimpan terenkripsi di {file}, dengan kata "
        "sandi berkas itu.",
        file=place.file,
    )


class SecretsPlaceKeeper(QObject):
    """Asks where the secrets go (on a worker), and turns the encrypted file on or unlocks it
    from the panel's button. `on_place(place)` runs on the GUI thread with each answer, and
    `place_now()` says what the wizard last learnt (its own finish may have asked again)."""

    def __init__(
        self,
        store: ProfileStore,
        runners: Runners,
        panel: SecretsPanel,
        on_place: Callable[[SecretsPlace], None],
        place_now: Callable[[], SecretsPlace | None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._panel = panel
        self._on_place = on_place
        self._place_now = place_now
        self._parent = parent
        self.dialog: PasswordDialog | None = None
        self._probe = runners.new(result=self._asked)
        self._opener = runners.new(result=self._opened, error=self._open_failed)
        panel.button.clicked.connect(self.open_dialog)

    def ask(self) -> None:
        self._probe.start(probe_place, self._store)

    def open_dialog(self) -> PasswordDialog | None:
        """The password dialog for the panel's button (window-modal, no nested loop)."""
        place = self._place_now()
        if place is None or place.file is None or place.remedy is Remedy.NONE:
            return None
        create = place.remedy is Remedy.USE_FILE and not place.file_exists
        dialog = PasswordDialog(place.file, create=create, parent=self._parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        work = turn_on_file if place.remedy is Remedy.USE_FILE else unlock_file
        dialog.submitted.connect(
            lambda password: self._opener.start(open_file, work, self._store, password)
        )
        dialog.finished.connect(lambda _result, shown=dialog: self._forget(shown))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _asked(self, place: SecretsPlace) -> None:
        self._on_place(place)

    def _opened(self, place: SecretsPlace) -> None:
        self._on_place(place)  # the secrets' place has changed: the pages follow at once
        if self.dialog is not None:
            dialog, self.dialog = self.dialog, None
            dialog.accept()

    def _open_failed(self, error: BaseException) -> None:
        if self.dialog is not None:
            self.dialog.show_error(error_text(error))

    def _forget(self, dialog: PasswordDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
