"""The app's settings: declared once, saved atomically in the home's settings.json, read back
by the next start; a damaged file costs the defaults, never the user's file. File dialogs
speak the app's language and open in the last folder used. The selected company's own
settings (Accurate's message language, bulk posting) are saved in its profile and used by
the next posting run, over real HTTP against the sandbox."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel

from app.api.ratelimit import LimiterRegistry
from app.api.reply_language import CHOSEN_LANGUAGE_NOTE
from app.core.i18n import set_language
from app.profiles.secrets import SecretStore
from app.profiles.settings import (
    LANGUAGE,
    LAST_FOLDER,
    ROUND_NEVER,
    ROUNDING,
    SETTINGS_FILE,
    Settings,
)
from app.profiles.store import Profile, ProfileStore
from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN, MULTI_BRANCHES, Sandbox
from app.ui.common.dialogs import file_dialog, remember_folder, start_folder
from app.ui.company.settings_dialog import SettingsDialog
from app.ui.journal.page import WORKBOOK_FILTER, XLSX_FILTER
from app.ui.posting.model import MESSAGES
from app.ui.posting.window import Phase
from app.ui.shell.main_window import MainWindow
from tests.helpers.memory_keyring import MemoryKeyring
from tests.helpers.posting_helpers import entries

WAIT_MS = 20_000
COMPANY = "PT Maju Jaya"


# --- the settings file ------------------------------------------------------------------------


def test_settings_start_at_their_defaults_and_write_nothing_until_changed(tmp_path):
    settings = Settings(tmp_path)
    assert settings.get(LANGUAGE) == "id" and settings.get(ROUNDING) == "ask"
    assert settings.get(LAST_FOLDER) == "" and not settings.has(LANGUAGE)
    assert not (tmp_path / SETTINGS_FILE).exists()


def test_a_changed_setting_is_saved_and_read_by_the_next_start(tmp_path):
    Settings(tmp_path).update({LANGUAGE: "en", ROUNDING: ROUND_NEVER})
    again = Settings(tmp_path)
    assert again.get(LANGUAGE) == "en" and again.has(LANGUAGE)
    assert again.get(ROUNDING) == ROUND_NEVER
    document = json.loads((tmp_path / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert document["language"] == "en" and document["format"] == 1
    assert [p.name for p in tmp_path.iterdir()] == [SETTINGS_FILE]  # no temporary file left


def test_keys_of_a_newer_version_are_kept_and_unusable_values_read_as_defaults(tmp_path):
    (tmp_path / SETTINGS_FILE).write_text(
        json.dumps({"language": "fr", "rounding": 3, "future": {"x": 1}}), encoding="utf-8"
    )
    settings = Settings(tmp_path)
    assert settings.get(LANGUAGE) == "id" and settings.get(ROUNDING) == "ask"
    settings.set(LAST_FOLDER, "/data/jurnal")
    document = json.loads((tmp_path / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert document["future"] == {"x": 1} and document["last_folder"] == "/data/jurnal"


def test_a_damaged_file_is_reported_and_kept_aside_when_settings_are_saved(tmp_path):
    (tmp_path / SETTINGS_FILE).write_text("{ not json", encoding="utf-8")
    settings = Settings(tmp_path)
    assert settings.problem is not None and "settings.json.damaged" in settings.problem.en
    assert settings.get(LANGUAGE) == "id"
    settings.set(LANGUAGE, "en")
    assert (tmp_path / "settings.json.damaged").read_text(encoding="utf-8") == "{ not json"
    assert Settings(tmp_path).get(LANGUAGE) == "en" and Settings(tmp_path).problem is None


def test_a_value_a_setting_cannot_take_is_refused(tmp_path):
    with pytest.raises(ValueError):
        Settings(tmp_path).set(LANGUAGE, "fr")
    assert not (tmp_path / SETTINGS_FILE).exists()


# --- file dialogs -------------------------------------------------------------------------------


@pytest.fixture
def indonesian() -> Iterator[None]:
    set_language("id")
    yield
    set_language("id")


def test_a_file_dialog_opens_in_the_last_folder_used(qtbot, tmp_path, indonesian):
    settings = Settings(tmp_path / "home")
    folder = tmp_path / "Laporan Agustus"
    folder.mkdir()
    assert start_folder(settings) == Path.home()
    remember_folder(settings, folder / "Jurnal Agustus.xlsx")  # the user chose this file
    assert Settings(tmp_path / "home").get(LAST_FOLDER) == str(folder)  # kept for next start
    opening = file_dialog(None, WORKBOOK_FILTER, WORKBOOK_FILTER, settings=settings)
    qtbot.addWidget(opening)
    assert Path(opening.directory().absolutePath()) == folder
    saving = file_dialog(
        None, XLSX_FILTER, XLSX_FILTER, save_as=Path.home() / "hasil.xlsx", settings=settings
    )
    qtbot.addWidget(saving)
    assert Path(saving.directory().absolutePath()) == folder  # a save opens there too
    folder.rmdir()  # a folder that is gone: the suggested file's own folder instead
    assert start_folder(settings, tmp_path / "x.xlsx") == tmp_path


def test_open_and_save_dialogs_speak_the_same_language_as_the_app(qtbot, tmp_path, indonesian):
    labels = QFileDialog.DialogLabel
    opening = file_dialog(None, WORKBOOK_FILTER, WORKBOOK_FILTER)
    saving = file_dialog(None, XLSX_FILTER, XLSX_FILTER, save_as=tmp_path / "hasil.xlsx")
    for dialog in (opening, saving):
        qtbot.addWidget(dialog)
        assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
        assert dialog.labelText(labels.Reject) == "Batal"
        assert dialog.labelText(labels.FileName) == "Nama berkas:"
    assert opening.labelText(labels.Accept) == "Buka"
    assert saving.labelText(labels.Accept) == "Simpan"
    set_language("en")
    english = file_dialog(None, XLSX_FILTER, XLSX_FILTER, save_as=tmp_path / "hasil.xlsx")
    qtbot.addWidget(english)
    assert english.labelText(labels.Accept) == "Save"
    assert english.labelText(labels.Reject) == "Cancel"
    assert english.nameFilters() == ["Excel workbook (*.xlsx)"]


# --- the selected company's own settings --------------------------------------------------------


@pytest.fixture
def window(qtbot, jurnal_home, executor, sandbox) -> Iterator[MainWindow]:
    main = _open_window(qtbot, jurnal_home, executor, sandbox)
    yield main
    main.close()


def _open_window(qtbot, jurnal_home, executor, sandbox: Sandbox) -> MainWindow:
    store = ProfileStore(jurnal_home, SecretStore(MemoryKeyring()))
    store.add(Profile(COMPANY, "accurate", url=sandbox.account_url, sandbox=True))
    store.secrets.set_token(COMPANY, DEMO_ACCURATE_TOKEN)
    store.secrets.set_secret(COMPANY, DEMO_ACCURATE_SECRET)
    main = MainWindow(home=jurnal_home, store=store, executor=executor, limiters=LimiterRegistry())
    qtbot.addWidget(main)
    main.show()
    qtbot.waitUntil(lambda: main.current_chart() is not None, timeout=WAIT_MS)
    return main


def test_the_companys_message_language_is_saved_and_bulk_posting_used(qtbot, window, sandbox):
    window.menus.settings_action.trigger()
    (dialog,) = [d for d in window.findChildren(SettingsDialog) if d.isVisible()]
    assert dialog.company_group.title() == f"Perusahaan: {COMPANY}"
    assert dialog.api_language_combo.currentData() == "ID" and dialog.bulk_box.isChecked()
    shown = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
    assert CHOSEN_LANGUAGE_NOTE.id in shown  # says the choice is not sent to Accurate
    dialog.api_language_combo.setCurrentIndex(dialog.api_language_combo.findData("US"))
    dialog.bulk_box.setChecked(False)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    store = window.store
    qtbot.waitUntil(lambda: store.get(COMPANY).language == "US", timeout=WAIT_MS)
    assert store.get(COMPANY).bulk_posting is False
    assert window.settings.get(LANGUAGE) == "id"  # the window's own language is unchanged

    page = window.journal_page
    page.model.load_entries(entries(3))
    qtbot.waitUntil(page.is_ready, timeout=WAIT_MS)
    before = len(sandbox.request_log())
    page.post_button.click()
    box = window.posting.dialog  # a real company: asked first
    yes = next(b for b in box.buttons() if b.text() == "Ya, posting")
    with qtbot.waitSignal(window.posting.opened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    view = opened.args[0]
    qtbot.waitUntil(lambda: view.phase is Phase.DONE, timeout=WAIT_MS)

    paths = [r.path for r in sandbox.request_log()[before:]]
    assert paths.count("/accurate/api/journal-voucher/save.do") == 3  # one by one
    assert not any("bulk-save" in path for path in paths)
    message = view.model.index(0, MESSAGES).data()
    # Accurate is asked in Indonesian whatever the choice (the only wording Jurnal Desk reads).
    assert 'Jurnal Umum "JV-00001" berhasil disimpan' in message


def test_the_default_branch_is_chosen_from_the_companys_branches(qtbot, jurnal_home, executor):
    with Sandbox(enforce_rate_limit=False, demo_branches=MULTI_BRANCHES) as sandbox:
        window = _open_window(qtbot, jurnal_home, executor, sandbox)
        try:
            window.menus.settings_action.trigger()
            (dialog,) = [d for d in window.findChildren(SettingsDialog) if d.isVisible()]
            combo = dialog.branch_combo
            qtbot.waitUntil(lambda: combo.count() == len(MULTI_BRANCHES) + 1, timeout=WAIT_MS)
            assert [combo.itemText(i) for i in range(combo.count())] == [
                "(tanpa cabang)",
                *MULTI_BRANCHES,
            ]
            assert combo.currentText() == "(tanpa cabang)"  # none chosen in the wizard
            assert not dialog.branch_status.isVisible()
            combo.setCurrentIndex(combo.findText(MULTI_BRANCHES[1]))
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
            store = window.store
            qtbot.waitUntil(lambda: store.get(COMPANY).branch == MULTI_BRANCHES[1], timeout=WAIT_MS)

            page = window.journal_page
            page.model.load_entries(entries(2))  # entries without a Cabang of their own
            qtbot.waitUntil(page.is_ready, timeout=WAIT_MS)
            page.post_button.click()
            yes = next(b for b in window.posting.dialog.buttons() if b.text() == "Ya, posting")
            with qtbot.waitSignal(window.posting.opened, timeout=WAIT_MS) as opened:
                qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
            view = opened.args[0]
            qtbot.waitUntil(lambda: view.phase is Phase.DONE, timeout=WAIT_MS)
            vouchers = sandbox.vouchers()
            assert len(vouchers) == 2
            assert {v["branchName"] for v in vouchers} == {MULTI_BRANCHES[1]}
        finally:
            window.close()


def test_a_branch_list_that_cannot_be_read_leaves_the_field_to_type_in(qtbot, window, sandbox):
    sandbox.revoke(DEMO_ACCURATE_TOKEN)
    window.menus.settings_action.trigger()
    (dialog,) = [d for d in window.findChildren(SettingsDialog) if d.isVisible()]
    qtbot.waitUntil(lambda: "tidak terbaca" in dialog.branch_status.text(), timeout=WAIT_MS)
    assert "bisa diketik" in dialog.branch_status.text()
    dialog.branch_combo.setEditText("  Cabang Bali ")
    assert dialog.choices().branch == "Cabang Bali"
