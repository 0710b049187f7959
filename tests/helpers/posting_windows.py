"""The posting window under test: making it, answering it, running it to the end."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.core.books.journal import JournalEntry
from app.sandbox import Faults, Sandbox
from app.setup.connect import company_for
from app.setup.demo import Demo, start_demo
from app.ui.posting.window import (
    PostingView,
    session_company,
)

WAIT_MS = 20_000  # generous: the machine is shared; every wait still ends


STOP_WAIT = 10.0


class Session:
    """The parts of the window's CompanySession the view's connector uses."""

    def __init__(self, demo: Demo, name: str) -> None:
        self.demo = demo
        self.profile = demo.profile(name)
        self.secrets = demo.secrets
        self.store = None

    def current_profile(self):
        return self.demo.profile(self.profile.name)

    def store_host(self):
        return self.demo.host_saver(self.profile.name)

    def company(self, limiters, *, bulk=None):
        profile = self.current_profile()
        return company_for(profile, self.secrets, limiters, store_host=self.store_host(), bulk=bulk)


@pytest.fixture
def start(jurnal_home) -> Iterator[Callable[..., Demo]]:
    started: list[Demo] = []

    def start_with(faults: Faults | None = None) -> Demo:
        sandbox = Sandbox(faults, enforce_rate_limit=False)
        started.append(start_demo(jurnal_home, sandbox=sandbox))
        return started[-1]

    yield start_with
    for demo in started:
        demo.stop()


@pytest.fixture
def make_posting_view(qtbot, executor, limiters) -> Iterator[Callable[..., PostingView]]:
    made: list[PostingView] = []

    def make(
        demo: Demo, items: list[JournalEntry], *, sempoa: bool = False, bulk=False, **kwargs
    ) -> PostingView:
        name = demo.sempoa.name if sempoa else demo.accurate.name
        connect = kwargs.pop("connect", None) or session_company(
            Session(demo, name), limiters, bulk=bulk
        )
        view = PostingView(executor, connect, demo.outbox_home, items, **kwargs)
        view.resize(1100, 720)
        view.show()
        made.append(view)
        return view

    yield make
    for view in made:
        view.shutdown(STOP_WAIT)  # requests under way finish; no result is delivered any more
        view.hide()
        view.deleteLater()


def answer(qtbot, view: PostingView, label: str) -> None:
    """Press the button labelled `label` on the question the view is asking."""
    qtbot.waitUntil(lambda: view.dialog is not None and view.dialog.isVisible(), timeout=WAIT_MS)
    box = view.dialog
    assert isinstance(box, QMessageBox)
    buttons = {button.text(): button for button in box.buttons()}
    qtbot.mouseClick(buttons[label], Qt.MouseButton.LeftButton)


def run_to_end(qtbot, view: PostingView, action: Callable[[], None]):
    with qtbot.waitSignal(view.finished, timeout=WAIT_MS) as blocker:
        action()
    return blocker.args[0]
