"""The selected company's own settings, as the Settings dialog shows and saves them: the
language of Accurate's messages, bulk posting and the default branch.

Reading the company's branches and saving its profile touch the network and the disk, so both
run on workers; the dialog opens at once and is filled in when the list arrives.
"""

from __future__ import annotations

from concurrent.futures import Executor

from PySide6.QtCore import QObject, Signal

from app.api.ratelimit import LimiterRegistry
from app.core.error_text import error_text
from app.core.i18n import Text, tr
from app.profiles.store import Profile, ProfileStore
from app.setup.preferences import Choices, changed, list_branches, save_company_settings
from app.setup.session import CompanySession
from app.ui.common.tasks import Runners, Timeout
from app.ui.company.settings_dialog import SettingsDialog


class CompanySettings(QObject):
    """Fills the dialog's branch list and saves what the user chose, both on workers."""

    failed = Signal(object)  # Text: the status line's message

    def __init__(self, parent: QObject, executor: Executor, limiters: LimiterRegistry) -> None:
        super().__init__(parent)
        self._limiters = limiters
        self._dialog: SettingsDialog | None = None
        self._runners = Runners(executor, self)
        self.saver = self._runners.new(error=self._save_failed)
        self.reader = self._runners.new(result=self._branches_read, error=self._branches_unread)

    def read_branches(self, dialog: SettingsDialog, session: CompanySession) -> None:
        self._dialog = dialog
        dialog.destroyed.connect(self._forget_dialog)
        self.reader.start(list_branches, session, self._limiters)

    def save(self, store: ProfileStore, profile: Profile, choices: Choices) -> None:
        if changed(profile, choices):
            self.saver.start(save_company_settings, store, profile.name, choices)

    def shutdown(self, timeout: Timeout) -> None:
        self._runners.shutdown(timeout)

    def _forget_dialog(self) -> None:
        self._dialog = None

    def _branches_read(self, names: list[str]) -> None:
        if self._dialog is not None:
            self._dialog.show_branches(names)

    def _branches_unread(self, error: BaseException) -> None:
        if self._dialog is not None:
            self._dialog.show_branches_unread(_unread_text(error))

    def _save_failed(self, error: BaseException) -> None:
        self.failed.emit(error_text(error, _not_saved_text))


def _not_saved_text(kind: Text) -> Text:
    return tr(
        "Pengaturan perusahaan tidak tersimpan ({e}); coba lagi dari Berkas › Pengaturan.",
        e=kind,
    )


def _unread_text(error: BaseException) -> Text:
    reason = error_text(error, lambda kind: tr("Koneksi gagal ({e}).", e=kind))
    return tr("Daftar cabang tidak terbaca. {e} Nama cabang tetap bisa diketik.", e=reason)
