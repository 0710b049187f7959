"""Renders the app icon's PNGs from the SVG masters in resources/icons/.

Run from the repository root after changing an SVG:

    QT_QPA_PLATFORM=offscreen python packaging/render_icons.py

Sizes up to 32 px come from a simplified master (`jurnal-desk-small.svg`, when present):
at that size the full icon's entry lines blur into grey, so the small one keeps only the
shapes that stay sharp on the pixel grid.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Final

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT: Final = Path(__file__).resolve().parent.parent
MASTER: Final = ROOT / "resources" / "icons" / "jurnal-desk.svg"
SMALL_MASTER: Final = ROOT / "resources" / "icons" / "jurnal-desk-small.svg"
OUTPUT: Final = ROOT / "app" / "resources" / "icons"
SIZES: Final = (16, 32, 48, 64, 128, 256)
SMALL_UP_TO: Final = 32


def render(master: Path, size: int) -> QImage:
    renderer = QSvgRenderer(str(master))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {master}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    return image


def master_for(size: int) -> Path:
    return SMALL_MASTER if size <= SMALL_UP_TO and SMALL_MASTER.exists() else MASTER


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        target = OUTPUT / f"jurnal-desk-{size}.png"
        if not render(master_for(size), size).save(str(target)):
            raise SystemExit(f"cannot write {target}")
        print(target.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
