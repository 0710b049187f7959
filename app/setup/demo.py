"""Demo mode: the app working with no account, against the sandbox in this process.

`start_demo(home)` starts a `Sandbox` on 127.0.0.1 and returns a `Demo` holding two ready
profiles (an Accurate and a Sempoa company), credentials for them, and a folder of its own for
the posting history. Nothing is written to the user's profiles.json or to the OS keyring: the
demo credentials are public and open nothing but this sandbox.

`multi_branch=True` gives the demo Accurate company several branches (a user who sees more
than one must name a branch on every save); its profile then has the first branch as its
default, as a profile made by the wizard would.

The sandbox keeps its books in memory and starts empty, so the demo's history folder is
emptied at every start; an old history would list vouchers the new sandbox does not have.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from app.profiles.secrets import Credentials, SecretMissing
from app.profiles.store import Profile
from app.sandbox.branches import MULTI_BRANCHES
from app.sandbox.server import (
    DEMO_ACCURATE_SECRET,
    DEMO_ACCURATE_TOKEN,
    DEMO_SEMPOA_TOKEN,
    Sandbox,
)

DEMO_ACCURATE_NAME: Final = "Demo Accurate (sandbox)"
DEMO_SEMPOA_NAME: Final = "Demo Sempoa (sandbox)"
DEMO_NAMES: Final = (DEMO_ACCURATE_NAME, DEMO_SEMPOA_NAME)
DEMO_FOLDER: Final = "demo"
_HIDDEN = "<hidden>"


class DemoSecrets:
    """The demo profiles' token and Signature Secret, with the methods of `SecretStore` that
    `connect()` and the posting service use. It never touches the OS keyring."""

    def __init__(self) -> None:
        self._values: dict[tuple[str, str], str] = {
            (DEMO_ACCURATE_NAME, "token"): DEMO_ACCURATE_TOKEN,
            (DEMO_ACCURATE_NAME, "secret"): DEMO_ACCURATE_SECRET,
            (DEMO_SEMPOA_NAME, "token"): DEMO_SEMPOA_TOKEN,
        }

    def check_available(self) -> str:
        return "demo"

    def get_token(self, profile_name: str) -> str:
        return self._get(profile_name, "token")

    def get_secret(self, profile_name: str) -> str:
        return self._get(profile_name, "secret")

    def has_token(self, profile_name: str) -> bool:
        return (profile_name, "token") in self._values

    def credentials(self, profile_name: str, *, with_secret: bool = True) -> Credentials:
        token = self.get_token(profile_name)
        return Credentials(token, self.get_secret(profile_name) if with_secret else None)

    def delete(self, profile_name: str) -> None:
        """Nothing to forget: the demo credentials are fixed."""

    def _get(self, profile_name: str, kind: str) -> str:
        try:
            return self._values[(profile_name, kind)]
        except KeyError:
            raise SecretMissing(profile_name, kind) from None

    def __repr__(self) -> str:
        return f"DemoSecrets(profiles={list(DEMO_NAMES)!r}, values={_HIDDEN})"


@dataclass(eq=False)
class Demo:
    """A running demo: the sandbox, its two profiles, their credentials, a history folder."""

    sandbox: Sandbox
    profiles: list[Profile]
    secrets: DemoSecrets
    outbox_home: Path
    _stopped: bool = field(default=False, repr=False)

    def profile(self, name: str) -> Profile:
        for profile in self.profiles:
            if profile.name == name:
                return profile
        raise KeyError(name)

    @property
    def accurate(self) -> Profile:
        return self.profile(DEMO_ACCURATE_NAME)

    @property
    def sempoa(self) -> Profile:
        return self.profile(DEMO_SEMPOA_NAME)

    def host_saver(self, name: str) -> Callable[[str], None]:
        """A `store_host` for `connect()`: remembers the demo company's data host in memory
        (a demo profile is never saved), so later connections skip `api-token.do`."""

        def save(host: str) -> None:
            checked = datetime.now(UTC)
            self.profiles = [
                replace(p, data_host=host, host_checked_at=checked) if p.name == name else p
                for p in self.profiles
            ]

        return save

    @property
    def running(self) -> bool:
        return not self._stopped

    def stop(self) -> None:
        """Close the sandbox's listening ports. Safe to call twice."""
        if not self._stopped:
            self._stopped = True
            self.sandbox.stop()

    def __enter__(self) -> Demo:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


def start_demo(home: Path, *, sandbox: Sandbox | None = None, multi_branch: bool = False) -> Demo:
    """Start the sandbox (or the one given, unstarted) and return the demo around it.
    `home` is the Jurnal Desk home; the demo's history goes to `home / "demo"`."""
    outbox_home = Path(home) / DEMO_FOLDER
    _empty_folder(outbox_home)
    sb = (sandbox or Sandbox()).start()
    branch = MULTI_BRANCHES[0] if multi_branch else None
    try:
        if multi_branch:
            sb.set_branches(MULTI_BRANCHES)
        profiles = [
            Profile(
                DEMO_ACCURATE_NAME, "accurate", url=sb.account_url, sandbox=True, branch=branch
            ),
            Profile(DEMO_SEMPOA_NAME, "sempoa", url=sb.sempoa_url, sandbox=True),
        ]
    except BaseException:
        sb.stop()
        raise
    return Demo(sb, profiles, DemoSecrets(), outbox_home)


def _empty_folder(folder: Path) -> None:
    # The folder is Jurnal Desk's own ("demo" under its home): only the demo writes there.
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
