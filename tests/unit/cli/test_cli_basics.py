import subprocess
import sys

import pytest

from app.cli import main
from app.core.i18n import set_language, verbatim


@pytest.fixture(autouse=True)
def indonesian_after():
    """--help sets the language asked for and exits: the next test starts in Indonesian."""
    yield
    set_language("id")


def test_help_lists_the_commands_and_exits_cleanly(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("penggunaan: jurnal-desk")  # argparse's words in Indonesian too
    listed = {line.split()[0] for line in out.splitlines() if line.startswith("    ")}
    assert {"post", "check", "validate", "history", "undo", "sandbox"} <= listed


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "app", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.startswith("jurnal-desk ")


def _command_modules_imported_by(arguments: list[str]) -> list[str]:
    """The command modules `jurnal-desk <arguments>` imported, run in a fresh interpreter."""
    probe = (
        "import contextlib, io, sys\n"
        "from app.cli import commands, main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main({arguments!r})\n"
        "names = {f'app.cli.{c.module}' for c in commands.COMMANDS}\n"
        "print(' '.join(sorted(names & set(sys.modules))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    return result.stdout.split()


@pytest.mark.parametrize("arguments", [["--help"], ["--version"], ["--lang", "xx"]])
def test_help_and_version_start_without_loading_any_command(arguments):
    assert _command_modules_imported_by(arguments) == []


def test_a_command_loads_only_its_own_modules():
    loaded = _command_modules_imported_by(["template", "--help"])
    assert "app.cli.template" in loaded
    assert "app.cli.post" not in loaded
    assert "app.cli.sandbox" not in loaded


def test_every_command_module_is_listed_with_the_commands_it_adds():
    """A module with `register` that the table misses would be a command nobody can run."""
    import argparse
    import pkgutil

    import app.cli
    from app.cli import commands

    for info in pkgutil.iter_modules(app.cli.__path__):
        module = commands.load(commands.Command("", info.name, verbatim("")))
        if not hasattr(module, "register"):
            continue
        subparsers = argparse.ArgumentParser().add_subparsers()
        module.register(subparsers)
        added = {action.dest: action.help for action in subparsers._choices_actions}
        listed = {c.name: c.summary.get() for c in commands.COMMANDS if c.module == info.name}
        assert added == listed, info.name


def test_help_lists_every_command_with_its_summary(capsys):
    from app.cli import commands

    with pytest.raises(SystemExit):
        main(["--help"])
    out = " ".join(capsys.readouterr().out.split())
    for command in commands.COMMANDS:
        assert f"{command.name} {command.summary.get('id')}" in out


@pytest.mark.parametrize(
    ("arguments", "environment", "words"),
    [
        (["--help"], None, "periksa buku kerja jurnal dan tampilkan masalahnya"),
        (["--lang", "en", "--help"], None, "check a journal workbook and list its problems"),
        (["--lang=zh", "--help"], None, "检查分录工作簿并列出其问题"),
        (["--help"], "en", "check a journal workbook and list its problems"),
        (["--lang", "en", "validate", "--help"], None, "the sheet to read (default: detected)"),
        (["--lang", "zh", "validate", "--help"], None, "要读取的工作表（默认：自动检测）"),
    ],
)
def test_help_speaks_the_language_asked_for(capsys, monkeypatch, arguments, environment, words):
    if environment is None:
        monkeypatch.delenv("JURNAL_DESK_LANG", raising=False)
    else:
        monkeypatch.setenv("JURNAL_DESK_LANG", environment)
    with pytest.raises(SystemExit) as exit_:
        main(arguments)
    assert exit_.value.code == 0
    assert words in " ".join(capsys.readouterr().out.split())
