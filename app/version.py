"""Jurnal Desk's version, from one place: `version` in pyproject.toml.

`jurnal-desk --version`, the About box, the log file and the result workbook all read
`app.__version__`, which comes from here:

1. a source checkout (the repository, or an editable install of it): pyproject.toml beside
   the `app` package, so a version bumped there shows at once, without reinstalling;
2. an installed wheel or a standalone build: the installed distribution's metadata
   (`importlib.metadata`; the standalone build ships it, see packaging/pysidedeploy.spec);
3. neither: "0+unknown", rather than failing to start over a version number.
"""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path
from typing import Final

DISTRIBUTION: Final = "jurnal-desk"
UNKNOWN: Final = "0+unknown"
_PYPROJECT: Final = Path(__file__).resolve().parent.parent / "pyproject.toml"


def app_version() -> str:
    """The running Jurnal Desk's version, e.g. "0.2.0"."""
    return _checkout_version(_PYPROJECT) or _installed_version() or UNKNOWN


def _checkout_version(pyproject: Path) -> str | None:
    try:
        with pyproject.open("rb") as file:
            project = tomllib.load(file).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return None
    # Only our own pyproject.toml: a site-packages folder never has one beside `app`, but a
    # stray file of another project must not lend us its version.
    if project.get("name") != DISTRIBUTION:
        return None
    version = project.get("version")
    return version if isinstance(version, str) and version else None


def _installed_version() -> str | None:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None
