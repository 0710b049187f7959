"""The credentials wizard's pages and what each says to the window: `Page`, the flow's
order (`PAGES`), a page's `PageState`, and the words for a step not done yet."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from app.core.i18n import JurnalError, Text, tr


class Page(StrEnum):
    SERVICE = "service"
    CREDENTIALS = "credentials"
    TEST = "test"
    BRANCH = "branch"
    NAME = "name"


PAGES: Final[tuple[Page, ...]] = tuple(Page)


class PageNotReady(JurnalError):
    """next()/finish() was asked of a page that is not valid (or still busy)."""


@dataclass(frozen=True, slots=True)
class PageState:
    """What the GUI shows for one page: may the user go on, is work running, what is wrong.
    `notice` is worth reading but blocks nothing (a trial licence, no keyring yet)."""

    valid: bool
    busy: bool = False
    error: Text | None = None
    notice: Text | None = None


def no_service_text() -> Text:
    return tr("Pilih layanannya dulu.")


def incomplete_text() -> Text:
    return tr("Lengkapi langkah ini dulu.")
