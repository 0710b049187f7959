"""The main views in Chinese (`-zh.png`), for `python docs/screenshots.py main-zh`: the journal
grid while typing and with an import's problems, the account mapping dialog, Settings with its
language choice, the HMAC calculator, the question before posting, the posting window mid-run
and finished (its report saved), the history with the batch open and after reconciling a
period, the add-company wizard step by step, the Many companies page posting a plan, and the
questions about unsaved entries. The window starts in Indonesian and is switched to Chinese
while running, as File › Settings does.

Nothing is sent anywhere: the companies are the local sandbox's, the home folders temporary,
the keyrings in memory or in a file of the home folder. The result workbook and the
reconciliation workbook are kept beside the pictures' home folder (their paths are printed).
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS))
from screenshots import (  # noqa: E402  (the helpers of the Indonesian and English set)
    client_rows,
    press,
    problem_rows,
    shoot,
    shoot_drafts,
    shoot_over,
    shoot_with_popup,
    type_keys,
    wait_until,
    write_workbook,
)

from app.core.books.journal import JournalEntry, JournalLine  # noqa: E402
from app.core.grid.columns import Column  # noqa: E402
from app.core.i18n import set_language  # noqa: E402
from app.profiles.settings import ROUND_ASK  # noqa: E402
from app.sandbox import ACCURATE_CHART, MULTI_BRANCHES, Faults  # noqa: E402
from app.setup.preferences import Choices  # noqa: E402
from app.ui.company.settings_dialog import SettingsDialog  # noqa: E402
from app.ui.journal.posting_launch import YES_POST  # noqa: E402
from app.ui.posting.window import Phase, PostingView  # noqa: E402
from app.ui.shell.main_window import HISTORY, HMAC, JOURNAL, MainWindow  # noqa: E402

ZH = "zh"


def shoot_all_in_chinese(app: QApplication, window: MainWindow, home: Path) -> None:
    window.set_language(ZH)
    shoot_grid_typing_zh(app, window)
    shoot_problems_zh(app, window, home)
    shoot_account_mapping_zh(app, window, home)
    shoot_settings_zh(app, window)
    shoot_hmac_zh(app, window)
    shoot_posting_zh(app, window, home)
    shoot_reconcile_zh(app, window, home)
    shoot_wizard_zh(app, window)
    shoot_drafts_zh(app, window, home)
    window.set_language("id")


def shoot_grid_typing_zh(app: QApplication, window: MainWindow) -> None:
    """Two entries typed with the keyboard, dates the Chinese way, the account list open."""
    page = window.journal_page
    page.model.clear()
    page.banner.hide()
    window.show_page(JOURNAL)
    window.activateWindow()
    page.grid.setFocus()
    tab, enter = Qt.Key.Key_Tab, Qt.Key.Key_Return
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(page.grid, enter, ctrl_shift)  # a new entry
    type_keys(app, window, "2026-08-05", tab, "BKK-0001", tab, "Bayar listrik Agustus", tab)
    type_keys(app, window, "beban lis", tab, "1.250.000", enter)
    type_keys(app, window, "bank bca", tab, tab, "1.250.000", enter)
    QTest.keyClick(page.grid, enter, ctrl_shift)
    type_keys(app, window, tab, tab, "Internet kantor", tab, "beban tel")
    shoot_with_popup(app, window, "grid-typing-zh.png")
    type_keys(app, window, Qt.Key.Key_Escape, Qt.Key.Key_Escape)
    page.model.undo_stack.setClean()


def shoot_problems_zh(app: QApplication, window: MainWindow, home: Path) -> None:
    page = window.journal_page
    page.import_file(write_workbook(home / "Jurnal Januari 2026 (revisi).xlsx", problem_rows()))
    wait_until(app, lambda: not page.busy and page.model.problem_count, "the import")
    page.problems_panel.table.selectRow(1)
    shoot(app, window, "journal-problems-zh.png")


def shoot_account_mapping_zh(app: QApplication, window: MainWindow, home: Path) -> None:
    page = window.journal_page
    page.import_file(write_workbook(home / "Jurnal klien Februari 2026.xlsx", client_rows()))
    wait_until(app, lambda: not page.busy and page.model.problem_count, "the client's import")
    dialog = page.account_mapping.open_dialog()
    dialog.choose("1-1100", "1-10002")
    dialog.choose("4-1000", "4-40000")
    dialog.choose("1-1200", "1-10000")  # a parent account: the dialog says why not
    shoot(app, dialog, "account-mapping-zh.png")
    dialog.reject()


def shoot_settings_zh(app: QApplication, window: MainWindow) -> None:
    choices = Choices(language=ZH, rounding=ROUND_ASK, api_language="ID", bulk_posting=True)
    dialog = SettingsDialog(choices, company="PT Maju Jaya", parent=window)
    window.retranslate()
    dialog.show()
    dialog.adjustSize()
    shoot(app, dialog, "settings-zh.png")
    dialog.reject()


def shoot_hmac_zh(app: QApplication, window: MainWindow) -> None:
    window.show_page(HMAC)
    view = window.hmac_view
    view.example_button.click()  # the documented example secret and timestamp
    shoot(app, window, "hmac-calculator-zh.png")
    window.show_page(JOURNAL)


def entries(count: int) -> list[JournalEntry]:
    """Balanced two-line entries on the demo company's first two postable accounts."""
    debit, credit = [account.no for account in ACCURATE_CHART if account.postable][:2]
    made = []
    for number in range(1, count + 1):
        amount = Decimal(number * 125000) + Decimal("0.50")
        made.append(
            JournalEntry(
                date=date(2026, 1, 1 + number % 28),
                reference=f"JU-{number:05}",
                description=f"Penjualan tunai {number}",
                lines=[
                    JournalLine(debit, debit=amount, row=number * 2),
                    JournalLine(credit, credit=amount, row=number * 2 + 1),
                ],
            )
        )
    return made


def shoot_posting_zh(app: QApplication, window: MainWindow, home: Path) -> None:
    """The question, the run half way (one bulk request answered), then done with its report
    saved."""
    page = window.journal_page
    page.model.load_entries(entries(150))  # two bulk requests: 100, then 50
    wait_until(app, page.is_ready, "the grid")
    sandbox = window.companies.demo.sandbox
    # Uneven answers (0.3 to 5.7 s), so one bulk request is answered while another is not.
    sandbox.faults = Faults(latency_ms=3000, latency_jitter=0.9, seed=7)
    views: list[PostingView] = []
    window.posting.opened.connect(views.append)
    window.open_posting()
    box = window.posting.dialog
    wait_until(app, lambda: box.isVisible(), "the question before posting")
    shoot_over(app, window, box, "posting-confirm-zh.png")
    press(box, YES_POST.get())
    wait_until(app, lambda: views and 0 < views[0].sent < 150, "the first request answered")
    view = views[0]
    view.resize(1180, 760)
    shoot(app, view, "posting-running-zh.png")
    sandbox.faults = Faults()
    wait_until(app, lambda: view.phase is Phase.DONE, "the posting run")
    report = home / "laporan-posting.xlsx"
    view.save_report_to(report)
    wait_until(app, lambda: report.exists() and not view.report_runner.busy, "the report")
    shoot(app, view, "posting-zh.png")
    print("result workbook:", report)
    view.close()
    window.posting.opened.disconnect(views.append)
    page.model.undo_stack.setClean()


def shoot_reconcile_zh(app: QApplication, window: MainWindow, home: Path) -> None:
    """The batch open in the history, then January reconciled after the service's books were
    changed by hand: one voucher smaller, one deleted, one typed in the service."""
    window.show_page(HISTORY)
    history = window.history_view
    history.reload()
    wait_until(app, lambda: history.model.rowCount() >= 1, "the history")
    wait_until(app, lambda: history.batch_view.details is not None, "the batch")
    shoot(app, window, "history-zh.png")

    sandbox = window.companies.demo.sandbox

    def smaller(voucher):
        for line in voucher["detailJournalVoucher"]:
            line["amount"] = "1000.00"
        return voucher

    sandbox.edit_voucher_in_app("JU-00004", smaller)
    sandbox.edit_voucher_in_app("JU-00007", lambda _voucher: None)
    debit, credit = [account.no for account in ACCURATE_CHART if account.postable][:2]
    lines = [(debit, "DEBIT", "250000"), (credit, "CREDIT", "250000")]
    sandbox.type_voucher_in_app("KAS-0115", "15/01/2026", lines, "Diketik langsung")
    report = home / "rekonsiliasi-januari.xlsx"
    history._choose_report_path = lambda *_: report  # the save dialog, answered
    history.ask_period()
    dialog = history.period_dialog
    dialog.first_edit.setText("2026-01-01")
    dialog.last_edit.setText("2026-01-31")
    shoot(app, dialog, "reconcile-period-zh.png")
    dialog.reconcile_button.click()
    wait_until(app, lambda: report.exists() and not history.reconcile_runner.busy, "reconciling")
    shoot(app, window, "history-reconcile-zh.png")
    print("reconcile workbook:", report)
    window.show_page(JOURNAL)


def shoot_wizard_zh(app: QApplication, window: MainWindow) -> None:
    """Add company: the service, the Accurate credentials, the connection found, the branch
    (the demo company given three), the name and where the secrets are kept."""
    from screenshots_wizard_posting import GnomeKeyring, typed

    from app.profiles.secrets import SecretStore
    from app.profiles.store import ProfileStore
    from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN
    from app.setup.wizard.flow import Connector, CredentialsWizard
    from app.ui.wizard.dialog import CredentialsWizardView

    sandbox = window.companies.demo.sandbox
    sandbox.set_branches(MULTI_BRANCHES)
    store = ProfileStore(window.home / "wizard", SecretStore(GnomeKeyring()))
    view = CredentialsWizardView(CredentialsWizard(store, connector=Connector()), window.executor)
    view.show()
    view.service_page.accurate.radio.setChecked(True)
    shoot(app, view, "wizard-service-zh.png")
    view.next_button.click()
    form = view.accurate_form
    typed(form.token.edit, DEMO_ACCURATE_TOKEN)
    typed(form.secret.edit, DEMO_ACCURATE_SECRET)
    form.advanced.button.click()
    typed(form.url, sandbox.account_url)
    shoot(app, view, "wizard-accurate-zh.png")
    view.next_button.click()
    wait_until(app, lambda: view.wizard.connection is not None, "the connection test")
    shoot(app, view, "wizard-connected-zh.png")
    view.next_button.click()
    wait_until(app, lambda: view.pages.currentWidget() is not None, "the next page")
    view.branch_page.branches.setCurrentRow(1)  # a default branch: Cabang Surabaya
    shoot(app, view, "wizard-branch-zh.png")
    view.next_button.click()
    shoot(app, view, "wizard-name-zh.png")
    view.shutdown(10.0)
    view.close()
    sandbox.set_branches(("Pusat",))


def shoot_drafts_zh(app: QApplication, window: MainWindow, home: Path) -> None:
    page = window.journal_page
    page.import_file(write_workbook(home / "Jurnal Januari 2026.xlsx"))
    wait_until(app, lambda: not page.busy and page.is_ready(), "the import")
    page.model.setData(page.model.index(0, Column.MEMO), "Dicatat dari kas (dicek)")
    from app.drafts.words import RESTORE
    from app.ui.common.words import CANCEL

    shoot_drafts(app, window, "-zh", (CANCEL.get(), RESTORE.get()))
    page.model.undo_stack.setClean()


def shoot_firm_zh(app: QApplication) -> None:
    """The Many companies page posting a plan of three companies one by one, mid-run."""
    from firm_screenshots import _shared_keyring, _workbook

    from app.api.ratelimit import LimiterRegistry
    from app.profiles.secrets import SecretStore
    from app.profiles.store import Profile, ProfileStore
    from app.sandbox import Sandbox
    from app.ui.firm.model import PROGRESS
    from app.ui.firm.page import FirmView

    home = Path(tempfile.mkdtemp(prefix="jd-firm-zh-"))
    os.environ["JURNAL_DESK_HOME"] = str(home)
    set_language(ZH)
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
        wait_until(app, lambda: view.model.rowCount() == 3 and view.post_button.isEnabled(), "plan")

        def done_of(row: int) -> int:
            text = view.model.index(row, PROGRESS).data() or ""
            head = text.split("/")[0].strip().replace(",", "").replace(".", "")
            return int(head) if "/" in text and head.isdigit() else 0

        view.post_button.click()
        wait_until(app, lambda: done_of(2) >= 40, "the plan posting")
        shoot(app, view, "firm-posting-zh.png")
        view.stop_all()
        view.shutdown()
    set_language("id")
