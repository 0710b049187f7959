"""Owns the X clipboard for a test, as another application would (a spreadsheet the user
copied rows from): each line read on stdin is a JSON string put on the clipboard, answered
with `OWNED` once it is there. Runs until stdin closes.

`python tests/helpers/x_clipboard.py` with DISPLAY set to the test's X server.
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QSocketNotifier
from PySide6.QtGui import QClipboard, QGuiApplication


def main() -> int:
    app = QGuiApplication(sys.argv[:1])
    clipboard = app.clipboard()
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

    def read_line() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        clipboard.setText(json.loads(line), QClipboard.Mode.Clipboard)
        print("OWNED", flush=True)

    notifier.activated.connect(read_line)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
