"""What Jurnal Desk tells a user about a password store that cannot be used: what happened
and what to do, as catalog messages. No secret is ever part of these texts."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from app.core import environment
from app.core.error_text import os_reason
from app.core.i18n import Text, tr
from app.profiles.file_keyring import MIN_PASSWORD_LENGTH

__all__ = ["MIN_PASSWORD_LENGTH"]

USE_FILE_COMMAND: Final = "jurnal-desk keyring use-file"
PASSWORD_ENV: Final = environment.KEYRING_PASSWORD

# The system password stores a user knows by name, by the keyring backend's module.
_STORE_NAMES: Final = {
    "keyring.backends.SecretService": "GNOME Keyring (Secret Service)",
    "keyring.backends.libsecret": "GNOME Keyring (libsecret)",
    "keyring.backends.kwallet": "KWallet",
    "keyring.backends.Windows": "Windows Credential Manager",
    "keyring.backends.macOS": "macOS Keychain",
}


def store_name(backend: object) -> str:
    """The password store's name as its user knows it ("Windows Credential Manager"), else
    the keyring backend's own display name; a chain of stores by the first it holds."""
    chained = getattr(backend, "backends", None)
    if isinstance(chained, list | tuple) and chained:
        return store_name(chained[0])
    kind = type(backend)
    known = _STORE_NAMES.get(kind.__module__)
    if known is not None:
        return known
    name = getattr(backend, "name", "")
    return name if isinstance(name, str) and name else f"{kind.__module__}.{kind.__qualname__}"


def where_to_turn_on_the_file() -> Text:
    """Where the encrypted secrets file is turned on: every place named here exists."""
    return tr(
        'tombol "Pakai berkas terenkripsi…" di langkah pertama Tambah perusahaan (menu '
        "Berkas), atau perintah `{command}`",
        command=USE_FILE_COMMAND,
    )


def needs_terminal(backend: str) -> Text:
    return tr(
        "Penyimpanan kata sandi yang dipilih ({backend}) meminta kata sandinya di terminal. "
        "Jendela Jurnal Desk (dan tugas terjadwal tanpa terminal) tidak bisa menjawabnya, jadi "
        "penyimpanan itu tidak dipakai. Pilih salah satu: pakai berkas rahasia terenkripsi "
        "Jurnal Desk ({where}), yang kata sandinya diminta di jendela; atau di desktop Linux "
        "jalankan GNOME Keyring/KWallet dan hapus variabel PYTHON_KEYRING_BACKEND.",
        backend=backend,
        where=where_to_turn_on_the_file(),
    )


def file_locked(path: Path) -> Text:
    return tr(
        "Berkas rahasia terenkripsi Jurnal Desk ({path}) masih terkunci. Buka kuncinya dengan "
        'kata sandinya: tombol "Buka kunci" di jendela.',
        path=path,
    )


def no_password_given(path: Path) -> Text:
    return tr(
        "Berkas rahasia terenkripsi {path} perlu kata sandinya, tetapi tidak ada yang diketik. "
        "Ketik kata sandinya saat diminta, atau (tugas terjadwal) isi variabel lingkungan "
        "{env}.",
        path=path,
        env=PASSWORD_ENV,
    )


def wrong_password(path: Path) -> Text:
    return tr(
        "Kata sandi itu tidak membuka berkas rahasia {path}; tidak ada yang diubah. Coba lagi "
        "(perhatikan Caps Lock). Bila lupa, kredensial di dalamnya tidak bisa dibuka siapa pun: "
        "hapus berkas itu, jalankan `{command}` lagi, lalu masukkan lagi kredensial setiap "
        "perusahaan.",
        path=path,
        command=USE_FILE_COMMAND,
    )


def file_damaged(path: Path, reason: str) -> Text:
    return tr(
        "Berkas rahasia {path} tidak bisa dibaca ({reason}); berkas itu tidak diubah. "
        "Kembalikan dari cadangan, atau ganti namanya lalu jalankan `{command}` lagi dan "
        "masukkan lagi kredensial setiap perusahaan.",
        path=path,
        reason=reason,
        command=USE_FILE_COMMAND,
    )


def password_too_short() -> Text:
    return tr(
        "Kata sandi berkas rahasia minimal {n} karakter; tidak ada yang diubah.",
        n=MIN_PASSWORD_LENGTH,
    )


def passwords_differ() -> Text:
    return tr("Kedua kata sandi tidak sama; ketik lagi.")


def choice_not_written(path: Path, error: OSError) -> Text:
    return tr(
        "Pilihan penyimpanan kata sandi tidak bisa disimpan ke {path}: {reason}. Periksa izin "
        "folder itu, lalu coba lagi.",
        path=path,
        reason=os_reason(error),
    )


def choice_damaged(detail: str) -> Text:
    return tr(
        "Pilihan penyimpanan kata sandi Jurnal Desk tidak bisa dibaca ({detail}). Jalankan "
        "`{command}` atau `jurnal-desk keyring use-system` untuk memilih lagi.",
        detail=detail,
        command=USE_FILE_COMMAND,
    )


def unexpected(backend: str, error: BaseException) -> Text:
    # The exception's own text is left out: a backend may repeat the value it was given.
    return tr(
        "Penyimpanan kata sandi ({backend}) gagal dengan kesalahan tak terduga ({kind}). "
        "Pastikan penyimpanan itu terbuka lalu coba lagi, atau pakai berkas rahasia "
        "terenkripsi Jurnal Desk (`{command}`).",
        backend=backend,
        kind=type(error).__name__,
        command=USE_FILE_COMMAND,
    )


def entry_may_remain(name: str, reason: Text) -> Text:
    """`profile remove` when the password store could not be opened to forget the secrets."""
    return tr(
        "Profil '{name}' dihapus. Token dan secret-nya mungkin masih ada di penyimpanan kata "
        "sandi, karena penyimpanan itu tidak bisa dibuka: {reason} Bila perlu, hapus sendiri "
        "entri layanan 'jurnal-desk' bernama '{name}:token' dan '{name}:secret' di sana.",
        name=name,
        reason=reason,
    )
