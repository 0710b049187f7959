"""The system libraries Qt's window needs on Linux, and the Debian/Ubuntu package of each.

PySide6's wheel bundles Qt itself but not the X11/xcb, OpenGL, font and D-Bus libraries of the
system. This table is read off the libraries that load when the window opens: the xcb platform
plugin (`PySide6/Qt/plugins/platforms/libqxcb.so`), `libQt6XcbQpa`, `libQt6Gui`, `libQt6Core`,
`libQt6Widgets`, `libQt6DBus`, the xcb GL integrations and the offscreen plugin (their ELF
`NEEDED` entries, the same names `ldd` resolves). tests/process/test_readme_setup.py reads those
entries again from the installed PySide6 and fails when a name is missing here, and checks that
the README's set-up commands and .ci/run install exactly these packages.

Package names are valid on Debian 12/13 and Ubuntu 22.04/24.04: on the releases that renamed
GLib for 64-bit time (libglib2.0-0t64), apt installs the renamed package for `libglib2.0-0`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Final

# soname -> Debian package that ships it.
QT_SYSTEM_LIBRARIES: Final[dict[str, str]] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}

# Libraries apt itself runs on (the C and C++ runtimes, zlib, zstd): present on every system
# that can run the README's apt-get line, so they are not listed there.
BASE_SYSTEM_LIBRARIES: Final = frozenset(
    {
        "ld-linux-x86-64.so.2",
        "ld-linux-aarch64.so.1",
        "libc.so.6",
        "libdl.so.2",
        "libgcc_s.so.1",
        "libm.so.6",
        "libpthread.so.0",
        "librt.so.1",
        "libstdc++.so.6",
        "libz.so.1",
        "libzstd.so.1",
    }
)

QT_PACKAGES: Final = tuple(sorted(set(QT_SYSTEM_LIBRARIES.values())))

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def xcb_plugin(pyside_folder: Path) -> Path:
    """Where the installed PySide6 keeps Qt's xcb platform plugin."""
    return pyside_folder / "Qt" / "plugins" / "platforms" / "libqxcb.so"


def missing_libraries(library: Path, *, ldd: str | None = None) -> list[str] | None:
    """The sonames `library` (and what it loads) needs that this system lacks, from `ldd`;
    None when that cannot be told (no ldd, not Linux, no such file)."""
    ldd = ldd or shutil.which("ldd")
    if ldd is None or not library.is_file():
        return None
    try:
        done = subprocess.run(
            [ldd, str(library)], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return sorted(set(_NOT_FOUND.findall(done.stdout)))


def packages_for(sonames: Iterable[str]) -> tuple[list[str], list[str]]:
    """The Debian packages that provide `sonames`, and the sonames this table does not know."""
    names = set(sonames)
    packages = sorted({QT_SYSTEM_LIBRARIES[name] for name in names & QT_SYSTEM_LIBRARIES.keys()})
    unknown = sorted(names - QT_SYSTEM_LIBRARIES.keys())
    return packages, unknown
