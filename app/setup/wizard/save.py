"""Saving what the credentials wizard found: the secrets in the password store and the
profile in profiles.json, together or not at all, and what to tell the user when that fails.
Where the secrets can go at all is asked before (`app.setup.wizard.secrets_place`)."""

from __future__ import annotations

import contextlib
import logging
from urllib.parse import urlsplit

from app.api.redirects import is_loopback
from app.core.error_text import os_reason
from app.core.i18n import JurnalError, Text, tr
from app.profiles.secrets import SecretsProblem
from app.profiles.store import ApiLanguage, Profile, ProfileStore, SempoaLines, Service
from app.setup.wizard.connection_test import Connection
from app.setup.wizard.credential_checks import save_failed_text

log = logging.getLogger("app.setup.wizard.flow")  # the wizard's own name, as before the split


def new_profile(
    name: str,
    service: Service,
    url: str,
    connection: Connection,
    *,
    language: ApiLanguage,
    sempoa_lines: SempoaLines,
    branch: str | None,
) -> Profile:
    """The profile the wizard saves: what was typed and what the passed test found."""
    accurate = service == "accurate"
    return Profile(
        name=name,
        service=service,
        url=url,
        data_host=connection.host if accurate else None,
        host_checked_at=connection.checked_at if accurate else None,
        language=language,
        sempoa_lines=sempoa_lines,
        company_name=connection.company_name or None,
        user_name=connection.user_name or None,
        branch=branch,
        # A profile for the local sandbox (`jurnal-desk sandbox`) says so in `profile list`.
        sandbox=is_loopback(urlsplit(url).hostname or ""),
    )


def save_profile(store: ProfileStore, profile: Profile, token: str, secret: str) -> None:
    """Secrets first, then the profile; a failure half-way undoes the secrets, so no token
    is left in the keyring without a profile anyone can see or remove. Accurate's Signature
    Secret is kept with the token; Sempoa has none."""
    store.check_new_name(profile.name)
    secrets = store.secrets
    secrets.set_token(profile.name, token)
    try:
        if profile.service == "accurate":
            secrets.set_secret(profile.name, secret)
        store.add(profile)
    except BaseException:
        with contextlib.suppress(JurnalError):
            secrets.delete(profile.name)
        raise


def save_failure_text(store: ProfileStore, error: Exception, remedy: Text | None = None) -> Text:
    """Why saving failed, and what to do; the user may fix it and press Finish again.
    `remedy`: the wizard's own way out, said instead of the error's general advice."""
    if remedy is not None:
        return save_failed_text(JurnalError(remedy))
    if isinstance(error, SecretsProblem):
        return save_failed_text(error)
    if isinstance(error, JurnalError):
        return error.text
    if isinstance(error, OSError):
        return _not_written_text(store, error)
    # A keyring backend's own failure (the store translates what it knows): saving, not the
    # test, went wrong.
    log.warning("saving the profile failed: %s", type(error).__name__)
    return save_failed_text(error)


def _not_written_text(store: ProfileStore, error: OSError) -> Text:
    return tr(
        "Profil tidak bisa disimpan ke {path}: {reason}. Periksa izin folder dan ruang disk, "
        "lalu tekan Selesai lagi.",
        path=store.path,
        reason=os_reason(error),
    )
