"""The app icon, loaded from the PNGs shipped inside the package (app/resources/icons/).

The PNGs are rendered from resources/icons/*.svg by packaging/render_icons.py; shipping PNGs
rather than the SVG keeps the icon working where Qt's SVG icon engine plugin is missing
(a trimmed standalone build).
"""

from __future__ import annotations

from importlib import resources
from typing import Final

from PySide6.QtGui import QIcon, QPixmap

ICON_SIZES: Final = (16, 32, 48, 64, 128, 256)
ICON_NAME: Final = "jurnal-desk"


def app_icon() -> QIcon:
    """Jurnal Desk's icon in every size it ships; a null icon if the files are missing,
    so a broken install still opens its window."""
    icon = QIcon()
    folder = resources.files("app") / "resources" / "icons"
    for size in ICON_SIZES:
        file = folder / f"{ICON_NAME}-{size}.png"
        pixmap = QPixmap()
        if file.is_file() and pixmap.loadFromData(file.read_bytes(), "PNG"):
            icon.addPixmap(pixmap)
    return icon
