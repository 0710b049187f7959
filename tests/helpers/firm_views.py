"""The Many companies page as its tests drive it: opened on a plan the file dialog would have
given, its buttons clicked, a company's row read as the user sees it."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from app.api.ratelimit import LimiterRegistry
from app.profiles.store import ProfileStore
from app.ui.firm.model import COMPANY
from app.ui.firm.page import FirmView


def open_firm_view(
    qtbot,
    executor: Executor,
    profiles: ProfileStore,
    home: Path,
    plan: Path,
    *,
    limiters: LimiterRegistry | None = None,
    choose_report: Callable[[object, Path], Path | None] = lambda _parent, suggested: suggested,
) -> FirmView:
    """The page shown at a size its columns fit, its plan and report chosen as given."""
    view = FirmView(
        executor,
        profiles,
        limiters or LimiterRegistry(),
        home,
        choose_plan=lambda _parent, _folder: plan,
        choose_report=choose_report,
    )
    qtbot.addWidget(view)
    view.resize(1300, 600)
    view.show()
    return view


def click(qtbot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def column(view: FirmView, index: int) -> list[str]:
    model = view.model
    return [model.index(row, index).data() for row in range(model.rowCount())]


def row_of(view: FirmView, company: str) -> dict[int, str]:
    """The company's row: each column's text."""
    row = column(view, COMPANY).index(company)
    return {c: view.model.index(row, c).data() for c in range(view.model.columnCount())}
