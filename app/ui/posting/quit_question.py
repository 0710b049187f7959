"""Quitting while entries are being posted asks first.

The window's close (the title bar, File › Keluar, Ctrl+Q) while a posting window is sending
asks, window-modal and without a nested event loop: "Hentikan dan keluar" stops posting (the
requests under way finish; what was sent stays posted, the rest stays unsent in the outbox
and is offered at the next start, `resume_banner`) and then quits; "Teruskan posting" (the
default, and Escape) cancels the quit and posting goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.i18n import Text, tr
from app.ui.common.words import bind, count
from app.ui.posting.window import Phase, PostingView
from app.ui.posting.words import KEEP_POSTING

STOP_AND_QUIT: Final = tr("Hentikan dan keluar")
_SENDING: Final = (Phase.POSTING, Phase.STOPPING)
COUNT_EVERY_MS: Final = 500  # the question's counts follow the run while it is open


class PostingQuitGuard(QObject):
    """Asks before the window closes while a posting window sends. `views()` gives the
    window's posting windows."""

    def __init__(self, window: QWidget, views: Callable[[], list[PostingView]]) -> None:
        super().__init__(window)
        self._window = window
        self._views = views
        self.stopping = False  # the user chose to stop posting and quit
        self.dialog: QMessageBox | None = None
        self._counting = QTimer(self)
        self._counting.setInterval(COUNT_EVERY_MS)
        self._counting.timeout.connect(self._count_again)
        self._asked: list[PostingView] = []  # the windows that were sending when asked

    def posting(self) -> list[PostingView]:
        return [view for view in self._views() if view.phase in _SENDING]

    def allows_close(self) -> bool:
        """True to close now; False when the question is asked instead (the close waits)."""
        views = self.posting()
        if self.stopping or not views:
            return True
        if self.dialog is None:
            self.dialog = self._ask(views)
        return False

    def _ask(self, views: list[PostingView]) -> QMessageBox:
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Warning)
        # Bound texts: a language switch while the question is open changes it too.
        bind(box, tr("Keluar dari Jurnal Desk"), "setWindowTitle")
        bind(box, self._question(views))
        bind(box, details(), "setInformativeText")
        stop = box.addButton("", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("", QMessageBox.ButtonRole.RejectRole)
        bind(stop, STOP_AND_QUIT)
        bind(keep, KEEP_POSTING)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            self.dialog = None
            self._counting.stop()
            self._asked = []
            if box.clickedButton() is stop:
                self._stop_and_quit()

        box.finished.connect(answered)
        box.open()
        self._asked = list(views)
        self._counting.start()
        return box

    def _question(self, views: list[PostingView]) -> Text:
        sent = sum(view.sent for view in views)
        total = sum(view.total for view in views)
        return question(sent, total, views[0].company_name)

    def _count_again(self) -> None:
        # Those still open (one that finished meanwhile counts as it ended).
        views = [view for view in self._views() if view in self._asked]
        if self.dialog is not None and views:
            bind(self.dialog, self._question(views))

    def _stop_and_quit(self) -> None:
        self.stopping = True
        for view in self.posting():
            view.stop()  # no new request leaves; the window's close waits for those under way
        QTimer.singleShot(0, self._window.close)  # once the question has closed


def question(sent: int, total: int, company: str) -> Text:
    return tr(
        "Jurnal sedang diposting ke {c}: {s} dari {t} sudah terkirim. Hentikan posting dan keluar?",
        c=company,
        s=count(sent),
        t=count(total),
    )


def details() -> Text:
    return tr(
        "Bila dihentikan, permintaan yang sedang berjalan diselesaikan dulu. Jurnal yang sudah "
        "terkirim tetap terposting; sisanya tetap belum terkirim dan ditawarkan untuk "
        'dilanjutkan saat Jurnal Desk dibuka lagi, tanpa duplikasi. "Teruskan posting" '
        "membatalkan keluar."
    )


__all__ = ["STOP_AND_QUIT", "PostingQuitGuard"]
