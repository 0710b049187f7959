"""Where the user guide is: the checkout's `docs/user-guide.md` (beside its screenshots)
when Jurnal Desk runs from one, else the copy shipped inside the package
(`app/resources/guide/`, kept equal to the docs' by a test). Plain Python; the window's
Help menu opens it with the system's viewer."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Final

GUIDE_NAME: Final = "user-guide.md"


def user_guide() -> Path | None:
    """The guide to open, or None when neither copy is there (a damaged install)."""
    checkout = Path(__file__).resolve().parents[2] / "docs" / GUIDE_NAME
    if checkout.is_file():
        return checkout
    shipped = Path(str(resources.files("app") / "resources" / "guide" / GUIDE_NAME))
    return shipped if shipped.is_file() else None
