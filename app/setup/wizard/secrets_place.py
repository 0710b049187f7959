"""Where a new company's secrets will go, asked before the credentials wizard lets anyone
type a token: the system's password store (by the name its user knows), the encrypted
secrets file in the app's folder (by its path), or nowhere yet, with the way out the wizard
offers right there (turn the encrypted file on, or unlock it).

`secrets_place(secrets)` may block (a locked keyring asks to be unlocked): call it on a
worker. Plain Python, no Qt."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from app.core.i18n import Text, tr
from app.profiles import keyring_words as keyring_texts
from app.profiles.file_keyring import MIN_PASSWORD_LENGTH, EncryptedFileKeyring
from app.profiles.secrets import (
    KeyringUnavailable,
    SecretsFileDamaged,
    SecretsFileLocked,
    SecretsProblem,
    SecretStore,
)


class Remedy(StrEnum):
    """What the wizard offers where the secrets cannot be kept yet."""

    NONE = ""  # nothing here can help: the problem's text says what to do
    USE_FILE = "use-file"  # no password store: turn the encrypted secrets file on
    UNLOCK_FILE = "unlock-file"  # the encrypted secrets file is in use but locked


@dataclass(frozen=True, slots=True)
class SecretsPlace:
    """Where the secrets go (`store` or `file`), or why they cannot go anywhere (`problem`)
    and what the wizard offers (`remedy`). `file` is the encrypted secrets file: in use, or
    the one the remedy would use; `file_exists` says whether turning it on opens one already
    there (its password) or makes a new one."""

    store: str = ""  # the system password store's name, when it keeps them
    file: Path | None = None
    problem: Text | None = None
    remedy: Remedy = Remedy.NONE
    file_exists: bool = False

    @property
    def ready(self) -> bool:
        return self.problem is None

    @property
    def in_file(self) -> bool:
        return self.ready and self.file is not None


def secrets_place(secrets: SecretStore) -> SecretsPlace:
    """Ask the password store where the secrets would go now (may block: on a worker)."""
    try:
        backend = secrets.backend()
    except SecretsFileLocked as locked:
        return SecretsPlace(
            file=locked.path, problem=locked.text, remedy=Remedy.UNLOCK_FILE, file_exists=True
        )
    except SecretsFileDamaged as damaged:
        return SecretsPlace(file=damaged.path, problem=damaged.text)
    except KeyringUnavailable as unavailable:
        if not secrets.can_use_file:
            return SecretsPlace(problem=unavailable.text)
        file = secrets.secrets_file()
        return SecretsPlace(
            file=file,
            problem=no_store_text(unavailable.backend_name, file),
            remedy=Remedy.USE_FILE,
            file_exists=file.exists(),
        )
    except SecretsProblem as problem:
        return SecretsPlace(problem=problem.text)
    if isinstance(backend, EncryptedFileKeyring):
        return SecretsPlace(file=backend.path, file_exists=True)
    return SecretsPlace(store=keyring_texts.store_name(backend))


def no_store_text(backend: str, file: Path) -> Text:
    """The wizard's first step on a computer with no usable password store: what it means,
    and the way out offered beside it (the "Pakai berkas terenkripsi…" button)."""
    return tr(
        "Komputer ini tidak punya penyimpanan kata sandi sistem (keyring) yang bisa dipakai "
        "({backend}), jadi token dan Signature Secret belum bisa disimpan. Jurnal Desk bisa "
        "menyimpannya terenkripsi di berkas {file} di folder aplikasinya, dengan kata sandi "
        "yang Anda pilih (minimal {n} karakter). Kata sandi itu diminta setiap kali Jurnal "
        "Desk dibuka, tidak pernah disimpan, dan tidak bisa dipulihkan bila lupa. Tekan "
        '"Pakai berkas terenkripsi…" untuk memakainya.',
        backend=backend,
        file=file,
        n=MIN_PASSWORD_LENGTH,
    )


def store_gone_text(place: SecretsPlace) -> Text:
    """Finish found no password store any more: the way out is offered on the same page
    (the panel above the message says what the encrypted file is)."""
    if place.remedy is Remedy.UNLOCK_FILE:
        return tr(
            'Berkas rahasia {file} terkunci. Tekan "Buka kunci…" di atas, lalu tekan Selesai lagi.',
            file=place.file,
        )
    return tr(
        'Penyimpanan kata sandi sistem tidak bisa dipakai lagi. Tekan "Pakai berkas '
        'terenkripsi…" di atas untuk menyimpannya terenkripsi di {file}, lalu tekan Selesai '
        "lagi.",
        file=place.file,
    )


def destination_text(place: SecretsPlace | None, accurate: bool, profiles: Path) -> Text:
    """The last step: where the secrets really go, named, and where the profile goes.
    `place` None: still being asked. (A sentence each for Accurate's two secrets and
    Sempoa's one token: the languages' grammar differs between them.)"""
    if place is None:
        return tr(
            "Memeriksa penyimpanan kata sandi… Profil disimpan di {path}.",
            path=profiles,
        )
    if place.in_file:
        return _in_file(accurate, place.file, profiles)
    if place.ready and place.store:
        return _in_store(accurate, place.store, profiles)
    if accurate:
        return tr(
            "API Token dan Signature Secret belum bisa disimpan: lihat pesan di bawah. Profil "
            "disimpan di {path}.",
            path=profiles,
        )
    return tr(
        "Token belum bisa disimpan: lihat pesan di bawah. Profil disimpan di {path}.",
        path=profiles,
    )


def _in_file(accurate: bool, file: Path | None, profiles: Path) -> Text:
    if accurate:
        return tr(
            "API Token dan Signature Secret disimpan terenkripsi di berkas {file} (dengan kata "
            "sandi berkas itu), tidak pernah sebagai teks biasa. Profil disimpan di {path}.",
            file=file,
            path=profiles,
        )
    return tr(
        "Token disimpan terenkripsi di berkas {file} (dengan kata sandi berkas itu), tidak "
        "pernah sebagai teks biasa. Profil disimpan di {path}.",
        file=file,
        path=profiles,
    )


def _in_store(accurate: bool, store: str, profiles: Path) -> Text:
    if accurate:
        return tr(
            "API Token dan Signature Secret disimpan di penyimpanan kata sandi sistem: {store}; "
            "tidak pernah di berkas. Profil disimpan di {path}.",
            store=store,
            path=profiles,
        )
    return tr(
        "Token disimpan di penyimpanan kata sandi sistem: {store}; tidak pernah di berkas. "
        "Profil disimpan di {path}.",
        store=store,
        path=profiles,
    )
