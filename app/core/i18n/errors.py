"""The error a user can act on."""

from __future__ import annotations

from app.core.i18n.text import Text


class JurnalError(Exception):
    """An error a user can act on; its text says what happened and what to do."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.id)
        self.text = text

    def __str__(self) -> str:
        return self.text.get()
