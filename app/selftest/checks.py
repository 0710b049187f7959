"""The self-test's offline checks other than Qt: each returns a `CheckResult`, touches nothing
the user has (a test keyring entry, temporary files), and never shows a secret."""

from __future__ import annotations

import secrets as random_secrets
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Final

from keyring.backend import KeyringBackend

from app.api.accurate import AccurateClient
from app.api.ratelimit import LimiterRegistry
from app.api.retrying import RetryPolicy
from app.api.signing import SignatureEncoding, sign
from app.core.i18n import JurnalError, Text, tr
from app.logs import log_path
from app.posting.outbox.ledger import Outbox
from app.profiles.home import HOME_ENV, app_home
from app.profiles.secrets import KeyringUnavailable, SecretStore
from app.sandbox.server import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN, Sandbox
from app.selftest.result import CheckResult, failed, passed

# The keyring check's entry: its own service name, so no profile's secrets are ever touched.
TEST_SERVICE: Final = "jurnal-desk-selftest"
TEST_USERNAME: Final = "selftest"

# The vendor's published vector (/work/shared/api-notes.md): the signature of this timestamp
# under this key. Shown nowhere; a wrong result means the installation is damaged.
VECTOR_TIMESTAMP: Final = "02/11/2023 09:01:01"
VECTOR_KEY: Final = "31d49b3dc632614495ff8071e5be44a1"
VECTOR_BASE64: Final = "8NxvylwwMcjGyzVXK0qbwNvFFuzHpwE9tECllVwLkbo="
VECTOR_HEX: Final = "f0dc6fca5c3031c8c6cb35572b4a9bc0dbc516ecc7a7013db440a5955c0b91ba"

KEYRING = tr("Penyimpanan kata sandi (keyring)")
HOME = tr("Folder data bisa ditulisi")
SIGNING = tr("Tanda tangan HMAC (vektor uji)")
SANDBOX = tr("Sandbox menjawab")
OUTBOX = tr("Riwayat posting (SQLite WAL)")
LOG_FILE = tr("Berkas log")

_REINSTALL = tr(
    "Instalasi rusak: pasang ulang Jurnal Desk (pip install --force-reinstall jurnal-desk, "
    "atau unduh ulang installer-nya)."
)


# -- keyring -------------------------------------------------------------------------------


def check_keyring(store: SecretStore | None = None) -> CheckResult:
    """Write, read back and delete a random test value under `TEST_SERVICE`."""
    try:
        backend = (store or SecretStore()).backend()
    except KeyringUnavailable as error:
        detail = tr(
            "tidak ada yang bisa dipakai (backend: {backend})",
            backend=error.backend_name,
        )
        return failed(KEYRING, detail.get(), error.text)
    name = _backend_name(backend)
    value = random_secrets.token_hex(16)
    try:
        round_trip = _round_trip(backend, value)
    except EOFError:
        # A file keyring (keyrings.alt) asking for its password with no terminal to ask on.
        detail = tr(
            "{backend} meminta kata sandinya, tetapi tidak ada terminal untuk menjawab",
            backend=name,
        )
        return failed(KEYRING, detail.get(), _keyring_remedy(name))
    except Exception as error:
        # The exception's own text is left out: a backend may repeat the value it was given.
        return failed(KEYRING, f"{name}: {type(error).__name__}", _keyring_remedy(name))
    if round_trip is not None:
        return failed(KEYRING, f"{name}: {round_trip.get()}", _keyring_remedy(name))
    return passed(KEYRING, name)


def _round_trip(backend: KeyringBackend, value: str) -> Text | None:
    backend.set_password(TEST_SERVICE, TEST_USERNAME, value)
    try:
        if backend.get_password(TEST_SERVICE, TEST_USERNAME) != value:
            return tr("nilai yang dibaca kembali berbeda")
    finally:
        backend.delete_password(TEST_SERVICE, TEST_USERNAME)
    if backend.get_password(TEST_SERVICE, TEST_USERNAME) is not None:
        return tr("nilai uji tidak terhapus")
    return None


def _keyring_remedy(backend_name: str) -> Text:
    return tr(
        "Buka kunci penyimpanan kata sandi ({backend}) lalu ulangi; bila masih gagal, lihat "
        "bagian keyring di README.",
        backend=backend_name,
    )


def _backend_name(backend: KeyringBackend) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


# -- home ----------------------------------------------------------------------------------


def check_home(home: Callable[[], Path] = app_home) -> CheckResult:
    """Create, write, flush and delete a file in the app's home."""
    try:
        folder = home()
    except JurnalError as error:
        return failed(HOME, str(error), _home_remedy())
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".selftest-") as probe:
            probe.write(b"jurnal-desk self-test\n")
            probe.flush()
    except OSError as error:
        detail = f"{folder}: {error.strerror or type(error).__name__}"
        return failed(HOME, detail, _home_remedy())
    return passed(HOME, str(folder))


def _home_remedy() -> Text:
    return tr(
        "Beri izin tulis pada folder itu (pemiliknya harus pengguna ini), atau atur {env} ke "
        "folder lain yang bisa ditulisi.",
        env=HOME_ENV,
    )


# -- signing -------------------------------------------------------------------------------


def check_signing() -> CheckResult:
    base64 = sign(VECTOR_TIMESTAMP, VECTOR_KEY)
    hex_digest = sign(VECTOR_TIMESTAMP, VECTOR_KEY, SignatureEncoding.HEX)
    if (base64, hex_digest) != (VECTOR_BASE64, VECTOR_HEX):
        detail = tr("HMAC-SHA256 dari vektor uji tidak sesuai hasil yang diterbitkan")
        return failed(SIGNING, detail.get(), _REINSTALL)
    return passed(SIGNING, "HMAC-SHA256 Base64 + hex")


# -- sandbox -------------------------------------------------------------------------------


def check_sandbox(sandbox_factory: Callable[[], Sandbox] = Sandbox) -> CheckResult:
    """Start the sandbox on 127.0.0.1 (a free port), ask it who the demo token is and for its
    chart over real HTTP, signed, then stop it."""
    try:
        sandbox = sandbox_factory().start()
    except OSError as error:
        detail = tr(
            "127.0.0.1 tidak bisa dibuka: {reason}",
            reason=error.strerror or type(error).__name__,
        )
        return failed(SANDBOX, detail.get(), _loopback_remedy())
    try:
        company, accounts = _ask_sandbox(sandbox)
    except JurnalError as error:
        return failed(SANDBOX, str(error), _loopback_remedy())
    finally:
        sandbox.stop()
    detail = tr(
        "{company}, {n} akun, lewat HTTP di 127.0.0.1",
        company=company,
        n=accounts,
    )
    return passed(SANDBOX, detail.get())


def _ask_sandbox(sandbox: Sandbox) -> tuple[str, int]:
    client = AccurateClient.create(
        token=DEMO_ACCURATE_TOKEN,
        secret=DEMO_ACCURATE_SECRET,
        limiter=LimiterRegistry().for_token(DEMO_ACCURATE_TOKEN),
        account_url=sandbox.account_url,
        retry=RetryPolicy(max_attempts=1),
    )
    with client:
        info = client.token_info()
        client.use_host(info.host)
        return info.company_name, len(client.accounts())


def _loopback_remedy() -> Text:
    return tr(
        "Izinkan koneksi lokal ke 127.0.0.1 (firewall atau antivirus), dan bila memakai proxy "
        "atur NO_PROXY=127.0.0.1,localhost."
    )


# -- outbox --------------------------------------------------------------------------------


def check_outbox(
    home: Callable[[], Path] = app_home, open_outbox: Callable[[Path], Outbox] = Outbox
) -> CheckResult:
    """Open a new posting history in a temporary folder inside the app's home (the file
    system the real one lives on; the system's temporary folder when the home is unusable)
    and confirm SQLite put it in WAL mode."""
    try:
        parent: Path | None = home()
    except JurnalError:
        parent = None
    try:
        with tempfile.TemporaryDirectory(dir=parent, prefix=".selftest-") as folder:
            path = Path(folder) / "outbox.sqlite3"
            open_outbox(path).close()
            mode = _journal_mode(path)
    except (JurnalError, OSError, sqlite3.Error) as error:
        detail = str(error) if isinstance(error, JurnalError) else type(error).__name__
        return failed(OUTBOX, detail, _outbox_remedy())
    if mode != "wal":
        wrong_mode = tr(
            "SQLite memakai journal_mode={mode}, bukan wal",
            mode=mode,
        )
        return failed(OUTBOX, wrong_mode.get(), _outbox_remedy())
    return passed(OUTBOX, f"journal_mode=wal, SQLite {sqlite3.sqlite_version}")


def _journal_mode(path: Path) -> str:
    # A second connection sees the mode the file was left in: WAL is kept in the file itself.
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("PRAGMA journal_mode").fetchone()[0]).lower()
    finally:
        connection.close()


def _outbox_remedy() -> Text:
    return tr(
        "Letakkan folder data di disk lokal (bukan folder jaringan atau sinkronisasi awan) "
        "dengan {env}, dan pastikan disk tidak penuh.",
        env=HOME_ENV,
    )


# -- log file ------------------------------------------------------------------------------


def check_log_file(current: Path | None) -> CheckResult:
    """`current` is the file this run logs to (None when it could not be opened)."""
    if current is not None and current.is_file():
        return passed(LOG_FILE, str(current))
    detail = tr("{path} tidak bisa ditulisi", path=log_path())
    return failed(LOG_FILE, detail.get(), _home_remedy())
