"""Opening a saved company for a command: its profile, secrets and rate limiter.

`saved_stores()` opens the saved profiles and their secrets, for any command that needs them;
`saved_client()` connects a saved profile now (for commands that talk to the service itself);
`saved_company()` makes the posting `Company`, which connects on first use.

Not a command itself (it has no `register`): the commands that talk to a company share it.
"""

from __future__ import annotations

from app.api.ratelimit import machine_limiters
from app.core.i18n import JurnalError
from app.posting.outbox.ledger import Batch
from app.posting.service import Client, Company, batch_profile_missing
from app.profiles.home import app_home
from app.profiles.secrets import SecretStore
from app.profiles.store import Profile, ProfileNotFound, ProfileStore
from app.setup.connect import connect, host_saver
from app.setup.connect import saved_company as open_saved


def saved_stores() -> tuple[ProfileStore, SecretStore]:
    """This user's saved profiles and the secrets store that holds their tokens."""
    secrets = SecretStore()
    return ProfileStore(app_home(), secrets), secrets


def saved_client(store: ProfileStore, profile: Profile, *, refresh_host: bool = False) -> Client:
    """A client for a saved profile, connected now (network); a moved or re-read Accurate
    host is written back to the profile. `refresh_host` re-reads it even when recent. The
    caller closes the client."""
    return connect(
        profile,
        store.secrets,
        machine_limiters(app_home()),
        store_host=host_saver(store, profile.name),
        refresh_host=refresh_host,
    )


def saved_company(profile_name: str, *, bulk: bool | None = None) -> Company:
    """The saved company (a moved Accurate host is written back); it connects on first use."""
    store, secrets = saved_stores()
    return open_saved(store, secrets, machine_limiters(app_home()), profile_name, bulk=bulk)


def company_of(batch: Batch) -> Company:
    """The company a batch was posted to; a clear error when its profile is gone."""
    try:
        return saved_company(batch.profile)
    except ProfileNotFound:
        raise JurnalError(batch_profile_missing(batch)) from None
