"""Regenerate docs/history-reconcile.png and docs/history-reconcile-en.png: the history page
after "Cocokkan periode… / Reconcile period…" found a voucher changed, one deleted and one
typed by hand in the service, and docs/reconcile-period.png / -en.png: the question asking
the period.

Run with `QT_QPA_PLATFORM=offscreen python docs/reconcile_screenshots.py`. Nothing is sent
anywhere: the company is the local sandbox's demo company, the home folder a temporary one.
The pictures are taken in Indonesian, then the page is switched to English as the window does
after File › Settings, and taken again.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtWidgets import QApplication

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))
WAIT_SECONDS = 60.0


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="jd-reconcile-shots-"))
    os.environ["JURNAL_DESK_HOME"] = str(home)
    app = QApplication.instance() or QApplication(sys.argv)

    from app.api.ratelimit import LimiterRegistry
    from app.core.i18n import set_language
    from app.posting.engine import PostingEngine
    from app.posting.service import opened_outbox
    from app.sandbox import Sandbox
    from app.setup.connect import company_for
    from app.setup.demo import start_demo
    from app.ui.company.company_bar import CompanySession
    from app.ui.history.page import HistoryView
    from tests.helpers.posting_helpers import ACCURATE_CREDIT, ACCURATE_DEBIT, entries

    set_language("id")
    limiters = LimiterRegistry()
    with (
        start_demo(home, sandbox=Sandbox(enforce_rate_limit=False)) as demo,
        ThreadPoolExecutor(4) as pool,
    ):
        profile = demo.accurate
        with (
            company_for(profile, demo.secrets, limiters, bulk=True) as company,
            opened_outbox(demo.outbox_home) as outbox,
        ):
            engine = PostingEngine(outbox, company.target, profile.name)
            batch = engine.open_batch(entries(12, prefix="JU"), source_file="Agustus.xlsx")
            engine.run(batch)

        def smaller(voucher):
            for line in voucher["detailJournalVoucher"]:
                line["amount"] = "1000.00"
            return voucher

        demo.sandbox.edit_voucher_in_app("JU-00004", smaller)
        demo.sandbox.edit_voucher_in_app("JU-00007", lambda _voucher: None)
        lines = [(ACCURATE_DEBIT, "DEBIT", "250000"), (ACCURATE_CREDIT, "CREDIT", "250000")]
        demo.sandbox.type_voucher_in_app("KAS-0815", "15/08/2026", lines, "Diketik langsung")

        report = home / "rekonsiliasi-agustus.xlsx"
        view = HistoryView(pool, limiters=limiters, choose_report_path=lambda *_: report)
        view.resize(1200, 720)
        view.show()
        session = CompanySession(profile, demo.secrets, demo.outbox_home, demo=demo)
        view.set_session(session)
        _wait(app, lambda: view.model.rowCount() == 1, "the history")

        view.ask_period()
        dialog = view.period_dialog
        assert dialog is not None
        dialog.first_edit.setText("01/08/2026")
        dialog.last_edit.setText("31/08/2026")
        _settle(app)
        dialog.grab().save(str(DOCS / "reconcile-period.png"))
        set_language("en")
        from app.ui.common.words import retranslate_tree

        retranslate_tree(dialog)
        _settle(app)
        dialog.grab().save(str(DOCS / "reconcile-period-en.png"))
        set_language("id")
        retranslate_tree(dialog)
        dialog.reconcile_button.click()

        _wait(app, lambda: "berbeda" in view.reconcile_notice.text(), "the reconciliation")
        _settle(app)
        view.grab().save(str(DOCS / "history-reconcile.png"))
        set_language("en")
        view.retranslate()
        _wait(app, lambda: "different" in view.reconcile_notice.text(), "English")
        _wait(app, lambda: not view.batch_view.load_runner.busy, "the batch in English")
        _settle(app)
        view.grab().save(str(DOCS / "history-reconcile-en.png"))
        view.shutdown(10)
        session.end()


def _settle(app: QApplication) -> None:
    end = time.monotonic() + 0.5
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def _wait(app: QApplication, done, what: str) -> None:
    end = time.monotonic() + WAIT_SECONDS
    while not done():
        if time.monotonic() > end:
            raise SystemExit(f"timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.02)


if __name__ == "__main__":
    main()
