"""Where things are, for tests that run files or read the checkout: the checkout itself
(`ROOT`, the one import root of app/ and tests/) and this folder of helpers."""

from __future__ import annotations

from pathlib import Path
from typing import Final

HELPERS: Final = Path(__file__).resolve().parent
ROOT: Final = HELPERS.parent.parent
