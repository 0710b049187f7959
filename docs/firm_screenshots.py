"""Regenerate docs/firm.png and docs/firm-en.png: the "Banyak perusahaan / Many companies" page
after posting a plan of five companies (a branched Accurate company, another Accurate company,
a Sempoa company, one whose token was revoked, one whose workbook has an unknown account), and
docs/firm-posting.png / firm-posting-en.png: the same page while a plan posts one by one under
the services' real limits (progress, speed and time left per company); docs/firm-unlock.png /
firm-unlock-en.png: the page asking for the encrypted secrets file's password before it posts
(a machine with no password store, the window not yet given the file's password).

Run with `QT_QPA_PLATFORM=offscreen python docs/firm_screenshots.py`. Nothing is sent anywhere:
the companies are the local sandbox's, the home folder a temporary one and the tokens are
kept in a keyring file in it (the page posts through a child process, which reads them
too). The picture is taken in Indonesian, then the page is switched to English as
the window does after File › Settings, and taken again.
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

from keyring.backend import KeyringBackend
from openpyxl import Workbook
from PySide6.QtWidgets import QApplication

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))
WAIT_SECONDS = 60.0


def _shared_keyring(home: Path) -> KeyringBackend:
    """A keyring in a file of `home`, which the page's posting child process reads too (it
    posts the plan: app.firm.child)."""
    os.environ["PYTHON_KEYRING_BACKEND"] = "tests.helpers.file_keyring.FileKeyring"
    os.environ["JURNAL_DESK_TEST_KEYRING"] = str(home / "keyring.json")
    os.environ["PYTHONPATH"] = str(DOCS.parent)
    from tests.helpers.file_keyring import FileKeyring

    return FileKeyring()


def _workbook(path: Path, count: int, accounts: tuple[str, str], prefix: str, bad: bool = False):
    book = Workbook()
    sheet = book.active
    sheet.append(["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit"])
    for n in range(1, count + 1):
        debit = "9-99999" if bad and n == 2 else accounts[0]
        amount = n * 150000
        sheet.append(
            [
                date(2026, 8, (n - 1) % 28 + 1),
                f"{prefix}/{n:03}",
                f"Transaksi {n}",
                debit,
                amount,
                None,
            ]
        )
        sheet.append([None, None, None, accounts[1], None, amount])
    book.save(path)


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="jd-firm-shots-"))
    os.environ["JURNAL_DESK_HOME"] = str(home)
    app = QApplication.instance() or QApplication(sys.argv)
    _finished_run(app, home)
    _running_plan(app, Path(tempfile.mkdtemp(prefix="jd-firm-run-")))
    _locked_file(app, Path(tempfile.mkdtemp(prefix="jd-firm-locked-")))


def _finished_run(app: QApplication, home: Path) -> None:
    from app.api.ratelimit import LimiterRegistry
    from app.core.i18n import set_language
    from app.profiles.secrets import SecretStore
    from app.profiles.store import Profile, ProfileStore
    from app.sandbox import ACCURATE_CHART, MULTI_BRANCHES, SEMPOA_CHART, Sandbox
    from app.ui.firm.page import FirmView

    set_language("id")
    accurate = tuple(a.no for a in ACCURATE_CHART if a.postable)[:2]
    sempoa = tuple(a.kode for a in SEMPOA_CHART if not a.is_group)[:2]
    with Sandbox(enforce_rate_limit=False) as sb, ThreadPoolExecutor(4) as executor:
        store = ProfileStore(home, SecretStore(_shared_keyring(home)))
        rows = []
        for name, count, bad, branch in (
            ("PT Maju Jaya", 24, False, "Cabang Medan"),
            ("PT Sinar Abadi", 6, False, ""),
            ("PT Dicabut", 5, False, ""),
            ("PT Salah Ketik", 8, True, ""),
        ):
            token, secret = sb.add_accurate_company(name, MULTI_BRANCHES if branch else ("Pusat",))
            store.add(Profile(name, "accurate", url=sb.account_url, sandbox=True))
            store.secrets.set_token(name, token)
            store.secrets.set_secret(name, secret)
            if name == "PT Dicabut":
                sb.revoke(token)
            _workbook(home / f"{name}.xlsx", count, accurate, "JU", bad)
            rows.append([name, f"{name}.xlsx", "", "bulk", branch, "01/08/2026", "31/08/2026"])
        token = sb.add_sempoa_company("CV Sumber Rejeki")
        store.add(Profile("CV Sumber Rejeki", "sempoa", url=sb.sempoa_url, sandbox=True))
        store.secrets.set_token("CV Sumber Rejeki", token)
        _workbook(home / "sumber.xlsx", 12, sempoa, "SR")
        rows.insert(2, ["CV Sumber Rejeki", "sumber.xlsx", "", "", "", "", ""])
        plan = home / "rencana-agustus.csv"
        with plan.open("w", newline="", encoding="utf-8") as file:
            csv.writer(file).writerows([["Perusahaan", "Workbook", "Sheet", "Cara kirim",
                                         "Cabang", "Dari", "Sampai"], *rows])  # fmt: skip
        view = FirmView(executor, store, LimiterRegistry(), home, choose_plan=lambda _p, _f: plan)
        view.resize(1400, 520)
        view.show()
        view.choose_button.click()
        _wait(app, lambda: view.model.rowCount() == 5 and view.post_button.isEnabled())
        view.post_button.click()
        _wait(app, lambda: view.status_label.text().startswith("Selesai"))
        view.table.selectRow(3)
        _shoot(app, view, "firm.png")
        set_language("en")
        view.retranslate()
        _shoot(app, view, "firm-en.png")
        view.shutdown()


def _running_plan(app: QApplication, home: Path) -> None:
    """Three companies posting one by one at 8 requests a second each, shot mid-run."""
    from app.api.ratelimit import LimiterRegistry
    from app.core.i18n import set_language
    from app.profiles.secrets import SecretStore
    from app.profiles.store import Profile, ProfileStore
    from app.sandbox import ACCURATE_CHART, Sandbox
    from app.ui.firm.model import PROGRESS
    from app.ui.firm.page import FirmView

    os.environ["JURNAL_DESK_HOME"] = str(home)
    set_language("id")
    accurate = tuple(a.no for a in ACCURATE_CHART if a.postable)[:2]
    with Sandbox(enforce_rate_limit=True) as sb, ThreadPoolExecutor(4) as executor:
        store = ProfileStore(home, SecretStore(_shared_keyring(home)))
        rows = []
        for name, count in (("PT Maju Jaya", 240), ("PT Sinar Abadi", 160), ("PT Karya", 90)):
            token, secret = sb.add_accurate_company(name)
            store.add(Profile(name, "accurate", url=sb.account_url, sandbox=True))
            store.secrets.set_token(name, token)
            store.secrets.set_secret(name, secret)
            _workbook(home / f"{name}.xlsx", count, accurate, "JU")
            rows.append([name, f"{name}.xlsx", "satu per satu"])
        plan = home / "rencana-september.csv"
        with plan.open("w", newline="", encoding="utf-8") as file:
            csv.writer(file).writerows([["Perusahaan", "Workbook", "Cara kirim"], *rows])
        view = FirmView(executor, store, LimiterRegistry(), home, choose_plan=lambda _p, _f: plan)
        view.resize(1400, 420)
        view.show()
        view.choose_button.click()
        _wait(app, lambda: view.model.rowCount() == 3 and view.post_button.isEnabled())
        view.post_button.click()

        def done_of(row: int) -> int:
            text = view.model.index(row, PROGRESS).data() or ""
            return int(text.split("/")[0].strip().replace(".", "") or 0) if "/" in text else 0

        _wait(app, lambda: done_of(2) >= 40)
        _shoot(app, view, "firm-posting.png")
        set_language("en")
        view.retranslate()
        _shoot(app, view, "firm-posting-en.png")
        view.stop_all()
        view.shutdown()


def _locked_file(app: QApplication, home: Path) -> None:
    """The companies' secrets in the encrypted file, still locked: "Post all" asks first."""
    from app.api.ratelimit import LimiterRegistry
    from app.core.i18n import set_language
    from app.profiles.keyring_choice import file_keyring
    from app.profiles.secrets import SecretStore
    from app.profiles.store import Profile, ProfileStore
    from app.sandbox import ACCURATE_CHART, Sandbox
    from app.ui.firm.page import FirmView

    os.environ["JURNAL_DESK_HOME"] = str(home)
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"  # no store at all
    set_language("id")
    accurate = tuple(a.no for a in ACCURATE_CHART if a.postable)[:2]
    with Sandbox(enforce_rate_limit=False) as sb, ThreadPoolExecutor(4) as executor:
        secrets = SecretStore(home=home, terminal=False)
        secrets.use_file("kata-sandi-berkas")
        store = ProfileStore(home, secrets)
        rows = []
        for name in ("PT Maju Jaya", "PT Sinar Abadi"):
            token, secret = sb.add_accurate_company(name)
            store.add(Profile(name, "accurate", url=sb.account_url, sandbox=True))
            secrets.set_token(name, token)
            secrets.set_secret(name, secret)
            _workbook(home / f"{name}.xlsx", 10, accurate, "JU")
            rows.append([name, f"{name}.xlsx", "bulk"])
        file_keyring(home).lock()  # as a window finds it that was not given the password
        plan = home / "rencana-oktober.csv"
        with plan.open("w", newline="", encoding="utf-8") as file:
            csv.writer(file).writerows([["Perusahaan", "Workbook", "Cara kirim"], *rows])
        view = FirmView(executor, store, LimiterRegistry(), home, choose_plan=lambda _p, _f: plan)
        view.resize(1200, 460)
        view.show()
        view.choose_button.click()
        _wait(app, lambda: view.model.rowCount() == 2 and view.post_button.isEnabled())
        for language, name in (("id", "firm-unlock.png"), ("en", "firm-unlock-en.png")):
            set_language(language)
            view.retranslate()
            view.post_button.click()
            _wait(app, lambda: view.unlock_dialog is not None and view.unlock_dialog.isVisible())
            _shoot_with_dialog(app, view, view.unlock_dialog, name)
            view.unlock_dialog.reject()
            _wait(app, lambda: view.unlock_dialog is None)
        view.shutdown()


def _shoot_with_dialog(app: QApplication, page, dialog, name: str) -> None:
    """The page with its dialog drawn over it, as the user sees them."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QColor, QPainter

    for _ in range(20):
        app.processEvents()
    picture = page.grab()
    shown = dialog.grab()
    painter = QPainter(picture)
    corner = QPoint((picture.width() - shown.width()) // 2, 40)
    painter.fillRect(picture.rect(), QColor(0, 0, 0, 60))
    painter.drawPixmap(corner, shown)
    painter.end()
    path = DOCS / name
    picture.save(str(path))
    print("wrote", path.relative_to(DOCS.parent))


def _wait(app: QApplication, done) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not done():
        app.processEvents()
        if time.monotonic() > deadline:
            raise TimeoutError("waiting for the page")
        time.sleep(0.01)


def _shoot(app: QApplication, widget, name: str) -> None:
    for _ in range(20):
        app.processEvents()
    path = DOCS / name
    widget.grab().save(str(path))
    print("wrote", path.relative_to(DOCS.parent))


if __name__ == "__main__":
    main()
