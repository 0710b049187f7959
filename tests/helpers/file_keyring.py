"""A keyring backend in a JSON file, so separate test processes share secrets.

Only for tests that run `jurnal-desk` as a real child process (the OS keyring is the one part
tests may fake). Chosen with PYTHON_KEYRING_BACKEND=tests.helpers.file_keyring.FileKeyring
and JURNAL_DESK_TEST_KEYRING=<path>, with the checkout on PYTHONPATH.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError


class FileKeyring(KeyringBackend):
    priority = -1  # type: ignore[assignment]  # never chosen automatically

    @property
    def path(self) -> Path:
        return Path(os.environ["JURNAL_DESK_TEST_KEYRING"])

    def _load(self) -> dict[str, str]:
        return json.loads(self.path.read_text()) if self.path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\n{username}"] = password
        self.path.write_text(json.dumps(data))

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        if data.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError(username)
        self.path.write_text(json.dumps(data))
