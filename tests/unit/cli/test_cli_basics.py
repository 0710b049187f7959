import subprocess
import sys

import pytest

from app.cli import main


def test_help_lists_the_commands_and_exits_cleanly(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: jurnal-desk")
    listed = {line.split()[0] for line in out.splitlines() if line.startswith("    ")}
    assert {"post", "check", "validate", "history", "undo", "sandbox"} <= listed


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "app", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("jurnal-desk ")
