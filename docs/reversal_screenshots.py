"""Regenerate the screenshots in docs/ of cancelling a batch with reversing entries: the
question the history's batch panel asks (what will be posted, on which date), and the history
afterwards with the original batch and its reversal linked, in Indonesian and in English
(`-en.png`).

Run with `QT_QPA_PLATFORM=offscreen python docs/reversal_screenshots.py` (nothing is sent
anywhere: the company is the demo Sempoa company on the local sandbox, the home folder a
temporary one). The helpers are those of `docs/screenshots.py`.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QApplication

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import press, shoot, shoot_over, wait_until

from app.core.books.journal import JournalEntry, JournalLine
from app.core.i18n import set_language
from app.sandbox import SEMPOA_CHART
from app.ui.company.company_bar import DEMO_ENTRIES
from app.ui.history.reversal_dialog import ReversalDialog
from app.ui.posting.window import Phase, PostingView
from app.ui.shell.main_window import HISTORY, MainWindow


def entries() -> list[JournalEntry]:
    """A few month-end entries on the demo Sempoa company's first two postable accounts."""
    debit, credit = [account.kode for account in SEMPOA_CHART if not account.is_group][:2]
    texts = ("Penjualan tunai", "Setoran ke bank", "Pelunasan piutang", "Penjualan tunai")
    made = []
    for number, text in enumerate(texts, start=1):
        amount = Decimal(number * 1_250_000)
        made.append(
            JournalEntry(
                date=date(2026, 8, 25 + number),
                reference=f"JU-2026-08{number:02}",
                description=f"{text} Agustus",
                lines=[
                    JournalLine(debit, debit=amount, row=number * 2),
                    JournalLine(credit, credit=amount, row=number * 2 + 1),
                ],
            )
        )
    return made


def post(app: QApplication, window: MainWindow) -> None:
    page = window.journal_page
    page.model.load_entries(entries())
    wait_until(app, page.is_ready, "the grid")
    views: list[PostingView] = []
    window.posting.opened.connect(views.append)
    window.open_posting()
    wait_until(app, lambda: window.posting.dialog is not None, "the confirmation")
    press(window.posting.dialog, "Ya, posting")
    wait_until(app, lambda: views and views[0].phase is Phase.DONE, "the posting run")
    views[0].close()
    page.model.undo_stack.setClean()


def question(app: QApplication, window: MainWindow, suffix: str) -> ReversalDialog:
    panel = window.history_view.batch_view
    wait_until(app, lambda: panel.ui.reverse_button.isEnabled(), "the reverse button")
    panel.ui.reverse_button.click()
    wait_until(app, lambda: isinstance(panel.dialog, ReversalDialog), "the question")
    dialog = panel.dialog
    assert isinstance(dialog, ReversalDialog)
    wait_until(app, dialog.isVisible, "the question shown")
    dialog.one_date.click()
    shoot_over(app, window, dialog, f"history-reverse-confirm{suffix}.png")
    return dialog


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="jurnal-desk-shots-"))
    os.environ["JURNAL_DESK_HOME"] = str(home)
    set_language("id")
    app = QApplication.instance() or QApplication([])
    app.setStyle("Fusion")
    window = MainWindow(home=home, language="id")
    window.resize(1366, 820)
    window.show()
    try:
        window.companies.select(DEMO_ENTRIES[1].key)  # the demo Sempoa company
        wait_until(app, lambda: window.current_chart() is not None, "the demo company")
        post(app, window)
        window.show_page(HISTORY)
        history = window.history_view
        panel = history.batch_view
        wait_until(app, lambda: panel.details is not None, "the history")
        original = panel.details.batch.id

        question(app, window, "").reject()
        window.set_language("en")
        question(app, window, "-en").reject()
        window.set_language("id")
        dialog = question(app, window, "")
        dialog.original_dates.click()
        dialog.accept()
        wait_until(app, lambda: "dibalik" in panel.ui.notice_label.text(), "the reversal")
        wait_until(
            app,
            lambda: (
                history.model.rowCount() == 2
                and panel.details is not None
                and panel.details.batch.id == original
                and panel.details.reversed_by != ""
            ),
            "the history reloaded",
        )
        shoot(app, window, "history-reversed.png")
        window.set_language("en")
        wait_until(app, lambda: panel.details.language == "en", "the history in English")
        shoot(app, window, "history-reversed-en.png")
        window.set_language("id")
    finally:
        window.close()
        window.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
