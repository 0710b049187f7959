"""The credentials wizard's name page field (app.setup.wizard.flow): the profile's name, the
tested company's name until the user types one, and why it cannot be used. The names already
taken are read from profiles.json when asked (entering the page, finishing), not at every
keystroke. Plain Python, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.core.i18n import JurnalError, Text
from app.profiles.store import Profile, ProfileStore, Service


@dataclass
class ProfileName:
    """The name typed (or proposed) for the new profile, and its problem (None: usable)."""

    store: ProfileStore = field(repr=False)
    text: str = ""
    edited: bool = False  # typed by the user: no longer replaced by the company's name
    problem: Text | None = None
    _existing: list[Profile] | None = field(default=None, repr=False)  # the names read once

    def type(self, text: str, service: Service | None) -> None:
        self.text, self.edited = text, True
        self.check(service)

    def enter(self, proposed: str | None, service: Service | None) -> None:
        """The name page opens: `proposed` (the tested company's name) unless a name was
        typed; the names in use are read again."""
        if not self.edited and proposed is not None:
            self.text = proposed
        self.check(service, reread=True)

    def check(self, service: Service | None, *, reread: bool = False) -> Text | None:
        """Why this name cannot be used (empty, control characters, taken), or None. The names
        in use are read from profiles.json when `reread` (or never read yet)."""
        try:
            Profile(self.text, service or "accurate")
            if reread or self._existing is None:
                self._existing = self.store.list()
            self.store.check_new_name(self.text, among=self._existing)
        except JurnalError as error:
            self.problem = error.text
        else:
            self.problem = None
        return self.problem


__all__ = ["ProfileName"]
