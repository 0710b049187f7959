"""The main window. For now a start page; the journal grid and posting views come next."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Jurnal Desk")
        self.resize(960, 600)
        page = QWidget(self)
        layout = QVBoxLayout(page)
        title = QLabel("<h1>Jurnal Desk</h1>", page)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = QLabel(
            "Impor jurnal dari Excel, periksa keseimbangannya, lalu kirim ke Accurate Online "
            "atau Sempoa.\n\nUntuk saat ini gunakan perintah: jurnal-desk validate BERKAS.xlsx",
            page,
        )
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setWordWrap(True)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(body)
        layout.addStretch(2)
        self.setCentralWidget(page)
