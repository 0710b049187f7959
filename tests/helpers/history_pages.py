"""The history page under test: a demo company, its posting and its page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.api.ratelimit import LimiterRegistry
from app.core.books.journal import JournalEntry
from app.core.i18n import set_language
from app.posting.engine import PostingEngine, PostingReport
from app.posting.service import opened_outbox
from app.sandbox import Sandbox
from app.setup.connect import company_for
from app.setup.demo import Demo, start_demo
from app.ui.company.company_bar import CompanySession
from app.ui.history.page import (
    BATCH,
    HistoryView,
)

WAIT_MS = 20_000  # generous: the machine is shared; every wait still ends


STOP_WAIT = 10.0


SOURCE = "/data/Jurnal Agustus.xlsx"


@pytest.fixture
def demo(jurnal_home) -> Iterator[Demo]:
    with start_demo(jurnal_home, sandbox=Sandbox(enforce_rate_limit=False)) as started:
        yield started


@pytest.fixture
def reports(tmp_path) -> list[Path]:
    """Where the report dialog "chose" to save; the paths it was offered."""
    return []


@pytest.fixture
def make_history_view(
    qtbot, executor, limiters, tmp_path, reports
) -> Iterator[Callable[..., HistoryView]]:
    made: list[HistoryView] = []

    def choose(_parent, suggested: Path) -> Path:
        reports.append(suggested)
        return tmp_path / "hasil.xlsx"

    def make(session: CompanySession | None) -> HistoryView:
        view = HistoryView(executor, limiters=limiters, choose_report_path=choose)
        qtbot.addWidget(view)
        view.resize(1100, 760)
        view.show()
        made.append(view)
        view.set_session(session)
        if session is not None:
            sessions.append(session)
        return view

    sessions: list[CompanySession] = []
    yield make
    for view in made:
        assert view.shutdown(STOP_WAIT)  # workers finished; nothing more is delivered
    for session in sessions:
        session.end()  # as the window does when it closes: the session's client closes


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("id")


def session_of(demo: Demo, name: str) -> CompanySession:
    return CompanySession(demo.profile(name), demo.secrets, demo.outbox_home, demo=demo)


def post(
    demo: Demo,
    limiters: LimiterRegistry,
    items: list[JournalEntry],
    *,
    sempoa: bool = False,
    source_file: str = SOURCE,
) -> PostingReport:
    """Post `items` to a demo company as the posting window does (no chart check, so an entry
    on a parent account reaches the server and is rejected there)."""
    profile = demo.sempoa if sempoa else demo.accurate
    with (
        company_for(
            profile, demo.secrets, limiters, store_host=demo.host_saver(profile.name), bulk=True
        ) as company,
        opened_outbox(demo.outbox_home) as outbox,
    ):
        engine = PostingEngine(outbox, company.target, profile.name)
        batch = engine.open_batch(items, source_file=source_file, source_sheet="Agustus")
        return engine.run(batch)


def listed(view: HistoryView) -> list[str]:
    """The batch ids the table shows, top to bottom (after the filter)."""
    proxy = view.filter_model
    return [proxy.index(row, BATCH).data() for row in range(proxy.rowCount())]


def wait_listed(qtbot, view: HistoryView, count: int) -> None:
    qtbot.waitUntil(
        lambda: view.model.rowCount() == count and view.reload_button.isEnabled(), timeout=WAIT_MS
    )


def wait_shown(qtbot, view: HistoryView, batch_id: str) -> None:
    """The batch panel shows this batch's entries, read after the last change."""
    panel = view.batch_view
    qtbot.waitUntil(
        lambda: (
            panel.details is not None
            and panel.details.batch.id == batch_id
            and not panel.load_runner.busy
        ),
        timeout=WAIT_MS,
    )


def click(qtbot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def row_of(view: HistoryView, batch_id: str) -> int:
    return listed(view).index(batch_id)
