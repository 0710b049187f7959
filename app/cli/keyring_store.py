"""`jurnal-desk keyring use-file|use-system|status`: where the tokens and secrets are kept.

By default they go to the operating system's password store. On a machine that has none
(a server, a bare Linux install), `use-file` turns on Jurnal Desk's encrypted secrets file in
the app's home instead, protected by a password of the user's choice: asked with a hidden
prompt, or read from JURNAL_DESK_KEYRING_PASSWORD (scheduled tasks). It is never a silent
fallback: only this command and the window's keyring banner turn it on.
"""

from __future__ import annotations

import argparse
import getpass

from app.cli import EXIT_OK, commands
from app.core import environment
from app.core.i18n import JurnalError, Text, tr
from app.profiles import keyring_words as keyring_texts
from app.profiles.home import app_home
from app.profiles.keyring_choice import PASSWORD_ENV
from app.profiles.secrets import SecretStore
from app.profiles.store import ProfileStore


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "keyring",
        help=commands.summary("keyring"),
        description=tr(
            "Pilih tempat Jurnal Desk menyimpan API Token dan Signature Secret: penyimpanan "
            "kata sandi sistem operasi (bawaan), atau berkas terenkripsi di folder Jurnal Desk "
            "untuk komputer yang tidak punya penyimpanan itu. Kata sandi berkas itu ditanyakan, "
            "atau dibaca dari {variable}.",
            variable=PASSWORD_ENV,
        ).get(),
    )
    actions = parser.add_subparsers(dest="keyring_command", metavar="ACTION", required=True)
    use_file = actions.add_parser(
        "use-file",
        help=tr("simpan rahasia di berkas terenkripsi di folder Jurnal Desk (secrets.enc)").get(),
        description=tr(
            "Buat (atau buka) berkas rahasia terenkripsi dan pakai mulai sekarang. Rahasia "
            "yang sudah ada di penyimpanan kata sandi sistem tidak dipindahkan: masukkan lagi."
        ).get(),
    )
    use_file.set_defaults(handler=run_use_file)
    use_system = actions.add_parser(
        "use-system", help=tr("kembali ke penyimpanan kata sandi sistem operasi").get()
    )
    use_system.set_defaults(handler=run_use_system)
    status = actions.add_parser(
        "status", help=tr("sebutkan penyimpanan kata sandi yang dipakai").get()
    )
    status.set_defaults(handler=run_status)


def run_use_file(args: argparse.Namespace) -> int:
    secrets = SecretStore(home=app_home())
    new = not secrets.secrets_file_exists()
    created = secrets.use_file(_password(confirm=new))
    print(_file_text(secrets, created))
    waiting = _profiles_without_secrets(secrets)
    if waiting:
        print(_enter_again_text(waiting))
    return EXIT_OK


def run_use_system(args: argparse.Namespace) -> int:
    secrets = SecretStore(home=app_home())
    secrets.use_system()
    print(
        tr(
            "Token dan secret sekarang disimpan di penyimpanan kata sandi sistem. Berkas "
            "{path} tidak dihapus; masukkan lagi kredensial perusahaan yang ada di dalamnya.",
            path=secrets.secrets_file(),
        )
    )
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    secrets = SecretStore(home=app_home())
    if secrets.uses_file():
        print(
            tr("Berkas rahasia terenkripsi: {path} (ada).", path=secrets.secrets_file())
            if secrets.secrets_file_exists()
            else tr("Berkas rahasia terenkripsi: {path} (belum ada).", path=secrets.secrets_file())
        )
        return EXIT_OK
    backend = secrets.check_available()  # raises with the remedy when there is none
    print(tr("Penyimpanan kata sandi sistem: {b}.", b=backend))
    return EXIT_OK


def _password(*, confirm: bool) -> str:
    from_env = environment.keyring_password()
    if from_env:
        return from_env
    first = _ask(_prompt(new=confirm))
    if confirm and _ask(_again()) != first:
        raise JurnalError(keyring_texts.passwords_differ())
    if not first:
        raise JurnalError(
            tr(
                "Tidak ada kata sandi yang diketik, jadi tidak ada yang diubah. Ketik kata "
                "sandinya saat diminta, atau isi variabel lingkungan {env}.",
                env=PASSWORD_ENV,
            )
        )
    return first


def _ask(prompt: Text) -> str:
    try:
        return getpass.getpass(str(prompt))
    except (EOFError, getpass.GetPassWarning):  # no terminal to ask on
        return ""


def _prompt(*, new: bool) -> Text:
    if new:
        return tr(
            "Kata sandi baru untuk berkas rahasia (min. {n} karakter, tidak tampil): ",
            n=keyring_texts.MIN_PASSWORD_LENGTH,
        )
    return tr("Kata sandi berkas rahasia (tidak tampil saat diketik): ")


def _again() -> Text:
    return tr("Ketik sekali lagi: ")


def _profiles_without_secrets(secrets: SecretStore) -> list[str]:
    try:
        profiles = ProfileStore(secrets.home, secrets).list()
        return [profile.name for profile in profiles if not secrets.has_token(profile.name)]
    except JurnalError:
        return []


def _file_text(secrets: SecretStore, created: bool) -> Text:
    if created:
        return tr(
            "Berkas rahasia terenkripsi {path} dibuat dan dipakai mulai sekarang. Ingat kata "
            "sandinya: tanpa itu, tidak ada yang bisa membuka token di dalamnya. Tugas "
            "terjadwal membacanya dari {env}.",
            path=secrets.secrets_file(),
            env=PASSWORD_ENV,
        )
    return tr(
        "Berkas rahasia terenkripsi {path} dipakai mulai sekarang.",
        path=secrets.secrets_file(),
    )


def _enter_again_text(names: list[str]) -> Text:
    return tr(
        "Kredensial perusahaan ini belum ada di berkas itu: {names}. Masukkan lagi di jendela "
        '(tombol "Masukkan lagi"), atau `jurnal-desk profile remove NAMA` lalu '
        "`jurnal-desk profile add NAMA --service ...`.",
        names=", ".join(names),
    )
