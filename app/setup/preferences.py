"""What the Settings dialog may change, decided without a window: the language a start
uses, and whether the selected company has settings of its own to change (and, when it has
none, why not)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TypedDict

from app.api.accurate import AccurateClient
from app.api.ratelimit import LimiterRegistry
from app.core.i18n import JurnalError, Text, languages, tr
from app.core.i18n import set_language as set_process_language
from app.core.tasks import TaskState
from app.profiles.settings import LANGUAGE, Settings
from app.profiles.store import ApiLanguage, Profile, ProfileStore
from app.setup.session import CompanySession


def start_language(settings: Settings, chosen: str | None) -> None:
    """The language for this start: the one chosen on the command line, else the one saved
    in the Settings dialog; with neither, the process keeps its own."""
    if chosen in languages():
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
        return tr("Pilih perusahaan di atas dulu.")
    if session.is_demo:
        return tr("Perusahaan demo memakai pengaturan bawaannya.")
    return tr(
        "Sempoa tidak punya pengaturan ini (pesannya selalu dalam bahasa Indonesia, dan "
        "setiap jurnal dikirim sendiri)."
    )


@dataclass(frozen=True, slots=True)
class Choices:
    """What the dialog shows and saves. `api_language`, `bulk_posting` and `branch` are None
    when the selected company has no such setting to change (Sempoa, the demo, none
    selected); a company's `branch` is "" when it sends none."""

    language: str
    rounding: str
    api_language: ApiLanguage | None = None
    bulk_posting: bool | None = None
    branch: str | None = None
    number_style: str = "id"  # the journal grid's (settings.NUMBER_STYLE), not the language's


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


class CompanyChoices(TypedDict, total=False):
    """The company part of the dialog's `Choices`, as keyword arguments for it."""

    api_language: ApiLanguage
    bulk_posting: bool
    branch: str


def company_choices(profile: Profile | None) -> CompanyChoices:
    """The company part of the dialog's `Choices` (none: nothing to change here)."""
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
