"""One version everywhere: `jurnal-desk --version`, the About box and the result workbook show
the version in pyproject.toml; the Help menu opens the log folder."""

from __future__ import annotations

import tomllib
from concurrent.futures import ThreadPoolExecutor

import openpyxl
import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

import app.version
from app import __version__
from app.api.ratelimit import LimiterRegistry
from app.cli import main
from app.posting.engine import PostingEngine
from app.posting.outbox.ledger import Outbox
from app.posting.report.workbook import write_posting_report
from app.posting.targets import AccurateTarget
from app.profiles.secrets import SecretStore
from app.profiles.store import ProfileStore
from app.sandbox import Sandbox
from app.ui.shell.main_window import MainWindow
from tests.helpers.memory_keyring import MemoryKeyring
from tests.helpers.paths import ROOT
from tests.helpers.posting_helpers import accurate_client, entries


def pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)["project"]["version"]


def test_the_command_line_prints_the_pyproject_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"jurnal-desk {pyproject_version()}\n"
    assert __version__ == pyproject_version()


def test_an_installed_app_reads_its_metadata_and_a_bare_one_says_unknown(tmp_path, monkeypatch):
    monkeypatch.setattr(app.version, "_PYPROJECT", tmp_path / "pyproject.toml")
    monkeypatch.setattr(app.version.metadata, "version", lambda name: "9.8.7")
    assert app.version.app_version() == "9.8.7"

    def not_installed(name):
        raise app.version.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(app.version.metadata, "version", not_installed)
    assert app.version.app_version() == app.version.UNKNOWN
    # Another project's pyproject.toml beside `app` lends it no version.
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "other"\nversion = "5.0"\n')
    assert app.version.app_version() == app.version.UNKNOWN


def test_the_result_workbook_names_the_version(tmp_path):
    with (
        Sandbox(enforce_rate_limit=False) as sb,
        accurate_client(sb, fast=True) as client,
        Outbox(tmp_path / "outbox.sqlite3") as outbox,
    ):
        engine = PostingEngine(outbox, AccurateTarget(client), "PT Demo")
        report = engine.run(engine.open_batch(entries(2)))
    path = write_posting_report(report, tmp_path / "hasil.xlsx", language="en")
    rows = openpyxl.load_workbook(path)["Summary"].iter_rows(values_only=True)
    facts = {row[0]: row[1] for row in rows if row and row[0]}
    assert facts["Jurnal Desk version"] == pyproject_version()


@pytest.fixture
def window(qtbot, jurnal_home):
    with ThreadPoolExecutor(max_workers=4) as executor:
        made = MainWindow(
            home=jurnal_home,
            store=ProfileStore(jurnal_home, SecretStore(MemoryKeyring())),
            executor=executor,
            limiters=LimiterRegistry(),
        )
        qtbot.addWidget(made)
        made.show()
        yield made
        made.close()


def test_the_about_box_shows_the_same_version(window, jurnal_home):
    box = window.menus.show_about()
    assert f"Jurnal Desk {pyproject_version()}" in box.text()
    assert "Qt 6." in box.text() and str(jurnal_home / "logs") in box.text()
    assert box.isVisible()
    box.close()


def test_help_menu_opens_the_log_folder(window, jurnal_home, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    help_actions = [action.text() for action in window.menuBar().actions()]
    assert "Ba&ntuan" in help_actions
    window.menus.open_logs_action.trigger()

    assert [url.toLocalFile() for url in opened] == [str(jurnal_home / "logs")]
    assert (jurnal_home / "logs").is_dir()
    assert not window.findChildren(QMessageBox)


def test_without_a_file_manager_the_log_folder_is_named_instead(window, jurnal_home, monkeypatch):
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: False)
    window.menus.open_logs_action.trigger()
    (box,) = window.findChildren(QMessageBox)
    assert str(jurnal_home / "logs") in box.text() and "jurnal-desk.log" in box.text()
    box.close()
