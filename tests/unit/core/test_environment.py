"""Environment variables: read in app/core/environment.py only, and the language chosen once,
by the command line's parser, for the commands and the window alike."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from app.cli import EXIT_USAGE, main
from app.core.i18n import current_language, set_language
from tests.helpers.cli_helpers import journal_rows
from tests.helpers.paths import ROOT
from tests.helpers.workbooks import write_workbook

READER = Path("app/core/environment.py")
# Copies the whole environment for the Qt check's child process: it passes it on, unread.
PASSES_IT_ON = {Path("app/selftest/qt.py")}


def environment_reads(text: str) -> list[int]:
    """Lines that touch os.environ or call os.getenv (or import either from os)."""
    lines = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb"):
            if isinstance(node.value, ast.Name) and node.value.id == "os":
                lines.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "os":
            lines += [node.lineno for a in node.names if a.name in ("environ", "getenv")]
    return sorted(lines)


def test_only_the_environment_module_reads_environment_variables():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "app").rglob("*.py"))
        if path.relative_to(ROOT) not in {READER, *PASSES_IT_ON}
        for line in environment_reads(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "read app.core.environment instead: " + ", ".join(found)


def test_the_check_finds_a_read():
    assert environment_reads("import os\nx = os.environ.get('A')\ny = os.getenv('B')\n") == [2, 3]
    assert environment_reads("from os import environ\n") == [1]


@pytest.fixture
def language():
    yield
    set_language("id")


@pytest.mark.parametrize(
    ("argv", "variable", "expected"),
    [
        ([], None, "Baris jurnal:"),
        ([], "en", "Lines:"),
        (["--lang", "id"], "en", "Baris jurnal:"),  # --lang wins over the variable
        (["--lang", "en"], None, "Lines:"),
        # Chinese: its words from its catalog, the amounts in its style, the figures in line.
        (["--lang", "zh"], None, "借方合计:              1,500,000.50"),
    ],
)
def test_commands_speak_the_language_of_lang_or_the_variable(
    monkeypatch, capsys, tmp_path, language, argv, variable, expected
):
    if variable is None:
        monkeypatch.delenv("JURNAL_DESK_LANG", raising=False)
    else:
        monkeypatch.setenv("JURNAL_DESK_LANG", variable)
    book = write_workbook(tmp_path / "agustus.xlsx", journal_rows(1))
    assert main([*argv, "validate", str(book)]) == 0
    assert expected in capsys.readouterr().out


def test_an_unknown_language_in_the_variable_is_a_usage_error(monkeypatch, capsys, language):
    monkeypatch.setenv("JURNAL_DESK_LANG", "fr")
    with pytest.raises(SystemExit) as stopped:
        main(["validate", "agustus.xlsx"])
    assert stopped.value.code == EXIT_USAGE
    assert "JURNAL_DESK_LANG='fr'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "variable", "handed"),
    [
        ([], None, None),  # the window then uses the language saved in its Settings
        ([], "en", "en"),
        (["--lang", "id"], "en", "id"),
    ],
)
def test_the_window_is_handed_the_language_the_parser_chose(
    monkeypatch, language, argv, variable, handed
):
    import app.ui.shell.application as application

    if variable is None:
        monkeypatch.delenv("JURNAL_DESK_LANG", raising=False)
    else:
        monkeypatch.setenv("JURNAL_DESK_LANG", variable)
    opened: list[str | None] = []
    # The window itself is not opened here (test_packaging opens the real one).
    monkeypatch.setattr(
        application, "run_gui", lambda **options: opened.append(options["language"]) or 0
    )
    assert main(argv) == 0
    assert opened == [handed]
    assert current_language() == (handed or "id")
