"""Regenerate the screenshots in docs/ of the add-company wizard on a computer with no password
store (the encrypted secrets file offered on its first page, and its last page naming where the
secrets go: the encrypted file, or the system's store by name), of the window's keyring banner
for a saved company there, of the question when quitting
while posting, and of what the next start shows of the interrupted batch (the banner that
resumes it, the history), in Indonesian and in English (`-en.png`).

Run with `QT_QPA_PLATFORM=offscreen python docs/screenshots_wizard_posting.py` (nothing is sent
anywhere: the companies are the local sandbox, the home folders temporary, the keyrings in
memory). The helpers are those of `docs/screenshots.py`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import press, shoot, shoot_over, wait_until

from app.core.books.journal import JournalEntry, JournalLine
from app.core.i18n import set_language
from app.profiles.secrets import SecretStore
from app.profiles.store import Profile, ProfileStore
from app.sandbox import (
    ACCURATE_CHART,
    DEMO_ACCURATE_SECRET,
    DEMO_ACCURATE_TOKEN,
    Faults,
    Sandbox,
)
from app.setup.wizard.flow import Connector, CredentialsWizard
from app.ui.posting.window import PostingView
from app.ui.shell.main_window import HISTORY, MainWindow
from app.ui.wizard.dialog import CredentialsWizardView

COMPANY = "PT Maju Jaya"
PASSWORD = "kata-sandi-berkas-42"


class MemoryKeyring(KeyringBackend):
    """A password store in memory (the screenshots touch no real one)."""

    priority = -1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.passwords.pop((service, username), None)


class GnomeKeyring(MemoryKeyring):
    """Shown as the system's store on a Linux desktop: GNOME Keyring (Secret Service)."""


GnomeKeyring.__module__ = "keyring.backends.SecretService"


def both_languages(app: QApplication, widget: QWidget, name: str, retranslate: Callable) -> None:
    shoot(app, widget, f"{name}.png")
    set_language("en")
    retranslate()
    shoot(app, widget, f"{name}-en.png")
    set_language("id")
    retranslate()


def typed(edit, text: str) -> None:
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    QTest.keyClicks(edit, text)


def to_name_page(app: QApplication, view: CredentialsWizardView, sb: Sandbox) -> None:
    view.next_button.click()
    form = view.accurate_form
    typed(form.token.edit, DEMO_ACCURATE_TOKEN)
    typed(form.secret.edit, DEMO_ACCURATE_SECRET)
    form.advanced.button.click()
    typed(form.url, sb.account_url)
    view.next_button.click()
    wait_until(app, lambda: view.wizard.connection is not None, "the connection test")
    view.next_button.click()


def shoot_wizard(app: QApplication, sb: Sandbox) -> None:
    """No password store: the first page's offer, the file turned on, the last page; then
    the last page on a desktop with GNOME Keyring."""
    home = Path(tempfile.mkdtemp(prefix="jurnal-desk-shots-"))
    keyring.set_keyring(fail.Keyring())
    store = ProfileStore(home, SecretStore(home=home, terminal=False))
    executor_owner = MainWindow(home=home, store=store, language="id")  # its worker pool
    view = CredentialsWizardView(
        CredentialsWizard(store, connector=Connector()), executor_owner.executor
    )
    view.show()
    wait_until(app, view.secrets_panel.isVisible, "the password store's answer")
    view.service_page.accurate.radio.setChecked(True)
    both_languages(app, view, "wizard-no-keyring", view.retranslate)
    view.secrets_panel.button.click()
    dialog = view.secrets.dialog
    typed(dialog.password.edit, PASSWORD)
    typed(dialog.again.edit, PASSWORD)
    dialog.ok_button.click()
    wait_until(app, view.next_button.isEnabled, "the encrypted file")
    both_languages(app, view, "wizard-secrets-file", view.retranslate)
    to_name_page(app, view, sb)
    both_languages(app, view, "wizard-name-secrets-file", view.retranslate)
    view.shutdown(10.0)
    view.close()

    desktop = ProfileStore(home / "desktop", SecretStore(GnomeKeyring()))
    view = CredentialsWizardView(
        CredentialsWizard(desktop, connector=Connector()), executor_owner.executor
    )
    view.show()
    view.service_page.accurate.radio.setChecked(True)
    to_name_page(app, view, sb)
    both_languages(app, view, "wizard-name-keyring", view.retranslate)
    view.shutdown(10.0)
    view.close()
    executor_owner.close()
    executor_owner.shutdown()


def shoot_keyring_banner(app: QApplication, sb: Sandbox) -> None:
    """A saved company on a computer with no password store: the window's banner."""
    home = Path(tempfile.mkdtemp(prefix="jurnal-desk-shots-"))
    keyring.set_keyring(fail.Keyring())
    store = ProfileStore(home, SecretStore(home=home, terminal=False))
    store.add(Profile(COMPANY, "accurate", url=sb.account_url, sandbox=True))
    window = MainWindow(home=home, store=store, language="id")
    window.resize(1366, 820)
    window.show()
    wait_until(app, window.keyring_banner.isVisible, "the keyring banner")
    status = window.company_bar.status_label.text
    wait_until(app, lambda: status().startswith("Terhubung"), "the demo company")
    shoot(app, window, "keyring-banner.png")
    window.set_language("en")
    shoot(app, window, "keyring-banner-en.png")
    window.set_language("id")
    window.close()
    window.shutdown()


def shoot_quit_and_resume(app: QApplication, sb: Sandbox) -> None:
    """200 entries posting one a request; quit after some 48 are sent; the next start."""
    home = Path(tempfile.mkdtemp(prefix="jurnal-desk-shots-"))
    secrets = MemoryKeyring()
    keyring.set_keyring(secrets)
    store = ProfileStore(home, SecretStore(secrets))
    store.add(Profile(COMPANY, "accurate", url=sb.account_url, sandbox=True, bulk_posting=False))
    store.secrets.set_token(COMPANY, DEMO_ACCURATE_TOKEN)
    store.secrets.set_secret(COMPANY, DEMO_ACCURATE_SECRET)

    window = MainWindow(home=home, store=store, language="id")
    window.resize(1366, 820)
    window.show()
    wait_until(app, lambda: window.current_chart() is not None, "the company's chart")
    page = window.journal_page
    page.model.load_entries(entries(200))
    wait_until(app, page.is_ready, "the grid")
    views: list[PostingView] = []
    window.posting.opened.connect(views.append)
    window.open_posting()
    wait_until(app, lambda: window.posting.dialog is not None, "the confirmation")
    press(window.posting.dialog, "Ya, posting")
    wait_until(app, lambda: views and views[0].sent >= 48, "48 entries sent")
    window.activateWindow()
    window.close()
    guard = window.posting_quit
    wait_until(app, lambda: guard.dialog is not None and guard.dialog.isVisible(), "the question")
    shoot_over(app, window, guard.dialog, "quit-posting.png")
    window.set_language("en")
    shoot_over(app, window, guard.dialog, "quit-posting-en.png")
    window.set_language("id")
    press(guard.dialog, "Hentikan dan keluar")
    wait_until(app, lambda: not window.isVisible(), "the window to close")

    again = MainWindow(home=home, store=store, language="id")
    again.resize(1366, 820)
    again.show()
    wait_until(app, again.resume_banner.isVisible, "the resume banner")
    status = again.company_bar.status_label.text
    wait_until(app, lambda: status().startswith("Terhubung"), "the connection check")
    shoot(app, again, "resume-banner.png")
    again.set_language("en")
    shoot(app, again, "resume-banner-en.png")
    again.set_language("id")
    again.show_page(HISTORY)
    history = again.history_view
    wait_until(app, lambda: history.batch_view.details is not None, "the history")
    shoot(app, again, "history-interrupted.png")
    again.set_language("en")
    wait_until(app, lambda: history.batch_view.details.language == "en", "the history in English")
    shoot(app, again, "history-interrupted-en.png")
    again.set_language("id")
    again.close()
    again.shutdown()


def entries(count: int) -> list[JournalEntry]:
    """Balanced two-line entries on the sandbox company's first two postable accounts."""
    debit, credit = [account.no for account in ACCURATE_CHART if account.postable][:2]
    made = []
    for number in range(1, count + 1):
        amount = Decimal(number * 1000) + Decimal("0.25")
        made.append(
            JournalEntry(
                date=date(2026, 1, 1 + number % 28),
                reference=f"JU-{number:05}",
                description=f"Transaksi {number}",
                lines=[
                    JournalLine(debit, debit=amount, row=number * 2),
                    JournalLine(credit, credit=amount, row=number * 2 + 1),
                ],
            )
        )
    return made


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["JURNAL_DESK_HOME"] = tempfile.mkdtemp(prefix="jurnal-desk-shots-")
    set_language("id")
    app = QApplication.instance() or QApplication([])
    app.setStyle("Fusion")
    with Sandbox() as sb:
        shoot_wizard(app, sb)
        shoot_keyring_banner(app, sb)
    with Sandbox(Faults(latency_ms=300)) as slow:
        shoot_quit_and_resume(app, slow)
    return 0


if __name__ == "__main__":
    sys.exit(main())
