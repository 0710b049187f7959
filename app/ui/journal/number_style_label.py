"""The number style the journal grid reads and shows, in the window's status bar while the
Journal page is shown: "Angka: 1.234,56" ("Numbers: 1.234,56"), so that a user reading the
menus in English sees that 1.500 typed in the grid is fifteen hundred before typing it. Its
tooltip says what that means and where to change it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from app.core.books.money import STYLE_NAMES, STYLE_SAMPLES
from app.core.books.number_style import NumberStyle
from app.core.i18n import Text, tr
from app.ui.common.words import bind

_STYLE = "QLabel { color: #4A5361; padding: 0 8px; }"


def style_texts(style: NumberStyle) -> tuple[Text, Text]:
    """ "Angka: 1.234,56", and its tooltip."""
    name = STYLE_NAMES[style]
    shown = tr("Angka: {s}", s=STYLE_SAMPLES[style])
    if style is NumberStyle.ID:
        example = tr("1.500 = seribu lima ratus")
    else:
        example = tr("1,500 = seribu lima ratus")
    tip = tr(
        "Angka di tabel Jurnal diketik dan ditampilkan dengan gaya {s} ({x}), apa pun bahasa "
        "menunya. Ganti di Berkas › Pengaturan › Gaya angka.",
        s=name,
        x=example,
    )
    return shown, tip


class NumberStyleLabel(QLabel):
    """Shows one number style; follows a language switch (its texts are bound)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("numberStyle")
        self.setStyleSheet(_STYLE)

    def show_style(self, style: NumberStyle) -> None:
        shown, tip = style_texts(NumberStyle(style))
        bind(self, shown)
        bind(self, tip, "setToolTip")


__all__ = ["NumberStyleLabel", "style_texts"]
