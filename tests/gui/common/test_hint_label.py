"""A hint line is grey, and red while it tells of a problem: its colours are its own."""

from __future__ import annotations

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel, QWidget

from app.ui.common.hint_label import HintLabel, mute


def ink(widget: QWidget) -> set[str]:
    """The colours of the widget's text: every pixel not its background, as #rrggbb."""
    picture = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    background = QColor(picture.pixel(0, 0)).name()
    found = {
        QColor(picture.pixel(x, y)).name()
        for x in range(picture.width())
        for y in range(picture.height())
    }
    return found - {background}


def darkest(colours: set[str]) -> QColor:
    return min((QColor(c) for c in colours), key=lambda c: c.lightness())


def test_a_hint_is_grey_then_red_while_it_tells_of_a_problem_then_grey_again(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    hint = HintLabel(holder)
    hint.setText("Tidak ada masalah ███")
    hint.adjustSize()
    holder.show()

    grey = darkest(ink(hint))
    assert abs(grey.red() - grey.blue()) < 40  # no hue: grey
    hint.set_problem(True)
    red = darkest(ink(hint))
    assert red.red() > 150 and red.green() < 80 and red.blue() < 80
    hint.set_problem(False)
    assert darkest(ink(hint)) == grey


def test_a_muted_note_is_grey_not_black(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    note = QLabel(holder)
    mute(note)
    note.setText("███")
    note.adjustSize()
    holder.show()

    shade = darkest(ink(note))
    assert abs(shade.red() - shade.blue()) < 40 and 60 < shade.lightness() < 160
