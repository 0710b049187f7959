"""The smallest Qt window, for `jurnal-desk --self-test`: can Qt start on this machine?

Run in a child process (`jurnal-desk --qt-probe`), because a Qt that cannot load its platform
plugin aborts the whole process; the self-test reads what it printed and its exit status.
Prints one line, `platform=<name> qt=<version>`, and exits 0 when a window could be shown.
"""

from __future__ import annotations

import sys


def main() -> int:
    from PySide6.QtCore import qVersion
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(["jurnal-desk-qt-probe"])
    label = QLabel("Jurnal Desk")
    label.show()
    app.processEvents()
    print(f"platform={app.platformName()} qt={qVersion()}", flush=True)
    label.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
