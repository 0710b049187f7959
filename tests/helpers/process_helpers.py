"""Running `jurnal-desk` as a real child process: its environment (its own home, a file
keyring shared with the test, the demo credentials) and a Popen with text pipes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.sandbox import DEMO_ACCURATE_SECRET, DEMO_ACCURATE_TOKEN
from tests.helpers.paths import ROOT


def child_env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "JURNAL_DESK_HOME": str(home),
        "PYTHON_KEYRING_BACKEND": "tests.helpers.file_keyring.FileKeyring",
        "JURNAL_DESK_TEST_KEYRING": str(home / "keyring.json"),
        "PYTHONPATH": str(ROOT),
        "JURNAL_DESK_TOKEN": DEMO_ACCURATE_TOKEN,
        "JURNAL_DESK_SECRET": DEMO_ACCURATE_SECRET,
    }


def jurnal(env, *argv, **kwargs):
    return subprocess.Popen(
        [sys.executable, "-m", "app", *argv],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs,
    )  # fmt: skip
