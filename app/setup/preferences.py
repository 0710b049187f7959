"""What the Settings dialog may change, decided without a window: the language a start
uses, and whether the selected company has settings of its own to change (and, when it has
none, why not)."""

from __future__ import annotations

from app.core.i18n import LANGUAGES, JurnalError, Text, tr
from app.core.i18n import set_language as set_process_language
from app.profiles.settings import LANGUAGE, Settings
from app.profiles.store import Profile, ProfileStore
from app.setup.session import CompanySession


def start_language(settings: Settings, chosen: str | None) -> None:
    """The language for this start: the one chosen on the command line, else the one saved
    in the Settings dialog; with neither, the process keeps its own."""
    if chosen in LANGUAGES:
        set_process_language(chosen)
    elif settings.has(LANGUAGE):
        set_process_language(settings.get(LANGUAGE))


def changeable_profile(session: CompanySession | None, store: ProfileStore) -> Profile | None:
    """The selected company's saved Accurate profile, whose own settings can be changed
    (the demo's are fixed; Sempoa has neither setting)."""
    if session is None or session.is_demo or session.profile.service != "accurate":
        return None
    try:
        return store.get(session.profile.name)
    except JurnalError:
        return None


def company_settings_note(session: CompanySession | None) -> Text:
    """Why the selected company has no settings of its own to change."""
    if session is None:
        return tr("Pilih perusahaan di atas dulu.", "Choose a company above first.")
    if session.is_demo:
        return tr(
            "Perusahaan demo memakai pengaturan bawaannya.",
            "The demo companies keep their own settings.",
        )
    return tr(
        "Sempoa tidak punya pengaturan ini (pesannya selalu dalam bahasa Indonesia, dan "
        "setiap jurnal dikirim sendiri).",
        "Sempoa has neither setting (its messages are in Indonesian, and every entry is "
        "sent on its own).",
    )
