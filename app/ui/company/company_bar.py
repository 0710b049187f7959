"""Which company the window works on, and whether Jurnal Desk can reach it.

`CompanyController` (a QObject without widgets) lists the saved profiles plus the two demo
companies, starts the demo sandbox on a worker the first time a demo company is chosen, and
checks the connection on a worker (`app.setup.session.check_connection`). `CompanyBar` is
the strip at the top of the window that shows it: a company selector, a status line and a
"check again" button.

Pages receive a `CompanySession` (`app.setup.session`): the profile with its secrets, where
its posting history lives, and its one client; they use it on their own workers. The
controller ends a session when another company is chosen or the window closes.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Final

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.api.ratelimit import LimiterRegistry
from app.core.error_text import error_kind, error_text
from app.core.i18n import JurnalError, Text, tr
from app.core.services import service_name
from app.profiles.secrets import SecretsProblem
from app.profiles.store import ProfileStore
from app.setup.demo import DEMO_NAMES, Demo, start_demo
from app.setup.session import CompanySession, ConnectionInfo, check_connection
from app.ui.common import words as texts
from app.ui.common.notice_box import restyle
from app.ui.common.tasks import CLOSE_WAIT_SECONDS, Runners, TaskState, Timeout
from app.ui.common.words import BLANK, bind, retranslate_tree

DemoStarter = Callable[[Path], Demo]
SAVED, DEMO = "profile", "demo"
ADD_COMPANY: Final = tr("Tambah perusahaan…")


# --- plain Python: what is chosen and how to reach it ---------------------------------------


@dataclass(frozen=True, slots=True)
class CompanyEntry:
    """One line of the company selector."""

    name: str
    service: str  # "accurate" or "sempoa"
    demo: bool

    @property
    def key(self) -> str:
        return f"{DEMO if self.demo else SAVED}:{self.name}"

    @property
    def label(self) -> str:
        return self.name if self.demo else f"{self.name} — {service_name(self.service)}"


DEMO_ENTRIES: Final = (
    CompanyEntry(DEMO_NAMES[0], "accurate", True),
    CompanyEntry(DEMO_NAMES[1], "sempoa", True),
)


def open_demo(starter: DemoStarter, home: Path, state: TaskState) -> Demo:
    """Worker: start the demo sandbox (it binds ports: never on the GUI thread)."""
    state.check()
    return starter(home)


class StatusKind(StrEnum):
    IDLE = "idle"
    BUSY = "busy"
    OK = "ok"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Status:
    kind: StatusKind
    text: Text


def connected_text(info: ConnectionInfo, *, demo: bool) -> Text:
    line = tr(
        "Terhubung ke {c} · {h} · {u}",
        c=info.company,
        h=info.host,
        u=info.user or tr("token diterima"),
    )
    if demo:
        line = line + tr("(sandbox lokal; data demo hilang saat aplikasi ditutup)")
    return line


def failure_text(error: BaseException) -> Text:
    """The status line for a failed connection: what happened and what to do."""
    return error_text(
        error,
        lambda kind: tr(
            "Koneksi gagal ({kind}). Periksa jaringan, lalu tekan Periksa koneksi.",
            kind=kind,
        ),
    )


def demo_failure_text(error: BaseException) -> Text:
    reason = error_kind(error)
    return tr(
        "Mode demo tidak bisa dimulai: {reason}. Tutup lalu buka lagi Jurnal Desk; bila tetap "
        "gagal, pilih perusahaan Anda sendiri.",
        reason=reason,
    )


# --- the controller ---------------------------------------------------------------------------


class CompanyController(QObject):
    """Chooses the company, starts the demo when needed, checks the connection."""

    entries_changed = Signal(object)  # list[CompanyEntry]
    session_changed = Signal(object)  # CompanySession | None
    status_changed = Signal(object)  # Status
    problem_changed = Signal(object)  # Text | None: the saved profiles cannot be read
    # A saved company's secrets cannot be read: its name and the SecretsProblem. The
    # controller has moved to the demo company; the window's keyring banner explains.
    secrets_unreadable = Signal(str, object)

    def __init__(
        self,
        *,
        home: Path,
        store: ProfileStore,
        executor: Executor,
        limiters: LimiterRegistry,
        demo_starter: DemoStarter = start_demo,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._home = home
        self._store = store
        self._limiters = limiters
        self._demo_starter = demo_starter
        self._demo: Demo | None = None
        self._entries: list[CompanyEntry] = []
        self._selected: CompanyEntry | None = None
        self._session: CompanySession | None = None
        self._status = Status(StatusKind.IDLE, BLANK)
        self._problem: Text | None = None
        self._runners = Runners(executor, self)
        self._demo_runner = self._runners.new(result=self._demo_ready, error=self._demo_failed)
        self._check_runner = self._runners.new(result=self._connected, error=self._not_connected)

    # -- state -------------------------------------------------------------------------------

    @property
    def entries(self) -> list[CompanyEntry]:
        return list(self._entries)

    @property
    def selected(self) -> CompanyEntry | None:
        return self._selected

    @property
    def session(self) -> CompanySession | None:
        return self._session

    @property
    def status(self) -> Status:
        return self._status

    @property
    def problem(self) -> Text | None:
        """Why the saved profiles are missing from the list, if they cannot be read."""
        return self._problem

    @property
    def demo(self) -> Demo | None:
        return self._demo

    @property
    def busy(self) -> bool:
        return self._runners.busy

    # -- actions -----------------------------------------------------------------------------

    def load(self, select: str | None = None, *, prefer: str = "") -> None:
        """Read the saved profiles and select the default company: the saved profile named
        `select` (one just added), else the one whose key is `prefer` (the last one used),
        else the first saved profile, or the demo Accurate company when there is none (so the
        app works with no account)."""
        saved, self._problem = self._saved_entries()
        self.problem_changed.emit(self._problem)
        self._entries = [*saved, *DEMO_ENTRIES]
        self.entries_changed.emit(self.entries)
        chosen = next((entry for entry in saved if entry.name == select), None)
        chosen = chosen or next((entry for entry in self._entries if entry.key == prefer), None)
        default = chosen or (saved[0] if saved else DEMO_ENTRIES[0])
        self.select(default.key)

    def select(self, key: str) -> None:
        entry = next((e for e in self._entries if e.key == key), None)
        if entry is None or entry == self._selected:
            return
        self._selected = entry
        self._check_runner.cancel()
        self._set_session(None)
        if entry.demo:
            self._open_demo_company(entry)
        else:
            self._open_saved_company(entry)

    def recheck(self) -> None:
        if self._session is not None:
            self._start_check(self._session)
        elif self._selected is not None and self._selected.demo and not self._demo_runner.busy:
            self._open_demo_company(self._selected)

    def shutdown(self, timeout: Timeout = CLOSE_WAIT_SECONDS) -> None:
        """Stop the workers (within `timeout` for both), end the company's session and stop
        the demo sandbox (the window is closing)."""
        self._runners.shutdown(timeout)
        if self._session is not None:
            self._session.end()
        if self._demo is not None:
            self._demo.stop()

    # -- internals ---------------------------------------------------------------------------

    def _saved_entries(self) -> tuple[list[CompanyEntry], Text | None]:
        try:
            profiles = self._store.list()
        except JurnalError as error:
            return [], error.text
        return [CompanyEntry(p.name, p.service, False) for p in profiles], None

    def _open_saved_company(self, entry: CompanyEntry) -> None:
        try:
            profile = self._store.get(entry.name)
        except JurnalError as error:
            self._set_status(StatusKind.ERROR, error.text)
            return
        session = CompanySession(profile, self._store.secrets, self._home, store=self._store)
        self._set_session(session)
        self._start_check(session)

    def _open_demo_company(self, entry: CompanyEntry) -> None:
        if self._demo is not None:
            self._set_demo_session(entry)
            return
        self._set_status(
            StatusKind.BUSY,
            tr("Menyiapkan perusahaan demo…"),
        )
        if not self._demo_runner.busy:
            self._demo_runner.start(open_demo, self._demo_starter, self._home, discard=Demo.stop)

    def _set_demo_session(self, entry: CompanyEntry) -> None:
        assert self._demo is not None
        demo = self._demo
        session = CompanySession(
            demo.profile(entry.name), demo.secrets, demo.outbox_home, demo=demo
        )
        self._set_session(session)
        self._start_check(session)

    def _demo_ready(self, demo: Demo) -> None:
        self._demo = demo
        if self._selected is not None and self._selected.demo:
            self._set_demo_session(self._selected)

    def _demo_failed(self, error: BaseException) -> None:
        if self._selected is not None and self._selected.demo:
            self._set_status(StatusKind.ERROR, demo_failure_text(error))

    def _start_check(self, session: CompanySession) -> None:
        self._set_status(
            StatusKind.BUSY,
            tr("Menghubungi {c}…", c=session.profile.name),
        )
        self._check_runner.start(check_connection, session, self._limiters)

    def _connected(self, info: ConnectionInfo) -> None:
        demo = self._session is not None and self._session.is_demo
        self._set_status(StatusKind.OK, connected_text(info, demo=demo))

    def _not_connected(self, error: BaseException) -> None:
        session = self._session
        if isinstance(error, SecretsProblem) and session is not None and not session.is_demo:
            # Better the demo than a company nothing can be done with; the banner offers to
            # fix or remove it.
            self.secrets_unreadable.emit(session.profile.name, error)
            self.select(DEMO_ENTRIES[0].key)
            return
        self._set_status(StatusKind.ERROR, failure_text(error))

    def _set_session(self, session: CompanySession | None) -> None:
        if session is None and self._session is None:
            return
        if self._session is not None:
            self._session.end()
        self._session = session
        self.session_changed.emit(session)

    def _set_status(self, kind: StatusKind, text: Text) -> None:
        self._status = Status(kind, text)
        self.status_changed.emit(self._status)


# --- the strip at the top of the window -------------------------------------------------------

STYLE: Final = """
#companyBar { background: #ffffff; border-bottom: 1px solid #d9dde3; }
#companyLabel { font-weight: 600; }
#statusLine[kind="ok"] { color: #1e6b35; }
#statusLine[kind="error"] { color: #b3261e; }
#statusLine[kind="busy"] { color: #6b5900; }
#problemLine { color: #b3261e; }
"""

_DOTS: Final = {
    StatusKind.IDLE: "#9aa0a6",
    StatusKind.BUSY: "#e0a100",
    StatusKind.OK: "#1e8e3e",
    StatusKind.ERROR: "#d93025",
}


class CompanyBar(QWidget):
    """Company selector, connection status and a button to check again."""

    def __init__(self, controller: CompanyController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("companyBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.controller = controller
        self.combo = QComboBox(self)
        self.combo.setObjectName("companyCombo")
        self.combo.setMinimumContentsLength(28)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.check_button = QPushButton(self)
        bind(self.check_button, texts.CHECK_AGAIN)
        self.add_button = QPushButton(self)  # the main window opens the wizard
        bind(self.add_button, ADD_COMPANY)
        self.dot = QLabel(self)
        self.dot.setFixedWidth(14)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("statusLine")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("problemLine")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._build()
        self.setStyleSheet(STYLE)  # once built: its widgets' look is worked out once
        self.combo.activated.connect(self._chosen)
        self.check_button.clicked.connect(controller.recheck)
        controller.entries_changed.connect(self._fill)
        controller.session_changed.connect(lambda _session: self._sync_selection())
        controller.status_changed.connect(self._show_status)
        # A company chosen before its session exists (the demo starting) is shown at once.
        controller.status_changed.connect(lambda _status: self._sync_selection())
        controller.problem_changed.connect(self._show_problem)
        self._fill(controller.entries)
        self._show_status(controller.status)
        self._show_problem(controller.problem)

    def _build(self) -> None:
        label = QLabel(self)
        bind(label, texts.COMPANY)
        label.setObjectName("companyLabel")
        label.setBuddy(self.combo)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.combo)
        top.addWidget(self.add_button)
        top.addStretch(1)
        top.addWidget(self.check_button)
        status = QHBoxLayout()
        status.addWidget(self.dot, 0, Qt.AlignmentFlag.AlignTop)
        status.addWidget(self.status_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(status)
        layout.addWidget(self.problem_label)

    def retranslate(self) -> None:
        """Every text in the language now chosen."""
        retranslate_tree(self)
        self._show_status(self.controller.status)
        self._show_problem(self.controller.problem)

    def _fill(self, entries: list[CompanyEntry]) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        saved = [entry for entry in entries if not entry.demo]
        for entry in saved:
            self.combo.addItem(entry.label, entry.key)
        if saved:
            self.combo.insertSeparator(self.combo.count())
        for entry in entries:
            if entry.demo:
                self.combo.addItem(entry.label, entry.key)
        self.combo.blockSignals(False)
        self._sync_selection()

    def _sync_selection(self) -> None:
        selected = self.controller.selected
        index = self.combo.findData(selected.key) if selected is not None else -1
        if index >= 0 and index != self.combo.currentIndex():
            self.combo.blockSignals(True)
            self.combo.setCurrentIndex(index)
            self.combo.blockSignals(False)

    def _chosen(self, index: int) -> None:
        key = self.combo.itemData(index)
        if isinstance(key, str):
            self.controller.select(key)

    def _show_problem(self, problem: Text | None) -> None:
        self.problem_label.setText(problem.get() if problem is not None else "")
        self.problem_label.setVisible(problem is not None)

    def _show_status(self, status: Status) -> None:
        self.status_label.setText(status.text.get())
        restyle(self.status_label, "kind", status.kind.value)
        color = _DOTS[status.kind]
        self.dot.setText(f'<span style="color:{color}; font-size:14px">●</span>')
        self.check_button.setEnabled(status.kind is not StatusKind.BUSY)
