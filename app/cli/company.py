"""Opening a saved company for a command: its profile, secrets and rate limiter.
`saved_stores()` opens the saved profiles and their secrets, for any command that needs them.

Not a command itself (it has no `register`): the commands that talk to a company share it.
"""

from __future__ import annotations

from app.api.ratelimit import LimiterRegistry
from app.core.i18n import JurnalError
from app.posting.outbox import Batch
from app.posting.service import Company, batch_profile_missing
from app.profiles.home import app_home
from app.profiles.secrets import SecretStore
from app.profiles.store import ProfileNotFound, ProfileStore
from app.setup.connect import saved_company as open_saved


def saved_stores() -> tuple[ProfileStore, SecretStore]:
    """This user's saved profiles and the secrets store that holds their tokens."""
    secrets = SecretStore()
    return ProfileStore(app_home(), secrets), secrets


def saved_company(profile_name: str, *, bulk: bool | None = None) -> Company:
    """The saved company (a moved Accurate host is written back); it connects on first use."""
    store, secrets = saved_stores()
    return open_saved(store, secrets, LimiterRegistry(), profile_name, bulk=bulk)


def company_of(batch: Batch) -> Company:
    """The company a batch was posted to; a clear error when its profile is gone."""
    try:
        return saved_company(batch.profile)
    except ProfileNotFound:
        raise JurnalError(batch_profile_missing(batch)) from None
