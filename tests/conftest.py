"""The test suite's set-up: Qt headless unless a test says otherwise, and the shared helpers
of tests/helpers/ loaded as plugins, so a test names the fixtures it needs as arguments and
imports nothing to get them. Tests are laid out as the code is: tests/unit/<package>/ for
plain Python, tests/gui/<feature>/ for windows, tests/process/ for killed, concurrent,
packaging and set-up tests that start processes."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from app.core.i18n import set_language
from app.core.i18n.catalog import SOURCE_LANGUAGE

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = [
    # Each after the plugins it imports (a plugin imported before it is named here would not
    # have its asserts rewritten).
    "tests.helpers.fixtures",
    "tests.helpers.cli_helpers",
    "tests.helpers.grid_pages",
    "tests.helpers.sandbox_helpers",
    "tests.helpers.window_helpers",
    "tests.helpers.wizard_flow",
    "tests.helpers.history_pages",
    "tests.helpers.posting_windows",
    "tests.helpers.draft_windows",
    "tests.helpers.firm_plans",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests first, the rest in their usual order after them. pytest-xdist gives each
    worker a share of the list from its front and a worker that has run out takes half of
    what another has left, from the back (`--dist worksteal`, pyproject.toml): with the slow
    tests at the front they start early, and what is left for the end is quick tests, not a
    slow one that keeps the whole run waiting."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def _indonesian_again() -> Iterator[None]:
    """A test that switches the process language (a command's --lang, Settings in a window)
    leaves the next test in the same worker reading Indonesian, as a fresh process does."""
    yield
    set_language(SOURCE_LANGUAGE)
