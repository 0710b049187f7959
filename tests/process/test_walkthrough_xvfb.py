"""The first hour at the keyboard, walked through with real X key events in a real window:
the app runs as its own process on an X server (Xvfb) with no usable keyring, and xdotool
types into it as a user's keyboard does; another process owns the clipboard, as a
spreadsheet would; the company is the sandbox on 127.0.0.1.

The walk: add the company with the wizard (the encrypted file offered on its first step),
type three entries, paste whole rows with the cursor in each column of the grid and a month
of rows below the last entry, switch to English (and bulk posting off) in the Settings, type
"1.500", save the grid with Ctrl+Shift+S and read the workbook back: every typed and pasted
value is where it was meant to go and nothing else changed. Then post, quit with Ctrl+Q in
the posting window part way through ("Stop and quit"), start again, unlock the secrets file,
press "Resume posting": every entry is in the books exactly once.

Xvfb runs no window manager: where one would give the main window the keys back after a
dialog closed, the test does (`Desk.focus_app`). Screen places are those of the 1280x840
window at the screen's corner. Skipped where Xvfb or xdotool is missing (.ci/run installs
both). Set JURNAL_DESK_WALKTHROUGH_SHOTS to a folder to keep a screenshot of each step
(needs ImageMagick's `import`).
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.core.excel.reader import read_rows, read_workbook
from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN, Faults, Sandbox
from tests.helpers.paths import HELPERS, ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb is not installed"),
    pytest.mark.skipif(shutil.which("xdotool") is None, reason="xdotool is not installed"),
]

D = Decimal
WAIT = 60.0
PASSWORD = "rahasia-123"
COMPANY = "PT Sandbox Jurnal Desk"
# Places in the 1280x840 window (no window manager: it opens at the screen's corner).
USE_ENCRYPTED_FILE = (415, 563)
ACCURATE_CHOICE = (316, 250)
ADVANCED = (382, 418)
ACCOUNT_ADDRESS = (638, 470)
GRID = (800, 650)
POST = (1218, 101)
RESUME = (83, 145)  # "Resume posting" on the banner that offers the stopped batch
# Typed in the grid with Tab and Enter: date, reference, description, first account and
# debit; second account, credit, memo.
TYPED = (
    ("05/08/2026", "BKK-0001", "Bayar listrik", "6-60005", "500.000", "1-10100", "PLN Agustus"),
    ("06/08/2026", "BKK-0002", "Bayar air", "6-60005", "125.000,50", "1-10100", "PDAM"),
    ("07/08/2026", "BKK-0003", "Isi kas kecil", "1-10001", "2.000.000", "1-10100", "Kas"),
)
TYPED_IN_ENGLISH = ("08/08/2026", "BKK-0004", "Fotokopi", "6-60005", "1.500", "1-10001", "")
PASTE_COLUMNS = 11  # Date … Project: the columns the grid shows
MONTH = 30  # a month of entries pasted at the end at once
TOTAL = len(TYPED) + PASTE_COLUMNS + MONTH + 1


class Desk:
    """The X display: keys, clicks, waiting for windows, screenshots."""

    def __init__(self, display: str, shots: Path | None) -> None:
        self.env = {**os.environ, "DISPLAY": display}
        self.env.pop("QT_QPA_PLATFORM", None)
        self.env.pop("WAYLAND_DISPLAY", None)
        self.shots = shots
        self.shot_number = 0

    def xdotool(self, *args: str) -> str:
        done = subprocess.run(
            ["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=WAIT
        )
        return done.stdout

    # The X server queues the key events and the app takes them in order, however busy it
    # is: the pauses only need to be a typist's, not long enough for the app to catch up.
    # (Waiting for a dialog is done by `window`, for its result by `wait_for`.)
    def keys(self, *keys: str) -> None:
        if keys:
            self.xdotool("key", "--delay", "25", *keys)
        time.sleep(0.05)

    def type(self, text: str) -> None:
        if text:
            self.xdotool("type", "--delay", "12", text)
        time.sleep(0.05)

    def click(self, where: tuple[int, int]) -> None:
        self.xdotool("mousemove", str(where[0]), str(where[1]), "click", "1")
        time.sleep(0.3)

    def click_for(self, where: tuple[int, int], name: str) -> None:
        """Click until the window titled `name` comes: a button may not be there or not be
        enabled yet while a worker finishes (asking the keyring, reading the chart). A click
        after the window opened reaches nothing: the window is modal, or the button is
        disabled once clicked (Resume posting)."""
        for _attempt in range(int(WAIT / 5)):
            self.click(where)
            if self.window(name, seconds=5.0):
                return
        self.window(name)

    def window(self, name: str, seconds: float = WAIT) -> bool:
        """Wait until a window titled `name` is on the screen, then give it the keyboard as
        a window manager gives a new window (the app may ask for it a moment after the
        window shows, and keys sent in between would go to the window behind); False if it
        did not come within `seconds` (less than WAIT), an assertion if not within WAIT."""
        deadline = time.monotonic() + seconds
        while not (found := self.xdotool("search", "--onlyvisible", "--name", f"^{name}$")):
            if time.monotonic() > deadline:
                assert seconds < WAIT, f"no window {name!r} within {WAIT:.0f} s"
                return False
            time.sleep(0.2)
        self.xdotool("windowfocus", "--sync", found.split()[0])
        return True

    def gone(self, name: str) -> None:
        """Wait until no window titled `name` is on the screen."""
        deadline = time.monotonic() + WAIT
        while self.xdotool("search", "--onlyvisible", "--name", f"^{name}$").strip():
            assert time.monotonic() < deadline, f"window {name!r} still open after {WAIT:.0f} s"
            time.sleep(0.2)

    def focus_app(self) -> None:
        """Give the main window the keyboard again after a dialog closed: what a window
        manager does (Xvfb runs none, and X leaves the focus on the screen's root)."""
        found = self.xdotool("search", "--onlyvisible", "--name", "^Jurnal Desk$").split()
        assert found, "the main window is not on the screen"
        self.xdotool("windowfocus", "--sync", found[0])
        time.sleep(0.3)

    def shot(self, name: str) -> None:
        if self.shots is None or shutil.which("import") is None:
            return
        self.shot_number += 1
        path = self.shots / f"{self.shot_number:02d}-{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], env=self.env, timeout=WAIT)


@pytest.fixture
def x_display() -> Iterator[str]:
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as announced:
        number = announced.readline().strip()
    try:
        assert number.isdigit(), "Xvfb did not start"
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def desk(x_display) -> Desk:
    folder = os.environ.get("JURNAL_DESK_WALKTHROUGH_SHOTS")
    shots = Path(folder) if folder else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    return Desk(x_display, shots)


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(Faults(latency_ms=50)) as running:
        running.accept_repeated_numbers()  # an entry sent twice would be in the books twice
        yield running


class Clipboard:
    """Another process owning the X clipboard (tests/helpers/x_clipboard.py)."""

    def __init__(self, desk: Desk) -> None:
        env = {**desk.env, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, str(HELPERS / "x_clipboard.py")],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def put(self, text: str) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(text) + "\n")
        self.process.stdin.flush()
        assert self.process.stdout.readline().strip() == "OWNED"

    def taken(self) -> None:
        """Wait until the app has read what was put: only then may the next rows go on."""
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], WAIT)
        assert ready, f"the app did not read the clipboard within {WAIT:.0f} s"
        assert self.process.stdout.readline().strip() == "READ"

    def close(self) -> None:
        self.process.communicate(timeout=30)  # its stdin closed: it quits


@pytest.fixture
def clipboard(desk) -> Iterator[Clipboard]:
    owner = Clipboard(desk)
    yield owner
    owner.close()


def start_app(desk: Desk, home: Path) -> subprocess.Popen:
    env = {
        **desk.env,
        "JURNAL_DESK_HOME": str(home),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",  # no usable keyring
        "PYTHONPATH": str(ROOT),
    }
    for name in ("JURNAL_DESK_LANG", "JURNAL_DESK_KEYRING_PASSWORD", "JURNAL_DESK_TOKEN"):
        env.pop(name, None)
    app = subprocess.Popen(
        [sys.executable, "-m", "app"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    desk.window("Jurnal Desk")
    return app


def wait_for(done: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not done():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def add_company(desk: Desk, sandbox: Sandbox, home: Path) -> None:
    """The wizard without a keyring: the encrypted file from its first step, then Accurate
    with the sandbox's address, the connection test, the name, Selesai."""
    desk.focus_app()
    desk.keys("alt+b", "Down", "Return")  # Berkas › Tambah perusahaan…
    desk.window("Tambah perusahaan")
    desk.shot("wizard-no-keyring")
    desk.click_for(USE_ENCRYPTED_FILE, "Berkas rahasia terenkripsi")  # once the keyring said
    desk.type(PASSWORD)  # the keys go into the password at once
    desk.keys("Tab")
    desk.type(PASSWORD)
    desk.keys("Return")
    desk.gone("Berkas rahasia terenkripsi")  # closed once the file is in use: Lanjut works
    assert (home / "secrets.enc").exists()
    desk.click(ACCURATE_CHOICE)
    desk.keys("Return")  # Lanjut
    desk.type(DEMO_ACCURATE_TOKEN)  # the token field has the keys
    desk.keys("Tab")  # to the Signature Secret (Tampilkan comes after it)
    desk.type(DEMO_ACCURATE_SECRET)
    desk.click(ADVANCED)
    desk.click(ACCOUNT_ADDRESS)
    desk.keys("ctrl+a")
    desk.type(sandbox.account_url)
    desk.shot("wizard-credentials")
    desk.keys("Return")  # Lanjut: the connection test
    time.sleep(3.0)
    desk.shot("wizard-connected")
    profiles = home / "profiles.json"
    deadline = time.monotonic() + WAIT
    while not (profiles.exists() and COMPANY in profiles.read_text(encoding="utf-8")):
        assert time.monotonic() < deadline, "the company was not saved"
        desk.keys("Return")  # Lanjut once the test passed, Selesai on the name
        time.sleep(1.0)
    time.sleep(2.0)  # the company is selected and its chart read
    desk.shot("company-added")


def glance_at_the_account() -> None:
    """The pause of a typist who looks at the account the list chose before typing the
    amount. Without it, on a machine loaded by the whole suite, the amount's first key was
    lost about once in five runs ("1.500" became ".500"): the account list, shown again
    after Tab had closed its editor, took the key. The grid now takes such a key
    (tests/gui/journal/grid/test_grid_completer.py); the pause stays until enough loaded
    runs without it have shown that was the only way a key got lost."""
    time.sleep(0.3)


def type_entry(desk: Desk, words: tuple[str, ...]) -> None:
    """Ctrl+Shift+Enter, then the entry across with Tab and Enter, as the grid's keys go.
    Every new entry starts on its date (below another it takes the date above, selected, so
    typing replaces it), so each entry is typed the same way."""
    when, reference, description, debit_account, amount, credit_account, memo = words
    desk.keys("ctrl+shift+Return")
    desk.type(when)
    desk.keys("Tab")
    desk.type(reference)
    desk.keys("Tab")
    desk.type(description)
    desk.keys("Tab")
    desk.type(debit_account)
    desk.keys("Tab")
    glance_at_the_account()
    desk.type(amount)
    desk.keys("Return")
    desk.type(credit_account)
    desk.keys("Tab", "Tab")
    glance_at_the_account()
    desk.type(amount)
    desk.keys("Tab")
    desk.type(memo)
    desk.keys("Return")


def pasted_rows(number: int, prefix: str = "TMP") -> str:
    amount = f"{number}0.000"
    reference, description = f"{prefix}-{number:02d}", f"Tempel {prefix} {number}"
    rows = [
        ("10/08/2026", reference, description, "6-60005", amount, "", "Excel"),
        ("10/08/2026", reference, description, "1-10100", "", amount, "Excel"),
    ]
    return "".join("\t".join(row) + "\r\n" for row in rows)


def paste_in_each_column(desk: Desk, clipboard: Clipboard) -> None:
    """The cursor on the first entry's first line, one column further each time; Ctrl+V."""
    for column in range(PASTE_COLUMNS):
        clipboard.put(pasted_rows(column + 1))
        desk.keys("ctrl+Home", *["Right"] * column, "ctrl+v")
        clipboard.taken()
    clipboard.put("".join(pasted_rows(number, "BLN") for number in range(1, MONTH + 1)))
    desk.keys("ctrl+End", "ctrl+v")  # below the last entry
    clipboard.taken()
    time.sleep(0.5)
    desk.shot("pasted")


def switch_to_english(desk: Desk) -> None:
    desk.keys("alt+b")  # Berkas
    desk.keys("p")  # Pengaturan…
    desk.window("Pengaturan")
    # Bahasa: English; Tab to "Posting massal" and off (one entry a request); Simpan.
    desk.keys("Down", "Tab", "Tab", "Tab", "Tab", "space")
    desk.shot("settings")
    desk.keys("Return")
    time.sleep(1.0)
    desk.shot("english")


def save_as_excel(desk: Desk, path: Path) -> None:
    desk.keys("ctrl+shift+s")
    desk.window("Save as Excel")
    desk.keys("ctrl+a")
    desk.type(str(path))
    desk.keys("Return")
    wait_for(path.exists, "the saved workbook")
    time.sleep(1.0)  # written on a worker: let it finish
    desk.shot("saved")


def post_then_quit_while_posting(desk: Desk, sandbox: Sandbox) -> None:
    """Post…, "Yes, post"; once entries are reaching the books, Ctrl+Q in the posting
    window, then "Stop and quit"."""
    sandbox.faults = Faults(latency_ms=1000)  # one entry a request: a run of seconds
    desk.click_for(POST, f"Posting to {COMPANY}")  # enabled once the chart has been read
    desk.keys("shift+Tab", "Return")  # Cancel is the default: "Yes, post" is before it
    desk.window(f"Posting to {COMPANY} — Jurnal Desk")
    wait_for(sandbox.vouchers, "the first entries in the books")
    desk.shot("posting")
    desk.keys("ctrl+q")
    desk.window("Quit Jurnal Desk")
    desk.shot("quit-question")
    desk.keys("shift+Tab", "Return")  # "Keep posting" is the default: "Stop and quit" first


def unlock_then_resume(desk: Desk) -> None:
    """The next start asks for the secrets file's password, then offers the batch."""
    desk.window("Unlock the secrets file")
    desk.shot("unlock")
    desk.type(PASSWORD)
    desk.keys("Return")
    time.sleep(3.0)
    desk.focus_app()
    desk.shot("resume-offer")
    # The offer comes once the outbox has been read; a click while the posting window is
    # on its way reaches a button disabled at the first click (the batch opens once).
    desk.click_for(RESUME, f"Posting to {COMPANY} — Jurnal Desk")
    desk.shot("resume-clicked")


def entry_rows(words: tuple[str, ...]) -> dict:
    when, reference, description, debit_account, amount, credit_account, memo = words
    value = D(amount.replace(".", "").replace(",", "."))
    return {
        "date": datetime.strptime(when, "%d/%m/%Y").date(),
        "reference": reference,
        "description": description,
        "lines": [(debit_account, value, D(0), ""), (credit_account, D(0), value, memo)],
    }


def pasted_entry(number: int, prefix: str = "TMP") -> dict:
    value = D(f"{number}0000")
    return {
        "date": date(2026, 8, 10),
        "reference": f"{prefix}-{number:02d}",
        "description": f"Tempel {prefix} {number}",
        "lines": [("6-60005", value, D(0), "Excel"), ("1-10100", D(0), value, "Excel")],
    }


WRITTEN_COLUMNS = ["Tanggal", "No. Bukti", "Deskripsi", "Kode Akun", "Debit", "Kredit"]


def other_cells(path: Path) -> list[tuple[str, object]]:
    """Cells of the workbook outside what was typed and pasted (memo aside): none, and no
    column beyond the grid's usual ones (an optional column written would add one)."""
    _sheet, rows = read_rows(path)
    header = rows[0]
    assert header == [*WRITTEN_COLUMNS, "Keterangan", "Departemen", "Proyek"], header
    return [
        (title, value)
        for row in rows[1:]
        for title, value in zip(header, row, strict=True)
        if title in ("Departemen", "Proyek") and value not in (None, "")
    ]


def as_dicts(path: Path) -> list[dict]:
    result = read_workbook(path)
    return [
        {
            "date": entry.date,
            "reference": entry.reference,
            "description": entry.description,
            "lines": [(ln.account, ln.debit, ln.credit, ln.memo) for ln in entry.lines],
        }
        for entry in result.entries
    ]


@pytest.fixture
def home() -> Iterator[Path]:
    """The app's home at a path of the same length on every machine: the wizard's notice
    names it, and where its lines wrap decides where the button under it is clicked."""
    folder = Path(tempfile.mkdtemp(prefix="jurnal-desk-home-", dir="/tmp"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def stopped_with_its_trail(app: subprocess.Popen, home: Path) -> None:
    """A step failed with the app still running: stop it, and print what it wrote to its
    error stream and the end of its log (pytest shows them beside the failure)."""
    app.kill()
    _out, err = app.communicate()
    log = home / "logs" / "jurnal-desk.log"
    tail = log.read_text(encoding="utf-8", errors="replace")[-6000:] if log.exists() else ""
    print(f"--- the app's error stream ---\n{err[-6000:]}\n--- the end of its log ---\n{tail}")


def test_the_first_hour_with_real_keys_in_a_real_window(tmp_path, home, desk, sandbox, clipboard):
    app = start_app(desk, home)
    try:
        desk.shot("started")
        add_company(desk, sandbox, home)

        desk.click(GRID)  # the keys go to the grid
        for words in TYPED:
            type_entry(desk, words)
        desk.shot("typed")
        paste_in_each_column(desk, clipboard)
        switch_to_english(desk)
        desk.focus_app()
        desk.keys("ctrl+End")
        type_entry(desk, TYPED_IN_ENGLISH)
        desk.shot("typed-in-english")
        workbook = tmp_path / "walkthrough.xlsx"
        save_as_excel(desk, workbook)
        post_then_quit_while_posting(desk, sandbox)
        _out, err = app.communicate(timeout=WAIT)
    finally:
        if app.poll() is None:
            stopped_with_its_trail(app, home)
    assert app.returncode == 0, err
    assert "Traceback" not in err, err
    posted_before = len(sandbox.vouchers())
    assert 0 < posted_before < TOTAL  # stopped part way

    sandbox.faults = Faults(latency_ms=50)
    again = start_app(desk, home)
    try:
        unlock_then_resume(desk)
        wait_for(lambda: len(sandbox.vouchers()) >= TOTAL, "the rest of the batch in the books")
        time.sleep(1.0)
        desk.shot("resumed")
    finally:
        if again.poll() is None:
            again.terminate()
        _out, err = again.communicate(timeout=WAIT)
    assert "Traceback" not in err, err

    # Pasted under the first entry each time: the later paste nearer to it.
    expected = [
        entry_rows(TYPED[0]),
        *[pasted_entry(number) for number in range(PASTE_COLUMNS, 0, -1)],
        entry_rows(TYPED[1]),
        entry_rows(TYPED[2]),
        *[pasted_entry(number, "BLN") for number in range(1, MONTH + 1)],
        entry_rows(TYPED_IN_ENGLISH),
    ]
    assert as_dicts(workbook) == expected
    assert other_cells(workbook) == []
    # Stopped, started again, finished: every entry in the books exactly once.
    in_books = Counter(voucher["number"] for voucher in sandbox.vouchers())
    assert in_books == Counter(entry["reference"] for entry in expected)
