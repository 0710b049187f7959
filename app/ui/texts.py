"""Words the window uses in more than one place, in both languages.

Qt has no Indonesian translation of its own standard buttons, so every button is labelled
here (or in its view) rather than taken from `QDialogButtonBox`'s standard set.
"""

from __future__ import annotations

from typing import Final

from app.core.i18n import tr

APP_TITLE: Final = "Jurnal Desk"

COPY = tr("Salin", "Copy")
COPIED = tr("Disalin ke papan klip.", "Copied to the clipboard.")
SHOW = tr("Tampilkan", "Show")
HIDE = tr("Sembunyikan", "Hide")
REFRESH = tr("Muat ulang", "Reload")
CHECK_AGAIN = tr("Periksa koneksi", "Check connection")
QUIT = tr("&Keluar", "&Quit")
FILE_MENU = tr("&Berkas", "&File")
HELP_MENU = tr("Ba&ntuan", "&Help")
ABOUT = tr("&Tentang Jurnal Desk", "&About Jurnal Desk")
CLOSE = tr("Tutup", "Close")

PAGE_JOURNAL = tr("Jurnal", "Journal")
PAGE_HMAC = tr("Kalkulator HMAC", "HMAC calculator")
PAGE_HISTORY = tr("Riwayat", "History")

COMPANY = tr("Perusahaan", "Company")
