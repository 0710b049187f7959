"""Owns the X clipboard for a test, as another application would (a spreadsheet the user
copied rows from): each line read on stdin is a JSON string put on the clipboard, answered
with `OWNED` once it is there, and with `READ` the first time another application takes
that text from it (so a test knows its paste has the rows before it offers the next ones).
Runs until stdin closes.

`python tests/helpers/x_clipboard.py` with DISPLAY set to the test's X server.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QMimeData, QSocketNotifier
from PySide6.QtGui import QClipboard, QGuiApplication


class TellingText(QMimeData):
    """Text on the clipboard that says `READ` on stdout when it is first handed out."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.setText(text)
        self.told = False

    def retrieveData(self, mime_type: str, preferred_type: object) -> object:
        data = super().retrieveData(mime_type, preferred_type)
        if not self.told and mime_type.startswith("text/plain"):
            self.told = True
            print("READ", flush=True)
        return data


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    clipboard = app.clipboard()
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

    def read_line() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        clipboard.setMimeData(TellingText(json.loads(line)), QClipboard.Mode.Clipboard)
        print("OWNED", flush=True)

    notifier.activated.connect(read_line)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
