"""The selected company's own settings, as the Settings dialog shows and saves them: the
language of Accurate's messages, bulk posting and the default branch.

Reading the company's branches and saving its profile touch the network and the disk, so both
run on workers; the dialog opens at once and is filled in when the list arrives.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import Executor

from PySide6.QtCore import QObject, Signal

from app.api.accurate import AccurateClient
from app.api.ratelimit import LimiterRegistry
from app.core.error_text import error_text
from app.core.i18n import Text, tr
from app.profiles.store import Profile, ProfileStore
from app.setup.session import CompanySession
from app.ui.settings_dialog import Choices, SettingsDialog
from app.ui.tasks import Runners, TaskState, Timeout


def save_company_settings(
    store: ProfileStore, name: str, choices: Choices, state: TaskState
) -> Profile:
    """Worker: the company's own settings into its profile (profiles.json)."""
    state.check()
    profile = store.get(name)
    changed = dataclasses.replace(
        profile,
        language=choices.api_language or profile.language,
        bulk_posting=bool(choices.bulk_posting),
        branch=choices.branch or None,
    )
    store.save(changed)
    return changed


def list_branches(
    session: CompanySession, limiters: LimiterRegistry, state: TaskState
) -> list[str]:
    """Worker: the names of the company's branches, as Accurate spells them."""
    with session.client(limiters) as client:
        state.check()
        if not isinstance(client, AccurateClient):
            return []
        return [branch.name for branch in client.branches(cancel=state.cancel)]


def company_choices(profile: Profile | None) -> dict[str, object]:
    """The company part of the dialog's `Choices` (all None: nothing to change here)."""
    if profile is None:
        return {}
    return {
        "api_language": profile.language,
        "bulk_posting": profile.bulk_posting,
        "branch": profile.branch or "",
    }


def changed(profile: Profile, choices: Choices) -> bool:
    return (profile.language, profile.bulk_posting, profile.branch or "") != (
        choices.api_language,
        bool(choices.bulk_posting),
        choices.branch or "",
    )


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


def _not_saved_text(kind: str) -> Text:
    return tr(
        "Pengaturan perusahaan tidak tersimpan ({e}); coba lagi dari Berkas › Pengaturan.",
        "The company's settings were not saved ({e}); try again from File › Settings.",
        e=kind,
    )


def _unread_text(error: BaseException) -> Text:
    reason = error_text(
        error, lambda kind: tr("Koneksi gagal ({e}).", "The connection failed ({e}).", e=kind)
    )
    return Text(
        f"Daftar cabang tidak terbaca. {reason.id} Nama cabang tetap bisa diketik.",
        f"The list of branches could not be read. {reason.en} A branch name can still be typed.",
    )
