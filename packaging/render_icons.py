"""Renders the app icon's PNGs from the SVG masters in resources/icons/.

Run from the repository root after changing an SVG:

    QT_QPA_PLATFORM=offscreen python packaging/render_icons.py

It also writes the icons the standalone builds want on the other platforms, from the same
PNGs: resources/icons/jurnal-desk.ico (Windows) and jurnal-desk.icns (macOS), both holding
PNG-compressed images (Windows Vista and Mac OS X 10.7 onwards read those).

Sizes up to 32 px come from a simplified master (`jurnal-desk-small.svg`, when present):
at that size the full icon's entry lines blur into grey, so the small one keeps only the
shapes that stay sharp on the pixel grid.
"""

from __future__ import annotations

import struct
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
ICO: Final = ROOT / "resources" / "icons" / "jurnal-desk.ico"
ICNS: Final = ROOT / "resources" / "icons" / "jurnal-desk.icns"
ICO_SIZES: Final = (16, 32, 48, 64, 128, 256)
# icns element types for PNG data, by pixel size (ic11/ic12/ic13 are the @2x variants).
ICNS_TYPES: Final = (
    (b"icp4", 16), (b"icp5", 32), (b"ic11", 32), (b"icp6", 64), (b"ic12", 64),
    (b"ic07", 128), (b"ic08", 256), (b"ic13", 256),
)  # fmt: skip


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


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico: header, one directory entry per size, then the PNGs."""
    header = struct.pack("<HHH", 0, 1, len(ICO_SIZES))
    offset = len(header) + 16 * len(ICO_SIZES)
    entries, images = b"", b""
    for size in ICO_SIZES:
        data = pngs[size]
        side = size % 256  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns: big-endian (type, length) elements holding the PNGs."""
    elements = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(elements)) + elements


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    pngs: dict[int, bytes] = {}
    for size in SIZES:
        target = OUTPUT / f"jurnal-desk-{size}.png"
        if not render(master_for(size), size).save(str(target)):
            raise SystemExit(f"cannot write {target}")
        pngs[size] = target.read_bytes()
        print(target.relative_to(ROOT))
    for target, data in ((ICO, ico_bytes(pngs)), (ICNS, icns_bytes(pngs))):
        target.write_bytes(data)
        print(target.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
